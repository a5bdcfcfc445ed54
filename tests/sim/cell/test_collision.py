"""Continuous collision checking: the right time, no tunnelling, no false alarms."""

import numpy as np
import pytest

from robocampus.sim.cell.collision import (
    TIME_RESOLUTION_S,
    Capsule,
    Carried,
    Scene,
    Solid,
    first_contact,
)
from robocampus.sim.cell.geometry import Box

DT = 0.0035


def placed(x, y, z):
    T = np.eye(4)
    T[:3, 3] = (x, y, z)
    return T


def sweep(start, velocity, duration, radius=20.0, length=100.0, dt=DT):
    """A vertical capsule (bottom at ``start``) moving at ``velocity`` mm/s."""
    n = int(np.floor(duration / dt + 1e-9))
    t = np.append(np.arange(n + 1) * dt, duration) if n * dt < duration else (
        np.arange(n + 1) * dt)  # fmt: skip
    bottom = np.asarray(start, float) + t[:, None] * np.asarray(velocity, float)
    top = bottom + [0.0, 0.0, length]
    speed = np.full(len(t) - 1, float(np.linalg.norm(velocity)))
    return t, Capsule("tool", bottom, top, radius), speed


def at_factory(start, velocity, radius=20.0, length=100.0, **scene_kwargs):
    def at(time_s):
        bottom = np.asarray(start, float) + time_s * np.asarray(velocity, float)
        cap = Capsule("tool", bottom[None], (bottom + [0, 0, length])[None], radius)
        return Scene(np.array([time_s]), [cap], robot_speed_mm_s=np.zeros(0),
                     **scene_kwargs)  # fmt: skip

    return at


def test_contact_is_found_at_the_right_time():
    """A ball of 20 mm moving down at 100 mm/s from z=100 meets a table top at 0."""
    table = Solid("table", Box((400.0, 400.0, 20.0)), placed(0, 0, -10))
    t, cap, speed = sweep((0, 0, 100.0), (0, 0, -100.0), 1.5)
    contact = first_contact(
        Scene(t, [cap], [table], speed),
        at_factory((0, 0, 100.0), (0, 0, -100.0), solids=[table]),
    )
    # The capsule's bottom ball (radius 20) touches z=0 when its centre is at 20.
    assert contact.time_s == pytest.approx(0.8, abs=2 * TIME_RESOLUTION_S)
    assert (contact.body, contact.other) == ("tool", "table")
    assert contact.sample == int(np.ceil(0.8 / DT - 1e-6))
    assert 0.0 < contact.depth_mm <= 100.0 * DT


def test_near_miss_of_one_millimetre_is_not_a_contact():
    table = Solid("table", Box((400.0, 400.0, 20.0)), placed(0, 0, -10))
    # Pass 1 mm above the table: ball centre at z = 21 while moving sideways.
    t, cap, speed = sweep((-300, 0, 21.0), (600.0, 0, 0), 1.0)
    assert (
        first_contact(
            Scene(t, [cap], [table], speed),
            at_factory((-300, 0, 21.0), (600, 0, 0), solids=[table]),
        )
        is None
    )


def test_a_thin_wall_cannot_be_tunnelled():
    """At 2 m/s a sample every 3.5 ms jumps 7 mm; the 2 mm wall is still found."""
    wall = Solid("fence", Box((2.0, 400.0, 400.0)), placed(0, 0, 0))
    start, vel = (-303.5, 0.0, -50.0), (2000.0, 0.0, 0.0)
    t, cap, speed = sweep(start, vel, 0.3, radius=0.5)
    # No sample has the 0.5 mm ball touching the wall (x in -1.5 .. 1.5 mm).
    x = cap.a[:, 0]
    assert not ((x > -2.0) & (x < 2.0)).any()
    contact = first_contact(
        Scene(t, [cap], [wall], speed),
        at_factory(start, vel, radius=0.5, solids=[wall]),
    )
    assert contact is not None
    assert contact.time_s == pytest.approx((303.5 - 1.5) / 2000, abs=2e-5)


def test_without_interpolation_only_samples_decide():
    """With no way to rebuild the scene between samples, nothing is invented."""
    wall = Solid("fence", Box((2.0, 400.0, 400.0)), placed(0, 0, 0))
    t, cap, speed = sweep((-303.5, 0.0, -50.0), (2000.0, 0, 0), 0.3, radius=0.5)
    assert first_contact(Scene(t, [cap], [wall], speed)) is None


def test_penetration_within_tolerance_is_allowed():
    """A suction cup may press 5 mm into the part it picks."""
    part = Solid("P1", Box((50.0, 50.0, 30.0)), placed(0, 0, 15))
    t, cap, speed = sweep((0, 0, 100.0), (0, 0, -100.0), 0.62, radius=10.0)
    scene = Scene(t, [cap], [part], speed, tolerance_mm={("tool", "P1"): 5.0})
    # Lowest ball centre 100 - 62 = 38 mm: ball bottom 28 mm, 2 mm into the part.
    assert first_contact(scene) is None
    deeper = Scene(t, [cap], [part], speed, tolerance_mm={("tool", "P1"): 1.0})
    assert first_contact(deeper).other == "P1"


def test_ignored_pairs_are_not_checked():
    part = Solid("P1", Box((50.0, 50.0, 30.0)), placed(0, 0, 15))
    t, cap, speed = sweep((0, 0, 100.0), (0, 0, -100.0), 1.0, radius=10.0)
    scene = Scene(t, [cap], [part], speed, ignore=frozenset({("tool", "P1")}))
    assert first_contact(scene) is None


def test_a_moving_part_is_checked_at_its_own_speed():
    """A part on a conveyor runs into a still capsule."""
    t = np.arange(0, 301) * DT
    T = np.repeat(placed(0, 0, 15)[None], len(t), axis=0)
    T[:, 0, 3] = -300 + 400.0 * t  # 400 mm/s along X
    part = Solid("P1", Box((50.0, 50.0, 30.0)), T, speed_mm_s=400.0)
    cap = Capsule("tool", np.tile([0.0, 0, 0], (len(t), 1)),
                  np.tile([0.0, 0, 100], (len(t), 1)), 10.0)  # fmt: skip
    contact = first_contact(Scene(t, [cap], [part], np.zeros(len(t) - 1)))
    # Front face at x = -275 + 400 t meets the ball surface x = -10 at t = 0.6625.
    assert contact.time_s == pytest.approx(0.6625, abs=DT)
    assert contact.other == "P1"


def test_self_collision_between_robot_bodies():
    t, cap, speed = sweep((-200, 0, 0), (200.0, 0, 0), 1.0, radius=10.0)
    column = Capsule("column", np.zeros((len(t), 3)),
                     np.tile([0.0, 0, 300], (len(t), 1)), 40.0)  # fmt: skip
    scene = Scene(t, [cap, column], [], speed, self_pairs=(("tool", "column"),))
    contact = first_contact(scene)
    assert (contact.body, contact.other) == ("tool", "column")
    assert contact.time_s == pytest.approx(0.75, abs=DT)


def test_carried_part_hits_a_fixture_but_may_rest_on_it():
    t = np.arange(0, 201) * DT
    T = np.repeat(placed(0, 0, 0)[None], len(t), axis=0)
    T[:, 2, 3] = 100.0 - 200.0 * t  # part centre descends from 100 to -40
    carried = Carried("P1", Box((50.0, 50.0, 30.0)), T, tolerance_mm=0.5)
    table = Solid("table", Box((400.0, 400.0, 20.0)), placed(0, 0, -10))
    cap = Capsule("tool", T[:, :3, 3] + [0, 0, 40], T[:, :3, 3] + [0, 0, 140], 10.0)
    scene = Scene(t, [cap], [table], np.full(len(t) - 1, 200.0), carried=carried)
    contact = first_contact(scene)
    # Bottom face at z = 85 - 200 t sinks 0.5 mm into the table top at t = 0.4275.
    assert contact.body == "part"
    assert contact.other == "table"
    assert contact.time_s == pytest.approx(0.4275, abs=DT)
    resting = Scene(t[:120], [Capsule("tool", cap.a[:120], cap.b[:120], 10.0)],
                    [table], np.full(119, 200.0),
                    carried=Carried("P1", carried.shape, T[:120], 0.5))  # fmt: skip
    # At sample 119 the bottom face is at 85 - 200 * 0.4165 = 1.7 mm: no contact.
    assert first_contact(resting) is None


@pytest.mark.parametrize("speed", [2.0, 28.0, 100.0])
def test_a_slow_body_cannot_pass_through_a_solid(speed):
    """Overlapping bounding boxes say nothing about depth: the exact check runs."""
    block = Solid("block", Box((100.0, 100.0, 100.0)), placed(0, 0, 0))
    duration = 200.0 / speed
    t, cap, v = sweep((-100, 0, -50), (speed, 0, 0), duration, radius=5.0, dt=0.0035)
    contact = first_contact(Scene(t, [cap], [block], v))
    assert contact is not None
    assert contact.time_s == pytest.approx((100 - 50 - 5) / speed, abs=speed * 0 + DT)
