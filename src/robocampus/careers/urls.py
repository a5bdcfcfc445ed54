from django.urls import path

from robocampus.careers import views

app_name = "careers"
urlpatterns = [
    path("", views.home, name="home"),
    path("company/", views.company, name="company"),
    path("company/edit/", views.company_edit, name="company_edit"),
    path("postings/new/", views.posting_new, name="posting_new"),
    path("postings/<int:pk>/", views.posting, name="posting"),
    path("postings/<int:pk>/edit/", views.posting_edit, name="posting_edit"),
    path("postings/<int:pk>/state/", views.posting_state, name="posting_state"),
    path("postings/<int:pk>/candidates/", views.candidates, name="candidates"),
    path(
        "postings/<int:pk>/candidates/<int:trainee_pk>/",
        views.candidate,
        name="candidate",
    ),
    path(
        "postings/<int:pk>/candidates/<int:trainee_pk>/cv/",
        views.candidate_cv,
        name="candidate_cv",
    ),
    path("me/", views.mine, name="mine"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/cv/", views.cv, name="cv"),
    path("me/consents/", views.consents, name="consents"),
    path(
        "me/consents/<int:pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("me/views/", views.views_log, name="views_log"),
    path("me/export/<str:fmt>/", views.export_data, name="export"),
    path("me/delete/", views.delete_data, name="delete"),
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobfair/", views.jobfair, name="jobfair"),
]
