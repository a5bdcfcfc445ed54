"""A trainee's verified evidence, read from the training records in bulk
(a fixed number of queries for any number of trainees):

- *courses completed*: enrolments whose latest completion verdict says
  completed, or whose state is ``completed`` (set by staff), unless the
  trainee dropped out;
- *competencies demonstrated*: competency units of lab exercises the
  trainee passed (a graded submission that passed) and of practical tasks
  whose latest scoring passed. A unit demonstrated is reached at its NCS
  level (units without one count as level 1); each piece of work behind it
  is listed as an evidence item with its best score;
- *certificates*: issued, not revoked and not expired on ``today``.

To use::

    found = evidence_for([trainee.pk], today=timezone.localdate())
    found[trainee.pk].competencies["LM1903060104_15v2"].level   # 3
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from robocampus.cohorts.models import CompletionVerdict, Enrolment, EnrolmentState
from robocampus.curriculum.bilingual import in_language
from robocampus.curriculum.models import CompetencyUnit, LabExercise
from robocampus.lab.models import Submission

DEFAULT_LEVEL = 1
"""The level reached on a unit that has no NCS level recorded."""


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of work behind a competency."""

    kind: str  # "exercise" or "practical"
    ref: str  # the exercise's or task's short name
    title_ko: str
    title_en: str
    score_percent: float | None
    at: datetime.datetime | None

    @property
    def title(self) -> str:
        return in_language(self.title_ko, self.title_en)


@dataclass(frozen=True)
class CompetencyEvidence:
    code: str
    title_ko: str
    title_en: str
    level: int
    items: tuple[EvidenceItem, ...]

    @property
    def title(self) -> str:
        return in_language(self.title_ko, self.title_en)


@dataclass(frozen=True)
class CourseEvidence:
    course_slug: str
    title_ko: str
    title_en: str
    hours: int
    cohort: str
    ended_on: datetime.date | None

    @property
    def title(self) -> str:
        return in_language(self.title_ko, self.title_en)


@dataclass(frozen=True)
class CertificateEvidence:
    id: str
    level_id: int
    title: str
    issued_on: datetime.date
    valid_until: datetime.date | None


@dataclass
class TraineeEvidence:
    trainee_id: int
    courses: list[CourseEvidence] = field(default_factory=list)
    competencies: dict[str, CompetencyEvidence] = field(default_factory=dict)
    certificates: list[CertificateEvidence] = field(default_factory=list)

    def levels(self) -> dict[str, int]:
        return {code: c.level for code, c in self.competencies.items()}

    def certificate_levels(self) -> set[int]:
        return {c.level_id for c in self.certificates}


def evidence_for(
    trainee_ids: Iterable[int], *, today: datetime.date | None = None
) -> dict[int, TraineeEvidence]:
    """The evidence of each trainee in ``trainee_ids`` (every id gets an
    entry, empty when there is nothing)."""
    ids = sorted(set(trainee_ids))
    today = today or timezone.localdate()
    found = {pk: TraineeEvidence(pk) for pk in ids}
    if not ids:
        return found
    for pk, course in _courses(ids):
        found[pk].courses.append(course)
    for pk, competencies in _competencies(ids).items():
        found[pk].competencies = competencies
    for pk, certificate in _certificates(ids, today):
        found[pk].certificates.append(certificate)
    return found


def _courses(ids: list[int]):
    enrolments = (
        Enrolment.objects.filter(trainee_id__in=ids)
        .exclude(state=EnrolmentState.DROPPED_OUT)
        .select_related("cohort__course")
        .order_by("cohort__end_date", "pk")
    )
    latest: dict[int, bool] = {}
    for enrolment_id, completed in (
        CompletionVerdict.objects.filter(enrolment__trainee_id__in=ids)
        .order_by("evaluated_at", "pk")
        .values_list("enrolment_id", "completed")
    ):
        latest[enrolment_id] = completed
    for e in enrolments:
        if e.state == EnrolmentState.COMPLETED or latest.get(e.pk) is True:
            course = e.cohort.course
            yield (
                e.trainee_id,
                CourseEvidence(
                    course.slug,
                    course.title_ko,
                    course.title_en,
                    course.hours,
                    e.cohort.name,
                    e.left_on or e.cohort.end_date,
                ),
            )


def _competencies(ids: list[int]) -> dict[int, dict[str, CompetencyEvidence]]:
    # (trainee, unit id) -> {(kind, ref): item}
    items: dict[tuple[int, int], dict[tuple[str, str], EvidenceItem]] = defaultdict(
        dict
    )
    best: dict[tuple[int, int], tuple[float | None, datetime.datetime | None]] = {}
    for user_id, exercise_id, score, max_score, graded_at in (
        Submission.objects.filter(
            user_id__in=ids, passed=True, status=Submission.Status.GRADED
        )
        .order_by("graded_at", "pk")
        .values_list("user_id", "exercise_id", "score", "max_score", "graded_at")
    ):
        percent = 100.0 * score / max_score if score is not None and max_score else None
        old = best.get((user_id, exercise_id))
        if old is None or (percent or 0) > (old[0] or 0):
            best[(user_id, exercise_id)] = (percent, graded_at)
    exercise_ids = {e for _, e in best}
    exercises = {
        pk: (slug, ko, en)
        for pk, slug, ko, en in LabExercise.objects.filter(
            pk__in=exercise_ids
        ).values_list("pk", "slug", "title_ko", "title_en")
    }
    exercise_units: dict[int, list[int]] = defaultdict(list)
    for exercise_id, unit_id in LabExercise.competencies.through.objects.filter(
        labexercise_id__in=exercise_ids
    ).values_list("labexercise_id", "competencyunit_id"):
        exercise_units[exercise_id].append(unit_id)
    for (user_id, exercise_id), (percent, at) in best.items():
        slug, ko, en = exercises[exercise_id]
        item = EvidenceItem("exercise", slug, ko, en, percent, at)
        for unit_id in exercise_units.get(exercise_id, ()):
            items[(user_id, unit_id)][("exercise", slug)] = item
    for user_id, unit_id, item in _practical_items(ids):
        items[(user_id, unit_id)][("practical", item.ref)] = item
    units = {
        pk: (code, ko, en, level)
        for pk, code, ko, en, level in CompetencyUnit.objects.filter(
            pk__in={u for _, u in items}
        ).values_list("pk", "code", "title_ko", "title_en", "level")
    }
    result: dict[int, dict[str, CompetencyEvidence]] = defaultdict(dict)
    for (user_id, unit_id), found in items.items():
        code, ko, en, level = units[unit_id]
        result[user_id][code] = CompetencyEvidence(
            code,
            ko,
            en,
            level or DEFAULT_LEVEL,
            tuple(sorted(found.values(), key=lambda i: (i.kind, i.ref))),
        )
    return {pk: dict(sorted(c.items())) for pk, c in result.items()}


def _practical_items(ids: list[int]):
    """(trainee, unit id, item) for practical tasks whose latest scoring (in
    any cohort) passed."""
    from robocampus.facilities.models import PracticalScore, PracticalTask

    latest: dict[tuple[int, int], tuple] = {}
    for row in (
        PracticalScore.objects.filter(trainee_id__in=ids)
        .order_by("scored_at", "pk")
        .values_list(
            "trainee_id", "task_id", "passed", "total", "max_points", "scored_at"
        )
    ):
        latest[(row[0], row[1])] = row
    passed = {key: row for key, row in latest.items() if row[2]}
    task_ids = {task for _, task in passed}
    tasks = {
        pk: (slug, ko, en)
        for pk, slug, ko, en in PracticalTask.objects.filter(
            pk__in=task_ids
        ).values_list("pk", "slug", "title_ko", "title_en")
    }
    task_units: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in PracticalTask.competencies.through.objects.filter(
        practicaltask_id__in=task_ids
    ).values_list("practicaltask_id", "competencyunit_id"):
        task_units[task_id].append(unit_id)
    for (trainee_id, task_id), row in passed.items():
        slug, ko, en = tasks[task_id]
        total, max_points, scored_at = row[3], row[4], row[5]
        percent = 100.0 * total / max_points if max_points else None
        item = EvidenceItem("practical", slug, ko, en, percent, scored_at)
        for unit_id in task_units.get(task_id, ()):
            yield trainee_id, unit_id, item


def _certificates(ids: list[int], today: datetime.date):
    from robocampus.certification.models import Certificate

    valid = (
        Certificate.objects.filter(holder_id__in=ids, revoked_at__isnull=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("level__scheme")
        .order_by("issued_at", "pk")
    )
    for c in valid:
        yield (
            c.holder_id,
            CertificateEvidence(
                str(c.id),
                c.level_id,
                str(c.level),
                timezone.localdate(c.issued_at),
                c.valid_until,
            ),
        )
