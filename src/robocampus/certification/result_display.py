"""How an attempt's slots are shown on the results pages: the item version
as the candidate saw it (options in the order shown), the response and the
key as text, points, the practical's grading and the rubric.

The officer's page shows everything; the candidate's shows per-question
feedback only where the item has feedback, and for practicals what the
grader's report shows anyway (visible checks' details, hidden scenarios as
passed or failed only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from robocampus.certification.models import (
    Answer,
    Attempt,
    ItemKind,
    ItemVersion,
    PracticalGrading,
    RubricMark,
)
from robocampus.certification.scoring import form_versions
from robocampus.curriculum.bilingual import in_language
from robocampus.curriculum.markdown import render_markdown


@dataclass
class SlotView:
    number: int
    slot: int
    version: ItemVersion
    kind: str
    kind_label: str
    stem_html: str
    options: list[dict]
    response_text: str
    key_text: str
    answer: Answer | None
    feedback_html: str
    practical: PracticalGrading | None = None
    rubric: list[dict] = field(default_factory=list)
    rubric_mark: RubricMark | None = None
    checks: dict = field(default_factory=dict)
    rubric_rows: list[dict] = field(default_factory=list)
    """The rubric form's rows: id, text, points, value, error."""
    rubric_error: str = ""
    rubric_comment: str = ""
    """The practical's report as shown (``practical_checks``)."""

    @property
    def score(self):
        return None if self.answer is None else self.answer.score

    @property
    def max_score(self):
        return self.version.points


def _text(obj: dict, name: str = "text") -> str:
    return in_language(obj.get(f"{name}_ko", ""), obj.get(f"{name}_en", ""))


def _options(version: ItemVersion, shown: list[str], response: dict) -> list[dict]:
    by_id = {o["id"]: o for o in version.content.get("options", [])}
    order = [i for i in shown if i in by_id] or list(by_id)
    chosen = set()
    if isinstance(response, dict):
        if "choice" in response:
            chosen = {response.get("choice")}
        elif isinstance(response.get("choices"), list):
            chosen = set(map(str, response["choices"]))
    return [
        {
            "id": oid,
            "text": _text(by_id[oid]),
            "correct": by_id[oid].get("correct"),
            "chosen": oid in chosen,
        }
        for oid in order
    ]


def _label(version: ItemVersion, oid) -> str:
    for option in version.content.get("options", []):
        if option["id"] == oid:
            return f"{oid}. {_text(option)}"
    return str(oid)


def response_text(version: ItemVersion, response) -> str:
    """The candidate's response as plain text ("" when none)."""
    response = response if isinstance(response, dict) else {}
    kind = version.item.kind
    content = version.content
    if kind == ItemKind.SINGLE:
        return _label(version, response["choice"]) if "choice" in response else ""
    if kind == ItemKind.MULTIPLE:
        return "; ".join(_label(version, c) for c in response.get("choices") or [])
    if kind == ItemKind.ORDERING:
        return " → ".join(_label(version, c) for c in response.get("order") or [])
    if kind == ItemKind.NUMERIC:
        value = str(response.get("value", "")).strip()
        unit = content.get("unit", "")
        if unit and not value.endswith(unit):
            value = f"{value} {unit}"
        return value if response.get("value") not in (None, "") else ""
    if kind in (ItemKind.SHORT, ItemKind.CODE_READING):
        return str(response.get("text", ""))
    if kind == ItemKind.PRACTICAL:
        return str(response.get("program", ""))
    return ""


def key_text(version: ItemVersion) -> str:
    """The key of ``version`` as plain text (officers only)."""
    kind = version.item.kind
    content = version.content
    options = content.get("options", [])
    if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        return "; ".join(_label(version, o["id"]) for o in options if o.get("correct"))
    if kind == ItemKind.ORDERING:
        return " → ".join(_label(version, o["id"]) for o in options)
    if kind == ItemKind.NUMERIC:
        unit = content.get("unit", "")
        return f"{content.get('answer')} ± {content.get('tolerance', 0)} {unit}".strip()
    if kind == ItemKind.SHORT:
        return "; ".join(
            f"{p['pattern']} ({round(100 * p.get('fraction', 1))} %)"
            for p in content.get("patterns", [])
        )
    if kind == ItemKind.CODE_READING:
        expected = content.get("expected")
        if isinstance(expected, list):
            expected = "(" + ", ".join(f"{v:g}" for v in expected) + ")"
        tolerance = content.get("tolerance", 0.01)
        return f"{content.get('variable', '')} = {expected} ± {tolerance}"
    if kind == ItemKind.PRACTICAL:
        return _("graded by the simulator on every scenario of %(exercise)s") % {
            "exercise": content.get("exercise", "")
        }
    if kind == ItemKind.PHYSICAL:
        return _("marked by rubric")
    return ""


def slot_views(attempt: Attempt) -> list[SlotView]:
    """Every slot of ``attempt`` in form order (a handful of queries)."""
    versions = form_versions(attempt)
    answers = {
        a.slot: a
        for a in attempt.answers.select_related("practical", "rubric__marked_by")
    }
    views = []
    for number, entry in enumerate(attempt.form, start=1):
        slot = entry["slot"]
        version = versions[slot]
        answer = answers.get(slot)
        response = answer.response if answer else {}
        kind = version.item.kind
        feedback = _text(version.content, "feedback")
        view = SlotView(
            number=number,
            slot=slot,
            version=version,
            kind=kind,
            kind_label=version.item.get_kind_display(),
            # render_markdown sanitises (nh3): safe to mark so.
            stem_html=mark_safe(render_markdown(_text(version.content, "stem"))),
            options=_options(version, entry.get("options") or [], response),
            response_text=response_text(version, response),
            key_text=key_text(version),
            answer=answer,
            feedback_html=mark_safe(render_markdown(feedback)) if feedback else "",
        )
        if answer is not None and kind == ItemKind.PRACTICAL:
            view.practical = getattr(answer, "practical", None)
        if kind == ItemKind.PHYSICAL:
            view.rubric_mark = getattr(answer, "rubric", None) if answer else None
            marks = view.rubric_mark.marks if view.rubric_mark else {}
            view.rubric = [
                {
                    "id": c["id"],
                    "text": _text(c),
                    "points": c["points"],
                    "mark": marks.get(c["id"]),
                }
                for c in version.content.get("rubric", [])
            ]
        views.append(view)
    return views


def practical_checks(grading: PracticalGrading | None, lang: str) -> dict:
    """The grader's report as shown: checks (visible ones with their
    details and feedback, hidden ones with score and status only, as the
    report stores them) and scenarios (hidden ones: passed or failed)."""
    if grading is None or not grading.result:
        return {"tests": [], "scenarios": []}
    report = grading.result
    tests = []
    for test in report.get("tests", []):
        visible = test.get("visibility") == "visible"
        tests.append(
            {
                "name": test.get(f"name_{lang}") or test.get("name_en", ""),
                "score": test.get("score"),
                "max_score": test.get("max_score"),
                "status": test.get("status"),
                "visible": visible,
                "feedback": test.get(f"feedback_{lang}", "") if visible else "",
                # Per visible scenario (hidden ones carry no text).
                "details": [
                    text
                    for d in test.get("details", [])
                    if (text := d.get(f"detail_{lang}") or d.get("detail_en", ""))
                ]
                if visible
                else [],
            }
        )
    scenarios = [
        {
            "id": s.get("id"),
            "visible": s.get("visible", False),
            "passed": s.get("passed"),
            "status": s.get("status", "") if s.get("visible") else "",
            "error": ((s.get("error") or {}).get(f"message_{lang}") or "")
            if s.get("visible")
            else "",
        }
        for s in report.get("scenarios", [])
    ]
    return {
        "tests": tests,
        "scenarios": scenarios,
        "compiled": report.get("compiled", True),
        "diagnostics": report.get("diagnostics", []),
    }
