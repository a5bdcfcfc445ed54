"""What each kind of check measures, on one run or on the program text.

A run check looks at one scenario's run (its ``RunResult`` and trace) and
returns an ``Outcome``: the fraction of the check's points earned there
(0..1) and what was measured, in English and Korean ("B1 is 12.3 mm from
(330, 220, 20)"). A text check (``uses_statement``, ``forbids_statement``,
``program_steps_max``) looks at the parsed program once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from robocampus.sim.cell.spec import CellSpec
from robocampus.sim.grading import spec as s
from robocampus.sim.grading.track import TcpTrack, distance_to_segment
from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.run import RunResult


@dataclass(frozen=True)
class Outcome:
    fraction: float
    """Share of the check's points earned, 0..1."""
    detail_en: str
    detail_ko: str


def passed(en: str, ko: str) -> Outcome:
    return Outcome(1.0, en, ko)


def failed(en: str, ko: str, fraction: float = 0.0) -> Outcome:
    return Outcome(fraction, en, ko)


class RunView:
    """One scenario's run, as the checks read it."""

    def __init__(self, result: RunResult, cell: CellSpec) -> None:
        self.result = result
        self.trace = result.trace
        self.cell = cell
        self.final = result.trace["final"]
        self.events = result.trace["events"]

    @cached_property
    def track(self) -> TcpTrack:
        return TcpTrack.of(self.trace, self.cell)

    def events_of(self, kind: str) -> list[dict]:
        return [e for e in self.events if e["kind"] == kind]

    def input_changes(self, bit: int) -> list[tuple[float, int]]:
        return [
            (e["t"], e["data"]["value"])
            for e in self.events_of("input")
            if e["data"]["bit"] == bit
        ]


def in_frame(run: RunView, frame: str | None, xyz) -> np.ndarray:
    """Return world point ``xyz`` in a fixture's frame (world if ``frame`` is None)."""
    p = np.asarray(xyz, dtype=float)
    if frame is None:
        return p
    T = _fixture_pose(run, frame)
    return T[:3, :3].T @ (p - T[:3, 3])


def _fixture_pose(run: RunView, frame: str) -> np.ndarray:
    from robocampus.sim.cell.parts import pose_matrix

    fixture = next((f for f in run.cell.fixtures if f.id == frame), None)
    if fixture is None:
        raise ValueError(f"no fixture {frame!r} in the cell")
    return pose_matrix(fixture.pose)


def _yaw_in_frame(run: RunView, frame: str | None, yaw_deg: float) -> float:
    if frame is None:
        return yaw_deg
    T = _fixture_pose(run, frame)
    return yaw_deg - float(np.degrees(np.arctan2(T[1, 0], T[0, 0])))


def _xyz(values) -> str:
    return "(" + ", ".join(f"{v:.1f}" for v in values) + ")"


# -- where things end ----------------------------------------------------------------


def object_at(check: s.ObjectAt, run: RunView) -> Outcome:
    parts = run.final["parts"]
    if check.part is not None:
        candidates = {check.part: parts[check.part]} if check.part in parts else {}
        name_en = name_ko = check.part
    else:
        candidates = {k: p for k, p in parts.items() if p["type"] == check.type}
        name_en, name_ko = f"a {check.type} part", f"{check.type} 부품"
    if not candidates:
        return failed(
            f"there is no {name_en} in the cell", f"셀에 {name_ko}이(가) 없습니다"
        )
    target = np.asarray(check.at, dtype=float)
    best = None
    for part_id, part in candidates.items():
        local = in_frame(run, check.frame, part["pose"][:3])
        error = float(np.linalg.norm(local - target))
        turn = 0.0
        if check.yaw_deg is not None:
            yaw = _yaw_in_frame(run, check.frame, part["pose"][5])
            turn = abs((yaw - check.yaw_deg + 180.0) % 360.0 - 180.0)
        ok = (
            error <= check.tolerance_mm
            and (check.yaw_deg is None or turn <= check.tolerance_deg)
            and (check.resting_on is None or part["on"] == check.resting_on)
            and not part["held"]
        )
        rank = (not ok, error)
        if best is None or rank < best[0]:
            best = (rank, part_id, part, error, turn, ok)
    _, part_id, part, error, turn, ok = best
    where = _xyz(check.at) + (f" in {check.frame}" if check.frame else "")
    if ok:
        return passed(
            f"{part_id} is {error:.1f} mm from {where}",
            f"{part_id}은(는) {where}에서 {error:.1f} mm 떨어져 있습니다",
        )
    if part["held"]:
        return failed(
            f"{part_id} is still in the gripper",
            f"{part_id}이(가) 아직 그리퍼에 있습니다",
        )
    if error > check.tolerance_mm:
        return failed(
            f"{part_id} ended at {_xyz(in_frame(run, check.frame, part['pose'][:3]))}, "
            f"{error:.1f} mm from {where} "
            f"(allowed {check.tolerance_mm:g} mm)",
            f"{part_id}이(가) {_xyz(in_frame(run, check.frame, part['pose'][:3]))}에 "
            f"놓였습니다. {where}에서 "
            f"{error:.1f} mm (허용 {check.tolerance_mm:g} mm)",
        )
    if check.yaw_deg is not None and turn > check.tolerance_deg:
        return failed(
            f"{part_id} is turned {turn:.1f} deg from {check.yaw_deg:g} deg",
            f"{part_id}이(가) {check.yaw_deg:g}°에서 {turn:.1f}° 돌아가 있습니다",
        )
    return failed(
        f"{part_id} rests on {part['on']}, not on {check.resting_on}",
        f"{part_id}이(가) {check.resting_on}이 아니라 {part['on']} 위에 있습니다",
    )


def objects_in_region(check: s.ObjectsInRegion, run: RunView) -> Outcome:
    inside = [
        part_id
        for part_id, part in run.final["parts"].items()
        if (check.type is None or part["type"] == check.type)
        and (not check.resting or not part["held"])
        and check.region.contains(in_frame(run, check.frame, part["pose"][:3]))
    ]
    found = len(inside)
    what_en = f"{check.type} parts" if check.type else "parts"
    what_ko = f"{check.type} 부품" if check.type else "부품"
    if check.count is not None:
        text = (
            f"{found} {what_en} in the region (wanted {check.count})",
            f"영역 안의 {what_ko} {found}개 (필요 {check.count}개)",
        )
        return Outcome(1.0 if found == check.count else 0.0, *text)
    text = (
        f"{found} {what_en} in the region (wanted at least {check.min_count})",
        f"영역 안의 {what_ko} {found}개 (최소 {check.min_count}개 필요)",
    )
    return Outcome(min(1.0, found / check.min_count), *text)


# -- signals and events ---------------------------------------------------------------


def io_sequence(check: s.IoSequence, run: RunView) -> Outcome:
    switches = [
        (e["t"], e["data"]["bit"], e["data"]["value"]) for e in run.events_of("output")
    ]
    i, last_t, matched = 0, None, 0
    for step in check.sequence:
        found = None
        while i < len(switches):
            t, bit, value = switches[i]
            i += 1
            if (bit, value) != (step.bit, step.value):
                continue
            early = (
                last_t is not None
                and step.after_s is not None
                and t - last_t < step.after_s - 1e-9
            )
            if not early:
                found = t
                break
        late = (
            found is not None
            and last_t is not None
            and step.within_s is not None
            and found - last_t > step.within_s + 1e-9
        )
        if found is None or late:
            break
        matched, last_t = matched + 1, found
    total = len(check.sequence)
    if matched == total:
        return passed(
            f"all {total} switches in order",
            f"{total}개의 신호가 모두 순서대로 바뀌었습니다",
        )
    step = check.sequence[matched]
    return failed(
        f"{matched} of {total} switches in order; then M_Out({step.bit}) = "
        f"{step.value} did not follow as required",
        f"{total}개 중 {matched}개가 순서대로 바뀌었고, 그다음 M_Out({step.bit}) = "
        f"{step.value}이(가) 조건대로 오지 않았습니다",
        matched / total,
    )


def signal_at_end(check: s.SignalAtEnd, run: RunView) -> Outcome:
    image = run.final["outputs" if check.direction == "out" else "inputs"]
    value = int(image.get(str(check.bit), 0))
    name = f"M_{'Out' if check.direction == 'out' else 'In'}({check.bit})"
    if value == check.value:
        return passed(f"{name} is {value} at the end", f"끝에서 {name}은(는) {value}")
    return failed(
        f"{name} is {value} at the end, not {check.value}",
        f"끝에서 {name}이(가) {check.value}이(가) 아니라 {value}입니다",
    )


def no_collision(check: s.NoCollision, run: RunView) -> Outcome:
    hits = run.events_of("collision")
    if not hits:
        return passed("no collision", "충돌 없음")
    return failed(hits[0]["data"]["message_en"], hits[0]["data"]["message_ko"])


def _error_text(run: RunView) -> tuple[str, str]:
    error = run.result.error
    return error.message("en"), error.message("ko")


def no_error(check: s.NoError, run: RunView) -> Outcome:
    if run.result.status != "error":
        return passed("the program ran without an error", "오류 없이 실행되었습니다")
    return failed(*_error_text(run))


def ends_cleanly(check: s.EndsCleanly, run: RunView) -> Outcome:
    status = run.result.status
    if status == "error":
        return failed(*_error_text(run))
    if status == "halted":
        return failed(
            "the program stopped at Hlt instead of ending",
            "프로그램이 끝나지 않고 Hlt에서 멈췄습니다",
        )
    held = [k for k, p in run.final["parts"].items() if p["held"]]
    if check.hand_empty and held:
        return failed(
            f"{held[0]} is left in the gripper",
            f"{held[0]}이(가) 그리퍼에 남아 있습니다",
        )
    return passed("the program ended cleanly", "프로그램이 깔끔하게 끝났습니다")


def cycle_time_max(check: s.CycleTimeMax, run: RunView) -> Outcome:
    if run.result.status == "error":
        return failed(
            "no cycle time: the run stopped with an error",
            "실행이 오류로 멈춰 사이클 타임이 없습니다",
        )
    t = run.result.time_s
    if t <= check.full_s:
        fraction = 1.0
    else:
        fraction = max(0.0, (check.zero_s - t) / (check.zero_s - check.full_s))
    return Outcome(
        fraction,
        f"cycle time {t:.2f} s (full marks up to {check.full_s:g} s, none from "
        f"{check.zero_s:g} s)",
        f"사이클 타임 {t:.2f}초 ({check.full_s:g}초까지 만점, "
        f"{check.zero_s:g}초부터 0점)",
    )


EVENT_NAMES = {
    "fell": ("a part fell", "부품이 떨어짐"),
    "dropped": ("a part dropped to the floor", "부품이 바닥으로 떨어짐"),
    "collision": ("a collision", "충돌"),
    "ssm_violation": ("a speed and separation violation", "속도·간격 감시 위반"),
    "protective_stop": ("a protective stop", "보호 정지"),
    "grasp_failed": ("a grasp that held nothing", "아무것도 잡지 못한 파지"),
    "zone_violation": ("the TCP leaving the work area", "TCP의 작업 영역 이탈"),
    "interrupt": ("an interrupt", "인터럽트"),
}
"""How events read in feedback (others go by their kind)."""


def _event_name(kind: str) -> tuple[str, str]:
    return EVENT_NAMES.get(kind, (kind, kind))


def no_event(check: s.NoEvent, run: RunView) -> Outcome:
    found = [e for e in run.events if e["kind"] in check.events]
    if not found:
        names = [_event_name(k) for k in check.events]
        return passed(
            "no " + " or ".join(en for en, _ in names),
            ", ".join(ko for _, ko in names) + " 없음",
        )
    first = found[0]
    en, ko = _event_name(first["kind"])
    subject = f" ({first['subject']})" if first.get("subject") else ""
    return failed(
        f"{en}{subject} at {first['t']:.2f} s",
        f"{first['t']:.2f}초에 {ko}{subject}",
    )


# -- the tool's path -----------------------------------------------------------------


def tcp_speed_max_in_zone(check: s.TcpSpeedMaxInZone, run: RunView) -> Outcome:
    track = run.track
    speeds = track.speeds_mm_s()
    if not len(speeds):
        return passed("the robot did not move", "로봇이 움직이지 않았습니다")
    p = track.xyz_mm
    in_zone = np.array([check.zone.contains(x) for x in p])
    either = in_zone[:-1] | in_zone[1:]
    worst = float(speeds[either].max()) if either.any() else 0.0
    if worst <= check.max_mm_s * 1.001:
        return passed(
            f"at most {worst:.0f} mm/s in the zone (limit {check.max_mm_s:g})",
            f"영역 안 최고 {worst:.0f} mm/s (한도 {check.max_mm_s:g})",
        )
    return failed(
        f"{worst:.0f} mm/s in the zone, over the limit of {check.max_mm_s:g}",
        f"영역 안에서 {worst:.0f} mm/s로 한도 {check.max_mm_s:g}를 넘었습니다",
    )


def tcp_visits(check: s.TcpVisits, run: RunView) -> Outcome:
    track = run.track
    when = -1.0
    for k, point in enumerate(check.points_mm):
        found = track.first_visit(point, check.tolerance_mm, when)
        if found is None:
            total = len(check.points_mm)
            return failed(
                f"reached {k} of {total} points in order; not {_xyz(point)}",
                f"{total}개 점 중 {k}개를 순서대로 지났고 {_xyz(point)}에는 가지 "
                "않았습니다",
                k / total,
            )
        when = found
    return passed(
        f"reached all {len(check.points_mm)} points in order",
        f"{len(check.points_mm)}개 점을 모두 순서대로 지났습니다",
    )


def tcp_follows(check: s.TcpFollows, run: RunView) -> Outcome:
    track = run.track
    times, when = [], -1.0
    for point in check.path_mm:
        found = track.first_visit(point, check.tolerance_mm, when)
        if found is None:
            break
        times.append(found)
        when = found
    segments = len(check.path_mm) - 1
    good = 0
    worst = 0.0
    for k in range(len(times) - 1):
        samples = track.between(times[k], times[k + 1])
        off = distance_to_segment(samples, check.path_mm[k], check.path_mm[k + 1])
        worst = max(worst, float(off.max()))
        if off.max() <= check.tolerance_mm:
            good += 1
    if good == segments:
        return passed(
            f"followed all {segments} segments (at most {worst:.2f} mm off)",
            f"{segments}개 구간을 모두 따라갔습니다 (최대 {worst:.2f} mm 벗어남)",
        )
    return failed(
        f"{good} of {segments} segments followed within {check.tolerance_mm:g} mm"
        + (
            f"; {worst:.1f} mm off the line"
            if worst > check.tolerance_mm
            else "; a corner was not reached"
        ),
        f"{segments}개 구간 중 {good}개를 {check.tolerance_mm:g} mm 이내로 "
        "따라갔습니다",
        good / segments,
    )


def stopped_while_signal(check: s.StoppedWhileSignal, run: RunView) -> Outcome:
    changes = run.input_changes(check.bit)
    spans, start = [], None
    for t, value in changes:
        if value and start is None:
            start = t
        elif not value and start is not None:
            spans.append((start, t))
            start = None
    if start is not None:
        spans.append((start, run.result.time_s))
    if not spans:
        return failed(
            f"M_In({check.bit}) never came on in this scenario",
            f"이 시나리오에서 M_In({check.bit})이(가) 켜지지 않았습니다",
        )
    good, worst = 0, 0.0
    for t_on, t_off in spans:
        t0 = t_on + check.reaction_s
        if t0 >= t_off:
            good += 1
            continue
        path = run.track.between(t0, t_off)
        moved = float(np.linalg.norm(path - path[0], axis=1).max())
        worst = max(worst, moved)
        if moved <= check.allowance_mm:
            good += 1
    total = len(spans)
    if good == total:
        return passed(
            f"the robot stood still while M_In({check.bit}) was on",
            f"M_In({check.bit})이(가) 켜져 있는 동안 로봇이 멈춰 있었습니다",
        )
    return failed(
        f"the robot moved {worst:.0f} mm while M_In({check.bit}) was on",
        f"M_In({check.bit})이(가) 켜져 있는 동안 로봇이 {worst:.0f} mm 움직였습니다",
        good / total,
    )


RUN_CHECKS = {
    s.ObjectAt: object_at,
    s.ObjectsInRegion: objects_in_region,
    s.IoSequence: io_sequence,
    s.SignalAtEnd: signal_at_end,
    s.NoCollision: no_collision,
    s.NoError: no_error,
    s.EndsCleanly: ends_cleanly,
    s.CycleTimeMax: cycle_time_max,
    s.TcpSpeedMaxInZone: tcp_speed_max_in_zone,
    s.TcpVisits: tcp_visits,
    s.TcpFollows: tcp_follows,
    s.StoppedWhileSignal: stopped_while_signal,
    s.NoEvent: no_event,
}


# -- the program text ------------------------------------------------------------------


def statements(parsed: n.ParsedProgram):
    """Yield every statement of a program, branches of one-line Ifs included."""
    for step in parsed.steps:
        stack = [x for x in (step.statement, step.appended) if x is not None]
        while stack:
            item = stack.pop()
            if isinstance(item, n.Appended):
                stack.append(item.statement)
                continue
            yield item
            if isinstance(item, n.IfLine):
                stack += [
                    b for b in (item.then, item.otherwise) if isinstance(b, n.Statement)
                ]


def _expressions(node):
    """Yield the expressions inside a statement or expression (depth first)."""
    if isinstance(node, n.Expr):
        yield node
    fields = getattr(type(node), "__slots__", ())
    for name in fields:
        value = getattr(node, name, None)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, n.Expr | n.Target | n.CaseItem | n.DimItem):
                yield from _expressions(item)
            elif isinstance(item, tuple):
                for sub in item:
                    if isinstance(sub, n.Expr):
                        yield from _expressions(sub)


def count_uses(parsed: n.ParsedProgram, statement: str) -> int:
    """Return how often the program uses ``statement`` (a keyword, a function,
    ``near point`` or ``arc``)."""
    key = statement.strip().lower()
    count = 0
    for stmt in statements(parsed):
        word = stmt.keyword.lower()
        if key == "near point":
            count += isinstance(stmt, n.Move) and stmt.offset is not None
        elif key == "arc":
            count += isinstance(stmt, n.Arc) and stmt.motion != "Mva"
        elif word == key or (key == "if" and isinstance(stmt, n.IfBlock | n.IfLine)):
            count += 1
        for expr in _expressions(stmt):
            is_call = isinstance(expr, n.Call) and expr.name.key.lower() == key.rstrip(
                "$"
            )
            if is_call or (isinstance(expr, n.Pallet) and key == "plt"):
                count += 1
    return count


def steps_of(parsed: n.ParsedProgram) -> int:
    """Return the program's statements (not comments, labels or data)."""
    return sum(1 for step in parsed.steps if step.statement is not None)


def uses_statement(check: s.UsesStatement, parsed: n.ParsedProgram) -> Outcome:
    found = count_uses(parsed, check.statement)
    name = check.statement
    if found >= check.min_count:
        return passed(f"uses {name} ({found}x)", f"{name} 사용 ({found}회)")
    return failed(
        f"uses {name} {found} time(s); at least {check.min_count} expected",
        f"{name}을(를) {found}회 사용했습니다. 최소 {check.min_count}회 필요합니다",
    )


def forbids_statement(check: s.ForbidsStatement, parsed: n.ParsedProgram) -> Outcome:
    found = count_uses(parsed, check.statement)
    if not found:
        return passed(
            f"does not use {check.statement}",
            f"{check.statement}을(를) 쓰지 않았습니다",
        )
    return failed(
        f"uses {check.statement} ({found}x), which this exercise forbids",
        f"이 과제에서 금지된 {check.statement}을(를) {found}회 사용했습니다",
    )


def program_steps_max(check: s.ProgramStepsMax, parsed: n.ParsedProgram) -> Outcome:
    found = steps_of(parsed)
    if found <= check.max_steps:
        return passed(
            f"{found} statements (at most {check.max_steps})",
            f"문장 {found}개 (최대 {check.max_steps}개)",
        )
    return failed(
        f"{found} statements; at most {check.max_steps} allowed",
        f"문장 {found}개: 최대 {check.max_steps}개까지 허용됩니다",
    )


TEXT_CHECKS = {
    s.UsesStatement: uses_statement,
    s.ForbidsStatement: forbids_statement,
    s.ProgramStepsMax: program_steps_max,
}
