"""Program -> Course -> Module -> Lesson or LabExercise, and competencies.

Titles and texts are stored in Korean and English (``*_ko``, ``*_en``) and
read in the active language through ``Bilingual.text``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from robocampus.curriculum.bilingual import Bilingual


class CompetencyUnit(Bilingual, models.Model):
    """An NCS-style competency unit (능력단위), e.g. ``LM1903060104_15v2``."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("NCS level"), null=True, blank=True)

    class Meta:
        verbose_name = _("competency unit")
        verbose_name_plural = _("competency units")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CompetencyElement(Bilingual, models.Model):
    """A unit's element (능력단위요소)."""

    unit = models.ForeignKey(
        CompetencyUnit, on_delete=models.CASCADE, related_name="elements"
    )
    code = models.CharField(_("code"), max_length=60)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("competency element")
        verbose_name_plural = _("competency elements")
        ordering = ["unit", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code"], name="element_code_in_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PerformanceCriterion(Bilingual, models.Model):
    """One performance criterion (수행준거) of an element."""

    element = models.ForeignKey(
        CompetencyElement, on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField(default=0)
    text_ko = models.TextField(_("criterion (Korean)"))
    text_en = models.TextField(_("criterion (English)"), blank=True)

    class Meta:
        verbose_name = _("performance criterion")
        verbose_name_plural = _("performance criteria")
        ordering = ["element", "order"]

    def __str__(self) -> str:
        return self.text("text")


class Program(Bilingual, models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ko = models.TextField(_("summary (Korean)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class Course(Bilingual, models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="courses"
    )
    slug = models.SlugField(_("short name"), unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ko = models.TextField(_("summary (Korean)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    published = models.BooleanField(_("published"), default=False)
    competencies = models.ManyToManyField(
        CompetencyUnit, blank=True, related_name="courses"
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="editing_courses",
        verbose_name=_("instructors who may edit"),
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["program", "slug"]

    def __str__(self) -> str:
        return self.title


class Module(Bilingual, models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["course", "order"]

    def __str__(self) -> str:
        return self.title


class Lesson(Bilingual, models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    slug = models.SlugField(_("short name"), unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_ko = models.TextField(_("text (Korean, Markdown)"), blank=True)
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    competencies = models.ManyToManyField(
        CompetencyUnit, blank=True, related_name="lessons"
    )
    revision = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised on every save; an edit made from an older revision "
        "is refused so that two authors cannot overwrite each other.",
    )

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module", "order"]

    def __str__(self) -> str:
        return self.title


class LabExercise(Bilingual, models.Model):
    """A graded exercise in the virtual lab: one from the built-in library
    (``library_id``) or a spec an instructor uploaded (``spec_yaml``)."""

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="exercises"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    slug = models.SlugField(_("short name"), unique=True)
    library_id = models.CharField(_("library exercise"), max_length=80, blank=True)
    spec_yaml = models.TextField(_("uploaded exercise spec (YAML)"), blank=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    positions_editable = models.BooleanField(
        _("trainees may edit the taught positions"), default=False
    )
    required = models.BooleanField(_("required for completion"), default=True)
    competencies = models.ManyToManyField(
        CompetencyUnit, blank=True, related_name="exercises"
    )

    class Meta:
        verbose_name = _("lab exercise")
        verbose_name_plural = _("lab exercises")
        ordering = ["module", "order"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(library_id="") | ~models.Q(spec_yaml=""),
                name="exercise_has_a_spec",
            )
        ]

    def __str__(self) -> str:
        return self.title


def _image_path(image: LessonImage, filename: str) -> str:
    return f"lesson-images/{image.pk}.{image.extension}"


class LessonImage(models.Model):
    """An image shown in a lesson. Served by ``curriculum:lesson_image`` to
    whoever may read the lesson, never straight from ``MEDIA_ROOT``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=_image_path)
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=8)
    width_px = models.PositiveIntegerField()
    height_px = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return f"{self.lesson.slug}/{self.pk}"

    @property
    def markdown(self) -> str:
        """The Markdown an author pastes into the lesson text to show it."""
        return f"![]({reverse('curriculum:lesson_image', args=[self.pk])})"


@receiver(post_delete, sender=LessonImage)
def _delete_image_file(sender, instance: LessonImage, **kwargs) -> None:
    """Remove the stored file with its row (also when a lesson is deleted)."""
    instance.file.delete(save=False)
