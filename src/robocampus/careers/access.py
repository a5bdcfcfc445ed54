"""Object rules of the careers pages: who may see or act on what.

A company member sees and manages only their own company's profile and
postings; anyone else's is a 404, as if it did not exist. A trainee sees
published, open postings and their own consents. Candidates are reached
only through ``careers.consent``. The views admit roles first
(``robocampus.accounts.access``); these functions decide on the object.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from robocampus.accounts.models import Organisation, Role
from robocampus.careers.models import Consent, JobPosting
from robocampus.careers.ranking import open_postings


def own_company(user) -> Organisation:
    """The company ``user`` is a member of (404 for anyone else)."""
    if user.role != Role.COMPANY:
        raise Http404
    if user.organisation is None:
        raise Http404
    if user.organisation.kind != Organisation.Kind.COMPANY:
        raise Http404
    return user.organisation


def access_own_posting(user, pk: int) -> JobPosting:
    """A posting of ``user``'s company, in any state."""
    return get_object_or_404(
        JobPosting.objects.select_related("company"), company=own_company(user), pk=pk
    )


def access_open_posting(pk: int) -> JobPosting:
    """A published posting whose deadline has not passed."""
    return get_object_or_404(open_postings().select_related("company"), pk=pk)


def access_own_consent(user, pk: int) -> Consent:
    return get_object_or_404(Consent, trainee=user, pk=pk)
