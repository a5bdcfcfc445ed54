"""Login rate limiting: failed logins counted per username and per client
address in the cache; past the limit, logins are refused for the window
without looking at the password."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(username: str, address: str) -> list[str]:
    return [_key("user", username), _key("addr", address)]


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def is_locked(username: str, address: str) -> bool:
    limit = settings.LOGIN_RATE_LIMIT["failures"]
    return any((cache.get(key) or 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    window = settings.LOGIN_RATE_LIMIT["window_s"]
    for key in _keys(username, address):
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)


def clear(username: str, address: str) -> None:
    cache.delete_many(_keys(username, address))
