"""The certification models in Django's admin, for a center admin's
inspection and repairs. Item versions, answers, attempts, grading and
certificates are read-only here: they are evidence (a form points at a
version; a certificate is signed), changed only through the app's own
pages and services."""

from django.contrib import admin

from robocampus.certification.models import (
    Answer,
    AnswerRevision,
    Attempt,
    BlueprintRule,
    Certificate,
    ExamSession,
    IssuerKey,
    Item,
    ItemAnalysis,
    ItemVersion,
    Level,
    PracticalGrading,
    ProctorEvent,
    RubricMark,
    Scheme,
    Seat,
    Subject,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SubjectInline(admin.TabularInline):
    model = Subject
    extra = 0


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    fields = (
        "code",
        "title_ko",
        "title_en",
        "order",
        "duration_minutes",
        "pass_total_percent",
        "pass_subject_percent",
        "pass_practical_percent",
        "validity_months",
    )


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ("code", "title_ko", "title_en", "is_example", "updated_at")
    list_filter = ("is_example",)
    search_fields = ("code", "title_ko", "title_en")
    inlines = [SubjectInline, LevelInline]


class RuleInline(admin.TabularInline):
    model = BlueprintRule
    extra = 0


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ("code", "scheme", "title_ko", "duration_minutes", "validity_months")
    list_filter = ("scheme",)
    inlines = [RuleInline]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("code", "scheme", "title_ko", "title_en", "order")
    list_filter = ("scheme",)


class VersionInline(admin.TabularInline):
    model = ItemVersion
    extra = 0
    fields = ("number", "points", "note", "created_by", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("code", "scheme", "subject", "kind", "difficulty", "retired")
    list_filter = ("scheme", "subject", "kind", "difficulty", "retired")
    search_fields = ("code",)
    fields = ("scheme", "subject", "code", "kind", "difficulty", "competencies")
    readonly_fields = ("kind",)
    inlines = [VersionInline]

    def has_add_permission(self, request, obj=None):
        return False  # items are made on the bank pages, content checked


@admin.register(ItemVersion)
class ItemVersionAdmin(ReadOnlyAdmin):
    list_display = ("item", "number", "points", "created_by", "created_at")
    search_fields = ("item__code",)


@admin.register(ExamSession)
class ExamSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "opens_at", "closes_at", "results_released_at")
    list_filter = ("level",)
    filter_horizontal = ("proctors",)


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ("session", "candidate", "label", "extra_minutes")
    list_filter = ("session",)


for model in (
    Attempt,
    Answer,
    AnswerRevision,
    ProctorEvent,
    PracticalGrading,
    RubricMark,
    ItemAnalysis,
    IssuerKey,
    Certificate,
):
    admin.site.register(model, ReadOnlyAdmin)
