"""RDF Dataset Canonicalization (RDFC-1.0, formerly URDNA2015) of a JSON-LD
document, in "safe mode" (pure Python, no Django).

JSON-LD silently drops what it cannot map to RDF: a property no context
defines, a relative IRI, a ``null``. A dropped value is not covered by a
signature, so a signer would sign less than it shows and a verifier would
accept a document carrying unsigned additions. Like jsonld.js's ``safe``
option, this module refuses such documents instead: every JSON value must
reach the canonical N-Quads, or ``CanonicalizationError`` names it.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pyld import jsonld

from robocampus.certification.credentials.contexts import (
    DocumentLoader,
    default_loader,
)
from robocampus.certification.credentials.errors import (
    CanonicalizationError,
    ContextError,
)

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def canonicalize(
    document: dict[str, Any], *, document_loader: DocumentLoader | None = None
) -> str:
    """The RDFC-1.0 canonical N-Quads of ``document`` (a JSON-LD object).

    Raises ``CanonicalizationError`` (clear English message) when the document
    is not JSON-LD that maps to RDF without loss, and ``ContextError`` when it
    names a context the loader does not serve."""
    loader = document_loader or default_loader()
    _check_json(document, "$")
    dropped: list[str | None] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=dropped.append)
    options = {
        "documentLoader": loader,
        "contextResolver": loader.resolver(),
        "base": None,
    }
    try:
        expanded = processor.expand(document, options)
        if dropped:
            names = ", ".join(sorted({repr(d) for d in dropped}))
            raise CanonicalizationError(
                f"property {names} is not defined by the document's JSON-LD "
                "contexts, so a signature would not cover it"
            )
        _check_iris(expanded)
        return processor.normalize(
            expanded,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader,
                "contextResolver": loader.resolver(),
                "base": None,
            },
        )
    except jsonld.JsonLdError as exc:
        context_error = _find(exc, ContextError)
        if context_error is not None:
            raise context_error from None
        raise CanonicalizationError(f"JSON-LD error: {describe(exc)}") from None
    except RecursionError:
        raise CanonicalizationError(
            "JSON-LD error: the document nests too deeply"
        ) from None


def describe(exc: BaseException) -> str:
    """A one-line English description of a pyld error and its causes."""
    parts = []
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 6:
        if isinstance(current, jsonld.JsonLdError):
            text = str(current.args[0]) if current.args else current.type
            if current.code:
                text += f" ({current.code})"
            if isinstance(current.details, dict) and "url" in current.details:
                text += f" [{current.details['url']}]"
        else:
            text = str(current)
        if text and text not in parts:
            parts.append(text)
        current = current.__cause__ or current.__context__
        seen += 1
    return "; ".join(parts)


def _find(exc: BaseException, kind: type) -> BaseException | None:
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            return None
        if isinstance(current, kind):
            return current
        current = current.__cause__ or current.__context__
    return None


def _check_json(value: Any, path: str) -> None:
    """Only JSON values, no ``null`` and no non-finite numbers."""
    if value is None:
        raise CanonicalizationError(
            f"{path} is null: JSON-LD drops nulls, so a signature would not cover it"
        )
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalizationError(f"{path}: key {key!r} is not a string")
            _check_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{path}[{index}]")
    elif isinstance(value, float) and not math.isfinite(value):
        raise CanonicalizationError(f"{path} is {value}, not a JSON number")
    elif not isinstance(value, str | int | float | bool):
        raise CanonicalizationError(
            f"{path} is a {type(value).__name__}, not a JSON value"
        )


def _check_iris(expanded: Any) -> None:
    """Every node id and type in the expanded form is an absolute IRI or a
    blank node; RDF conversion would silently drop anything else."""
    if isinstance(expanded, list):
        for item in expanded:
            _check_iris(item)
        return
    if not isinstance(expanded, dict):
        return
    if "@value" in expanded:
        datatype = expanded.get("@type")
        if isinstance(datatype, str) and datatype != "@json":
            _check_iri(datatype, "datatype")
        return
    node_id = expanded.get("@id")
    if isinstance(node_id, str):
        _check_iri(node_id, "id")
    types = expanded.get("@type", [])
    for item in types if isinstance(types, list) else [types]:
        if isinstance(item, str):
            _check_iri(item, "type")
    for key, value in expanded.items():
        if key not in ("@id", "@type"):
            _check_iris(value)


def _check_iri(value: str, what: str) -> None:
    if value.startswith("_:") or _ABSOLUTE_IRI.match(value):
        return
    raise CanonicalizationError(
        f"{what} {value!r} is neither an absolute IRI nor a term defined by the "
        "document's JSON-LD contexts, so a signature would not cover it"
    )
