"""Warn trainees whose attendance is at risk, in every running cohort.
Run daily (cron); warning twice at the same level is avoided."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from robocampus.cohorts.models import Cohort
from robocampus.cohorts.services.warnings import warn_at_risk


class Command(BaseCommand):
    help = "Notify trainees whose required attendance rate is at risk."

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = 0
        for cohort in Cohort.objects.filter(start_date__lte=today, end_date__gte=today):
            sent += warn_at_risk(cohort)
        self.stdout.write(f"{sent} warnings sent.")
