"""A cohort's completion rule set and the verdict it gives on one trainee.

``evaluate(rules, evidence)`` checks each part of the rule set that is
switched on (attendance rate, required exercises, final assessment score,
safety education; reference §6 item 2) and returns a ``Verdict`` with one
``Reason`` per check, passed or not. Reasons carry a machine ``code`` and a
``params`` dict so the Django layer can word them in Korean or English; their
``str()`` is a plain English fallback for logs. The same evidence always gives
the same verdict with its reasons in the same order.

Rates are fractions in 0..1 and scores are points out of 100.

To use::

    verdict = evaluate(CompletionRules(required_exercises=("ex01", "ex05")),
                       CompletionEvidence(attendance_rate=0.767, ...))
    verdict.completed, [r.code for r in verdict.failed]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from robocampus.cohorts.rules.errors import RuleArgumentError

__all__ = [
    "CompletionEvidence",
    "CompletionRules",
    "Reason",
    "ReasonCode",
    "Verdict",
    "evaluate",
]


class ReasonCode(StrEnum):
    """What a completion ``Reason`` is about."""

    ATTENDANCE = "attendance"
    """params: ``rate``, ``min_rate`` (fractions in 0..1)."""
    ATTENDANCE_MISSING = "attendance_missing"
    """params: ``min_rate``; no attendance rate was given."""
    EXERCISE = "exercise"
    """params: ``exercise`` (id); one reason per required exercise."""
    FINAL_SCORE = "final_score"
    """params: ``score``, ``min_score`` (points)."""
    FINAL_SCORE_MISSING = "final_score_missing"
    """params: ``min_score``; the final assessment was not taken."""
    SAFETY_EDUCATION = "safety_education"
    """params: ``hours_done``, ``hours_required`` (hours, may be None)."""


@dataclass(frozen=True)
class CompletionRules:
    """What a trainee must meet to complete a cohort; each part can be off.

    ``None`` (or an empty tuple, or ``False``) switches a part off.
    """

    min_attendance_rate: float | None = 0.8
    """The HRD-Net 80 % gate (reference §5.1, §6 item 2), as a fraction."""
    required_exercises: tuple[str, ...] = ()
    """Lab exercise and physical practical ids that must all be passed, in the
    order their reasons are listed."""
    min_final_score: float | None = 60.0
    """Points out of 100 on the final assessment; 60 is the center's choice."""
    require_safety_education: bool = True
    """The 16-hour special safety education must be complete (``safety``)."""

    def __post_init__(self) -> None:
        rate = self.min_attendance_rate
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise RuleArgumentError(
                "min_attendance_rate must be in 0..1", code="bad_rules"
            )
        if isinstance(self.required_exercises, str):
            raise RuleArgumentError(
                "required_exercises must be a sequence of ids, not one string",
                code="bad_rules",
            )
        # A duplicate would give two reasons for one exercise.
        object.__setattr__(
            self, "required_exercises", tuple(dict.fromkeys(self.required_exercises))
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the rule set as JSON-ready data, to store beside a verdict."""
        return {
            "min_attendance_rate": self.min_attendance_rate,
            "required_exercises": list(self.required_exercises),
            "min_final_score": self.min_final_score,
            "require_safety_education": self.require_safety_education,
        }


@dataclass(frozen=True)
class CompletionEvidence:
    """What is known about one trainee when the verdict is made.

    ``attendance_rate`` is the final rate in 0..1 (``AttendanceSummary.rate``),
    ``passed_exercises`` the ids of the exercises and practicals passed,
    ``final_score`` the final assessment's points out of 100 (``None`` if not
    taken), ``safety_complete`` whether the 16-hour education is complete;
    ``safety_hours_done`` and ``safety_hours_required`` (hours, from
    ``safety.SafetyStatus``) only feed the reason's parameters.
    """

    attendance_rate: float | None = None
    passed_exercises: frozenset[str] = frozenset()
    final_score: float | None = None
    safety_complete: bool = False
    safety_hours_done: float | None = None
    safety_hours_required: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "passed_exercises", frozenset(self.passed_exercises))


@dataclass(frozen=True)
class Reason:
    """One check of a verdict: its ``code``, whether it ``passed``, its numbers."""

    code: ReasonCode
    passed: bool
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return _describe(self)

    def as_dict(self) -> dict[str, Any]:
        """Return the reason as JSON-ready data."""
        return {"code": str(self.code), "passed": self.passed, "params": self.params}


@dataclass(frozen=True)
class Verdict:
    """Whether a trainee completed, and every check behind the answer."""

    completed: bool
    reasons: tuple[Reason, ...]

    @property
    def failed(self) -> tuple[Reason, ...]:
        """The reasons that did not pass, in order."""
        return tuple(reason for reason in self.reasons if not reason.passed)

    def as_dict(self) -> dict[str, Any]:
        """Return the verdict as JSON-ready data, to store and show."""
        return {
            "completed": self.completed,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def evaluate(rules: CompletionRules, evidence: CompletionEvidence) -> Verdict:
    """Return the completion verdict of ``rules`` on ``evidence``.

    Reasons come in a fixed order: attendance, each required exercise in the
    rules' order, final score, safety education. Parts switched off give no
    reason. A trainee completes when every reason passed (so a rule set with
    every part off completes everyone). Thresholds are inclusive: a rate of
    exactly 0.8 or a score of exactly 60 passes.
    """
    reasons = list(_reasons(rules, evidence))
    return Verdict(
        completed=all(reason.passed for reason in reasons), reasons=tuple(reasons)
    )


def _reasons(rules: CompletionRules, evidence: CompletionEvidence) -> Iterable[Reason]:
    if rules.min_attendance_rate is not None:
        if evidence.attendance_rate is None:
            yield Reason(
                ReasonCode.ATTENDANCE_MISSING,
                False,
                {"min_rate": rules.min_attendance_rate},
            )
        else:
            yield Reason(
                ReasonCode.ATTENDANCE,
                evidence.attendance_rate >= rules.min_attendance_rate,
                {
                    "rate": evidence.attendance_rate,
                    "min_rate": rules.min_attendance_rate,
                },
            )
    for exercise in rules.required_exercises:
        yield Reason(
            ReasonCode.EXERCISE,
            exercise in evidence.passed_exercises,
            {"exercise": exercise},
        )
    if rules.min_final_score is not None:
        if evidence.final_score is None:
            yield Reason(
                ReasonCode.FINAL_SCORE_MISSING,
                False,
                {"min_score": rules.min_final_score},
            )
        else:
            yield Reason(
                ReasonCode.FINAL_SCORE,
                evidence.final_score >= rules.min_final_score,
                {"score": evidence.final_score, "min_score": rules.min_final_score},
            )
    if rules.require_safety_education:
        yield Reason(
            ReasonCode.SAFETY_EDUCATION,
            evidence.safety_complete,
            {
                "hours_done": evidence.safety_hours_done,
                "hours_required": evidence.safety_hours_required,
            },
        )


def _describe(reason: Reason) -> str:
    """Return an English sentence for logs; users see the translated text."""
    p = reason.params
    code = reason.code
    if code is ReasonCode.ATTENDANCE:
        sign = ">=" if reason.passed else "<"
        return f"attendance {p['rate']:.1%} {sign} {p['min_rate']:.0%}"
    if code is ReasonCode.ATTENDANCE_MISSING:
        return f"attendance rate missing (needs {p['min_rate']:.0%})"
    if code is ReasonCode.EXERCISE:
        state = "passed" if reason.passed else "not passed"
        return f"exercise {p['exercise']} {state}"
    if code is ReasonCode.FINAL_SCORE:
        sign = ">=" if reason.passed else "<"
        return f"final score {p['score']:g} {sign} {p['min_score']:g}"
    if code is ReasonCode.FINAL_SCORE_MISSING:
        return f"final assessment not taken (needs {p['min_score']:g})"
    state = "complete" if reason.passed else "incomplete"
    return f"safety education {state}"
