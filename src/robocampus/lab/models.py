"""Drafts (the editor's autosaved content) and graded submissions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from robocampus.curriculum.models import LabExercise


class Draft(models.Model):
    """What a trainee last had in the editor for an exercise."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    exercise = models.ForeignKey(LabExercise, on_delete=models.CASCADE)
    program = models.TextField(blank=True)
    positions = models.TextField(blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise"], name="one_draft_per_exercise"
            )
        ]


class Submission(models.Model):
    """A program handed in for grading; graded by a Celery task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        GRADED = "graded", _("Graded")
        FAILED = "failed", _("Grading failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    exercise = models.ForeignKey(
        LabExercise, on_delete=models.CASCADE, related_name="submissions"
    )
    attempt = models.PositiveIntegerField(_("attempt"))
    program = models.TextField()
    positions = models.TextField(blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    result = models.JSONField(null=True, blank=True)
    """The grader's result without traces (hidden scenarios: pass/fail only)."""
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "attempt"],
                name="one_submission_per_attempt",
            )
        ]
        indexes = [models.Index(fields=["exercise", "user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.exercise.slug} #{self.attempt}"

    def get_absolute_url(self) -> str:
        return reverse("lab:submission", args=[self.pk])

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return 100.0 * self.score / self.max_score
