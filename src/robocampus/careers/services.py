"""Every write of the careers app: company profiles, postings and their
states, career profiles with the CV, consents, the log of company views,
and deleting a trainee's career data.

Each function checks what it needs, raises a ``CareersError`` with a
message for the user before changing anything, and runs in one
transaction. The clock is a parameter (``now``, default the current time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from robocampus.accounts.models import Organisation
from robocampus.careers.errors import ConsentError, PostingStateError
from robocampus.careers.models import (
    CareerProfile,
    CompanyProfile,
    Consent,
    JobPosting,
    Part,
    PostingCertificate,
    PostingCompetency,
    PostingState,
    ProfileView,
    Purpose,
)
from robocampus.careers.uploads import CvInfo

S = PostingState
TRANSITIONS = {
    S.DRAFT: frozenset({S.PUBLISHED, S.CLOSED}),
    S.PUBLISHED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.DRAFT}),
}
"""Allowed state changes; a closed posting is reopened as a draft."""
EDITABLE = frozenset({S.DRAFT, S.PUBLISHED})
POSTING_FIELDS = (
    "title",
    "occupation_code",
    "description",
    "location",
    "district",
    "employment_type",
    "salary_min_krw",
    "salary_max_krw",
    "deadline",
    "interview_slots",
)


# -- companies and postings ---------------------------------------------------------


@transaction.atomic
def save_company_profile(organisation: Organisation, **fields) -> CompanyProfile:
    profile, _created = CompanyProfile.objects.update_or_create(
        organisation=organisation, defaults=fields
    )
    return profile


def _replace_rows(posting: JobPosting, competencies, certificates) -> None:
    posting.competency_rows.all().delete()
    posting.certificate_rows.all().delete()
    PostingCompetency.objects.bulk_create(
        PostingCompetency(
            posting=posting, competency=unit, min_level=level, required=required
        )
        for unit, level, required in competencies
    )
    PostingCertificate.objects.bulk_create(
        PostingCertificate(posting=posting, level=level, required=required)
        for level, required in certificates
    )


@transaction.atomic
def create_posting(
    company: Organisation,
    by,
    fields: Mapping,
    competencies: Sequence[tuple] = (),
    certificates: Sequence[tuple] = (),
) -> JobPosting:
    """Create a draft. ``competencies``: (unit, min level, required) rows;
    ``certificates``: (certification level, required) rows."""
    posting = JobPosting.objects.create(
        company=company,
        created_by=by,
        **{k: fields[k] for k in POSTING_FIELDS if k in fields},
    )
    _replace_rows(posting, competencies, certificates)
    return posting


@transaction.atomic
def update_posting(
    posting: JobPosting,
    fields: Mapping,
    competencies: Sequence[tuple] = (),
    certificates: Sequence[tuple] = (),
) -> JobPosting:
    """Change a draft or published posting; a closed one is reopened first."""
    posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
    if posting.state not in EDITABLE:
        raise PostingStateError(
            _("A closed posting cannot be changed; reopen it as a draft first.")
        )
    for key in POSTING_FIELDS:
        if key in fields:
            setattr(posting, key, fields[key])
    posting.save()
    _replace_rows(posting, competencies, certificates)
    return posting


@transaction.atomic
def change_posting_state(
    posting: JobPosting, to: str, *, now: datetime | None = None
) -> JobPosting:
    """Move ``posting`` to state ``to`` if ``TRANSITIONS`` allow it; a
    posting is published only with a deadline not yet passed."""
    now = now or timezone.now()
    posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
    current = S(posting.state)
    if to not in TRANSITIONS[current]:
        raise PostingStateError(
            _("A %(from)s posting cannot be made %(to)s.")
            % {"from": current.label, "to": S(to).label if to in S.values else to}
        )
    if to == S.PUBLISHED:
        today = timezone.localdate(now)
        if posting.deadline is not None and posting.deadline < today:
            raise PostingStateError(
                _(
                    "The deadline %(deadline)s has passed; set a later deadline "
                    "before publishing."
                )
                % {"deadline": posting.deadline.isoformat()}
            )
        posting.published_at = now
        posting.closed_at = None
    elif to == S.CLOSED:
        posting.closed_at = now
    posting.state = to
    posting.save(update_fields=["state", "published_at", "closed_at", "updated_at"])
    return posting


# -- the trainee's profile ----------------------------------------------------------


@transaction.atomic
def save_career_profile(
    trainee,
    *,
    headline: str,
    summary: str,
    phone: str,
    cv=None,
    cv_info: CvInfo | None = None,
    remove_cv: bool = False,
    now: datetime | None = None,
) -> CareerProfile:
    """Save what the trainee typed; ``cv`` (checked by ``inspect_cv`` into
    ``cv_info``) replaces the stored CV, ``remove_cv`` deletes it. The old
    file is deleted once the transaction commits."""
    now = now or timezone.now()
    profile, _created = CareerProfile.objects.select_for_update().get_or_create(
        trainee=trainee
    )
    profile.headline, profile.summary, profile.phone = headline, summary, phone
    old = profile.cv.name if profile.cv else ""
    if cv is not None and cv_info is not None:
        profile.cv_type, profile.cv_extension = cv_info.content_type, cv_info.extension
        profile.cv_name = cv.name[-200:]
        profile.cv_size_bytes = cv_info.size_bytes
        profile.cv_uploaded_at = now
        profile.cv.save("cv", cv, save=False)
    elif remove_cv:
        profile.cv = ""
        profile.cv_type = profile.cv_extension = profile.cv_name = ""
        profile.cv_size_bytes = profile.cv_uploaded_at = None
    profile.save()
    if old and old != (profile.cv.name if profile.cv else ""):
        storage = profile.cv.storage
        transaction.on_commit(lambda: storage.delete(old))
    return profile


# -- consent ------------------------------------------------------------------------


def consent_statement(purpose: str, parts: Iterable[str], company=None) -> str:
    """The sentence the trainee agrees to, in the active language (stored
    with the consent as agreed)."""
    names = ", ".join(str(Part(p).label) for p in Part.values if p in set(parts))
    if purpose == Purpose.MATCHING:
        return _(
            "I agree that the center shows my career profile (%(parts)s) to "
            "companies registered with it, for job matching, until I withdraw "
            "this consent."
        ) % {"parts": names}
    if purpose == Purpose.COMPANY:
        return _(
            "I agree that the center shows my career profile (%(parts)s) to "
            "%(company)s, until I withdraw this consent."
        ) % {"parts": names, "company": company}
    return _(
        "I agree that the center records my employment after training "
        "(%(parts)s) to report employment outcomes, until I withdraw this "
        "consent."
    ) % {"parts": names}


@transaction.atomic
def grant_consent(
    trainee,
    purpose: str,
    parts: Iterable[str],
    *,
    company: Organisation | None = None,
    now: datetime | None = None,
) -> Consent:
    """Record a consent. An active consent for the same purpose (and
    company) is withdrawn at the same instant: the new one replaces it and
    both stay in the history."""
    now = now or timezone.now()
    parts = [p for p in Part.values if p in set(parts)]
    if purpose not in Purpose.values:
        raise ConsentError(_("Choose what the consent is for."))
    if not parts:
        raise ConsentError(_("Choose at least one part of your profile to share."))
    if purpose == Purpose.COMPANY:
        if company is None or company.kind != Organisation.Kind.COMPANY:
            raise ConsentError(_("Choose the company to share your profile with."))
    else:
        company = None
    Consent.objects.select_for_update().filter(
        trainee=trainee, purpose=purpose, company=company, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    return Consent.objects.create(
        trainee=trainee,
        purpose=purpose,
        company=company,
        scope=parts,
        statement=consent_statement(purpose, parts, company),
        granted_at=now,
    )


@transaction.atomic
def withdraw_consent(consent: Consent, *, now: datetime | None = None) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ConsentError(_("This consent was already withdrawn."))
    consent.withdrawn_at = now or timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    return consent


# -- the log of company views -------------------------------------------------------


def log_profile_views(
    viewer,
    shown: Mapping[int, Iterable[str]],
    context: str,
    *,
    posting: JobPosting | None = None,
    now: datetime | None = None,
) -> list[ProfileView]:
    """Record that ``viewer`` (a company member) was shown the trainees in
    ``shown`` (trainee id -> the parts shown)."""
    now = now or timezone.now()
    return ProfileView.objects.bulk_create(
        ProfileView(
            trainee_id=pk,
            viewer=viewer,
            company_id=viewer.organisation_id,
            posting=posting,
            context=context,
            parts=sorted(parts),
            viewed_at=now,
        )
        for pk, parts in shown.items()
    )


# -- deleting ------------------------------------------------------------------------


@transaction.atomic
def delete_career_data(trainee, *, now: datetime | None = None) -> dict:
    """Delete what the trainee added (career profile, CV file) and withdraw
    every active consent. The consent history and the view log stay (see
    ``docs/careers.md``); the training records are not career data."""
    now = now or timezone.now()
    withdrawn = Consent.objects.filter(
        trainee=trainee, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    profile = CareerProfile.objects.filter(trainee=trainee).first()
    had_cv = bool(profile and profile.cv)
    if profile is not None:
        profile.delete()  # the post_delete signal removes the CV file
    return {"profile": profile is not None, "cv": had_cv, "withdrawn": withdrawn}
