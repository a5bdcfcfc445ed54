from django.contrib import admin

from robocampus.cohorts.models import Cohort, Enrolment


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    autocomplete_fields = ("trainee",)


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "course", "start_date", "end_date", "capacity")
    list_filter = ("course",)
    filter_horizontal = ("instructors",)
    inlines = [EnrolmentInline]
