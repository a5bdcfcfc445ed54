"""Home, login and logout, password reset, bulk user import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts import importing
from robocampus.accounts.access import allow, logged_in, public
from robocampus.accounts.forms import RateLimitedLoginForm, UserImportForm
from robocampus.accounts.models import Role


@public
def home(request):
    """The front page: the catalogue for visitors, a dashboard for users."""
    if not request.user.is_authenticated:
        return redirect("curriculum:catalogue")
    return redirect("dashboard")


login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=RateLimitedLoginForm,
        redirect_authenticated_user=True,
    )
)
logout = public(auth_views.LogoutView.as_view())
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"
    )
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)


@allow(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def import_users(request):
    """Upload a CSV or XLSX of users; import all rows or none."""
    form = UserImportForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_rows(upload.name, upload.read())
        except importing.ImportFileError as err:
            errors = [str(err)]
        else:
            row_errors, cleaned = importing.validate_rows(rows)
            if row_errors:
                errors = [str(e) for e in row_errors]
            else:
                created = importing.create_users(cleaned)
                messages.success(
                    request,
                    _("%(n)d users imported.") % {"n": len(created)},
                )
                return redirect("import_users")
    status = 400 if errors else 200
    return render(
        request,
        "accounts/import_users.html",
        {"form": form, "errors": errors},
        status=status,
    )


@logged_in
def dashboard(request):
    """What a user does next, by role."""
    from robocampus.cohorts.models import Cohort
    from robocampus.lab.models import Submission

    user = request.user
    context: dict = {
        "role": user.get_role_display(),
        "notifications": user.notifications.filter(read_at=None)[:10],
    }
    if user.is_trainee:
        from robocampus.cohorts.services.dashboard import trainee_overview

        context["cohorts"] = Cohort.objects.filter(trainees=user).select_related(
            "course"
        )
        context["overview"] = trainee_overview(user)
        context["recent"] = Submission.objects.filter(user=user).select_related(
            "exercise"
        )[:10]
    elif user.is_instructor:
        context["cohorts"] = Cohort.objects.filter(instructors=user).select_related(
            "course"
        )
    elif user.is_center_admin:
        context["cohorts"] = Cohort.objects.select_related("course")
    return render(request, "accounts/dashboard.html", context)


@logged_in
@require_POST
def notifications_read(request):
    """Mark the user's notifications as read (they stay in the database)."""
    request.user.notifications.filter(read_at=None).update(read_at=timezone.now())
    return redirect("dashboard")
