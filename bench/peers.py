"""The peers, built from a ``Robot``: pinocchio (URDF) and roboticstoolbox (DH).

The benchmarks (``make bench`` or ``python -m bench``) time these beside our
engine, and the oracle tests (``pytest -m oracle``) check our kinematics
against them. Both peers come with the ``bench`` extra
(``pip install -e '.[bench]'``); they are imported only when a builder is
called, so this module itself imports without them.

Both peers work in metres and our engine in millimetres: ``MM_PER_M``
converts. The models include the robot's base (MELFA ``Base``) and tool
(``Tool``), so their last frame is the TCP our ``fkine`` returns.

To use::

    rv = load_model("RV-2FR")
    model, data, tcp = pinocchio_model(rv)   # tcp: frame id of the TCP
    ets = dh_robot(rv).ets()                 # rtb's fast C++ ETS, metres
"""

from __future__ import annotations

import importlib.util
import math

import numpy as np

from robocampus.sim.robot import Robot

MM_PER_M = 1000.0
TCP_FRAME = "tcp"
"""Name of the TCP frame in the URDF (flange plus tool)."""


def installed() -> dict[str, bool]:
    """Return which peers can be imported, by module name."""
    return {
        name: importlib.util.find_spec(name) is not None
        for name in ("pinocchio", "roboticstoolbox")
    }


def versions() -> dict[str, str]:
    """Return the installed peers' versions (only those installed)."""
    out = {}
    if installed()["pinocchio"]:
        import pinocchio

        out["pinocchio"] = pinocchio.__version__
    if installed()["roboticstoolbox"]:
        import roboticstoolbox

        out["roboticstoolbox"] = roboticstoolbox.__version__
    return out


# -- pinocchio -------------------------------------------------------------------


def _num(value_mm: float) -> str:
    """Return a length in mm as metres, at full float precision."""
    return repr(float(value_mm) / MM_PER_M)


def _origin(xyz_mm, rpy_rad=(0.0, 0.0, 0.0)) -> str:
    xyz = " ".join(_num(v) for v in xyz_mm)
    rpy = " ".join(repr(float(v)) for v in rpy_rad)
    return f'<origin xyz="{xyz}" rpy="{rpy}"/>'


def _rpy(xyzabc) -> tuple[float, float, float]:
    """Return URDF roll, pitch, yaw of a MELFA pose: A, B, C in radians.

    MELFA's posture is ``Rz(C) Ry(B) Rx(A)``, URDF's ``Rz(yaw) Ry(pitch)
    Rx(roll)``: the same angles.
    """
    return tuple(math.radians(v) for v in xyzabc[3:])


def urdf(robot: Robot) -> str:
    """Return a URDF of ``robot`` in metres: base, six revolute joints, tool.

    Links ``world`` -> ``base_link`` (MELFA Base) -> ``link1`` .. ``link6``
    (``link6`` is the flange) -> ``tcp`` (MELFA Tool). Joint origins are in
    the previous link's frame with zero rotation; axes z, y, y, z, y, z.
    """
    g = robot.geometry
    joints = [
        ((0.0, 0.0, 0.0), "0 0 1"),
        ((g.a1, 0.0, g.d1), "0 1 0"),
        ((0.0, 0.0, g.L2), "0 1 0"),
        ((-g.e, 0.0, 0.0), "0 0 1"),
        ((0.0, 0.0, g.L4), "0 1 0"),
        ((0.0, 0.0, g.L6), "0 0 1"),
    ]
    links = ["world", "base_link"] + [f"link{i}" for i in range(1, 7)] + [TCP_FRAME]
    parts = [f'<robot name="{robot.name}">']
    parts += [f'  <link name="{name}"/>' for name in links]
    parts.append(
        '  <joint name="base" type="fixed"><parent link="world"/>'
        '<child link="base_link"/>'
        f"{_origin(robot.base_xyzabc[:3], _rpy(robot.base_xyzabc))}</joint>"
    )
    for i, (xyz, axis) in enumerate(joints):
        lo, hi = (float(v) for v in robot.limits_rad[i])
        speed = float(robot.max_speed_rad_s[i])
        parts.append(
            f'  <joint name="J{i + 1}" type="revolute">'
            f'<parent link="{links[i + 1]}"/><child link="{links[i + 2]}"/>'
            f'{_origin(xyz)}<axis xyz="{axis}"/>'
            f'<limit lower="{lo!r}" upper="{hi!r}" effort="0" velocity="{speed!r}"/>'
            "</joint>"
        )
    parts.append(
        '  <joint name="tool" type="fixed"><parent link="link6"/>'
        f'<child link="{TCP_FRAME}"/>'
        f"{_origin(robot.tool_xyzabc[:3], _rpy(robot.tool_xyzabc))}</joint>"
    )
    parts.append("</robot>")
    return "\n".join(parts)


def pinocchio_model(robot: Robot):
    """Return pinocchio's ``(model, data, tcp_frame_id)`` for ``robot``."""
    import pinocchio as pin

    model = pin.buildModelFromXML(urdf(robot))
    return model, model.createData(), model.getFrameId(TCP_FRAME)


# -- roboticstoolbox ---------------------------------------------------------------


def dh_robot(robot: Robot):
    """Return ``robot`` as a roboticstoolbox ``DHRobot`` (standard DH, metres).

    ``A_i = Rz(q_i + offset_i) Tz(d_i) Tx(a_i) Rx(alpha_i)`` with q_i the MELFA
    joint angle; joint limits, base and tool included.
    """
    import roboticstoolbox as rtb
    from spatialmath import SE3

    g = robot.geometry
    half = math.pi / 2
    rows = [  # d, a, alpha, offset (mm, rad)
        (g.d1, g.a1, -half, 0.0),
        (0.0, g.L2, 0.0, -half),
        (0.0, g.e, -half, -half),
        (g.L4, 0.0, half, 0.0),
        (0.0, 0.0, -half, 0.0),
        (g.L6, 0.0, 0.0, math.pi),
    ]
    links = [
        rtb.RevoluteDH(
            d=d / MM_PER_M, a=a / MM_PER_M, alpha=alpha, offset=offset,
            qlim=robot.limits_rad[i].copy(),
        )
        for i, (d, a, alpha, offset) in enumerate(rows)
    ]  # fmt: skip
    return rtb.DHRobot(
        links,
        name=robot.name,
        base=SE3(_matrix_m(robot.base_xyzabc), check=False),
        tool=SE3(_matrix_m(robot.tool_xyzabc), check=False),
    )


def _matrix_m(xyzabc) -> np.ndarray:
    """Return the 4x4 transform of a MELFA pose (mm, deg) in metres."""
    a, b, c = _rpy(xyzabc)
    ca, sa, cb, sb, cc, sc = (f(v) for v in (a, b, c) for f in (math.cos, math.sin))
    T = np.eye(4)
    T[:3, :3] = [
        [cc * cb, cc * sb * sa - sc * ca, cc * sb * ca + sc * sa],
        [sc * cb, sc * sb * sa + cc * ca, sc * sb * ca - cc * sa],
        [-sb, cb * sa, cb * ca],
    ]
    T[:3, 3] = np.asarray(xyzabc[:3], dtype=float) / MM_PER_M
    return T


def to_metres(T_mm: np.ndarray) -> np.ndarray:
    """Return transforms (..., 4, 4) with their translation in metres."""
    T = np.array(T_mm, dtype=float)
    T[..., :3, 3] /= MM_PER_M
    return T


def to_mm(T_m: np.ndarray) -> np.ndarray:
    """Return transforms (..., 4, 4) with their translation in millimetres."""
    T = np.array(T_m, dtype=float)
    T[..., :3, 3] *= MM_PER_M
    return T
