"""A cohort is one run of a course: dates, capacity, instructors, a schedule
of sessions, enrolments with their states, attendance, excused-absence
requests and completion verdicts.

The rules behind attendance and completion are pure functions in
``robocampus.cohorts.rules``; these models store what they need and what
they decided. Every threshold is a field of the cohort with the reference's
default (``../shared/reference/training-platforms-and-rules.md`` §5, §6).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from robocampus.cohorts.rules.attendance import AttendancePolicy
from robocampus.cohorts.rules.attendance import Status as AttendanceStatus
from robocampus.curriculum.models import Course

FRACTION = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class Funding(models.TextChoices):
    """Funding programmes of Korean vocational training (reference §5.1)."""

    CITY = "city", _("City-funded")
    NATIONAL_STRATEGIC = "national_strategic", _("National strategic industries")
    K_DIGITAL = "k_digital", _("K-Digital Training")
    LEARNING_CARD = "learning_card", _("National learning card (내일배움카드)")
    COMPANY = "company", _("Company-funded")
    OTHER = "other", _("Other")


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveIntegerField(_("capacity"), default=20)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="teaching",
        verbose_name=_("instructors"),
        blank=True,
    )
    trainees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Enrolment",
        related_name="cohorts",
        verbose_name=_("trainees"),
    )
    ncs_code = models.CharField(_("NCS code"), max_length=40, blank=True)
    funding = models.CharField(
        _("funding programme"),
        max_length=24,
        choices=Funding.choices,
        default=Funding.CITY,
    )
    hrd_course_id = models.CharField(_("HRD-Net course ID"), max_length=40, blank=True)
    hrd_run = models.PositiveSmallIntegerField(_("HRD-Net run (회차)"), default=1)

    # -- attendance policy (rules.attendance.AttendancePolicy) --
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace minutes before late"), default=10
    )
    minor_events_per_absence = models.PositiveSmallIntegerField(
        _("late / early leave / outing events per absence"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    min_fraction_present = models.DecimalField(
        _("share of a session to attend (else absent)"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=FRACTION,
    )
    required_attendance_rate = models.DecimalField(
        _("required attendance rate"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=FRACTION,
    )
    at_risk_margin_sessions = models.PositiveSmallIntegerField(
        _("warn when this many absences or fewer are left to spare"), default=1
    )
    # -- QR check-in --
    qr_step_seconds = models.PositiveSmallIntegerField(
        _("QR code changes every (seconds)"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(600)],
    )
    check_in_opens_minutes = models.PositiveSmallIntegerField(
        _("check-in opens this many minutes before a session"), default=30
    )
    # -- completion rules (rules.completion.CompletionRules) --
    require_exercises = models.BooleanField(
        _("required exercises must be passed"), default=True
    )
    min_final_score = models.DecimalField(
        _("minimum final assessment score (empty: none)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    require_safety_education = models.BooleanField(
        _("16-hour safety education must be complete"), default=True
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="cohort_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def attendance_policy(self) -> AttendancePolicy:
        return AttendancePolicy(
            grace_minutes=self.grace_minutes,
            minor_events_per_absence=self.minor_events_per_absence,
            min_fraction_present=float(self.min_fraction_present),
            required_rate=float(self.required_attendance_rate),
            at_risk_margin_sessions=self.at_risk_margin_sessions,
            time_zone=settings.TIME_ZONE,
        )


class Session(models.Model):
    """One scheduled class of a cohort; may end after midnight."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room or lab cell"), max_length=120, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["cohort", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.cohort} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return round((self.ends_at - self.starts_at).total_seconds() / 60)


class EnrolmentState(models.TextChoices):
    """HRD-Net's trainee states, plus the waitlist (reference §6 item 2)."""

    APPLIED = "applied", _("applied")
    WAITLISTED = "waitlisted", _("waitlisted")
    ENROLLED = "enrolled", _("enrolled")
    IN_TRAINING = "in_training", _("in training")
    COMPLETED = "completed", _("completed")
    DROPPED_OUT = "dropped_out", _("dropped out")
    EMPLOYED_EARLY = "employed_early", _("employed before completion")


ACTIVE_STATES = (EnrolmentState.ENROLLED, EnrolmentState.IN_TRAINING)
"""States that hold a seat and take attendance."""
SEATED_STATES = (*ACTIVE_STATES, EnrolmentState.COMPLETED)
"""States that count against the cohort's capacity."""
TAKES_ATTENDANCE = (
    *SEATED_STATES,
    EnrolmentState.DROPPED_OUT,
    EnrolmentState.EMPLOYED_EARLY,
)
"""States whose sessions are judged (not applicants or the waitlist)."""


class Enrolment(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=EnrolmentState.choices,
        default=EnrolmentState.IN_TRAINING,
    )
    state_reason = models.CharField(_("reason"), max_length=300, blank=True)
    enrolled_on = models.DateField(_("first day of training"), null=True, blank=True)
    left_on = models.DateField(_("last day of training"), null=True, blank=True)
    final_score = models.DecimalField(
        _("final assessment score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["enrolled_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "trainee"], name="one_enrolment_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee} @ {self.cohort}"


class EnrolmentEvent(models.Model):
    """A change of an enrolment's state: who, when, from what, to what, why."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="events"
    )
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class AttendanceMark(models.Model):
    """What was recorded for one trainee in one session: times, outings,
    approved official leave and an instructor's correction."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="marks")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marks"
    )
    check_in = models.DateTimeField(_("check-in"), null=True, blank=True)
    check_out = models.DateTimeField(_("check-out"), null=True, blank=True)
    outings = models.JSONField(
        _("outings"),
        default=list,
        blank=True,
        help_text="[[out, back], ...] as ISO 8601 instants.",
    )
    excused = models.BooleanField(_("official leave"), default=False)
    override = models.CharField(
        _("status set by the instructor"),
        max_length=16,
        blank=True,
        choices=[(s.value, s.value) for s in AttendanceStatus],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"], name="one_mark_per_session"
            )
        ]


class AttendanceCorrection(models.Model):
    """A change an instructor made to a mark (the roster), with the reason."""

    mark = models.ForeignKey(
        AttendanceMark, on_delete=models.CASCADE, related_name="corrections"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(help_text="{field: [before, after]}")
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class QrScan(models.Model):
    """One accepted QR scan. Unique per (session, trainee, step): a code is
    used at most once by a trainee (reference: rules.qr)."""

    class Kind(models.TextChoices):
        CHECK_IN = "in", _("check-in")
        CHECK_OUT = "out", _("check-out")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="scans")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    step = models.BigIntegerField()
    kind = models.CharField(max_length=3, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee", "step"], name="qr_step_used_once"
            )
        ]


class ExcuseRequest(models.Model):
    """A trainee's request for official leave (공가) for one session, with
    evidence; decided by an instructor of the cohort."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="excuses"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="excuses"
    )
    reason = models.TextField(_("reason"))
    evidence = models.FileField(_("evidence"), upload_to="excuse-evidence/")
    evidence_type = models.CharField(max_length=40)
    filed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"],
                condition=models.Q(state__in=["pending", "approved"]),
                name="one_open_excuse_per_session",
            )
        ]


class CompletionVerdict(models.Model):
    """The completion verdict on one enrolment, with its reasons and the
    rules and evidence it was made from (kept: each evaluation is a row)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="verdicts"
    )
    completed = models.BooleanField()
    reasons = models.JSONField()
    rules = models.JSONField()
    evidence = models.JSONField()
    evaluated_at = models.DateTimeField(auto_now_add=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-evaluated_at", "-pk"]


class AttendanceWarning(models.Model):
    """A warning sent about an enrolment's attendance; one per level and
    margin, so each worsening is told once."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="warnings"
    )
    level = models.CharField(max_length=12)
    margin = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "level", "margin"], name="warn_once_per_level"
            )
        ]
