"""Errors a user can cause in this app, each with a stable ``code`` and
translated messages that say what is wrong. A service raises one before it
changes anything, or inside a transaction that is then rolled back."""

from __future__ import annotations


class FacilitiesError(Exception):
    """Root of this app's errors; ``messages`` are shown to the user."""

    code = "facilities_error"

    def __init__(self, *messages: str, code: str | None = None, **params: object):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        if code is not None:
            self.code = code
        self.params = params


class BookingRefusedError(FacilitiesError):
    """A booking (or its start) is not allowed; ``blocks`` are the
    ``rules.booking.BookingBlock`` reasons, in order."""

    code = "booking_refused"

    def __init__(self, *messages: str, blocks=(), **params: object):
        super().__init__(*messages, **params)
        self.blocks = list(blocks)


class ChecklistIncompleteError(FacilitiesError):
    """Not every pre-work checklist item was ticked; ``missing`` are their ids."""

    code = "checklist_incomplete"

    def __init__(self, *messages: str, missing=(), **params: object):
        super().__init__(*messages, **params)
        self.missing = tuple(missing)


class BookingStateError(FacilitiesError):
    """The booking is not in a state that allows this (cancelled, started,
    not confirmed, outside its time)."""

    code = "booking_state"


class ScoreError(FacilitiesError):
    """Points that do not fit the rubric; ``errors`` maps criterion id to
    what is wrong with it."""

    code = "score_invalid"

    def __init__(self, *messages: str, errors=None, **params: object):
        super().__init__(*messages, **params)
        self.errors = dict(errors or {})
