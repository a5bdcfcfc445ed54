"""Demo schedule and attendance for ``manage.py seed_demo``: weekday
sessions 09:00-17:00 across the cohort's dates and, for the sessions already
held, marks drawn with a fixed seed (mostly on time, some late, a few
absences). Adds nothing to a cohort that already has sessions."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from robocampus.cohorts.models import AttendanceMark, Cohort, Session


def seed_schedule(cohort: Cohort, room: str = "로봇실습실 1") -> int:
    """Create the schedule and past marks; return the number of sessions."""
    if cohort.sessions.exists():
        return 0
    sessions = []
    day = cohort.start_date
    while day <= cohort.end_date:
        if day.weekday() < 5:
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
            sessions.append(
                Session(
                    cohort=cohort,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=8),
                    room=room,
                )
            )
        day += dt.timedelta(days=1)
    Session.objects.bulk_create(sessions)
    rng = random.Random(cohort.name)
    now = timezone.now()
    marks = []
    trainees = list(cohort.trainees.all())
    for session in Session.objects.filter(cohort=cohort, ends_at__lte=now):
        for k, trainee in enumerate(trainees):
            roll = rng.random()
            if roll < 0.03 + 0.04 * (k == 0):  # the first trainee misses more
                continue
            late = dt.timedelta(minutes=25 if roll > 0.93 else rng.randint(0, 8))
            marks.append(
                AttendanceMark(
                    session=session,
                    trainee=trainee,
                    check_in=session.starts_at - dt.timedelta(minutes=5) + late,
                    check_out=session.ends_at + dt.timedelta(minutes=2),
                )
            )
    AttendanceMark.objects.bulk_create(marks)
    return len(sessions)
