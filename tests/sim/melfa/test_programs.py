"""Whole programs in the style of the public examples (reference §2.6)."""

from __future__ import annotations

import pytest

from robocampus.sim.melfa import Session
from tests.sim.cell import builders
from tests.sim.melfa.helpers import OPEN_CELL, final_values, run

DOWN = "+180.00,+0.00,+180.00)(7,0)"
"""A flange-down hand, fingers closing along world X."""


def events(result, kind: str) -> list[dict]:
    return [e for e in result.trace["events"] if e["kind"] == kind]


PALLETIZER = f"""\
10 ' Stack 12 blocks from the feeder into a 4 x 3 pallet, zigzag (PALETIZER.prg)
20 Def Plt 1, PStart, PEndA, PEndB, , 4, 3, 1
30 M_Out(20) = 0
40 HOpen 1
50 Mov PHome
60 For MCount = 1 To 12
70   Mov PPick, -50
80   Mvs PPick
90   HClose 1
100  Dly 0.2
110  Mvs , -50
120  PPlace = Plt 1, MCount
130  Mov PPlace, -50
140  Mvs PPlace
150  HOpen 1
160  Dly 0.2
170  Mvs , -50
180 Next MCount
190 Mov PHome
200 M_Out(20) = 1
PHome=(+250.00,+0.00,+300.00,{DOWN}
PPick=(+300.00,-250.00,+15.00,{DOWN}
PStart=(+200.00,+100.00,+20.00,{DOWN}
PEndA=(+410.00,+100.00,+20.00,{DOWN}
PEndB=(+200.00,+240.00,+20.00,{DOWN}
"""


def test_palletizer_fills_the_pallet_in_zigzag_order():
    result = run(PALLETIZER, "palletizing")
    assert result.status == "completed", result.error and result.error.message()
    parts = result.trace["final"]["parts"]
    grid = [(x, y) for y in (100, 170, 240) for x in (200, 270, 340, 410)]
    zigzag = grid[0:4] + grid[4:8][::-1] + grid[8:12]
    for k, (x, y) in enumerate(zigzag, start=1):
        part = parts[f"feeder-{k}"]
        assert part["on"] == "pallet.floor"
        assert part["pose"][:3] == pytest.approx([x, y, 20.0], abs=0.01)
    assert result.trace["final"]["outputs"] == {"20": 1}
    assert len(events(result, "motion_start")) == 2 + 12 * 6


def test_pallet_patterns_and_four_point_pallets():
    values = final_values(
        "10 Def Plt 1, PS, PA, PB, , 3, 2, 2\n"
        "20 P1 = Plt 1, 4\n30 P2 = Plt 1, 6\n"
        "40 Def Plt 2, PS, PA, PB, PD, 3, 2, 1\n50 P3 = Plt 2, 6\n60 P4 = Plt 2, 5\n"
        "70 Def Plt 3, PS, PA, PB, , 3, 2, 11\n80 P5 = Plt 3, 3\n"
        "90 Def Plt 4, PS, PVia, PB2, , 5, 1, 3\n100 P6 = Plt 4, 3\n"
        "PS=(+0.00,+0.00,+0.00,+0.00,+0.00,+0.00)(7,0)\n"
        "PA=(+100.00,+0.00,+0.00,+0.00,+0.00,+10.00)(7,0)\n"
        "PB=(+0.00,+50.00,+0.00,+0.00,+0.00,+20.00)(7,0)\n"
        "PD=(+120.00,+60.00,+0.00,+0.00,+0.00,+30.00)(7,0)\n"
        "PVia=(+100.00,+100.00,+0.00,+0.00,+0.00,+0.00)(7,0)\n"
        "PB2=(+200.00,+0.00,+0.00,+0.00,+0.00,+40.00)(7,0)\n"
    )
    same_direction = values["P1"], values["P2"]
    assert (same_direction[0].x, same_direction[0].y) == (0, 50)  # row 2 starts left
    assert (same_direction[1].x, same_direction[1].y) == (100, 50)
    four_point = values["P3"], values["P4"]
    assert (four_point[0].x, four_point[0].y) == pytest.approx((0, 50))  # zigzag
    assert (four_point[1].x, four_point[1].y) == pytest.approx((60, 55))
    assert values["P5"].c == 0  # posture fixed to the start point
    arc = values["P6"]
    assert (arc.x, arc.y) == pytest.approx((100, 100))  # half way along the arc
    assert arc.c == pytest.approx(0.3490658504)  # 20 deg: half of 40


def test_pallet_errors_stop_the_run():
    result = run("10 Def Plt 1, P1, P1, P1, , 0, 2, 1\nP1=(0,0,0,0,0,0)(7,0)\n")
    assert result.error.code == "pallet"
    assert run("10 P1 = Plt 2, 1\n").error.code == "pallet"


# -- tool- and base-relative moves (TOOLRELATIVE/MOVRELATIVE/RELCOORD.prg) -------------


RELATIVE = """\
10 Tool (0, 0, 0, 0, 0, 0)
20 Mov PStart
30 Mov PStart * PTrans
40 PTool = P_Curr
50 Mov PStart + PTrans
60 PBase = P_Curr
70 PNext = PStart
80 PNext.X = PNext.X - 100
90 Mvs PNext
100 PEnd = P_Curr
PStart=(+500.00,+0.00,+539.00,-180.00,+0.00,+0.00)(7,0)
PTrans=(+0.00,+0.00,+100.00,+0.00,+0.00,+0.00)(7,0)
"""


def test_tool_relative_and_base_relative_moves():
    values = final_values(RELATIVE)
    # The flange points down: tool Z is world -Z, so * goes down and + goes up.
    assert (values["PTOOL"].x, values["PTOOL"].z) == pytest.approx((500, 439), abs=1e-6)
    assert (values["PBASE"].x, values["PBASE"].z) == pytest.approx((500, 639), abs=1e-6)
    assert (values["PEND"].x, values["PEND"].z) == pytest.approx((400, 539), abs=1e-6)


def test_relcoord_moves_200_mm_along_tool_x():
    values = final_values(
        "10 Tool (0, 0, 0, 0, 0, 0)\n20 Mov PStart\n30 Mov PStart * PTrans\n"
        "40 PEnd = P_Curr\n"
        "PStart=(+500.00,+0.00,+539.00,-180.00,+0.00,+0.00)(7,0)\n"
        "PTrans=(+200.00,+0.00,+0.00,+0.00,+0.00,+0.00)(7,0)\n"
    )
    end = values["PEND"]
    assert (end.x, end.y, end.z) == pytest.approx((700, 0, 539), abs=1e-6)


# -- interrupts (INTERRUPT.prg) --------------------------------------------------------

MACHINE = {
    "kind": "machine",
    "id": "press",
    "start_bit": 30,
    "busy_bit": 31,
    "done_bit": 32,
    "process_time_s": 2.0,
}
MACHINE_CELL = builders.cell(devices=[MACHINE])


def interrupt_program(mode: str, ret: int) -> str:
    return f"""\
10 Def Act 1, M_In(32) = 1 GoSub *DONE{mode}
20 Spd 20
30 Mov PA
40 M_Out(30) = 1
50 Act 1 = 1
60 Mvs PB
70 M_Out(6) = 1
80 End
90 *DONE
100 PStop = P_Curr
110 M_Out(5) = 1
120 Act 1 = 0
130 Return {ret}
PA=(+300.00,-100.00,+200.00,{DOWN}
PB=(+300.00,+100.00,+200.00,{DOWN}
"""


def test_interrupt_during_mvs_brakes_on_the_path_and_returns_to_the_next_step():
    session = Session(interrupt_program(", S", 1), MACHINE_CELL)
    result = session.finish()
    assert result.status == "completed", result.error and result.error.message()
    stop = session.machine.vars["PSTOP"]
    start_t = events(result, "motion_start")[1]["t"]
    fired = events(result, "interrupt")[0]["t"]
    assert fired - start_t == pytest.approx(2.0, abs=0.01)
    # 20 mm/s for about 2 s after the acceleration, then a short braking path.
    assert -70 < stop.y < -55
    assert stop.x == pytest.approx(300, abs=1e-3)
    assert stop.z == pytest.approx(200, abs=1e-3)
    outputs = {e["data"]["bit"]: e["t"] for e in events(result, "output")}
    assert fired < outputs[5] <= outputs[6]
    assert len(events(result, "motion_stopped")) == 1
    # Return 1: the rest of the Mvs is skipped.
    assert session.machine.current_position().y == pytest.approx(stop.y, abs=1e-6)


def test_return_0_repeats_the_interrupted_motion():
    session = Session(interrupt_program("", 0), MACHINE_CELL)
    result = session.finish()
    assert result.status == "completed"
    assert session.machine.current_position().y == pytest.approx(100, abs=1e-6)
    starts = [e["subject"] for e in events(result, "motion_start")]
    assert starts == ["Mov", "Mvs", "Mvs", "Mvs"]  # move, braking, the repeat


def test_fastest_stop_is_shorter_than_the_normal_stop():
    def stop_y(mode: str) -> float:
        session = Session(interrupt_program(mode, 1), MACHINE_CELL)
        session.finish()
        return session.machine.vars["PSTOP"].y

    normal, fastest = stop_y(""), stop_y(", S")
    assert fastest <= normal


def test_type_l_interrupt_waits_for_the_statement_to_finish():
    session = Session(interrupt_program(", L", 1), MACHINE_CELL)
    result = session.finish()
    assert result.status == "completed"
    assert session.machine.vars["PSTOP"].y == pytest.approx(100, abs=1e-6)
    assert events(result, "motion_stopped") == []


def test_interrupt_while_waiting_in_dly():
    result = run(
        "10 Def Act 2, M_In(32) = 1 GoSub *H\n20 M_Out(30) = 1\n30 Act 2 = 1\n"
        "40 Dly 10\n50 End\n60 *H\n70 Act 2 = 0\n80 M1 = M_Timer(1)\n90 Return 1\n",
        MACHINE_CELL,
    )
    assert result.status == "completed"
    assert result.time_s == pytest.approx(2.0, abs=0.004)


def test_interrupt_needs_its_definition():
    result = run("10 Act 3 = 1\n")
    assert result.error.code == "interrupt"


# -- a conveyor wait loop and a machine handshake --------------------------------------

CONVEYOR = f"""\
10 ' Take three parts off the belt as they reach the stopper
20 M_Out(10) = 1
30 HOpen 1
40 Mov PHome
50 For M1 = 1 To 3
60   *WAITPART
70   If M_In(1) = 0 Then *WAITPART
80   Mov PPick, -60
90   Mvs PPick
100  HClose 1
110  Dly 0.3
120  Mvs , -60
130  PDrop = PBin
140  PDrop.X = PDrop.X + (M1 - 2) * 50
150  Mov PDrop, -80
155  Mvs PDrop
160  HOpen 1
170  Dly 0.3
175  Mvs , -80
180 Next M1
190 Mov PHome
PHome=(+300.00,+0.00,+400.00,{DOWN}
PPick=(+450.00,+330.00,+15.00,{DOWN}
PBin=(+150.00,+420.00,+120.00,{DOWN}
"""


def test_conveyor_wait_loop_sorts_three_parts():
    result = run(
        CONVEYOR.replace("70   If M_In(1) = 0 Then *WAITPART", "70   Wait M_In(1) = 1"),
        "conveyor-sorting",
        seed=2,
    )
    assert result.status == "completed", result.error and result.error.message()
    in_bin = [
        p for p in result.trace["final"]["parts"].values() if p["on"] == "bin_red.floor"
    ]
    assert len(in_bin) == 3
    waits = [e for e in events(result, "statement") if e["data"]["line"] == 7]
    assert len(waits) == 3


def test_a_busy_polling_loop_hits_the_statement_limit():
    from robocampus.sim.melfa import Limits

    result = run(
        CONVEYOR, "conveyor-sorting", seed=2, limits=Limits(max_statements=20000)
    )
    assert result.error.code == "statement_limit"


HANDSHAKE = f"""\
10 ' Load the press, start it, wait for it, unload (robot-PLC handshake)
20 HOpen 1
30 Mov PPick, -50
40 Mvs PPick
50 HClose 1
60 Dly 0.3
70 Mvs , -50
80 Mov PPress, -50
90 Mvs PPress
100 HOpen 1
110 Dly 0.3
120 Mvs , -50
130 M_Out(30) = 1
140 Wait M_In(31) = 1
150 M_Timer(1) = 0
160 Wait M_In(32) = 1
170 M1 = M_Timer(1)
180 M_Out(30) = 0
190 Mvs PPress
200 HClose 1
210 Dly 0.3
220 Mvs , -80
PPick=(+300.00,-150.00,+15.00,{DOWN}
PPress=(+300.00,+150.00,+15.00,{DOWN}
"""


def test_machine_handshake():
    session = Session(HANDSHAKE, MACHINE_CELL)
    result = session.finish()
    assert result.status == "completed", result.error and result.error.message()
    assert session.machine.vars["M1"] == pytest.approx(2000, abs=4)
    part = result.trace["final"]["parts"]["B1"]
    assert part["held"]
    assert result.trace["final"]["inputs"] == {}
    busy = [e for e in events(result, "input") if e["data"]["bit"] == 31]
    assert [e["data"]["value"] for e in busy] == [1, 0]


def test_open_cell_is_clear():
    assert OPEN_CELL.fixtures == []


def test_pallet_patterns_12_and_13_keep_the_start_posture():
    values = final_values(
        "10 Def Plt 1, PS, PA, PB, , 3, 2, 12\n20 P1 = Plt 1, 6\n"
        "30 Def Plt 2, PS, PVia, PB2, , 5, 1, 13\n40 P2 = Plt 2, 3\n"
        "PS=(+0.00,+0.00,+0.00,+0.00,+0.00,+5.00)(7,0)\n"
        "PA=(+100.00,+0.00,+0.00,+0.00,+0.00,+10.00)(7,0)\n"
        "PB=(+0.00,+50.00,+0.00,+0.00,+0.00,+20.00)(7,0)\n"
        "PVia=(+100.00,+100.00,+0.00,+0.00,+0.00,+0.00)(7,0)\n"
        "PB2=(+200.00,+0.00,+0.00,+0.00,+0.00,+40.00)(7,0)\n"
    )
    assert (values["P1"].x, values["P1"].y) == pytest.approx((100, 50))
    assert values["P1"].c == pytest.approx(0.0872664626)  # 5 deg, Start's
    assert (values["P2"].x, values["P2"].y) == pytest.approx((100, 100))
    assert values["P2"].c == pytest.approx(0.0872664626)
