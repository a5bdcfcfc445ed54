from django.urls import path

from robocampus.cohorts import views

app_name = "cohorts"
urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("new/", views.cohort_new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/settings/", views.cohort_settings, name="settings"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/sessions/add/", views.sessions_add, name="sessions_add"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendance.<str:fmt>", views.attendance_export, name="export"),
    path("<int:pk>/mine/", views.mine, name="mine"),
    path("<int:pk>/excuses/", views.excuse_list, name="excuses"),
    path("<int:pk>/completion/", views.completion, name="completion"),
    path("<int:pk>/progress/", views.heatmap, name="heatmap"),
    path(
        "enrolments/<int:enrolment_id>/state/",
        views.enrolment_state,
        name="enrolment_state",
    ),
    path(
        "enrolments/<int:enrolment_id>/final-score/",
        views.final_score,
        name="final_score",
    ),
    path("sessions/<int:session_id>/roster/", views.session_roster, name="roster"),
    path("sessions/<int:session_id>/qr/", views.session_qr, name="qr"),
    path("sessions/<int:session_id>/qr.svg", views.session_qr_svg, name="qr_svg"),
    path(
        "sessions/<int:session_id>/check-in/<str:token>/",
        views.check_in,
        name="check_in",
    ),
    path("sessions/<int:session_id>/excuse/", views.excuse_new, name="excuse_new"),
    path("excuses/<int:excuse_id>/decide/", views.excuse_decide, name="excuse_decide"),
    path(
        "excuses/<int:excuse_id>/evidence/",
        views.excuse_evidence,
        name="excuse_evidence",
    ),
]
