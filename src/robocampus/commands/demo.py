"""``robocampus demo``: a pick-and-place cycle on a simulated MELFA arm.

Prints every move: the statement, where the TCP ends, its structure flags
and how long the move takes, then the cycle time.
"""

from __future__ import annotations

from robocampus.sim.robot import Pose, load_model
from robocampus.sim.robot.motion import (
    MotionSettings,
    Trajectory,
    plan_mov,
    plan_mvs,
)

# A pick-and-place cycle for an RV-2FR class arm, flange pointing down:
# approach 50 mm above, straight down, straight up, across, and back home.
PICK = Pose(300.0, -150.0, 200.0, 180.0, 0.0, 180.0)
PLACE = Pose(300.0, 150.0, 250.0, 180.0, 0.0, 180.0)


def _demo_moves(rv, settings: MotionSettings, slow: MotionSettings):
    """Yield (statement, trajectory) for one pick-and-place cycle."""
    q = rv.named_pose("home")
    steps = [
        ("Mov PPick, -50", lambda q: plan_mov(rv, q, PICK, settings, offset_mm=-50)),
        ("Mvs PPick", lambda q: plan_mvs(rv, q, PICK, slow)),
        ("Mvs PPick, -50", lambda q: plan_mvs(rv, q, PICK, slow, offset_mm=-50)),
        ("Mov PPlace, -50", lambda q: plan_mov(rv, q, PLACE, settings, offset_mm=-50)),
        ("Mvs PPlace", lambda q: plan_mvs(rv, q, PLACE, slow)),
        ("Mvs PPlace, -50", lambda q: plan_mvs(rv, q, PLACE, slow, offset_mm=-50)),
        ("Mov PHome", lambda q: plan_mov(rv, q, rv.named_pose("home"), settings)),
    ]
    for statement, plan in steps:
        move: Trajectory = plan(q)
        yield statement, move
        q = move.end


def demo(model: str, ovrd: float, spd: float) -> int:
    """Print a pick-and-place cycle and its cycle time; return an exit status."""
    rv = load_model(model)
    settings = MotionSettings(ovrd_pct=ovrd)
    slow = MotionSettings(ovrd_pct=ovrd, spd_mm_s=spd)
    print(f"robocampus engine demo: {rv.name} ({rv.model.series}), Ovrd {ovrd:g}%,")
    print(f"approach/retract with Spd {spd:g} mm/s, sampled every 3.5 ms.\n")
    print(f"{'step':<18}{'end pose (X,Y,Z,A,B,C)(FL1,FL2)':<58}{'time s':>8}")
    total = 0.0
    samples = 0
    for statement, move in _demo_moves(rv, settings, slow):
        total += move.duration_s
        samples += len(move.times_s)
        print(f"{statement:<18}{rv.fk(move.end)!s:<58}{move.duration_s:>8.3f}")
    print(f"\ncycle time {total:.3f} s over {samples} controller samples")
    return 0
