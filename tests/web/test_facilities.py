"""Physical robot cells: safety education before hands-on work, inspections,
bookings that can never overlap (also under concurrent requests), the
pre-work checklist, practicals scored with a rubric, and what the cohorts
app reads for completion."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from robocampus.cohorts.rules.booking import BookingBlock
from robocampus.cohorts.rules.safety import PRE_WORK_CHECKLIST
from robocampus.curriculum.models import CompetencyUnit
from robocampus.facilities import evidence, queries, services
from robocampus.facilities.errors import (
    BookingRefusedError,
    BookingStateError,
    ChecklistIncompleteError,
    ScoreError,
)
from robocampus.facilities.models import (
    Booking,
    CellInspection,
    PracticalScore,
    PracticalTask,
    RobotCell,
    SafetyTraining,
)
from robocampus.facilities.uploads import inspect_evidence

from .conftest import login, make_user, png_bytes
from .facility_samples import PDF, RUBRIC

ON_POSTGRES = (
    django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
)
ALL_ITEMS = [item.id for item in PRE_WORK_CHECKLIST]


def refused_by_the_database():
    return pytest.raises(IntegrityError, match="facilities_booking_no_overlap")


def today() -> datetime.date:
    return timezone.localdate()


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """Seoul wall-clock time on ``day``."""
    return datetime.datetime(
        day.year,
        day.month,
        day.day,
        hour,
        minute,
        tzinfo=timezone.get_default_timezone(),
    )


def tomorrow(hour: int, minute: int = 0) -> datetime.datetime:
    return at(today() + datetime.timedelta(days=1), hour, minute)


@pytest.fixture
def cell(db) -> RobotCell:
    """An RV-2FR cell installed 200 days ago: its first inspection is not due."""
    return RobotCell.objects.create(
        name="Cell A",
        robot_model="RV-2FR",
        serial_number="RV2FR-0001",
        location="Lab 1",
        installed_on=today() - datetime.timedelta(days=200),
    )


def give_hours(trainee, hours, on=None) -> SafetyTraining:
    return services.record_safety_training(
        [trainee], held_on=on or today(), hours=Decimal(str(hours)), topic="basics"
    )[0]


def practice(user, cell, start, end, **kwargs) -> Booking:
    return services.book_cell(user, cell, start, end, purpose="practice", **kwargs)


def raw_booking(cell, start, end, user, **fields) -> Booking:
    """A booking written straight through the ORM, past every service check."""
    return Booking.objects.create(
        cell=cell,
        starts_at=start,
        ends_at=end,
        booked_by=user,
        purpose="practice",
        **fields,
    )


@pytest.fixture
def task(course) -> PracticalTask:
    unit, _ = CompetencyUnit.objects.get_or_create(
        code="TEST_ROBOT_OPERATION", defaults={"title_ko": "로봇 조작"}
    )
    task = PracticalTask.objects.create(
        course=course,
        slug="real-pick-place",
        title_ko="실제 로봇 픽앤플레이스",
        title_en="Pick and place on the real robot",
        rubric=RUBRIC,
        pass_mark=28,
    )
    task.competencies.add(unit)
    return task


# -- the database refuses overlaps --------------------------------------------------


def test_an_overlapping_booking_is_refused_by_the_database(users, cell):
    """Written straight through the ORM, an overlap is still refused."""
    user = users["instructor"]
    raw_booking(cell, tomorrow(9), tomorrow(11), user)
    with refused_by_the_database(), transaction.atomic():
        raw_booking(cell, tomorrow(10), tomorrow(12), user)
    with refused_by_the_database(), transaction.atomic():
        raw_booking(cell, tomorrow(9, 30), tomorrow(10, 30), user)
    assert Booking.objects.count() == 1


def test_moving_a_booking_onto_another_is_refused_by_the_database(users, cell):
    user = users["instructor"]
    raw_booking(cell, tomorrow(9), tomorrow(10), user)
    later = raw_booking(cell, tomorrow(10), tomorrow(11), user)
    later.starts_at = tomorrow(9, 30)
    with refused_by_the_database(), transaction.atomic():
        later.save()
    later.refresh_from_db()
    assert later.starts_at == tomorrow(10)


def test_a_cancelled_booking_cannot_be_revived_onto_a_taken_slot(users, cell):
    user = users["instructor"]
    first = practice(user, cell, tomorrow(9), tomorrow(10))
    services.cancel_booking(first, user)
    practice(user, cell, tomorrow(9), tomorrow(10))
    first.refresh_from_db()
    first.cancelled_at = None
    with refused_by_the_database(), transaction.atomic():
        first.save()


def test_the_same_time_on_another_cell_is_allowed(users, cell):
    other = RobotCell.objects.create(
        name="Cell B",
        robot_model="RV-5AS",
        serial_number="5AS-1",
        installed_on=cell.installed_on,
    )
    user = users["instructor"]
    raw_booking(cell, tomorrow(9), tomorrow(10), user)
    raw_booking(other, tomorrow(9), tomorrow(10), user)
    assert Booking.objects.count() == 2


def test_touching_slots_do_not_overlap(users, cell):
    """A booking ending at 10:00 and one starting at 10:00 are both allowed."""
    user = users["instructor"]
    practice(user, cell, tomorrow(9), tomorrow(10))
    practice(user, cell, tomorrow(10), tomorrow(11))
    practice(user, cell, tomorrow(8), tomorrow(9))
    assert Booking.objects.filter(cell=cell).count() == 3


def test_cancelled_bookings_do_not_block(users, cell):
    user = users["instructor"]
    booking = practice(user, cell, tomorrow(9), tomorrow(10))
    services.cancel_booking(booking, user)
    again = practice(user, cell, tomorrow(9, 30), tomorrow(10, 30))
    assert again.pk != booking.pk


def test_an_overlap_is_refused_with_the_booked_times(users, cell):
    user = users["instructor"]
    practice(user, cell, tomorrow(9), tomorrow(10))
    with pytest.raises(BookingRefusedError) as refused:
        practice(user, cell, tomorrow(9, 30), tomorrow(11))
    assert refused.value.blocks == [BookingBlock.SLOT_CONFLICT]
    assert "09:00 to " in refused.value.messages[0]
    assert Booking.objects.count() == 1


def test_the_database_decides_a_race_the_checks_missed(users, cell, monkeypatch):
    """When two requests pass the checks together, the loser is refused with
    a clear message and nothing is saved."""
    user = users["instructor"]
    practice(user, cell, tomorrow(9), tomorrow(10))
    monkeypatch.setattr(
        services.queries, "overlapping", lambda *args: Booking.objects.none()
    )
    with pytest.raises(BookingRefusedError, match="a moment ago; nothing was saved"):
        practice(user, cell, tomorrow(9), tomorrow(10))
    assert Booking.objects.count() == 1


def _race(user_pk: int, cell_pk: int, start, end, barrier) -> str:
    from robocampus.accounts.models import User

    try:
        user = User.objects.get(pk=user_pk)
        cell = RobotCell.objects.get(pk=cell_pk)
        barrier.wait(timeout=30)
        practice(user, cell, start, end)
        return "booked"
    except BookingRefusedError as err:
        return "refused:" + ",".join(err.blocks)
    finally:
        connection.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (concurrent writers)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("checks", ["with checks", "database only"])
def test_concurrent_bookings_of_one_slot_exactly_one_wins(
    users, cell, monkeypatch, checks
):
    """Eight requests for the same time at the same moment, each on its own
    connection: one booking is made, seven are refused. "database only"
    switches the overlap check off so that every request reaches the
    database at once."""
    if checks == "database only":
        monkeypatch.setattr(
            services.queries, "overlapping", lambda *args: Booking.objects.none()
        )
    n = 8
    barrier = threading.Barrier(n)
    user = users["instructor"]
    with ThreadPoolExecutor(n) as pool:
        outcomes = list(
            pool.map(
                lambda i: _race(
                    user.pk, cell.pk, tomorrow(9), tomorrow(10, 30 + i), barrier
                ),
                range(n),
            )
        )
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count("refused:slot_conflict") == n - 1, outcomes
    assert Booking.objects.filter(cell=cell).count() == 1


def _raw_race(user_pk: int, cell_pk: int, start, end, barrier) -> str:
    try:
        barrier.wait(timeout=30)
        with transaction.atomic():
            Booking.objects.create(
                cell_id=cell_pk,
                starts_at=start,
                ends_at=end,
                booked_by_id=user_pk,
                purpose="practice",
            )
        return "inserted"
    except IntegrityError:
        return "refused"
    except OperationalError as err:
        # PostgreSQL may break a wait between two conflicting inserts with
        # a deadlock error; either way the row is not written.
        return "deadlock" if "deadlock" in str(err) else repr(err)
    finally:
        connection.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (concurrent writers)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_raw_inserts_still_leave_one_booking(users, cell):
    """Without the service (no checks, no lock), eight overlapping inserts at
    once: the exclusion constraint alone lets exactly one through."""
    n = 8
    barrier = threading.Barrier(n)
    user = users["instructor"]
    with ThreadPoolExecutor(n) as pool:
        outcomes = list(
            pool.map(
                lambda i: _raw_race(
                    user.pk, cell.pk, tomorrow(9, i), tomorrow(10, i), barrier
                ),
                range(n),
            )
        )
    assert outcomes.count("inserted") == 1, outcomes
    assert set(outcomes) <= {"inserted", "refused", "deadlock"}, outcomes
    assert Booking.objects.filter(cell=cell).count() == 1


# -- inspections --------------------------------------------------------------------


def test_an_overdue_cell_cannot_be_booked(users, cell):
    """First inspection within 3 years of installation; a failed inspection
    does not restart the interval; a passed one does."""
    user = users["instructor"]
    cell.installed_on = today() - datetime.timedelta(days=3 * 366 + 10)
    cell.save()
    with pytest.raises(BookingRefusedError) as refused:
        practice(user, cell, tomorrow(9), tomorrow(10))
    assert refused.value.blocks == [BookingBlock.CELL_INSPECTION_OVERDUE]
    assert "safety inspection was due by" in refused.value.messages[0]
    services.record_inspection(
        cell, inspected_on=today(), inspector="KOSHA", result="failed"
    )
    with pytest.raises(BookingRefusedError, match="safety inspection"):
        practice(user, cell, tomorrow(9), tomorrow(10))
    services.record_inspection(
        cell, inspected_on=today(), inspector="KOSHA", result="passed"
    )
    practice(user, cell, tomorrow(9), tomorrow(10))
    cell.refresh_from_db()
    assert cell.inspection_due().year == today().year + 2


def test_a_cell_out_of_service_cannot_be_booked(users, cell):
    cell.active = False
    cell.save()
    with pytest.raises(BookingRefusedError, match="out of service"):
        practice(users["instructor"], cell, tomorrow(9), tomorrow(10))


def test_the_cell_page_shows_the_next_inspection_and_overdue(client, users, cell):
    cell.installed_on = datetime.date(2020, 5, 2)
    cell.save()
    CellInspection.objects.create(
        cell=cell,
        inspected_on=datetime.date(2023, 4, 30),
        inspector="KOSHA",
        result="passed",
    )
    login(client, users["trainee"])
    page = client.get(reverse("facilities:cell", args=[cell.pk])).content.decode()
    assert "2025-04-30" in page
    overdue = today() > datetime.date(2025, 4, 30)
    assert ("Overdue: the cell cannot be booked" in page) is overdue


def test_a_center_admin_adds_a_cell_and_an_inspection(client, users):
    login(client, users["admin"])
    response = client.post(
        reverse("facilities:cell_new"),
        {
            "name": "Cell C",
            "robot_model": "RV-5AS",
            "serial_number": "5AS-0042",
            "location": "Lab 2",
            "installed_on": "2024-03-01",
            "active": "on",
        },
    )
    assert response.status_code == 302
    cell = RobotCell.objects.get(name="Cell C")
    url = reverse("facilities:inspection_new", args=[cell.pk])
    refused = client.post(
        url, {"inspected_on": "2024-02-01", "inspector": "KOSHA", "result": "passed"}
    )
    assert refused.status_code == 400
    assert "installed on 2024-03-01" in refused.content.decode()
    assert b'value="KOSHA"' in refused.content
    assert not cell.inspections.exists()
    client.post(
        url, {"inspected_on": "2024-09-01", "inspector": "KOSHA", "result": "passed"}
    )
    assert cell.inspections.get().recorded_by == users["admin"]
    assert cell.inspection_due() == datetime.date(2026, 9, 1)


def test_a_cell_names_a_model_of_the_simulator(client, users):
    login(client, users["admin"])
    response = client.post(
        reverse("facilities:cell_new"),
        {
            "name": "X",
            "robot_model": "RV-99",
            "serial_number": "1",
            "installed_on": "2024-03-01",
        },
    )
    assert response.status_code == 400
    assert not RobotCell.objects.exists()


# -- safety education gates hands-on work -------------------------------------------


def _book_as(client, user, cell, **data):
    login(client, user)
    day = (today() + datetime.timedelta(days=1)).isoformat()
    form = {"day": day, "start": "09:00", "end": "10:00", **data}
    return client.post(reverse("facilities:book", args=[cell.pk]), form)


def test_a_trainee_without_four_hours_is_refused_with_a_clear_message(
    client, users, cell
):
    trainee = users["trainee"]
    give_hours(trainee, 3)
    response = _book_as(client, trainee, cell, note="jog practice")
    assert response.status_code == 400
    page = response.content.decode()
    assert "has 3 h of safety education for robot work" in page
    assert "4 h are needed before hands-on work" in page
    assert 'value="jog practice"' in page
    assert not Booking.objects.exists()

    give_hours(trainee, 1)
    response = _book_as(client, trainee, cell)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:booking", args=[booking.pk])
    assert (booking.booked_by, booking.purpose, booking.cohort) == (
        trainee,
        "practice",
        None,
    )
    assert booking.starts_at == tomorrow(9)


def test_future_safety_hours_do_not_count_yet(users, cell):
    trainee = users["trainee"]
    give_hours(trainee, 4, on=today() + datetime.timedelta(days=1))
    with pytest.raises(BookingRefusedError, match="4 h are needed"):
        practice(trainee, cell, tomorrow(9), tomorrow(10))


def _hands_on_long_ago(trainee, cell, days: int) -> Booking:
    start = timezone.now() - datetime.timedelta(days=days)
    booking = raw_booking(
        cell,
        start,
        start + datetime.timedelta(hours=1),
        trainee,
        checklist=ALL_ITEMS,
        checklist_confirmed_at=start,
        started_at=start,
    )
    booking.participants.add(trainee)
    return booking


def test_a_trainee_past_the_three_month_deadline_is_refused(users, cell):
    """Hands-on work started four months ago with 4 h; the other 12 h were
    due within three months."""
    trainee = users["trainee"]
    give_hours(trainee, 4, on=today() - datetime.timedelta(days=130))
    _hands_on_long_ago(trainee, cell, days=120)
    status = evidence.safety_status_for(trainee, today())
    assert status.overdue is True
    with pytest.raises(BookingRefusedError) as refused:
        practice(trainee, cell, tomorrow(9), tomorrow(10))
    assert refused.value.blocks == [BookingBlock.SAFETY_EDUCATION_OVERDUE]
    assert "had to finish the 16 h of safety education by" in refused.value.messages[0]
    give_hours(trainee, 12)
    practice(trainee, cell, tomorrow(9), tomorrow(10))


def test_a_class_booking_lists_trainees_not_yet_eligible(client, users, cohort, cell):
    response = _book_as(
        client, users["instructor"], cell, purpose="class", cohort=cohort.pk
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.purpose, booking.cohort) == ("class", cohort)
    page = client.get(response["Location"]).content.decode()
    assert "Not yet allowed to do hands-on work (safety education): Trainee" in page


def test_an_instructor_books_classes_only_for_their_cohorts(
    client, users, cohort, cell
):
    response = _book_as(
        client, users["instructor_b"], cell, purpose="class", cohort=cohort.pk
    )
    assert response.status_code == 400
    response = _book_as(client, users["instructor"], cell, purpose="class")
    assert response.status_code == 400
    assert "Choose the cohort the class is for." in response.content.decode()
    assert not Booking.objects.exists()


def test_a_slot_that_has_begun_cannot_be_booked(users, cell):
    start = timezone.now() - datetime.timedelta(minutes=5)
    with pytest.raises(BookingRefusedError, match="already begun"):
        practice(users["instructor"], cell, start, start + datetime.timedelta(hours=1))


# -- the pre-work checklist and the start -------------------------------------------


def test_the_checklist_must_be_fully_confirmed_before_the_start(users, cell):
    trainee = users["trainee"]
    give_hours(trainee, 4)
    booking = practice(trainee, cell, tomorrow(9), tomorrow(10))
    now = tomorrow(8, 50)
    with pytest.raises(BookingStateError, match="Confirm the pre-work checklist"):
        services.start_booking(booking, trainee, now=now)
    with pytest.raises(ChecklistIncompleteError) as incomplete:
        services.confirm_checklist(booking, trainee, ALL_ITEMS[:-1], now=now)
    assert incomplete.value.missing == ("check.brake_and_emergency_stop",)
    assert "Brakes and the emergency stop work" in incomplete.value.messages[0]
    booking.refresh_from_db()
    assert (booking.checklist, booking.checklist_confirmed_at) == ([], None)

    services.confirm_checklist(booking, trainee, ALL_ITEMS, now=now)
    services.start_booking(booking, trainee, now=tomorrow(9))
    booking.refresh_from_db()
    assert booking.checklist == ALL_ITEMS
    assert booking.checklist_confirmed_by == trainee
    assert booking.started_at == tomorrow(9)
    assert list(booking.participants.all()) == [trainee]
    assert queries.first_hands_on([trainee.pk]) == {trainee.pk: tomorrow(9).date()}


def test_the_checklist_opens_shortly_before_the_booking(users, cell):
    user = users["instructor"]
    booking = practice(user, cell, tomorrow(9), tomorrow(10))
    with pytest.raises(BookingStateError, match="The work can begin from"):
        services.confirm_checklist(booking, user, ALL_ITEMS, now=tomorrow(8))
    with pytest.raises(BookingStateError, match="The work can begin from"):
        services.confirm_checklist(booking, user, ALL_ITEMS, now=tomorrow(10))


def test_the_checklist_page_keeps_the_ticks_of_a_refused_form(client, users, cell):
    user = users["instructor"]
    start = timezone.now() + datetime.timedelta(minutes=10)
    booking = practice(user, cell, start, start + datetime.timedelta(hours=1))
    login(client, user)
    url = reverse("facilities:booking_checklist", args=[booking.pk])
    response = client.post(url, {"items": ALL_ITEMS[:3]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "not ticked" in page
    assert "8 not ticked" in page
    assert page.count('name="items"') == len(ALL_ITEMS)
    assert page.count(" checked>") == 3
    booking.refresh_from_db()
    assert booking.checklist_confirmed_at is None
    client.post(reverse("facilities:booking_start", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.started_at is None

    assert client.post(url, {"items": ALL_ITEMS}).status_code == 302
    client.post(reverse("facilities:booking_start", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.started_at is not None


def test_a_class_takes_only_eligible_trainees_hands_on(users, cohort, cell):
    instructor, trainee = users["instructor"], users["trainee"]
    booking = services.book_cell(
        instructor, cell, tomorrow(9), tomorrow(10), purpose="class", cohort=cohort
    )
    with pytest.raises(BookingRefusedError, match="4 h are needed"):
        services.confirm_checklist(
            booking, instructor, ALL_ITEMS, participants=[trainee], now=tomorrow(9)
        )
    give_hours(trainee, 4)
    services.confirm_checklist(
        booking, instructor, ALL_ITEMS, participants=[trainee], now=tomorrow(9)
    )
    services.start_booking(booking, instructor, now=tomorrow(9, 5))
    assert (
        evidence.safety_status_for(trainee, tomorrow(9).date()).first_hands_on
        == tomorrow(9).date()
    )


def test_an_overdue_cell_cannot_start_work(users, cell):
    user = users["instructor"]
    booking = practice(user, cell, tomorrow(9), tomorrow(10))
    RobotCell.objects.filter(pk=cell.pk).update(installed_on=datetime.date(2020, 1, 1))
    with pytest.raises(BookingRefusedError, match="safety inspection"):
        services.confirm_checklist(booking, user, ALL_ITEMS, now=tomorrow(9))


def test_cancel_by_owner_or_staff_not_by_another_trainee(client, users, cell):
    trainee = users["trainee"]
    give_hours(trainee, 4)
    booking = practice(trainee, cell, tomorrow(9), tomorrow(10))
    url = reverse("facilities:booking_cancel", args=[booking.pk])
    login(client, users["trainee_b"])
    assert client.post(url).status_code == 404
    login(client, users["instructor_b"])
    assert client.post(url).status_code == 404
    booking.refresh_from_db()
    assert booking.cancelled_at is None
    login(client, users["admin"])
    assert client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.cancelled_by == users["admin"]


def test_the_instructor_of_a_trainee_may_cancel_their_practice(
    client, users, cohort, cell
):
    trainee = users["trainee"]
    give_hours(trainee, 4)
    booking = practice(trainee, cell, tomorrow(9), tomorrow(10))
    login(client, users["instructor"])
    client.post(reverse("facilities:booking_cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.cancelled_by == users["instructor"]


def test_started_work_cannot_be_cancelled(users, cell):
    user = users["instructor"]
    booking = practice(user, cell, tomorrow(9), tomorrow(10))
    services.confirm_checklist(booking, user, ALL_ITEMS, now=tomorrow(9))
    services.start_booking(booking, user, now=tomorrow(9))
    with pytest.raises(BookingStateError, match="has started"):
        services.cancel_booking(booking, user, now=tomorrow(9, 10))


# -- safety education records -------------------------------------------------------


def test_an_instructor_records_hours_for_a_class_with_one_evidence_file(
    client, users, cohort, media_root
):
    second = make_user("trainee_c", "trainee")
    cohort.enrolments.create(trainee=second)
    login(client, users["instructor"])
    url = reverse("facilities:safety_record", args=[cohort.pk])
    response = client.post(
        url,
        {
            "trainees": [users["trainee"].pk, second.pk],
            "held_on": today().isoformat(),
            "hours": "4",
            "topic": "로봇의 기본원리",
            "taught_by": users["instructor"].pk,
            "evidence": SimpleUploadedFile("sheet.pdf", PDF),
        },
    )
    assert response.status_code == 302
    records = SafetyTraining.objects.order_by("trainee__username")
    assert len(records) == 2
    assert records[0].evidence.name == records[1].evidence.name
    assert records[0].evidence_type == "application/pdf"
    status = evidence.safety_status_for(users["trainee"], today())
    assert (status.hours_done, status.may_start_hands_on) == (4.0, True)
    page = client.get(reverse("facilities:cohort_safety", args=[cohort.pk]))
    assert "4 / 16" in page.content.decode()

    records[0].delete()
    assert records[1].evidence.storage.exists(records[1].evidence.name)
    download = client.get(reverse("facilities:safety_evidence", args=[records[1].pk]))
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"just text, not a PDF", "is not a PDF, PNG or JPEG file"),
        ("big.png", png_bytes()[:16] + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_evidence_is_checked_by_its_bytes_and_size(
    client, users, cohort, media_root, name, content, message
):
    login(client, users["instructor"])
    response = client.post(
        reverse("facilities:safety_record", args=[cohort.pk]),
        {
            "trainees": [users["trainee"].pk],
            "held_on": today().isoformat(),
            "hours": "2",
            "topic": "emergency response",
            "evidence": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="emergency response"' in response.content.decode()
    assert not SafetyTraining.objects.exists()


def test_png_and_jpeg_evidence_is_accepted():
    png = SimpleUploadedFile("a.png", png_bytes())
    assert inspect_evidence(png).content_type == "image/png"
    jpeg = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    assert inspect_evidence(jpeg).extension == "jpg"


def test_hours_in_the_future_or_too_many_are_refused(client, users, cohort):
    login(client, users["instructor"])
    url = reverse("facilities:safety_record", args=[cohort.pk])
    base = {"trainees": [users["trainee"].pk], "topic": "x"}
    later = (today() + datetime.timedelta(days=1)).isoformat()
    assert client.post(url, {**base, "held_on": later, "hours": "4"}).status_code == 400
    assert (
        client.post(
            url, {**base, "held_on": today().isoformat(), "hours": "13"}
        ).status_code
        == 400
    )
    assert not SafetyTraining.objects.exists()


def test_a_trainee_sees_their_own_status(client, users, cell):
    give_hours(users["trainee"], 2.5)
    login(client, users["trainee"])
    page = client.get(reverse("facilities:mine")).content.decode()
    assert "2.5 of 16 hours of special safety education for robot work done." in page
    assert "No hands-on work on a robot cell yet" in page


# -- object rules -------------------------------------------------------------------


def test_instructor_b_cannot_act_for_another_cohort(client, users, cohort, task):
    """Instructor B teaches no cohort of this trainee: every page of the
    cohort and of the trainee is a 404, and nothing is saved."""
    trainee = users["trainee"]
    login(client, users["instructor_b"])
    score_url = reverse(
        "facilities:practical_score", args=[cohort.pk, task.slug, trainee.pk]
    )
    assert client.get(score_url).status_code == 404
    points = {"points_posture": 10, "points_path": 20, "points_safety": 10}
    assert client.post(score_url, points).status_code == 404
    record_url = reverse("facilities:safety_record", args=[cohort.pk])
    response = client.post(
        record_url,
        {
            "trainees": [trainee.pk],
            "held_on": today().isoformat(),
            "hours": "4",
            "topic": "x",
        },
    )
    assert response.status_code == 404
    for name, args in [
        ("facilities:cohort_safety", [cohort.pk]),
        ("facilities:trainee_safety", [cohort.pk, trainee.pk]),
        ("facilities:cohort_practicals", [cohort.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    record = give_hours(trainee, 1)
    url = reverse("facilities:safety_evidence", args=[record.pk])
    assert client.get(url).status_code == 404
    assert not PracticalScore.objects.exists()
    assert SafetyTraining.objects.count() == 1


def test_an_instructor_cannot_score_a_trainee_outside_the_cohort(
    client, users, cohort, task
):
    login(client, users["instructor"])
    url = reverse(
        "facilities:practical_score", args=[cohort.pk, task.slug, users["trainee_b"].pk]
    )
    assert client.get(url).status_code == 404


def test_a_trainee_sees_only_bookings_that_concern_them(client, users, cohort, cell):
    give_hours(users["trainee_b"], 4)
    other = practice(users["trainee_b"], cell, tomorrow(9), tomorrow(10))
    lesson = services.book_cell(
        users["instructor"],
        cell,
        tomorrow(11),
        tomorrow(12),
        purpose="class",
        cohort=cohort,
    )
    login(client, users["trainee"])
    assert client.get(reverse("facilities:booking", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("facilities:booking", args=[lesson.pk])).status_code == 200
    )
    checklist = reverse("facilities:booking_checklist", args=[lesson.pk])
    assert client.post(checklist, {"items": ALL_ITEMS}).status_code == 404


# -- practicals ---------------------------------------------------------------------


def test_points_over_a_criterions_maximum_are_refused(client, users, cohort, task):
    login(client, users["instructor"])
    url = reverse(
        "facilities:practical_score", args=[cohort.pk, task.slug, users["trainee"].pk]
    )
    response = client.post(
        url,
        {"points_posture": 11, "points_path": 20, "points_safety": 10, "note": "good"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "less than or equal to 10" in page
    assert 'value="11"' in page
    assert not PracticalScore.objects.exists()
    with pytest.raises(ScoreError) as refused:
        services.score_practical(
            task,
            users["trainee"],
            cohort,
            {"posture": 11, "path": 20, "safety": -1},
            scored_by=users["instructor"],
        )
    assert set(refused.value.errors) == {"posture", "safety"}
    with pytest.raises(ScoreError):
        services.score_practical(
            task,
            users["trainee"],
            cohort,
            {"posture": 1, "path": 1, "safety": 1, "extra": 5},
            scored_by=users["instructor"],
        )
    assert not PracticalScore.objects.exists()


def test_rescoring_keeps_the_history_and_the_latest_counts(client, users, cohort, task):
    trainee = users["trainee"]
    login(client, users["instructor"])
    url = reverse("facilities:practical_score", args=[cohort.pk, task.slug, trainee.pk])
    client.post(url, {"points_posture": 10, "points_path": 20, "points_safety": 5})
    assert evidence.practical_results(trainee, cohort) == {task.slug: True}
    client.post(url, {"points_posture": 5, "points_path": 10, "points_safety": 5})
    scores = PracticalScore.objects.order_by("scored_at", "pk")
    assert [(s.total, s.passed) for s in scores] == [(35, True), (20, False)]
    assert scores[0].max_points == 40
    assert evidence.practical_results(trainee, cohort) == {task.slug: False}
    page = client.get(url).content.decode()
    assert page.index("20 / 40") < page.index("35 / 40")


def test_a_rubric_is_validated(course):
    task = PracticalTask(
        course=course,
        slug="bad",
        title_ko="x",
        rubric=[{"id": "a", "text_ko": "x", "points": 0}, {"id": "a", "points": 2}],
        pass_mark=50,
    )
    with pytest.raises(Exception, match="points must be a whole number") as err:
        task.full_clean()
    assert "repeats the id a" in str(err.value)
    task.rubric = RUBRIC
    with pytest.raises(Exception, match="more than the rubric's 40 points"):
        task.full_clean()


# -- what the cohorts app reads ------------------------------------------------------


def test_evidence_for_completion_and_the_heatmap(users, cohort, task, course):
    trainee = users["trainee"]
    optional = PracticalTask.objects.create(
        course=course,
        slug="optional-task",
        title_ko="선택",
        rubric=RUBRIC,
        pass_mark=20,
        required=False,
    )
    optional.competencies.add(*task.competencies.all())
    assert evidence.practical_results(trainee, cohort) == {task.slug: False}
    instructor = users["instructor"]
    services.score_practical(
        task,
        trainee,
        cohort,
        {"posture": 10, "path": 20, "safety": 10},
        scored_by=instructor,
    )
    services.score_practical(
        optional,
        trainee,
        cohort,
        {"posture": 10, "path": 0, "safety": 10},
        scored_by=instructor,
    )
    assert evidence.practical_results(trainee, cohort) == {task.slug: True}
    assert evidence.competency_scores(cohort) == {
        (trainee.pk, "TEST_ROBOT_OPERATION"): 75.0
    }

    give_hours(trainee, 16, on=today() - datetime.timedelta(days=1))
    status = evidence.safety_status_for(trainee, today())
    assert (status.hours_done, status.complete, status.overdue) == (16.0, True, False)
    assert evidence.safety_status_for(users["trainee_b"], today()).hours_done == 0


def test_the_demo_seed_makes_cells_records_and_a_task_once(users, cohort):
    from robocampus.facilities.demo import seed_facilities

    trainees = [users["trainee"], users["trainee_b"]]
    made = seed_facilities([cohort], [users["instructor"]], trainees)
    again = seed_facilities([cohort], [users["instructor"]], trainees)
    assert [c.robot_model for c in made["cells"]] == ["RV-2FR", "RV-5AS"]
    assert again["cells"] == made["cells"]
    assert RobotCell.objects.count() == 2
    assert not made["cells"][0].inspection_overdue(today())
    assert evidence.safety_status_for(users["trainee"], today()).complete is True
    assert SafetyTraining.objects.filter(trainee=users["trainee_b"]).count() == 2
    task = made["tasks"][0]
    assert task.max_points == 100
    task.full_clean()
    assert made["booking"] == again["booking"] is not None
    assert Booking.objects.count() == 1


def test_a_bad_policy_setting_fails_the_system_check(settings):
    from robocampus.facilities.checks import check_policies

    assert check_policies() == []
    settings.FACILITIES_BOOKING = {"max_hours": 0}
    settings.FACILITIES_SAFETY_EDUCATION = {"total_hours": 16, "before_work_hours": 20}
    assert [e.id for e in check_policies()] == ["facilities.E001", "facilities.E003"]


def test_the_thresholds_come_from_settings(settings, users, cell):
    """A center that asks 8 hours before hands-on work gets 8."""
    settings.FACILITIES_SAFETY_EDUCATION = {"before_work_hours": 8}
    give_hours(users["trainee"], 4)
    with pytest.raises(BookingRefusedError, match="8 h are needed"):
        practice(users["trainee"], cell, tomorrow(9), tomorrow(10))
