"""The step/debug API the lab's debugger calls."""

from __future__ import annotations

import pytest

from robocampus.sim.errors import SimError
from robocampus.sim.melfa import Session

SOURCE = """\
10 M1 = 1
20 If M1 = 1 Then M2 = 5 Else M2 = 6
30 Mov PHome
40 M_Out(3) = 1
50 For M3 = 1 To 3
60   M4 = M4 + M3
70 Next
80 Hlt
90 M5 = 9
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
"""


def test_step_runs_one_statement_and_a_whole_one_line_if():
    session = Session(SOURCE, "pick-and-place")
    assert session.line == 1
    assert session.step().line == 2
    stop = session.step()
    assert stop.reason == "step"
    assert stop.line == 3
    assert session.read("M2") == 5
    assert session.time_s == 0


def test_run_to_line_and_breakpoints():
    session = Session(SOURCE, "pick-and-place")
    stop = session.run_to_line(4)
    assert stop.reason == "line"
    assert stop.line == 4
    assert stop.time_s > 0  # the Mov took time
    assert session.io()["outputs"] == {}
    session.step()
    assert session.io()["outputs"] == {3: 1}
    session.breakpoints.add(6)
    assert session.resume().line == 6
    assert session.read("M3") == 1
    assert session.resume().line == 6
    assert session.read("M3") == 2


def test_resume_to_hlt_then_finish():
    session = Session(SOURCE, "pick-and-place")
    stop = session.resume()
    assert stop.reason == "halted"
    assert session.read("M4") == 6
    result = session.finish()
    assert result.status == "completed"
    assert result.variables["M5"] == 9


def test_reading_status_variables_and_expressions():
    session = Session(SOURCE, "pick-and-place")
    session.run_to_line(4)
    assert (
        session.read("P_Curr")
        == "(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00,+0.00,+0.00)(7,0)"
    )
    assert session.read("P_Curr.Z + 10") == pytest.approx(310)
    assert session.read("M_In(1)") == 0
    assert session.variables()["M1"] == 1


def test_reading_bad_text_raises_a_clear_error():
    session = Session(SOURCE, "pick-and-place")
    with pytest.raises(SimError, match="cannot read"):
        session.read("M1 +")
    with pytest.raises(SimError, match="no variable MNOPE"):
        session.read("MNope")
    with pytest.raises(SimError, match="has no statement"):
        session.run_to_line(200)


def test_stepping_after_the_end():
    session = Session("10 M1 = 1\n", "pick-and-place")
    session.step()
    stop = session.step()
    assert stop.reason == "completed"
    assert stop.line is None


def test_errors_stop_the_session_with_the_line():
    session = Session("10 M1 = 0\n20 M2 = 1 / M1\n30 M3 = 1\n", "pick-and-place")
    stop = session.resume()
    assert stop.reason == "error"
    assert session.machine.error.line == 2


def test_value_gives_positions_and_joints_as_values():
    session = Session(SOURCE, "pick-and-place")
    session.run_to_line(4)
    here = session.value("P_Curr")
    assert here.degrees()[:6] == pytest.approx((250, 0, 300, 180, 0, 180), abs=1e-6)
    assert (here.fl1, here.fl2) == (7, 0)
    assert len(session.value("J_Curr").degrees()) == 8
    assert session.value("M1") == 1
    assert session.read("P_Curr") == str(here)
    with pytest.raises(SimError, match="no variable MNOPE"):
        session.value("MNope")
