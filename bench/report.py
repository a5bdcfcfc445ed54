"""The benchmark report: environment, summary table and JSON results.

Used by ``python -m bench`` (or ``make bench``), which prints the table and
writes ``bench/results/latest.json`` (git-ignored).
"""

from __future__ import annotations

import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bench import peers
from bench.timing import Row

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def cpu_model() -> str:
    """Return the CPU model name, as the kernel reports it where it can."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> dict:
    """Return the versions and machine the figures come from."""
    import os

    return {
        "date_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "numpy": np.__version__,
        **peers.versions(),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _verdict(passed: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "-"}[passed]


def table(rows: list[Row]) -> str:
    """Return the summary table as text."""
    head = ("#", "item", "ours", "target", "peer (same run)", "peer", "ratio", "result")
    lines = [
        (
            r.item,
            r.what,
            f"{_fmt(r.ours)} {r.unit}",
            r.target,
            r.peer or "-",
            "-" if r.peer_value is None else f"{_fmt(r.peer_value)} {r.unit}",
            "-" if r.ratio is None else f"{r.ratio:.1f}x",
            _verdict(r.passed),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(len(head))]
    rule = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), rule]
    out += ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True))
            for line in lines]  # fmt: skip
    out.append(rule)
    out.append("ratio = peer time / our time (how many times faster we are)")
    return "\n".join(line.rstrip() for line in out)


def print_environment(env: dict, have: dict[str, bool]) -> None:
    print("robocampus benchmarks (python -m bench)")
    for key, value in env.items():
        print(f"  {key:10} {value}")
    missing = [name for name, ok in have.items() if not ok]
    if missing:
        print(
            f"  peers not installed: {', '.join(missing)} "
            "(pip install -e '.[bench]'); their ratios are skipped"
        )
    sys.stdout.flush()


def write_json(env: dict, rows: list[Row], path: Path = RESULTS) -> Path:
    """Write the environment and every row to ``path``; return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"environment": env, "results": [r.as_dict() for r in rows]}
    path.write_text(json.dumps(data, indent=2, default=float) + "\n")
    return path
