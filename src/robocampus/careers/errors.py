"""Errors a user can cause in the careers app, each with a stable ``code``
and translated messages that say what is wrong. A service raises one before
it changes anything."""

from __future__ import annotations


class CareersError(Exception):
    """Root of this app's errors; ``messages`` are shown to the user."""

    code = "careers_error"

    def __init__(self, *messages: str, code: str | None = None):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        if code is not None:
            self.code = code


class PostingStateError(CareersError):
    """The posting's state does not allow this (publish a closed posting,
    edit a closed one, publish past the deadline)."""

    code = "posting_state"


class ConsentError(CareersError):
    """A consent that cannot be given or withdrawn as asked (no part chosen,
    no company named, already withdrawn)."""

    code = "consent_invalid"
