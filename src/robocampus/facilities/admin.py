from django.contrib import admin

from robocampus.facilities.models import (
    Booking,
    CellInspection,
    PracticalScore,
    PracticalTask,
    RobotCell,
    SafetyTraining,
)


class InspectionInline(admin.TabularInline):
    model = CellInspection
    extra = 0
    fields = ("inspected_on", "inspector", "result", "note")


@admin.register(RobotCell)
class RobotCellAdmin(admin.ModelAdmin):
    list_display = ("name", "robot_model", "serial_number", "location", "active")
    list_filter = ("robot_model", "active")
    search_fields = ("name", "serial_number")
    inlines = [InspectionInline]


@admin.register(CellInspection)
class CellInspectionAdmin(admin.ModelAdmin):
    list_display = ("cell", "inspected_on", "inspector", "result")
    list_filter = ("result", "cell")
    date_hierarchy = "inspected_on"


@admin.register(SafetyTraining)
class SafetyTrainingAdmin(admin.ModelAdmin):
    list_display = ("trainee", "held_on", "hours", "topic", "taught_by")
    search_fields = ("trainee__name", "trainee__username", "topic")
    date_hierarchy = "held_on"
    autocomplete_fields = ("trainee", "taught_by")
    # The evidence file is uploaded in the site, where its type is checked.
    readonly_fields = ("evidence", "evidence_type", "evidence_size_bytes")
    exclude = ("evidence_extension",)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings are made, confirmed, started and cancelled in the
    site, where the safety and inspection rules are applied."""

    list_display = ("cell", "starts_at", "ends_at", "purpose", "booked_by", "cohort")
    list_filter = ("cell", "purpose")
    date_hierarchy = "starts_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PracticalTask)
class PracticalTaskAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_ko", "course", "pass_mark", "required")
    list_filter = ("course", "required")
    search_fields = ("slug", "title_ko", "title_en")
    filter_horizontal = ("competencies",)


@admin.register(PracticalScore)
class PracticalScoreAdmin(admin.ModelAdmin):
    """Scores are given in the site (the rubric form); here they are only read."""

    list_display = ("task", "trainee", "cohort", "total", "max_points", "passed")
    list_filter = ("task", "passed")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
