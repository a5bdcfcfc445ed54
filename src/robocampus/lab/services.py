"""Drafts and submissions: the lab's writes, each one transaction."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max

from robocampus.curriculum.models import LabExercise
from robocampus.lab import simulate
from robocampus.lab.models import Draft, Submission
from robocampus.lab.tasks import call, grade_task

logger = logging.getLogger(__name__)


def save_draft(user, lab: LabExercise, program: str, positions: str) -> Draft:
    simulate.check_size(program, positions)
    draft, _ = Draft.objects.update_or_create(
        user=user, exercise=lab, defaults={"program": program, "positions": positions}
    )
    return draft


def submit(user, lab: LabExercise, program: str, positions: str) -> Submission:
    """Store a submission with the next attempt number, then grade it (a task)."""
    simulate.check_size(program, positions)
    for _ in range(5):
        try:
            with transaction.atomic():
                last = Submission.objects.filter(user=user, exercise=lab).aggregate(
                    n=Max("attempt")
                )["n"]
                submission = Submission.objects.create(
                    user=user,
                    exercise=lab,
                    attempt=(last or 0) + 1,
                    program=program,
                    positions=positions,
                )
            break
        except IntegrityError:  # two submissions at once took the same number
            continue
    else:
        raise simulate.LabInputError("too many submissions at once; try again")
    save_draft(user, lab, program, positions)
    try:
        call(grade_task, submission.pk)
    except Exception:  # the task marked the submission failed; the trainee sees that
        logger.exception("grading submission %s failed", submission.pk)
    submission.refresh_from_db()
    return submission
