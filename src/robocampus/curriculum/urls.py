from django.urls import path

from robocampus.curriculum import views

app_name = "curriculum"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("competencies/import/", views.import_competencies, name="import_competencies"),
    path("<slug:slug>/", views.course, name="course"),
    path("lessons/<slug:slug>/", views.lesson, name="lesson"),
    path(
        "modules/<int:module_id>/upload-exercise/",
        views.upload_exercise,
        name="upload_exercise",
    ),
]
