"""Users and organisations.

Every user has exactly one role; what a role may see is declared on each
view (``robocampus.accounts.access``). An organisation is the center or a
company; company members belong to their company.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from robocampus.curriculum.bilingual import Bilingual


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CENTER = "center", _("Training center")
        COMPANY = "company", _("Company")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    TRAINEE = "trainee", _("Trainee")
    INSTRUCTOR = "instructor", _("Instructor")
    OFFICER = "officer", _("Certification officer")
    COMPANY = "company", _("Company member")
    ADMIN = "admin", _("Center admin")


class User(AbstractUser):
    """A person who logs in. ``name`` is the full name as written (Korean
    names are not split into first and last)."""

    name = models.CharField(_("full name"), max_length=100)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.TRAINEE
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    REQUIRED_FIELDS = ["email", "name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.username

    def save(self, *args, **kwargs):
        # Center admins use the Django admin; no other role does.
        self.is_staff = self.role == Role.ADMIN or self.is_superuser
        super().save(*args, **kwargs)

    def has_perm(self, perm, obj=None) -> bool:
        if self.is_active and self.role == Role.ADMIN:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        if self.is_active and self.role == Role.ADMIN:
            return True
        return super().has_module_perms(app_label)

    @property
    def is_trainee(self) -> bool:
        return self.role == Role.TRAINEE

    @property
    def is_instructor(self) -> bool:
        return self.role == Role.INSTRUCTOR

    @property
    def is_center_admin(self) -> bool:
        return self.role == Role.ADMIN


class Notification(Bilingual, models.Model):
    """A message for one user, shown on their dashboard (and usually also
    sent by email). Kept in both languages so it reads right whichever
    language the user picks later."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications"
    )
    text_ko = models.TextField()
    text_en = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text("text")
