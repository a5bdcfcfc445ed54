"""Interview slots for a job fair: which candidate meets which posting, and
when, as an assignment problem solved with SciPy's ``linear_sum_assignment``.

Pure NumPy/SciPy, no Django. The fair has ``slot_count`` time slots. Each
posting interviews at most its capacity (one candidate per slot), each
candidate has at most ``max_per_candidate`` interviews, a candidate meets
a posting at most once and is never in two places at once. The plan
maximises the sum of the match scores of the interviews held.

Two steps, both exact:

1. *Which pairs.* A capacitated matching with each pair used at most once is
   reduced to one square assignment problem with the edge gadget: each
   allowed pair ``e = (c, p)`` gets a candidate end ``c_e`` and a posting end
   ``p_e``; ``c_e`` is taken either by one of ``c``'s capacity copies (the
   pair is chosen, gaining its score) or by ``p_e`` (not chosen), and
   ``p_e`` either by ``c_e`` or by one of ``p``'s copies. Dummy rows and
   columns let copies stay unused. Forbidden cells are ``inf``.
2. *When.* The chosen pairs form a bipartite graph whose degrees are at most
   ``slot_count``, so by Kőnig's edge-colouring theorem they fit in
   ``slot_count`` slots without a clash; colours are found with alternating
   paths.

The matrix has ``E + sum of capacities`` rows (E allowed pairs), so a
large fair should pass only the pairs worth an interview (the database
layer keeps eligible, consenting pairs and the best few per posting).

To use::

    plan = plan_interviews(scores, posting_slots=[2, 1], max_per_candidate=2)
    for interview in plan.interviews:  # candidate, posting, slot, score
        ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment


class JobFairArgumentError(ValueError):
    """Inputs of the wrong shape or out of range (a programming error)."""


@dataclass(frozen=True)
class Interview:
    candidate: int
    posting: int
    slot: int
    score: float


@dataclass(frozen=True)
class Plan:
    interviews: tuple[Interview, ...]
    slot_count: int

    @property
    def total_score(self) -> float:
        return float(sum(i.score for i in self.interviews))

    def by_slot(self) -> list[list[Interview]]:
        """Interviews per slot, each slot's by posting."""
        slots: list[list[Interview]] = [[] for _ in range(self.slot_count)]
        for interview in self.interviews:
            slots[interview.slot].append(interview)
        return [sorted(s, key=lambda i: (i.posting, i.candidate)) for s in slots]


def _capacities(values, size: int, what: str) -> np.ndarray:
    array = np.broadcast_to(np.asarray(values, dtype=np.int64), (size,)).copy()
    if (array < 0).any():
        raise JobFairArgumentError(f"{what} must not be negative")
    return array


def choose_pairs(
    scores: np.ndarray,
    posting_capacity: Sequence[int] | int,
    candidate_capacity: Sequence[int] | int,
) -> list[tuple[int, int]]:
    """Return the (candidate, posting) pairs of greatest total score such that
    posting ``p`` has at most ``posting_capacity[p]`` and candidate ``c`` at
    most ``candidate_capacity[c]`` pairs. ``scores`` is (candidates,
    postings); a pair whose score is not a positive finite number is not
    allowed."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 2:
        raise JobFairArgumentError(f"scores must be 2-D, got shape {scores.shape}")
    n, m = scores.shape
    cand_cap = _capacities(candidate_capacity, n, "candidate capacities")
    post_cap = _capacities(posting_capacity, m, "posting capacities")
    allowed = np.isfinite(scores) & (scores > 0)
    allowed &= (cand_cap[:, None] > 0) & (post_cap[None, :] > 0)
    edge_c, edge_p = np.nonzero(allowed)
    E = edge_c.size
    if E == 0:
        return []
    # Copies beyond a vertex's degree are never used.
    cand_copies = np.minimum(cand_cap, np.bincount(edge_c, minlength=n))
    post_copies = np.minimum(post_cap, np.bincount(edge_p, minlength=m))
    A, K = int(cand_copies.sum()), int(post_copies.sum())
    copy_owner_c = np.repeat(np.arange(n), cand_copies)  # candidate of each copy
    copy_owner_p = np.repeat(np.arange(m), post_copies)
    size = A + E + K
    cost = np.full((size, size), np.inf)
    # Rows: [A candidate copies | E posting ends | K dummies]
    # Cols: [E candidate ends | K posting copies | A dummies]
    rows_a, rows_pe, rows_dd = slice(0, A), slice(A, A + E), slice(A + E, size)
    cols_ce, cols_pc, cols_da = slice(0, E), slice(E, E + K), slice(E + K, size)
    gain = scores[edge_c, edge_p]
    block = cost[rows_a, cols_ce]
    owner = copy_owner_c[:, None] == edge_c[None, :]
    block[owner] = -np.broadcast_to(gain, owner.shape)[owner]
    cost[rows_a, cols_da] = 0.0
    cost[rows_pe, cols_ce][np.arange(E), np.arange(E)] = 0.0
    pe = cost[rows_pe, cols_pc]
    pe[edge_p[:, None] == copy_owner_p[None, :]] = 0.0
    cost[rows_dd, cols_pc] = 0.0
    cost[rows_dd, cols_da] = 0.0
    rows, cols = linear_sum_assignment(cost)
    chosen = []
    for row, col in zip(rows, cols, strict=True):
        if row < A and col < E:
            chosen.append((int(edge_c[col]), int(edge_p[col])))
    return sorted(chosen)


def schedule(pairs: Sequence[tuple[int, int]], slot_count: int) -> dict:
    """Give each (candidate, posting) pair a slot in ``0..slot_count-1`` so
    that no candidate and no posting has two pairs in one slot. Needs every
    candidate's and posting's number of pairs to be at most ``slot_count``."""
    at_c: dict[int, dict[int, int]] = {}  # candidate -> slot -> posting
    at_p: dict[int, dict[int, int]] = {}  # posting -> slot -> candidate
    for c, p in pairs:
        if len(at_c.setdefault(c, {})) >= slot_count:
            raise JobFairArgumentError(f"candidate {c} has more than {slot_count}")
        if len(at_p.setdefault(p, {})) >= slot_count:
            raise JobFairArgumentError(f"posting {p} has more than {slot_count}")
        a = next(s for s in range(slot_count) if s not in at_c[c])
        b = next(s for s in range(slot_count) if s not in at_p[p])
        if a in at_p[p]:
            _flip(at_c, at_p, p, a, b)
        at_c[c][a], at_p[p][a] = p, c
    return {(c, p): s for c, slots in at_c.items() for s, p in slots.items()}


def _flip(at_c, at_p, p: int, a: int, b: int) -> None:
    """Swap slots ``a`` and ``b`` along the path that starts at posting ``p``
    with its slot-``a`` pair and alternates b, a, b... (Kőnig's argument:
    afterwards ``a`` is free at ``p`` and still free at the candidate the
    new pair joins)."""
    path = []  # (candidate, posting, slot)
    side, vertex, colour = "p", p, a
    while True:
        table = at_p if side == "p" else at_c
        other = table[vertex].get(colour)
        if other is None:
            break
        c, q = (other, vertex) if side == "p" else (vertex, other)
        path.append((c, q, colour))
        side, vertex = ("c", other) if side == "p" else ("p", other)
        colour = b if colour == a else a
    for c, q, colour in path:
        del at_c[c][colour]
        del at_p[q][colour]
    for c, q, colour in path:
        new = b if colour == a else a
        at_c[c][new], at_p[q][new] = q, c


def plan_interviews(
    scores: np.ndarray,
    posting_slots: Sequence[int] | int,
    max_per_candidate: Sequence[int] | int,
    slot_count: int | None = None,
) -> Plan:
    """The interview plan of greatest total score (see the module text).

    ``scores``: (candidates, postings), positive for a pair worth an
    interview, 0, NaN or -inf otherwise. ``posting_slots``: interviews each
    posting can hold. ``slot_count``: time slots of the fair, by default the
    largest capacity; capacities above it are cut to it."""
    scores = np.asarray(scores, dtype=np.float64)
    n, m = scores.shape
    post_cap = _capacities(posting_slots, m, "posting slots")
    cand_cap = _capacities(max_per_candidate, n, "interviews per candidate")
    if slot_count is None:
        slot_count = int(max(post_cap.max(initial=0), cand_cap.max(initial=0)))
    if slot_count < 0:
        raise JobFairArgumentError("slot_count must not be negative")
    post_cap = np.minimum(post_cap, slot_count)
    cand_cap = np.minimum(cand_cap, slot_count)
    pairs = choose_pairs(scores, post_cap, cand_cap)
    slots = schedule(pairs, slot_count) if pairs else {}
    interviews = tuple(
        sorted(
            (Interview(c, p, slots[(c, p)], float(scores[c, p])) for c, p in pairs),
            key=lambda i: (i.slot, i.posting, i.candidate),
        )
    )
    return Plan(interviews, slot_count)
