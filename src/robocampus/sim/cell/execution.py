"""Running a robot motion inside a cell.

The robot follows a trajectory one controller tick per sample. The motion is
taken in stretches that end at the next world event (a sensor edge, a spawn,
a gripper finishing), and each stretch is checked in one vectorised pass:

- collision (``checking.first_contact``, the compiled form of
  ``collision``'s method): robot links, tool and fingers and the carried
  part against fixtures, parts and the robot itself;
- the work area: the TCP must stay inside it;
- speed and separation (ISO/TS 15066) for people near a collaborative robot;
- a carried part crossing a photo-eye beam (an input edge).

A collision or leaving the work area stops the run (``World.halt``). A light
curtain set to stop the robot, or a separation violation, holds the robot
where it is until the way is clear (a safeguard stop), then it goes on. A
``stop_when`` condition, checked whenever inputs change, ends the motion early
(MELFA's interrupts).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from robocampus.sim.cell import checking
from robocampus.sim.cell.bodies import body_capsules
from robocampus.sim.cell.devices.sensors import PhotoEyeDevice, PresenceDevice
from robocampus.sim.cell.geometry import aabb, segment_segment
from robocampus.sim.cell.people import HEIGHT_MM
from robocampus.sim.cell.safety import SsmParameters, ssm_defaults
from robocampus.sim.cell.safety.ssm import protective_separation_distances_mm
from robocampus.sim.errors import SimError

STILL_STEP_S = 0.05
"""Sample spacing when a still robot is checked against parts on a belt, s."""


class CollisionError(SimError):
    code = "collision"
    template_en = "collision at {time_s:.3f} s: {body} hit {other} ({depth_mm:.1f} mm)"
    template_ko = (
        "{time_s:.3f}초에 충돌: {body}이(가) {other}에 부딪혔습니다 "
        "(깊이 {depth_mm:.1f} mm)"
    )


class WorkAreaError(SimError):
    code = "work_area"
    template_en = (
        "the TCP left the work area at {time_s:.3f} s "
        "(X={x:.1f}, Y={y:.1f}, Z={z:.1f} mm)"
    )
    template_ko = (
        "{time_s:.3f}초에 TCP가 작업 영역을 벗어났습니다 "
        "(X={x:.1f}, Y={y:.1f}, Z={z:.1f} mm)"
    )


class SafetyStopError(SimError):
    code = "safety_stop"
    template_en = (
        "the robot was stopped by {device} at {time_s:.3f} s and never released"
    )
    template_ko = (
        "{time_s:.3f}초에 {device}에 의해 로봇이 정지한 뒤 해제되지 않았습니다"
    )


@dataclass(frozen=True)
class MotionOutcome:
    """How a motion ended: completed, or stopped early and why."""

    completed: bool
    reason: str = ""
    """"" when completed; "condition", "collision", "work_area" or "safety"."""


def _ssm_parameters(world) -> SsmParameters | None:
    ssm = world.spec.zones.ssm
    if ssm is None or not ssm.enabled or not world.walkers:
        return None
    given = ssm.model_dump(exclude={"enabled"}, exclude_none=True)
    return dataclasses.replace(ssm_defaults(), **given)


def _separation(world, Q, T_tcp, times_s) -> np.ndarray:
    """Return the least distance (n,) between the robot and any person, mm."""
    caps = body_capsules(world, Q, T_tcp)
    m, n = len(caps.names), len(times_s)
    best = np.full(n, np.inf)
    for walker in world.walkers:
        xy = np.tile(walker.xy_at(times_s), (m, 1))
        foot = np.column_stack([xy, np.zeros(m * n)])
        head = np.column_stack([xy, np.full(m * n, HEIGHT_MM)])
        gap = segment_segment(caps.a.reshape(-1, 3), caps.b.reshape(-1, 3), foot, head)
        gap = gap.reshape(m, n) - caps.radius_mm[:, None] - walker.radius_mm
        best = np.minimum(best, gap.min(axis=0))
    return best


def _may_reach_robot(world, movers, until_tick: int) -> bool:
    """Return False if no part on a belt can come near the still robot.

    A belt part moves in a straight line, so the ball that holds it at the
    two ends of the wait, swept between them, holds it all the while; the
    still robot (and the part it holds) is inside one box. Plain floats:
    this runs at every event of every wait.
    """
    lo, hi = _still_robot_box(world)
    for part in movers:
        r = part.shape.bound_radius_mm
        a = part.position_at(world.tick, world.dt)
        b = part.position_at(until_tick, world.dt)
        if all(
            min(a[i], b[i]) - r <= hi[i] and max(a[i], b[i]) + r >= lo[i]
            for i in range(3)
        ):
            return True
    return False


def _still_robot_box(world) -> tuple[list[float], list[float]]:
    """Return the box (lo, hi) around every body of the robot standing at
    ``world.q`` and the part it holds, mm; kept while it stands."""
    held = None if world.held is None else (world.held.id, world.held.version)
    key = ("still robot", world.q.tobytes(), world.opening_mm, held)
    cached = world.check_cache.get(key)
    if cached is None:
        q = world.q[None]
        T = world.robot.fkine(q)
        caps = body_capsules(world, q, T)
        lo_all, hi_all = (b[:, 0] for b in caps.bounds())
        if world.held is not None:
            lo_p, hi_p = aabb(world.held.shape, T[0] @ world.part_in_tcp)
            lo_all, hi_all = np.vstack([lo_all, lo_p]), np.vstack([hi_all, hi_p])
        cached = (lo_all.min(axis=0).tolist(), hi_all.max(axis=0).tolist())
        for old in [k for k in world.check_cache if k[0] == "still robot"]:
            del world.check_cache[old]
        world.check_cache[key] = cached
    return cached


def check_still(world, until_tick: int) -> bool:
    """Check the still robot against moving parts up to ``until_tick``.

    If a part on a belt runs into it, move the clock there, stop the run and
    return True. Samples every ``STILL_STEP_S``; the collision checker's
    bound (the belt's speed) certifies the time in between.
    """
    movers = [p for p in world.parts.values() if p.moving and not p.held]
    if until_tick <= world.tick or not movers:
        return False
    if not _may_reach_robot(world, movers, until_tick):
        return False
    step = max(1, round(STILL_STEP_S / world.dt))
    ticks = np.unique(np.append(np.arange(world.tick, until_tick, step), until_tick))
    times = ticks * world.dt
    Q = np.repeat(world.q[None], len(ticks), axis=0)
    T = np.repeat(world.tcp_pose()[None], len(ticks), axis=0)
    part_T = T @ world.part_in_tcp if world.held is not None else None
    contact = checking.first_contact(world, times, Q, T, part_T)
    if contact is None:
        return False
    world.advance_to(math.ceil(contact.time_s / world.dt - 1e-9))
    body, other = (_body_name(world, n) for n in (contact.body, contact.other))
    error = CollisionError(
        time_s=contact.time_s, body=body, other=other, depth_mm=contact.depth_mm
    )
    world.halt(error, "collision", subject=body)
    return True


def run_motion(world, traj, stop_when=None) -> MotionOutcome:
    """Move the robot along ``traj``; return how the motion ended."""
    world.emit("motion_start", traj.motion, duration_s=round(traj.duration_s, 6))
    start = world.tick
    n = len(traj.times_s)
    offsets = np.ceil(traj.times_s / world.dt - 1e-9).astype(np.int64)
    Q, T_all = traj.joints_rad, traj.tcp
    tcp_speed = np.concatenate([[0.0], traj.tcp_speeds_mm_s()]) if n > 1 else [0.0]
    ssm = _ssm_parameters(world)
    shift = 0
    k = 0
    world.trace.robot(world.time_s, Q[0], force=True)
    world.motion_progress = (traj, 0)
    last_state = None
    while k < n - 1:
        if (k, world.tick) == last_state:
            raise RuntimeError(f"motion made no progress at sample {k}")  # a bug
        last_state = (k, world.tick)
        guard = _active_guard(world)
        if guard is not None:
            held = _hold_for_guard(world, guard)
            if world.halted is not None:
                return MotionOutcome(False, "safety")
            shift += held
            continue
        nxt = world.next_event_tick()
        sample_ticks = start + offsets + shift
        last = (
            n - 1
            if nxt is None
            else min(n - 1, int(np.searchsorted(sample_ticks, nxt, side="right")) - 1)
        )
        if last <= k:
            world.advance_to(nxt)
            if world.halted is not None:
                return MotionOutcome(False, "collision")
            if stop_when is not None and stop_when(world):
                return _stopped(world, traj, Q[k])
            continue
        idx = np.arange(k, last + 1)
        times = sample_ticks[idx] * world.dt
        cut, what = _check_stretch(world, idx, times, Q, T_all, tcp_speed, ssm)
        _record(world, times[: cut - k + 1], Q[k : cut + 1], T_all[k : cut + 1])
        world.q = Q[cut]
        world.motion_progress = (traj, cut)
        world.advance_to(int(sample_ticks[cut]))
        if world.halted is not None:
            return MotionOutcome(False, "collision")
        if what is not None:
            kind, payload = what
            if kind in ("collision", "work_area"):
                world.trace.robot(world.time_s, world.q, force=True)
                event = "collision" if kind == "collision" else "zone_violation"
                world.halt(payload["error"], event, subject=payload.get("subject", ""))
                return MotionOutcome(False, kind)
            if kind == "beam":
                for eye in payload:
                    eye.refresh(world)
            if kind == "ssm":
                held = _hold_for_separation(
                    world, ssm, payload, Q[cut + 1 :], tcp_speed[cut + 1 :]
                )
                if world.halted is not None:
                    return MotionOutcome(False, "safety")
                shift += held
        k = cut
        if stop_when is not None and stop_when(world):
            return _stopped(world, traj, Q[k])
    world.q = Q[-1]
    world.motion_progress = None
    world.trace.robot(world.time_s, world.q, force=True)
    if world.held is not None:
        _part_frame(world, world.time_s, T_all[-1])
    world.emit("motion_end", traj.motion)
    return MotionOutcome(True)


def _stopped(world, traj, q) -> MotionOutcome:
    """End the motion early at ``q``; ``world.motion_progress`` keeps the sample."""
    world.q = q
    world.trace.robot(world.time_s, q, force=True)
    world.emit("motion_stopped", traj.motion)
    return MotionOutcome(False, "condition")


def _check_stretch(world, idx, times, Q, T_all, tcp_speed, ssm):
    """Return (last sample to take, what cut the stretch short or None)."""
    k, last = int(idx[0]), int(idx[-1])
    Qw, Tw = Q[k : last + 1], T_all[k : last + 1]
    part_T = Tw @ world.part_in_tcp if world.held is not None else None
    cut, what = last, None
    contact = checking.first_contact(world, times, Qw, Tw, part_T)
    if contact is not None:
        sample = k + contact.sample
        body, other = (_body_name(world, n) for n in (contact.body, contact.other))
        error = CollisionError(
            time_s=contact.time_s, body=body, other=other, depth_mm=contact.depth_mm
        )
        cut, what = sample, ("collision", {"error": error, "subject": body})
    area = world.spec.zones.work_area
    if area is not None:
        p = Tw[:, :3, 3]
        out = np.flatnonzero(((p < area.min) | (p > area.max)).any(axis=1))
        if out.size and k + int(out[0]) < cut:
            j = int(out[0])
            x, y, z = (float(v) for v in p[j])
            error = WorkAreaError(time_s=float(times[j]), x=x, y=y, z=z)
            cut, what = k + j, ("work_area", {"error": error})
    if ssm is not None:
        sep = _separation(world, Qw, Tw, times)
        need = protective_separation_distances_mm(tcp_speed[idx], ssm)
        # The robot stands at sample 0; hold before the first later sample
        # that comes too close.
        bad = np.flatnonzero(sep[1:] < need[1:]) + 1
        if bad.size and k + int(bad[0]) - 1 < cut:
            j = int(bad[0])
            info = {
                "separation_mm": float(sep[j]),
                "required_mm": float(need[j]),
                "time_s": float(times[j]),
            }
            cut, what = k + j - 1, ("ssm", info)
    if world.held is not None:
        change = _beam_change(world, part_T)
        if change is not None and k + change[0] < cut:
            cut, what = k + change[0], ("beam", change[1])
    return cut, what


def _body_name(world, name: str) -> str:
    """Return how an error names a body: the carried part by its id."""
    return f"part {world.held.id}" if name == "part" else name


def _beam_change(world, part_T):
    """Return (first sample, photo-eyes) where the carried part changes a beam."""
    eyes = [
        d for d in world.devices if isinstance(d, PhotoEyeDevice) and d.sees(world.held)
    ]
    first = None
    for eye in eyes:
        seen = eye.blocks_along(world.held.shape, part_T)
        changed = np.flatnonzero(seen != eye.held_blocking)
        if changed.size and (first is None or changed[0] < first):
            first = int(changed[0])
    return None if first is None else (first, eyes)


def _record(world, times, Q, T):
    """Record playback frames (and the carried part) for a stretch."""
    keep = world.trace.robot_frames_due(times)
    keep[-1] = True
    world.trace.robot_many(times[keep], Q[keep])
    if world.held is not None:
        part = world.held
        world.trace.part_many(
            times[keep], part.id, part.type.type, T[keep] @ world.part_in_tcp
        )


def _part_frame(world, time_s, T_tcp):
    part = world.held
    world.trace.part(time_s, part.id, part.type.type, T_tcp @ world.part_in_tcp)


def _active_guard(world):
    for d in world.devices:
        guarding = isinstance(d, PresenceDevice) and d.spec.stops_robot
        if guarding and world.io.inputs.get(d.spec.input_bit, 0):
            return d
    return None


def _hold_for_guard(world, guard) -> int:
    """Hold the robot while ``guard``'s input is on; return the ticks held."""
    began = world.tick
    world.emit("protective_stop", guard.id)
    world.trace.robot(world.time_s, world.q, force=True)
    while world.io.inputs.get(guard.spec.input_bit, 0):
        nxt = world.next_event_tick()
        if nxt is None:
            world.halt(
                SafetyStopError(device=guard.id, time_s=began * world.dt),
                "error",
                subject=guard.id,
            )
            return world.tick - began
        world.advance_to(nxt)
    world.trace.robot(world.time_s, world.q, force=True)
    world.emit("resume", guard.id)
    return world.tick - began


def _hold_for_separation(world, ssm, info, Q_rest, speed_rest) -> int:
    """Hold while a person is closer than the separation the motion needs."""
    began = world.tick
    world.emit("ssm_violation", "robot", **{k: round(v, 3) for k, v in info.items()})
    world.emit("protective_stop", "ssm")
    world.trace.robot(world.time_s, world.q, force=True)
    v_next = float(np.max(speed_rest)) if len(speed_rest) else 0.0
    need = float(protective_separation_distances_mm(np.array([v_next]), ssm)[0])
    # Resume only with room for one more sample of robot and person motion,
    # so the check at the next sample (at no higher speed) cannot fail again.
    need += (v_next + ssm.human_speed_mm_s) * 2.0 * world.dt + 1.0
    settled = max(w.settled_s for w in world.walkers)
    horizon = max(math.ceil(settled / world.dt) + 2 - world.tick, 2)
    ticks = world.tick + np.arange(horizon)
    q = np.repeat(world.q[None], horizon, axis=0)
    T = world.robot.fkine(q)
    ok = np.flatnonzero(_separation(world, q, T, ticks * world.dt) >= need)
    if not ok.size:
        world.halt(
            SafetyStopError(
                device="speed and separation monitoring", time_s=began * world.dt
            ),
            "error",
            subject="ssm",
        )
        return 0
    world.advance_to(int(ticks[ok[0]]))
    world.trace.robot(world.time_s, world.q, force=True)
    world.emit("resume", "ssm")
    return world.tick - began
