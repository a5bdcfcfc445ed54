"""Grade a MELFA-BASIC program against an exercise.

The program is checked once, then run in every scenario of the exercise
(the cell as that scenario varies it, its seed, its re-taught positions)
within the exercise's limits. Each check is scored: a check of the program
text once, a check of a run per scenario (a check's score is its points
times the mean of what it earned in each scenario). A program that crashes,
loops or times out in one scenario keeps what it earned elsewhere and in
that scenario up to the moment it stopped; the scenario says why it stopped.
The result is modelled on Gradescope's ``results.json``: total, per-check
score, maximum, feedback and visibility, per-scenario outcome, and the trace
of the visible scenarios. Hidden scenarios report passed or failed only;
hidden checks report their score and passed or failed, not their details.

Nothing is random and nothing the trainee wrote runs as Python.

To use::

    result = grade(source, load_exercise("ex03-pick-and-place"))
    result.score, result.max_score, result.passed
    result.as_dict()          # JSON-ready
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from robocampus.sim.cell.world import World
from robocampus.sim.grading import checks as c
from robocampus.sim.grading.scenarios import scenario_cell, scenario_positions
from robocampus.sim.grading.spec import STATIC_CHECKS, Exercise
from robocampus.sim.melfa import Limits, Machine, ProgramError, compile_program
from robocampus.sim.melfa.parser import parse_program
from robocampus.sim.melfa.run import result_of

FULL = 1.0 - 1e-9
"""A fraction at least this is full marks (rounding)."""


@dataclass
class CheckResult:
    id: str
    title: dict[str, str]
    score: float
    max_score: float
    visibility: str
    details: list[dict[str, Any]] = field(default_factory=list)
    """Per scenario (or once for a text check): id, fraction, detail_en/ko."""
    feedback: dict[str, str] | None = None

    @property
    def status(self) -> str:
        if self.max_score == 0 or self.score >= self.max_score * FULL:
            return "passed"
        return "partial" if self.score > 0 else "failed"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name_en": self.title["en"],
            "name_ko": self.title["ko"],
            "score": round(self.score, 4),
            "max_score": self.max_score,
            "status": self.status,
            "visibility": self.visibility,
        }
        if self.visibility == "visible":
            out["details"] = self.details
            if self.feedback:
                out["feedback_en"] = self.feedback["en"]
                out["feedback_ko"] = self.feedback["ko"]
        return out


@dataclass
class ScenarioResult:
    id: str
    visible: bool
    status: str
    """How the run ended: ``completed``, ``halted``, ``error``."""
    passed: bool
    """Every run check earned full marks in this scenario."""
    time_s: float
    error: dict[str, Any] | None = None
    trace: dict[str, Any] | None = None

    def as_dict(self, traces: bool = True) -> dict[str, Any]:
        if not self.visible:
            return {"id": self.id, "visible": False, "passed": self.passed}
        out = {
            "id": self.id,
            "visible": True,
            "passed": self.passed,
            "status": self.status,
            "time_s": round(self.time_s, 4),
            "error": self.error,
        }
        if traces and self.trace is not None:
            out["trace"] = self.trace
        return out


@dataclass
class GradeResult:
    exercise: str
    score: float
    max_score: float
    passed: bool
    attempt: int
    penalty_pct: float
    diagnostics: list[dict[str, Any]]
    checks: list[CheckResult]
    scenarios: list[ScenarioResult]
    compiled: bool

    def as_dict(self, traces: bool = True) -> dict[str, Any]:
        """Return the result as JSON-ready data (``traces``: include the
        visible scenarios' traces)."""
        return {
            "exercise": self.exercise,
            "score": round(self.score, 4),
            "max_score": self.max_score,
            "passed": self.passed,
            "attempt": self.attempt,
            "penalty_pct": self.penalty_pct,
            "compiled": self.compiled,
            "diagnostics": self.diagnostics,
            "tests": [check.as_dict() for check in self.checks],
            "scenarios": [sc.as_dict(traces) for sc in self.scenarios],
        }


def grade(source: str, exercise: Exercise, attempt: int = 1) -> GradeResult:
    """Grade ``source`` (a ``.prg`` text) against ``exercise``.

    ``attempt``: 1 for the first submission; later ones lose the exercise's
    resubmission penalty per earlier attempt.
    """
    parsed = parse_program(source)
    try:
        program = compile_program(parsed)
    except ProgramError as err:
        diagnostics = [d.as_dict() for d in err.diagnostics + err.warnings]
        return _not_compiled(exercise, attempt, diagnostics)
    diagnostics = [d.as_dict() for d in program.warnings]
    limits = Limits(
        max_statements=exercise.limits.statements, max_time_s=exercise.limits.time_s
    )
    runs = []
    for scenario in exercise.scenarios:
        spec = scenario_cell(exercise, scenario)
        world = World(spec, seed=scenario.seed)
        machine = Machine(program, world, limits, scenario_positions(scenario))
        machine.run()
        runs.append((scenario, c.RunView(result_of(machine), spec)))
    results = [_score_check(check, parsed, runs) for check in exercise.checks]
    scenarios = [_scenario(scenario, run, exercise, results) for scenario, run in runs]
    return _total(exercise, attempt, diagnostics, results, scenarios, compiled=True)


def _score_check(check, parsed, runs) -> CheckResult:
    title = {"en": check.title.en, "ko": check.title.ko}
    if isinstance(check, STATIC_CHECKS):
        outcome = c.TEXT_CHECKS[type(check)](check, parsed)
        details = [_detail(None, outcome)]
        fraction = outcome.fraction
    else:
        measure = c.RUN_CHECKS[type(check)]
        details = []
        for scenario, run in runs:
            outcome = measure(check, run)
            detail = _detail(scenario.id, outcome)
            if not scenario.visible:
                detail = {"scenario": scenario.id, "fraction": detail["fraction"]}
            details.append(detail)
        fraction = sum(d["fraction"] for d in details) / len(details)
    result = CheckResult(
        check.id,
        title,
        check.points * fraction,
        check.points,
        check.visibility,
        details,
    )
    result.feedback = _feedback(check, result.status)
    return result


def _detail(scenario_id, outcome: c.Outcome) -> dict[str, Any]:
    return {
        "scenario": scenario_id,
        "fraction": round(outcome.fraction, 4),
        "detail_en": outcome.detail_en,
        "detail_ko": outcome.detail_ko,
    }


def _feedback(check, status: str) -> dict[str, str] | None:
    text = check.feedback.passed if status == "passed" else check.feedback.failed
    return None if text is None else {"en": text.en, "ko": text.ko}


def _scenario(scenario, run: c.RunView, exercise, results) -> ScenarioResult:
    full = all(
        next(d for d in r.details if d["scenario"] == scenario.id)["fraction"] >= FULL
        for r, check in zip(results, exercise.checks, strict=True)
        if not isinstance(check, STATIC_CHECKS)
    )
    error = None
    if run.result.error is not None:
        err = run.result.error
        error = {
            "code": err.code,
            "line": err.line,
            "step": err.step,
            "message_en": err.message("en"),
            "message_ko": err.message("ko"),
        }
    return ScenarioResult(
        scenario.id,
        scenario.visible,
        run.result.status,
        full,
        run.result.time_s,
        error,
        run.trace if scenario.visible else None,
    )


def _not_compiled(exercise: Exercise, attempt: int, diagnostics) -> GradeResult:
    title = "the program has errors and was not run"
    title_ko = "프로그램에 오류가 있어 실행하지 않았습니다"
    checks = [
        CheckResult(
            check.id,
            {"en": check.title.en, "ko": check.title.ko},
            0.0,
            check.points,
            check.visibility,
            [
                {
                    "scenario": None,
                    "fraction": 0.0,
                    "detail_en": title,
                    "detail_ko": title_ko,
                }
            ],
        )
        for check in exercise.checks
    ]
    scenarios = [
        ScenarioResult(s.id, s.visible, "not_run", False, 0.0)
        for s in exercise.scenarios
    ]
    return _total(exercise, attempt, diagnostics, checks, scenarios, compiled=False)


def _total(exercise, attempt, diagnostics, checks, scenarios, compiled) -> GradeResult:
    policy = exercise.scoring
    max_score = exercise.max_points
    earned = sum(check.score for check in checks)
    if policy.policy == "all_or_nothing" and earned < max_score * FULL:
        earned = 0.0
    penalty = min(
        policy.max_penalty_pct, policy.resubmission_penalty_pct * (attempt - 1)
    )
    score = earned * (1.0 - penalty / 100.0)
    passed = compiled and score >= max_score * policy.pass_mark_pct / 100.0 * FULL
    return GradeResult(
        exercise.id,
        score,
        max_score,
        passed,
        attempt,
        penalty,
        diagnostics,
        checks,
        scenarios,
        compiled,
    )
