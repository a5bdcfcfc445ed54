from django.urls import path

from robocampus.curriculum import authoring, views

app_name = "curriculum"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("competencies/import/", views.import_competencies, name="import_competencies"),
    # authoring (before <slug:slug>/ so that "new" is not read as a course)
    path("new/", authoring.course_new, name="course_new"),
    path("programs/new/", authoring.program_new, name="program_new"),
    path("<slug:slug>/edit/", authoring.course_edit, name="course_edit"),
    path("<slug:slug>/modules/new/", authoring.module_new, name="module_new"),
    path("modules/<int:module_id>/edit/", authoring.module_edit, name="module_edit"),
    path(
        "modules/<int:module_id>/delete/",
        authoring.module_delete,
        name="module_delete",
    ),
    path(
        "modules/<int:module_id>/lessons/new/",
        authoring.lesson_new,
        name="lesson_new",
    ),
    path(
        "modules/<int:module_id>/exercises/new/",
        authoring.exercise_new,
        name="exercise_new",
    ),
    path(
        "modules/<int:module_id>/upload-exercise/",
        views.upload_exercise,
        name="upload_exercise",
    ),
    path("lessons/<slug:slug>/edit/", authoring.lesson_edit, name="lesson_edit"),
    path("lessons/<slug:slug>/delete/", authoring.lesson_delete, name="lesson_delete"),
    path("lessons/<slug:slug>/", views.lesson, name="lesson"),
    path("images/<uuid:image_id>/", views.lesson_image, name="lesson_image"),
    path(
        "images/<uuid:image_id>/delete/",
        authoring.lesson_image_delete,
        name="lesson_image_delete",
    ),
    path(
        "exercises/<slug:slug>/edit/",
        authoring.exercise_edit,
        name="exercise_edit",
    ),
    path(
        "exercises/<slug:slug>/delete/",
        authoring.exercise_delete,
        name="exercise_delete",
    ),
    path("<slug:slug>/", views.course, name="course"),
]
