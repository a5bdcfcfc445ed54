"""The JSON-LD document loader for credentials (pure Python, no Django).

It serves only the contexts bundled in ``contexts/`` (an exact-URL allowlist)
and never touches the network: a credential naming any other context cannot
be canonicalised, so it cannot be signed or verified. Each bundled file is
checked against the SHA-256 recorded in ``contexts/README.md`` when it is
first loaded; a changed file is refused (fail closed).

Resolved contexts are cached per loader (not in pyld's process-wide cache,
which is keyed by URL alone and could hold a context another loader fetched).
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from pyld.context_resolver import ContextResolver

from robocampus.certification.credentials.errors import ContextError

CONTEXT_DIR = Path(__file__).parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

#: URL -> (file in ``contexts/``, SHA-256 of its bytes as published).
BUNDLED: dict[str, tuple[str, str]] = {
    VC_V2: (
        "credentials-v2.json",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    ),
    OB_V3P0: (
        "ob-v3p0-context-3.0.3.json",
        "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84",
    ),
    DATA_INTEGRITY_V2: (
        "security-data-integrity-v2.json",
        "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4",
    ),
    MULTIKEY_V1: (
        "security-multikey-v1.json",
        "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597",
    ),
}


def read_bundled(url: str) -> dict[str, Any]:
    """The parsed bundled context for ``url``, its hash checked.

    Raises ``ContextError`` for a URL that is not bundled, a missing file or a
    file whose SHA-256 differs from the recorded one."""
    try:
        name, expected = BUNDLED[url]
    except KeyError:
        raise ContextError(_not_bundled(url)) from None
    path = CONTEXT_DIR / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContextError(
            f"bundled JSON-LD context {path} unreadable: {exc}"
        ) from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ContextError(
            f"bundled JSON-LD context {path} has SHA-256 {actual}, expected "
            f"{expected} (see contexts/README.md); refusing to use it"
        )
    return json.loads(data)


def _not_bundled(url: str) -> str:
    return (
        f"JSON-LD context {url!r} is not one of the bundled contexts "
        f"({', '.join(sorted(BUNDLED))}); contexts are never fetched from "
        "the network"
    )


class _LockedLRUCache(LRUCache):
    """An LRU cache safe to share between threads (reads reorder it)."""

    def __init__(self, maxsize: int) -> None:
        super().__init__(maxsize)
        self._lock = threading.RLock()

    def __getitem__(self, key):
        with self._lock:
            return super().__getitem__(key)

    def __setitem__(self, key, value) -> None:
        with self._lock:
            super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        with self._lock:
            super().__delitem__(key)


class DocumentLoader:
    """A pyld document loader over a fixed mapping of URL -> parsed document.

    ``DocumentLoader()`` serves the bundled contexts (hash-checked on first
    use); ``DocumentLoader(extra={url: document})`` adds more, e.g. a test
    vector's own context. Any other URL raises ``ContextError``."""

    def __init__(self, extra: Mapping[str, dict[str, Any]] | None = None) -> None:
        self._extra = {url: copy.deepcopy(doc) for url, doc in (extra or {}).items()}
        self._documents: dict[str, dict[str, Any]] = {}
        self.cache: LRUCache = _LockedLRUCache(maxsize=64)

    def allowed(self) -> list[str]:
        return sorted(set(BUNDLED) | set(self._extra))

    def document(self, url: str) -> dict[str, Any]:
        """The parsed document for ``url`` (cached after the first load)."""
        if url not in self._documents:
            if url in self._extra:
                self._documents[url] = self._extra[url]
            elif url in BUNDLED:
                self._documents[url] = read_bundled(url)
            else:
                raise ContextError(_not_bundled(url))
        return self._documents[url]

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict:
        """pyld's loader interface: a RemoteDocument for ``url``."""
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(self.document(url)),
            # pyld caches a remote context only when it has a tag.
            "tag": "static",
        }

    def resolver(self) -> ContextResolver:
        """A fresh pyld context resolver sharing this loader's cache."""
        return ContextResolver(self.cache, self)


_DEFAULT: DocumentLoader | None = None


def default_loader() -> DocumentLoader:
    """The process-wide loader serving exactly the bundled contexts."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = DocumentLoader()
    return _DEFAULT


def check_bundled() -> None:
    """Load every bundled context once; ``ContextError`` if one fails."""
    for url in BUNDLED:
        read_bundled(url)
