"""Classical item analysis of an exam session (pure NumPy, no Django).

Input: a score matrix ``scores`` (attempts x items) of fractions 0..1 of each
item's points, NaN where the item was not on that attempt's form, and the
items' maximum points. An attempt's total is the points it earned on its own
form (sum of fraction x points over the items it saw).

Per item, over the attempts that saw it:

- ``n``: attempts;
- ``facility``: mean fraction (0..1; Moodle's facility index / 100);
- ``sd``: sample standard deviation of the fraction (n - 1);
- ``discrimination``: Kelley's upper-lower index, the mean fraction of the
  27 % of those attempts with the highest totals minus that of the 27 % with
  the lowest (group size ``max(1, round(0.27 n))``; attempts ranked by total,
  ties in attempt order, a stable sort);
- ``point_biserial``: Pearson correlation of the item's fraction with the
  total;
- ``corrected_r``: correlation of the item's fraction with the total minus
  the item's points (the corrected item-total or item-rest correlation,
  what Moodle calls its discrimination index). Flags use this one: the
  uncorrected correlation counts the item on both sides and overstates it on
  short tests.

Per form (attempts grouped by identical item sets): attempts, items, mean and
sample SD of the totals (points), Cronbach's alpha and the standard error of
measurement ``SEM = SD * sqrt(1 - alpha)``.

For the whole session forms usually differ (each candidate's form is drawn
from the bank), so the test's alpha is computed from the pairwise-complete
item covariance matrix (each variance and covariance over the attempts that
saw the item or both items; pairs seen together by fewer than two attempts
are left out) as the alpha of a form of the mean length ``k`` with the mean
item variance ``v`` and mean inter-item covariance ``c``:
``alpha = k c / (v + (k - 1) c)``. When every attempt saw the same items
this is exactly Cronbach's alpha. Mean, SD and SEM of the session are over
all attempts' totals.

A statistic that cannot be computed (fewer than two attempts, no variance)
is NaN; the item is flagged with the reason rather than raising.

To use::

    result = analyse(scores, max_points)
    result.items.facility[j], result.items.flags[j], result.test.alpha
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Flag thresholds. Moodle's quiz statistics report marks a question dubious
# when its discriminative efficiency is below 15 % (mod/quiz/report/statistics,
# statistics_table::is_dubious_question) and its question bank says "very
# likely needs checking" below a discrimination index (an item-rest
# correlation, in %) of 30 (qbank_statistics helper). Classical test theory
# texts (Ebel & Frisbie) call an upper-lower index below 0.20 poor and items
# answered right by fewer than 20 % or more than 90 % of candidates too hard
# or too easy to tell candidates apart. See
# ../shared/reference/training-platforms-and-rules.md §1.3.
FACILITY_LOW = 0.2
"""Facility below this: too hard."""
FACILITY_HIGH = 0.9
"""Facility above this: too easy."""
DISCRIMINATION_LOW = 0.2
"""Kelley upper-lower index below this: discriminates poorly (below 0:
negatively — the weaker candidates did better)."""
CORRELATION_LOW = 0.15
"""Corrected item-total correlation below this: the item does not measure
what the rest of the test measures."""
GROUP_FRACTION = 0.27
"""Kelley's upper and lower groups: 27 % of the attempts each."""
VARIANCE_EPS = 1e-12
"""A variance at most this is treated as none (all scores equal)."""

FLAG_FEW = "few_attempts"
FLAG_NO_VARIANCE = "no_variance"
FLAG_HARD = "too_hard"
FLAG_EASY = "too_easy"
FLAG_NEGATIVE = "negative_discrimination"
FLAG_LOW_DISCRIMINATION = "low_discrimination"
FLAG_LOW_CORRELATION = "low_correlation"
FLAGS = (
    FLAG_FEW,
    FLAG_NO_VARIANCE,
    FLAG_HARD,
    FLAG_EASY,
    FLAG_NEGATIVE,
    FLAG_LOW_DISCRIMINATION,
    FLAG_LOW_CORRELATION,
)


class ScoreMatrixError(ValueError):
    """A score matrix or points vector of the wrong shape or range."""


@dataclass
class ItemStats:
    """Per item (arrays of the items' length; NaN where not computable)."""

    n: np.ndarray
    facility: np.ndarray
    sd: np.ndarray
    discrimination: np.ndarray
    point_biserial: np.ndarray
    corrected_r: np.ndarray
    flags: list[list[str]]


@dataclass
class GroupStats:
    """A form or the whole session: totals in points."""

    attempts: int
    items: float
    """Items per attempt (the mean for the session)."""
    max_points: float
    """Most points an attempt could earn (the mean for the session)."""
    mean: float
    sd: float
    alpha: float
    sem: float
    columns: tuple[int, ...] = ()
    """A form's items (column indices); empty for the session."""


@dataclass
class Analysis:
    items: ItemStats
    forms: list[GroupStats]
    test: GroupStats


def analyse(scores, max_points) -> Analysis:
    """Item, form and session statistics of ``scores`` (attempts x items,
    fractions 0..1, NaN = not on the form) with ``max_points`` per item."""
    fractions, points_max = _validate(scores, max_points)
    seen = ~np.isnan(fractions)
    f0 = np.where(seen, fractions, 0.0)
    points = f0 * points_max
    totals = points.sum(axis=1)
    items = _item_stats(f0, seen, points, totals)
    forms = _form_stats(points, seen, points_max, totals)
    test = _session_stats(points, seen, points_max, totals)
    return Analysis(items, forms, test)


def _validate(scores, max_points) -> tuple[np.ndarray, np.ndarray]:
    fractions = np.asarray(scores, dtype=float)
    if fractions.ndim != 2:
        raise ScoreMatrixError(
            f"scores must be a 2-D matrix (attempts x items), got {fractions.ndim}-D"
        )
    points_max = np.asarray(max_points, dtype=float)
    if points_max.shape != (fractions.shape[1],):
        raise ScoreMatrixError(
            f"max_points has {points_max.size} values for {fractions.shape[1]} items"
        )
    if np.any(points_max <= 0) or not np.all(np.isfinite(points_max)):
        raise ScoreMatrixError("every item's max_points must be a positive number")
    values = fractions[~np.isnan(fractions)]
    if values.size and (values.min() < 0 or values.max() > 1 or np.isinf(values).any()):
        raise ScoreMatrixError("scores must be fractions between 0 and 1 (or NaN)")
    return fractions, points_max


def _corr(n, sx, sy, sxx, syy, sxy) -> np.ndarray:
    """Pearson r from masked sums, NaN where a side has no variance."""
    with np.errstate(invalid="ignore", divide="ignore"):
        nn = np.maximum(n, 1)
        vx = sxx - sx * sx / nn
        vy = syy - sy * sy / nn
        cov = sxy - sx * sy / nn
        ok = (n >= 2) & (vx > VARIANCE_EPS * nn) & (vy > VARIANCE_EPS * nn)
        r = cov / np.sqrt(np.where(ok, vx * vy, 1.0))
    return np.where(ok, np.clip(r, -1.0, 1.0), np.nan)


def _item_stats(f0, seen, points, totals) -> ItemStats:
    m = seen.astype(float)
    n = m.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        facility = np.where(n > 0, f0.sum(axis=0) / np.maximum(n, 1), np.nan)
        centred = np.where(seen, f0 - facility, 0.0)
        var = (centred * centred).sum(axis=0) / np.maximum(n - 1, 1)
    sd = np.where(n >= 2, np.sqrt(var), np.nan)

    # Kelley: rank attempts by total once; within each item, the rank among
    # the attempts that saw it is the running count down the sorted column.
    order = np.argsort(totals, kind="stable")
    ms = seen[order]
    fs = f0[order]
    rank = np.cumsum(ms, axis=0)
    k = np.maximum(1, np.round(GROUP_FRACTION * n))
    lower = ms & (rank <= k)
    upper = ms & (rank > n - k)
    with np.errstate(invalid="ignore", divide="ignore"):
        discrimination = ((fs * upper).sum(axis=0) - (fs * lower).sum(axis=0)) / k
    discrimination = np.where(n >= 2, discrimination, np.nan)

    # Correlations from masked sums (matrix products, no loop over items).
    t = totals
    sx = f0.sum(axis=0)
    sxx = (f0 * f0).sum(axis=0)
    sy = t @ m
    syy = (t * t) @ m
    sxy = t @ f0
    point_biserial = _corr(n, sx, sy, sxx, syy, sxy)
    # Rest = total - item points, over the attempts that saw the item.
    sp = points.sum(axis=0)
    spp = (points * points).sum(axis=0)
    stp = t @ points
    sfp = (f0 * points).sum(axis=0)
    corrected_r = _corr(n, sx, sy - sp, sxx, syy - 2 * stp + spp, sxy - sfp)

    no_variance = ~(var > VARIANCE_EPS) | (n < 2)
    flags = []
    for j in range(f0.shape[1]):
        found = []
        if n[j] < 2:
            found.append(FLAG_FEW)
        elif no_variance[j]:
            found.append(FLAG_NO_VARIANCE)
        if n[j] >= 1:
            if facility[j] < FACILITY_LOW:
                found.append(FLAG_HARD)
            elif facility[j] > FACILITY_HIGH:
                found.append(FLAG_EASY)
        d = discrimination[j]
        if not np.isnan(d) and not no_variance[j]:
            if d < 0:
                found.append(FLAG_NEGATIVE)
            elif d < DISCRIMINATION_LOW:
                found.append(FLAG_LOW_DISCRIMINATION)
        r = corrected_r[j]
        if not np.isnan(r) and r < CORRELATION_LOW:
            found.append(FLAG_LOW_CORRELATION)
        flags.append(found)
    return ItemStats(
        n.astype(int), facility, sd, discrimination, point_biserial, corrected_r, flags
    )


def _cronbach(points: np.ndarray) -> float:
    """Cronbach's alpha of complete data (attempts x items, points)."""
    a, k = points.shape
    if a < 2 or k < 2:
        return float("nan")
    item_var = points.var(axis=0, ddof=1).sum()
    total_var = points.sum(axis=1).var(ddof=1)
    if total_var <= VARIANCE_EPS:
        return float("nan")
    return float(k / (k - 1) * (1.0 - item_var / total_var))


def _sem(sd: float, alpha: float) -> float:
    if np.isnan(sd) or np.isnan(alpha):
        return float("nan")
    return float(sd * np.sqrt(max(0.0, 1.0 - alpha)))


def _sd(values: np.ndarray) -> float:
    return float(values.std(ddof=1)) if values.size >= 2 else float("nan")


def _form_stats(points, seen, points_max, totals) -> list[GroupStats]:
    if seen.shape[0] == 0 or seen.shape[1] == 0:
        return []
    # One key per attempt: its item set packed into bytes (cheaper to sort
    # than the rows themselves).
    packed = np.ascontiguousarray(np.packbits(seen, axis=1))
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).reshape(-1)
    _keys, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    forms = []
    for g, row in enumerate(first):
        rows = np.flatnonzero(inverse == g)
        cols = np.flatnonzero(seen[row])
        sub = points[np.ix_(rows, cols)]
        form_totals = totals[rows]
        sd = _sd(form_totals)
        alpha = _cronbach(sub)
        forms.append(
            GroupStats(
                attempts=int(rows.size),
                items=float(cols.size),
                max_points=float(points_max[cols].sum()),
                mean=float(form_totals.mean()),
                sd=sd,
                alpha=alpha,
                sem=_sem(sd, alpha),
                columns=tuple(int(c) for c in cols),
            )
        )
    forms.sort(key=lambda f: (-f.attempts, f.columns))
    return forms


def pairwise_alpha(points: np.ndarray, seen: np.ndarray) -> float:
    """Alpha from the pairwise-complete covariance matrix (see the module
    docstring); ``points`` has 0 where ``seen`` is False."""
    a = seen.shape[0]
    if a < 2:
        return float("nan")
    m = seen.astype(float)
    nij = m.T @ m
    si = points.T @ m  # [i, j]: sum of item i's points over attempts seeing j
    sij = points.T @ points
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (sij - si * si.T / np.maximum(nij, 1)) / (nij - 1)
    ok = nij >= 2
    diag = np.diag(cov)[np.diag(ok)]
    off = ok & ~np.eye(seen.shape[1], dtype=bool)
    if diag.size == 0 or not off.any():
        return float("nan")
    v = diag.mean()
    c = cov[off].mean()
    k = m.sum(axis=1).mean()
    denominator = v + (k - 1) * c
    if k < 2 or denominator <= VARIANCE_EPS:
        return float("nan")
    return float(k * c / denominator)


def _session_stats(points, seen, points_max, totals) -> GroupStats:
    a = seen.shape[0]
    sd = _sd(totals)
    alpha = pairwise_alpha(points, seen)
    return GroupStats(
        attempts=int(a),
        items=float(seen.sum(axis=1).mean()) if a else 0.0,
        max_points=float((seen * points_max).sum(axis=1).mean()) if a else 0.0,
        mean=float(totals.mean()) if a else float("nan"),
        sd=sd,
        alpha=alpha,
        sem=_sem(sd, alpha),
    )
