"""Certification data: schemes and their levels, subjects and blueprints; the
item bank with immutable versions; exam sessions, seats, attempts and saved
answers; grading; item analysis; issuer keys and certificates.

A scheme is data an officer edits, never code: MFEC's levels, subjects and
rules are not public (``../shared/reference/training-platforms-and-rules.md``
§4 [verify]), so robocampus ships one scheme labelled as an example.

Units: durations in minutes, points as floats, percentages 0-100.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from robocampus.curriculum.bilingual import Bilingual

# -- scheme, levels, subjects, blueprint -------------------------------------------


class Scheme(Bilingual, models.Model):
    """A certification scheme (e.g. the center's MFEC preparation)."""

    code = models.SlugField(_("code"), unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_example = models.BooleanField(
        _("example scheme"),
        default=False,
        help_text=_("Shown with a banner: not an official scheme."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certification scheme")
        verbose_name_plural = _("certification schemes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class Subject(Bilingual, models.Model):
    """A subject of a scheme (robot operation, programming, PLC, safety...)."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="subjects"
    )
    code = models.SlugField(_("code"))
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["scheme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"], name="cert_subject_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Level(Bilingual, models.Model):
    """A level of a scheme with its exam duration, pass rules and validity.

    Pass rules: the total percentage >= ``pass_total_percent`` and every
    subject's written percentage >= ``pass_subject_percent`` and the practical
    percentage >= ``pass_practical_percent`` (a rule whose part is absent from
    the blueprint does not apply)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="levels")
    code = models.SlugField(_("code"))
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    duration_minutes = models.PositiveIntegerField(_("exam duration (min)"), default=60)
    pass_total_percent = models.FloatField(_("total pass mark (%)"), default=60)
    pass_subject_percent = models.FloatField(
        _("every subject at least (%)"), default=40
    )
    pass_practical_percent = models.FloatField(_("practical at least (%)"), default=60)
    validity_months = models.PositiveIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the certificate does not expire."),
    )

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["scheme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"], name="cert_level_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme.title} · {self.title}"


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class BlueprintRule(models.Model):
    """Draw ``count`` items of ``subject`` (and, when set, of a competency
    code, a difficulty and a kind group) for every form of a level."""

    class KindGroup(models.TextChoices):
        WRITTEN = "written", _("Written (auto-scored)")
        PRACTICAL = "practical", _("Practical in the simulator")
        PHYSICAL = "physical", _("Practical on a real robot (rubric)")

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="rules")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    competency = models.CharField(
        _("competency code"), max_length=40, blank=True, help_text=_("Empty: any.")
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, blank=True
    )
    kind_group = models.CharField(
        _("kind"), max_length=10, choices=KindGroup.choices, default=KindGroup.WRITTEN
    )
    count = models.PositiveSmallIntegerField(_("items"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("blueprint rule")
        verbose_name_plural = _("blueprint rules")
        ordering = ["level", "order", "pk"]


# -- item bank ---------------------------------------------------------------------


class ItemKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMERIC = "numeric", _("Numeric with tolerance")
    ORDERING = "ordering", _("Ordering")
    SHORT = "short", _("Short answer")
    CODE_READING = "code_reading", _("MELFA code reading")
    PRACTICAL = "practical", _("Lab practical (simulator)")
    PHYSICAL = "physical", _("Practical on a real robot (rubric)")


KIND_GROUPS = {
    ItemKind.SINGLE: BlueprintRule.KindGroup.WRITTEN,
    ItemKind.MULTIPLE: BlueprintRule.KindGroup.WRITTEN,
    ItemKind.NUMERIC: BlueprintRule.KindGroup.WRITTEN,
    ItemKind.ORDERING: BlueprintRule.KindGroup.WRITTEN,
    ItemKind.SHORT: BlueprintRule.KindGroup.WRITTEN,
    ItemKind.CODE_READING: BlueprintRule.KindGroup.WRITTEN,
    ItemKind.PRACTICAL: BlueprintRule.KindGroup.PRACTICAL,
    ItemKind.PHYSICAL: BlueprintRule.KindGroup.PHYSICAL,
}
"""Which blueprint kind group draws items of each kind."""


class Item(models.Model):
    """A question of the bank. Its content lives in immutable versions; a form
    points at a version, so editing an item never changes an issued form."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, default="medium"
    )
    competencies = models.JSONField(
        _("competency codes"), default=list, blank=True
    )  # list[str], e.g. ["1903080101_19v1"]
    retired = models.BooleanField(_("retired"), default=False)
    current = models.ForeignKey(
        "ItemVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["scheme", "subject", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"], name="cert_item_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def kind_group(self) -> str:
        return KIND_GROUPS[self.kind]


class ItemVersion(models.Model):
    """One immutable version of an item's content (JSON; the shape per kind is
    validated by ``robocampus.certification.itemtypes``)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    points = models.FloatField(_("points"), default=1)
    note = models.CharField(_("change note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"], name="cert_item_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"


# -- exam sessions -----------------------------------------------------------------


class ExamSession(models.Model):
    """A sitting of a level: a time window in which candidates start, a
    duration, a seat list and proctors. Results are released by an officer."""

    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    room = models.CharField(_("room"), max_length=100, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    duration_minutes = models.PositiveIntegerField(_("duration (min)"))
    proctors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proctors"),
        blank=True,
        related_name="proctored_sessions",
    )
    results_released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exam session")
        verbose_name_plural = _("exam sessions")
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title


class Seat(models.Model):
    """A candidate's place in a session, with accommodations (extra time) and
    the seed their form is drawn with (reproducible)."""

    session = models.ForeignKey(
        ExamSession, on_delete=models.CASCADE, related_name="seats"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exam_seats"
    )
    label = models.CharField(_("seat"), max_length=20, blank=True)
    extra_minutes = models.PositiveIntegerField(_("extra time (min)"), default=0)
    accommodation_note = models.CharField(
        _("accommodation"), max_length=200, blank=True
    )
    seed = models.BigIntegerField(_("form seed"))

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["session", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "candidate"], name="cert_seat_unique"
            )
        ]


class Attempt(models.Model):
    """A candidate's attempt: the drawn form, the server-side deadline and,
    once scored, the result.

    ``form`` is a list of slots ``{"slot": i, "version": ItemVersion pk,
    "options": [option ids in the order shown]}``."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        VOIDED = "voided", _("Voided")

    class SubmittedBy(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        TIMER = "timer", _("Time ran out")
        PROCTOR = "proctor", _("Proctor")

    class Grading(models.TextChoices):
        PENDING = "pending", _("Not graded")
        WAITING = "waiting", _("Waiting for practical or manual marks")
        GRADED = "graded", _("Graded")

    seat = models.OneToOneField(Seat, on_delete=models.CASCADE, related_name="attempt")
    form = models.JSONField(_("form"))
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"))
    last_seen_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.CharField(
        max_length=20, choices=SubmittedBy.choices, blank=True
    )
    void_reason = models.TextField(blank=True)
    grading = models.CharField(
        max_length=20, choices=Grading.choices, default=Grading.PENDING
    )
    score_points = models.FloatField(null=True, blank=True)
    max_points = models.FloatField(null=True, blank=True)
    total_percent = models.FloatField(null=True, blank=True)
    practical_percent = models.FloatField(null=True, blank=True)
    subject_percents = models.JSONField(default=dict, blank=True)  # code -> %
    passed = models.BooleanField(null=True, blank=True)
    graded_at = models.DateTimeField(
        null=True, blank=True
    )  # when the result (totals, passed) was last computed

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        indexes = [models.Index(fields=["status", "deadline"])]


class Answer(models.Model):
    """The latest saved response to one slot of an attempt. ``version`` is the
    client's counter for that slot: a save with a version not above the stored
    one changes nothing (idempotent); every accepted save is also kept in
    ``AnswerRevision``."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers"
    )
    slot = models.PositiveSmallIntegerField()
    response = models.JSONField()
    version = models.PositiveIntegerField()
    saved_at = models.DateTimeField()
    score = models.FloatField(null=True, blank=True)  # points earned
    max_score = models.FloatField(null=True, blank=True)
    feedback = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "slot"], name="cert_answer_unique"
            )
        ]


class AnswerRevision(models.Model):
    """Every accepted save, append-only."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="revisions"
    )
    slot = models.PositiveSmallIntegerField()
    version = models.PositiveIntegerField()
    response = models.JSONField()
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "slot", "version"], name="cert_revision_unique"
            )
        ]


class ProctorEvent(models.Model):
    """What a proctor did to an attempt (extend time, void, submit), with the
    reason: the log the issue asks for."""

    class Kind(models.TextChoices):
        EXTEND = "extend", _("Extended time")
        VOID = "void", _("Voided")
        SUBMIT = "submit", _("Submitted for the candidate")
        RESTORE = "restore", _("Restored")

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    minutes = models.IntegerField(default=0)
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


# -- grading -----------------------------------------------------------------------


class PracticalGrading(models.Model):
    """A practical answer graded by the simulator's grader in a Celery task."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Graded")
        FAILED = "failed", _("Could not be graded")

    answer = models.OneToOneField(
        Answer, on_delete=models.CASCADE, related_name="practical"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    result = models.JSONField(null=True, blank=True)  # the grader's report
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    graded_at = models.DateTimeField(null=True, blank=True)


class RubricMark(models.Model):
    """Manual marks of a physical practical, criterion by criterion."""

    answer = models.OneToOneField(
        Answer, on_delete=models.CASCADE, related_name="rubric"
    )
    marks = models.JSONField()  # criterion id -> points
    comment = models.TextField(blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)


class ItemAnalysis(models.Model):
    """Cached item analysis of a session (computed in a background task)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    session = models.OneToOneField(
        ExamSession, on_delete=models.CASCADE, related_name="analysis"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts_count = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)


# -- certificates ------------------------------------------------------------------


class IssuerKey(models.Model):
    """An Ed25519 key of the center. The public half is here (old keys keep
    verifying old certificates); the private half is a PEM file in
    ``settings.CERTIFICATE_KEY_DIR`` named ``<key_id>.pem``."""

    key_id = models.CharField(max_length=64, unique=True)
    public_key_multibase = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key_id


class Certificate(models.Model):
    """An issued certificate. ``fields`` is everything printed on the PDF and
    shown on the verification page (snapshot at issue time); ``credential``
    is the signed Open Badges 3.0 credential."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="certificates"
    )
    attempt = models.OneToOneField(
        Attempt,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    fields = models.JSONField()
    issued_at = models.DateTimeField()
    valid_until = models.DateField(null=True, blank=True)
    status_index = models.PositiveIntegerField(unique=True)
    credential = models.JSONField()
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
