"""Pages of the careers app: a company's profile, postings and ranked
candidates; a trainee's career profile, consents, recommended postings,
who viewed them, export and delete; the center's job-fair plan.

Each view admits roles (``@allow``), fetches objects through ``access``
(404 for what is not the user's) or ``consent`` (only consenting
trainees), calls one service and renders. Every page a company member sees
a trainee on is logged (``services.log_profile_views``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts.access import allow
from robocampus.accounts.files import stored_file_response
from robocampus.accounts.models import Role
from robocampus.careers import access, export, fair, ranking, services
from robocampus.careers.consent import shared_profile
from robocampus.careers.errors import CareersError
from robocampus.careers.evidence import evidence_for
from robocampus.careers.forms import (
    CareerProfileForm,
    CompanyProfileForm,
    ConsentForm,
    JobFairForm,
    PostingForm,
    PostingStateForm,
    posting_formsets,
)
from robocampus.careers.models import (
    CareerProfile,
    CompanyProfile,
    Consent,
    JobPosting,
    Part,
    ProfileView,
)
from robocampus.careers.services import TRANSITIONS

CENTER = (Role.ADMIN, Role.OFFICER)
"""Who runs the job fair: center admins and officers."""


@allow(Role.TRAINEE, Role.COMPANY, *CENTER)
def home(request):
    """Send each role to where their careers work starts."""
    if request.user.role == Role.TRAINEE:
        return redirect("careers:mine")
    if request.user.role == Role.COMPANY:
        return redirect("careers:company")
    return redirect("careers:jobfair")


# -- the company's side -------------------------------------------------------------


@allow(Role.COMPANY)
def company(request):
    """The company's profile and its postings in every state."""
    organisation = access.own_company(request.user)
    return render(
        request,
        "careers/company.html",
        {
            "company": organisation,
            "profile": CompanyProfile.objects.filter(organisation=organisation).first(),
            "postings": organisation.job_postings.order_by("state", "-created_at"),
        },
    )


@allow(Role.COMPANY)
@require_http_methods(["GET", "POST"])
def company_edit(request):
    organisation = access.own_company(request.user)
    instance = CompanyProfile.objects.filter(organisation=organisation).first()
    form = CompanyProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_company_profile(organisation, **form.cleaned_data)
        messages.success(request, _("Company profile saved."))
        return redirect("careers:company")
    return render(
        request,
        "careers/form.html",
        {"form": form, "heading": _("Company profile"), "back": "careers:company"},
        status=400 if form.errors else 200,
    )


def _posting_form_page(request, form, rows, heading, posting=None):
    competencies, certificates = rows
    invalid = form.errors or competencies.errors or competencies.non_form_errors()
    invalid = invalid or certificates.errors or certificates.non_form_errors()
    return render(
        request,
        "careers/posting_form.html",
        {
            "form": form,
            "competencies": competencies,
            "certificates": certificates,
            "heading": heading,
            "posting": posting,
        },
        status=400 if invalid else 200,
    )


@allow(Role.COMPANY)
@require_http_methods(["GET", "POST"])
def posting_new(request):
    organisation = access.own_company(request.user)
    form = PostingForm(request.POST or None)
    rows = posting_formsets(request.POST or None)
    if request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows):
        posting = services.create_posting(
            organisation,
            request.user,
            form.cleaned_data,
            rows[0].rows(),
            rows[1].rows(),
        )
        messages.success(request, _("Draft saved. Publish it when it is ready."))
        return redirect("careers:posting", pk=posting.pk)
    return _posting_form_page(request, form, rows, _("New job posting"))


@allow(Role.COMPANY)
@require_http_methods(["GET", "POST"])
def posting_edit(request, pk: int):
    posting = access.access_own_posting(request.user, pk)
    form = PostingForm(request.POST or None, instance=posting)
    rows = posting_formsets(request.POST or None, posting)
    if request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows):
        try:
            services.update_posting(
                posting, form.cleaned_data, rows[0].rows(), rows[1].rows()
            )
        except CareersError as err:
            form.add_error(None, err.messages)
        else:
            messages.success(request, _("Posting saved."))
            return redirect("careers:posting", pk=posting.pk)
    return _posting_form_page(request, form, rows, _("Edit the posting"), posting)


@allow(Role.COMPANY)
def posting(request, pk: int):
    """One of the company's postings with its requirements and state."""
    posting = access.access_own_posting(request.user, pk)
    return render(
        request,
        "careers/posting.html",
        {
            "posting": posting,
            "competencies": posting.competency_rows.select_related("competency"),
            "certificates": posting.certificate_rows.select_related("level__scheme"),
            "next_states": sorted(TRANSITIONS[posting.state]),
        },
    )


@allow(Role.COMPANY)
@require_POST
def posting_state(request, pk: int):
    posting = access.access_own_posting(request.user, pk)
    form = PostingStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a state."))
        return redirect("careers:posting", pk=posting.pk)
    try:
        posting = services.change_posting_state(posting, form.cleaned_data["to"])
    except CareersError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(
            request,
            _("The posting is now %(state)s.") % {"state": posting.get_state_display()},
        )
    return redirect("careers:posting", pk=posting.pk)


@allow(Role.COMPANY)
def candidates(request, pk: int):
    """Consenting trainees ranked for the posting, with why; each shown
    trainee is logged."""
    posting = access.access_own_posting(request.user, pk)
    ranked = ranking.rank_candidates(posting)
    services.log_profile_views(
        request.user,
        {c.profile.trainee.pk: c.profile.parts for c in ranked},
        ProfileView.Context.LIST,
        posting=posting,
    )
    return render(
        request, "careers/candidates.html", {"posting": posting, "candidates": ranked}
    )


def _candidate(request, pk: int, trainee_pk: int):
    posting = access.access_own_posting(request.user, pk)
    profile = shared_profile(posting.company, trainee_pk)
    if profile is None:
        raise Http404
    return posting, profile


@allow(Role.COMPANY)
def candidate(request, pk: int, trainee_pk: int):
    """One consenting trainee's shared profile and match for the posting."""
    posting, profile = _candidate(request, pk, trainee_pk)
    services.log_profile_views(
        request.user,
        {profile.trainee.pk: profile.parts},
        ProfileView.Context.PROFILE,
        posting=posting,
    )
    return render(
        request,
        "careers/candidate.html",
        {
            "posting": posting,
            "profile": profile,
            "explained": ranking.explain_candidate(posting, profile),
        },
    )


@allow(Role.COMPANY)
def candidate_cv(request, pk: int, trainee_pk: int):
    """The trainee's CV, if they share it; logged."""
    posting, profile = _candidate(request, pk, trainee_pk)
    career = CareerProfile.objects.filter(trainee=profile.trainee).first()
    if not profile.has_cv or career is None:
        raise Http404
    services.log_profile_views(
        request.user,
        {profile.trainee.pk: [Part.CV]},
        ProfileView.Context.CV,
        posting=posting,
    )
    return stored_file_response(
        career.cv,
        career.cv_type,
        filename=f"cv-{profile.trainee.pk}.{career.cv_extension}",
    )


# -- the trainee's side -------------------------------------------------------------


def _consents(user):
    return Consent.objects.filter(trainee=user).select_related("company")


@allow(Role.TRAINEE)
def mine(request):
    """The trainee's career profile: what they added, the verified evidence,
    what they share and with whom."""
    user = request.user
    return render(
        request,
        "careers/mine.html",
        {
            "profile": CareerProfile.objects.filter(trainee=user).first(),
            "evidence": evidence_for([user.pk])[user.pk],
            "active": _consents(user).filter(withdrawn_at__isnull=True),
            "views": ProfileView.objects.filter(trainee=user).count(),
        },
    )


@allow(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    profile = CareerProfile.objects.filter(trainee=user).first()
    initial = (
        {
            "headline": profile.headline,
            "summary": profile.summary,
            "phone": profile.phone,
        }
        if profile
        else {}
    )
    form = CareerProfileForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_career_profile(
            user,
            headline=data["headline"],
            summary=data["summary"],
            phone=data["phone"],
            cv=data["cv"] or None,
            cv_info=form.cv_info,
            remove_cv=data["remove_cv"],
        )
        messages.success(request, _("Career profile saved."))
        return redirect("careers:mine")
    return render(
        request,
        "careers/form.html",
        {
            "form": form,
            "heading": _("My career profile"),
            "back": "careers:mine",
            "profile": profile,
        },
        status=400 if form.errors else 200,
    )


@allow(Role.TRAINEE)
def cv(request):
    profile = CareerProfile.objects.filter(trainee=request.user).first()
    if profile is None or not profile.cv:
        raise Http404
    return stored_file_response(
        profile.cv, profile.cv_type, filename=f"cv.{profile.cv_extension}"
    )


@allow(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def consents(request):
    """Give a consent; see every consent, active and withdrawn."""
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_consent(
                request.user, data["purpose"], data["parts"], company=data["company"]
            )
        except CareersError as err:
            form.add_error(None, err.messages)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("careers:consents")
    return render(
        request,
        "careers/consents.html",
        {"form": form, "consents": _consents(request.user)},
        status=400 if form.errors else 200,
    )


@allow(Role.TRAINEE)
@require_POST
def consent_withdraw(request, pk: int):
    consent = access.access_own_consent(request.user, pk)
    try:
        services.withdraw_consent(consent)
    except CareersError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("Consent withdrawn."))
    return redirect("careers:consents")


@allow(Role.TRAINEE)
def views_log(request):
    """Every time a company was shown the trainee's profile."""
    return render(
        request,
        "careers/views_log.html",
        {
            "views": ProfileView.objects.filter(trainee=request.user).select_related(
                "company", "viewer", "posting"
            )
        },
    )


@allow(Role.TRAINEE)
def jobs(request):
    """Open postings ranked for the trainee, with why."""
    return render(
        request,
        "careers/jobs.html",
        {"recommendations": ranking.recommend_postings(request.user)},
    )


@allow(Role.TRAINEE)
def job(request, pk: int):
    posting = access.access_open_posting(pk)
    found = ranking.explain_postings(
        list(ranking.with_requirements(JobPosting.objects.filter(pk=posting.pk))),
        evidence_for([request.user.pk])[request.user.pk],
    )
    return render(
        request,
        "careers/job.html",
        {
            "posting": posting,
            "explained": found[0].explained,
            "company_profile": CompanyProfile.objects.filter(
                organisation=posting.company
            ).first(),
        },
    )


@allow(Role.TRAINEE)
def export_data(request, fmt: str):
    """The trainee's career data as JSON or XLSX, for them to keep."""
    data = export.career_data(request.user)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = HttpResponse(
            export.career_json(data), content_type="application/json; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            export.career_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = (
        f'attachment; filename="career-data-{stamp}.{fmt}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@allow(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def delete_data(request):
    """Confirm, then delete the career profile and CV and withdraw every
    consent (the history stays; the page says what and why)."""
    if request.method == "POST":
        if request.POST.get("confirm") != "delete":
            messages.error(request, _("Tick the box to confirm."))
            return redirect("careers:delete")
        services.delete_career_data(request.user)
        messages.success(
            request,
            _("Your career profile and CV are deleted and every consent is withdrawn."),
        )
        return redirect("careers:mine")
    return render(request, "careers/delete.html")


# -- the center: job fair -----------------------------------------------------------


@allow(*CENTER)
def jobfair(request):
    """Suggested interview slots across open postings and consenting
    candidates (the plan is a suggestion; nothing is saved)."""
    form = JobFairForm(request.GET or None)
    plan = None
    if form.is_bound and form.is_valid():
        plan = fair.suggest(**form.cleaned_data)
    elif not form.is_bound:
        form = JobFairForm(initial={f: form.fields[f].initial for f in form.fields})
        plan = fair.suggest(
            **{name: field.initial for name, field in form.fields.items()}
        )
    return render(
        request,
        "careers/jobfair.html",
        {"form": form, "plan": plan},
        status=400 if form.is_bound and form.errors else 200,
    )
