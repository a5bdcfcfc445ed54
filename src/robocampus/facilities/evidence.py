"""What the cohorts app reads from this one: practical results and safety
education for completion verdicts, and practical scores per competency for
the cohort heatmap.

To use::

    practical_results(trainee, cohort)    # {"pick-and-place-real": True, ...}
    safety_status_for(trainee, today)     # rules.safety.SafetyStatus
    competency_scores(cohort)             # {(trainee_id, "LM..."): 85.0, ...}
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from robocampus.cohorts.models import Cohort
from robocampus.cohorts.rules.safety import SafetyStatus
from robocampus.facilities import queries
from robocampus.facilities.models import PracticalTask

__all__ = ["competency_scores", "practical_results", "safety_status_for"]


def practical_results(trainee, cohort: Cohort) -> dict[str, bool]:
    """Each required practical task of the cohort's course (by short name) ->
    whether the trainee's latest scoring in this cohort passed. A task not
    scored yet is ``False``."""
    tasks = PracticalTask.objects.filter(course_id=cohort.course_id, required=True)
    latest = queries.latest_scores(cohort, [trainee.pk])
    return {
        task.slug: bool((score := latest.get((trainee.pk, task.pk))) and score.passed)
        for task in tasks.order_by("slug")
    }


def safety_status_for(trainee, today: date) -> SafetyStatus:
    """The trainee's special safety education on ``today`` (a local date):
    hours done, whether hands-on work may start, the deadline for the rest
    and whether it is overdue or complete. See ``rules.safety.status``."""
    return queries.safety_status(trainee, today)


def competency_scores(cohort: Cohort) -> dict[tuple[int, str], float]:
    """(trainee id, competency unit code) -> the mean, in percent (0-100), of
    the trainee's latest scores in this cohort on the practical tasks mapped
    to that unit. Pairs with no scored task are absent."""
    tasks = PracticalTask.objects.filter(course_id=cohort.course_id)
    units: dict[int, list[str]] = defaultdict(list)
    for task_id, code in PracticalTask.competencies.through.objects.filter(
        practicaltask__in=tasks
    ).values_list("practicaltask_id", "competencyunit__code"):
        units[task_id].append(code)
    sums: dict[tuple[int, str], list[float]] = defaultdict(list)
    for (trainee_id, task_id), score in queries.latest_scores(cohort).items():
        for code in units.get(task_id, ()):
            sums[(trainee_id, code)].append(score.percent)
    return {key: sum(values) / len(values) for key, values in sums.items()}
