"""The HRD-Net-style attendance rules: session statuses and the running rate."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from robocampus.cohorts.rules.attendance import (
    MINOR_EVENTS,
    AttendancePolicy,
    AttendanceReason,
    Mark,
    SessionResult,
    SessionTimes,
    Status,
    classify,
    summarise,
)
from robocampus.cohorts.rules.errors import RuleArgumentError
from tests.cohorts.helpers import day_session, seoul

# 2025-03-03, 09:00-13:00 Seoul: 240 minutes.
SESSION = day_session()
START, END = SESSION.start, SESSION.end
MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)


def mark(in_min: float | None = 0, out_min: float | None = 240, **kw) -> Mark:
    """Return a mark for SESSION, with times in minutes from its start."""
    return Mark(
        check_in=None if in_min is None else START + in_min * MIN,
        check_out=None if out_min is None else START + out_min * MIN,
        **kw,
    )


def outing(from_min: float, to_min: float) -> tuple[datetime, datetime]:
    return (START + from_min * MIN, START + to_min * MIN)


def result(status: Status, events: tuple[Status, ...] | None = None) -> SessionResult:
    """Return a bare result with ``status`` (and its minor event, if minor)."""
    if events is None:
        events = (status,) if status in MINOR_EVENTS else ()
    return SessionResult(status, 0.0, 240.0, events)


# --- classify: on time, late, early leave -----------------------------------


def test_on_time_check_in_and_out_is_present():
    """Checking in at the start and out at the end is present, 240 minutes."""
    r = classify(SESSION, mark(0, 240))
    assert r.status is Status.PRESENT
    assert r.attended_minutes == 240
    assert r.session_minutes == 240
    assert r.minor_events == ()
    assert r.reasons == (AttendanceReason.ON_TIME,)


def test_check_in_exactly_at_grace_boundary_is_present():
    """A check-in at start + 10 minutes, to the second, is still on time."""
    assert classify(SESSION, mark(10, 240)).status is Status.PRESENT


def test_check_in_one_second_after_grace_is_late():
    """One second past start + grace is late, counted from the start."""
    m = Mark(START + 10 * MIN + SEC, END)
    r = classify(SESSION, m)
    assert r.status is Status.LATE
    assert r.minor_events == (Status.LATE,)
    assert r.late_minutes == pytest.approx(10 + 1 / 60)


def test_grace_minutes_are_configurable():
    """With a 5-minute grace, a check-in at 09:07 is late."""
    policy = AttendancePolicy(grace_minutes=5)
    assert classify(SESSION, mark(7, 240), policy=policy).status is Status.LATE
    assert classify(SESSION, mark(7, 240)).status is Status.PRESENT


def test_early_check_in_counts_from_session_start():
    """Minutes before the start are not attended minutes."""
    r = classify(SESSION, mark(-30, 240))
    assert r.status is Status.PRESENT
    assert r.attended_minutes == 240


def test_check_out_before_end_is_early_leave():
    r = classify(SESSION, mark(0, 200))
    assert r.status is Status.EARLY_LEAVE
    assert r.minor_events == (Status.EARLY_LEAVE,)
    assert r.early_leave_minutes == 40
    assert r.attended_minutes == 200


def test_check_out_exactly_at_end_is_present():
    assert classify(SESSION, mark(0, 240)).status is Status.PRESENT


def test_early_leave_grace_is_configurable():
    """With a 5-minute early-leave grace, leaving 5 minutes early is present."""
    policy = AttendancePolicy(early_leave_grace_minutes=5)
    assert classify(SESSION, mark(0, 235), policy=policy).status is Status.PRESENT
    assert classify(SESSION, mark(0, 234), policy=policy).status is (Status.EARLY_LEAVE)


def test_late_and_early_leave_are_two_minor_events():
    """Both events count; the status is the first, late."""
    r = classify(SESSION, mark(30, 200))
    assert r.status is Status.LATE
    assert r.minor_events == (Status.LATE, Status.EARLY_LEAVE)
    assert r.reasons == (AttendanceReason.LATE, AttendanceReason.EARLY_LEAVE)


def test_one_minor_event_per_session_when_configured():
    policy = AttendancePolicy(one_minor_event_per_session=True)
    r = classify(SESSION, mark(30, 200), policy=policy)
    assert r.status is Status.LATE
    assert r.minor_events == (Status.LATE,)


# --- classify: outings ------------------------------------------------------


def test_outing_is_subtracted_from_attended_minutes():
    """A 30-minute outing leaves 210 of 240 minutes and is an outing event."""
    r = classify(SESSION, mark(0, 240, outings=(outing(60, 90),)))
    assert r.status is Status.OUTING
    assert r.attended_minutes == 210
    assert r.outing_minutes == 30
    assert r.minor_events == (Status.OUTING,)


def test_overlapping_outings_are_subtracted_once():
    r = classify(SESSION, mark(0, 240, outings=(outing(60, 90), outing(80, 100))))
    assert r.attended_minutes == 200
    assert r.outing_minutes == 40


def test_several_outings_are_one_outing_event():
    r = classify(SESSION, mark(0, 240, outings=(outing(10, 20), outing(100, 110))))
    assert r.attended_minutes == 220
    assert r.minor_events == (Status.OUTING,)


def test_outing_is_clipped_to_the_attended_time():
    """Only the part of an outing inside [check-in, check-out] is subtracted."""
    r = classify(SESSION, mark(0, 240, outings=(outing(220, 300),)))
    assert r.attended_minutes == 220
    assert r.outing_minutes == 20


def test_outing_outside_the_session_is_not_an_event():
    r = classify(SESSION, mark(0, 240, outings=(outing(-50, -10),)))
    assert r.status is Status.PRESENT
    assert r.attended_minutes == 240


def test_late_early_leave_and_outing_are_three_events():
    r = classify(SESSION, mark(15, 230, outings=(outing(60, 70),)))
    assert r.minor_events == (Status.LATE, Status.EARLY_LEAVE, Status.OUTING)


# --- classify: the half rule ------------------------------------------------


def test_exactly_half_present_is_not_absent():
    """Arriving at 11:00 for 09:00-13:00 is exactly half: late, not absent."""
    r = classify(SESSION, mark(120, 240))
    assert r.status is Status.LATE
    assert r.attended_minutes == 120


def test_one_second_under_half_is_absent_even_with_check_in():
    r = classify(SESSION, Mark(START + 120 * MIN + SEC, END))
    assert r.status is Status.ABSENT
    assert r.reasons == (AttendanceReason.UNDER_MIN_FRACTION,)
    assert r.minor_events == ()


def test_outings_can_push_attendance_under_half():
    """On time, but 150 minutes out of 240 leaves 90: absent."""
    r = classify(SESSION, mark(0, 240, outings=(outing(30, 180),)))
    assert r.status is Status.ABSENT
    assert r.attended_minutes == 90


def test_min_fraction_present_is_configurable():
    policy = AttendancePolicy(min_fraction_present=0.75)
    assert classify(SESSION, mark(0, 170), policy=policy).status is Status.ABSENT
    assert classify(SESSION, mark(0, 180), policy=policy).status is (Status.EARLY_LEAVE)


def test_check_in_after_the_session_is_absent():
    r = classify(SESSION, mark(250, 260))
    assert r.status is Status.ABSENT
    assert r.attended_minutes == 0


# --- classify: missing and inconsistent records -----------------------------


def test_no_mark_is_absent():
    r = classify(SESSION, None)
    assert r.status is Status.ABSENT
    assert r.reasons == (AttendanceReason.NO_CHECK_IN,)


def test_no_check_in_is_absent():
    r = classify(SESSION, mark(None, 240))
    assert r.status is Status.ABSENT
    assert r.reasons == (AttendanceReason.NO_CHECK_IN,)


def test_missing_check_out_is_absent_until_corrected():
    """A day that cannot be confirmed is not attended (HRD-Net practice)."""
    r = classify(SESSION, mark(0, None))
    assert r.status is Status.ABSENT
    assert r.reasons == (AttendanceReason.NO_CHECK_OUT,)


def test_instructor_correction_of_missing_check_out_is_present():
    r = classify(SESSION, mark(0, None, override=Status.PRESENT))
    assert r.status is Status.PRESENT
    assert r.reasons == (AttendanceReason.OVERRIDE,)


def test_check_out_before_check_in_is_absent_as_inconsistent():
    r = classify(SESSION, mark(100, 50))
    assert r.status is Status.ABSENT
    assert r.reasons == (AttendanceReason.INCONSISTENT_TIMES,)


def test_outing_back_before_out_is_absent_as_inconsistent():
    r = classify(SESSION, mark(0, 240, outings=(outing(90, 60),)))
    assert r.status is Status.ABSENT
    assert r.reasons == (AttendanceReason.INCONSISTENT_TIMES,)


# --- classify: excused and overrides ----------------------------------------


def test_excused_plus_late_is_excused():
    """Approved official leave covers the session: no late event is counted."""
    r = classify(SESSION, mark(30, 240, excused=True))
    assert r.status is Status.EXCUSED
    assert r.minor_events == ()
    assert r.reasons == (AttendanceReason.EXCUSED,)


def test_excused_without_any_check_in_is_excused():
    assert classify(SESSION, mark(None, None, excused=True)).status is (Status.EXCUSED)


def test_override_wins_over_the_times():
    """An instructor's correction to late counts as a late event."""
    r = classify(SESSION, mark(0, 240, override=Status.LATE))
    assert r.status is Status.LATE
    assert r.minor_events == (Status.LATE,)
    assert r.attended_minutes == 240


def test_override_wins_over_excused():
    r = classify(SESSION, mark(0, 240, excused=True, override=Status.ABSENT))
    assert r.status is Status.ABSENT


# --- classify: midnight and enrolment ---------------------------------------

NIGHT = SessionTimes(seoul(2025, 3, 3, 22), seoul(2025, 3, 4, 2))


def test_session_crossing_midnight_is_present():
    m = Mark(seoul(2025, 3, 3, 21, 55), seoul(2025, 3, 4, 2, 0))
    r = classify(NIGHT, m)
    assert r.status is Status.PRESENT
    assert r.attended_minutes == 240
    assert r.session_minutes == 240


def test_session_crossing_midnight_late_and_early_leave():
    m = Mark(seoul(2025, 3, 3, 22, 11), seoul(2025, 3, 4, 1, 30))
    r = classify(NIGHT, m)
    assert r.minor_events == (Status.LATE, Status.EARLY_LEAVE)
    assert r.attended_minutes == 199


def test_session_crossing_midnight_belongs_to_its_start_date():
    """Enrolled on the 4th, a session starting 22:00 on the 3rd is N/A."""
    m = Mark(seoul(2025, 3, 3, 22), seoul(2025, 3, 4, 2))
    assert classify(NIGHT, m, enrolled_on=date(2025, 3, 4)).status is (
        Status.NOT_APPLICABLE
    )
    assert classify(NIGHT, m, enrolled_on=date(2025, 3, 3)).status is (Status.PRESENT)


def test_session_before_enrolment_is_not_applicable_even_with_a_mark():
    r = classify(SESSION, mark(0, 240), enrolled_on=date(2025, 3, 4))
    assert r.status is Status.NOT_APPLICABLE
    assert r.reasons == (AttendanceReason.BEFORE_ENROLMENT,)


def test_session_on_enrolment_day_is_applicable():
    r = classify(SESSION, None, enrolled_on=date(2025, 3, 3))
    assert r.status is Status.ABSENT


def test_session_after_leaving_is_not_applicable():
    r = classify(SESSION, None, left_on=date(2025, 3, 2))
    assert r.status is Status.NOT_APPLICABLE
    assert r.reasons == (AttendanceReason.AFTER_LEAVING,)


def test_session_on_leaving_day_is_applicable():
    assert classify(SESSION, None, left_on=date(2025, 3, 3)).status is Status.ABSENT


def test_enrolment_date_is_compared_in_seoul_time():
    """00:30 on the 3rd in Seoul is still the 2nd in UTC; Seoul decides."""
    start = datetime(2025, 3, 2, 15, 30, tzinfo=UTC)  # 2025-03-03 00:30 Seoul
    early = SessionTimes(start, start + timedelta(hours=2))
    assert classify(early, None, enrolled_on=date(2025, 3, 3)).status is (Status.ABSENT)
    utc = AttendancePolicy(time_zone="UTC")
    assert classify(early, None, enrolled_on=date(2025, 3, 3), policy=utc).status is (
        Status.NOT_APPLICABLE
    )


# --- misuse -----------------------------------------------------------------


def test_naive_datetimes_are_refused():
    with pytest.raises(RuleArgumentError, match="timezone-aware"):
        SessionTimes(datetime(2025, 3, 3, 9), datetime(2025, 3, 3, 13))
    with pytest.raises(RuleArgumentError, match="check_in must be timezone-aware"):
        Mark(check_in=datetime(2025, 3, 3, 9))


def test_session_must_end_after_it_starts():
    with pytest.raises(RuleArgumentError, match="end after it starts") as info:
        SessionTimes(START, START)
    assert info.value.code == "session_end_before_start"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("grace_minutes", -1),
        ("minor_events_per_absence", 0),
        ("min_fraction_present", 1.5),
        ("required_rate", -0.1),
        ("at_risk_margin_sessions", -1),
        ("time_zone", "Mars/Olympus_Mons"),
    ],
)
def test_bad_policy_values_are_refused(field, value):
    with pytest.raises(RuleArgumentError) as info:
        AttendancePolicy(**{field: value})
    assert info.value.code == "bad_policy"


# --- summarise --------------------------------------------------------------


def test_three_minor_events_count_as_one_absence():
    s = summarise(
        [result(Status.LATE), result(Status.EARLY_LEAVE), result(Status.OUTING)]
        + [result(Status.PRESENT)] * 7
    )
    assert s.minor_events == 3
    assert s.converted_absences == 1
    assert s.attended_equivalent == 9
    assert s.rate == 0.9


def test_five_minor_events_are_one_absence_and_two_towards_the_next():
    s = summarise([result(Status.LATE)] * 5 + [result(Status.PRESENT)] * 5)
    assert s.converted_absences == 1
    assert s.minor_events % 3 == 2
    assert s.minor_events_to_next_absence == 1
    assert s.attended_equivalent == 9


def test_two_events_in_one_session_both_count():
    late_and_early = result(Status.LATE, (Status.LATE, Status.EARLY_LEAVE))
    s = summarise([late_and_early, result(Status.OUTING)])
    assert s.minor_events == 3
    assert s.converted_absences == 1


def test_excused_counts_as_attended():
    s = summarise([result(Status.EXCUSED)] * 2 + [result(Status.ABSENT)] * 2)
    assert s.applicable == 4
    assert s.absences == 2
    assert s.rate == 0.5


def test_not_applicable_sessions_are_left_out_of_the_rate():
    s = summarise([result(Status.NOT_APPLICABLE)] * 5 + [result(Status.PRESENT)] * 4)
    assert s.applicable == 4
    assert s.rate == 1.0
    assert s.counts[Status.NOT_APPLICABLE] == 5


def test_rate_is_one_before_any_applicable_session():
    s = summarise([], sessions_remaining=10)
    assert s.rate == 1.0
    assert s.reachable is True


def test_required_rate_reachable_exactly_at_the_boundary():
    """10 sessions at 80 % need 8: two absences leave it just reachable."""
    s = summarise(
        [result(Status.ABSENT)] * 2 + [result(Status.PRESENT)] * 3,
        sessions_remaining=5,
    )
    assert s.total_sessions == 10
    assert s.needed == 8
    assert s.margin_sessions == 0
    assert s.best_final_rate == 0.8
    assert s.reachable is True
    assert s.at_risk is True


def test_required_rate_unreachable_one_absence_past_the_boundary():
    s = summarise(
        [result(Status.ABSENT)] * 3 + [result(Status.PRESENT)] * 2,
        sessions_remaining=5,
    )
    assert s.margin_sessions == -1
    assert s.reachable is False
    assert s.at_risk is False


def test_converted_absences_count_towards_reachability():
    """Two absences and three lates in 10 sessions: 7 of 8 needed at best."""
    s = summarise(
        [result(Status.ABSENT)] * 2 + [result(Status.LATE)] * 3,
        sessions_remaining=5,
    )
    assert s.reachable is False


def test_at_risk_when_margin_is_within_policy():
    common = [result(Status.PRESENT)] * 3
    one_spare = summarise([result(Status.ABSENT)] + common, sessions_remaining=6)
    two_spare = summarise(common + [result(Status.PRESENT)], sessions_remaining=6)
    assert one_spare.margin_sessions == 1
    assert one_spare.at_risk is True
    assert two_spare.margin_sessions == 2
    assert two_spare.at_risk is False
    wider = AttendancePolicy(at_risk_margin_sessions=2)
    assert summarise(common + [result(Status.PRESENT)], wider, 6).at_risk is True


def test_needed_sessions_are_computed_exactly():
    """0.8 x 35 is 28.000000000000004 in floats; 28 sessions are needed."""
    s = summarise([result(Status.ABSENT)] * 7, sessions_remaining=28)
    assert s.needed == 28
    assert s.reachable is True
    assert s.margin_sessions == 0


def test_negative_sessions_remaining_is_refused():
    with pytest.raises(RuleArgumentError, match="sessions_remaining"):
        summarise([], sessions_remaining=-1)


def test_summary_of_classified_sessions():
    """Marks through classify and summarise give the HRD-Net rate."""
    sessions = [day_session(day=d) for d in range(3, 13)]
    late_by = [0] * 6 + [20] * 3 + [None]
    results = [
        classify(
            sess,
            None if late is None else Mark(sess.start + late * MIN, sess.end),
            enrolled_on=date(2025, 3, 4),
        )
        for sess, late in zip(sessions, late_by, strict=True)
    ]
    s = summarise(results, sessions_remaining=0)
    assert s.counts[Status.NOT_APPLICABLE] == 1
    assert s.applicable == 9
    assert s.absences == 1
    assert s.converted_absences == 1
    assert s.rate == pytest.approx(7 / 9)


# --- properties -------------------------------------------------------------

minutes = st.integers(min_value=-120, max_value=600)


@st.composite
def marks(draw) -> Mark:
    check_in = draw(st.none() | minutes)
    check_out = draw(st.none() | minutes)
    outs = draw(st.lists(st.tuples(minutes, minutes), max_size=3))
    return mark(
        check_in,
        check_out,
        outings=tuple(outing(a, b) for a, b in outs),
        excused=draw(st.booleans()),
        override=draw(st.none() | st.sampled_from(Status)),
    )


@given(marks(), st.integers(min_value=1, max_value=600))
def test_classify_is_deterministic_and_minutes_are_bounded(m, length):
    """The same input gives the same result; minutes stay within the session."""
    session = SessionTimes(START, START + length * MIN)
    first = classify(session, m)
    assert classify(session, m) == first
    assert 0 <= first.attended_minutes <= first.session_minutes
    assert set(first.minor_events) <= set(MINOR_EVENTS)
    if first.status in (Status.ABSENT, Status.EXCUSED, Status.PRESENT):
        assert first.minor_events == ()


statuses = st.sampled_from(Status)


@st.composite
def results(draw) -> SessionResult:
    status = draw(statuses)
    events: tuple[Status, ...] = ()
    if status in MINOR_EVENTS:
        extra = draw(st.lists(st.sampled_from(MINOR_EVENTS), max_size=2, unique=True))
        events = (status, *(e for e in extra if e is not status))
    return result(status, events)


@given(
    st.lists(results(), max_size=60),
    st.integers(min_value=0, max_value=60),
    st.sampled_from([0.5, 0.7, 0.8, 0.9, 1.0]),
    st.integers(min_value=1, max_value=4),
)
def test_rates_stay_in_range_and_reachability_is_exact(
    rs, remaining, required, per_absence
):
    """Rates are in 0..1; reachable means the best case meets the rate exactly."""
    policy = AttendancePolicy(
        required_rate=required, minor_events_per_absence=per_absence
    )
    s = summarise(rs, policy, remaining)
    assert 0.0 <= s.rate <= 1.0
    assert 0.0 <= s.best_final_rate <= 1.0
    assert s.applicable + s.counts[Status.NOT_APPLICABLE] == len(rs)
    if s.total_sessions:
        best = Fraction(s.attended_equivalent + remaining, s.total_sessions)
        assert s.reachable is (best >= Fraction(str(required)))
    assert s.at_risk is (
        s.reachable and s.margin_sessions <= policy.at_risk_margin_sessions
    )
