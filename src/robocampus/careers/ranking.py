"""Matching against the database: postings and evidence into the arrays of
``careers.matching``, and back into ranked rows with explanations.

Candidates for a company come only from ``careers.consent`` (consenting
trainees, consented parts); a trainee's own recommendations use all of
their evidence.

To use::

    rank_candidates(posting)              # [Candidate, ...] best first
    recommend_postings(trainee, limit=20) # [Recommendation, ...] best first
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from robocampus.careers import matching
from robocampus.careers.consent import SharedProfile, shared_profiles
from robocampus.careers.evidence import TraineeEvidence, evidence_for
from robocampus.careers.models import (
    JobPosting,
    PostingCertificate,
    PostingCompetency,
    PostingState,
)


@dataclass(frozen=True)
class Reason:
    """One asked item against one trainee, with the evidence behind it:
    ``evidence`` is the ``CompetencyEvidence`` or ``CertificateEvidence``
    (None when missing)."""

    item: matching.ItemResult
    title: str
    evidence: object | None


@dataclass(frozen=True)
class Explained:
    score: float
    eligible: bool
    reasons: tuple[Reason, ...]

    @property
    def met(self) -> list[Reason]:
        return [r for r in self.reasons if r.item.met]

    @property
    def missing(self) -> list[Reason]:
        return [r for r in self.reasons if not r.item.met]


@dataclass(frozen=True)
class Candidate:
    profile: SharedProfile
    explained: Explained


@dataclass(frozen=True)
class Recommendation:
    posting: JobPosting
    explained: Explained


def with_requirements(postings):
    """``postings`` with their requirement rows prefetched."""
    return postings.prefetch_related(
        Prefetch(
            "competency_rows",
            queryset=PostingCompetency.objects.select_related("competency"),
        ),
        Prefetch(
            "certificate_rows",
            queryset=PostingCertificate.objects.select_related("level__scheme"),
        ),
    )


def open_postings(today: datetime.date | None = None):
    """Published postings whose deadline has not passed."""
    today = today or timezone.localdate()
    return JobPosting.objects.filter(state=PostingState.PUBLISHED).filter(
        Q(deadline__isnull=True) | Q(deadline__gte=today)
    )


def vocabulary(postings: Sequence[JobPosting]) -> matching.Vocabulary:
    codes = sorted(
        {r.competency.code for p in postings for r in p.competency_rows.all()}
    )
    levels = sorted({r.level_id for p in postings for r in p.certificate_rows.all()})
    return matching.Vocabulary(tuple(codes), tuple(levels))


def requirements(postings: Sequence[JobPosting], vocab) -> matching.Requirements:
    return matching.requirements_from(
        [
            {
                r.competency.code: (r.min_level, r.required)
                for r in p.competency_rows.all()
            }
            for p in postings
        ],
        [{r.level_id: r.required for r in p.certificate_rows.all()} for p in postings],
        vocab,
    )


def supply(evidence: Sequence[TraineeEvidence], vocab) -> matching.Supply:
    return matching.supply_from(
        [e.levels() for e in evidence],
        [e.certificate_levels() for e in evidence],
        vocab,
    )


def _titles(posting: JobPosting) -> dict:
    titles = {
        r.competency.code: r.competency.title for r in posting.competency_rows.all()
    }
    titles.update({r.level_id: str(r.level) for r in posting.certificate_rows.all()})
    return titles


def _explain(sup, needs, vocab, t: int, p: int, evidence, titles) -> Explained:
    found = matching.explain(sup, needs, vocab, trainee=t, posting=p)
    certificates = {c.level_id: c for c in evidence.certificates}
    reasons = []
    for item in found.items:
        if item.kind == "competency":
            behind = evidence.competencies.get(item.key)
        else:
            behind = certificates.get(item.key)
        reasons.append(Reason(item, titles.get(item.key, str(item.key)), behind))
    return Explained(found.score, found.eligible, tuple(reasons))


def rank_candidates(
    posting: JobPosting, *, today: datetime.date | None = None
) -> list[Candidate]:
    """The trainees ``posting``'s company may see, best first, each scored on
    the parts they share."""
    posting = with_requirements(JobPosting.objects.filter(pk=posting.pk)).get()
    profiles = shared_profiles(posting.company, today=today)
    if not profiles:
        return []
    vocab = vocabulary([posting])
    needs = requirements([posting], vocab)
    sup = supply([p.evidence for p in profiles], vocab)
    scores = matching.score_matrix(sup, needs)
    order = matching.rank_trainees(scores, 0)
    titles = _titles(posting)
    return [
        Candidate(
            profiles[t],
            _explain(sup, needs, vocab, int(t), 0, profiles[t].evidence, titles),
        )
        for t in order
    ]


def explain_candidate(posting: JobPosting, profile: SharedProfile) -> Explained:
    """How one shared profile matches ``posting`` (on the shared parts)."""
    posting = with_requirements(JobPosting.objects.filter(pk=posting.pk)).get()
    vocab = vocabulary([posting])
    needs = requirements([posting], vocab)
    sup = supply([profile.evidence], vocab)
    return _explain(sup, needs, vocab, 0, 0, profile.evidence, _titles(posting))


def recommend_postings(
    trainee, *, limit: int = 50, today: datetime.date | None = None
) -> list[Recommendation]:
    """Open postings for ``trainee``, best first, on all of their evidence."""
    postings = list(
        with_requirements(open_postings(today).select_related("company")).order_by("pk")
    )
    if not postings:
        return []
    evidence = evidence_for([trainee.pk], today=today)[trainee.pk]
    return explain_postings(postings, evidence)[:limit]


def explain_postings(
    postings: Sequence[JobPosting], evidence: TraineeEvidence
) -> list[Recommendation]:
    """``postings`` (requirements prefetched) ranked for one trainee."""
    vocab = vocabulary(postings)
    needs = requirements(postings, vocab)
    sup = supply([evidence], vocab)
    scores = matching.score_matrix(sup, needs)
    return [
        Recommendation(
            postings[p],
            _explain(sup, needs, vocab, 0, int(p), evidence, _titles(postings[p])),
        )
        for p in matching.rank_postings(scores, 0)
    ]
