"""``robocampus grade``, ``grade-batch`` and ``exercises``: the course."""

from __future__ import annotations

import csv
import os
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from robocampus.commands.common import (
    NOT_PASSED,
    OK,
    PROGRAM_ERROR,
    UsageError,
    print_json,
    read_text,
    say,
)
from robocampus.commands.program import _exercise_ref, describe
from robocampus.sim.grading import exercise_ids, grade, load_exercise


def grade_one(args) -> int:
    """Grade a program against an exercise; print the rubric (or JSON)."""
    exercise = load_exercise(_exercise_ref(args.exercise))
    source = read_text(args.program)
    result = grade(source, exercise, attempt=args.attempt)
    if args.json:
        print_json(result.as_dict(traces=False))
    else:
        _print_rubric(args.program, result, args.lang)
    if not result.compiled:
        return PROGRAM_ERROR
    return OK if result.passed else NOT_PASSED


def _print_rubric(path: str, result, lang: str) -> None:
    ko = lang == "ko"
    report = result.as_dict(traces=False)
    if not result.compiled:
        for d in report["diagnostics"]:
            if d["severity"] == "error":
                where = f"{path}:{d['line']}:{d['column']}"
                print(f"{where}: {d['message_ko' if ko else 'message_en']}")
    marks = {"passed": "OK", "partial": "~", "failed": "X"}
    width = max(_width(t["name_ko" if ko else "name_en"]) for t in report["tests"])
    for test in report["tests"]:
        name = test["name_ko" if ko else "name_en"]
        score = f"{test['score']:g}/{test['max_score']:g}"
        pad = " " * (width - _width(name))
        print(f"{marks[test['status']]:>2}  {name}{pad}  {score:>9}")
        for detail in test.get("details", []):
            if "detail_en" not in detail:
                continue
            scenario = f"[{detail['scenario']}] " if detail["scenario"] else ""
            print(f"      {scenario}{detail['detail_ko' if ko else 'detail_en']}")
        if "feedback_en" in test:
            print(f"      > {test['feedback_ko' if ko else 'feedback_en']}")
    for scenario in report["scenarios"]:
        mark = "OK" if scenario["passed"] else "X"
        if scenario["visible"]:
            error = scenario.get("error")
            text = error["message_ko" if ko else "message_en"] if error else ""
            say(
                lang,
                f"scenario {scenario['id']}: {mark} {text}".rstrip(),
                f"시나리오 {scenario['id']}: {mark} {text}".rstrip(),
            )
        else:
            say(
                lang,
                f"hidden scenario {scenario['id']}: {mark}",
                f"숨은 시나리오 {scenario['id']}: {mark}",
            )
    total = f"{report['score']:g}/{report['max_score']:g}"
    verdict = ("passed", "합격") if report["passed"] else ("not passed", "불합격")
    penalty = report["penalty_pct"]
    extra_en = f" (resubmission penalty {penalty:g}%)" if penalty else ""
    extra_ko = f" (재제출 감점 {penalty:g}%)" if penalty else ""
    say(
        lang,
        f"score {total}: {verdict[0]}{extra_en}",
        f"점수 {total}: {verdict[1]}{extra_ko}",
    )


def _width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (Hangul takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _grade_file(job: tuple[str, str]) -> dict:
    """Grade one file (in a worker process); return its CSV row."""
    path, exercise_ref = job
    exercise = load_exercise(exercise_ref)
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {"file": path, "error": str(exc)}
    result = grade(source, exercise)
    row = {
        "file": path,
        "score": round(result.score, 4),
        "max_score": result.max_score,
        "passed": result.passed,
        "compiled": result.compiled,
        "error": "",
    }
    for check in result.checks:
        row[f"check:{check.id}"] = round(check.score, 4)
    return row


def grade_batch(args) -> int:
    """Grade every ``*.prg`` in a folder; write a CSV; show a progress bar."""
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder", f"{folder}: 폴더가 아닙니다")
    files = sorted(str(p) for p in folder.glob("*.prg"))
    exercise = load_exercise(_exercise_ref(args.exercise))
    ref = _exercise_ref(args.exercise)
    ref = str(ref) if isinstance(ref, Path) else ref
    jobs = [(path, ref) for path in files]
    workers = args.workers or 1
    began = time.perf_counter()
    rows = []
    if workers == 1:
        for done, job in enumerate(jobs, start=1):
            rows.append(_grade_file(job))
            _progress(done, len(jobs), began)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done, row in enumerate(pool.map(_grade_file, jobs, chunksize=4), 1):
                rows.append(row)
                _progress(done, len(jobs), began)
    checks = [f"check:{c.id}" for c in exercise.checks]
    columns = ["file", "score", "max_score", "passed", "compiled", "error", *checks]
    out = Path(args.out) if args.out else folder / f"{exercise.id}-results.csv"
    try:
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"{out}: {reason}", f"{out}: {reason}") from None
    passed = sum(1 for r in rows if r.get("passed"))
    took = time.perf_counter() - began
    say(
        args.lang,
        f"{len(rows)} programs graded in {took:.1f} s ({passed} passed); "
        f"results: {out}",
        f"프로그램 {len(rows)}개를 {took:.1f}초에 채점했습니다 (합격 {passed}개). "
        f"결과: {out}",
    )
    return OK


def _progress(done: int, total: int, began: float) -> None:
    if not sys.stderr.isatty() and os.environ.get("ROBOCAMPUS_PROGRESS") != "1":
        return
    width = 30
    filled = width * done // max(total, 1)
    rate = done / max(time.perf_counter() - began, 1e-9)
    bar = "#" * filled + "-" * (width - filled)
    end = "\n" if done == total else "\r"
    print(f"[{bar}] {done}/{total} {rate:.1f}/s", end=end, file=sys.stderr, flush=True)


def exercises(args) -> int:
    """List the built-in exercises, or show one."""
    ko = args.lang == "ko"
    if args.action == "list":
        for exercise_id in exercise_ids():
            ex = load_exercise(exercise_id)
            title = ex.title.ko if ko else ex.title.en
            minutes = f"{ex.minutes} 분" if ko else f"{ex.minutes} min"
            print(f"{ex.id:<26} L{ex.level}  {minutes:>7}  {title}")
        return OK
    if not args.id:
        raise UsageError(
            "exercises show needs an exercise id",
            "exercises show에는 과제 id가 필요합니다",
        )
    ex = load_exercise(_exercise_ref(args.id))
    if args.json:
        print_json(ex.model_dump(mode="json"))
        return OK
    print(f"# {ex.title.ko if ko else ex.title.en} ({ex.id})\n")
    print((ex.instructions.ko if ko else ex.instructions.en).rstrip() + "\n")
    visible = sum(1 for s in ex.scenarios if s.visible)
    hidden = len(ex.scenarios) - visible
    say(
        args.lang,
        f"level {ex.level}, about {ex.minutes} min, {ex.cell_spec().robot.model}; "
        f"{visible} visible and {hidden} hidden scenario(s)",
        f"수준 {ex.level}, 약 {ex.minutes}분, {ex.cell_spec().robot.model}; "
        f"공개 시나리오 {visible}개, 숨은 시나리오 {hidden}개",
    )
    say(args.lang, "\nchecks:", "\n평가 항목:")
    for check in ex.checks:
        print(f"  {check.points:>5g}  {check.title.ko if ko else check.title.en}")
    if ex.positions.strip():
        say(args.lang, "\ntaught positions:", "\n교시된 위치:")
        print(ex.positions.rstrip())
    return OK


__all__ = ["describe", "exercises", "grade_batch", "grade_one"]
