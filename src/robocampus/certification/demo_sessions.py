"""Exam sessions of the demo center, for ``seed_demo``: one sitting of the
example scheme's Basic level that is open now (the first cohort is seated;
log in as a trainee to take it, as an instructor to proctor it), and one held
a month ago whose candidates answered, were graded (practicals by the
simulator's grader, the physical task by rubric) and whose results are
released, so results, item analysis and certificates have something to
show.

The past sitting goes through the same services a real one does
(``attempts``, ``scoring``, ``release``): nothing is written around them.
Answers are drawn with a fixed seed from a simple ability model, so every
run seeds the same results. Running it again keeps what exists (sessions are
found by title).
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from robocampus.certification import analysis, attempts, release, scoring, sessions
from robocampus.certification.itemtypes import correct_response
from robocampus.certification.models import Answer, ExamSession, ItemKind, Level
from robocampus.sim.grading import reference_solution

OPEN_TITLE = "예시 기본 등급 시험 (진행 중)"
PAST_TITLE = "예시 기본 등급 시험 (지난달)"
DEMO_SEED = 20261124


def seed_exam_sessions(level: Level, officer, proctor, open_trainees, past_trainees):
    """Create the two demo sittings of ``level`` if they do not exist yet."""
    now = timezone.now()
    if not ExamSession.objects.filter(title=OPEN_TITLE).exists():
        session = sessions.create_session(
            level=level,
            title=OPEN_TITLE,
            room="실습실 2",
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(hours=8),
            duration_minutes=level.duration_minutes,
            proctors=[proctor],
            by=officer,
        )
        _seat(session, open_trainees)
    if not ExamSession.objects.filter(title=PAST_TITLE).exists():
        opens = now - datetime.timedelta(days=30)
        session = sessions.create_session(
            level=level,
            title=PAST_TITLE,
            room="실습실 2",
            opens_at=opens,
            closes_at=opens + datetime.timedelta(hours=3),
            duration_minutes=level.duration_minutes,
            proctors=[proctor],
            by=officer,
        )
        _seat(session, past_trainees)
        _sit(session, officer, opens + datetime.timedelta(minutes=5))
        release.release_results(
            session, by=officer, now=opens + datetime.timedelta(days=2)
        )
        analysis.request_analysis(session)


def _seat(session: ExamSession, trainees) -> None:
    lines = "\n".join(f"{t.username}, {n + 1:02d}" for n, t in enumerate(trainees))
    sessions.seat_usernames(session, lines)
    # Fixed form seeds (a real seat gets a random one), so every demo is alike.
    for n, seat in enumerate(session.seats.order_by("label")):
        seat.seed = DEMO_SEED + n
        seat.save(update_fields=["seed"])


def _sit(session: ExamSession, officer, start: datetime.datetime) -> None:
    """Every seated candidate takes the exam: each answers a slot right with
    a probability that is their ability, then submits; physical tasks are
    marked by ``officer``."""
    chance = random.Random(DEMO_SEED)
    for seat in session.seats.order_by("label"):
        ability = chance.uniform(0.45, 0.95)
        attempt = attempts.start_attempt(seat, now=start)
        versions = scoring.form_versions(attempt)
        moment = start
        for entry in attempt.form:
            version = versions[entry["slot"]]
            response = _response(version, ability >= chance.random())
            if response:
                moment += datetime.timedelta(seconds=40)
                attempts.save_answer(attempt, entry["slot"], 1, response, now=moment)
        attempts.submit(attempt, now=moment + datetime.timedelta(minutes=1))
        for answer in Answer.objects.filter(attempt=attempt).select_related("attempt"):
            version = versions[answer.slot]
            if version.item.kind == ItemKind.PHYSICAL:
                marks = {
                    c["id"]: round(float(c["points"]) * ability)
                    for c in scoring.rubric_criteria(version)
                }
                scoring.mark_rubric(answer, marks, "", officer)


def _response(version, right: bool) -> dict:
    """A response to ``version``: the correct one when ``right``, else a
    typical wrong one (the first wrong option, an off value, a program that
    only starts the task)."""
    kind, content = version.item.kind, version.content
    if kind == ItemKind.PRACTICAL:
        program = reference_solution(content["exercise"]) if right else ""
        return {"program": program or content.get("starter", "") or "10 End\n"}
    if kind == ItemKind.PHYSICAL:
        return {}
    if right:
        return correct_response(kind, content)
    if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        wrong = [o["id"] for o in content["options"] if not o["correct"]]
        key = "choice" if kind == ItemKind.SINGLE else "choices"
        return {key: wrong[0] if kind == ItemKind.SINGLE else wrong[:1]}
    if kind == ItemKind.ORDERING:
        return {"order": [o["id"] for o in reversed(content["options"])]}
    if kind == ItemKind.NUMERIC:
        return {"value": str(float(content["answer"]) * 2 + 1)}
    return {"text": "?"}
