"""Running programs: control flow, motion, I/O, time, errors and limits."""

from __future__ import annotations

import pytest

from robocampus.sim.melfa import Limits, Session, compile_program, run_program
from robocampus.sim.robot import load_model
from tests.sim.cell import builders
from tests.sim.melfa.helpers import OPEN_CELL, final_values, run

HOME = "PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)\n"


def events(result, kind: str) -> list[dict]:
    return [e for e in result.trace["events"] if e["kind"] == kind]


# -- control flow ----------------------------------------------------------------------


def test_for_next_with_step_and_negative_step():
    values = final_values(
        "10 For M1 = 1 To 10 Step 3\n20 M2 = M2 + M1\n30 Next M1\n"
        "40 For M3 = 5 To 1 Step -2\n50 M4 = M4 * 10 + M3\n60 Next\n"
        "70 For M5 = 3 To 1\n80 M6 = 99\n90 Next\n"
    )
    assert values["M2"] == 1 + 4 + 7 + 10
    assert values["M1"] == 13
    assert values["M4"] == 531
    assert values["M6"] == 0  # the body never ran


def test_while_and_break():
    values = final_values(
        "10 While M1 < 100\n20 M1 = M1 + 7\n30 If M1 > 30 Then Break\n40 WEnd\n"
    )
    assert values["M1"] == 35


def test_block_if_elseif_else():
    source = (
        "10 If M1 = 1 Then\n20 M2 = 10\n30 ElseIf M1 = 2 Then\n40 M2 = 20\n"
        "50 Else\n60 M2 = 30\n70 EndIf\n"
    )
    for m1, m2 in ((1, 10), (2, 20), (3, 30)):
        assert final_values(f"5 M1 = {m1}\n" + source)["M2"] == m2


def test_one_line_if_with_else_and_label_jumps():
    values = final_values(
        "10 If 1 > 2 Then M1 = 1 Else M1 = 2\n20 If M1 = 2 Then *SKIP\n"
        "30 M2 = 99\n40 *SKIP\n50 If M1 = 5 Then *SKIP Else M3 = 7\n"
    )
    assert (values["M1"], values["M2"], values["M3"]) == (2, 0, 7)


def test_select_case_ranges_default_and_fall_through():
    source = (
        "20 Select M1\n30 Case 1\n40 M2 = M2 + 1\n50 Case 2, 3\n60 M2 = M2 + 10\n"
        "70 Break\n80 Case 4 To 6\n90 M2 = 100\n100 Break\n110 Default\n"
        "120 M2 = -1\n130 Break\n140 End Select\n"
    )
    for m1, m2 in ((1, 11), (3, 10), (5, 100), (9, -1)):
        assert final_values(f"10 M1 = {m1}\n" + source)["M2"] == m2


def test_select_on_strings():
    values = final_values(
        '10 C1 = "RED"\n20 Select C1\n30 Case "BLUE"\n40 M1 = 1\n50 Break\n'
        '60 Case "RED"\n70 M1 = 2\n80 Break\n90 End Select\n'
    )
    assert values["M1"] == 2


def test_gosub_return_and_on_goto_gosub():
    values = final_values(
        "10 GoSub *ADD\n20 GoSub *ADD\n30 M3 = 2\n40 On M3 GoTo *A, *B\n50 End\n"
        "60 *A\n70 M4 = 1\n80 End\n90 *B\n100 M4 = 2\n110 On 1 GoSub *ADD\n"
        "120 On 5 GoSub *ADD\n130 End\n140 *ADD\n150 M1 = M1 + 1\n160 Return\n"
    )
    assert (values["M1"], values["M4"]) == (3, 2)


def test_end_stops_and_hlt_pauses():
    result = run("10 M1 = 1\n20 End\n30 M1 = 2\n")
    assert result.status == "completed"
    assert result.variables["M1"] == 1
    result = run("10 M1 = 1\n20 Hlt\n30 M1 = 2\n")
    assert result.status == "halted"
    assert result.variables["M1"] == 1
    session = Session("10 M1 = 1\n20 Hlt\n30 M1 = 2\n", "pick-and-place")
    assert session.resume().reason == "halted"
    assert session.finish().variables["M1"] == 2


def test_error_statement():
    result = run("10 Error 9100\n")
    assert result.error.code == "user_error"
    assert "9100" in result.error.message("en")


# -- motion ----------------------------------------------------------------------------


def test_mov_and_mvs_reach_their_points_with_near_point_offsets():
    session = Session(
        "10 Mov PHome\n20 Mov P1, -50\n30 M1 = P_Curr.Z\n40 Mvs P1\n50 M2 = P_Curr.Z\n"
        "60 Mvs , -80\n70 M3 = P_Curr.Z\n"
        + HOME
        + "P1=(+300.00,+100.00,+150.00,+180.00,+0.00,+180.00)(7,0)\n",
        "pick-and-place",
    )
    session.finish()
    values = session.machine.vars
    assert values["M1"] == pytest.approx(200, abs=1e-6)
    assert values["M2"] == pytest.approx(150, abs=1e-6)
    assert values["M3"] == pytest.approx(230, abs=1e-6)


def test_ovrd_slows_joint_moves_and_spd_linear_moves():
    source = "10 Mov PHome\n20 M_Timer(1) = 0\n30 Mov P1\n40 M1 = M_Timer(1)\n" + (
        "50 Spd 50\n60 M_Timer(2) = 0\n70 Mvs P2\n80 M2 = M_Timer(2)\n"
    )
    data = HOME + (
        "P1=(+300.00,+150.00,+200.00,+180.00,+0.00,+180.00)(7,0)\n"
        "P2=(+300.00,+50.00,+200.00,+180.00,+0.00,+180.00)(7,0)\n"
    )
    fast = final_values(source + data, "pick-and-place")
    slow = final_values("5 Ovrd 50\n" + source + data, "pick-and-place")
    assert slow["M1"] > fast["M1"] * 1.3
    # 100 mm at Spd 50 x Ovrd: 2 s at 100 %, 4 s at 50 %, plus ramps.
    assert 2000 < fast["M2"] < 2400
    assert 4000 < slow["M2"] < 4400


def test_tool_changes_the_point_the_program_moves():
    session = Session(
        "10 Mov PHome\n20 M1 = P_Curr.Z\n30 Tool (0, 0, 170, 0, 0, 0)\n"
        "40 M2 = P_Curr.Z\n"
        "50 Mvs PHome\n60 M3 = P_Curr.Z\n70 M4 = P_Tool.Z\n" + HOME,
        "pick-and-place",
    )
    session.finish()
    values = session.machine.vars
    assert values["M1"] == pytest.approx(300)
    assert values["M2"] == pytest.approx(250)  # a longer tool reaches lower
    assert values["M3"] == pytest.approx(300)
    assert values["M4"] == 170
    tcp = session.machine.world.tcp_pose()  # the real gripper, 120 mm
    assert tcp[2, 3] == pytest.approx(350, abs=1e-6)


def test_base_shifts_the_program_frame():
    values = final_values(
        "10 Base (0, 100, 0, 0, 0, 0)\n20 Mov PHome\n30 M1 = P_Curr.Y\n"
        "40 Base 0\n50 M2 = P_Curr.Y\n" + HOME,
        "pick-and-place",
    )
    assert values["M1"] == pytest.approx(0, abs=1e-6)
    assert values["M2"] == pytest.approx(-100, abs=1e-6)


def test_mov_to_a_joint_target_and_jovrd():
    values = final_values(
        "10 JOvrd 20\n20 Mov J1\n30 J2 = J_Curr\n"
        "J1=(+10.00,+20.00,+90.00,+0.00,+60.00,+0.00)\n",
        OPEN_CELL,
    )
    assert values["J2"].degrees()[:6] == pytest.approx((10, 20, 90, 0, 60, 0))


def test_arcs_move_through_their_points():
    result = run(
        "10 Mov P1\n20 Mvr P1, P2, P3\n30 Mvr3 P3, P2, PC\n40 Mvc P2, P3, P1\n"
        "50 Mvr2 P1, P3, P2\n"
        "P1=(+300.00,+0.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n"
        "P2=(+350.00,+50.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n"
        "P3=(+300.00,+100.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n"
        "PC=(+300.00,+50.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n",
        "pick-and-place",
    )
    assert result.status == "completed", result.error and result.error.message()
    kinds = [e["subject"] for e in events(result, "motion_start")]
    # Mvc ends where it began (P2); Mvr2 first goes to its start P1.
    assert kinds == ["Mov", "Mvr", "Mvr3", "Mvc", "Mvs", "Mvr2"]
    rv = load_model("RV-2FR").with_tool((0, 0, 120, 0, 0, 0))
    track = result.trace["robot_track"]
    xyz = rv.fkine(track["joints_deg"], unit="deg")[:, :3, 3]
    # The arcs stay on their circle: 50 mm about (300, 50) in the plane z = 250.
    first_arc = events(result, "motion_start")[1]["t"]
    chord = (
        events(result, "motion_start")[4]["t"],
        events(result, "motion_end")[4]["t"],
    )
    moving = [
        i
        for i, t in enumerate(track["t"])
        if t >= first_arc and not chord[0] < t < chord[1]
    ]
    radius = ((xyz[moving, 0] - 300) ** 2 + (xyz[moving, 1] - 50) ** 2) ** 0.5
    assert max(abs(radius - 50)) < 0.1
    assert max(abs(xyz[moving, 2] - 250)) < 0.1


def test_mvr_from_elsewhere_first_moves_to_the_start_point():
    result = run(
        "10 Mov PHome\n20 Mvr P1, P2, P3\n"
        + HOME
        + "P1=(+300.00,+0.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n"
        "P2=(+350.00,+50.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n"
        "P3=(+300.00,+100.00,+250.00,+180.00,+0.00,+180.00)(7,0)\n",
        "pick-and-place",
    )
    assert [e["subject"] for e in events(result, "motion_start")] == [
        "Mov",
        "Mvs",
        "Mvr",
    ]


def test_wth_runs_as_the_motion_starts_and_wthif_when_its_condition_holds():
    result = run(
        "10 Mov PHome\n20 Mvs P1 Wth M_Out(5) = 1\n"
        "30 Mvs PHome WthIf M_Ratio > 50, M_Out(6) = 1\n"
        + HOME
        + "P1=(+300.00,+100.00,+200.00,+180.00,+0.00,+180.00)(7,0)\n",
        "pick-and-place",
    )
    outputs = {e["data"]["bit"]: e["t"] for e in events(result, "output")}
    starts = [e["t"] for e in events(result, "motion_start")]
    ends = [e["t"] for e in events(result, "motion_end")]
    assert outputs[5] == starts[1]
    assert starts[2] < outputs[6] < ends[2]
    # Half way in time is half way along the symmetric profile.
    assert outputs[6] == pytest.approx((starts[2] + ends[2]) / 2, abs=0.01)


def test_servo_off_stops_a_motion():
    result = run("10 Servo Off\n20 Mov PHome\n" + HOME)
    assert result.error.code == "servo_off"
    assert result.error.line == 2
    assert run("10 Servo Off\n20 Servo On\n30 Mov PHome\n" + HOME).status == "completed"


@pytest.mark.parametrize(
    ("point", "code"),
    [
        ("(+900.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)", "unreachable"),
        ("(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(3,0)", "structure_flag"),
    ],
)
def test_motion_errors_name_the_line_and_keep_the_trace(point, code):
    result = run("10 Mov PHome\n20 Mvs PBad\n" + HOME + f"PBad={point}\n")
    assert result.status == "error"
    assert (result.error.code, result.error.line, result.error.step) == (code, 2, 20)
    assert result.trace["final"]["status"] == code
    assert len(events(result, "motion_end")) == 1  # the first Mov is in the trace
    error_events = events(result, "error")
    assert error_events[0]["data"]["line"] == 2


def test_joint_limit_error():
    result = run("10 Mov J1\nJ1=(+400.00,+0.00,+90.00,+0.00,+0.00,+0.00)\n")
    assert result.error.code == "joint_limit"


def test_collision_stops_the_run_at_the_line():
    result = run(
        "10 Mov PHome\n20 Mvs PLow\n"
        + HOME
        + "PLow=(+250.00,+0.00,-50.00,+180.00,+0.00,+180.00)(7,0)\n"
    )
    assert result.error.code == "collision"
    assert result.error.line == 2
    assert "table" in result.error.message("en")


def test_cnt_and_fine():
    assert run("10 Cnt 0\n20 Fine 100\n30 Mov PHome\n" + HOME).status == "completed"
    result = run("10 M1 = 1\n20 Cnt M1\n")
    assert result.error.code == "not_supported"


def test_bad_settings_are_runtime_errors():
    assert run("10 Ovrd 150\n").error.code == "motion_setting"
    assert run("10 Spd -5\n").error.code == "motion_setting"


# -- I/O and time ----------------------------------------------------------------------


def test_outputs_words_and_pulses():
    result = run(
        "10 M_Outb(8) = &H0F\n20 M_Outw(16) = -1\n30 M_Out(40) = 1 Dly 0.5\n"
        "40 M1 = M_Outb(8)\n50 M2 = M_Out(40)\n60 Dly 1\n70 M3 = M_Out(40)\n"
    )
    assert (result.variables["M1"], result.variables["M2"], result.variables["M3"]) == (
        15,
        1,
        0,
    )
    changes = [
        (e["data"]["bit"], e["data"]["value"], e["t"])
        for e in events(result, "output")
        if e["data"]["bit"] == 40
    ]
    assert changes == [(40, 1, 0.0), (40, 0, pytest.approx(0.5, abs=0.004))]
    assert result.trace["final"]["outputs"]["31"] == 1


def test_bit_output_must_be_zero_or_one():
    result = run("10 M_Out(3) = 5\n")
    assert result.status == "error"
    assert result.error.line == 1


def test_dly_and_timer_take_simulated_time():
    values = final_values("10 M_Timer(1) = 0\n20 Dly 1.5\n30 M1 = M_Timer(1)\n")
    assert values["M1"] == pytest.approx(1500, abs=3.5)


def test_wait_that_nothing_can_satisfy_fails_at_once():
    result = run("10 Wait M_In(3) = 1\n")
    assert result.error.code == "wait_never"
    assert result.error.message("en").endswith(
        "waited 0 s for M_In(3) = 1; nothing in the cell sets input 3"
    )
    assert result.time_s == 0


def test_wait_for_a_machine_input():
    cell = builders.cell(
        devices=[
            {
                "kind": "machine",
                "id": "press",
                "start_bit": 30,
                "busy_bit": 31,
                "done_bit": 32,
                "process_time_s": 2.0,
            },
        ]
    )
    result = run("10 M_Out(30) = 1\n20 Wait M_In(32) = 1\n30 M1 = M_In(31)\n", cell)
    assert result.status == "completed"
    assert result.time_s == pytest.approx(2.0, abs=0.004)
    assert result.variables["M1"] == 0


def test_wait_when_the_cell_goes_quiet_fails_with_the_time_waited():
    cell = builders.cell(
        devices=[
            {
                "kind": "machine",
                "id": "press",
                "start_bit": 30,
                "busy_bit": 31,
                "done_bit": 32,
                "process_time_s": 2.0,
            },
        ]
    )
    result = run("10 M_Out(30) = 1\n20 Wait M_In(31) = 1 And M_In(32) = 1\n", cell)
    assert result.error.code == "wait_never"
    # 2 s is 571 controller cycles of 3.5 ms: 1.9985 s.
    assert "waited 1.998 s" in result.error.message("en")
    assert "nothing more happens" in result.error.message("en")


def test_wait_on_a_timer_is_checked_every_cycle():
    values = final_values(
        "10 M_Timer(1) = 0\n20 Wait M_Timer(1) > 250\n30 M1 = M_Timer(1)\n"
    )
    assert 250 < values["M1"] <= 254


# -- limits ----------------------------------------------------------------------------


def test_statement_limit_stops_a_busy_loop():
    result = run(
        "10 *LOOP\n20 M1 = M1 + 1\n30 GoTo *LOOP\n", limits=Limits(max_statements=5000)
    )
    assert result.error.code == "statement_limit"
    assert "Dly" in result.error.message("en")


def test_time_limit():
    result = run("10 Dly 100\n", limits=Limits(max_time_s=20))
    assert result.error.code == "time_limit"
    assert result.time_s == pytest.approx(20, abs=0.01)


def test_gosub_depth_limit():
    result = run("10 *AGAIN\n20 GoSub *AGAIN\n")
    assert result.error.code == "gosub_depth"
    assert result.statements == 16 * 2 + 2


def test_return_without_gosub():
    assert run("10 Return\n").error.code == "return_without_gosub"


def test_array_index_is_checked_at_run_time():
    result = run("10 Dim MA(3)\n20 M1 = 4\n30 MA(M1) = 1\n")
    assert result.error.code == "index_range"
    assert result.error.line == 3


def test_jumping_into_a_for_loop_is_caught_at_next():
    result = run("10 GoTo *IN\n20 For M1 = 1 To 3\n30 *IN\n40 Next\n")
    assert result.error.code == "loop_state"
    assert result.error.line == 4


# -- the run is deterministic ----------------------------------------------------------


def test_same_program_and_seed_give_the_same_trace():
    from robocampus.sim.cell.trace import dumps

    program = compile_program(
        "10 Mov PHome\n20 Dly 0.5\n30 Mvs P1\n"
        + HOME
        + "P1=(+300.00,+100.00,+200.00,+180.00,+0.00,+180.00)(7,0)\n"
    )
    first = run_program(program, "pick-and-place", seed=7)
    second = run_program(program, "pick-and-place", seed=7)
    assert dumps(first.trace) == dumps(second.trace)


def test_models_of_every_cell_run():
    assert load_model("RV-7FRL").name == "RV-7FRL"


def test_accel_lengthens_the_ramps():
    source = "10 Mov PHome\n20 M_Timer(1) = 0\n30 Mvs P1\n40 M1 = M_Timer(1)\n"
    data = HOME + "P1=(+300.00,+100.00,+300.00,+180.00,+0.00,+180.00)(7,0)\n"
    full = final_values("5 Spd 100\n" + source + data, "pick-and-place")["M1"]
    half = final_values("5 Spd 100\n6 Accel 50, 50\n" + source + data, "pick-and-place")
    # Accel 50 doubles the ramp time (CR1D p.4-272): longer by half the old ramps.
    assert half["M1"] > full
    assert half["M1"] - full == pytest.approx(200, abs=10)  # RV-2FR ramps 0.2 s


def test_input_words_read_bits_from_the_cell():
    cell = builders.cell(
        devices=[
            {"kind": "machine", "id": "press", "start_bit": 30, "busy_bit": 41,
             "done_bit": 42, "process_time_s": 1.0},
        ]
    )  # fmt: skip
    values = final_values(
        "10 M_Out(30) = 1\n20 M1 = M_Inb(40)\n30 M2 = M_Inw(40)\n40 Dly 1.5\n"
        "50 M3 = M_In8(40)\n60 M4 = M_In16(32)\n70 P1 = P_Base\n",
        cell,
    )
    assert (values["M1"], values["M2"], values["M3"]) == (2, 2, 4)
    assert values["M4"] == 4 << 8
    assert values["P1"].x == 0


def test_float_double_char_and_long_declarations():
    values = final_values(
        "10 Def Float FA\n20 Def Double DB\n30 Def Char Word\n40 Def Long LC\n"
        '50 FA = 1.25\n60 DB = FA * 2\n70 Word = "OK"\n80 LC = 70000.4\n'
    )
    assert (values["FA"], values["DB"], values["WORD"], values["LC"]) == (
        1.25,
        2.5,
        "OK",
        70000,
    )
