from django.urls import path

from robocampus.facilities import views

app_name = "facilities"
urlpatterns = [
    path("", views.cells, name="cells"),
    path("cells/new/", views.cell_new, name="cell_new"),
    path("cells/<int:pk>/", views.cell, name="cell"),
    path("cells/<int:pk>/edit/", views.cell_edit, name="cell_edit"),
    path(
        "cells/<int:pk>/inspections/new/",
        views.inspection_new,
        name="inspection_new",
    ),
    path("cells/<int:pk>/book/", views.book, name="book"),
    path("bookings/<int:pk>/", views.booking, name="booking"),
    path(
        "bookings/<int:pk>/checklist/",
        views.booking_checklist,
        name="booking_checklist",
    ),
    path("bookings/<int:pk>/start/", views.booking_start, name="booking_start"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("me/", views.mine, name="mine"),
    path("safety/<int:pk>/evidence/", views.safety_evidence, name="safety_evidence"),
    path("cohorts/<int:pk>/safety/", views.cohort_safety, name="cohort_safety"),
    path(
        "cohorts/<int:pk>/safety/record/",
        views.safety_record,
        name="safety_record",
    ),
    path(
        "cohorts/<int:pk>/safety/<int:trainee_pk>/",
        views.trainee_safety,
        name="trainee_safety",
    ),
    path(
        "cohorts/<int:pk>/practicals/",
        views.cohort_practicals,
        name="cohort_practicals",
    ),
    path(
        "cohorts/<int:pk>/practicals/<slug:slug>/<int:trainee_pk>/",
        views.practical_score,
        name="practical_score",
    ),
]
