"""What the candidate's exam page shows for each slot of a form: the stem
(sanitised Markdown) and options in the active language and in the order the
form gives, the saved answer and its version, and what a practical or
physical item needs. Never includes a key (``correct``, ``answer``,
``patterns``, ``expected``) or the grader's hidden scenarios."""

from __future__ import annotations

import functools

from robocampus.certification.models import Answer, Attempt, ItemKind, ItemVersion
from robocampus.curriculum.bilingual import in_language
from robocampus.curriculum.markdown import render_markdown


@functools.lru_cache(maxsize=4096)
def _markdown(text: str) -> str:
    """``render_markdown``, remembered: a stem is the same for every
    candidate, and rendering costs milliseconds."""
    return render_markdown(text)


def _text(entry: dict, field: str) -> str:
    return in_language(
        str(entry.get(f"{field}_ko", "")), str(entry.get(f"{field}_en", ""))
    )


def _options(content: dict, shown: list[str]) -> list[dict]:
    """The options in the order ``shown`` (ids), as ``{"id", "text"}``."""
    by_id = {str(o.get("id")): o for o in content.get("options", [])}
    return [{"id": i, "text": _text(by_id[i], "text")} for i in shown if i in by_id]


def _practical(content: dict) -> dict:
    """The exercise's title and instructions (its visible part only)."""
    from robocampus.curriculum.bilingual import active_language
    from robocampus.sim.grading import UnknownExerciseError, load_exercise

    try:
        exercise = load_exercise(str(content.get("exercise", "")))
    except (UnknownExerciseError, ValueError):
        return {"title": str(content.get("exercise", "")), "instructions": ""}
    language = active_language()
    return {
        "title": getattr(exercise.title, language) or exercise.title.ko,
        "instructions": _markdown(
            getattr(exercise.instructions, language) or exercise.instructions.ko
        ),
        "robot": exercise.robot or "",
    }


def filled(response: dict) -> bool:
    """Whether a saved response holds an answer (an empty text or no
    choices is no answer)."""
    return any(
        (value.strip() if isinstance(value, str) else value)
        for value in response.values()
    )


def question(entry: dict, version: ItemVersion | None, answer: Answer | None) -> dict:
    """One slot of the page: ``slot``, ``number`` (1-based), ``kind``,
    ``points``, ``stem`` (HTML), ``options`` (in the form's order; for
    ordering, in the saved order), the saved ``response`` and ``version``
    (0: never saved), and per kind ``value`` (text typed), ``unit``,
    ``code`` (code reading), ``practical``, ``rubric``."""
    slot = entry["slot"]
    found = {
        "slot": slot,
        "number": slot + 1,
        "version": answer.version if answer else 0,
        "response": answer.response if answer else {},
        "answered": answer is not None and filled(answer.response),
    }
    if version is None:
        return {**found, "kind": "missing", "points": 0, "stem": ""}
    content = version.content or {}
    kind = version.item.kind
    response = found["response"]
    found.update(
        kind=kind,
        kind_label=ItemKind(kind).label,
        points=version.points,
        stem=_markdown(_text(content, "stem")),
        options=_options(content, entry.get("options", [])),
        value="",
    )
    if kind == ItemKind.SINGLE:
        found["chosen"] = [response.get("choice")]
    elif kind == ItemKind.MULTIPLE:
        found["chosen"] = list(response.get("choices", []))
    elif kind == ItemKind.ORDERING and response.get("order"):
        found["options"] = _options(content, response["order"])
    elif kind == ItemKind.NUMERIC:
        found.update(value=response.get("value", ""), unit=content.get("unit", ""))
    elif kind in (ItemKind.SHORT, ItemKind.CODE_READING):
        found["value"] = response.get("text", "")
        if kind == ItemKind.CODE_READING:
            found["code"] = {
                "program": content.get("program", ""),
                "robot": content.get("robot", ""),
                "variable": content.get("variable", ""),
            }
    elif kind == ItemKind.PRACTICAL:
        found["value"] = response.get("program", content.get("starter", ""))
        found["practical"] = _practical(content)
    elif kind == ItemKind.PHYSICAL:
        found["rubric"] = [
            {"text": _text(c, "text"), "points": c.get("points", 0)}
            for c in content.get("rubric", [])
        ]
    return found


def questions(attempt: Attempt, saved: dict[int, Answer]) -> list[dict]:
    """Every slot of ``attempt``'s form, in order, for the exam page."""
    pks = [entry["version"] for entry in attempt.form]
    versions = ItemVersion.objects.select_related("item").in_bulk(pks)
    return [
        question(entry, versions.get(entry["version"]), saved.get(entry["slot"]))
        for entry in attempt.form
    ]
