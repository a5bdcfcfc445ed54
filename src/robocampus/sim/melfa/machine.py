"""Run a compiled MELFA-BASIC program on a simulated work cell.

The ``Machine`` is the robot controller: it holds the program's variables,
the speed settings, the tool and base, the servo state, pallets and
interrupts, and it executes instructions one at a time on the cell's
deterministic clock. Motions are planned by ``sim.robot.motion`` in the
program's coordinates (MELFA ``Base`` and ``Tool``) and executed by the cell
(``World.execute``), which checks collisions and drives devices meanwhile;
``Dly`` and ``Wait`` let simulated time pass.

Interrupts (``Def Act``) are checked after every statement, while waiting,
and during motion at every input change, or at every controller cycle when
their condition reads the arm's state or a timer. When one fires during a
motion the arm brakes along its path (stop type 1, or the fastest stop for
``S``; ``L`` lets the statement finish) and the handler runs; ``Return 0``
repeats the interrupted step, ``Return 1`` goes on with the next.

Every runtime error stops the run, is recorded in the trace, and is raised to
the caller as ``RuntimeProgramError`` naming the line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from robocampus.sim.cell.world import World
from robocampus.sim.errors import NotSupportedError, SimError
from robocampus.sim.melfa import errors as e
from robocampus.sim.melfa.arith import to_integer
from robocampus.sim.melfa.pallet import Pallet
from robocampus.sim.melfa.program import Instr, Program
from robocampus.sim.melfa.status import M_NSPD, TIMERS
from robocampus.sim.melfa.values import (
    JNT,
    NUM,
    POS,
    STR,
    ZERO_POSITION,
    JointValue,
    Position,
    default_value,
    type_of_value,
)
from robocampus.sim.robot import Joints, Pose
from robocampus.sim.robot.motion import (
    MotionSettings,
    Profile,
    Trajectory,
    plan_mov,
    plan_mvc,
    plan_mvr,
    plan_mvr2,
    plan_mvr3,
    plan_mvs,
    sample_times,
)

AT_POINT_MM = 0.01
"""Mvr/Mvr3/Mvc start at P1: closer than this (and same posture) is there."""

AT_POINT_RAD = 1e-6


@dataclass(frozen=True)
class Limits:
    """When a run is cut short, so a trainee's mistake cannot run forever."""

    max_statements: int = 1_000_000
    """Statements executed before ``StatementLimitError``."""
    max_time_s: float = 600.0
    """Simulated seconds before ``TimeLimitError`` (10 minutes)."""
    max_gosub_depth: int = 16
    """Nested ``GoSub`` (and interrupt handlers); the CR1D manual's table of
    control-structure depths (p.4-151) gives 16 levels for the program's user
    stack."""


@dataclass
class Interrupt:
    """A ``Def Act``: its condition, handler and stop type."""

    number: int
    condition: object
    handler: object
    """A ``LabelRef``: the handler's first instruction."""
    mode: str | None
    """None (stop type 1), "S" (fastest stop) or "L" (finish the statement)."""
    live: bool
    text: str


@dataclass
class _Frame:
    """A return address on the stack: a ``GoSub`` or an interrupt."""

    next_pc: int
    repeat_pc: int | None = None
    """For an interrupt: the step to repeat on ``Return 0``."""
    interrupt: int | None = None


class Machine:
    """The state of one run of one program in one cell."""

    def __init__(
        self,
        program: Program,
        world: World,
        limits: Limits | None = None,
        positions: dict | None = None,
    ):
        """``positions``: values by variable key that replace the program's
        taught ones (a grading scenario re-teaches points)."""
        self.program = program
        self.world = world
        self.limits = limits or Limits()
        self.code = program.code
        self.pc = 0
        self.status = "running"
        """running, completed, halted (Hlt), or error."""
        self.error: e.RuntimeProgramError | None = None
        self.count = 0
        self.vars: dict[str, object] = {}
        self.loops: dict[int, tuple] = {}
        self.stack: list[_Frame] = []
        self.settings = MotionSettings()
        self.default_tool = Position(*_rad6(world.spec.tool.tcp))
        self.tool = self.default_tool
        self.base = ZERO_POSITION
        self.servo_on = True
        self.timer_zero = [0.0] * (TIMERS + 1)
        self.pallets: dict[int, Pallet] = {}
        self.interrupts: dict[int, Interrupt] = {}
        self.enabled: set[int] = set()
        self.handling = 0
        self._ticking = False
        self._announced: Interrupt | None = None
        self._rng = world.rng("melfa:Rnd")
        self._init_variables(positions or {})
        self._set_frames()

    def _init_variables(self, positions: dict) -> None:
        for key, var in self.program.variables.items():
            if var.const:
                continue
            empty = None if var.kind in (POS, JNT) else default_value(var.kind)
            if var.dims is not None:
                self.vars[key] = [empty] * math.prod(var.dims)
            else:
                self.vars[key] = self.program.data.get(key, empty)
            retaught = positions.get(key)
            if (
                var.dims is None
                and retaught is not None
                and type_of_value(retaught) == var.kind
            ):
                self.vars[key] = retaught

    def _set_frames(self) -> None:
        """Rebuild the program's robot after ``Tool`` or ``Base``."""
        model = self.world.robot.model
        from robocampus.sim.robot import Robot

        self.robot = Robot(
            model, tool=self.tool.degrees()[:6], base=self.base.degrees()[:6]
        )
        w = self.world.robot
        self._same_frames = np.allclose(
            self.robot.tool_xyzabc, w.tool_xyzabc, atol=1e-12
        ) and np.allclose(self.robot.base_xyzabc, w.base_xyzabc, atol=1e-12)

    # -- the loop ----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def line(self) -> int | None:
        """The line of the next instruction to run."""
        return self.program.line_of(self.pc)

    def run(self) -> str:
        """Run until the program ends, halts or fails; return the status."""
        while self.status == "running":
            self.step()
        return self.status

    def step(self) -> None:
        """Execute one instruction."""
        if self.pc >= len(self.code):
            self._finish("completed")
            return
        instr = self.code[self.pc]
        self.count += 1
        try:
            if self.count > self.limits.max_statements:
                raise e.StatementLimitError(limit=self.limits.max_statements)
            if instr.takes_time:
                self.world.emit(
                    "statement", "program", line=instr.line, step=instr.step
                )
            nxt = instr.run(self)
            self.pc = self.pc + 1 if nxt is None else nxt
            if self.status != "running":
                return
            if self.enabled and not self.handling:
                fired = self._due_interrupt(during_motion=False)
                if fired is not None:
                    self.pc = self._enter(fired, self.pc, self.pc)
            if self.world.time_s > self.limits.max_time_s:
                raise e.TimeLimitError(limit_s=self.limits.max_time_s)
        except SimError as err:
            self._fail(err, instr)

    def _finish(self, status: str) -> None:
        self.status = status
        self.world.emit("program_end", "program", status=status)

    def _fail(self, err: SimError, instr: Instr) -> None:
        cause = err.cause if isinstance(err, e.RuntimeProgramError) else err
        wrapped = e.RuntimeProgramError(cause, instr.line, instr.step, instr.text)
        self.error = wrapped
        self.status = "error"
        if self.world.halted is None:
            self.world.halt(
                cause, "error", subject="program", line=instr.line, step=instr.step
            )
        self.world.emit("program_end", "program", status="error", line=instr.line)

    # -- called by instructions: flow --------------------------------------------------

    def end_program(self) -> int:
        self._finish("completed")
        return len(self.code)

    def halt_program(self) -> None:
        self.status = "halted"
        self.world.emit("program_end", "program", status="halted", line=self.line)

    def resume(self) -> None:
        """Continue after ``Hlt`` (the operator pressed start again)."""
        if self.status == "halted":
            self.status = "running"

    def user_error(self, number) -> None:
        raise e.UserError(number=to_integer(number))

    def gosub(self, target: int, next_pc: int) -> int:
        if len(self.stack) >= self.limits.max_gosub_depth:
            raise e.GoSubDepthError(limit=self.limits.max_gosub_depth)
        self.stack.append(_Frame(next_pc))
        return target

    def return_from_sub(self, value: int | None) -> int:
        if not self.stack:
            raise e.ReturnWithoutGoSubError()
        frame = self.stack.pop()
        if frame.interrupt is None:
            return frame.next_pc
        self.handling -= 1
        return frame.repeat_pc if not value else frame.next_pc

    def loop_not_started(self, opener: str, closer: str, line: int):
        raise e.LoopStateError(opener=opener, closer=closer, line=line)

    # -- I/O and timers ----------------------------------------------------------------

    def read_input(self, signal: int, width: int) -> int:
        return self.world.io.read_input(signal, width)

    def read_output(self, signal: int, width: int) -> int:
        return self.world.io.read_output(signal, width)

    def write_output(self, signal: int, width: int, value) -> None:
        self.world.set_outputs(signal, width, _word(value, width))

    def pulse_output(self, signal, width: int, value, seconds) -> None:
        """``M_Out(n)=v Dly t``: set now, set back to the old value after t s."""
        start = to_integer(signal)
        if seconds < 0:
            raise _negative_time("Dly", seconds)
        old = self.world.io.read_output(start, width)
        self.world.set_outputs(start, width, _word(value, width))
        world = self.world

        def restore() -> None:
            if world.halted is None:
                world.set_outputs(start, width, old)

        world.schedule(world.tick + max(1, round(seconds / world.dt)), restore)

    def _timer_index(self, n) -> int:
        k = to_integer(n)
        if not 1 <= k <= TIMERS:
            raise e.ValueRangeError(
                what="M_Timer",
                allowed_en=f"1 to {TIMERS}",
                allowed_ko=f"1~{TIMERS}",
                value=n,
            )
        return k

    def read_timer(self, n) -> float:
        """``M_Timer(n)``: milliseconds since it was last set."""
        return (self.world.time_s - self.timer_zero[self._timer_index(n)]) * 1000.0

    def write_timer(self, n, value) -> None:
        self.timer_zero[self._timer_index(n)] = self.world.time_s - value / 1000.0

    def random(self) -> float:
        """``Rnd``: a number in [0, 1) from the run's seeded stream."""
        return float(self._rng.random())

    # -- settings ----------------------------------------------------------------------

    def set_ovrd(self, instr, value) -> None:
        self.settings = replace(self.settings, ovrd_pct=float(value))

    def set_jovrd(self, instr, value) -> None:
        self.settings = replace(self.settings, jovrd_pct=float(value))

    def set_spd(self, instr, value) -> None:
        speed = None if value >= M_NSPD else float(value)
        self.settings = replace(self.settings, spd_mm_s=speed)

    def spd_value(self) -> float:
        s = self.settings.spd_mm_s
        return M_NSPD if s is None else s

    def set_accel(self, instr, accel, decel) -> None:
        self.settings = replace(
            self.settings, accel_pct=float(accel), decel_pct=float(decel)
        )

    def set_fine(self, instr, pulses) -> None:
        """``Fine n``: accepted; the simulated arm always settles exactly."""
        if pulses < 0:
            raise e.ValueRangeError(
                what="Fine", allowed_en="0 or more", allowed_ko="0 이상", value=pulses
            )

    def set_cnt(self, instr, mode) -> None:
        if mode != 0:
            raise NotSupportedError(feature="Cnt 1 (continuous path); use Cnt 0")

    def set_tool(self, instr, tool: Position) -> None:
        self.tool = tool
        self._set_frames()

    def set_base(self, instr, base: Position | None) -> None:
        self.base = ZERO_POSITION if base is None else base
        self._set_frames()

    def servo(self, instr, on: bool) -> None:
        self.servo_on = on

    # -- pallets and interrupts --------------------------------------------------------

    def define_pallet(
        self, instr, number, start, end_a, end_b, diagonal, qa, qb, pattern
    ):
        pallet = Pallet.define(number, start, end_a, end_b, diagonal, qa, qb, pattern)
        self.pallets[pallet.number] = pallet

    def pallet_point(self, number, index) -> Position:
        n = to_integer(number)
        pallet = self.pallets.get(n)
        if pallet is None:
            raise e.PalletError(
                number=n,
                problem_en="not defined (run Def Plt first)",
                problem_ko="정의되지 않았습니다 (먼저 Def Plt를 실행하십시오)",
            )
        return pallet.point(index)

    def define_interrupt(self, instr, number, condition, handler, mode, live, text):
        self.interrupts[number] = Interrupt(
            number, condition, handler, mode, live, text
        )

    def enable_interrupt(self, instr, number, value) -> None:
        n = to_integer(number)
        if n not in self.interrupts:
            raise e.InterruptError(
                number=n,
                problem_en="not defined with Def Act",
                problem_ko="Def Act로 정의되지 않았습니다",
            )
        if value:
            self.enabled.add(n)
        else:
            self.enabled.discard(n)

    def _due_interrupt(self, during_motion: bool) -> Interrupt | None:
        for n in sorted(self.enabled):
            act = self.interrupts[n]
            if act.condition(self) != 0:
                return act
        return None

    def _enter(self, act: Interrupt, repeat_pc: int, next_pc: int) -> int:
        """Start the handler of ``act``; record it in the trace unless done."""
        if len(self.stack) >= self.limits.max_gosub_depth:
            raise e.GoSubDepthError(limit=self.limits.max_gosub_depth)
        if act is not self._announced:
            self._announce(act)
        self._announced = None
        self.stack.append(_Frame(next_pc, repeat_pc, act.number))
        self.handling += 1
        return act.handler.target

    def _announce(self, act: Interrupt) -> None:
        """Record that ``act`` fired, now (before the arm brakes)."""
        self._announced = act
        self.world.emit(
            "interrupt",
            "program",
            number=act.number,
            condition=act.text,
            line=self.line,
        )

    # -- the arm's state ---------------------------------------------------------------

    def current_position(self) -> Position:
        """``P_Curr``: the TCP in program coordinates (Base, Tool)."""
        return Position.from_pose(self.robot.fk(self.world.joints))

    def current_joints(self) -> JointValue:
        return JointValue.from_joints(self.world.joints)

    def position_to_joints(self, p: Position) -> JointValue:
        return JointValue.from_joints(
            self.robot.ik(p.to_pose(), near=self.world.joints)
        )

    def joints_to_position(self, j: JointValue) -> Position:
        return Position.from_pose(self.robot.fk(j.to_joints()))

    def _progress(self):
        progress = self.world.motion_progress
        if progress is None:
            return None
        traj, k = progress
        return traj, float(traj.times_s[k])

    def arrival_ratio(self) -> float:
        """``M_Ratio``: percent of the current motion done (100 when still)."""
        progress = self._progress()
        if progress is None:
            return 100.0
        traj, t = progress
        distance = traj.profile.distance
        if distance <= 0.0:
            return 100.0
        return float(traj.profile.position(np.array([t]))[0] / distance * 100.0)

    def accel_status(self) -> int:
        """``M_AclSts``: 0 still, 1 accelerating, 2 constant speed, 3 decelerating."""
        progress = self._progress()
        if progress is None:
            return 0
        traj, t = progress
        return int(traj.profile.phase(np.array([t]))[0])

    # -- hand, time --------------------------------------------------------------------

    def hand(self, instr, close: bool, number) -> None:
        n = to_integer(number)
        if not 1 <= n <= 8:
            raise e.ValueRangeError(
                what="the hand number",
                allowed_en="1 to 8",
                allowed_ko="1~8",
                value=number,
            )
        self.world.hand(n, close)

    def dly(self, instr, seconds) -> int | None:
        if seconds < 0:
            raise _negative_time("Dly", seconds)
        limit = self.limits.max_time_s - self.world.time_s
        fired, _ = self._wait_for(lambda: False, min(seconds, max(limit, 0.0)))
        if fired is not None:
            return self._enter(fired, self.pc, self.pc + 1)
        if seconds > limit:
            raise e.TimeLimitError(limit_s=self.limits.max_time_s)
        return None

    def wait(
        self, instr, condition, text: str, inputs: tuple, live: bool, inputs_only: bool
    ) -> int | None:
        """``Wait cond``: until it holds; fail when nothing can make it hold."""
        world = self.world
        began = world.time_s

        def never(reason_en: str, reason_ko: str) -> e.WaitNeverError:
            return e.WaitNeverError(
                waited_s=round(world.time_s - began, 3),
                condition=text,
                reason_en=reason_en,
                reason_ko=reason_ko,
            )

        watching = bool(self.enabled) and not self.handling
        if inputs_only and not watching and condition(self) == 0:
            io_map = world.spec.io_map()
            if not any(("in", bit) in io_map for bit in inputs):
                bits = ", ".join(str(b) for b in inputs)
                raise never(
                    f"nothing in the cell sets input {bits}",
                    f"셀에서 입력 {bits}을(를) 켜는 장치가 없습니다",
                )
        remaining = max(self.limits.max_time_s - world.time_s, 0.0)
        fired, idle = self._wait_for(
            lambda: condition(self) != 0, remaining, live=live, give_up_when_idle=True
        )
        if fired is not None:
            return self._enter(fired, self.pc, self.pc)
        if condition(self) != 0:
            return None
        if idle:
            raise never(
                "nothing more happens in the cell that could change it",
                "셀에서 이를 바꿀 일이 더 이상 일어나지 않습니다",
            )
        limit = self.limits.max_time_s
        raise never(
            f"the run's limit of {limit:g} s was reached",
            f"실행 시간 한도 {limit:g}초에 도달했습니다",
        )

    def _wait_for(
        self,
        done,
        timeout_s: float,
        live: bool = False,
        give_up_when_idle: bool = False,
    ) -> tuple[Interrupt | None, bool]:
        """Let up to ``timeout_s`` pass until ``done()`` or an interrupt.

        Returns (the interrupt that fired or None, True if the cell went idle:
        no event left that could change anything, with ``give_up_when_idle``).
        """
        world = self.world
        deadline = world.tick + round(timeout_s / world.dt)
        watching = bool(self.enabled) and not self.handling
        self._start_ticker(live or (watching and self._live_interrupts()))
        try:
            while True:
                if done():
                    return None, False
                if watching:
                    act = self._due_interrupt(during_motion=False)
                    if act is not None:
                        return act, False
                nxt = world.next_event_tick()
                if nxt is None and give_up_when_idle and not watching:
                    return None, True
                if nxt is None or nxt > deadline:
                    world.idle_to(deadline)
                    self._raise_if_halted()
                    return None, False
                world.idle_to(nxt)
                self._raise_if_halted()
        finally:
            self._ticking = False

    def _raise_if_halted(self) -> None:
        if self.world.halted is not None:
            raise self.world.halted

    def _live_interrupts(self) -> bool:
        return any(self.interrupts[n].live for n in self.enabled)

    def _start_ticker(self, on: bool) -> None:
        """Make the cell stop at every controller cycle while ``_ticking``."""
        self._ticking = on
        if not on:
            return
        world = self.world

        def tick() -> None:
            if self._ticking and world.halted is None:
                world.schedule(world.tick + 1, tick)

        world.schedule(world.tick + 1, tick)

    # -- motion ------------------------------------------------------------------------

    def motion(self, instr, kind: str, values: list, appended) -> int | None:
        """Plan and execute a motion statement; return where to go next."""
        if not self.servo_on:
            raise e.ServoOffError()
        if appended is not None and appended.condition is None:
            appended.action(self)
        pending = [appended] if appended is not None and appended.condition else []
        for traj in self._plan(kind, values):
            nxt = self._execute(traj, pending)
            if nxt is not None:
                return nxt
        return None

    def _joints(self) -> Joints:
        return self.world.joints

    def _plan(self, kind: str, values: list):
        """Yield the trajectories of a motion statement, planned when reached."""
        robot, settings = self.robot, self.settings
        if kind == "Mov":
            target, offset = values
            goal = (
                target.to_joints()
                if isinstance(target, JointValue)
                else target.to_pose()
            )
            yield self._world_frame(
                plan_mov(robot, self._joints(), goal, settings, float(offset))
            )
        elif kind == "Mvs":
            target, offset = values
            yield self._world_frame(
                plan_mvs(
                    robot, self._joints(), target.to_pose(), settings, float(offset)
                )
            )
        elif kind == "MvsTool":
            (offset,) = values
            here = robot.fk(self._joints())
            yield self._world_frame(
                plan_mvs(robot, self._joints(), here, settings, float(offset))
            )
        else:
            p1, p2, p3 = (v.to_pose() for v in values)
            if not self._at(p1):
                yield self._world_frame(plan_mvs(robot, self._joints(), p1, settings))
            planner = {
                "Mvr": plan_mvr,
                "Mvr2": plan_mvr2,
                "Mvr3": plan_mvr3,
                "Mvc": plan_mvc,
            }[kind]
            yield self._world_frame(planner(robot, self._joints(), p2, p3, settings))

    def _at(self, pose: Pose) -> bool:
        here = self.robot.fk(self._joints())
        dp = math.dist(here.xyz_mm, pose.xyz_mm)
        T1 = frames_matrix(here)
        T2 = frames_matrix(pose)
        turn = np.arccos(np.clip((np.trace(T1[:3, :3].T @ T2[:3, :3]) - 1) / 2, -1, 1))
        return dp <= AT_POINT_MM and turn <= AT_POINT_RAD

    def _world_frame(self, traj: Trajectory) -> Trajectory:
        """Return ``traj`` with its TCP in the cell's frame and the real tool."""
        if self._same_frames:
            return traj
        T = self.world.robot.fkine(traj.joints_rad)
        return Trajectory(traj.motion, traj.times_s, traj.joints_rad, T, traj.profile)

    def _execute(self, traj: Trajectory, pending: list) -> int | None:
        """Move along ``traj``; run a pending ``WthIf``; stop for interrupts."""
        world = self.world
        fired: list[Interrupt] = []
        after: list[Interrupt] = []
        watching = bool(self.enabled) and not self.handling

        def watch(w) -> bool:
            if pending and pending[0].condition(self) != 0:
                pending.pop().action(self)
            if watching and not after:
                act = self._due_interrupt(during_motion=True)
                if act is not None:
                    if act.mode == "L":
                        after.append(act)
                        return False
                    fired.append(act)
                    return True
            return False

        live = (pending and pending[0].continuous) or (
            watching and self._live_interrupts()
        )
        self._start_ticker(bool(live))
        try:
            outcome = world.execute(traj, watch if (pending or watching) else None)
        finally:
            self._ticking = False
        self._raise_if_halted()
        if not outcome.completed and fired:
            self._announce(fired[0])
            self._brake(traj, fired[0].mode)
            world.motion_progress = None
            return self._enter(fired[0], self.pc, self.pc + 1)
        world.motion_progress = None
        if after:
            return self._enter(after[0], self.pc + 1, self.pc + 1)
        return None

    def _brake(self, traj: Trajectory, mode: str | None) -> None:
        """Stop along the path from where an interrupt caught the arm."""
        progress = self.world.motion_progress
        if progress is None:
            return
        _, k = progress
        profile = traj.profile
        t0 = float(traj.times_s[k])
        v = profile.velocity(t0)
        if v <= 0.0 or profile.t_dec <= 0.0:
            return
        decel = profile.v_peak / profile.t_dec
        if mode == "S":
            fastest = profile.v_peak / self.robot.model.motion.accel_time_s
            decel = max(decel, fastest)
        duration = v / decel
        t = sample_times(duration, self.world.dt)
        u0 = float(profile.position(np.array([t0]))[0])
        u = np.minimum(u0 + v * t - 0.5 * decel * t * t, profile.distance)
        u_samples = profile.position(traj.times_s)
        Q = np.column_stack(
            [np.interp(u, u_samples, traj.joints_rad[:, j]) for j in range(6)]
        )
        Q[0] = traj.joints_rad[k]
        stop = Trajectory(
            traj.motion,
            t,
            Q,
            self.world.robot.fkine(Q),
            Profile(float(u[-1] - u0), v, 0.0, 0.0, duration),
        )
        self.world.execute(stop)
        self._raise_if_halted()

    # -- results -----------------------------------------------------------------------

    def variable_values(self) -> dict[str, object]:
        """Return the user variables as the program would print them."""
        out = {}
        for key, var in sorted(self.program.variables.items()):
            value = var.value if var.const else self.vars.get(key)
            out[var.name] = _display(value)
        return out


def frames_matrix(pose: Pose) -> np.ndarray:
    from robocampus.sim.robot.motion import pose_matrix

    return pose_matrix(pose)


def _display(value):
    if isinstance(value, list):
        return [_display(v) for v in value]
    if isinstance(value, Position | JointValue):
        return str(value)
    return value


def _word(value, width: int) -> int:
    """Return ``value`` as an unsigned ``width``-bit word (negatives wrap)."""
    v = to_integer(value)
    if width > 1 and -(1 << (width - 1)) <= v < 0:
        v &= (1 << width) - 1
    return v


def _negative_time(what: str, seconds) -> e.ValueRangeError:
    return e.ValueRangeError(
        what=what, allowed_en="0 s or more", allowed_ko="0초 이상", value=seconds
    )


def _rad6(xyzabc) -> tuple[float, ...]:
    x, y, z, a, b, c = (float(v) for v in xyzabc)
    return (x, y, z, math.radians(a), math.radians(b), math.radians(c))


__all__ = ["JNT", "NUM", "POS", "STR", "Limits", "Machine"]
