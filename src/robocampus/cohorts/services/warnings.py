"""Warnings to trainees (and their instructors) whose attendance is at risk.

After attendance changes (a roster save, an approved or rejected request)
and daily from ``manage.py warn_attendance``, every trainee whose required
rate is at risk or out of reach gets an in-app notification and an email —
once per level and margin, so a trainee is told again only when things get
worse. Texts are stored in Korean and English.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from robocampus.accounts.models import Notification
from robocampus.cohorts.models import AttendanceWarning, Cohort
from robocampus.cohorts.services.attendance import cohort_attendance

logger = logging.getLogger(__name__)


def _texts(cohort: Cohort, summary) -> dict[str, str]:
    texts = {}
    for language in ("ko", "en"):
        with translation.override(language):
            if summary.reachable:
                texts[language] = _(
                    "%(cohort)s: your attendance is %(rate).1f%%. You can miss "
                    "at most %(margin)d more session(s) and still reach "
                    "%(required).0f%%."
                ) % {
                    "cohort": cohort.name,
                    "rate": 100 * summary.rate,
                    "margin": summary.margin_sessions,
                    "required": 100 * float(cohort.required_attendance_rate),
                }
            else:
                texts[language] = _(
                    "%(cohort)s: your attendance is %(rate).1f%%; %(required).0f%% "
                    "can no longer be reached. Talk to your instructor."
                ) % {
                    "cohort": cohort.name,
                    "rate": 100 * summary.rate,
                    "required": 100 * float(cohort.required_attendance_rate),
                }
    return texts


def warn_at_risk(cohort: Cohort) -> int:
    """Notify every trainee of ``cohort`` newly at risk; return how many."""
    sent = 0
    url = reverse("cohorts:mine", args=[cohort.pk])
    for row in cohort_attendance(cohort).rows:
        summary = row.summary
        if not (summary.at_risk or not summary.reachable):
            continue
        level = "at_risk" if summary.reachable else "unreachable"
        _warning, created = AttendanceWarning.objects.get_or_create(
            enrolment=row.enrolment,
            level=level,
            margin=max(summary.margin_sessions, -1),
        )
        if not created:
            continue
        texts = _texts(cohort, summary)
        trainee = row.enrolment.trainee
        Notification.objects.create(
            user=trainee, text_ko=texts["ko"], text_en=texts["en"], url=url
        )
        if trainee.email:
            try:
                send_mail(
                    subject=f"[robocampus] {cohort.name}",
                    message=f"{texts['ko']}\n\n{texts['en']}",
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[trainee.email],
                )
            except (OSError, SMTPException):
                # The in-app notification stands; the mail server is logged.
                logger.exception("attendance warning mail to %s failed", trainee.pk)
        sent += 1
    return sent
