from django.urls import path

from robocampus.lab import views

app_name = "lab"
urlpatterns = [
    path("exercises/<slug:slug>/", views.exercise, name="exercise"),
    path("exercises/<slug:slug>/history/", views.history, name="history"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:old>/diff/<int:new>/", views.diff, name="diff"),
    path("cohorts/<int:pk>/", views.cohort_board, name="cohort_board"),
]
