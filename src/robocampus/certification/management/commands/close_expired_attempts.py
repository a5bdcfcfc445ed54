"""Submit by the timer every exam attempt past its deadline. Run it every
minute from cron when no Celery beat runs the task of the same name."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from robocampus.certification.attempts import close_expired


class Command(BaseCommand):
    help = "Submit every exam attempt whose time is up (by the timer)."

    def handle(self, *args, **options):
        closed = close_expired()
        self.stdout.write(f"{closed} attempts submitted by the timer.")
