"""Scenarios: the cell as one run of a graded program sees it.

A scenario varies the exercise's cell: ``patch`` changes keys of the cell
file (lists of things with an ``id`` are merged item by item, so a patch can
move one part or change one feeder), ``jitter`` moves parts by a random
amount within a band, drawn from the scenario's seed, and ``positions``
re-teaches positions (the program's values of those names are replaced).
The same scenario always gives the same cell: grading is deterministic.
"""

from __future__ import annotations

import copy
import zlib
from typing import Any

import numpy as np

from robocampus.sim.cell.spec import CellSpec
from robocampus.sim.melfa.prg import read_positions


def merge(base: Any, patch: Any) -> Any:
    """Return ``base`` with ``patch`` merged in (neither is changed).

    Mappings merge key by key; a list of mappings that all have an ``id``
    merges item by item on it (a patch item with a new id is added); any
    other value replaces the base's.
    """
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    if _by_id(base) and _by_id(patch):
        out = [copy.deepcopy(item) for item in base]
        index = {item["id"]: i for i, item in enumerate(out)}
        for item in patch:
            if item["id"] in index:
                out[index[item["id"]]] = merge(out[index[item["id"]]], item)
            else:
                out.append(copy.deepcopy(item))
        return out
    return copy.deepcopy(patch)


def _by_id(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and "id" in item for item in value
    )


def scenario_cell(exercise, scenario) -> CellSpec:
    """Return the exercise's cell as ``scenario`` varies it (validated).

    Worked out once per exercise and scenario: both are frozen, and so is
    the cell (every run builds its own ``World`` from it).
    """
    cached = exercise._scenario_cells.get(scenario.id)
    if cached is None:
        cached = exercise._scenario_cells[scenario.id] = _vary(exercise, scenario)
    return cached


def _vary(exercise, scenario) -> CellSpec:
    data = exercise.cell_spec().model_dump(mode="json")
    data = merge(data, scenario.patch)
    rng = np.random.default_rng([scenario.seed, zlib.crc32(b"jitter")])
    parts = {p["id"]: p for p in data.get("parts", [])}
    for jitter in scenario.jitter:
        for part_id in jitter.parts:
            if part_id not in parts:
                raise ValueError(f"jitter: no part {part_id!r} in the cell")
            pose = parts[part_id]["pose"]
            dx, dy = (float(rng.uniform(-b, b)) if b else 0.0 for b in jitter.xy_mm)
            dyaw = (
                float(rng.uniform(-jitter.yaw_deg, jitter.yaw_deg))
                if jitter.yaw_deg
                else 0.0
            )
            parts[part_id]["pose"] = [
                pose[0] + dx,
                pose[1] + dy,
                pose[2],
                pose[3],
                pose[4],
                pose[5] + dyaw,
            ]
    return CellSpec.model_validate(data)


def scenario_positions(scenario) -> dict[str, Any]:
    """Return the re-taught positions of ``scenario``: values by variable key."""
    return read_positions(scenario.positions)
