"""The public catalogue, course pages, lessons, and uploading an exercise spec."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from robocampus.accounts.access import STAFF, allow, logged_in, public
from robocampus.accounts.files import stored_file_response
from robocampus.accounts.models import Role
from robocampus.curriculum.competencies import (
    FrameworkError,
    import_framework,
    parse_framework,
)
from robocampus.curriculum.editing import can_edit, require_editable
from robocampus.curriculum.forms import CompetencyImportForm, ExerciseUploadForm
from robocampus.curriculum.markdown import render_markdown
from robocampus.curriculum.models import (
    Course,
    LabExercise,
    Lesson,
    LessonImage,
    Module,
    Program,
)


def _visible_courses(user):
    courses = Course.objects.select_related("program")
    if user.is_authenticated and user.role in STAFF:
        return courses
    return courses.filter(published=True)


@public
def catalogue(request):
    """Every published course, by program."""
    courses = _visible_courses(request.user)
    programs = Program.objects.prefetch_related(
        Prefetch("courses", queryset=courses, to_attr="listed")
    )
    return render(
        request,
        "curriculum/catalogue.html",
        {
            "programs": programs,
            "can_create": request.user.is_authenticated and request.user.role in STAFF,
        },
    )


@public
def course(request, slug: str):
    """A course's outline; what else shows depends on who is looking."""
    course = get_object_or_404(_visible_courses(request.user), slug=slug)
    modules = Module.objects.filter(course=course).prefetch_related(
        "lessons", "exercises"
    )
    user = request.user
    role = user.role if user.is_authenticated else None
    context = {
        "course": course,
        "modules": modules,
        "summary": course.text("summary"),
        "can_open_lab": role in (Role.TRAINEE, *STAFF),
        "can_author": user.is_authenticated and can_edit(user, course),
        "can_create": role in STAFF,
    }
    if user.is_authenticated:
        from robocampus.cohorts.models import Cohort
        from robocampus.lab.progress import best_scores

        if user.is_trainee:
            context["best"] = best_scores(user, course)
        if user.is_instructor:
            context["cohorts"] = Cohort.objects.filter(course=course, instructors=user)
        elif user.is_center_admin:
            context["cohorts"] = Cohort.objects.filter(course=course)
    return render(request, "curriculum/course.html", context)


def _readable(user, lesson: Lesson) -> Lesson:
    """``lesson`` if ``user`` may read it (published course, or staff)."""
    if not lesson.module.course.published and user.role not in STAFF:
        raise Http404
    return lesson


@logged_in
def lesson(request, slug: str):
    lesson = get_object_or_404(
        Lesson.objects.select_related("module__course"), slug=slug
    )
    _readable(request.user, lesson)
    return render(
        request,
        "curriculum/lesson.html",
        {
            "lesson": lesson,
            "body_html": render_markdown(lesson.text("body")),
            "can_edit": can_edit(request.user, lesson.module.course),
        },
    )


@logged_in
def lesson_image(request, image_id):
    """An image of a lesson, for whoever may read the lesson. Sent with its
    checked type and ``nosniff`` so that a browser never reads it as
    anything else."""
    image = get_object_or_404(
        LessonImage.objects.select_related("lesson__module__course"), pk=image_id
    )
    _readable(request.user, image.lesson)
    return stored_file_response(
        image.file, image.content_type, cache="private, max-age=3600"
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def upload_exercise(request, module_id: int):
    """An instructor adds a lab exercise from an uploaded spec (YAML)."""
    module = get_object_or_404(Module.objects.select_related("course"), pk=module_id)
    require_editable(request.user, module.course)
    form = ExerciseUploadForm(
        request.POST or None, request.FILES or None, module=module
    )
    if request.method == "POST" and form.is_valid():
        exercise: LabExercise = form.save()
        messages.success(
            request, _("Exercise %(title)s added.") % {"title": exercise.title}
        )
        return redirect("curriculum:course", slug=module.course.slug)
    return render(
        request,
        "curriculum/upload_exercise.html",
        {"form": form, "module": module},
        status=400 if form.errors else 200,
    )


@allow(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def import_competencies(request):
    """A center admin imports competency units from a YAML or CSV file."""
    form = CompetencyImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
            units = import_framework(parse_framework(upload.name, text))
        except UnicodeDecodeError:
            errors = [_("The file is not UTF-8 text.")]
        except FrameworkError as err:
            errors = err.errors
        else:
            messages.success(
                request, _("%(n)d competency units imported.") % {"n": len(units)}
            )
            return redirect("curriculum:import_competencies")
    return render(
        request,
        "curriculum/import_competencies.html",
        {"form": form, "errors": errors},
        status=400 if errors or form.errors else 200,
    )
