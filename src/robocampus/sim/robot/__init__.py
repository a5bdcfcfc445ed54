"""MELFA robot models, kinematics and motion planning.

To use::

    from robocampus.sim.robot import load_model
    rv = load_model("RV-2FR")
    pose = rv.fk([0, 0, 90, 0, 90, 0])   # X,Y,Z mm; A,B,C deg; FL1, FL2
    joints = rv.ik(pose)                  # the branch the pose's flags name
"""

from robocampus.sim.robot.model import load_model, model_names
from robocampus.sim.robot.pose import Joints, Pose, fl1_text, fl2_from_turns, fl2_turns
from robocampus.sim.robot.robot import IKResult, Robot

__all__ = [
    "IKResult",
    "Joints",
    "Pose",
    "Robot",
    "fl1_text",
    "fl2_from_turns",
    "fl2_turns",
    "load_model",
    "model_names",
]
