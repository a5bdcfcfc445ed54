"""Instructors and center admins build courses in the site: courses,
modules, lessons (Markdown with images) and lab exercises.

Every view admits staff roles only (``@allow(*STAFF)``); which course a
staff member may change is decided by ``robocampus.curriculum.editing``
(404 otherwise). A refused form is shown again with everything typed in it.
Nothing a trainee made is deleted here: an exercise (or a module holding
one) that has submissions cannot be removed.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts.access import STAFF, allow
from robocampus.curriculum.editing import editable_courses, require_editable
from robocampus.curriculum.forms import (
    CourseForm,
    ExerciseSettingsForm,
    LessonForm,
    LibraryExerciseForm,
    ModuleForm,
    ProgramForm,
)
from robocampus.curriculum.images import store_image
from robocampus.curriculum.markdown import render_markdown
from robocampus.curriculum.models import (
    Course,
    LabExercise,
    Lesson,
    LessonImage,
    Module,
)

FORM_PAGE = "curriculum/edit_form.html"


def _form_page(request, form, *, heading, back, course=None, **extra):
    return render(
        request,
        FORM_PAGE,
        {"form": form, "heading": heading, "back": back, "course": course, **extra},
        status=400 if form.errors else 200,
    )


def _to_course(course: Course):
    return redirect("curriculum:course", slug=course.slug)


def _holds_trainee_work(exercises) -> bool:
    """Whether any trainee has a draft or a submission for ``exercises``."""
    from robocampus.lab.models import Draft, Submission

    return (
        Submission.objects.filter(exercise__in=exercises).exists()
        or Draft.objects.filter(exercise__in=exercises).exists()
    )


def _module_for_editing(user, module_id: int) -> Module:
    module = get_object_or_404(Module.objects.select_related("course"), pk=module_id)
    require_editable(user, module.course)
    return module


# -- programs and courses -----------------------------------------------------------


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def program_new(request):
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = form.save()
        messages.success(request, _("Program %(title)s created.") % {"title": program})
        return redirect("curriculum:catalogue")
    return _form_page(request, form, heading=_("New program"), back=None)


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def course_new(request):
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            course = form.save()
            if request.user.is_instructor:
                course.editors.add(request.user)
        messages.success(request, _("Course %(title)s created.") % {"title": course})
        return _to_course(course)
    return _form_page(request, form, heading=_("New course"), back=None)


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def course_edit(request, slug: str):
    course = get_object_or_404(editable_courses(request.user), slug=slug)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        course = form.save()
        messages.success(request, _("Course saved."))
        return _to_course(course)
    return _form_page(
        request, form, heading=_("Edit the course"), back=course, course=course
    )


# -- modules ------------------------------------------------------------------------


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def module_new(request, slug: str):
    course = get_object_or_404(editable_courses(request.user), slug=slug)
    form = ModuleForm(
        request.POST or None,
        instance=Module(course=course),
        initial={"order": course.modules.count() + 1},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Module added."))
        return _to_course(course)
    return _form_page(
        request, form, heading=_("New module"), back=course, course=course
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def module_edit(request, module_id: int):
    module = _module_for_editing(request.user, module_id)
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Module saved."))
        return _to_course(module.course)
    return _form_page(
        request,
        form,
        heading=_("Edit the module"),
        back=module.course,
        course=module.course,
        delete_url=("curriculum:module_delete", module.pk),
    )


@allow(*STAFF)
@require_POST
def module_delete(request, module_id: int):
    module = _module_for_editing(request.user, module_id)
    if _holds_trainee_work(LabExercise.objects.filter(module=module)):
        messages.error(
            request,
            _(
                "Module %(title)s holds exercises that trainees have work saved "
                "for; it cannot be deleted."
            )
            % {"title": module.title},
        )
        return redirect("curriculum:module_edit", module_id=module.pk)
    module.delete()
    messages.success(request, _("Module deleted."))
    return _to_course(module.course)


# -- lessons ------------------------------------------------------------------------


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def lesson_new(request, module_id: int):
    module = _module_for_editing(request.user, module_id)
    lesson = Lesson(module=module)
    initial = {"order": module.lessons.count() + 1}
    return _lesson_form(request, lesson, initial, heading=_("New lesson"))


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def lesson_edit(request, slug: str):
    lesson = get_object_or_404(
        Lesson.objects.select_related("module__course"), slug=slug
    )
    require_editable(request.user, lesson.module.course)
    return _lesson_form(request, lesson, {}, heading=_("Edit the lesson"))


def _lesson_form(request, lesson: Lesson, initial: dict, *, heading: str):
    """Show, preview or save a lesson. "Preview" renders the typed text
    without saving it; "Save" stores the text and any image in one step."""
    form = LessonForm(
        request.POST or None, request.FILES or None, instance=lesson, initial=initial
    )
    previews = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            previews = [
                (_("Korean"), render_markdown(form.cleaned_data["body_ko"])),
                (_("English"), render_markdown(form.cleaned_data["body_en"])),
            ]
        else:
            lesson = _save_lesson(request, form)
            if form.cleaned_data.get("image"):
                messages.success(
                    request,
                    _("Image added: put %(snippet)s in the text to show it.")
                    % {"snippet": lesson.images.last().markdown},
                )
                return redirect("curriculum:lesson_edit", slug=lesson.slug)
            messages.success(request, _("Lesson saved."))
            return redirect("curriculum:lesson", slug=lesson.slug)
    course = lesson.module.course
    return render(
        request,
        "curriculum/lesson_form.html",
        {
            "form": form,
            "heading": heading,
            "lesson": lesson,
            "course": course,
            "images": lesson.images.all() if lesson.pk else [],
            "previews": previews,
        },
        status=400 if form.errors else 200,
    )


@transaction.atomic
def _save_lesson(request, form: LessonForm) -> Lesson:
    lesson = form.instance
    if lesson.pk:
        current = Lesson.objects.select_for_update().get(pk=lesson.pk)
        lesson.revision = current.revision + 1
    lesson = form.save()
    upload = form.cleaned_data.get("image")
    if upload:
        store_image(lesson, upload, form.image_info, request.user)
    return lesson


@allow(*STAFF)
@require_POST
def lesson_delete(request, slug: str):
    lesson = get_object_or_404(
        Lesson.objects.select_related("module__course"), slug=slug
    )
    course = require_editable(request.user, lesson.module.course)
    lesson.delete()
    messages.success(request, _("Lesson deleted."))
    return _to_course(course)


@allow(*STAFF)
@require_POST
def lesson_image_delete(request, image_id):
    image = get_object_or_404(
        LessonImage.objects.select_related("lesson__module__course"), pk=image_id
    )
    require_editable(request.user, image.lesson.module.course)
    image.delete()
    messages.success(request, _("Image deleted."))
    return redirect("curriculum:lesson_edit", slug=image.lesson.slug)


# -- exercises ----------------------------------------------------------------------


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def exercise_new(request, module_id: int):
    """Add an exercise from the built-in library (uploading a spec file is
    ``upload_exercise``)."""
    module = _module_for_editing(request.user, module_id)
    form = LibraryExerciseForm(
        request.POST or None,
        instance=LabExercise(module=module),
        initial={"order": 100 + module.exercises.count() + 1},
    )
    if request.method == "POST" and form.is_valid():
        exercise = form.save()
        messages.success(
            request, _("Exercise %(title)s added.") % {"title": exercise.title}
        )
        return _to_course(module.course)
    return _form_page(
        request,
        form,
        heading=_("Add an exercise from the library"),
        back=module.course,
        course=module.course,
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def exercise_edit(request, slug: str):
    exercise = get_object_or_404(
        LabExercise.objects.select_related("module__course"), slug=slug
    )
    course = require_editable(request.user, exercise.module.course)
    form = ExerciseSettingsForm(request.POST or None, instance=exercise)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Exercise saved."))
        return _to_course(course)
    return _form_page(
        request,
        form,
        heading=_("Exercise settings"),
        back=course,
        course=course,
        delete_url=("curriculum:exercise_delete", exercise.slug),
    )


@allow(*STAFF)
@require_POST
def exercise_delete(request, slug: str):
    exercise = get_object_or_404(
        LabExercise.objects.select_related("module__course"), slug=slug
    )
    course = require_editable(request.user, exercise.module.course)
    if _holds_trainee_work(LabExercise.objects.filter(pk=exercise.pk)):
        messages.error(
            request,
            _(
                "Trainees have work saved for %(title)s; it cannot be deleted. "
                "Untick “required for completion” instead."
            )
            % {"title": exercise.title},
        )
        return redirect("curriculum:exercise_edit", slug=exercise.slug)
    exercise.delete()
    messages.success(request, _("Exercise deleted."))
    return _to_course(course)
