"""Who may see a view: every view declares it with one of these decorators.

``@allow(Role.TRAINEE, Role.INSTRUCTOR)`` admits logged-in users of those
roles; anyone else logged in gets 403, an anonymous visitor is sent to the
login page. ``@public`` admits everyone. The declaration is kept on the view
as ``view.access`` (a frozenset of role values, plus ``"anonymous"`` for a
public view) so that the permission-matrix test can walk every URL and
compare what happened with what was declared.

Object-level rules (a trainee sees only their own work, an instructor only
their cohorts) live in the views and querysets; the matrix test checks them
too.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from robocampus.accounts.models import Role

ANONYMOUS = "anonymous"
EVERYONE = frozenset({ANONYMOUS, *Role.values})
STAFF = (Role.INSTRUCTOR, Role.ADMIN)


def allow(*roles: str):
    """Admit logged-in users whose role is one of ``roles``."""
    allowed = frozenset(str(role) for role in roles)
    unknown = allowed - set(Role.values)
    if unknown or not allowed:
        raise ValueError(f"unknown roles {sorted(unknown)}; known: {Role.values}")

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access = allowed
        return wrapped

    return decorate


def logged_in(view):
    """Admit every logged-in user, whatever the role."""
    return allow(*Role.values)(view)


def public(view):
    """Admit everyone, logged in or not."""
    view.access = EVERYONE
    return view


def declared(view) -> frozenset | None:
    """Return what ``view`` declared, or None if it declared nothing."""
    return getattr(view, "access", None)
