"""The job-fair plan from the database: open postings, candidates with an
active ``matching`` consent (scored on the parts they share), and
``careers.jobfair`` to choose and time the interviews.

To keep the assignment matrix small, each posting keeps only its best
``PAIRS_PER_SLOT`` x slots candidates (by the ranking of
``careers.matching``) before the plan is made; the plan is optimal over the
pairs kept.

To use::

    plan = suggest(slot_count=6, max_per_candidate=2, eligible_only=True,
                   min_score=50)
    plan.slots   # [[(posting, trainee, score), ...] per time slot]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from robocampus.accounts.models import User
from robocampus.careers import jobfair, matching
from robocampus.careers.consent import only_parts
from robocampus.careers.evidence import evidence_for
from robocampus.careers.models import Consent, JobPosting, Purpose
from robocampus.careers.ranking import (
    open_postings,
    requirements,
    supply,
    vocabulary,
    with_requirements,
)

PAIRS_PER_SLOT = 4


@dataclass(frozen=True)
class FairPlan:
    postings: list[JobPosting]
    candidate_count: int
    pair_count: int
    slots: list[list[tuple[JobPosting, User, float]]]
    unplaced: list[JobPosting]

    @property
    def interview_count(self) -> int:
        return sum(len(s) for s in self.slots)


def _matching_scopes() -> dict[int, frozenset]:
    return {
        trainee_id: frozenset(scope)
        for trainee_id, scope in Consent.objects.filter(
            purpose=Purpose.MATCHING,
            withdrawn_at__isnull=True,
            trainee__is_active=True,
            trainee__role="trainee",
        ).values_list("trainee_id", "scope")
    }


def suggest(
    *, slot_count: int, max_per_candidate: int, eligible_only: bool, min_score: int
) -> FairPlan:
    postings = list(
        with_requirements(open_postings().select_related("company")).order_by("pk")
    )
    scopes = _matching_scopes()
    ids = sorted(scopes)
    if not postings or not ids:
        return FairPlan(
            postings, len(ids), 0, [[] for _ in range(slot_count)], postings
        )
    found = evidence_for(ids)
    vocab = vocabulary(postings)
    scores = matching.score_matrix(
        supply([only_parts(found[pk], scopes[pk]) for pk in ids], vocab),
        requirements(postings, vocab),
    )
    gain = np.where(scores.score >= min_score, scores.score, -np.inf)
    if eligible_only:
        gain[~scores.eligible] = -np.inf
    slots_of = np.array([p.interview_slots for p in postings])
    keep = np.zeros_like(gain, dtype=bool)
    best = matching.top_trainees(scores, int(PAIRS_PER_SLOT * slots_of.max(initial=1)))
    for p, row in enumerate(best):
        keep[row[: PAIRS_PER_SLOT * slots_of[p]], p] = True
    gain[~keep] = -np.inf
    plan = jobfair.plan_interviews(gain, slots_of, max_per_candidate, slot_count)
    trainees = User.objects.in_bulk(ids)
    table = [
        [(postings[i.posting], trainees[ids[i.candidate]], i.score) for i in slot]
        for slot in plan.by_slot()
    ]
    placed = {i.posting for i in plan.interviews}
    return FairPlan(
        postings,
        len(ids),
        int(np.isfinite(gain).sum()),
        table,
        [p for n, p in enumerate(postings) if n not in placed],
    )
