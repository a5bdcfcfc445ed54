"""Program -> Course -> Module -> Lesson or LabExercise, and competencies.

Titles and texts are stored in Korean and English (``*_ko``, ``*_en``) and
read in the active language through ``Bilingual.text``.
"""

from __future__ import annotations

from django.db import models
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
