"""A running cell: grasping, releasing, belts, sensors, collisions, zones, time."""

import math

import numpy as np
import pytest

from robocampus.sim.cell.geometry import segment_distance, segment_segment
from robocampus.sim.cell.parts import pose_matrix, shape_of
from robocampus.sim.cell.spec import load_cell
from robocampus.sim.cell.trace import digest, dumps
from robocampus.sim.cell.world import CellHaltedError, World
from robocampus.sim.robot import Joints
from robocampus.sim.robot.motion import (
    CONTROL_CYCLE_S,
    MotionSettings,
    plan_mov,
    plan_mvs,
)

from .builders import BELT, SLOW, Run, cell, down

DT = CONTROL_CYCLE_S
B1 = down(300, -150, 15)  # the block's centre, flange down: the grasp pose

# -- grasping --------------------------------------------------------------------------


def test_grasp_at_the_grasp_pose_takes_the_part():
    run = Run(cell())
    run.pick(B1)
    (grasp,) = run.events("grasp")
    assert grasp.subject == "B1"
    assert run.world.held.id == "B1"
    np.testing.assert_allclose(run.part_xyz("B1"), [300, -150, 65], atol=1e-6)
    # The fingers close on the block's 40 mm width.
    assert run.world.opening_mm == pytest.approx(40.0)


def test_grasp_completes_after_the_actuation_time():
    run = Run(cell())
    run.mov(B1, -50)
    run.mvs(B1)
    t_close = run.world.time_s
    run.grip(True, settle_s=0.5)
    assert run.events("grasp")[0].time_s == pytest.approx(t_close + 0.2, abs=DT)


def test_moving_away_before_the_fingers_close_grasps_nothing():
    """HClose then moving at once: at 0.2 s the TCP has left (a missing Dly)."""
    run = Run(cell())
    run.mov(B1, -50)
    run.mvs(B1)
    run.world.hand(1, True)
    run.mvs(B1, -50)
    run.world.wait(0.3)
    assert run.events("grasp") == []
    assert run.events("grasp_failed")[0].data["reason"] == "position"
    assert run.world.held is None


def test_hand_centres_a_part_along_its_closing_axis():
    """8 mm off along the fingers is within (60 - 40) / 2 = 10 mm of room."""
    run = Run(cell())
    run.pick(down(300 + 8, -150, 15))  # tool X is world -X at C = 180
    assert run.world.held.id == "B1"
    # Centred in the hand: the block now sits under the TCP.
    np.testing.assert_allclose(run.part_xyz("B1")[:2], [308, -150], atol=1e-6)


def test_grasp_off_across_the_fingers_fails():
    """5 mm off across the fingers (world Y) is beyond the 3 mm tolerance."""
    run = Run(cell())
    run.mov(down(300, -145, 15), -50)
    run.mvs(down(300, -145, 15))
    run.grip(True)
    (failed,) = run.events("grasp_failed")
    assert failed.data["nearest"] == "B1"
    assert failed.data["reason"] == "position"
    assert failed.data["position_error_mm"] == pytest.approx(5.0)
    assert run.world.held is None
    # The block is between the fingers: they stop on it, not through it.
    assert run.world.opening_mm == pytest.approx(40.0)


def test_hand_squares_a_turned_block_within_tolerance():
    spec = cell(parts=[{"id": "B1", "type": "block", "pose": [300, -150, 15, 0, 0, 4]}])
    run = Run(spec)
    run.pick(B1)
    assert run.events("grasp")[0].data["angle_error_deg"] == pytest.approx(4.0)
    T = run.world.part_pose("B1")
    assert math.degrees(math.atan2(T[1, 0], T[0, 0])) == pytest.approx(0.0, abs=1e-6)


def test_block_turned_past_tolerance_is_not_gripped():
    spec = cell(
        parts=[{"id": "B1", "type": "block", "pose": [300, -150, 15, 0, 0, 30]}]
    )
    run = Run(spec)
    run.mov(B1, -50)
    run.mvs(B1)
    run.grip(True)
    assert run.events("grasp_failed")[0].data["reason"] == "angle"


def test_closing_on_air_is_recorded_and_closes_the_fingers():
    run = Run(cell())
    run.grip(True)
    (failed,) = run.events("grasp_failed")
    assert failed.data["reason"] == "position"
    assert run.world.opening_mm == 0.0


def test_suction_cup_picks_from_the_top():
    tool = {
        "kind": "suction",
        "tcp": [0, 0, 100, 0, 0, 0],
        "body": {"length_mm": 80, "radius_mm": 25},
        "cup": {"radius_mm": 10, "compliance_mm": 4},
        "suction_bit": 3,
    }
    run = Run(cell(tool=tool))
    top = down(300, -150, 30)
    run.mov(top, -50)
    run.mvs(top, 2)  # pressed 2 mm into the part: within the cup's compliance
    run.world.set_outputs(3, 1, 1)
    run.world.wait(0.3)
    assert run.world.held.id == "B1"
    assert run.world.halted is None


# -- releasing -------------------------------------------------------------------------


def _carry_to(run: Run, pose) -> None:
    run.pick(B1)
    run.mov(pose, -60)
    run.mvs(pose)
    run.grip(False)


def test_release_onto_a_tray_floor_places_it():
    tray = {
        "id": "tray",
        "kind": "tray",
        "shape": "box",
        "size_mm": [120, 120, 30],
        "wall_mm": 5,
        "pose": [350, 150, 15, 0, 0, 0],
    }
    run = Run(cell(fixtures=[*cell().model_dump()["fixtures"], tray]))
    _carry_to(run, down(350, 150, 5 + 15 + 1))  # 1 mm above the floor (top z 5)
    (placed,) = run.events("placed")
    assert placed.data["on"] == "tray.floor"
    assert placed.data["fall_mm"] == pytest.approx(1.0)
    np.testing.assert_allclose(run.part_xyz("B1"), [350, 150, 20], atol=1e-6)


def test_release_in_the_air_lets_it_fall_onto_the_table():
    run = Run(cell())
    _carry_to(run, down(350, 0, 15 + 50))
    (fell,) = run.events("fell")
    assert fell.data == {
        "on": "table",
        "fall_mm": 50.0,
        "pose": [350.0, 0.0, 15.0, 0.0, 0.0, 0.0],
    }


def test_release_beyond_the_table_drops_it_on_the_floor():
    run = Run(cell())
    _carry_to(run, down(100, -300, 80))  # table spans x 150..550
    (dropped,) = run.events("dropped")
    assert dropped.data["on"] == "floor"
    assert run.part_xyz("B1")[2] == pytest.approx(15.0)


# -- belts and sensors -----------------------------------------------------------------

EYE = {
    "kind": "photo_eye",
    "id": "eye",
    "source": [400, -80, 15],
    "target": [400, 80, 15],
    "input_bit": 1,
}


def _belt_cell():
    return cell(
        fixtures=[],
        devices=[BELT, EYE],
        parts=[{"id": "B1", "type": "block", "pose": [250, 0, 15, 0, 0, 0]}],
    )


def test_belt_and_photo_eye_timing_exact_to_one_cycle():
    """The block's front (x = 270 + 0.35 mm per tick) reaches the beam at 400."""
    world = World(_belt_cell())
    world.set_outputs(10, 1, 1)
    world.wait(6.0)
    edges = [(e.tick, e.data["value"]) for e in world.events if e.kind == "input"]
    # Broken when 270 + 0.35 k >= 400; clear when the rear, 230 + 0.35 k, > 400.
    assert edges == [(math.ceil(130 / 0.35), 1), (math.floor(170 / 0.35) + 1, 0)]
    (end,) = [e for e in world.events if e.kind == "part_at_end"]
    assert end.tick == math.ceil(330 / 0.35)
    # Against the stopper at the belt's end (x = 600): centre exactly at 580.
    assert world.parts["B1"].pose_at(world.tick, DT)[0, 3] == pytest.approx(580.0)


def test_a_stopped_belt_stops_its_parts():
    world = World(_belt_cell())
    world.set_outputs(10, 1, 1)
    world.wait(1.0)
    world.set_outputs(10, 1, 0)
    x = world.parts["B1"].pose_at(world.tick, DT)[0, 3]
    world.wait(2.0)
    assert world.parts["B1"].pose_at(world.tick, DT)[0, 3] == pytest.approx(x)
    assert x == pytest.approx(250 + 100 * round(1.0 / DT) * DT)


def test_parts_queue_against_the_stopper():
    parts = [
        {"id": "B1", "type": "block", "pose": [300, 0, 15, 0, 0, 0]},
        {"id": "B2", "type": "block", "pose": [230, 0, 15, 0, 0, 0]},
    ]
    world = World(cell(fixtures=[], devices=[BELT], parts=parts))
    world.set_outputs(10, 1, 1)
    world.wait(5.0)
    x = [world.parts[p].pose_at(world.tick, DT)[0, 3] for p in ("B1", "B2")]
    assert x == pytest.approx([580.0, 540.0])


def test_release_onto_a_running_belt_carries_the_part():
    stand = {
        "id": "stand",
        "kind": "stand",
        "shape": "box",
        "size_mm": [80, 80, 20],
        "pose": [300, -150, -10, 0, 0, 0],
    }
    run = Run(
        cell(
            fixtures=[stand],
            devices=[BELT],
            parts=[{"id": "B1", "type": "block", "pose": [300, -150, 15, 0, 0, 0]}],
        )
    )
    run.world.set_outputs(10, 1, 1)
    # Fingers across the belt (C = 90), so the block runs out between them.
    run.pick(B1)
    run.mov(down(300, 0, 16, c=90), -60)
    run.mvs(down(300, 0, 16, c=90))
    run.grip(False, settle_s=0.25)
    (placed,) = run.events("placed")
    assert placed.data["on"] == "belt"
    before = run.part_xyz("B1")[0]
    run.mov(down(300, -150, 200))
    assert run.part_xyz("B1")[0] > before + 10


def test_a_carried_part_breaks_a_beam():
    spec = cell(devices=[{**EYE, "source": [300, -80, 115], "target": [300, 80, 115]}])
    run = Run(spec)
    run.pick(B1)  # lifts the block to z = 65: under the beam at z = 115
    assert run.world.io.read_input(1) == 0
    run.mvs(down(300, 0, 115))
    assert run.world.io.read_input(1) == 1
    edge = next(e for e in run.events("input") if e.data["value"] == 1)
    # The beam (x = 300, z = 115) meets the block's top face (+15) first.
    assert edge.time_s < run.world.time_s


def test_feeder_variation_is_fixed_by_the_seed():
    def spawns(seed):
        world = World(load_cell("conveyor-sorting"), seed=seed)
        world.set_outputs(10, 1, 1)
        world.wait(40.0)
        return [
            (e.tick, e.kind, e.subject, str(e.data))
            for e in world.events
            if e.kind in ("spawn", "placed")
        ]

    assert spawns(1) == spawns(1)
    assert spawns(1) != spawns(2)
    assert len(spawns(1)) >= 8


def test_machine_handshake():
    machine = {
        "kind": "machine",
        "id": "press",
        "start_bit": 30,
        "busy_bit": 31,
        "done_bit": 32,
        "process_time_s": 2.0,
    }
    world = World(cell(devices=[machine]))
    world.wait(0.1)
    start = world.tick
    world.set_outputs(30, 1, 1)
    assert (world.io.read_input(31), world.io.read_input(32)) == (1, 0)
    assert world.wait_until(lambda w: w.io.read_input(32) == 1, 5.0)
    assert world.tick - start == round(2.0 / DT)
    assert world.io.read_input(31) == 0
    world.set_outputs(30, 1, 0)
    assert world.io.read_input(32) == 0


def test_output_words_and_read_back():
    world = World(cell())
    world.set_outputs(16, 8, 0xA5)
    assert world.io.read_output(16, 8) == 0xA5
    assert world.io.read_output(16) == 1
    assert world.io.read_output(17) == 0
    assert world.io.read_input(100, 16) == 0
    with pytest.raises(ValueError, match=r"byte value 256 at 16 is outside 0\.\.255"):
        world.set_outputs(16, 8, 256)


def test_wait_until_times_out():
    world = World(cell())
    assert world.wait_until(lambda w: w.io.read_input(5) == 1, 1.0) is False
    assert world.tick == round(1.0 / DT)


# -- collisions ------------------------------------------------------------------------


def _first_contact_by_brute_force(world, trajectory, body, other_T, other_shape):
    """Dense sampling (every 0.05 ms, joints linear between samples)."""
    from robocampus.sim.cell.bodies import body_capsules

    t = np.arange(0.0, trajectory.duration_s, 5e-5)
    Q = np.stack(
        [
            np.interp(t, trajectory.times_s, trajectory.joints_rad[:, j])
            for j in range(6)
        ],
        axis=1,
    )
    caps = body_capsules(world, Q, world.robot.fkine(Q))
    i = caps.index(body)
    if other_shape is None:  # another capsule (self-collision)
        j = caps.index(other_T)
        d = segment_segment(caps.a[i], caps.b[i], caps.a[j], caps.b[j])
        d -= caps.radius_mm[i] + caps.radius_mm[j]
    else:
        d = segment_distance(other_shape, other_T, caps.a[i], caps.b[i])
        d -= caps.radius_mm[i]
    hit = np.flatnonzero(d < 0)
    return t[hit[0]] if hit.size else None


def test_tool_into_the_table_is_found_at_the_right_time():
    run = Run(cell(parts=[]))
    run.mov(down(300, 0, 50))
    start = run.world.time_s
    trajectory = plan_mvs(run.world.robot, run.world.joints, down(300, 0, -20), SLOW)
    table = run.world.static_solids[0]
    expected = _first_contact_by_brute_force(
        run.world, trajectory, "finger_a", table.T, table.shape
    )
    run.world.execute(trajectory)
    (hit,) = run.events("collision")
    assert hit.subject in ("finger_a", "finger_b")
    assert "hit table" in hit.data["message_en"]
    assert hit.data["message_ko"].startswith(f"{hit.time_s:.3f}"[:4])
    contact_time = run.world.halted.params["time_s"]
    # The dense oracle samples every 0.05 ms.
    assert contact_time - start == pytest.approx(expected, abs=6e-5)
    assert run.world.status == "collision"


def test_near_miss_of_one_millimetre_is_not_a_collision():
    """The fingertips (at the TCP plane) sweep 1 mm above the table top."""
    run = Run(cell(parts=[]))
    run.mov(down(300, -200, 1), -30)
    run.mvs(down(300, -200, 1))
    run.mvs(down(300, 200, 1), settings=SLOW)
    assert run.world.halted is None
    assert run.events("collision") == []


def test_arm_sweeping_into_a_pillar():
    pillar = {
        "id": "pillar",
        "kind": "other",
        "shape": "cylinder",
        "radius_mm": 40,
        "height_mm": 1200,
        "pose": [0, 300, 600, 0, 0, 0],
    }
    run = Run(cell(parts=[], fixtures=[pillar]))
    target = Joints(120, 0, 90, 0, 90, 0)
    trajectory = plan_mov(run.world.robot, run.world.joints, target, MotionSettings())
    run.world.execute(trajectory)
    assert len(run.events("collision")) == 1
    assert run.world.halted.params["other"] == "pillar"
    body = run.world.halted.params["body"]
    solid = run.world.static_solids[0]
    expected = _first_contact_by_brute_force(
        run.world, trajectory, body, solid.T, solid.shape
    )
    assert run.world.halted.params["time_s"] == pytest.approx(expected, abs=1e-4)


def test_self_collision_of_the_hand_with_the_column():
    run = Run(cell(parts=[], fixtures=[]))
    target = Joints(0, -60, 160, 0, 120, 0)
    trajectory = plan_mov(run.world.robot, run.world.joints, target, MotionSettings())
    expected = _first_contact_by_brute_force(
        run.world, trajectory, "finger_a", "column", None
    )
    run.world.execute(trajectory)
    assert run.world.halted.params["other"] == "column"
    assert run.world.halted.params["time_s"] == pytest.approx(expected, abs=1e-4)


def test_carried_part_pushed_into_the_table():
    run = Run(cell())
    run.pick(B1)
    run.mvs(down(300, -150, 13))  # 2 mm deeper than it stood: past the 0.5 mm allowance
    (hit,) = run.events("collision")
    assert hit.subject == "part B1"
    assert run.world.halted.params["other"] == "table"
    assert 0.5 < run.world.halted.params["depth_mm"] <= 2.0


def test_setting_a_part_down_on_its_support_is_not_a_collision():
    run = Run(cell())
    run.pick(B1)
    run.mvs(B1)
    run.grip(False)
    assert run.world.halted is None
    assert run.events("placed")[0].data["fall_mm"] == pytest.approx(0.0)


def test_a_part_on_a_belt_runs_into_the_still_hand():
    """The block's front (x = 270 at t = 0, 100 mm/s) meets a fingertip."""
    run = Run(_belt_cell())
    run.mov(down(420, 0, 15), -60)
    run.mvs(down(420, 0, 15))  # the open fingers straddle x = 420 +- 36
    world = run.world
    world.set_outputs(10, 1, 1)
    start = world.time_s
    x0 = world.parts["B1"].pose_at(world.tick, DT)[0, 3] + 20  # front face now
    world.wait(5.0)
    assert len(run.events("collision")) == 1
    assert world.halted.params["other"] == "B1"
    # Finger (radius 6) at x = 420 - 36 = 384: its surface at 378.
    expected = start + (378 - x0) / 100.0
    assert world.halted.params["time_s"] == pytest.approx(expected, abs=1e-3)


def test_nothing_runs_after_a_collision():
    run = Run(cell(parts=[]))
    run.mov(down(300, 0, 50))
    run.mvs(down(300, 0, -20))
    with pytest.raises(CellHaltedError, match=r"the cell has stopped \(collision\)"):
        run.mov(down(300, 0, 100))


# -- zones -----------------------------------------------------------------------------


def test_leaving_the_work_area_stops_the_run():
    area = {"min": [0, -400, -5], "max": [400, 400, 600]}
    run = Run(cell(parts=[], zones={"work_area": area}))
    run.mov(down(380, 0, 300))
    run.mvs(down(440, 0, 300))
    assert run.world.status == "work_area"
    (event,) = run.events("zone_violation")
    assert "left the work area" in event.data["message_en"]
    assert "작업 영역" in event.data["message_ko"]


def test_light_curtain_holds_the_robot_while_someone_is_inside():
    curtain = {
        "kind": "light_curtain",
        "id": "curtain",
        "input_bit": 9,
        "zone": {"min": [800, -500, 0], "max": [1500, 500, 2000]},
        "stops_robot": True,
    }
    person = {
        "id": "op",
        "path": [
            {"t": 0, "xy": [2500, 0]},
            {"t": 0.5, "xy": [2500, 0]},
            {"t": 1.0, "xy": [1200, 0]},
            {"t": 2.0, "xy": [1200, 0]},
            {"t": 2.5, "xy": [2500, 0]},
        ],
    }
    run = Run(cell(parts=[], devices=[curtain], people=[person]))
    target = Joints(90, 0, 90, 0, 90, 0)
    slow = MotionSettings(ovrd_pct=10)
    trajectory = plan_mov(run.world.robot, run.world.joints, target, slow)
    run.world.execute(trajectory)
    stop, resume = run.events("protective_stop"), run.events("resume")
    assert len(stop) == 1
    assert len(resume) == 1
    held = resume[0].time_s - stop[0].time_s
    assert held > 0.5
    assert run.world.time_s == pytest.approx(trajectory.duration_s + held, abs=2 * DT)


def test_cobot_stops_when_a_person_comes_too_close():
    world = World(load_cell("cobot-assembly"), seed=3)
    target = Joints(-60, 30, 90, 0, 60, 0)
    for _ in range(16):
        if world.halted is not None:
            break
        world.execute(plan_mov(world.robot, world.joints, target, MotionSettings()))
        target = (
            Joints(60, 30, 90, 0, 60, 0)
            if target.j1 < 0
            else Joints(-60, 30, 90, 0, 60, 0)
        )
    violations = [e for e in world.events if e.kind == "ssm_violation"]
    assert violations
    v = violations[0].data
    assert v["separation_mm"] < v["required_mm"]


# -- the trace -------------------------------------------------------------------------


def _pick_and_place(seed=0):
    run = Run(load_cell("pick-and-place"), seed=seed)
    for src, dst in [
        ((300, -220, 15), (330, 175, 20)),
        ((300, -140, 15), (330, 220, 20)),
    ]:
        run.pick(down(*src))
        run.mov(down(*dst), -50)
        run.mvs(down(*dst))
        run.grip(False)
        run.mvs(down(*dst), -50)
    return run.world.finish()


def test_same_program_and_seed_give_a_byte_identical_trace():
    assert digest(_pick_and_place()) == digest(_pick_and_place())


def test_trace_is_compact():
    run = Run(load_cell("conveyor-sorting"), seed=1)
    run.world.set_outputs(10, 1, 1)
    for _ in range(12):
        run.mov(Joints(60, 20, 90, 0, 70, 0))
        run.mov(Joints(-30, 10, 100, 0, 70, 0))
    run.world.wait(max(0.0, 60.0 - run.world.time_s))
    trace = run.world.finish()
    assert trace["final"]["time_s"] >= 60.0
    assert len(dumps(trace).encode()) < 1_000_000


def test_trace_records_what_happened():
    trace = _pick_and_place()
    assert trace["format"] == "robocampus-trace"
    assert trace["version"] == 1
    assert trace["final"]["status"] == "completed"
    track = trace["robot_track"]
    assert len(track["t"]) == len(track["joints_deg"])
    assert np.all(np.diff(track["t"]) > 0)
    assert trace["parts"]["B1"]["pose"][-1][:3] == [330.0, 175.0, 20.0]
    kinds = {e["kind"] for e in trace["events"]}
    assert {"grasp", "release", "placed", "motion_start", "run_end"} <= kinds
    assert trace["scene"]["robot"]["model"] == "RV-2FR"


def test_part_shapes_build_from_specs():
    spec = load_cell("conveyor-sorting")
    shapes = {t.type: shape_of(t) for t in spec.part_types}
    assert shapes["blue"].radius_mm == 22.0
    assert pose_matrix([0, 0, 5, 0, 0, 0])[2, 3] == 5.0


def test_a_cylinder_is_gripped_at_any_turn():
    types = [{"type": "puck", "shape": "cylinder", "radius_mm": 20, "height_mm": 30}]
    parts = [{"id": "P1", "type": "puck", "pose": [300, -150, 15, 0, 0, 40]}]
    run = Run(cell(part_types=types, parts=parts))
    run.pick(B1)
    assert run.world.held.id == "P1"
    assert run.events("grasp")[0].data["angle_error_deg"] == pytest.approx(0.0)


def test_a_part_in_the_air_is_rejected_when_the_cell_is_built():
    from robocampus.sim.cell.spec import CellFileError

    parts = [{"id": "B1", "type": "block", "pose": [300, -150, 55, 0, 0, 0]}]
    with pytest.raises(CellFileError, match=r"parts\.0\.pose: part 'B1' does not rest"):
        World(cell(parts=parts))


def test_belt_changes_are_keyframes_for_playback():
    world = World(_belt_cell())
    world.set_outputs(10, 1, 1)
    world.wait(1.0)
    world.set_outputs(10, 1, 0)
    world.wait(1.0)
    track = world.finish()["parts"]["B1"]
    x = [p[0] for p in track["pose"]]
    # Linear playback between keyframes gives the true position at any time.
    for t in (0.3, 0.7, 1.5):
        true_x = 250.0 + 100.0 * min(t, round(1.0 / DT) * DT)
        assert np.interp(t, track["t"], x) == pytest.approx(true_x, abs=0.01)


def test_a_picked_part_empties_a_feeder_slot():
    feeder = {
        "kind": "feeder",
        "id": "f",
        "at": [300, -150, 0, 0, 0, 0],
        "types": {"block": 1},
        "mode": "when_empty",
        "interval_s": 0.5,
    }
    run = Run(cell(parts=[], devices=[feeder]))
    run.world.wait(1.0)
    assert [e.subject for e in run.events("spawn")] == ["f-1"]
    run.pick(B1)
    run.world.wait(1.0)
    assert [e.subject for e in run.events("spawn")] == ["f-1", "f-2"]


def test_a_photo_eye_with_types_sees_only_those_parts():
    from tests.sim.cell.builders import cell as make_cell

    spec = make_cell(
        part_types=[
            {"type": "block", "shape": "box", "size_mm": [40, 40, 30]},
            {"type": "disc", "shape": "cylinder", "radius_mm": 20, "height_mm": 30},
        ],
        parts=[
            {"id": "B1", "type": "block", "pose": [300, -150, 15, 0, 0, 0]},
            {"id": "D1", "type": "disc", "pose": [300, 150, 15, 0, 0, 0]},
        ],
        devices=[
            {"kind": "photo_eye", "id": "block_eye", "source": [250, -150, 15],
             "target": [350, -150, 15], "input_bit": 1, "types": ["disc"]},
            {"kind": "photo_eye", "id": "disc_eye", "source": [250, 150, 15],
             "target": [350, 150, 15], "input_bit": 2, "types": ["disc"]},
        ],
    )  # fmt: skip
    world = World(spec)
    assert world.io.read_input(1) == 0  # a block in the beam, but it sees discs
    assert world.io.read_input(2) == 1
