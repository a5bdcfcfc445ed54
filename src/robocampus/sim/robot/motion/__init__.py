"""Motion planning: MELFA moves as trajectories sampled every controller cycle.

To use::

    from robocampus.sim.robot import load_model, Pose
    from robocampus.sim.robot.motion import MotionSettings, plan_mov, plan_mvs
    rv = load_model("RV-2FR")
    move = plan_mov(rv, rv.named_pose("home"), Pose(300, 0, 300, 180, 0, 180),
                    MotionSettings(ovrd_pct=50))
    move.duration_s, move.tcp_xyz_mm[-1]
"""

from robocampus.sim.robot.motion.planner import (
    near_point,
    plan_mov,
    plan_mvc,
    plan_mvr,
    plan_mvr2,
    plan_mvr3,
    plan_mvs,
    pose_matrix,
)
from robocampus.sim.robot.motion.profile import Profile, sample_times
from robocampus.sim.robot.motion.settings import CONTROL_CYCLE_S, MotionSettings
from robocampus.sim.robot.motion.trajectory import Trajectory

__all__ = [
    "CONTROL_CYCLE_S",
    "MotionSettings",
    "Profile",
    "Trajectory",
    "near_point",
    "plan_mov",
    "plan_mvc",
    "plan_mvr",
    "plan_mvr2",
    "plan_mvr3",
    "plan_mvs",
    "pose_matrix",
    "sample_times",
]
