"""Errors of the credentials package (pure Python, no Django)."""

from __future__ import annotations


class CredentialError(Exception):
    """Base class: a credential, key or status list that cannot be used."""


class ContextError(CredentialError):
    """A JSON-LD context that is not bundled, or a bundled file that changed."""


class MultibaseError(CredentialError):
    """A multibase string that cannot be decoded."""


class KeyFormatError(CredentialError):
    """A key (PEM, Multikey, key document) that is not a usable Ed25519 key."""


class StatusListError(CredentialError):
    """A status list that cannot be encoded or decoded, or a bad index."""


class CanonicalizationError(CredentialError):
    """A document that JSON-LD cannot turn into RDF without losing data."""


class CredentialInputError(CredentialError):
    """Bad plain input to a credential builder; the message names the field."""


class ProofError(CredentialError):
    """A proof that is malformed or whose signature does not verify."""
