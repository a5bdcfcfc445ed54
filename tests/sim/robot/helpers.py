"""Shared test helpers for the robot engine: models, random poses, tolerances."""

from __future__ import annotations

import numpy as np

from robocampus.sim.robot import Robot, load_model, model_names

MODELS = model_names()


def robot(name: str) -> Robot:
    return load_model(name)


def random_joints(rv: Robot, n: int, seed: int) -> np.ndarray:
    """Return ``n`` uniformly random in-limit joint vectors, radians."""
    rng = np.random.default_rng(seed)
    return rng.uniform(rv.limits_rad[:, 0], rv.limits_rad[:, 1], size=(n, 6))


def well_conditioned(rv: Robot, Q: np.ndarray, margin: float = 1e-4) -> np.ndarray:
    """Return a mask of configurations away from every singularity.

    Near a singularity a joint is ill-determined by the pose, so round trips
    there are compared by pose, not by joint value.
    """
    m = np.abs(rv.posture_margins(Q))
    return (
        (m[:, 0] > margin * rv.model.reach_mm) & (m[:, 1] > margin) & (m[:, 2] > margin)
    )
