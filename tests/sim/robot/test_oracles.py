"""Oracles: our kinematics against pinocchio and roboticstoolbox-python.

The peers come with the ``bench`` extra (``pip install -e '.[bench]'``);
without it this module is skipped. The peer models are built from each
``Robot`` by ``bench.peers``: pinocchio from a URDF of its joint origins,
roboticstoolbox from standard DH parameters, both in metres. Every model is
checked bare (TCP = flange) and mounted (a tool and a tilted base), so
MELFA's Tool and Base are checked against the peers too.
"""

import numpy as np
import pytest

pin = pytest.importorskip("pinocchio")
pytest.importorskip("roboticstoolbox")

from bench.peers import (  # noqa: E402
    MM_PER_M,
    dh_robot,
    pinocchio_model,
    to_metres,
    to_mm,
)

from .helpers import MODELS, random_joints, robot, well_conditioned  # noqa: E402

pytestmark = pytest.mark.oracle

FK_CONFIGS = 500
IK_TARGETS = 100
IK_ATTEMPTS = 10
"""rtb restarts per target, each from a seeded random guess (one search each)."""
RTB_TOL = 1e-10

POSITION_MM = 1e-9
ROTATION = 1e-12
IK_ROTATION = 1e-10
"""IK round trips hold a posture to ~1e-14; allow what test_ik allows."""
JOINT_RAD = 1e-6
SINGULAR_MARGIN = 1e-3
"""Joints are compared where every posture margin exceeds this (|sin J5| etc.)."""

TOOL = (10.0, 20.0, 130.0, 15.0, -30.0, 45.0)
BASE = (100.0, -50.0, 20.0, 5.0, 10.0, -20.0)
MOUNTS = pytest.mark.parametrize("mounted", [False, True], ids=["flange", "mounted"])


def _robot(name, mounted):
    rv = robot(name)
    return rv.with_tool(TOOL).with_base(BASE) if mounted else rv


def _wrap(angle):
    """Return angles wrapped into [-pi, pi)."""
    return (angle + np.pi) % (2 * np.pi) - np.pi


@pytest.mark.parametrize("name", MODELS)
@MOUNTS
def test_fk_matches_pinocchio(name, mounted):
    """TCP transforms equal pinocchio's TCP frame placement from the URDF."""
    rv = _robot(name, mounted)
    model, data, tcp = pinocchio_model(rv)
    Q = random_joints(rv, FK_CONFIGS, seed=11)
    ours = rv.fkine(Q)
    theirs = np.empty_like(ours)
    for k, q in enumerate(Q):
        pin.forwardKinematics(model, data, q)
        theirs[k] = pin.updateFramePlacement(model, data, tcp).homogeneous
    np.testing.assert_allclose(
        ours[:, :3, 3], theirs[:, :3, 3] * MM_PER_M, rtol=0, atol=POSITION_MM
    )
    np.testing.assert_allclose(
        ours[:, :3, :3], theirs[:, :3, :3], rtol=0, atol=ROTATION
    )


@pytest.mark.parametrize("name", MODELS)
@MOUNTS
def test_fk_matches_rtb_dh(name, mounted):
    """TCP transforms equal roboticstoolbox's DH model, Python and C++ (ETS)."""
    rv = _robot(name, mounted)
    dh = dh_robot(rv)
    ets = dh.ets()
    Q = random_joints(rv, FK_CONFIGS, seed=12)
    ours = rv.fkine(Q)
    for theirs in (
        to_mm(np.array([ets.eval(q) for q in Q])),
        to_mm(np.array([dh.fkine(q).A for q in Q])),
    ):
        np.testing.assert_allclose(
            ours[:, :3, 3], theirs[:, :3, 3], rtol=0, atol=POSITION_MM
        )
        np.testing.assert_allclose(
            ours[:, :3, :3], theirs[:, :3, :3], rtol=0, atol=ROTATION
        )


@pytest.mark.parametrize("name", MODELS)
@MOUNTS
def test_jacobian_matches_pinocchio(name, mounted):
    """The Jacobian equals pinocchio's TCP frame Jacobian, LOCAL_WORLD_ALIGNED."""
    rv = _robot(name, mounted)
    model, data, tcp = pinocchio_model(rv)
    Q = random_joints(rv, FK_CONFIGS, seed=13)
    ours = rv.jacobian(Q)
    frame = pin.ReferenceFrame.LOCAL_WORLD_ALIGNED
    theirs = np.array([pin.computeFrameJacobian(model, data, q, tcp, frame) for q in Q])
    # Linear rows are mm/rad (up to ~1.5e3): 1e-9 mm/rad is ~1e-12 relative.
    np.testing.assert_allclose(
        ours[:, :3], theirs[:, :3] * MM_PER_M, rtol=0, atol=POSITION_MM
    )
    np.testing.assert_allclose(ours[:, 3:], theirs[:, 3:], rtol=0, atol=ROTATION)


def _rtb_solve(rv, ets, T_mm, seed):
    """Return rtb ``ik_LM`` solutions (m, 6) (NaN where none was found).

    Each target gets up to ``IK_ATTEMPTS`` single searches, each from a random
    in-limit guess of a seeded generator, so the run is reproducible and the
    branches found vary.
    """
    rng = np.random.default_rng(seed)
    lo, hi = rv.limits_rad[:, 0], rv.limits_rad[:, 1]
    out = np.full((len(T_mm), 6), np.nan)
    for k, T in enumerate(to_metres(T_mm)):
        for _ in range(IK_ATTEMPTS):
            sol = ets.ik_LM(
                T, q0=rng.uniform(lo, hi), ilimit=30, slimit=1, tol=RTB_TOL,
                joint_limits=True,
            )  # fmt: skip
            if sol.success:
                out[k] = sol.q
                break
    return out


@pytest.mark.parametrize("name", MODELS)
@MOUNTS
def test_ik_reproduces_rtb_branch(name, mounted):
    """Given the flags of the solution rtb's ik_LM found, IK returns that solution.

    rtb starts from random guesses, so it lands on varied branches; from the
    flags of its answer our closed form must give the same joints (mod 2 pi)
    away from singularities, and everywhere the same TCP as rtb's answer.
    """
    rv = _robot(name, mounted)
    ets = dh_robot(rv).ets()
    targets = rv.fkine(random_joints(rv, IK_TARGETS, seed=14))
    q_rtb = _rtb_solve(rv, ets, targets, seed=15)
    found = ~np.isnan(q_rtb).any(axis=1)
    assert found.mean() >= 0.9, f"rtb solved only {found.sum()} of {IK_TARGETS}"
    q_rtb = q_rtb[found]
    # rtb converges to 0.5|e|^2 < tol (about 1e-5 m): aim at the pose of its
    # answer (our FK equals rtb's, see above) rather than at the first target.
    T_rtb = rv.fkine(q_rtb)
    np.testing.assert_allclose(
        T_rtb[:, :3, 3], targets[found, :3, 3], atol=np.sqrt(2 * RTB_TOL) * MM_PER_M
    )
    fl1, fl2 = rv.flags(q_rtb)
    result = rv.ikine(T_rtb, fl1, fl2)
    assert result.success.all(), result.reasons()[int(np.argmin(result.success))]
    ours = rv.fkine(result.q)
    np.testing.assert_allclose(
        ours[:, :3, 3], T_rtb[:, :3, 3], rtol=0, atol=POSITION_MM
    )
    np.testing.assert_allclose(
        ours[:, :3, :3], T_rtb[:, :3, :3], rtol=0, atol=IK_ROTATION
    )
    regular = well_conditioned(rv, q_rtb, margin=SINGULAR_MARGIN)
    assert regular.mean() > 0.9
    np.testing.assert_allclose(
        _wrap(result.q[regular] - q_rtb[regular]), 0.0, atol=JOINT_RAD
    )
    back_fl1, back_fl2 = rv.flags(result.q)
    np.testing.assert_array_equal(back_fl1[regular], fl1[regular])
    np.testing.assert_array_equal(back_fl2[regular], fl2[regular])
