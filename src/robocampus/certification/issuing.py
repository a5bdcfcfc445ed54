"""Issuing and revoking certificates, and the revocation status list.

``issue_certificate(attempt)`` is called when the results of a passed
attempt are released: it snapshots everything printed on the PDF
(``Certificate.fields``), takes the next free index of the status list,
builds the Open Badges 3.0 credential and signs it with the active issuer
key. Calling it again returns the same certificate.

``revoke(certificate, by, reason)`` marks a certificate revoked; the status
list credential (``status_list_credential()``) is rebuilt from every revoked
index, signed when asked for and cached until the next revocation or key
rotation.

Units: percentages 0-100; dates are the center's local dates
(``settings.TIME_ZONE``).
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from robocampus.certification import issuer_keys, links
from robocampus.certification.credentials import badge, signing, status_list
from robocampus.certification.models import Attempt, Certificate, Subject

logger = logging.getLogger(__name__)

STATUS_LIST_LENGTH = 131072
"""Entries of the revocation list (the W3C minimum, 16 KB before gzip):
the most certificates the center can issue."""
STATUS_LIST_CACHE_SECONDS = 24 * 3600
ALLOCATION_TRIES = 8


class IssuingError(Exception):
    """A certificate cannot be issued or revoked; the message says why."""


# -- issuing -----------------------------------------------------------------------


def check_eligible(attempt: Attempt) -> None:
    """Raise ``IssuingError`` unless ``attempt`` earns a certificate: graded,
    passed, not voided, its session's results released."""
    where = f"attempt {attempt.pk}"
    if attempt.status == Attempt.Status.VOIDED:
        raise IssuingError(f"{where} was voided: no certificate.")
    if attempt.status != Attempt.Status.SUBMITTED:
        raise IssuingError(f"{where} is not submitted yet.")
    if attempt.grading != Attempt.Grading.GRADED:
        raise IssuingError(f"{where} is not fully graded yet.")
    if attempt.passed is not True:
        raise IssuingError(f"{where} did not pass: no certificate.")
    if attempt.seat.session.results_released_at is None:
        raise IssuingError(
            f"The results of session {attempt.seat.session.title!r} are not "
            "released yet."
        )


def issue_certificate(
    attempt: Attempt, now: datetime.datetime | None = None
) -> Certificate:
    """The certificate of a passed, graded, non-voided attempt whose results
    are released; made and signed on the first call, returned as it is on
    later ones. Raises ``IssuingError`` for an attempt that earns none and
    ``issuer_keys.NoIssuerKeyError`` when no key is set up."""
    existing = Certificate.objects.filter(attempt=attempt).first()
    if existing is not None:
        return existing
    attempt = Attempt.objects.select_related(
        "seat__candidate", "seat__session__level__scheme"
    ).get(pk=attempt.pk)
    check_eligible(attempt)
    now = now or timezone.now()
    key = issuer_keys.active_key()
    private = issuer_keys.private_key(key)
    for _try in range(ALLOCATION_TRIES):
        try:
            with transaction.atomic():
                # Serialises issuing per attempt (PostgreSQL); SQLite locks
                # the whole database on write anyway.
                Attempt.objects.select_for_update().filter(pk=attempt.pk).first()
                existing = Certificate.objects.filter(attempt=attempt).first()
                if existing is not None:
                    return existing
                return _create(attempt, key, private, now)
        except IntegrityError:
            # Another certificate took the same status index (or the same
            # attempt) at the same moment: look again.
            existing = Certificate.objects.filter(attempt=attempt).first()
            if existing is not None:
                return existing
    raise IssuingError(
        f"No free status list index for attempt {attempt.pk} after "
        f"{ALLOCATION_TRIES} tries; try again."
    )


def _create(attempt: Attempt, key, private, now: datetime.datetime) -> Certificate:
    level = attempt.seat.session.level
    index = _next_status_index()
    certificate_id = uuid.uuid4()
    issued_on = timezone.localdate(now)
    valid_until = (
        add_months(issued_on, level.validity_months) if level.validity_months else None
    )
    fields = snapshot_fields(attempt, certificate_id, issued_on, valid_until)
    credential = _signed_credential(
        fields,
        attempt.seat.candidate.email,
        level,
        index,
        now,
        valid_until,
        key,
        private,
    )
    return Certificate.objects.create(
        id=certificate_id,
        holder=attempt.seat.candidate,
        level=level,
        attempt=attempt,
        fields=fields,
        issued_at=now,
        valid_until=valid_until,
        status_index=index,
        credential=credential,
        key=key,
    )


def _next_status_index() -> int:
    highest = Certificate.objects.aggregate(m=Max("status_index"))["m"]
    index = 0 if highest is None else highest + 1
    if index >= STATUS_LIST_LENGTH:
        raise IssuingError(
            f"The status list is full ({STATUS_LIST_LENGTH} certificates)."
        )
    return index


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the last day
    of a shorter month)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def snapshot_fields(
    attempt: Attempt,
    certificate_id: uuid.UUID,
    issued_on: datetime.date,
    valid_until: datetime.date | None,
) -> dict:
    """Everything the PDF prints and the verification page shows, frozen at
    issue time (a later rename of the level or the holder changes nothing)."""
    level = attempt.seat.session.level
    scheme = level.scheme
    holder = attempt.seat.candidate
    percents = attempt.subject_percents or {}
    subjects = {s.code: s for s in Subject.objects.filter(scheme=scheme)}
    ordered = sorted(
        percents,
        key=lambda code: (
            subjects[code].order if code in subjects else 1 << 16,
            code,
        ),
    )
    return {
        "certificate_id": str(certificate_id),
        "holder_name": holder.name or holder.username,
        "scheme_code": scheme.code,
        "scheme_title_ko": scheme.title_ko,
        "scheme_title_en": scheme.title_en,
        "scheme_is_example": scheme.is_example,
        "level_code": level.code,
        "level_title_ko": level.title_ko,
        "level_title_en": level.title_en,
        "subjects": [
            {
                "code": code,
                "title_ko": subjects[code].title_ko if code in subjects else code,
                "title_en": subjects[code].title_en if code in subjects else code,
                "percent": _rounded(percents[code]),
            }
            for code in ordered
        ],
        "practical_percent": _rounded(attempt.practical_percent),
        "total_percent": _rounded(attempt.total_percent),
        "issued_on": issued_on.isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "issuer_name_ko": settings.ISSUER_NAME["ko"],
        "issuer_name_en": settings.ISSUER_NAME["en"],
    }


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), 1)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last second of ``day`` in the center's time zone (when a
    certificate valid until ``day`` stops being valid)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(23, 59, 59)),
        timezone.get_default_timezone(),
    )


def _signed_credential(
    fields, holder_email, level, index, now, valid_until, key, private
) -> dict:
    holder = _holder_identity(fields, holder_email)
    document = badge.open_badge_credential(
        credential_id=links.verification_url(fields["certificate_id"]),
        issuer_id=links.issuer_url(),
        issuer_name=fields["issuer_name_ko"] or fields["issuer_name_en"],
        issuer_url=settings.SITE_URL,
        valid_from=now,
        valid_until=end_of_day(valid_until) if valid_until else None,
        name=_pair(
            f"{fields['scheme_title_ko']} {fields['level_title_ko']}",
            " ".join(
                p for p in (fields["scheme_title_en"], fields["level_title_en"]) if p
            ),
        ),
        achievement_id=links.achievement_url(level),
        achievement_name=_pair(fields["level_title_ko"], fields["level_title_en"]),
        achievement_description=_pair(
            fields["scheme_title_ko"], fields["scheme_title_en"]
        ),
        criteria=_criteria(level),
        human_code=f"{fields['scheme_code']}-{fields['level_code']}",
        holder_identity=holder[0],
        holder_identity_type=holder[1],
        salt=badge.new_salt(),
        results=_results(fields, level),
        status_list_url=links.status_list_url(),
        status_index=index,
    )
    return signing.sign(
        document, private, links.verification_method(key.key_id), created=now
    )


def _holder_identity(fields: dict, email: str) -> tuple[str, str]:
    """What the credential's hashed identifier hashes: the holder's e-mail
    when known (the holder can prove it is theirs; the credential does not
    disclose it), else the name."""
    if email:
        return email, "emailAddress"
    return fields["holder_name"], "name"


def _pair(ko: str, en: str) -> str:
    return ko if not en or en == ko else f"{ko} ({en})"


def _criteria(level) -> str:
    """The pass rules, as the credential's criteria narrative (English)."""
    text = (
        f"Pass the {level.scheme.title_en or level.scheme.code} exam of level "
        f"{level.title_en or level.code}: a total of at least "
        f"{level.pass_total_percent:g}%, at least {level.pass_subject_percent:g}% "
        f"in every subject's written part and at least "
        f"{level.pass_practical_percent:g}% in the practical tasks."
    )
    if level.validity_months:
        text += f" Valid for {level.validity_months} months."
    return text


def _results(fields: dict, level) -> list[dict]:
    """The scores as OB 3.0 results (percent) with their pass marks: per
    subject, practical, total."""
    found = [
        {
            "key": f"subject-{s['code']}",
            "name": _pair(s["title_ko"], s["title_en"]),
            "value": s["percent"],
            "required": level.pass_subject_percent,
        }
        for s in fields["subjects"]
        if s["percent"] is not None
    ]
    if fields["practical_percent"] is not None:
        found.append(
            {
                "key": "practical",
                "name": "실기 (Practical)",
                "value": fields["practical_percent"],
                "required": level.pass_practical_percent,
            }
        )
    found.append(
        {
            "key": "total",
            "name": "총점 (Total)",
            "value": fields["total_percent"],
            "required": level.pass_total_percent,
        }
    )
    return found


# -- revoking and the status list --------------------------------------------------


def revoke(
    certificate: Certificate, by, reason: str, now: datetime.datetime | None = None
) -> Certificate:
    """Revoke ``certificate`` for ``reason`` (required) by user ``by``: its
    status list bit is set from now on. Raises ``IssuingError`` for an empty
    reason or a certificate revoked already (nothing changes then)."""
    reason = (reason or "").strip()
    if not reason:
        raise IssuingError("A reason is required to revoke a certificate.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise IssuingError(
                f"Certificate {locked.pk} was revoked already on "
                f"{timezone.localtime(locked.revoked_at):%Y-%m-%d}."
            )
        locked.revoked_at = now
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        transaction.on_commit(invalidate_status_list)
    logger.warning(
        "certificate %s revoked by %s (user %s): %s",
        locked.pk,
        getattr(by, "username", by),
        getattr(by, "pk", None),
        reason,
    )
    certificate.revoked_at = locked.revoked_at
    certificate.revoked_by = locked.revoked_by
    certificate.revocation_reason = locked.revocation_reason
    return certificate


def _status_list_state() -> str:
    """A fingerprint of what the status list credential depends on: the
    revoked certificates and the active key. A revocation or a rotation
    changes it, so a list built before is never served after."""
    revoked = Certificate.objects.filter(revoked_at__isnull=False).aggregate(
        n=Count("pk"), last=Max("revoked_at")
    )
    key = issuer_keys.active_key()
    raw = f"{revoked['n']}|{revoked['last']}|{key.key_id}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


CACHE_PREFIX = "certification:status-list:"


def invalidate_status_list() -> None:
    """Drop the cached status list credential (after a revocation)."""
    cache.delete(CACHE_PREFIX + "current")


def status_list_credential(now: datetime.datetime | None = None) -> dict:
    """The signed BitstringStatusListCredential of every revoked certificate
    (purpose ``revocation``), cached until the next revocation or rotation."""
    state = _status_list_state()
    cached = cache.get(CACHE_PREFIX + "current")
    if cached is not None and cached.get("state") == state:
        return cached["credential"]
    now = now or timezone.now()
    key = issuer_keys.active_key()
    indices = Certificate.objects.filter(revoked_at__isnull=False).values_list(
        "status_index", flat=True
    )
    document = status_list.status_list_credential(
        list_url=links.status_list_url(),
        issuer_id=links.issuer_url(),
        valid_from=now,
        revoked_indices=list(indices),
        length=STATUS_LIST_LENGTH,
    )
    credential = signing.sign(
        document,
        issuer_keys.private_key(key),
        links.verification_method(key.key_id),
        created=now,
    )
    cache.set(
        CACHE_PREFIX + "current",
        {"state": state, "credential": credential},
        STATUS_LIST_CACHE_SECONDS,
    )
    return credential
