"""Safety education records, robot cells with inspections and bookings, and
practical tasks with their rubric scores.

Two bookings of one cell never overlap: besides the check in
``services.book_cell`` the database refuses it (an exclusion constraint on
PostgreSQL, triggers on SQLite; see migration 0001), so that two requests
at the same moment cannot both win.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from robocampus.cohorts.models import Cohort
from robocampus.cohorts.rules import inspection
from robocampus.curriculum.bilingual import Bilingual
from robocampus.curriculum.models import CompetencyUnit, Course
from robocampus.facilities import rubric
from robocampus.facilities.policies import inspection_policy
from robocampus.sim.robot import model_names

OVERLAP_CONSTRAINT = "facilities_booking_no_overlap"
"""The name of the database rule against overlapping bookings; it appears in
the database's error message on both PostgreSQL and SQLite."""


def robot_model_choices() -> list[tuple[str, str]]:
    """The simulator's robot models ("RV-2FR", ...), read when asked."""
    return [(name, name) for name in model_names()]


# -- safety education ---------------------------------------------------------------


def _evidence_path(record: SafetyTraining, filename: str) -> str:
    return f"safety-evidence/{uuid.uuid4().hex}.{record.evidence_extension}"


class SafetyTraining(models.Model):
    """Hours of special safety education for robot work given to a trainee
    on one day (산업안전보건법 시행규칙 별표 4/5, reference §3.2)."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="safety_trainings",
        verbose_name=_("trainee"),
    )
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.25")),
            MaxValueValidator(Decimal("12")),
        ],
    )
    topic = models.CharField(_("topic"), max_length=200)
    taught_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="safety_trainings_taught",
        verbose_name=_("taught by"),
    )
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, blank=True)
    evidence_type = models.CharField(max_length=40, blank=True)
    evidence_extension = models.CharField(max_length=8, blank=True)
    evidence_size_bytes = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("safety education")
        verbose_name_plural = _("safety education")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="safety_hours_in_a_day",
            )
        ]
        indexes = [models.Index(fields=["trainee", "held_on"])]

    def __str__(self) -> str:
        return f"{self.trainee} {self.held_on} {self.hours} h"


@receiver(post_delete, sender=SafetyTraining)
def _delete_evidence_file(sender, instance: SafetyTraining, **kwargs) -> None:
    """Remove the stored file with the last record that refers to it (one
    upload for a whole class is shared by its trainees' records)."""
    name = instance.evidence.name
    if name and not SafetyTraining.objects.filter(evidence=name).exists():
        instance.evidence.delete(save=False)


# -- robot cells and inspections ----------------------------------------------------


class RobotCell(models.Model):
    """A real robot cell of the center, as an equipment record."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    robot_model = models.CharField(
        _("robot model"), max_length=40, choices=robot_model_choices
    )
    serial_number = models.CharField(_("serial number"), max_length=60, unique=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    installed_on = models.DateField(_("installed on"))
    active = models.BooleanField(
        _("in service"),
        default=True,
        help_text=_("A cell out of service cannot be booked."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("robot cell")
        verbose_name_plural = _("robot cells")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.robot_model})"

    def passed_inspection_dates(self) -> list:
        """Dates of the passed inspections (uses a prefetch when there is one)."""
        return [
            i.inspected_on
            for i in self.inspections.all()
            if i.result == CellInspection.Result.PASSED
        ]

    def inspection_due(self):
        """The last day on which the next safety inspection is in time."""
        return inspection.next_due(
            self.installed_on, self.passed_inspection_dates(), inspection_policy()
        )

    def inspection_overdue(self, today) -> bool:
        return today > self.inspection_due()


class CellInspection(models.Model):
    """A safety inspection (안전검사) of a cell. Only a passed inspection
    starts the next interval; a failed one is kept as a record."""

    class Result(models.TextChoices):
        PASSED = "passed", _("passed")
        FAILED = "failed", _("failed")

    cell = models.ForeignKey(
        RobotCell,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("robot cell"),
    )
    inspected_on = models.DateField(_("inspected on"))
    inspector = models.CharField(_("inspector or inspection body"), max_length=200)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cell inspection")
        verbose_name_plural = _("cell inspections")
        ordering = ["cell", "-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.cell.name} {self.inspected_on} {self.get_result_display()}"


# -- bookings -----------------------------------------------------------------------


class Booking(models.Model):
    """A time ``[starts_at, ends_at)`` on a cell: a class of a cohort booked
    by its instructor, or practice. ``participants`` are the trainees who do
    hands-on work in it, fixed when the pre-work checklist is confirmed;
    their first started booking is their first hands-on date."""

    class Purpose(models.TextChoices):
        CLASS = "class", _("class")
        PRACTICE = "practice", _("practice")

    cell = models.ForeignKey(
        RobotCell,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("robot cell"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cell_bookings",
        verbose_name=_("booked by"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cell_bookings",
        verbose_name=_("cohort"),
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checklist = models.JSONField(
        _("confirmed checklist items"),
        default=list,
        blank=True,
        help_text="Ids of the rules.safety.PRE_WORK_CHECKLIST items confirmed.",
    )
    checklist_confirmed_at = models.DateTimeField(null=True, blank=True)
    checklist_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hands_on_bookings",
        verbose_name=_("trainees doing hands-on work"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cell booking")
        verbose_name_plural = _("cell bookings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(purpose="practice") | models.Q(cohort__isnull=False),
                name="class_booking_has_a_cohort",
            ),
            models.CheckConstraint(
                condition=models.Q(started_at__isnull=True)
                | models.Q(checklist_confirmed_at__isnull=False),
                name="booking_starts_after_checklist",
            ),
        ]
        indexes = [models.Index(fields=["cell", "starts_at"])]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at, timezone.get_default_timezone())
        return f"{self.cell.name} {start:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_started(self) -> bool:
        return self.started_at is not None

    @property
    def is_confirmed(self) -> bool:
        return self.checklist_confirmed_at is not None


# -- practicals ---------------------------------------------------------------------


class PracticalTask(Bilingual, models.Model):
    """A practical done on a real robot and scored by an instructor with a
    rubric (see ``rubric``). A required task counts toward completion like
    a required lab exercise."""

    course = models.ForeignKey(
        Course,
        on_delete=models.CASCADE,
        related_name="practicals",
        verbose_name=_("course"),
    )
    slug = models.SlugField(_("short name"), unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    rubric = models.JSONField(
        _("rubric"),
        help_text=_(
            'A list of criteria: [{"id": "posture", "text_ko": "...", '
            '"text_en": "...", "points": 10}, ...]'
        ),
    )
    pass_mark = models.PositiveIntegerField(_("points to pass"))
    required = models.BooleanField(_("required for completion"), default=True)
    competencies = models.ManyToManyField(
        CompetencyUnit,
        blank=True,
        related_name="practicals",
        verbose_name=_("competency units"),
    )

    class Meta:
        verbose_name = _("practical task")
        verbose_name_plural = _("practical tasks")
        ordering = ["course", "slug"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        try:
            criteria = rubric.parse_rubric(self.rubric)
        except ValidationError as err:
            raise ValidationError({"rubric": err.messages}) from err
        if self.pass_mark is not None and self.pass_mark > rubric.max_points(criteria):
            raise ValidationError(
                {
                    "pass_mark": _(
                        "The pass mark is more than the rubric's %(max)d points."
                    )
                    % {"max": rubric.max_points(criteria)}
                }
            )

    @property
    def criteria(self) -> tuple[rubric.Criterion, ...]:
        return rubric.parse_rubric(self.rubric)

    @property
    def max_points(self) -> int:
        return rubric.max_points(self.criteria)


class PracticalScore(models.Model):
    """One scoring of a trainee on a practical task. A new scoring adds a
    row; the latest (by ``scored_at``, then id) is the one that counts, the
    older ones are the history."""

    task = models.ForeignKey(
        PracticalTask,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("practical task"),
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practical_scores",
        verbose_name=_("trainee"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        related_name="practical_scores",
        verbose_name=_("cohort"),
    )
    points = models.JSONField(_("points per criterion"))
    total = models.PositiveIntegerField(_("points"))
    max_points = models.PositiveIntegerField(_("out of"))
    passed = models.BooleanField(_("passed"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scored by"),
    )
    scored_at = models.DateTimeField(_("scored at"))
    note = models.TextField(_("note"), blank=True)
    booking = models.ForeignKey(
        Booking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practical_scores",
        verbose_name=_("booking"),
    )

    class Meta:
        verbose_name = _("practical score")
        verbose_name_plural = _("practical scores")
        ordering = ["scored_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__lte=models.F("max_points")),
                name="practical_total_within_max",
            )
        ]
        indexes = [models.Index(fields=["cohort", "task", "trainee"])]

    def __str__(self) -> str:
        return f"{self.task.slug} {self.trainee} {self.total}/{self.max_points}"

    @property
    def percent(self) -> float:
        return 100.0 * self.total / self.max_points if self.max_points else 0.0
