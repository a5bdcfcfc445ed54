from django.contrib import admin

from robocampus.careers.models import (
    CareerProfile,
    CompanyProfile,
    Consent,
    JobPosting,
    PostingCertificate,
    PostingCompetency,
    ProfileView,
)


class CompetencyInline(admin.TabularInline):
    model = PostingCompetency
    extra = 0


class CertificateInline(admin.TabularInline):
    model = PostingCertificate
    extra = 0


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "occupation_code", "state", "deadline"]
    list_filter = ["state", "district"]
    inlines = [CompetencyInline, CertificateInline]


@admin.register(CompanyProfile)
class CompanyProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "industry", "district", "size"]


@admin.register(CareerProfile)
class CareerProfileAdmin(admin.ModelAdmin):
    list_display = ["trainee", "headline", "updated_at"]
    exclude = ["cv"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read-only: consents are given and withdrawn by the trainee."""

    list_display = ["trainee", "purpose", "company", "granted_at", "withdrawn_at"]
    list_filter = ["purpose"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProfileView)
class ProfileViewAdmin(admin.ModelAdmin):
    """Read-only: the log of company views."""

    list_display = ["trainee", "company", "viewer", "context", "viewed_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
