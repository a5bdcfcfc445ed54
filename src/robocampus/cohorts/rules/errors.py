"""Errors of the cohort rule layer, each with a stable ``code``."""

from __future__ import annotations


class RulesError(Exception):
    """Root of the errors raised by ``robocampus.cohorts.rules``."""

    code = "rules_error"

    def __init__(self, message: str, *, code: str | None = None, **params: object):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.params = params


class RuleArgumentError(RulesError, ValueError):
    """A rule was called with values it cannot use (naive time, end before start)."""

    code = "invalid_argument"


class TokenError(RulesError):
    """A QR check-in token was refused; ``code`` says why."""

    code = "invalid_token"
