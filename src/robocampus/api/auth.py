"""API authentication (session with CSRF, or a bearer token) and the role
each endpoint admits (``@roles``), the same rules as the views."""

from __future__ import annotations

from functools import wraps

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from robocampus.accounts.models import Role
from robocampus.api.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


AUTH = [TokenAuth(), django_auth]


def roles(*allowed: str):
    """Admit authenticated users with one of ``allowed`` roles (else 403)."""
    admitted = frozenset(str(r) for r in allowed)

    def decorate(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            if request.auth.role not in admitted:
                raise HttpError(403, "your role may not use this endpoint")
            return func(request, *args, **kwargs)

        wrapped.access = admitted
        return wrapped

    return decorate


TRAINEE_AND_STAFF = (Role.TRAINEE, Role.INSTRUCTOR, Role.ADMIN)
