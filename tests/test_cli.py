"""The robocampus command line."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from robocampus.cli import main
from robocampus.sim.grading import reference_solution


def test_demo_prints_every_move_and_the_cycle_time(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "RV-2FR" in out
    assert "Mov PPick, -50" in out
    assert "(+300.00,-150.00,+250.00,+180.00,+0.00,+180.00)(7,0)" in out
    cycle = float(re.search(r"cycle time (\d+\.\d+) s", out).group(1))
    steps = [float(v) for v in re.findall(r"\)\(7,0\)\s+(\d+\.\d+)$", out, re.M)]
    assert len(steps) == 7
    assert cycle == pytest.approx(sum(steps), abs=0.004)


def test_demo_on_another_model_and_override(capsys):
    assert main(["demo", "--model", "RV-5AS", "--ovrd", "50"]) == 0
    assert "RV-5AS" in capsys.readouterr().out


def test_warm_up_grades_every_built_in_exercise(capsys):
    """The set-up step that compiles the simulator says so, in both languages."""
    assert main(["--lang", "en", "warm-up"]) == 0
    assert re.fullmatch(
        r"simulator ready: 13 exercises graded in \d+\.\d s\n", capsys.readouterr().out
    )
    assert main(["warm-up"]) == 0
    assert "시뮬레이터 준비 완료: 과제 13개" in capsys.readouterr().out


def test_bad_setting_is_a_clear_error_not_a_traceback(capsys):
    assert main(["--lang", "en", "demo", "--ovrd", "500"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: Ovrd must be between 1 and 100, not 500"
    assert main(["demo", "--ovrd", "500"]) == 1
    assert capsys.readouterr().err.startswith("오류: Ovrd 값은 1에서 100 사이")


def test_the_installed_command_runs():
    done = subprocess.run(
        [sys.executable, "-m", "robocampus.cli", "demo"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "cycle time" in done.stdout


# -- MELFA-BASIC programs and the course ---------------------------------------------

EX = "ex03-pick-and-place"


@pytest.fixture
def programs(tmp_path):
    good = tmp_path / "good.prg"
    good.write_text(reference_solution(EX), encoding="utf-8")
    bad = tmp_path / "bad.prg"
    bad.write_text("10 Mov PHome\n20 Mvs 100\n30 GoTo *NOWHERE\n", encoding="utf-8")
    crash = tmp_path / "crash.prg"
    crash.write_text(
        "10 Mov PHome\n20 Mvs PLow\n"
        "PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)\n"
        "PLow=(+250.00,+0.00,-50.00,+180.00,+0.00,+180.00)(7,0)\n",
        encoding="utf-8",
    )
    return {"good": str(good), "bad": str(bad), "crash": str(crash), "dir": tmp_path}


def test_check_lists_every_error_with_file_line_and_column(programs, capsys):
    assert main(["--lang", "en", "check", programs["bad"]]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "error:" in line]
    where = f"{programs['bad']}:2:8"
    assert out[0] == f"{where}: error: Mvs expects a position here, not a number"
    assert out[1].endswith("label *NOWHERE is never defined")
    assert main(["check", programs["good"]]) == 0
    assert "오류 0개" in capsys.readouterr().out


def test_check_json(programs, capsys):
    assert main(["check", programs["bad"], "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    errors = [d["code"] for d in data["diagnostics"] if d["severity"] == "error"]
    assert errors == ["type_mismatch", "label_undefined"]


def test_run_in_an_exercise_cell_with_trace_and_json(programs, capsys, tmp_path):
    trace = tmp_path / "trace.json"
    args = ["run", programs["good"], "--exercise", EX, "--trace", str(trace), "--json"]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] is True
    assert summary["error"] is None
    assert summary["cycle_time_s"] > 0
    assert summary["final"]["pose"] == [250.0, 0.0, 300.0, 180.0, 0.0, 180.0]
    assert summary["final"]["parts"]["B1"]["on"] == "tray.floor"
    assert json.loads(trace.read_text())["final"]["status"] == "completed"


def test_run_a_hidden_scenario_by_number(programs, capsys):
    assert (
        main(["run", programs["good"], "--exercise", EX, "--scenario", "3", "--json"])
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["final"]["parts"]["B1"]["on"] == "tray.floor"


def test_run_reports_a_runtime_error_with_its_line(programs, capsys):
    assert (
        main(["--lang", "en", "run", programs["crash"], "--cell", "pick-and-place"])
        == 1
    )
    out = capsys.readouterr().out
    assert out.startswith("line 2 (step 20) `20 Mvs PLow`: collision")
    assert "status: stopped with an error" in out


def test_run_in_an_empty_cell(programs, capsys):
    assert main(["--lang", "en", "run", programs["crash"], "--robot", "RV-2FR"]) == 1
    assert "floor" in capsys.readouterr().out  # nothing but the floor to hit


def test_grade_prints_the_rubric_and_exit_code(programs, capsys, tmp_path):
    assert main(["--lang", "en", "grade", programs["good"], "--exercise", EX]) == 0
    out = capsys.readouterr().out
    assert "score 100/100: passed" in out
    assert "hidden scenario block-moved: OK" in out
    dropped = Path(reference_solution(EX).replace("100 Mvs PPlace\n", ""))
    wrong = tmp_path / "wrong.prg"
    wrong.write_text(str(dropped), encoding="utf-8")
    assert main(["grade", str(wrong), "--exercise", EX, "--json"]) in (0, 3)
    data = json.loads(capsys.readouterr().out)
    assert data["score"] < data["max_score"]
    assert main(["grade", programs["bad"], "--exercise", EX]) == 1


def test_grade_batch_writes_a_csv(programs, capsys):
    folder = programs["dir"]
    assert main(["grade-batch", str(folder), "--exercise", EX, "--workers", "2"]) == 0
    rows = (folder / f"{EX}-results.csv").read_text().splitlines()
    assert rows[0].startswith("file,score,max_score,passed,compiled,error,check:")
    assert len(rows) == 4  # header and three programs
    assert any(row.startswith(programs["good"] + ",100") for row in rows)


def test_exercises_list_and_show(capsys):
    assert main(["--lang", "en", "exercises", "list"]) == 0
    assert EX in capsys.readouterr().out
    assert main(["exercises", "show", EX]) == 0
    out = capsys.readouterr().out
    assert "접근·후퇴로 집어 옮기기" in out
    assert "PPick=" in out


def test_format_writes_rt_toolbox_layout(tmp_path, capsys):
    source = tmp_path / "p.prg"
    source.write_text("Mov PHome\nMvs PPick, -50\n", encoding="utf-8")
    assert main(["format", str(source), "--exercise", EX]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["1 Mov PHome", "2 Mvs PPick, -50"]
    assert "PPick=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "no-such-file.prg"],
        ["grade", "no-such-file.prg", "--exercise", EX],
        ["run", "README.md", "--exercise", "no-such-exercise"],
        ["run", "README.md", "--cell", "no-such-cell"],
        ["run", "README.md", "--robot", "RV-99"],
        ["grade-batch", "no-such-folder", "--exercise", EX],
    ],
)
def test_usage_errors_exit_2_with_a_message(argv, capsys):
    assert main(["--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "Traceback" not in err
