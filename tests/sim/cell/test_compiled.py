"""The compiled collision check finds what the reference maths finds.

``checking.first_contact`` (compiled) against ``collision.first_contact``
on the same stretch (``bodies.stretch_scene``): random motions of an RV-2FR
among random boxes and cylinders, with and without a carried part, a part
riding a belt, and the exact distance primitives against ``geometry``.
"""

from dataclasses import dataclass

import numpy as np
import pytest

from robocampus.sim.cell import checking
from robocampus.sim.cell import compiled_geometry as cg
from robocampus.sim.cell.bodies import stretch_scene, stretch_scene_at
from robocampus.sim.cell.collision import first_contact
from robocampus.sim.cell.geometry import (
    Box,
    Cylinder,
    segment_crosses_local,
    segment_segment,
    segment_shape_local,
)
from robocampus.sim.robot.motion import MotionSettings, plan_mov, plan_mvs
from tests.sim.cell.builders import BASE, BELT, Run, cell, down

SHAPES = [
    (Box((100.0, 60.0, 40.0)), cg.BOX, np.array([100.0, 60.0, 40.0])),
    (Cylinder(30.0, 80.0), cg.CYLINDER, np.array([30.0, 80.0, 0.0])),
]


@pytest.mark.parametrize(("shape", "kind", "dims"), SHAPES)
def test_segment_distances_equal_the_numpy_maths(shape, kind, dims):
    """Segment-box and segment-cylinder distances are the same floats,
    segments along a face plane and through the axis included."""
    rng = np.random.default_rng(3)
    a = rng.uniform(-150, 150, (2000, 3))
    b = rng.uniform(-150, 150, (2000, 3))
    a[::5, 1] = b[::5, 1]
    a[::7, 0] = b[::7, 0] = 0.0
    want, _ = segment_shape_local(shape, a, b)
    got = [cg.segment_shape(kind, dims, a[i], b[i]) for i in range(len(a))]
    assert np.array_equal(got, want)


@pytest.mark.parametrize(("shape", "kind", "dims"), SHAPES)
def test_segment_crossing_equals_the_numpy_maths(shape, kind, dims):
    """Whether a segment meets a shape (a photo-eye beam) agrees, beams along
    a face and through the cylinder's axis included."""
    rng = np.random.default_rng(5)
    a = rng.uniform(-120, 120, (3000, 3))
    b = rng.uniform(-120, 120, (3000, 3))
    a[::5, 2] = b[::5, 2]
    a[::7, :2] = b[::7, :2]
    want = segment_crosses_local(shape, a, b)
    got = [cg.segment_crosses(kind, dims, a[i], b[i]) for i in range(len(a))]
    assert np.array_equal(got, want)
    assert want.any()
    assert not want.all()


def test_segment_segment_equals_the_numpy_maths():
    rng = np.random.default_rng(4)
    p1, q1, p2, q2 = (rng.uniform(-100, 100, (2000, 3)) for _ in range(4))
    q1[::9] = p1[::9]  # a point against a segment
    q2[::11] = p1[::11] + 2 * (q1[::11] - p1[::11])  # parallel
    want = segment_segment(p1, q1, p2, q2)
    got = [cg.segment_segment(p1[i], q1[i], p2[i], q2[i]) for i in range(2000)]
    assert np.array_equal(got, want)


@pytest.mark.parametrize(("shape", "kind", "dims"), SHAPES)
def test_edges_equal_the_shapes_edges(shape, kind, dims):
    starts = np.empty((cg.MAX_EDGES, 3))
    ends = np.empty((cg.MAX_EDGES, 3))
    count = cg.edges(kind, dims, starts, ends)
    want_starts, want_ends = shape.edges()
    assert np.array_equal(starts[:count], want_starts)
    assert np.array_equal(ends[:count], want_ends)


def _obstacles(rng, count: int) -> list[dict]:
    out = []
    for k in range(count):
        x, y = rng.uniform(150, 500), rng.uniform(-400, 400)
        if k % 3 == 2:
            r, h = rng.uniform(10, 40), rng.uniform(40, 300)
            out.append({"id": f"post{k}", "kind": "other", "shape": "cylinder",
                        "radius_mm": r, "height_mm": h,
                        "pose": [x, y, h / 2, 0, 0, 0]})  # fmt: skip
        else:
            sx, sy, sz = rng.uniform(20, 120, 3)
            yaw = rng.uniform(-60, 60)
            out.append({"id": f"box{k}", "kind": "other", "shape": "box",
                        "size_mm": [sx, sy, sz],
                        "pose": [x, y, sz / 2, 0, 0, yaw]})  # fmt: skip
    return out


@dataclass
class _Samples:
    """A still robot's samples, shaped like a trajectory."""

    times_s: np.ndarray
    joints_rad: np.ndarray
    tcp: np.ndarray


def _compare(world, traj):
    """Check one trajectory both ways; return the contact (or None)."""
    times, Q, T = traj.times_s, traj.joints_rad, traj.tcp
    part_T = T @ world.part_in_tcp if world.held is not None else None
    scene = stretch_scene(world, times, Q, T, part_T)
    want = first_contact(scene, stretch_scene_at(world, times, Q, scene))
    got = checking.first_contact(world, times, Q, T, part_T)
    if want is None:
        assert got is None
        return None
    assert got is not None
    assert (got.body, got.other, got.sample) == (want.body, want.other, want.sample)
    assert got.time_s == pytest.approx(want.time_s, abs=2e-5)
    assert got.depth_mm == pytest.approx(want.depth_mm, abs=1e-6)
    return got


def test_random_motions_among_random_solids_agree():
    """120 motions, many of them into something, agree pair for pair."""
    rng = np.random.default_rng(8)
    hits = 0
    for trial in range(12):
        spec = cell(fixtures=BASE["fixtures"] + _obstacles(rng, 8))
        run = Run(spec, seed=trial)
        world = run.world
        for _ in range(10):
            target = down(rng.uniform(200, 450), rng.uniform(-350, 350),
                          rng.uniform(-30, 250), rng.uniform(90, 270))  # fmt: skip
            try:
                planner = plan_mov if rng.random() < 0.5 else plan_mvs
                traj = planner(world.robot, world.joints, target, MotionSettings())
            except Exception:  # an unreachable target: try another
                continue
            hits += _compare(world, traj) is not None
    assert hits >= 10  # the comparison covers contacts, not only free motion


def test_a_carried_part_and_a_belt_agree():
    """With the block in the gripper, and with a block riding a belt."""
    run = Run(cell())
    run.pick(down(300, -150, 15))
    world = run.world
    assert world.held is not None
    for target in (down(300, 150, 15), down(300, 150, -40), down(420, 0, 100)):
        traj = plan_mvs(world.robot, world.joints, target, MotionSettings())
        _compare(world, traj)
    block = {"id": "B1", "type": "block", "pose": [250, 0, 15, 0, 0, 0]}
    conveyor = Run(cell(fixtures=[], devices=[BELT], parts=[block]))
    world = conveyor.world
    world.set_outputs(10, 1, 1)
    traj = plan_mov(world.robot, world.joints, down(450, 0, 60), MotionSettings())
    _compare(world, traj)
    # The hand waits low over the belt: the block runs into a finger.
    waiting = Run(cell(fixtures=[], devices=[BELT], parts=[block]))
    waiting.mov(down(420, 0, 15), -60)
    waiting.mvs(down(420, 0, 15))
    world = waiting.world
    world.set_outputs(10, 1, 1)
    ticks = world.tick + np.arange(0, 1400, 14)
    Q = np.repeat(world.q[None], len(ticks), axis=0)
    found = _compare(world, _Samples(ticks * world.dt, Q, world.robot.fkine(Q)))
    assert (found.body, found.other) == ("finger_a", "B1")
