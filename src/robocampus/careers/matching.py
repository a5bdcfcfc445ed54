"""Matching trainees to job postings on evidence: a score per pair, whether
every required item is met, an explanation, and rankings both ways.

Pure NumPy, no Django: the database layer (``careers.ranking``) turns
evidence and postings into the arrays below, after filtering by consent.

The score of a trainee for a posting, 0-100, is a weighted share of what
the posting asks for::

    competency k asked at minimum level r (1-8), trainee's level l (0-8):
        credit = min(l, r) / r              (a level gap earns part credit)
    certificate asked:  credit = 1 if held (valid, not revoked) else 0
    weight: required 2, preferred 1
    score = 100 * sum(weight * credit) / sum(weight)     (100 if nothing asked)

A pair is *eligible* when every required competency is at or above its
level and every required certificate is held. Rankings put eligible pairs
first, then higher scores, then the lower index (a stable order).

Exactness: with weights scaled by 840 (the least common multiple of 1-8)
every credit is an integer, so the vectorised sums are exact in float32 and
the vectorised and the pure-Python scores are the same float, bit for bit.

To use::

    vocab = Vocabulary(codes=("LM1", "LM2"), certificates=(7,))
    supply = supply_from([{"LM1": 3}], [{7}], vocab)
    needs = requirements_from(
        [{"LM1": (3, True), "LM2": (2, False)}], [{7: False}], vocab
    )
    result = score_matrix(supply, needs)       # result.score[trainee, posting]
    top_trainees(result, 10)                   # (postings, 10) trainee indices
    explain(supply, needs, vocab, trainee=0, posting=0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

MAX_LEVEL = 8
"""NCS levels run from 1 to 8; 0 means "not demonstrated" / "not asked"."""
WEIGHT_REQUIRED = 2
WEIGHT_PREFERRED = 1
SCALE = 840
"""Least common multiple of 1..8: ``SCALE / r`` is an integer for every level."""
ELIGIBLE_BONUS = 1000.0
"""Added to the score in ranking keys so that eligible pairs come first."""

CERT_NONE, CERT_PREFERRED, CERT_REQUIRED = 0, 1, 2


class MatchingArgumentError(ValueError):
    """Arrays of the wrong shape or values out of range (a programming error)."""


@dataclass(frozen=True)
class Vocabulary:
    """The columns: competency codes and certificate keys (e.g. level ids)."""

    codes: tuple[str, ...]
    certificates: tuple = ()

    def code_index(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}

    def certificate_index(self) -> dict:
        return {key: i for i, key in enumerate(self.certificates)}


@dataclass(frozen=True)
class Supply:
    """What trainees have: ``levels`` (n, K) uint8 0-8 per competency code and
    ``certificates`` (n, M) bool."""

    levels: np.ndarray
    certificates: np.ndarray

    @property
    def count(self) -> int:
        return self.levels.shape[0]


@dataclass(frozen=True)
class Requirements:
    """What postings ask: ``min_level`` (m, K) uint8 0-8 (0: not asked),
    ``required`` (m, K) bool (else preferred) and ``certificates`` (m, M)
    int8 (0 not asked, 1 preferred, 2 required)."""

    min_level: np.ndarray
    required: np.ndarray
    certificates: np.ndarray

    @property
    def count(self) -> int:
        return self.min_level.shape[0]


@dataclass(frozen=True)
class Scores:
    """Trainees x postings: ``score`` float64 0-100 and ``eligible`` bool
    (every required item met)."""

    score: np.ndarray
    eligible: np.ndarray

    def key(self) -> np.ndarray:
        """The ranking key: eligible first, then the score (float64)."""
        return self.eligible * ELIGIBLE_BONUS + self.score


# -- building the arrays -------------------------------------------------------------


def supply_from(
    levels: Sequence[Mapping[str, int]],
    certificates: Sequence[set],
    vocab: Vocabulary,
) -> Supply:
    """Arrays from one ``{code: level}`` and one set of certificate keys per
    trainee; codes and keys outside ``vocab`` are ignored."""
    codes, certs = vocab.code_index(), vocab.certificate_index()
    n = len(levels)
    L = np.zeros((n, len(codes)), dtype=np.uint8)
    C = np.zeros((n, len(certs)), dtype=bool)
    for t, row in enumerate(levels):
        for code, level in row.items():
            if code in codes:
                L[t, codes[code]] = _level(level)
    for t, held in enumerate(certificates):
        for key in held:
            if key in certs:
                C[t, certs[key]] = True
    return Supply(L, C)


def requirements_from(
    competencies: Sequence[Mapping[str, tuple[int, bool]]],
    certificates: Sequence[Mapping[object, bool]],
    vocab: Vocabulary,
) -> Requirements:
    """Arrays from one ``{code: (min_level, required)}`` and one
    ``{certificate key: required}`` per posting."""
    codes, certs = vocab.code_index(), vocab.certificate_index()
    m = len(competencies)
    R = np.zeros((m, len(codes)), dtype=np.uint8)
    Q = np.zeros((m, len(codes)), dtype=bool)
    N = np.zeros((m, len(certs)), dtype=np.int8)
    for p, row in enumerate(competencies):
        for code, (level, required) in row.items():
            if _level(level) == 0:
                raise MatchingArgumentError(f"posting {p} asks {code} at level 0")
            R[p, codes[code]] = level
            Q[p, codes[code]] = bool(required)
    for p, row in enumerate(certificates):
        for key, required in row.items():
            N[p, certs[key]] = CERT_REQUIRED if required else CERT_PREFERRED
    return Requirements(R, Q, N)


def _level(level: int) -> int:
    if not 0 <= int(level) <= MAX_LEVEL:
        raise MatchingArgumentError(f"level {level} is not in 0-{MAX_LEVEL}")
    return int(level)


def _check(supply: Supply, needs: Requirements) -> None:
    K, M = supply.levels.shape[1], supply.certificates.shape[1]
    if needs.min_level.shape[1] != K or needs.required.shape != needs.min_level.shape:
        raise MatchingArgumentError(
            f"competency columns differ: supply {supply.levels.shape}, "
            f"requirements {needs.min_level.shape} / {needs.required.shape}"
        )
    if needs.certificates.shape[1] != M:
        raise MatchingArgumentError(
            f"certificate columns differ: supply {supply.certificates.shape}, "
            f"requirements {needs.certificates.shape}"
        )
    if supply.levels.size and supply.levels.max() > MAX_LEVEL:
        raise MatchingArgumentError(f"a trainee level is above {MAX_LEVEL}")
    if needs.min_level.size and needs.min_level.max() > MAX_LEVEL:
        raise MatchingArgumentError(f"a required level is above {MAX_LEVEL}")


# -- scoring, vectorised ---------------------------------------------------------------

EXACT_FLOAT32 = 1 << 24
"""Integers up to this are exact in float32 (sums of the matrix product)."""


def _columns(needs: Requirements) -> tuple[np.ndarray, int]:
    """The competency columns any posting asks for, and the highest level
    asked: the other feature columns are zero in every posting row."""
    asked = np.nonzero(needs.min_level.any(axis=0))[0]
    top = int(needs.min_level.max(initial=0))
    return asked, top


def _trainee_features(supply: Supply, asked: np.ndarray, top: int) -> np.ndarray:
    """(n, top * len(asked) + M) float32: ``level >= j`` for j = 1..top per
    asked code, then the certificates.

    ``min(l, r) = sum_j [l >= j][r >= j]``, which turns the level credit
    into a matrix product."""
    n, K = supply.count, asked.size
    M = supply.certificates.shape[1]
    X = np.empty((n, K * top + M), dtype=np.float32)
    levels = supply.levels[:, asked]
    for j in range(top):
        X[:, j * K : (j + 1) * K] = levels > j
    X[:, K * top :] = supply.certificates
    return X


def _posting_features(
    needs: Requirements, asked: np.ndarray, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (numerator rows, required-met rows, denominator, required
    count) for the features of ``_trainee_features``; rows are float32."""
    m, K = needs.count, asked.size
    M = needs.certificates.shape[1]
    r = needs.min_level[:, asked].astype(np.int64)
    required = needs.required[:, asked] & (r > 0)
    weight = np.where(required, WEIGHT_REQUIRED, WEIGHT_PREFERRED) * (r > 0)
    per_step = np.where(r > 0, weight * SCALE // np.maximum(r, 1), 0)  # (m, K)
    cert_need = needs.certificates.astype(np.int64)
    cert_weight = np.select(
        [cert_need == CERT_REQUIRED, cert_need == CERT_PREFERRED],
        [WEIGHT_REQUIRED, WEIGHT_PREFERRED],
        0,
    )
    numerator = np.zeros((m, K * top + M), dtype=np.float32)
    met = np.zeros_like(numerator)
    for j in range(top):
        numerator[:, j * K : (j + 1) * K] = (r > j) * per_step
        # Required competency k is met when level >= r: its step r - 1.
        met[:, j * K : (j + 1) * K] = required & (r == j + 1)
    numerator[:, K * top :] = cert_weight * SCALE
    met[:, K * top :] = cert_need == CERT_REQUIRED
    denominator = (weight.sum(axis=1) + cert_weight.sum(axis=1)) * SCALE
    required_count = required.sum(axis=1) + (cert_need == CERT_REQUIRED).sum(axis=1)
    return numerator, met, denominator, required_count


def score_matrix(supply: Supply, needs: Requirements) -> Scores:
    """Score every trainee against every posting in one matrix product.

    The numerator and the count of required items met share one float32
    product when they fit: ``numerator + 2**b * met`` with ``2**b`` above
    every denominator stays an exact integer below 2**24 and splits back
    exactly; otherwise two products are made."""
    _check(supply, needs)
    asked, top = _columns(needs)
    X = _trainee_features(supply, asked, top)
    numerator_rows, met_rows, denominator, required_count = _posting_features(
        needs, asked, top
    )
    shift = float(1 << int(denominator.max(initial=0)).bit_length())
    if shift * (required_count.max(initial=0) + 1) < EXACT_FLOAT32:
        numerator = X @ (numerator_rows + shift * met_rows).T  # (n, m), packed
        met = np.multiply(numerator, np.float32(1 / shift))
        np.floor(met, out=met)
        eligible = met == required_count
        np.multiply(met, np.float32(shift), out=met)
        numerator -= met
        del met
    else:
        numerator = X @ numerator_rows.T
        met = X @ met_rows.T
        eligible = met == required_count
    score = numerator.astype(np.float64)
    del numerator
    np.multiply(score, 100.0, out=score)
    np.divide(score, np.maximum(denominator, 1), out=score)
    score[:, denominator == 0] = 100.0
    return Scores(score=score, eligible=eligible)


# -- rankings ------------------------------------------------------------------------


def _top_rows(key: np.ndarray, k: int) -> np.ndarray:
    """Per row of ``key`` (r, c), the column indices of the ``k`` largest
    keys, best first, ties to the lower index. Linear time per row."""
    rows, cols = key.shape
    k = min(k, cols)
    if k == 0 or rows == 0:
        return np.zeros((rows, k), dtype=np.int64)
    threshold = np.partition(key, cols - k, axis=1)[:, cols - k]  # k-th largest
    above = key > threshold[:, None]
    tied = key == threshold[:, None]
    room = k - above.sum(axis=1)
    keep = above | tied
    # Where more tie than there is room for, keep the lowest indices.
    excess = tied.sum(axis=1) > room
    if excess.any():
        some = tied[excess]
        first = np.cumsum(some, axis=1, dtype=np.int32) <= room[excess, None]
        keep[excess] = above[excess] | (some & first)
    chosen = np.nonzero(keep)[1].reshape(rows, k)
    chosen_key = np.take_along_axis(key, chosen, axis=1)
    order = np.lexsort((chosen, -chosen_key), axis=1)
    return np.take_along_axis(chosen, order, axis=1)


def top_trainees(scores: Scores, k: int) -> np.ndarray:
    """(postings, k) trainee indices, best first for each posting."""
    return _top_rows(np.ascontiguousarray(scores.key().T), k)


def top_postings(scores: Scores, k: int) -> np.ndarray:
    """(trainees, k) posting indices, best first for each trainee."""
    return _top_rows(scores.key(), k)


def rank_trainees(scores: Scores, posting: int) -> np.ndarray:
    """Every trainee index for one posting, best first."""
    key = scores.key()[:, posting]
    return np.lexsort((np.arange(key.size), -key))


def rank_postings(scores: Scores, trainee: int) -> np.ndarray:
    """Every posting index for one trainee, best first."""
    key = scores.key()[trainee]
    return np.lexsort((np.arange(key.size), -key))


# -- explanations --------------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    """One asked item of a posting against one trainee. ``key`` is the
    competency code or the certificate key; levels are 0 for certificates."""

    kind: str  # "competency" or "certificate"
    key: object
    required: bool
    min_level: int
    level: int
    met: bool

    @property
    def gap(self) -> int:
        return max(0, self.min_level - self.level)


@dataclass(frozen=True)
class Explanation:
    score: float
    eligible: bool
    items: tuple[ItemResult, ...]

    @property
    def met(self) -> list[ItemResult]:
        return [i for i in self.items if i.met]

    @property
    def missing(self) -> list[ItemResult]:
        return [i for i in self.items if not i.met]

    @property
    def missing_required(self) -> list[ItemResult]:
        return [i for i in self.items if i.required and not i.met]


def explain(
    supply: Supply,
    needs: Requirements,
    vocab: Vocabulary,
    *,
    trainee: int,
    posting: int,
) -> Explanation:
    """What ``posting`` asks and whether ``trainee`` meets each item; required
    items first, then by code."""
    items = []
    levels, held = supply.levels[trainee], supply.certificates[trainee]
    for k in np.nonzero(needs.min_level[posting])[0]:
        r, level = int(needs.min_level[posting, k]), int(levels[k])
        items.append(
            ItemResult(
                "competency",
                vocab.codes[k],
                bool(needs.required[posting, k]),
                r,
                level,
                level >= r,
            )
        )
    for c in np.nonzero(needs.certificates[posting])[0]:
        items.append(
            ItemResult(
                "certificate",
                vocab.certificates[c],
                int(needs.certificates[posting, c]) == CERT_REQUIRED,
                0,
                0,
                bool(held[c]),
            )
        )
    items.sort(key=lambda i: (not i.required, i.kind != "competency", str(i.key)))
    score, eligible = score_pair(
        {vocab.codes[k]: int(v) for k, v in enumerate(levels) if v},
        {vocab.certificates[c] for c in np.nonzero(held)[0]},
        {
            vocab.codes[k]: (
                int(needs.min_level[posting, k]),
                bool(needs.required[posting, k]),
            )
            for k in np.nonzero(needs.min_level[posting])[0]
        },
        {
            vocab.certificates[c]: int(needs.certificates[posting, c]) == CERT_REQUIRED
            for c in np.nonzero(needs.certificates[posting])[0]
        },
    )
    return Explanation(score, eligible, tuple(items))


# -- the same in plain Python (reference for tests, peer for the benchmark) ----------


def score_pair(
    levels: Mapping[str, int],
    certificates: set,
    competencies: Mapping[str, tuple[int, bool]],
    certificate_needs: Mapping[object, bool],
) -> tuple[float, bool]:
    """The score (0-100) and eligibility of one trainee for one posting, by
    the definition at the top of this module, one item at a time."""
    numerator = denominator = 0
    eligible = True
    for code, (r, required) in competencies.items():
        weight = WEIGHT_REQUIRED if required else WEIGHT_PREFERRED
        level = levels.get(code, 0)
        numerator += weight * (SCALE // r) * min(level, r)
        denominator += weight * SCALE
        if required and level < r:
            eligible = False
    for key, required in certificate_needs.items():
        weight = WEIGHT_REQUIRED if required else WEIGHT_PREFERRED
        held = key in certificates
        numerator += weight * SCALE * held
        denominator += weight * SCALE
        if required and not held:
            eligible = False
    score = 100.0 * numerator / denominator if denominator else 100.0
    return score, eligible


def rank_python(
    trainees: Sequence[tuple[Mapping[str, int], set]],
    postings: Sequence[tuple[Mapping[str, tuple[int, bool]], Mapping[object, bool]]],
    k: int,
) -> tuple[list[list[int]], list[list[float]]]:
    """Top ``k`` trainee indices per posting and all scores (trainee-major),
    by ``score_pair`` in loops: the straightforward implementation."""
    scores = [[0.0] * len(postings) for _ in trainees]
    keys = [[0.0] * len(postings) for _ in trainees]
    for t, (levels, certs) in enumerate(trainees):
        for p, (competencies, cert_needs) in enumerate(postings):
            score, eligible = score_pair(levels, certs, competencies, cert_needs)
            scores[t][p] = score
            keys[t][p] = eligible * ELIGIBLE_BONUS + score
    top = [
        sorted(range(len(trainees)), key=lambda t, p=p: (-keys[t][p], t))[:k]
        for p in range(len(postings))
    ]
    return top, scores
