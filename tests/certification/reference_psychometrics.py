"""A straightforward pure-Python item analysis, loop by loop, following the
textbook definitions written out in ``robocampus.certification.psychometrics``.

Used by the tests (same numbers as the NumPy version) and by the benchmark
(``bench/bench_item_analysis.py``) as the peer it is timed against.
Scores: a list of rows of fractions or None (item not on the form).
"""

from __future__ import annotations

import math

GROUP_FRACTION = 0.27
NAN = float("nan")


def _mean(values):
    return sum(values) / len(values)


def _var(values):
    if len(values) < 2:
        return NAN
    m = _mean(values)
    return sum((v - m) ** 2 for v in values) / (len(values) - 1)


def _corr(xs, ys):
    if len(xs) < 2:
        return NAN
    mx, my = _mean(xs), _mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 * len(xs) or syy <= 1e-12 * len(xs):
        return NAN
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def analyse(scores, max_points):
    """Return per-item dicts and the session's alpha, mean, SD and SEM."""
    items = len(max_points)
    totals = [
        sum(f * p for f, p in zip(row, max_points, strict=True) if f is not None)
        for row in scores
    ]
    order = sorted(range(len(scores)), key=lambda a: totals[a])  # stable
    out = []
    for j in range(items):
        who = [a for a in order if scores[a][j] is not None]
        xs = [scores[a][j] for a in who]
        n = len(xs)
        stats = {"n": n}
        stats["facility"] = _mean(xs) if n else NAN
        stats["sd"] = math.sqrt(_var(xs)) if n >= 2 else NAN
        if n >= 2:
            k = max(1, round(GROUP_FRACTION * n))
            lower, upper = xs[:k], xs[n - k :]
            stats["discrimination"] = (sum(upper) - sum(lower)) / k
        else:
            stats["discrimination"] = NAN
        ts = [totals[a] for a in who]
        stats["point_biserial"] = _corr(xs, ts)
        rest = [totals[a] - scores[a][j] * max_points[j] for a in who]
        stats["corrected_r"] = _corr(xs, rest)
        out.append(stats)
    return out, _session(scores, max_points, totals)


def _session(scores, max_points, totals):
    items = len(max_points)
    cov = {}
    for i in range(items):
        for j in range(items):
            both = [
                a
                for a in range(len(scores))
                if scores[a][i] is not None and scores[a][j] is not None
            ]
            if len(both) < 2:
                continue
            xi = [scores[a][i] * max_points[i] for a in both]
            xj = [scores[a][j] * max_points[j] for a in both]
            mi, mj = _mean(xi), _mean(xj)
            cov[i, j] = sum(
                (x - mi) * (y - mj) for x, y in zip(xi, xj, strict=True)
            ) / (len(both) - 1)
    variances = [cov[i, i] for i in range(items) if (i, i) in cov]
    covariances = [c for (i, j), c in cov.items() if i != j]
    k = _mean([sum(1 for f in row if f is not None) for row in scores])
    alpha = NAN
    if variances and covariances and k >= 2:
        v, c = _mean(variances), _mean(covariances)
        if v + (k - 1) * c > 1e-12:
            alpha = k * c / (v + (k - 1) * c)
    sd = math.sqrt(_var(totals)) if len(totals) >= 2 else NAN
    sem = sd * math.sqrt(max(0.0, 1 - alpha)) if not math.isnan(alpha) else NAN
    return {"alpha": alpha, "mean": _mean(totals), "sd": sd, "sem": sem}


def cronbach(rows):
    """Cronbach's alpha of complete rows of points."""
    k = len(rows[0])
    item_vars = sum(_var([r[j] for r in rows]) for j in range(k))
    total_var = _var([sum(r) for r in rows])
    return k / (k - 1) * (1 - item_vars / total_var)
