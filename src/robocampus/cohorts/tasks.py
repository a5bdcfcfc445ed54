"""Celery tasks of the cohorts app."""

from __future__ import annotations

from celery import shared_task

from robocampus.cohorts.models import Cohort
from robocampus.cohorts.services.warnings import warn_at_risk


@shared_task(name="cohorts.warn_at_risk")
def warn_cohort(cohort_id: int) -> int:
    """Send attendance warnings for one cohort; return how many."""
    return warn_at_risk(Cohort.objects.get(pk=cohort_id))
