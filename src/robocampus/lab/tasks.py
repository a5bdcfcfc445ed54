"""Celery tasks: runs and grading. Eager in-process by default; real
workers take them when ``REDIS_URL`` is set."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from robocampus.curriculum.models import LabExercise
from robocampus.lab import simulate
from robocampus.lab.specs import exercise_spec
from robocampus.sim.grading import grade


@shared_task(name="lab.run")
def run_task(exercise_pk: int, source: str, scenario: int, lang: str) -> dict:
    lab = LabExercise.objects.get(pk=exercise_pk)
    return simulate.run(exercise_spec(lab), source, scenario, lang)


@shared_task(name="lab.grade")
def grade_task(submission_pk: int) -> None:
    from robocampus.lab.models import Submission

    submission = Submission.objects.select_related("exercise").get(pk=submission_pk)
    exercise = exercise_spec(submission.exercise)
    source = simulate.source_of(
        exercise,
        submission.program,
        submission.positions,
        submission.exercise.positions_editable,
    )
    try:
        result = grade(source, exercise, attempt=submission.attempt)
    except Exception:
        submission.status = Submission.Status.FAILED
        submission.graded_at = timezone.now()
        submission.save(update_fields=["status", "graded_at"])
        raise
    submission.status = Submission.Status.GRADED
    submission.score = result.score
    submission.max_score = result.max_score
    submission.passed = result.passed
    submission.result = result.as_dict(traces=False)
    submission.graded_at = timezone.now()
    submission.save(
        update_fields=["status", "score", "max_score", "passed", "result", "graded_at"]
    )


def call(task, *args):
    """Run ``task`` and return its value: in-process when eager, else on a
    worker, waiting at most ``LAB_TASK_WAIT_S``."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return task.apply(args=args).get()
    return task.delay(*args).get(timeout=settings.LAB_TASK_WAIT_S)
