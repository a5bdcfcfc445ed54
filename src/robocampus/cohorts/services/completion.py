"""Completion verdicts: gather a trainee's evidence, apply the cohort's rule
set (``robocampus.cohorts.rules.completion``), store the verdict with its
reasons, rules and evidence.

Evidence: the attendance rate from the attendance rules; the required lab
exercises of the course passed (any graded submission that passed) and the
required physical practicals passed (``robocampus.facilities.evidence``);
the final assessment score on the enrolment; the safety education status.
"""

from __future__ import annotations

from django.utils import timezone

from robocampus.cohorts.models import Cohort, CompletionVerdict, Enrolment
from robocampus.cohorts.rules.completion import (
    CompletionEvidence,
    CompletionRules,
    evaluate,
)
from robocampus.cohorts.services.attendance import cohort_attendance
from robocampus.curriculum.models import LabExercise
from robocampus.lab.models import Submission

PRACTICAL_PREFIX = "practical:"


def required_work(cohort: Cohort) -> list[str]:
    """Ids of what must be passed: required lab exercises (their short
    names) then required practicals (``practical:<slug>``)."""
    from robocampus.facilities.models import PracticalTask

    exercises = LabExercise.objects.filter(
        module__course=cohort.course, required=True
    ).order_by("module__order", "order")
    practicals = PracticalTask.objects.filter(
        course=cohort.course, required=True
    ).order_by("slug")
    return [e.slug for e in exercises] + [PRACTICAL_PREFIX + p.slug for p in practicals]


def rules_of(cohort: Cohort) -> CompletionRules:
    return CompletionRules(
        min_attendance_rate=float(cohort.required_attendance_rate),
        required_exercises=tuple(required_work(cohort))
        if cohort.require_exercises
        else (),
        min_final_score=None
        if cohort.min_final_score is None
        else float(cohort.min_final_score),
        require_safety_education=cohort.require_safety_education,
    )


def evidence_of(enrolment: Enrolment, attendance_rate: float) -> CompletionEvidence:
    from robocampus.facilities.evidence import practical_results, safety_status_for

    trainee, cohort = enrolment.trainee, enrolment.cohort
    passed = set(
        Submission.objects.filter(
            user=trainee, exercise__module__course=cohort.course, passed=True
        ).values_list("exercise__slug", flat=True)
    )
    passed |= {
        PRACTICAL_PREFIX + slug
        for slug, ok in practical_results(trainee, cohort).items()
        if ok
    }
    safety = safety_status_for(trainee, timezone.localdate())
    return CompletionEvidence(
        attendance_rate=attendance_rate,
        passed_exercises=frozenset(passed),
        final_score=None
        if enrolment.final_score is None
        else float(enrolment.final_score),
        safety_complete=safety.complete,
        safety_hours_done=safety.hours_done,
        safety_hours_required=safety.hours_required,
    )


def evaluate_cohort(cohort: Cohort, by=None) -> list[CompletionVerdict]:
    """Evaluate and store a verdict for every trainee who takes attendance."""
    rules = rules_of(cohort)
    verdicts = []
    for row in cohort_attendance(cohort).rows:
        evidence = evidence_of(row.enrolment, row.summary.rate)
        verdict = evaluate(rules, evidence)
        verdicts.append(
            CompletionVerdict.objects.create(
                enrolment=row.enrolment,
                completed=verdict.completed,
                reasons=verdict.as_dict()["reasons"],
                rules=rules.as_dict(),
                evidence={
                    "attendance_rate": evidence.attendance_rate,
                    "passed": sorted(evidence.passed_exercises),
                    "final_score": evidence.final_score,
                    "safety_complete": evidence.safety_complete,
                    "safety_hours_done": evidence.safety_hours_done,
                },
                evaluated_by=by,
            )
        )
    return verdicts


def latest_verdicts(cohort: Cohort) -> dict[int, CompletionVerdict]:
    """The latest verdict per enrolment id."""
    latest: dict[int, CompletionVerdict] = {}
    for verdict in CompletionVerdict.objects.filter(enrolment__cohort=cohort).order_by(
        "evaluated_at", "pk"
    ):
        latest[verdict.enrolment_id] = verdict
    return latest
