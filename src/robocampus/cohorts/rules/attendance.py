"""HRD-Net-style attendance: one session's status, and a trainee's running rate.

``classify`` turns one trainee's record for one session (check-in, check-out,
outings, official leave, an instructor's correction) into a status;
``summarise`` turns all of a trainee's results into the running attendance
rate and says whether the required rate (80 % by default) can still be
reached. The rules mirror HRD-Net practice (reference §1.2, §6 item 1): three
of late / early leave / outing count as one absence, attending less than half
of a session counts as absent, official leave counts as attended, and
sessions outside the trainee's enrolment are not applicable.

Instants are timezone-aware ``datetime`` objects and all arithmetic on them is
done in absolute time (POSIX seconds), so a session may cross midnight.
Durations are reported in minutes. Calendar dates (enrolment, leaving) are
local dates in the policy's time zone, Asia/Seoul by default.

To use::

    policy = AttendancePolicy()
    result = classify(session, mark, enrolled_on, None, policy)
    summary = summarise(results, policy, sessions_remaining=30)
    summary.rate, summary.reachable, summary.at_risk
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from zoneinfo import ZoneInfo

from robocampus.cohorts.rules.errors import RuleArgumentError

__all__ = [
    "DEFAULT_POLICY",
    "AttendancePolicy",
    "AttendanceReason",
    "AttendanceSummary",
    "Mark",
    "SessionResult",
    "SessionTimes",
    "Status",
    "classify",
    "summarise",
]


class Status(StrEnum):
    """The status of one trainee in one session (HRD-Net's day states)."""

    PRESENT = "present"
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    OUTING = "outing"
    ABSENT = "absent"
    EXCUSED = "excused"
    """Official leave (공가) approved on evidence; counts as attended."""
    NOT_APPLICABLE = "not_applicable"
    """The session was before the trainee enrolled or after they left."""


MINOR_EVENTS = (Status.LATE, Status.EARLY_LEAVE, Status.OUTING)
"""The events of which ``minor_events_per_absence`` make one absence."""


class AttendanceReason(StrEnum):
    """Why ``classify`` gave its status; the Django layer translates these."""

    BEFORE_ENROLMENT = "before_enrolment"
    AFTER_LEAVING = "after_leaving"
    OVERRIDE = "override"
    EXCUSED = "excused"
    NO_CHECK_IN = "no_check_in"
    NO_CHECK_OUT = "no_check_out"
    INCONSISTENT_TIMES = "inconsistent_times"
    UNDER_MIN_FRACTION = "under_min_fraction"
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    OUTING = "outing"
    ON_TIME = "on_time"


@dataclass(frozen=True)
class AttendancePolicy:
    """Thresholds of the attendance rules; the defaults follow reference §6.

    Every field can be changed per cohort. Times are in minutes, fractions and
    rates in 0..1.
    """

    grace_minutes: int = 10
    """A check-in later than session start + this many minutes is late. HRD-Net
    leaves the grace to the institution; 10 minutes is this center's choice."""
    early_leave_grace_minutes: int = 0
    """A check-out earlier than session end - this many minutes is an early
    leave; 0 means any check-out before the end (the center's choice)."""
    minor_events_per_absence: int = 3
    """Late, early leave and outing events that together count as one absence
    (reference §6 item 1: "late + early leave + outing x3 = 1 absence")."""
    min_fraction_present: float = 0.5
    """Attending less than this share of a session's time is an absence
    (reference §6 item 1: "under 50% of the day = absent"). Exactly this share
    is not an absence."""
    required_rate: float = 0.8
    """The attendance rate needed to complete (HRD-Net's 80 % gate, §5.1)."""
    at_risk_margin_sessions: int = 1
    """``summarise`` flags a trainee at risk when the required rate can still
    be reached but only with this many or fewer further absences to spare."""
    one_minor_event_per_session: bool = False
    """When false (the default) a session with both a late check-in and an
    early leave counts as two minor events, the stricter reading; when true it
    counts as one (its status). The reference does not settle this [verify]."""
    time_zone: str = "Asia/Seoul"
    """The zone in which a session's date is compared with enrolment dates."""

    def __post_init__(self) -> None:
        if self.grace_minutes < 0 or self.early_leave_grace_minutes < 0:
            raise RuleArgumentError("grace minutes must be >= 0", code="bad_policy")
        if self.minor_events_per_absence < 1:
            raise RuleArgumentError(
                "minor_events_per_absence must be >= 1", code="bad_policy"
            )
        if not 0.0 <= self.min_fraction_present <= 1.0:
            raise RuleArgumentError(
                "min_fraction_present must be in 0..1", code="bad_policy"
            )
        if not 0.0 <= self.required_rate <= 1.0:
            raise RuleArgumentError("required_rate must be in 0..1", code="bad_policy")
        if self.at_risk_margin_sessions < 0:
            raise RuleArgumentError(
                "at_risk_margin_sessions must be >= 0", code="bad_policy"
            )
        try:
            ZoneInfo(self.time_zone)
        except (ValueError, LookupError) as error:
            raise RuleArgumentError(
                f"unknown time zone {self.time_zone!r}", code="bad_policy"
            ) from error

    @cached_property
    def tz(self) -> ZoneInfo:
        """The policy's time zone."""
        return ZoneInfo(self.time_zone)

    @cached_property
    def required_fraction(self) -> Fraction:
        """``required_rate`` as an exact fraction (0.8 -> 4/5), for boundaries."""
        return Fraction(str(self.required_rate))


DEFAULT_POLICY = AttendancePolicy()


def _check_aware(name: str, value: datetime) -> None:
    if value.utcoffset() is None:
        raise RuleArgumentError(
            f"{name} must be timezone-aware, got {value!r}", code="naive_datetime"
        )


@dataclass(frozen=True, slots=True)
class SessionTimes:
    """When a session runs: aware ``start`` and ``end``, ``end`` after ``start``.

    A session may cross midnight (end on the next day). Its date, for
    enrolment purposes, is the local date of its start.
    """

    start: datetime
    end: datetime
    start_s: float = field(init=False, repr=False, compare=False)
    """``start`` as POSIX seconds."""
    end_s: float = field(init=False, repr=False, compare=False)
    """``end`` as POSIX seconds."""

    def __post_init__(self) -> None:
        _check_aware("start", self.start)
        _check_aware("end", self.end)
        start_s, end_s = self.start.timestamp(), self.end.timestamp()
        if end_s <= start_s:
            raise RuleArgumentError(
                "a session must end after it starts", code="session_end_before_start"
            )
        object.__setattr__(self, "start_s", start_s)
        object.__setattr__(self, "end_s", end_s)

    @property
    def minutes(self) -> float:
        """The session's length in minutes."""
        return (self.end_s - self.start_s) / 60.0

    def local_date(self, tz: ZoneInfo) -> date:
        """Return the date on which the session starts, in ``tz``."""
        return self.start.astimezone(tz).date()


@dataclass(frozen=True, slots=True)
class Mark:
    """One trainee's record for one session, as captured and corrected.

    ``check_in`` and ``check_out`` are aware instants or ``None`` when not
    recorded. ``outings`` are ``(out, back)`` pairs of aware instants.
    ``excused`` is true when an official-leave request was approved.
    ``override`` is an instructor's correction and wins over everything the
    times would give.
    """

    check_in: datetime | None = None
    check_out: datetime | None = None
    outings: tuple[tuple[datetime, datetime], ...] = ()
    excused: bool = False
    override: Status | None = None

    def __post_init__(self) -> None:
        if self.check_in is not None:
            _check_aware("check_in", self.check_in)
        if self.check_out is not None:
            _check_aware("check_out", self.check_out)
        for out, back in self.outings:
            _check_aware("outing start", out)
            _check_aware("outing end", back)


@dataclass(frozen=True, slots=True)
class SessionResult:
    """The outcome of ``classify``: a status, the minutes behind it, and why.

    ``minor_events`` lists the late / early-leave / outing events this session
    adds toward converted absences. Minutes are wall-clock minutes within the
    session; ``late_minutes`` counts from the session start (not from the end
    of the grace) and ``early_leave_minutes`` up to the session end.
    """

    status: Status
    attended_minutes: float
    session_minutes: float
    minor_events: tuple[Status, ...] = ()
    reasons: tuple[AttendanceReason, ...] = ()
    late_minutes: float = 0.0
    early_leave_minutes: float = 0.0
    outing_minutes: float = 0.0


def classify(
    session: SessionTimes,
    mark: Mark | None,
    enrolled_on: date | None = None,
    left_on: date | None = None,
    policy: AttendancePolicy = DEFAULT_POLICY,
) -> SessionResult:
    """Return the status of one trainee in one session that has ended.

    The rules apply in this order; the first that decides wins:

    1. Not applicable when the session's local start date (policy time zone)
       is before ``enrolled_on`` or after ``left_on`` (the last day of
       training, inclusive). A mark outside the enrolment is ignored.
    2. An instructor's ``override`` is the status, whatever the times say.
    3. ``excused`` (approved official leave) is excused, even if the times
       show a late check-in or early leave: the approved leave covers the
       whole session, so nothing counts toward converted absences. Partial
       official leave is recorded by an instructor override.
    4. No mark or no check-in: absent.
    5. No check-out: absent. As in HRD-Net, attendance that cannot be confirmed
       is not attendance; an instructor corrects it with an override.
    6. Check-out before check-in, or an outing that ends before it starts:
       absent (``inconsistent_times``) until corrected.
    7. Attended minutes are the overlap of [check-in, check-out] with the
       session, minus the recorded outings within that overlap (overlapping
       outings counted once). Less than ``min_fraction_present`` of the
       session's minutes is absent; exactly that share is not.
    8. Otherwise: late if check-in is after start + ``grace_minutes`` (exactly
       at the boundary is on time), early leave if check-out is before end -
       ``early_leave_grace_minutes``, outing if any outing overlaps the
       attended time. The status is the first of late, early leave, outing
       that holds, else present; each that holds is a minor event (or only
       the status, with ``one_minor_event_per_session``).

    Comparisons are exact to the microsecond; a caller that records times to
    the minute gets minute rules.
    """
    session_minutes = (session.end_s - session.start_s) / 60.0
    if enrolled_on is not None or left_on is not None:
        day = session.local_date(policy.tz)
        if enrolled_on is not None and day < enrolled_on:
            return SessionResult(
                Status.NOT_APPLICABLE,
                0.0,
                session_minutes,
                (),
                (AttendanceReason.BEFORE_ENROLMENT,),
            )
        if left_on is not None and day > left_on:
            return SessionResult(
                Status.NOT_APPLICABLE,
                0.0,
                session_minutes,
                (),
                (AttendanceReason.AFTER_LEAVING,),
            )
    if mark is None:
        return SessionResult(
            Status.ABSENT, 0.0, session_minutes, (), (AttendanceReason.NO_CHECK_IN,)
        )
    if mark.override is not None:
        status = Status(mark.override)
        attended = None
        if mark.check_in is not None and mark.check_out is not None:
            attended = _attended_seconds(
                session,
                mark.check_in.timestamp(),
                mark.check_out.timestamp(),
                mark.outings,
            )
        return SessionResult(
            status,
            0.0 if attended is None else attended[0] / 60.0,
            session_minutes,
            (status,) if status in MINOR_EVENTS else (),
            (AttendanceReason.OVERRIDE,),
        )
    if mark.excused:
        return SessionResult(
            Status.EXCUSED,
            session_minutes,
            session_minutes,
            (),
            (AttendanceReason.EXCUSED,),
        )
    if mark.check_in is None:
        return SessionResult(
            Status.ABSENT, 0.0, session_minutes, (), (AttendanceReason.NO_CHECK_IN,)
        )
    if mark.check_out is None:
        return SessionResult(
            Status.ABSENT, 0.0, session_minutes, (), (AttendanceReason.NO_CHECK_OUT,)
        )
    in_s = mark.check_in.timestamp()
    out_s = mark.check_out.timestamp()
    attended = _attended_seconds(session, in_s, out_s, mark.outings)
    if attended is None:
        return SessionResult(
            Status.ABSENT,
            0.0,
            session_minutes,
            (),
            (AttendanceReason.INCONSISTENT_TIMES,),
        )
    attended_s, outing_s = attended
    session_s = session.end_s - session.start_s
    if attended_s < policy.min_fraction_present * session_s:
        return SessionResult(
            Status.ABSENT,
            attended_s / 60.0,
            session_minutes,
            (),
            (AttendanceReason.UNDER_MIN_FRACTION,),
            outing_minutes=outing_s / 60.0,
        )

    events: list[Status] = []
    reasons: list[AttendanceReason] = []
    late_s = in_s - session.start_s
    if late_s > policy.grace_minutes * 60:
        events.append(Status.LATE)
        reasons.append(AttendanceReason.LATE)
    early_s = session.end_s - out_s
    if early_s > policy.early_leave_grace_minutes * 60:
        events.append(Status.EARLY_LEAVE)
        reasons.append(AttendanceReason.EARLY_LEAVE)
    if outing_s > 0:
        events.append(Status.OUTING)
        reasons.append(AttendanceReason.OUTING)
    if not events:
        return SessionResult(
            Status.PRESENT,
            attended_s / 60.0,
            session_minutes,
            (),
            (AttendanceReason.ON_TIME,),
        )
    return SessionResult(
        events[0],
        attended_s / 60.0,
        session_minutes,
        tuple(events[:1] if policy.one_minor_event_per_session else events),
        tuple(reasons),
        late_minutes=max(late_s, 0.0) / 60.0,
        early_leave_minutes=max(early_s, 0.0) / 60.0,
        outing_minutes=outing_s / 60.0,
    )


def _attended_seconds(
    session: SessionTimes,
    in_s: float,
    out_s: float,
    outings: tuple[tuple[datetime, datetime], ...],
) -> tuple[float, float] | None:
    """Return (attended, outing) seconds within the session, or None.

    ``in_s`` and ``out_s`` are check-in and check-out as POSIX seconds. None
    means the times contradict each other (out before in, back before out).
    """
    if out_s < in_s:
        return None
    lo = max(in_s, session.start_s)
    hi = min(out_s, session.end_s)
    if hi <= lo:
        return (0.0, 0.0)
    outing_s = 0.0
    if outings:
        clipped: list[tuple[float, float]] = []
        for out, back in outings:
            a, b = out.timestamp(), back.timestamp()
            if b < a:
                return None
            a, b = max(a, lo), min(b, hi)
            if b > a:
                clipped.append((a, b))
        clipped.sort()
        end = lo
        for a, b in clipped:
            a = max(a, end)
            if b > a:
                outing_s += b - a
                end = b
    return (hi - lo - outing_s, outing_s)


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    """A trainee's attendance so far and whether completion is still possible.

    Counts are in sessions. Definitions:

    - ``applicable``: sessions held so far that are not ``not_applicable``.
    - ``absences``: sessions with status absent.
    - ``minor_events``: late, early-leave and outing events (see
      ``AttendancePolicy.one_minor_event_per_session``).
    - ``converted_absences``: ``minor_events // minor_events_per_absence``.
    - ``attended_equivalent``: ``applicable - absences - converted_absences``,
      never below 0. Excused sessions count as attended, as in HRD-Net
      (reference §6 item 1, §5.1).
    - ``rate``: ``attended_equivalent / applicable``, 1.0 when nothing is
      applicable yet. Always in 0..1.
    - ``total_sessions``: ``applicable + sessions_remaining``.
    - ``needed``: the attended-equivalent sessions the required rate needs,
      ``ceil(required_rate * total_sessions)``, computed exactly.
    - ``best_final_rate``: the final rate if every remaining session is
      attended without a minor event.
    - ``margin_sessions``: ``attended_equivalent + sessions_remaining -
      needed``, how many more absences can be afforded; negative when the
      required rate is out of reach.
    - ``reachable``: ``margin_sessions >= 0``.
    - ``at_risk``: reachable, but ``margin_sessions`` is at most the policy's
      ``at_risk_margin_sessions``.
    - ``minor_events_to_next_absence``: further minor events until the next
      converted absence.
    """

    counts: dict[Status, int]
    applicable: int
    absences: int
    minor_events: int
    converted_absences: int
    attended_equivalent: int
    rate: float
    sessions_remaining: int
    total_sessions: int
    needed: int
    best_final_rate: float
    margin_sessions: int
    reachable: bool
    at_risk: bool
    minor_events_to_next_absence: int


def summarise(
    results: Iterable[SessionResult],
    policy: AttendancePolicy = DEFAULT_POLICY,
    sessions_remaining: int = 0,
) -> AttendanceSummary:
    """Return the running attendance of one trainee from their session results.

    ``results`` are the trainee's results for the sessions held so far;
    ``sessions_remaining`` is the number of sessions still to come within the
    trainee's enrolment. See ``AttendanceSummary`` for every definition.
    Converted absences are counted over the results given: pass the whole
    course for the completion gate, or one month's results for HRD-Net's
    per-unit-period figures.
    """
    if sessions_remaining < 0:
        raise RuleArgumentError(
            "sessions_remaining must be >= 0", code="negative_sessions_remaining"
        )
    counts = dict.fromkeys(Status, 0)
    minor = 0
    for result in results:
        counts[result.status] += 1
        if result.minor_events:
            minor += len(result.minor_events)
    applicable = sum(counts.values()) - counts[Status.NOT_APPLICABLE]
    absences = counts[Status.ABSENT]
    per = policy.minor_events_per_absence
    converted = minor // per
    attended = max(0, applicable - absences - converted)
    total = applicable + sessions_remaining
    required = policy.required_fraction
    needed = math.ceil(required * total)
    margin = attended + sessions_remaining - needed
    return AttendanceSummary(
        counts=counts,
        applicable=applicable,
        absences=absences,
        minor_events=minor,
        converted_absences=converted,
        attended_equivalent=attended,
        rate=attended / applicable if applicable else 1.0,
        sessions_remaining=sessions_remaining,
        total_sessions=total,
        needed=needed,
        best_final_rate=(attended + sessions_remaining) / total if total else 1.0,
        margin_sessions=margin,
        reachable=margin >= 0,
        at_risk=0 <= margin <= policy.at_risk_margin_sessions,
        minor_events_to_next_absence=per - minor % per,
    )
