"""Apply a level's pass rules to the scores of an attempt's slots.

Pure Python (no Django). A level passes an attempt when:

- the total percentage >= ``total_percent``;
- every subject's written percentage >= ``subject_percent`` (a subject with
  no written item on the form has no written percentage and no such rule);
- the practical percentage (simulator practicals and rubric-marked physical
  practicals together) >= ``practical_percent`` (only when the form has a
  practical or physical slot).

Units: points as floats, percentages 0-100. A rule is met within 1e-9 of its
mark (floating-point sums of fractions).

To use::

    outcome = evaluate(PassRules(60, 40, 60), [SlotScore("safety", "written", 1, 1)])
    outcome.passed, outcome.total_percent, outcome.checks
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

WRITTEN = "written"
PRACTICAL = "practical"
PHYSICAL = "physical"
GROUPS = (WRITTEN, PRACTICAL, PHYSICAL)
EPSILON = 1e-9


class PassRulesError(ValueError):
    """A slot score that cannot be evaluated (unknown group, negative or
    too many points)."""


@dataclass(frozen=True)
class PassRules:
    """A level's pass marks, percentages 0-100."""

    total_percent: float
    subject_percent: float
    practical_percent: float


@dataclass(frozen=True)
class SlotScore:
    """One scored slot: its subject code, kind group (``written``,
    ``practical``, ``physical``), points earned and the most it could earn."""

    subject: str
    group: str
    points: float
    max_points: float


@dataclass(frozen=True)
class RuleCheck:
    """One rule as applied: ``rule`` is ``total``, ``subject`` or
    ``practical``; ``subject`` names the subject for a subject rule;
    ``percent`` what the attempt reached, ``mark`` what the rule asks."""

    rule: str
    percent: float
    mark: float
    passed: bool
    subject: str = ""


@dataclass(frozen=True)
class Outcome:
    score_points: float
    max_points: float
    total_percent: float
    subject_percents: dict[str, float]
    practical_percent: float | None
    passed: bool
    checks: list[RuleCheck] = field(default_factory=list)


def percent(points: float, max_points: float) -> float | None:
    """``points`` as a percentage of ``max_points``; None when nothing could
    be earned."""
    if max_points <= 0:
        return None
    return 100.0 * points / max_points


def evaluate(rules: PassRules, slots: Iterable[SlotScore]) -> Outcome:
    """Total, per-subject written and practical percentages of ``slots`` and
    whether they meet ``rules``. An attempt with nothing to earn fails."""
    slots = list(slots)
    for i, slot in enumerate(slots):
        if slot.group not in GROUPS:
            raise PassRulesError(
                f"slot {i}: unknown group {slot.group!r} (expected one of {GROUPS})"
            )
        if slot.max_points < 0 or slot.points < 0:
            raise PassRulesError(f"slot {i}: points must not be negative")
        if slot.points > slot.max_points + EPSILON:
            raise PassRulesError(
                f"slot {i}: {slot.points} points earned of at most {slot.max_points}"
            )
    earned = sum(s.points for s in slots)
    most = sum(s.max_points for s in slots)
    total = percent(earned, most)
    subjects: dict[str, list[float]] = {}
    practical = [0.0, 0.0]
    for slot in slots:
        if slot.group == WRITTEN:
            sums = subjects.setdefault(slot.subject, [0.0, 0.0])
        else:
            sums = practical
        sums[0] += slot.points
        sums[1] += slot.max_points
    subject_percents = {
        code: p for code, (e, m) in subjects.items() if (p := percent(e, m)) is not None
    }
    has_practical = any(s.group != WRITTEN for s in slots)
    practical_percent = percent(*practical) if has_practical else None

    checks = [
        RuleCheck(
            "total",
            total if total is not None else 0.0,
            rules.total_percent,
            total is not None and _meets(total, rules.total_percent),
        )
    ]
    for code, value in subject_percents.items():
        checks.append(
            RuleCheck(
                "subject",
                value,
                rules.subject_percent,
                _meets(value, rules.subject_percent),
                code,
            )
        )
    if practical_percent is not None:
        checks.append(
            RuleCheck(
                "practical",
                practical_percent,
                rules.practical_percent,
                _meets(practical_percent, rules.practical_percent),
            )
        )
    return Outcome(
        score_points=earned,
        max_points=most,
        total_percent=total if total is not None else 0.0,
        subject_percents=subject_percents,
        practical_percent=practical_percent,
        passed=all(check.passed for check in checks),
        checks=checks,
    )


def _meets(value: float, mark: float) -> bool:
    return value >= mark - EPSILON
