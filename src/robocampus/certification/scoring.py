"""Score an attempt: auto-scored items at once, practicals by the grader in
Celery tasks, physical practicals by an officer's rubric; then the totals and
the verdict by the level's pass rules.

Units: points as floats (an answer's ``score`` and ``max_score``),
percentages 0-100.

- ``score_attempt(attempt)`` (idempotent; the exam's submit calls it on
  commit): scores every auto-scored slot from its answer (a slot never
  answered gets an empty answer worth 0), makes a ``PracticalGrading`` per
  practical slot and queues ``certification.grade_practical`` for it (once),
  leaves physical slots for a rubric, then ``refresh_result``.
- ``grade_practical(grading_pk)`` (the task's body): grades the program on
  all of the exercise's scenarios, hidden ones included, and stores the
  grader's report; points = fraction of the exercise's maximum x the item's
  points. A program that crashes or loops keeps what it earned (the grader
  says so); no program at all earns 0 without running. Anything that stops
  grading leaves the grading ``failed`` with the message; an officer
  re-queues it (``requeue_practical``).
- ``mark_rubric(answer, marks, comment, by)``: an officer's marks per
  criterion, each between 0 and the criterion's points.
- ``refresh_result(attempt)``: when every slot has a score, the totals,
  per-subject written and practical percentages and ``passed``
  (``robocampus.certification.passrules``), grading ``graded``; else
  ``waiting``.

A voided attempt is never scored. After a session's results are released an
attempt's marks no longer change (re-queue and rubric marking refuse).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from robocampus.certification import itemtypes, passrules
from robocampus.certification.models import (
    KIND_GROUPS,
    Answer,
    Attempt,
    ItemKind,
    ItemVersion,
    PracticalGrading,
    RubricMark,
)

logger = logging.getLogger(__name__)

SUBMITTED = Attempt.Status.SUBMITTED


class ScoringError(ValueError):
    """A marking request that cannot be done; the message says why."""


class RubricError(ScoringError):
    """Rubric marks out of bounds; ``errors`` maps criterion id (or
    ``"__all__"``) to the message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


# -- the form's versions -------------------------------------------------------------


def form_versions(attempt: Attempt) -> dict[int, ItemVersion]:
    """The item version of every slot of ``attempt``'s form (one query),
    with the item and its subject."""
    pks = [entry["version"] for entry in attempt.form]
    found = ItemVersion.objects.select_related("item__subject").in_bulk(pks)
    missing = [pk for pk in pks if pk not in found]
    if missing:
        raise ScoringError(
            f"attempt {attempt.pk}: its form names item versions {missing} "
            "that are not in the bank"
        )
    return {entry["slot"]: found[entry["version"]] for entry in attempt.form}


def _released(attempt: Attempt) -> bool:
    return attempt.seat.session.results_released_at is not None


# -- scoring -----------------------------------------------------------------------


def score_attempt(attempt: Attempt) -> None:
    """Score what can be scored now, queue the practicals, and compute the
    result if nothing is left to grade. Safe to call again: answers are
    re-scored to the same points and practicals are queued once."""
    queued: list[int] = []
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update()
            .select_related("seat__session")
            .get(pk=attempt.pk)
        )
        if attempt.status != SUBMITTED or _released(attempt):
            return
        versions = form_versions(attempt)
        answers = {a.slot: a for a in attempt.answers.all()}
        gradings = set(
            PracticalGrading.objects.filter(answer__attempt=attempt).values_list(
                "answer__slot", flat=True
            )
        )
        now = timezone.now()
        for slot, version in versions.items():
            answer = answers.get(slot)
            if answer is None:
                answer = Answer.objects.create(
                    attempt=attempt, slot=slot, response={}, version=0, saved_at=now
                )
            kind = version.item.kind
            if kind in itemtypes.AUTO_SCORED:
                fraction = itemtypes.score_response(
                    kind, version.content, answer.response
                )
                _set_score(answer, fraction * version.points, version.points)
            elif kind == ItemKind.PRACTICAL:
                _set_score(answer, answer.score, version.points)
                if slot not in gradings:
                    queued.append(PracticalGrading.objects.create(answer=answer).pk)
            else:  # physical: an officer's rubric
                _set_score(answer, answer.score, version.points)
        _refresh(attempt, versions)
        for pk in queued:
            transaction.on_commit(lambda pk=pk: queue_practical(pk))


def _set_score(answer: Answer, score: float | None, max_score: float) -> None:
    if answer.score != score or answer.max_score != max_score:
        answer.score = score
        answer.max_score = max_score
        answer.save(update_fields=["score", "max_score"])


def queue_practical(grading_pk: int) -> None:
    """Send the practical grading to a worker (in-process when eager)."""
    from robocampus.certification.tasks import grade_practical_task

    grade_practical_task.delay(grading_pk)


def refresh_result(attempt: Attempt) -> Attempt:
    """Recompute ``attempt``'s result from its answers (see the module
    docstring) and return it as saved."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status == SUBMITTED:
            _refresh(locked, form_versions(locked))
    return locked


def _refresh(attempt: Attempt, versions: dict[int, ItemVersion]) -> None:
    answers = {a.slot: a for a in attempt.answers.all()}
    fields = [
        "grading",
        "score_points",
        "max_points",
        "total_percent",
        "subject_percents",
        "practical_percent",
        "passed",
        "graded_at",
    ]
    if any(answers.get(s) is None or answers[s].score is None for s in versions):
        attempt.grading = Attempt.Grading.WAITING
        attempt.score_points = attempt.max_points = attempt.total_percent = None
        attempt.practical_percent = attempt.passed = None
        attempt.subject_percents = {}
        attempt.save(update_fields=fields)
        return
    level = attempt.seat.session.level
    rules = passrules.PassRules(
        level.pass_total_percent,
        level.pass_subject_percent,
        level.pass_practical_percent,
    )
    outcome = passrules.evaluate(
        rules,
        [
            passrules.SlotScore(
                version.item.subject.code,
                str(KIND_GROUPS[version.item.kind]),
                answers[slot].score,
                version.points,
            )
            for slot, version in sorted(versions.items())
        ],
    )
    attempt.grading = Attempt.Grading.GRADED
    attempt.score_points = round(outcome.score_points, 6)
    attempt.max_points = round(outcome.max_points, 6)
    attempt.total_percent = round(outcome.total_percent, 4)
    attempt.subject_percents = {
        code: round(value, 4) for code, value in outcome.subject_percents.items()
    }
    attempt.practical_percent = (
        None
        if outcome.practical_percent is None
        else round(outcome.practical_percent, 4)
    )
    attempt.passed = outcome.passed
    attempt.graded_at = timezone.now()
    attempt.save(update_fields=fields)


# -- practicals --------------------------------------------------------------------


def grade_practical(grading_pk: int) -> None:
    """Grade one practical answer with the simulator's grader (the body of
    the ``certification.grade_practical`` task)."""
    from robocampus.lab.simulate import source_of
    from robocampus.sim.grading import grade, load_exercise

    grading = PracticalGrading.objects.select_related(
        "answer__attempt__seat__session"
    ).get(pk=grading_pk)
    answer = grading.answer
    attempt = answer.attempt
    if attempt.status != SUBMITTED or grading.state == PracticalGrading.State.DONE:
        return
    version = form_versions(attempt)[answer.slot]
    program = (answer.response or {}).get("program", "")
    if isinstance(program, str) and not program.strip():
        # Nothing submitted: 0 points without running the grader (an empty
        # program would still "pass" checks such as "no collision").
        with transaction.atomic():
            grading.state = PracticalGrading.State.DONE
            grading.result = None
            grading.error = ""
            grading.graded_at = timezone.now()
            grading.save(update_fields=["state", "result", "error", "graded_at"])
            _set_score(answer, 0.0, version.points)
            refresh_result(attempt)
        return
    try:
        if not isinstance(program, str):
            raise ScoringError("the answer holds no program text")
        exercise = load_exercise(version.content["exercise"])
        result = grade(source_of(exercise, program, "", False), exercise)
    except Exception as exc:
        logger.exception("grading practical %s failed", grading_pk)
        grading.state = PracticalGrading.State.FAILED
        grading.error = f"{type(exc).__name__}: {exc}"
        grading.graded_at = timezone.now()
        grading.save(update_fields=["state", "error", "graded_at"])
        _set_score(answer, None, version.points)
        refresh_result(attempt)
        return
    fraction = result.score / result.max_score if result.max_score > 0 else 0.0
    fraction = min(1.0, max(0.0, fraction)) if math.isfinite(fraction) else 0.0
    with transaction.atomic():
        grading.state = PracticalGrading.State.DONE
        grading.result = result.as_dict(traces=False)
        grading.error = ""
        grading.graded_at = timezone.now()
        grading.save(update_fields=["state", "result", "error", "graded_at"])
        _set_score(answer, fraction * version.points, version.points)
        refresh_result(attempt)


def requeue_practical(grading: PracticalGrading) -> None:
    """Grade the practical again (after a failure, or a grader fix): clears
    its score and queues it. Refused once the results are released."""
    attempt = grading.answer.attempt
    if attempt.status != SUBMITTED:
        raise ScoringError(_("This attempt is not submitted or was voided."))
    if _released(attempt):
        raise ScoringError(_("The results of this session are released already."))
    with transaction.atomic():
        grading.state = PracticalGrading.State.QUEUED
        grading.error = ""
        grading.result = None
        grading.graded_at = None
        grading.save(update_fields=["state", "error", "result", "graded_at"])
        _set_score(grading.answer, None, grading.answer.max_score or 0.0)
        refresh_result(attempt)
        transaction.on_commit(lambda: queue_practical(grading.pk))


# -- rubrics -----------------------------------------------------------------------


def rubric_criteria(version: ItemVersion) -> list[dict]:
    return list(version.content.get("rubric", []))


def mark_rubric(
    answer: Answer, marks: Mapping[str, object], comment: str, by
) -> RubricMark:
    """Store an officer's marks of a physical practical: ``marks`` maps
    every criterion id to points (numbers or typed text) between 0 and the
    criterion's points. The answer's score is the marks' share of the
    rubric's total times the item's points. Nothing is saved on an error."""
    attempt = answer.attempt
    version = form_versions(attempt)[answer.slot]
    if version.item.kind != ItemKind.PHYSICAL:
        raise ScoringError(_("Only practicals on a real robot are marked by rubric."))
    if attempt.status != SUBMITTED:
        raise ScoringError(_("This attempt is not submitted or was voided."))
    if _released(attempt):
        raise ScoringError(_("The results of this session are released already."))
    criteria = rubric_criteria(version)
    errors: dict[str, str] = {}
    clean: dict[str, float] = {}
    for criterion in criteria:
        cid, most = criterion["id"], float(criterion["points"])
        raw = marks.get(cid)
        text = str(raw).strip().replace(",", ".") if raw is not None else ""
        if not text:
            errors[cid] = _("Enter the points for this criterion.")
            continue
        try:
            value = float(text)
        except ValueError:
            errors[cid] = _("%(value)s is not a number.") % {"value": text}
            continue
        if not math.isfinite(value) or value < 0 or value > most:
            errors[cid] = _("Points must be between 0 and %(most)s.") % {
                "most": f"{most:g}"
            }
            continue
        clean[cid] = value
    unknown = set(marks) - {c["id"] for c in criteria}
    if unknown:
        errors["__all__"] = _("Unknown criteria: %(ids)s.") % {
            "ids": ", ".join(sorted(map(str, unknown)))
        }
    if errors:
        raise RubricError(errors)
    total = sum(float(c["points"]) for c in criteria)
    fraction = sum(clean.values()) / total if total > 0 else 0.0
    with transaction.atomic():
        mark, _created = RubricMark.objects.update_or_create(
            answer=answer,
            defaults={"marks": clean, "comment": comment.strip(), "marked_by": by},
        )
        _set_score(answer, fraction * version.points, version.points)
        refresh_result(attempt)
    return mark
