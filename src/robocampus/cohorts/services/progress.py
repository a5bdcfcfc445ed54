"""A cohort x competency heatmap: for each trainee and each competency unit
of the course, the mean of the trainee's best scores (in %) on the lab
exercises and practicals mapped to that unit; None where nothing mapped to
the unit has been attempted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max

from robocampus.cohorts.models import TAKES_ATTENDANCE, Cohort
from robocampus.curriculum.models import CompetencyUnit, LabExercise
from robocampus.lab.models import Submission


@dataclass(frozen=True)
class Heatmap:
    units: list[CompetencyUnit]
    trainees: list
    cells: dict[tuple[int, str], float | None]
    """(trainee pk, unit code) -> mean best % or None."""


def heatmap(cohort: Cohort) -> Heatmap:
    from robocampus.facilities.evidence import competency_scores

    units = list(cohort.course.competencies.order_by("code"))
    trainees = [
        e.trainee
        for e in cohort.enrolments.filter(state__in=TAKES_ATTENDANCE)
        .select_related("trainee")
        .order_by("trainee__name")
    ]
    exercise_units: dict[int, list[str]] = defaultdict(list)
    for exercise_id, code in LabExercise.competencies.through.objects.filter(
        labexercise__module__course=cohort.course
    ).values_list("labexercise_id", "competencyunit__code"):
        exercise_units[exercise_id].append(code)
    scores: dict[tuple[int, str], list[float]] = defaultdict(list)
    for row in (
        Submission.objects.filter(
            user__in=trainees,
            exercise_id__in=exercise_units,
            status=Submission.Status.GRADED,
        )
        .values("user_id", "exercise_id", "max_score")
        .annotate(best=Max("score"))
    ):
        if row["max_score"]:
            pct = 100.0 * row["best"] / row["max_score"]
            for code in exercise_units[row["exercise_id"]]:
                scores[(row["user_id"], code)].append(pct)
    for key, pct in competency_scores(cohort).items():
        scores[key].append(pct)
    cells = {
        (t.pk, u.code): (
            sum(scores[(t.pk, u.code)]) / len(scores[(t.pk, u.code)])
            if scores.get((t.pk, u.code))
            else None
        )
        for t in trainees
        for u in units
    }
    return Heatmap(units, trainees, cells)
