"""Every URL as every role: what each view declares is what happens.

Each view declares who may see it (``robocampus.accounts.access``). This
test walks every URL pattern of the site (and every API operation) as an
anonymous visitor and as each role, and checks the outcome against the
declaration: admitted roles get a page (or a 404 for an object that is not
theirs), others a redirect to the login page (anonymous) or 403. A URL
without a declaration fails the test, and so does a URL missing from
``SAMPLE_ARGS`` — a new view cannot slip past this test.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from robocampus.accounts.access import ANONYMOUS, declared
from robocampus.api.api import api
from robocampus.curriculum.models import Module

from .careers_samples import CAREERS_POST_ONLY, careers_args
from .certification_samples import CERT_POST_ONLY, certification_args
from .conftest import ROLES, login
from .facility_samples import facility_args


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            if namespace in ("admin", "api"):
                continue
            inner = f"{prefix}{namespace}:" if namespace else prefix
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry.callback


PAGES = dict(_walk(get_resolver()))
POST_ONLY = {
    "notifications_read",
    "curriculum:module_delete",
    "curriculum:lesson_delete",
    "curriculum:lesson_image_delete",
    "curriculum:exercise_delete",
    "facilities:booking_checklist",
    "facilities:booking_start",
    "facilities:booking_cancel",
    "cohorts:apply",
    "cohorts:enrolment_state",
    "cohorts:final_score",
    "cohorts:excuse_decide",
    *CERT_POST_ONLY,
    *CAREERS_POST_ONLY,
}
"""Views that change things answer only POST; the walk sends GET (and so
changes nothing) and expects 405 for admitted roles. Their effects are
tested in ``test_authoring.py``."""


def sample_args(submissions, cohort, image, session, excuse, users):
    module = Module.objects.filter(course=cohort.course).first()
    own = submissions["trainee"].pk
    course = cohort.course.slug
    enrolment = cohort.enrolments.get().pk
    return {
        "home": [],
        "dashboard": [],
        "login": [],
        "logout": [],
        "password_reset": [],
        "password_reset_done": [],
        "password_reset_confirm": ["MQ", "set-password"],
        "password_reset_complete": [],
        "import_users": [],
        "notifications_read": [],
        "set_language": [],
        "curriculum:catalogue": [],
        "curriculum:import_competencies": [],
        "curriculum:course": [cohort.course.slug],
        "curriculum:lesson": ["robot-safety-basics"],
        "curriculum:upload_exercise": [module.pk],
        "curriculum:course_new": [],
        "curriculum:program_new": [],
        "curriculum:course_edit": [course],
        "curriculum:module_new": [course],
        "curriculum:module_edit": [module.pk],
        "curriculum:module_delete": [module.pk],
        "curriculum:lesson_new": [module.pk],
        "curriculum:lesson_edit": ["robot-safety-basics"],
        "curriculum:lesson_delete": ["robot-safety-basics"],
        "curriculum:lesson_image": [image.pk],
        "curriculum:lesson_image_delete": [image.pk],
        "curriculum:exercise_new": [module.pk],
        "curriculum:exercise_edit": ["ex01-first-moves"],
        "curriculum:exercise_delete": ["ex01-first-moves"],
        "cohorts:list": [],
        "cohorts:new": [],
        "cohorts:detail": [cohort.pk],
        "cohorts:settings": [cohort.pk],
        "cohorts:apply": [cohort.pk],
        "cohorts:sessions_add": [cohort.pk],
        "cohorts:attendance": [cohort.pk],
        "cohorts:export": [cohort.pk, "xlsx"],
        "cohorts:mine": [cohort.pk],
        "cohorts:excuses": [cohort.pk],
        "cohorts:completion": [cohort.pk],
        "cohorts:heatmap": [cohort.pk],
        "cohorts:enrolment_state": [enrolment],
        "cohorts:final_score": [enrolment],
        "cohorts:roster": [session.pk],
        "cohorts:qr": [session.pk],
        "cohorts:qr_svg": [session.pk],
        "cohorts:check_in": [session.pk, "A" * 16],
        "cohorts:excuse_new": [session.pk],
        "cohorts:excuse_decide": [excuse.pk],
        "cohorts:excuse_evidence": [excuse.pk],
        "lab:exercise": ["ex01-first-moves"],
        "lab:history": ["ex01-first-moves"],
        "lab:submission": [own],
        "lab:diff": [own, own],
        "lab:cohort_board": [cohort.pk],
        **facility_args(cohort),
        **certification_args(cohort, users),
        **careers_args(cohort, users),
    }


def test_every_view_declares_who_may_see_it():
    undeclared = [name for name, view in PAGES.items() if declared(view) is None]
    assert not undeclared


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_page_as_every_role(
    client, users, submissions, cohort, lesson_image, past_session, excuse, role
):
    args = sample_args(submissions, cohort, lesson_image, past_session, excuse, users)
    assert set(PAGES) == set(args), "add new URLs to sample_args"
    login(client, None if role == ANONYMOUS else users[role])
    wrong = []
    # Logging out last: it ends the session the other requests use.
    for name, view in sorted(PAGES.items(), key=lambda item: item[0] == "logout"):
        url = reverse(name, args=args[name])
        method = client.post if name in ("logout", "set_language") else client.get
        response = method(url)
        admitted = role in declared(view)
        status = response.status_code
        if admitted and name in POST_ONLY:
            # Admitted first, then refused the method: the declaration held.
            ok = status == 405
        elif admitted:
            ok = status in (200, 302) and not _to_login(response)
        elif role == ANONYMOUS:
            ok = status == 302 and _to_login(response)
        else:
            ok = status == 403
        if not ok:
            wrong.append((name, role, status, response.get("Location")))
    assert not wrong


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("login")
    )


def test_admin_is_for_center_admins_only(client, users):
    for role, user in users.items():
        client.force_login(user)
        status = client.get("/admin/").status_code
        assert (status == 200) == (role == "admin"), role
        client.logout()


# -- object-level rules ----------------------------------------------------------


@pytest.mark.django_db
def test_a_trainee_cannot_open_another_trainees_submission(client, users, submissions):
    login(client, users["trainee"])
    other = submissions["trainee_b"].pk
    assert client.get(reverse("lab:submission", args=[other])).status_code == 404
    own = submissions["trainee"].pk
    assert client.get(reverse("lab:diff", args=[own, other])).status_code == 404
    assert client.get(f"/api/lab/submissions/{other}").status_code == 404


@pytest.mark.django_db
def test_an_instructor_sees_only_their_cohorts(client, users, submissions, cohort):
    login(client, users["instructor"])
    assert (
        client.get(
            reverse("lab:submission", args=[submissions["trainee"].pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("lab:submission", args=[submissions["trainee_b"].pk])
        ).status_code
        == 404
    )
    login(client, users["instructor_b"])
    assert client.get(reverse("lab:cohort_board", args=[cohort.pk])).status_code == 404
    assert (
        client.get(
            reverse("lab:submission", args=[submissions["trainee"].pk])
        ).status_code
        == 404
    )


# -- the API ---------------------------------------------------------------------


def _operations():
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield prefix.rstrip("/") + "/" + path.lstrip("/"), method, operation


API_OPERATIONS = list(_operations())


def test_every_api_operation_declares_roles():
    assert API_OPERATIONS
    assert all(getattr(op.view_func, "access", None) for _, _, op in API_OPERATIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_api_operation_as_every_role(client, users, submissions, cohort, role):
    login(client, None if role == ANONYMOUS else users[role])
    values = {"slug": "ex01-first-moves", "pk": submissions["trainee"].pk}
    wrong = []
    for path, method, operation in API_OPERATIONS:
        url = "/api" + path.format(
            **{k: values[k] for k in ("slug", "pk") if "{" + k in path}
        )
        url = url.replace("{slug}", "ex01-first-moves").replace(
            "{pk}", str(values["pk"])
        )
        body = '{"program": "10 Mov PHome\\n", "positions": ""}'
        response = client.generic(
            method, url, data=body, content_type="application/json"
        )
        status = response.status_code
        if role == ANONYMOUS:
            ok = status == 401
        elif role in operation.view_func.access:
            ok = status not in (401, 403)
        else:
            ok = status == 403
        if not ok:
            wrong.append((method, url, role, status))
    assert not wrong
