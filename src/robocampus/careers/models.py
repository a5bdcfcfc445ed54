"""Companies and their job postings; trainees' career profiles, their
consents and the log of who saw what.

A company is an ``accounts.Organisation`` of kind company; its profile and
postings hang off it, and its members (users of role ``company``) manage
them. A trainee's evidence (courses, competencies, certificates) is never
stored here: it is read from the training records when needed
(``careers.evidence``). What is stored is what the trainee adds (summary,
CV), what they agreed to (``Consent``, one row per grant, kept after it is
withdrawn) and every time a company was shown their profile
(``ProfileView``). What is deleted and what is kept when a trainee deletes
their career data is in ``docs/careers.md``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from robocampus.accounts.models import Organisation
from robocampus.curriculum.models import CompetencyUnit

OCCUPATION_CODE = RegexValidator(
    r"^K\d{9}$",
    _("A Work24 job dictionary code is K and nine digits, e.g. K000005495."),
    code="occupation_code",
)
NCS_LEVEL = [MinValueValidator(1), MaxValueValidator(8)]


class District(models.TextChoices):
    """Where a company works: Ansan's industrial areas (reference §0)."""

    BANWOL = "banwol", _("Banwol industrial complex")
    SIHWA = "sihwa", _("Sihwa industrial complex")
    ASV = "asv", _("Ansan Science Valley (ASV)")
    ANSAN_OTHER = "ansan", _("Elsewhere in Ansan")
    OTHER = "other", _("Elsewhere")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1-9 employees")
    SMALL = "10-49", _("10-49 employees")
    MEDIUM = "50-299", _("50-299 employees")
    LARGE = "300+", _("300 or more employees")


class CompanyProfile(models.Model):
    """What trainees see about a company."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="company_profile",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        verbose_name=_("company"),
    )
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    district = models.CharField(
        _("district"), max_length=10, choices=District.choices, blank=True
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    size = models.CharField(
        _("size"), max_length=10, choices=SizeBand.choices, blank=True
    )
    robots_used = models.JSONField(
        _("robots used"),
        default=list,
        blank=True,
        help_text=_("Robot models or makers, e.g. RV-7FR, MELFA, UR10e."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("about the company"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time, permanent")
    CONTRACT = "contract", _("Fixed-term contract")
    PART_TIME = "part_time", _("Part-time")
    INTERNSHIP = "internship", _("Internship")
    APPRENTICESHIP = "apprenticeship", _("Work-study / apprenticeship")


class PostingState(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")


class JobPosting(models.Model):
    """A job a company offers. Only published postings are seen by trainees
    and matched; a draft is the company's own."""

    company = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="job_postings",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        verbose_name=_("company"),
    )
    title = models.CharField(_("title"), max_length=200)
    occupation_code = models.CharField(
        _("occupation code (Work24)"),
        max_length=10,
        validators=[OCCUPATION_CODE],
        help_text=_("Work24 job dictionary code, e.g. K000005495."),
    )
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    district = models.CharField(
        _("district"), max_length=10, choices=District.choices, blank=True
    )
    employment_type = models.CharField(
        _("employment type"),
        max_length=16,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    salary_min_krw = models.PositiveBigIntegerField(
        _("salary from (KRW a year)"), null=True, blank=True
    )
    salary_max_krw = models.PositiveBigIntegerField(
        _("salary up to (KRW a year)"), null=True, blank=True
    )
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    interview_slots = models.PositiveSmallIntegerField(
        _("interview slots at a job fair"),
        default=3,
        validators=[MaxValueValidator(50)],
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PostingState.choices,
        default=PostingState.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min_krw__isnull=True)
                | models.Q(salary_max_krw__isnull=True)
                | models.Q(salary_min_krw__lte=models.F("salary_max_krw")),
                name="careers_salary_min_not_above_max",
            )
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.title}"


class PostingCompetency(models.Model):
    """A competency a posting asks for, at a minimum NCS level (1-8)."""

    posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="competency_rows"
    )
    competency = models.ForeignKey(
        CompetencyUnit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competency unit"),
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"), validators=NCS_LEVEL
    )
    required = models.BooleanField(_("required (else preferred)"), default=True)

    class Meta:
        verbose_name = _("required competency")
        verbose_name_plural = _("required competencies")
        ordering = ["-required", "competency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "competency"], name="careers_competency_once"
            ),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=8),
                name="careers_level_1_to_8",
            ),
        ]


class PostingCertificate(models.Model):
    """A certificate (a certification level) a posting asks for."""

    posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="certificate_rows"
    )
    level = models.ForeignKey(
        "certification.Level",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("certificate"),
    )
    required = models.BooleanField(_("required (else preferred)"), default=False)

    class Meta:
        verbose_name = _("required certificate")
        verbose_name_plural = _("required certificates")
        ordering = ["-required", "level_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "level"], name="careers_certificate_once"
            )
        ]


# -- the trainee's side -------------------------------------------------------------


def _cv_path(profile: CareerProfile, filename: str) -> str:
    return f"career-cv/{uuid.uuid4().hex}.{profile.cv_extension}"


class CareerProfile(models.Model):
    """What a trainee adds to their verified evidence."""

    trainee = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="career_profile",
    )
    headline = models.CharField(_("headline"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=3000)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    cv = models.FileField(_("CV"), upload_to=_cv_path, blank=True)
    cv_type = models.CharField(max_length=80, blank=True)
    cv_extension = models.CharField(max_length=8, blank=True)
    cv_name = models.CharField(_("CV file name"), max_length=200, blank=True)
    cv_size_bytes = models.PositiveIntegerField(null=True, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("career profile")
        verbose_name_plural = _("career profiles")

    def __str__(self) -> str:
        return str(self.trainee)


@receiver(post_delete, sender=CareerProfile)
def _delete_cv_file(sender, instance: CareerProfile, **kwargs) -> None:
    """Remove the stored CV with its row (also when the user is deleted)."""
    if instance.cv:
        instance.cv.delete(save=False)


class Purpose(models.TextChoices):
    """Why a trainee's data is shared (PIPA: consent is per purpose)."""

    MATCHING = "matching", _("Share my profile with companies for job matching")
    COMPANY = "company", _("Share my profile with one company")
    OUTCOMES = "outcomes", _("Track my employment outcome after training")


class Part(models.TextChoices):
    """What a consent shares. The name and headline go with any profile."""

    COURSES = "courses", _("Courses completed")
    COMPETENCIES = "competencies", _("Competencies demonstrated")
    CERTIFICATES = "certificates", _("Certificates")
    CV = "cv", _("CV and summary")
    CONTACT = "contact", _("Contact details (email, phone)")


class Consent(models.Model):
    """One grant of consent: a purpose (and for ``company`` the company), the
    parts shared, the statement shown, when it was given and withdrawn.

    A change of scope withdraws the old row and adds a new one, so the
    history of what was shared when is never overwritten."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    company = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        verbose_name=_("company"),
    )
    scope = models.JSONField(_("parts shared"), default=list)
    statement = models.TextField(_("statement agreed to"))
    granted_at = models.DateTimeField(_("granted at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose="company", company__isnull=False)
                | (~models.Q(purpose="company") & models.Q(company__isnull=True)),
                name="careers_company_consent_names_a_company",
            ),
            models.UniqueConstraint(
                fields=["trainee", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True, company__isnull=True),
                name="careers_one_active_consent_per_purpose",
            ),
            models.UniqueConstraint(
                fields=["trainee", "purpose", "company"],
                condition=models.Q(withdrawn_at__isnull=True, company__isnull=False),
                name="careers_one_active_consent_per_company",
            ),
        ]
        indexes = [models.Index(fields=["purpose", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.trainee} {self.purpose} {self.granted_at:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class ProfileView(models.Model):
    """A company user was shown (part of) a trainee's profile. The trainee
    sees these rows; they are kept when the profile is deleted (a record of
    disclosure, see ``docs/careers.md``)."""

    class Context(models.TextChoices):
        LIST = "list", _("ranked candidate list")
        PROFILE = "profile", _("profile page")
        CV = "cv", _("CV download")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_views"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    company = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    posting = models.ForeignKey(
        JobPosting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    context = models.CharField(max_length=10, choices=Context.choices)
    parts = models.JSONField(default=list)
    viewed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("profile view")
        verbose_name_plural = _("profile views")
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["trainee", "-viewed_at"])]
