"""URL map. Every view declares who may see it (``robocampus.accounts.access``);
``tests/web/test_permissions.py`` walks every pattern as every role."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from robocampus.accounts import views as accounts
from robocampus.accounts.access import public
from robocampus.api.api import api

admin.site.site_header = "robocampus"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("dashboard/", accounts.dashboard, name="dashboard"),
    path("accounts/login/", accounts.login, name="login"),
    path("accounts/logout/", accounts.logout, name="logout"),
    path("accounts/password-reset/", accounts.password_reset, name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        accounts.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        accounts.password_reset_complete,
        name="password_reset_complete",
    ),
    path("accounts/import/", accounts.import_users, name="import_users"),
    path(
        "accounts/notifications/read/",
        accounts.notifications_read,
        name="notifications_read",
    ),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("courses/", include("robocampus.curriculum.urls")),
    path("lab/", include("robocampus.lab.urls")),
    path("facilities/", include("robocampus.facilities.urls")),
    path("cohorts/", include("robocampus.cohorts.urls")),
    path("certification/", include("robocampus.certification.urls")),
    path("careers/", include("robocampus.careers.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
