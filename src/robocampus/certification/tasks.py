"""Celery tasks of the certification app. Eager in-process by default; real
workers take them when ``REDIS_URL`` is set. Each part of the app keeps its
tasks in its own section below."""

from __future__ import annotations

from celery import shared_task

# -- the candidate's exam: closing attempts whose time is up -------------------------


@shared_task(name="certification.close_expired_attempts")
def close_expired_attempts() -> int:
    """Submit by the timer every attempt past its deadline; return how many.

    Schedule it every minute with Celery beat (``docs/exams.md``); without a
    beat, ``manage.py close_expired_attempts`` from cron does the same. An
    attempt is also closed the moment anything touches it, so this only
    matters for candidates who never come back."""
    from robocampus.certification.attempts import close_expired

    return close_expired()


# -- scoring and analysis tasks ------------------------------------------------------


@shared_task(name="certification.grade_practical")
def grade_practical_task(grading_pk: int) -> None:
    """Grade one practical answer with the simulator's grader on all the
    exercise's scenarios (``robocampus.certification.scoring``); a failure
    is stored on the grading for an officer to re-queue."""
    from robocampus.certification.scoring import grade_practical

    grade_practical(grading_pk)


@shared_task(name="certification.analyse_session")
def analyse_session_task(session_pk: int) -> None:
    """Compute and cache the item analysis of one exam session
    (``robocampus.certification.analysis``)."""
    from robocampus.certification.analysis import analyse_session

    analyse_session(session_pk)
