"""Rotating QR check-in tokens: valid for one session, one time step, once.

The room's screen shows a QR code whose token changes every ``step_seconds``
(30 by default). A token is an HMAC-SHA256 over the session id and the time
step, keyed with a server secret, so it cannot be made without the secret,
is valid only for its session and expires after a step or two. ``verify``
checks one and returns its step; the caller then stores
(trainee, session, step) once, so a token cannot be used twice by the same
trainee (for instance to check in and out with one scan). The Django layer
enforces that with a unique constraint; ``ReplayGuard`` is the same contract
in memory, for tests.

A token is 16 URL-safe characters: base64url of 12 bytes, the step (4), an
issuer tag over the step (2) and a MAC over session and step (6, so 48 bits
to guess within a minute, behind a logged-in trainee). Times are aware
``datetime`` objects; steps count ``step_seconds`` from the POSIX epoch.

To use::

    token = token_for(secret, session_id, now)                  # the screen
    step = verify(secret, session_id, token, now, (opens, closes))  # a scan
    guard.claim(trainee_id, session_id, step)                   # once only
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Hashable
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from robocampus.cohorts.rules.errors import RuleArgumentError, TokenError

__all__ = [
    "DEFAULT_STEP_SECONDS",
    "ReplayGuard",
    "StepStore",
    "TokenError",
    "TokenErrorCode",
    "accept",
    "step_at",
    "token_for",
    "verify",
]

DEFAULT_STEP_SECONDS = 30
TOKEN_LENGTH = 16
"""Characters in a token."""
MIN_SECRET_BYTES = 16

_STEP_BYTES = 4
_TAG_BYTES = 2
_MAC_BYTES = 6
_TOKEN_RE = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")


class TokenErrorCode(StrEnum):
    """Why a token was refused (``TokenError.code``)."""

    MALFORMED = "malformed"
    """Not a token this server made: wrong length, characters or issuer tag."""
    WRONG_SESSION = "wrong_session"
    """A token from this server whose MAC does not match this session: made
    for another session (or, once in 65,536 forgeries, tampered with)."""
    OUTSIDE_WINDOW = "outside_window"
    """The session's check-in window is not open now."""
    EXPIRED = "expired"
    """The token's step is more than ``skew_steps`` away from now."""
    REPLAYED = "replayed"
    """This trainee already used this step of this session."""


def _check_aware(name: str, value: datetime) -> None:
    if value.utcoffset() is None:
        raise RuleArgumentError(
            f"{name} must be timezone-aware, got {value!r}", code="naive_datetime"
        )


def _check_secret(secret: bytes) -> None:
    if not isinstance(secret, bytes) or len(secret) < MIN_SECRET_BYTES:
        raise RuleArgumentError(
            f"the QR secret must be at least {MIN_SECRET_BYTES} bytes",
            code="weak_secret",
        )


def step_at(now: datetime, step_seconds: int = DEFAULT_STEP_SECONDS) -> int:
    """Return the time step that ``now`` (aware) falls in."""
    _check_aware("now", now)
    if step_seconds < 1:
        raise RuleArgumentError("step_seconds must be >= 1", code="bad_step")
    return int(now.timestamp() // step_seconds)


def _session_bytes(session_id: str | int) -> bytes:
    raw = str(session_id).encode()
    return len(raw).to_bytes(4, "big") + raw


def _tag(secret: bytes, step: int) -> bytes:
    """Return the issuer tag: proof the server made a token for ``step``.

    It does not depend on the session, so a genuine token for another
    session passes it and fails only the MAC: that is ``wrong_session``,
    while random text fails here and is ``malformed``.
    """
    message = b"robocampus.qr.issuer\x00" + step.to_bytes(8, "big")
    return hmac.new(secret, message, hashlib.sha256).digest()[:_TAG_BYTES]


def _mac(secret: bytes, session_id: str | int, step: int) -> bytes:
    message = (
        b"robocampus.qr.step\x00" + _session_bytes(session_id) + step.to_bytes(8, "big")
    )
    return hmac.new(secret, message, hashlib.sha256).digest()[:_MAC_BYTES]


def token_for(
    secret: bytes,
    session_id: str | int,
    now: datetime,
    step_seconds: int = DEFAULT_STEP_SECONDS,
) -> str:
    """Return the token the session's screen shows at ``now``.

    ``secret`` is the server's key (16 bytes or more); ``session_id`` the
    session's primary key.
    """
    _check_secret(secret)
    step = step_at(now, step_seconds)
    raw = (
        step.to_bytes(_STEP_BYTES, "big")
        + _tag(secret, step)
        + _mac(secret, session_id, step)
    )
    return base64.urlsafe_b64encode(raw).decode("ascii")


def verify(
    secret: bytes,
    session_id: str | int,
    token: str,
    now: datetime,
    window: tuple[datetime, datetime],
    skew_steps: int = 1,
    step_seconds: int = DEFAULT_STEP_SECONDS,
) -> int:
    """Return the step of a token scanned at ``now``, or raise ``TokenError``.

    ``window`` is the session's check-in window ``(opens, closes)``, half-open:
    ``opens <= now < closes``. A token is accepted when its step is within
    ``skew_steps`` of the step of ``now``: with the defaults a token is
    accepted for 30 s after the screen moved on to the next one, and a screen
    whose clock runs a step ahead is tolerated; a step further in the past or
    future is ``expired``. The checks run in the
    order malformed, wrong session, outside window, expired. Replay is not
    checked here: store the returned step (see ``accept``).
    """
    _check_secret(secret)
    _check_aware("window start", window[0])
    _check_aware("window end", window[1])
    now_step = step_at(now, step_seconds)
    if skew_steps < 0:
        raise RuleArgumentError("skew_steps must be >= 0", code="bad_skew")
    if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
        raise TokenError("not a check-in token", code=TokenErrorCode.MALFORMED)
    raw = base64.urlsafe_b64decode(token)  # 16 checked characters: 12 bytes
    step = int.from_bytes(raw[:_STEP_BYTES], "big")
    tag = raw[_STEP_BYTES : _STEP_BYTES + _TAG_BYTES]
    mac = raw[_STEP_BYTES + _TAG_BYTES :]
    if not hmac.compare_digest(tag, _tag(secret, step)):
        raise TokenError("not a check-in token", code=TokenErrorCode.MALFORMED)
    if not hmac.compare_digest(mac, _mac(secret, session_id, step)):
        raise TokenError(
            "the code is for another session", code=TokenErrorCode.WRONG_SESSION
        )
    if not window[0].timestamp() <= now.timestamp() < window[1].timestamp():
        raise TokenError(
            "check-in is not open for this session now",
            code=TokenErrorCode.OUTSIDE_WINDOW,
        )
    if abs(step - now_step) > skew_steps:
        raise TokenError(
            "the code has expired; scan the screen again",
            code=TokenErrorCode.EXPIRED,
            age_steps=now_step - step,
        )
    return step


class StepStore(Protocol):
    """Remembers which (trainee, session, step) triples have been used."""

    def claim(self, trainee_id: Hashable, session_id: Hashable, step: int) -> None:
        """Record the triple, or raise ``TokenError`` (``replayed``) if known.

        The Django implementation inserts a row under a unique constraint on
        (trainee, session, step) and turns the integrity error into
        ``TokenError``, so two concurrent scans cannot both succeed.
        """
        ...


class ReplayGuard:
    """An in-memory ``StepStore``, for tests and single-process tools."""

    def __init__(self) -> None:
        self._used: set[tuple[Hashable, Hashable, int]] = set()

    def claim(self, trainee_id: Hashable, session_id: Hashable, step: int) -> None:
        """Record the triple, or raise ``TokenError`` (``replayed``) if known."""
        key = (trainee_id, session_id, step)
        if key in self._used:
            raise TokenError(
                "this code was already used; scan the screen again",
                code=TokenErrorCode.REPLAYED,
            )
        self._used.add(key)


def accept(
    store: StepStore,
    secret: bytes,
    trainee_id: Hashable,
    session_id: str | int,
    token: str,
    now: datetime,
    window: tuple[datetime, datetime],
    skew_steps: int = 1,
    step_seconds: int = DEFAULT_STEP_SECONDS,
) -> int:
    """Verify a scan by ``trainee_id`` and claim its step in ``store``.

    Return the step, or raise ``TokenError`` as ``verify`` and
    ``store.claim`` do.
    """
    step = verify(secret, session_id, token, now, window, skew_steps, step_seconds)
    store.claim(trainee_id, session_id, step)
    return step
