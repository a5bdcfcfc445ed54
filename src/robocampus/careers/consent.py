"""What a company may see of whom: the one place consent is enforced.

A company sees a trainee only while the trainee has an active consent that
covers it: ``matching`` (every company) or ``company`` naming that company.
It sees only the parts those consents share (their union), and everything
derived from a part (a match score from competencies, say) is computed from
the shared parts alone. A trainee without such a consent does not exist
for the company: no row, no count, no aggregate includes them.

``outcomes`` consent (employment tracking by the center) never shows
anything to a company.

To use::

    parts = shared_parts(company)                  # {trainee_id: {"courses", ...}}
    profiles = shared_profiles(company)            # [SharedProfile, ...]
    profile = shared_profile(company, trainee_pk)  # or None
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from robocampus.accounts.models import Organisation, Role, User
from robocampus.careers.evidence import TraineeEvidence, evidence_for
from robocampus.careers.models import CareerProfile, Consent, Part, Purpose

ALL_PARTS = frozenset(Part.values)
SHARING = (Purpose.MATCHING, Purpose.COMPANY)
"""Purposes under which a company may see a profile."""


def sharing_consents(company: Organisation):
    """Active consents that show a trainee to ``company``."""
    return Consent.objects.filter(
        withdrawn_at__isnull=True,
        trainee__role=Role.TRAINEE,
        trainee__is_active=True,
    ).filter(Q(purpose=Purpose.MATCHING) | Q(purpose=Purpose.COMPANY, company=company))


def shared_parts(company: Organisation, trainee_ids=None) -> dict[int, frozenset]:
    """Trainee id -> the parts ``company`` may see, for each trainee it may
    see at all (optionally only among ``trainee_ids``)."""
    consents = sharing_consents(company)
    if trainee_ids is not None:
        consents = consents.filter(trainee_id__in=list(trainee_ids))
    parts: dict[int, set] = {}
    for trainee_id, scope in consents.values_list("trainee_id", "scope"):
        parts.setdefault(trainee_id, set()).update(ALL_PARTS.intersection(scope))
    return {pk: frozenset(p) for pk, p in parts.items()}


def matching_trainee_ids() -> list[int]:
    """Trainees with an active ``matching`` consent (any company may see
    them): the candidates of a job fair."""
    return list(
        Consent.objects.filter(
            withdrawn_at__isnull=True,
            purpose=Purpose.MATCHING,
            trainee__role=Role.TRAINEE,
            trainee__is_active=True,
        )
        .order_by("trainee_id")
        .values_list("trainee_id", flat=True)
    )


def only_parts(evidence: TraineeEvidence, parts: frozenset) -> TraineeEvidence:
    """``evidence`` with the parts not in ``parts`` left empty."""
    return TraineeEvidence(
        evidence.trainee_id,
        courses=list(evidence.courses) if Part.COURSES in parts else [],
        competencies=dict(evidence.competencies) if Part.COMPETENCIES in parts else {},
        certificates=list(evidence.certificates) if Part.CERTIFICATES in parts else [],
    )


@dataclass
class SharedProfile:
    """What a company is shown of one trainee: the name and headline, and
    the consented parts (the others are empty)."""

    trainee: User
    parts: frozenset
    evidence: TraineeEvidence
    headline: str = ""
    summary: str = ""
    has_cv: bool = False
    email: str = ""
    phone: str = ""

    @property
    def name(self) -> str:
        return self.trainee.name or self.trainee.username

    def shows(self, part: str) -> bool:
        return part in self.parts

    @property
    def part_labels(self) -> list[str]:
        return [str(label) for value, label in Part.choices if value in self.parts]

    @property
    def shows_courses(self) -> bool:
        return Part.COURSES in self.parts

    @property
    def shows_competencies(self) -> bool:
        return Part.COMPETENCIES in self.parts

    @property
    def shows_certificates(self) -> bool:
        return Part.CERTIFICATES in self.parts


def shared_profiles(
    company: Organisation, trainee_ids=None, *, today: datetime.date | None = None
) -> list[SharedProfile]:
    """The profiles ``company`` may see (optionally only among
    ``trainee_ids``), each reduced to its consented parts; by trainee id."""
    parts = shared_parts(company, trainee_ids)
    if not parts:
        return []
    trainees = User.objects.in_bulk(list(parts))
    profiles = CareerProfile.objects.in_bulk(list(parts), field_name="trainee_id")
    evidence = evidence_for(parts, today=today)
    shown = []
    for pk in sorted(parts):
        p, career = parts[pk], profiles.get(pk)
        shown.append(
            SharedProfile(
                trainee=trainees[pk],
                parts=p,
                evidence=only_parts(evidence[pk], p),
                headline=career.headline if career else "",
                summary=career.summary if career and Part.CV in p else "",
                has_cv=bool(career and career.cv and Part.CV in p),
                email=trainees[pk].email if Part.CONTACT in p else "",
                phone=career.phone if career and Part.CONTACT in p else "",
            )
        )
    return shown


def shared_profile(
    company: Organisation, trainee_pk: int, *, today: datetime.date | None = None
) -> SharedProfile | None:
    """One trainee's profile as ``company`` may see it, or None."""
    found = shared_profiles(company, [trainee_pk], today=today)
    return found[0] if found else None
