from django.contrib import admin

from robocampus.curriculum import models


class ElementInline(admin.TabularInline):
    model = models.CompetencyElement
    extra = 0


@admin.register(models.CompetencyUnit)
class CompetencyUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "title_ko", "title_en", "level")
    search_fields = ("code", "title_ko", "title_en")
    inlines = [ElementInline]


class CriterionInline(admin.TabularInline):
    model = models.PerformanceCriterion
    extra = 0


@admin.register(models.CompetencyElement)
class CompetencyElementAdmin(admin.ModelAdmin):
    list_display = ("code", "unit", "title_ko")
    inlines = [CriterionInline]


class ModuleInline(admin.TabularInline):
    model = models.Module
    extra = 0


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_ko", "title_en")


@admin.register(models.Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_ko", "program", "published", "hours")
    list_filter = ("program", "published")
    inlines = [ModuleInline]
    filter_horizontal = ("competencies",)


class LessonInline(admin.StackedInline):
    model = models.Lesson
    extra = 0


class ExerciseInline(admin.TabularInline):
    model = models.LabExercise
    extra = 0
    fields = (
        "order",
        "slug",
        "library_id",
        "title_ko",
        "title_en",
        "positions_editable",
        "required",
    )


@admin.register(models.Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ("title_ko", "course", "order")
    inlines = [LessonInline, ExerciseInline]
