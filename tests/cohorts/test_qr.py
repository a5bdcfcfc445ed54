"""Rotating QR check-in tokens: expiry, replay, wrong session, window, skew."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.qr import (
    ReplayGuard,
    TokenError,
    TokenErrorCode,
    accept,
    step_at,
    token_for,
    verify,
)
from tests.cohorts.helpers import SECRET, seoul

SESSION_ID = 41
# The room screen at 09:00:05; check-in open 08:50-09:30.
SHOWN = seoul(2025, 3, 3, 9, 0, 5)
WINDOW = (seoul(2025, 3, 3, 8, 50), seoul(2025, 3, 3, 9, 30))
TOKEN = token_for(SECRET, SESSION_ID, SHOWN)


def refused(code: TokenErrorCode, *args, **kwargs) -> TokenError:
    with pytest.raises(TokenError) as info:
        verify(*args, **kwargs)
    assert info.value.code == code
    return info.value


def test_token_is_short_and_url_safe():
    assert len(TOKEN) == 16
    assert TOKEN.isascii()
    assert all(c.isalnum() or c in "-_" for c in TOKEN)


def test_fresh_token_verifies_and_returns_its_step():
    step = verify(SECRET, SESSION_ID, TOKEN, SHOWN, WINDOW)
    assert step == step_at(SHOWN)


def test_token_rotates_every_step():
    later = SHOWN + timedelta(seconds=30)
    assert token_for(SECRET, SESSION_ID, later) != TOKEN
    assert token_for(SECRET, SESSION_ID, SHOWN + timedelta(seconds=1)) == TOKEN


def test_token_from_the_previous_step_is_accepted_within_skew():
    assert verify(SECRET, SESSION_ID, TOKEN, SHOWN + timedelta(seconds=30), WINDOW)


def test_token_two_steps_old_has_expired():
    error = refused(
        TokenErrorCode.EXPIRED,
        SECRET,
        SESSION_ID,
        TOKEN,
        SHOWN + timedelta(seconds=60),
        WINDOW,
    )
    assert error.params == {"age_steps": 2}


def test_token_from_the_next_step_is_accepted_and_two_ahead_is_not():
    """A screen a little ahead of the server's clock still works."""
    ahead = token_for(SECRET, SESSION_ID, SHOWN + timedelta(seconds=30))
    assert verify(SECRET, SESSION_ID, ahead, SHOWN, WINDOW)
    far = token_for(SECRET, SESSION_ID, SHOWN + timedelta(seconds=60))
    refused(TokenErrorCode.EXPIRED, SECRET, SESSION_ID, far, SHOWN, WINDOW)


def test_zero_skew_accepts_only_the_current_step():
    later = SHOWN + timedelta(seconds=30)
    refused(
        TokenErrorCode.EXPIRED, SECRET, SESSION_ID, TOKEN, later, WINDOW, skew_steps=0
    )


def test_token_for_another_session_is_refused():
    refused(TokenErrorCode.WRONG_SESSION, SECRET, 42, TOKEN, SHOWN, WINDOW)


def test_token_outside_the_check_in_window_is_refused():
    closed = (seoul(2025, 3, 3, 8), seoul(2025, 3, 3, 9))
    refused(TokenErrorCode.OUTSIDE_WINDOW, SECRET, SESSION_ID, TOKEN, SHOWN, closed)


def test_window_is_half_open():
    opens_now = (SHOWN, SHOWN + timedelta(minutes=5))
    assert verify(SECRET, SESSION_ID, TOKEN, SHOWN, opens_now)
    closes_now = (SHOWN - timedelta(minutes=5), SHOWN)
    refused(TokenErrorCode.OUTSIDE_WINDOW, SECRET, SESSION_ID, TOKEN, SHOWN, closes_now)


@pytest.mark.parametrize(
    "token",
    ["", "short", TOKEN + "A", TOKEN[:-1] + "!", "A" * 16, 12345],
)
def test_malformed_tokens_are_refused(token):
    refused(TokenErrorCode.MALFORMED, SECRET, SESSION_ID, token, SHOWN, WINDOW)


def test_token_made_with_another_secret_is_refused():
    other = token_for(b"another-secret-of-32-bytes-long!", SESSION_ID, SHOWN)
    refused(TokenErrorCode.MALFORMED, SECRET, SESSION_ID, other, SHOWN, WINDOW)


def test_tampered_step_is_refused():
    """Changing the step bytes breaks the issuer tag."""
    import base64

    raw = bytearray(base64.urlsafe_b64decode(TOKEN))
    raw[3] ^= 1
    forged = base64.urlsafe_b64encode(bytes(raw)).decode()
    refused(TokenErrorCode.MALFORMED, SECRET, SESSION_ID, forged, SHOWN, WINDOW)


def test_replayed_token_is_refused_for_the_same_trainee():
    guard = ReplayGuard()
    step = accept(guard, SECRET, "trainee_kim", SESSION_ID, TOKEN, SHOWN, WINDOW)
    assert step == step_at(SHOWN)
    with pytest.raises(TokenError, match="already used") as info:
        accept(guard, SECRET, "trainee_kim", SESSION_ID, TOKEN, SHOWN, WINDOW)
    assert info.value.code == TokenErrorCode.REPLAYED


def test_same_token_is_one_use_per_trainee():
    """The replay key is (trainee, session, step)."""
    guard = ReplayGuard()
    accept(guard, SECRET, "trainee_kim", SESSION_ID, TOKEN, SHOWN, WINDOW)
    accept(guard, SECRET, "trainee_yoon", SESSION_ID, TOKEN, SHOWN, WINDOW)
    next_token = token_for(SECRET, SESSION_ID, SHOWN + timedelta(seconds=30))
    later = SHOWN + timedelta(seconds=31)
    accept(guard, SECRET, "trainee_kim", SESSION_ID, next_token, later, WINDOW)


def test_step_length_is_configurable():
    token = token_for(SECRET, SESSION_ID, SHOWN, step_seconds=60)
    later = SHOWN + timedelta(seconds=50)
    assert verify(SECRET, SESSION_ID, token, later, WINDOW, step_seconds=60)


def test_misuse_is_refused():
    with pytest.raises(RuleArgumentError, match="at least 16 bytes"):
        token_for(b"short", SESSION_ID, SHOWN)
    with pytest.raises(RuleArgumentError, match="timezone-aware"):
        token_for(SECRET, SESSION_ID, datetime(2025, 3, 3, 9))
    with pytest.raises(RuleArgumentError, match="step_seconds"):
        step_at(SHOWN, 0)
    with pytest.raises(RuleArgumentError, match="skew_steps"):
        verify(SECRET, SESSION_ID, TOKEN, SHOWN, WINDOW, skew_steps=-1)


@given(
    st.integers(min_value=0, max_value=10**9) | st.text(min_size=1, max_size=20),
    st.integers(min_value=0, max_value=3 * 10**8),
)
def test_any_session_token_verifies_at_its_own_time(session_id, offset_s):
    now = seoul(2020, 1, 1) + timedelta(seconds=offset_s)
    token = token_for(SECRET, session_id, now)
    window = (now - timedelta(hours=1), now + timedelta(hours=1))
    assert len(token) == 16
    assert verify(SECRET, session_id, token, now, window) == step_at(now)
