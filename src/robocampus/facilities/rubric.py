"""A practical task's rubric: criteria worth whole points, and a score
against it.

A rubric is stored as JSON, a list of criteria::

    [{"id": "posture", "text_ko": "...", "text_en": "...", "points": 10}, ...]

``id`` is a short name (lower-case letters, digits, ``-``, ``_``) unique in
the rubric; ``points`` is the most a criterion gives (a whole number >= 1).
A score gives each criterion a whole number from 0 to its points.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from robocampus.curriculum.bilingual import in_language

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_CRITERIA = 40
MAX_POINTS = 1000


@dataclass(frozen=True)
class Criterion:
    id: str
    text_ko: str
    text_en: str
    points: int

    @property
    def text(self) -> str:
        return in_language(self.text_ko, self.text_en)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "text_ko": self.text_ko,
            "text_en": self.text_en,
            "points": self.points,
        }


def parse_rubric(data: object) -> tuple[Criterion, ...]:
    """Return the criteria of a rubric's JSON, or raise ``ValidationError``
    with every problem found, each naming the criterion (1-based)."""
    if not isinstance(data, list) or not data:
        raise ValidationError(
            _("A rubric is a list of at least one criterion."), code="rubric"
        )
    if len(data) > MAX_CRITERIA:
        raise ValidationError(
            _("A rubric has at most %(n)d criteria.") % {"n": MAX_CRITERIA},
            code="rubric",
        )
    problems: list[str] = []
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for n, item in enumerate(data, start=1):
        where = {"n": n}
        if not isinstance(item, dict):
            problems.append(_("Criterion %(n)d is not an object.") % where)
            continue
        unknown = sorted(set(item) - {"id", "text_ko", "text_en", "points"})
        if unknown:
            problems.append(
                _("Criterion %(n)d has unknown keys: %(keys)s.")
                % {**where, "keys": ", ".join(unknown)}
            )
        cid = item.get("id")
        if not isinstance(cid, str) or not ID_RE.match(cid):
            problems.append(
                _(
                    "Criterion %(n)d needs an id of lower-case letters, digits, "
                    "- or _ (at most 40)."
                )
                % where
            )
        elif cid in seen:
            problems.append(
                _("Criterion %(n)d repeats the id %(id)s.") % {**where, "id": cid}
            )
        else:
            seen.add(cid)
        text_ko, text_en = item.get("text_ko", ""), item.get("text_en", "")
        if not isinstance(text_ko, str) or not isinstance(text_en, str):
            problems.append(_("Criterion %(n)d: texts must be text.") % where)
        elif not (text_ko.strip() or text_en.strip()):
            problems.append(_("Criterion %(n)d needs a text.") % where)
        points = item.get("points")
        if (
            isinstance(points, bool)
            or not isinstance(points, int)
            or not 1 <= points <= MAX_POINTS
        ):
            problems.append(
                _("Criterion %(n)d: points must be a whole number from 1 to %(max)d.")
                % {**where, "max": MAX_POINTS}
            )
        if not problems:
            criteria.append(Criterion(cid, text_ko, text_en, points))
    if problems:
        raise ValidationError(problems, code="rubric")
    return tuple(criteria)


def max_points(criteria: tuple[Criterion, ...]) -> int:
    return sum(c.points for c in criteria)


def total(criteria: tuple[Criterion, ...], awarded: Mapping[str, object]) -> int:
    """Return the sum of ``awarded`` points, or raise ``ValidationError``
    whose ``error_dict`` maps each wrong criterion id to its problem.

    Every criterion must be given a whole number from 0 to its points, and
    nothing else may be given.
    """
    errors: dict[str, str] = {}
    for criterion in criteria:
        value = awarded.get(criterion.id)
        if isinstance(value, bool) or not isinstance(value, int):
            errors[criterion.id] = _("Give a whole number of points.")
        elif not 0 <= value <= criterion.points:
            errors[criterion.id] = _(
                "%(value)d points is outside 0 to %(max)d for this criterion."
            ) % {"value": value, "max": criterion.points}
    known = {c.id for c in criteria}
    for extra in sorted(set(awarded) - known):
        errors[extra] = _("This criterion is not in the rubric.")
    if errors:
        raise ValidationError(
            {cid: ValidationError(msg, code="points") for cid, msg in errors.items()}
        )
    return sum(awarded[c.id] for c in criteria)
