"""Item analysis of an exam session: the score matrix from the database, the
statistics (``robocampus.certification.psychometrics``) and their cache in
``ItemAnalysis``.

The matrix holds the session's submitted, fully graded attempts (voided
ones never count; attempts still waiting for a practical or a rubric count
once graded), one column per item version on any of their forms (keyed by
item code and version number), fractions 0..1 of the version's points, NaN
where the version was not on the attempt's form. Three queries: attempts,
answers, versions.

``request_analysis(session)`` queues ``certification.analyse_session``;
``analyse_session(pk)`` computes and stores. ``is_stale(analysis)`` says
whether attempts were graded (or voided) since it was computed.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from robocampus.certification import psychometrics
from robocampus.certification.models import (
    Answer,
    Attempt,
    ExamSession,
    ItemAnalysis,
    ItemVersion,
)

logger = logging.getLogger(__name__)


@dataclass
class ScoreMatrix:
    attempts: list[int]
    """Attempt pks, one per row."""
    columns: list[dict]
    """One per column: version pk, item code, version number, subject code,
    kind, points."""
    scores: np.ndarray
    """attempts x columns, fractions 0..1, NaN = not on the form."""
    max_points: np.ndarray


def counted_attempts(session: ExamSession):
    """The attempts an analysis of ``session`` counts."""
    return Attempt.objects.filter(
        seat__session=session,
        status=Attempt.Status.SUBMITTED,
        grading=Attempt.Grading.GRADED,
    )


def score_matrix(session: ExamSession) -> ScoreMatrix:
    """Build the score matrix of ``session`` (three queries)."""
    attempts = list(counted_attempts(session).order_by("pk").values_list("pk", "form"))
    rows = {pk: i for i, (pk, _) in enumerate(attempts)}
    version_pks = sorted({entry["version"] for _, form in attempts for entry in form})
    versions = ItemVersion.objects.filter(pk__in=version_pks).values_list(
        "pk", "points", "number", "item__code", "item__kind", "item__subject__code"
    )
    columns = [
        {
            "version_pk": pk,
            "points": points,
            "version": number,
            "item": code,
            "kind": kind,
            "subject": subject,
        }
        for pk, points, number, code, kind, subject in sorted(
            versions, key=lambda v: (v[3], v[2])
        )
    ]
    col_of = {c["version_pk"]: j for j, c in enumerate(columns)}
    where = {
        (pk, entry["slot"]): col_of[entry["version"]]
        for pk, form in attempts
        for entry in form
        if entry["version"] in col_of
    }
    max_points = np.array([c["points"] for c in columns], dtype=float)
    scores = np.full((len(attempts), len(columns)), np.nan)
    answers = Answer.objects.filter(
        attempt__in=counted_attempts(session), score__isnull=False
    ).values_list("attempt_id", "slot", "score")
    r_idx, c_idx, values = [], [], []
    for attempt_id, slot, score in answers.iterator(chunk_size=5000):
        col = where.get((attempt_id, slot))
        if col is None:
            continue
        r_idx.append(rows[attempt_id])
        c_idx.append(col)
        values.append(score)
    if values:
        fractions = np.asarray(values, dtype=float) / max_points[c_idx]
        scores[r_idx, c_idx] = np.clip(fractions, 0.0, 1.0)
    # A slot on the form without a scored answer cannot be in a graded
    # attempt; if it happens, it counts as 0 rather than "not on the form".
    on_form_rows = np.array([rows[a] for a, _slot in where], dtype=int)
    on_form_cols = np.array(list(where.values()), dtype=int)
    unscored = np.isnan(scores[on_form_rows, on_form_cols])
    scores[on_form_rows[unscored], on_form_cols[unscored]] = 0.0
    return ScoreMatrix([pk for pk, _ in attempts], columns, scores, max_points)


def _num(value) -> float | None:
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 6)


def _group(group: psychometrics.GroupStats, columns: list[dict]) -> dict:
    return {
        "attempts": group.attempts,
        "items": _num(group.items),
        "max_points": _num(group.max_points),
        "mean": _num(group.mean),
        "sd": _num(group.sd),
        "alpha": _num(group.alpha),
        "sem": _num(group.sem),
        "item_codes": [
            f"{columns[j]['item']} v{columns[j]['version']}" for j in group.columns
        ],
    }


def as_json(matrix: ScoreMatrix, result: psychometrics.Analysis) -> dict:
    """The analysis as stored in ``ItemAnalysis.result`` (NaN as null)."""
    stats = result.items
    items = []
    for j, column in enumerate(matrix.columns):
        items.append(
            {
                **{k: v for k, v in column.items() if k != "version_pk"},
                "n": int(stats.n[j]),
                "facility": _num(stats.facility[j]),
                "sd": _num(stats.sd[j]),
                "discrimination": _num(stats.discrimination[j]),
                "point_biserial": _num(stats.point_biserial[j]),
                "corrected_r": _num(stats.corrected_r[j]),
                "flags": stats.flags[j],
            }
        )
    return {
        "items": items,
        "forms": [_group(form, matrix.columns) for form in result.forms],
        "test": _group(result.test, matrix.columns),
    }


def analyse_session(session_pk: int) -> ItemAnalysis:
    """Compute the item analysis of the session and store it (the body of
    the ``certification.analyse_session`` task). ``computed_at`` is the time
    the scores were read, so anything graded after it shows as out of date."""
    session = ExamSession.objects.get(pk=session_pk)
    analysis, _ = ItemAnalysis.objects.get_or_create(session=session)
    started = timezone.now()
    try:
        matrix = score_matrix(session)
        data = as_json(matrix, psychometrics.analyse(matrix.scores, matrix.max_points))
    except Exception as exc:
        logger.exception("item analysis of session %s failed", session_pk)
        analysis.state = ItemAnalysis.State.FAILED
        analysis.error = f"{type(exc).__name__}: {exc}"
        analysis.save(update_fields=["state", "error"])
        return analysis
    analysis.state = ItemAnalysis.State.DONE
    analysis.result = data
    analysis.error = ""
    analysis.attempts_count = len(matrix.attempts)
    analysis.computed_at = started
    analysis.save()
    return analysis


def request_analysis(session: ExamSession) -> ItemAnalysis:
    """Mark the analysis queued (keeping the last result on show) and queue
    the task once the transaction commits."""
    with transaction.atomic():
        analysis, _ = ItemAnalysis.objects.get_or_create(session=session)
        analysis.state = ItemAnalysis.State.QUEUED
        analysis.error = ""
        analysis.save(update_fields=["state", "error"])
        transaction.on_commit(lambda: _queue(session.pk))
    return analysis


def _queue(session_pk: int) -> None:
    from robocampus.certification.tasks import analyse_session_task

    analyse_session_task.delay(session_pk)


def is_stale(analysis: ItemAnalysis) -> bool:
    """Whether attempts were graded, re-graded or voided since the analysis
    was computed (never computed: not stale, just absent)."""
    if analysis.computed_at is None:
        return False
    counted = counted_attempts(analysis.session)
    if counted.filter(graded_at__gt=analysis.computed_at).exists():
        return True
    return counted.count() != analysis.attempts_count
