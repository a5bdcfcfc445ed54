"""Scores per trainee and exercise, for course pages and the cohort board."""

from __future__ import annotations

from django.db.models import Max

from robocampus.curriculum.models import Course
from robocampus.lab.models import Submission


def best_scores(user, course: Course) -> dict[int, float]:
    """Best percentage per lab exercise of ``course`` (exercise pk -> %)."""
    rows = (
        Submission.objects.filter(
            user=user, exercise__module__course=course, status=Submission.Status.GRADED
        )
        .values("exercise_id", "max_score")
        .annotate(best=Max("score"))
    )
    best: dict[int, float] = {}
    for row in rows:
        if row["max_score"]:
            pct = 100.0 * row["best"] / row["max_score"]
            best[row["exercise_id"]] = max(best.get(row["exercise_id"], 0.0), pct)
    return best


def latest_submissions(trainees, exercises) -> dict[tuple[int, int], Submission]:
    """The latest submission per (trainee pk, exercise pk)."""
    latest: dict[tuple[int, int], Submission] = {}
    for s in Submission.objects.filter(
        user__in=trainees, exercise__in=exercises
    ).order_by("created_at", "id"):
        latest[(s.user_id, s.exercise_id)] = s
    return latest
