"""The run sheet: the pure layout (plans/run_sheet.py), then the same through GET /rounds/{id}/plan."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondround.plans.run_sheet import Slot, lay_out, suggested_question_minutes
from tests.support.builders import create_application, create_interviewer, create_round

BERLIN = ZoneInfo("Europe/Berlin")


def slot(name: str, meeting: int | None = None, brk: int = 0, questions: int | None = None) -> Slot:
    return Slot(
        interviewer_id=uuid.uuid5(uuid.NAMESPACE_URL, name),
        name=name,
        meeting_minutes=meeting,
        break_after_minutes=brk,
        question_minutes=questions,
    )


def local(moment: datetime | None, zone: ZoneInfo = BERLIN) -> str | None:
    return None if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


# --- suggested question minutes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "meeting, suggested",
    [(None, 10), (1, 1), (4, 4), (5, 5), (19, 5), (20, 5), (22, 6), (30, 8), (40, 10), (45, 11), (60, 15), (480, 120)],
)
def test_suggestion_is_a_quarter_of_the_meeting_at_least_5_never_more_than_the_meeting(meeting, suggested):
    assert suggested_question_minutes(meeting) == suggested


def test_every_suggestion_fits_its_meeting_and_grows_with_it():
    values = [suggested_question_minutes(m) for m in range(1, 481)]
    assert all(1 <= v <= m for m, v in zip(range(1, 481), values, strict=True))
    assert values == sorted(values)


# --- layout --------------------------------------------------------------------------------------


def test_each_person_starts_when_the_previous_meeting_and_break_end():
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    sheet = lay_out(
        [slot("Dana", 40, 5), slot("Olu", 30, 10), slot("Kim", 30, 15)],
        scheduled_at=start,
        duration_minutes=120,
        time_zone="Europe/Berlin",
    )
    assert [(local(p.starts_at), local(p.ends_at)) for p in sheet.people] == [
        ("2026-12-01 10:00", "2026-12-01 10:40"),
        ("2026-12-01 10:45", "2026-12-01 11:15"),
        ("2026-12-01 11:25", "2026-12-01 11:55"),
    ]
    # Kim's break is after the panel: it counts for nothing.
    assert (sheet.planned_minutes, sheet.overrun_minutes, sheet.warnings) == (115, 0, ())
    assert sheet.starts_at == start and sheet.ends_at == start + timedelta(minutes=115)
    assert all(p.starts_at is not None and p.starts_at.tzinfo is not None for p in sheet.people)
    # Nobody set question minutes: a quarter of each meeting is suggested.
    assert [(p.question_minutes, p.question_minutes_suggested) for p in sheet.people] == [
        (10, True),
        (8, True),
        (8, True),
    ]


def test_an_overrun_is_warned_in_local_times():
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    sheet = lay_out(
        [slot("Dana", 60, 10), slot("Olu", 60)], scheduled_at=start, duration_minutes=120, time_zone="Europe/Berlin"
    )
    assert (sheet.planned_minutes, sheet.overrun_minutes) == (130, 10)
    assert sheet.warnings == (
        "The panel takes 130 minutes, 10 more than the round's 120 minutes: it ends at 12:10 instead of 12:00. "
        "Shorten a meeting or a break, or ask for more time.",
    )


def test_an_overrun_without_a_start_still_warns_without_times():
    sheet = lay_out([slot("Dana", 90)], scheduled_at=None, duration_minutes=60, time_zone="UTC")
    assert sheet.overrun_minutes == 30 and sheet.people[0].starts_at is None and sheet.ends_at is None
    assert sheet.warnings == (
        "The panel takes 90 minutes, 30 more than the round's 60 minutes. Shorten a meeting or a break, "
        "or ask for more time.",
    )


def test_question_minutes_set_beyond_the_meeting_are_warned_and_kept():
    sheet = lay_out(
        [slot("Dana", 10, questions=15), slot("Olu", 30, questions=30)],
        scheduled_at=None,
        duration_minutes=None,
        time_zone="UTC",
    )
    assert [(p.question_minutes, p.question_minutes_suggested) for p in sheet.people] == [(15, False), (30, False)]
    assert sheet.warnings == ("Dana: 15 minutes of your questions do not fit in a 10-minute meeting.",)


def test_unknown_meetings_share_what_the_round_leaves():
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    sheet = lay_out(
        [slot("Dana", 40, 5), slot("Olu", brk=5), slot("Kim")],
        scheduled_at=start,
        duration_minutes=120,
        time_zone="Europe/Berlin",
    )
    # 120 - 40 - 5 - 5 = 70 minutes for two people: 35 each, estimated.
    assert [(p.meeting_minutes, p.meeting_minutes_estimated) for p in sheet.people] == [
        (40, False),
        (35, True),
        (35, True),
    ]
    assert [p.question_minutes for p in sheet.people] == [10, 9, 9]
    assert local(sheet.ends_at) == "2026-12-01 12:00" and sheet.warnings == ()


def test_a_share_is_rounded_down_and_the_remainder_left_free():
    sheet = lay_out([slot("A"), slot("B"), slot("C")], scheduled_at=None, duration_minutes=100, time_zone="UTC")
    assert [p.meeting_minutes for p in sheet.people] == [33, 33, 33] and sheet.planned_minutes == 99


def test_unknown_meetings_without_a_round_length_leave_later_times_unknown():
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    sheet = lay_out(
        [slot("Dana", 40, 5), slot("Olu"), slot("Kim", 30)],
        scheduled_at=start,
        duration_minutes=None,
        time_zone="Europe/Berlin",
    )
    dana, olu, kim = sheet.people
    assert local(olu.starts_at) == "2026-12-01 10:45" and olu.ends_at is None and olu.meeting_minutes is None
    assert kim.starts_at is None and kim.ends_at is None and sheet.ends_at is None
    assert olu.question_minutes == 10 and olu.question_minutes_suggested  # the old default
    assert sheet.planned_minutes == 75 and sheet.overrun_minutes == 0
    assert sheet.warnings == ("Set how long you meet Olu, or the round's length, to lay the panel out in time.",)


def test_no_room_left_for_unknown_meetings_is_said():
    sheet = lay_out(
        [slot("Dana", 60), slot("Olu"), slot("Kim")], scheduled_at=None, duration_minutes=65, time_zone="UTC"
    )
    assert [p.meeting_minutes for p in sheet.people] == [60, None, None]
    assert sheet.warnings == (
        "The meetings and breaks you set leave no time of the round's 65 minutes for Olu and Kim: "
        "set how long you meet them.",
    )


def test_an_empty_panel_has_a_start_and_nothing_else():
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    sheet = lay_out([], scheduled_at=start, duration_minutes=60, time_zone="UTC")
    assert (sheet.people, sheet.starts_at, sheet.ends_at, sheet.planned_minutes, sheet.warnings) == (
        (),
        start,
        None,
        0,
        (),
    )


# --- clocks that change during the round ----------------------------------------------------------


def test_a_spring_forward_skips_an_hour_on_the_clock_not_in_the_meeting():
    # Berlin, 29 March 2026: at 02:00 the clocks go to 03:00. A panel from 01:30 local time.
    start = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)
    sheet = lay_out(
        [slot("Dana", 60, 15), slot("Olu", 45)], scheduled_at=start, duration_minutes=120, time_zone="Europe/Berlin"
    )
    dana, olu = sheet.people
    assert (dana.ends_at - dana.starts_at) == timedelta(minutes=60)  # a real hour
    assert [(local(p.starts_at), local(p.ends_at)) for p in sheet.people] == [
        ("2026-03-29 01:30", "2026-03-29 03:30"),
        ("2026-03-29 03:45", "2026-03-29 04:30"),
    ]
    assert sheet.overrun_minutes == 0 and sheet.planned_minutes == 120


def test_a_fall_back_repeats_an_hour_on_the_clock_and_warnings_read_local_time():
    # New York, 1 November 2026: at 02:00 the clocks go back to 01:00. A panel from 00:30 local time.
    new_york = ZoneInfo("America/New_York")
    start = datetime(2026, 11, 1, 0, 30, tzinfo=new_york)
    sheet = lay_out(
        [slot("Dana", 60), slot("Olu", 60)], scheduled_at=start, duration_minutes=90, time_zone="America/New_York"
    )
    assert [(local(p.starts_at, new_york), local(p.ends_at, new_york)) for p in sheet.people] == [
        ("2026-11-01 00:30", "2026-11-01 01:30"),  # 01:30 EDT
        ("2026-11-01 01:30", "2026-11-01 01:30"),  # 01:30 EDT to 01:30 EST: an hour later
    ]
    assert sheet.people[1].ends_at - sheet.people[1].starts_at == timedelta(hours=1)
    # The round was booked 00:30 to 01:00 EST (90 real minutes); the panel ends at 01:30 EST.
    assert sheet.warnings[0].startswith(
        "The panel takes 120 minutes, 30 more than the round's 90 minutes: it ends at 01:30 instead of 01:00."
    )


def test_an_unknown_zone_reads_as_utc():
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    sheet = lay_out([slot("Dana", 90)], scheduled_at=start, duration_minutes=60, time_zone="Mars/Olympus")
    assert "it ends at 10:30 instead of 10:00" in sheet.warnings[0]


# --- through the API -----------------------------------------------------------------------------


def test_the_plan_carries_the_run_sheet_in_utc_with_the_rounds_zone(user):
    application = create_application(user)
    round_ = create_round(user, application["id"], scheduled_at="2026-12-01T10:00:00+01:00", duration_minutes=120)
    dana = create_interviewer(user, round_["id"], name="Dana", meeting_minutes=40, break_after_minutes=5)
    olu = create_interviewer(user, round_["id"], name="Olu", meeting_minutes=30, question_minutes=12)
    kim = create_interviewer(user, round_["id"], name="Kim")
    plan = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()
    assert plan["time_zone"] == "UTC"  # the round's zone: its default until one is set
    people = {p["interviewer_id"]: p for p in plan["interviewers"]}
    assert [(people[p["id"]]["starts_at"], people[p["id"]]["ends_at"]) for p in (dana, olu, kim)] == [
        ("2026-12-01T09:00:00Z", "2026-12-01T09:40:00Z"),
        ("2026-12-01T09:45:00Z", "2026-12-01T10:15:00Z"),
        ("2026-12-01T10:15:00Z", "2026-12-01T11:00:00Z"),  # the 45 minutes the round leaves
    ]
    d, o, k = people[dana["id"]], people[olu["id"]], people[kim["id"]]
    assert (d["meeting_minutes"], d["meeting_minutes_estimated"], d["break_after_minutes"]) == (40, False, 5)
    assert (d["minutes_available"], d["question_minutes_suggested"]) == (10, True)
    assert (o["minutes_available"], o["question_minutes_suggested"]) == (12, False)
    assert (k["meeting_minutes"], k["meeting_minutes_estimated"], k["minutes_available"]) == (45, True, 11)
    assert plan["run_sheet"] == {
        "starts_at": "2026-12-01T09:00:00Z",
        "ends_at": "2026-12-01T11:00:00Z",
        "duration_minutes": 120,
        "planned_minutes": 120,
        "overrun_minutes": 0,
        "spare_minutes": 0,
        "warnings": [],
    }


def test_the_plan_warns_of_an_overrun_and_follows_a_patch(user):
    application = create_application(user)
    round_ = create_round(user, application["id"], scheduled_at="2026-12-01T10:00:00Z", duration_minutes=60)
    dana = create_interviewer(user, round_["id"], name="Dana", meeting_minutes=40, break_after_minutes=10)
    create_interviewer(user, round_["id"], name="Olu", meeting_minutes=20)
    sheet = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()["run_sheet"]
    assert (sheet["planned_minutes"], sheet["overrun_minutes"]) == (70, 10)
    assert sheet["warnings"][0].startswith("The panel takes 70 minutes, 10 more than the round's 60 minutes")
    assert "ends at 11:10 instead of 11:00" in sheet["warnings"][0]

    r = user.patch(f"/api/v1/interviewers/{dana['id']}", json={"break_after_minutes": 0, "meeting_minutes": None})
    assert r.status_code == 200, r.text
    assert (r.json()["break_after_minutes"], r.json()["meeting_minutes"]) == (0, None)
    sheet = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()["run_sheet"]
    # Dana's meeting is now the 40 minutes Olu's 20 leave.
    assert (sheet["planned_minutes"], sheet["overrun_minutes"], sheet["warnings"]) == (60, 0, [])


def test_question_minutes_go_back_to_suggested_with_null(user):
    round_ = create_round(user, create_application(user)["id"])
    dana = create_interviewer(user, round_["id"], name="Dana", meeting_minutes=60, question_minutes=5)
    url = f"/api/v1/interviewers/{dana['id']}"
    plan_url = f"/api/v1/rounds/{round_['id']}/plan"
    assert user.get(plan_url).json()["interviewers"][0]["minutes_available"] == 5
    assert user.patch(url, json={"question_minutes": None}).json()["question_minutes"] is None
    person = user.get(plan_url).json()["interviewers"][0]
    assert (person["minutes_available"], person["question_minutes_suggested"]) == (15, True)


# --- properties ----------------------------------------------------------------------------------

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
slots = st.lists(
    st.builds(
        slot,
        name=st.sampled_from(["Dana", "Olu", "Kim", "Ana", "Luis"]),
        meeting=st.none() | st.integers(1, 480),
        brk=st.integers(0, 240),
        questions=st.none() | st.integers(0, 480),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(
    panel=slots,
    start=st.none() | st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC)),
    duration=st.none() | st.integers(1, 1440),
    zone=st.sampled_from(ZONES),
)
def test_the_layout_adds_up_whatever_the_panel(panel, start, duration, zone):
    sheet = lay_out(panel, scheduled_at=start, duration_minutes=duration, time_zone=zone)
    assert len(sheet.people) == len(panel)
    previous_end = None
    for index, (person, given_slot) in enumerate(zip(sheet.people, panel, strict=True)):
        # What the user set is kept; the rest is estimated or suggested, and says so.
        if given_slot.meeting_minutes is not None:
            assert (person.meeting_minutes, person.meeting_minutes_estimated) == (given_slot.meeting_minutes, False)
        if given_slot.question_minutes is not None:
            assert (person.question_minutes, person.question_minutes_suggested) == (given_slot.question_minutes, False)
        else:
            assert person.question_minutes_suggested
            assert person.question_minutes == suggested_question_minutes(person.meeting_minutes)
        # Each meeting lasts its minutes in real time and starts after the previous one and its break.
        if person.starts_at is not None and person.ends_at is not None:
            assert person.ends_at - person.starts_at == timedelta(minutes=person.meeting_minutes or 0)
        if index == 0:
            assert person.starts_at == start
        elif previous_end is not None:
            assert person.starts_at == previous_end + timedelta(minutes=panel[index - 1].break_after_minutes)
        else:
            assert person.starts_at is None  # an unknown time upstream leaves every later one unknown
        previous_end = person.ends_at
    known = sum(p.meeting_minutes or 0 for p in sheet.people)
    assert sheet.planned_minutes == known + sum(s.break_after_minutes for s in panel[:-1])
    assert sheet.overrun_minutes == (max(0, sheet.planned_minutes - duration) if duration is not None else 0)
    assert bool(sheet.overrun_minutes) == any(w.startswith("The panel takes") for w in sheet.warnings)
    # Estimates never make the panel overrun: only what the user set can.
    set_only = sum(s.meeting_minutes or 0 for s in panel) + sum(s.break_after_minutes for s in panel[:-1])
    if duration is not None and set_only <= duration:
        assert sheet.overrun_minutes == 0
