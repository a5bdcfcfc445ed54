"""Words for the rule engine's codes, in the active language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from robocampus.cohorts.rules.attendance import Status
from robocampus.cohorts.rules.completion import ReasonCode

STATUS = {
    Status.PRESENT: gettext_lazy("present"),
    Status.LATE: gettext_lazy("late"),
    Status.EARLY_LEAVE: gettext_lazy("early leave"),
    Status.OUTING: gettext_lazy("outing"),
    Status.ABSENT: gettext_lazy("absent"),
    Status.EXCUSED: gettext_lazy("official leave"),
    Status.NOT_APPLICABLE: gettext_lazy("not applicable"),
}
STATUS_SHORT = {
    Status.PRESENT: gettext_lazy("P"),
    Status.LATE: gettext_lazy("L"),
    Status.EARLY_LEAVE: gettext_lazy("E"),
    Status.OUTING: gettext_lazy("O"),
    Status.ABSENT: gettext_lazy("A"),
    Status.EXCUSED: gettext_lazy("X"),
    Status.NOT_APPLICABLE: "·",
}
"""One-letter cells of the attendance grid (legend on the page)."""


def describe_reason(reason: dict) -> str:
    """One completion reason (``Reason.as_dict()``) as a sentence."""
    code, p = reason["code"], reason["params"]
    if code == ReasonCode.ATTENDANCE:
        return _("Attendance %(rate).1f%% (required %(min).0f%%)") % {
            "rate": 100 * p["rate"],
            "min": 100 * p["min_rate"],
        }
    if code == ReasonCode.ATTENDANCE_MISSING:
        return _("No attendance recorded yet")
    if code == ReasonCode.EXERCISE:
        return _("Required work %(id)s") % {"id": p["exercise"]}
    if code == ReasonCode.FINAL_SCORE:
        return _("Final assessment %(score)s (required %(min)s)") % {
            "score": p["score"],
            "min": p["min_score"],
        }
    if code == ReasonCode.FINAL_SCORE_MISSING:
        return _("Final assessment not taken (required %(min)s)") % {
            "min": p["min_score"]
        }
    if code == ReasonCode.SAFETY_EDUCATION:
        return _("Safety education %(done)s of %(required)s hours") % {
            "done": p.get("hours_done"),
            "required": p.get("hours_required"),
        }
    return code
