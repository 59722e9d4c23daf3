"""Time zones end to end: the account's zone, each round's zone, local times on the prep sheet and in
the calendar feed, and "today" for follow-ups counted where the person lives."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from secondround.calendar_feed.ical import FeedRound, build_calendar
from secondround.helpers import local_time
from tests.support.accounts import PASSWORD, unique_email
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round

ME = "/api/v1/me"
REGISTER = "/api/v1/auth/register"


def in_zone(user, zone: str) -> None:
    r = user.patch(ME, json={"time_zone": zone})
    assert r.status_code == 200 and r.json()["time_zone"] == zone, r.text


def rounds_url(application: dict) -> str:
    return f"/api/v1/applications/{application['id']}/rounds"


# The account


def test_registration_keeps_the_browser_zone_and_me_shows_it(client):
    email = unique_email("tz")
    r = client.post(REGISTER, json={"email": email, "password": PASSWORD, "time_zone": "Pacific/Auckland"})
    assert r.status_code == 201, r.text
    assert r.json()["time_zone"] == "Pacific/Auckland"
    token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]
    me = client.get(ME, headers={"Authorization": f"Bearer {token}"}).json()
    assert me["time_zone"] == "Pacific/Auckland"


@pytest.mark.parametrize(
    ("zone", "says"),
    [
        ("+01:00", "an offset is not a zone"),
        ("UTC+01:00", "an offset is not a zone"),
        ("local", "is not an IANA time zone name"),
        ("Mars/Olympus_Mons", "is not an IANA time zone name"),
        ("europe/oslo", "did you mean Europe/Oslo?"),
        ("Europe/" + "x" * 80, "at most 64 characters"),
        ("", "Time zone must not be empty."),
        (None, "Time zone must be text."),
        (60, "Time zone must be text."),
    ],
)
def test_a_zone_that_is_not_a_place_is_a_422_naming_the_field(client, zone, says):
    email = unique_email("tz")
    r = client.post(REGISTER, json={"email": email, "password": PASSWORD, "time_zone": zone})
    problem = assert_problem(r, 422)
    (error,) = problem["errors"]
    assert error["field"] == "time_zone" and says in error["message"], error
    # Nothing was made: the email is still free.
    assert client.post(REGISTER, json={"email": email, "password": PASSWORD}).status_code == 201


def test_the_zone_can_be_changed_and_links_are_kept_as_written(user):
    assert user.get(ME).json()["time_zone"] == "UTC"
    in_zone(user, "US/Eastern")  # a tzdata link, as older systems send it
    in_zone(user, "Europe/Oslo")
    r = user.patch(ME, json={"time_zone": " Asia/Kolkata "})
    assert r.json()["time_zone"] == "Asia/Kolkata"  # trimmed like every text
    for bad in (None, "GMT+2", "Europe/Osloo"):
        problem = assert_problem(user.patch(ME, json={"time_zone": bad}), 422)
        assert problem["errors"][0]["field"] == "time_zone"
    assert user.get(ME).json()["time_zone"] == "Asia/Kolkata"


# Rounds


def test_a_round_takes_the_accounts_zone_and_keeps_it(user):
    in_zone(user, "Europe/Berlin")
    application = create_application(user)
    round_ = create_round(user, application["id"], scheduled_at="2026-12-02T10:00:00+01:00")
    assert round_["time_zone"] == "Europe/Berlin"
    assert round_["scheduled_at"] == "2026-12-02T09:00:00Z"  # the API speaks UTC
    assert round_["scheduled_local"] == "2026-12-02T10:00:00+01:00"  # and says where
    in_zone(user, "America/New_York")  # moving later does not move rounds already booked
    again = user.get(f"/api/v1/rounds/{round_['id']}").json()
    assert again["time_zone"] == "Europe/Berlin" and again["scheduled_local"] == "2026-12-02T10:00:00+01:00"


def test_an_explicit_zone_wins_and_a_time_without_offset_is_read_in_it(user):
    application = create_application(user)
    round_ = create_round(user, application["id"], scheduled_at="2026-12-04T23:30", time_zone="Pacific/Auckland")
    assert round_["time_zone"] == "Pacific/Auckland"
    assert round_["scheduled_at"] == "2026-12-04T10:30:00Z"
    # 23:30 on Friday in Auckland is Friday there, whatever UTC says.
    assert round_["scheduled_local"] == "2026-12-04T23:30:00+13:00"
    assert date.fromisoformat(round_["scheduled_local"][:10]).weekday() == 4
    summer = create_round(user, application["id"], scheduled_at="2026-07-01T09:00", time_zone="Europe/Oslo")
    assert summer["scheduled_at"] == "2026-07-01T07:00:00Z"


def test_a_time_the_clocks_skip_or_repeat_is_a_clear_422_and_changes_nothing(user):
    application = create_application(user)
    url = rounds_url(application)
    gap = assert_problem(user.post(url, json={"scheduled_at": "2026-03-29T02:30", "time_zone": "Europe/Berlin"}), 422)
    assert gap["errors"][0]["field"] == "scheduled_at"
    assert "does not exist in Europe/Berlin" in gap["errors"][0]["message"]
    overlap = assert_problem(
        user.post(url, json={"scheduled_at": "2026-10-25T02:30:00", "time_zone": "Europe/Berlin"}), 422
    )
    assert "happens twice in Europe/Berlin (at +02:00, then at +01:00)" in overlap["errors"][0]["message"]
    assert user.get(url).json()["items"] == []
    # With the offset, either reading of the repeated half hour is accepted.
    later = create_round(user, application["id"], scheduled_at="2026-10-25T02:30:00+01:00", time_zone="Europe/Berlin")
    assert later["scheduled_at"] == "2026-10-25T01:30:00Z"
    assert later["scheduled_local"] == "2026-10-25T02:30:00+01:00"
    # A PATCH into the gap changes nothing either.
    before = user.get(f"/api/v1/rounds/{later['id']}")
    assert_problem(user.patch(f"/api/v1/rounds/{later['id']}", json={"scheduled_at": "2027-03-28T02:15"}), 422)
    after = user.get(f"/api/v1/rounds/{later['id']}")
    assert after.json() == before.json() and after.headers["etag"] == before.headers["etag"]


def test_patching_the_zone_keeps_the_instant_unless_a_wall_time_comes_with_it(user):
    application = create_application(user)
    round_ = create_round(user, application["id"], scheduled_at="2026-12-02T10:00", time_zone="Europe/Berlin")
    url = f"/api/v1/rounds/{round_['id']}"
    moved = user.patch(url, json={"time_zone": "Europe/London"}).json()
    assert moved["scheduled_at"] == round_["scheduled_at"] == "2026-12-02T09:00:00Z"
    assert moved["scheduled_local"] == "2026-12-02T09:00:00+00:00"
    # Wall clock and zone together: 10:00 in London.
    rebooked = user.patch(url, json={"time_zone": "Europe/Berlin", "scheduled_at": "2026-12-02T10:00"}).json()
    assert rebooked["scheduled_local"] == "2026-12-02T10:00:00+01:00"
    again = user.patch(url, json={"scheduled_at": "2026-12-03T11:00"}).json()  # the round's own zone
    assert again["scheduled_at"] == "2026-12-03T10:00:00Z"
    for bad in (None, "+01:00", "CET+1"):
        problem = assert_problem(user.patch(url, json={"time_zone": bad}), 422)
        assert problem["errors"][0]["field"] == "time_zone"
    assert user.get(url).json()["time_zone"] == "Europe/Berlin"


def test_a_round_without_a_start_still_has_a_zone(user):
    in_zone(user, "Asia/Tokyo")
    round_ = create_round(user, create_application(user)["id"])
    assert round_["time_zone"] == "Asia/Tokyo" and round_["scheduled_at"] is None
    assert round_["scheduled_local"] is None


# The prep sheet


def test_the_prep_sheet_shows_the_reported_round_at_ten_in_its_own_zone(user):
    in_zone(user, "Europe/Berlin")
    round_ = create_round(
        user, create_application(user)["id"], scheduled_at="2026-12-02T10:00:00+01:00", duration_minutes=120
    )
    sheet = user.get(f"/api/v1/rounds/{round_['id']}/prep-sheet").text
    assert "Wednesday 2 December 2026, 10:00–12:00 CET (Europe/Berlin) (120 min)" in sheet
    assert "09:00" not in sheet and "UTC" not in sheet


# The calendar feed


def feed(user) -> tuple[bytes, Calendar]:
    url = user.post("/api/v1/me/calendar-token").json()["feed_url"]
    body = user.client.get(url).content
    return body, Calendar.from_ical(body)


def test_feed_events_carry_the_rounds_zone_with_a_matching_vtimezone(user):
    application = create_application(user, company="Halvorsen")
    berlin = create_round(user, application["id"], scheduled_at="2026-12-02T10:00", time_zone="Europe/Berlin")
    auckland = create_round(user, application["id"], scheduled_at="2027-04-04T09:00", time_zone="Pacific/Auckland")
    utc = create_round(user, application["id"], scheduled_at="2026-12-03T15:00:00Z", time_zone="UTC")
    raw, calendar = feed(user)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    event = events[f"round-{berlin['id']}@secondround"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin" and event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Berlin:20261202T100000" in raw
    assert event.start == datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert event.end - event.start == timedelta(hours=1)
    assert b"DTSTART;TZID=Pacific/Auckland:20270404T090000" in raw
    # A UTC round stays in UTC: no TZID, no VTIMEZONE.
    assert (
        b"DTSTART:20261203T150000Z" in raw and "TZID" not in events[f"round-{utc['id']}@secondround"]["DTSTART"].params
    )
    zones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"Europe/Berlin", "Pacific/Auckland"}
    assert calendar.get_missing_tzids() == set()
    assert raw.index(b"BEGIN:VTIMEZONE") < raw.index(b"BEGIN:VEVENT")
    assert auckland["scheduled_local"] == "2027-04-04T09:00:00+12:00"  # the day NZ leaves daylight time
    # Two polls, same bytes.
    again = user.client.get(user.post("/api/v1/me/calendar-token").json()["feed_url"]).content
    assert again == raw


def test_every_vtimezone_onset_is_the_real_change_in_the_old_offset(user):
    application = create_application(user)
    create_round(user, application["id"], scheduled_at="2026-06-01T10:00", time_zone="Europe/Berlin")
    create_round(user, application["id"], scheduled_at="2026-06-01T10:00", time_zone="Australia/Lord_Howe")
    _, calendar = feed(user)
    for tz in calendar.walk("VTIMEZONE"):
        name = str(tz["TZID"])
        parts = tz.walk("STANDARD") + tz.walk("DAYLIGHT")
        changes = {c.at for c in local_time.transitions_in_year(name, 2026)}
        onsets = {
            part["DTSTART"].dt.replace(tzinfo=UTC) - part["TZOFFSETFROM"].td
            for part in parts
            if part["TZOFFSETFROM"].td != part["TZOFFSETTO"].td
        }
        assert len(changes) == 2 and onsets == changes, name
    berlin = next(tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == "Europe/Berlin")
    spring = next(p for p in berlin.walk("DAYLIGHT"))
    assert spring["DTSTART"].dt == datetime(2026, 3, 29, 2, 0)  # RFC 5545: onset in the old offset


# Follow-ups: "today" is the account's


@pytest.fixture
def clock(monkeypatch):
    def set_now(moment: datetime) -> None:
        monkeypatch.setattr("secondround.follow_ups.service.utcnow", lambda: moment)

    return set_now


def due_ids(user) -> set[str]:
    return {item["round"]["id"] for item in user.get("/api/v1/follow-ups", params={"when": "due"}).json()["items"]}


def test_follow_ups_come_due_at_midnight_where_the_person_lives(user, clock):
    in_zone(user, "Pacific/Auckland")
    round_ = create_round(user, create_application(user)["id"], follow_up_on="2026-12-04")
    # Thursday 23:59 in Auckland (+13:00) is 10:59 UTC: not due yet.
    clock(datetime(2026, 12, 3, 10, 59, tzinfo=UTC))
    assert round_["id"] not in due_ids(user)
    # Friday 00:00 in Auckland, still Thursday in UTC: due.
    clock(datetime(2026, 12, 3, 11, 0, tzinfo=UTC))
    assert round_["id"] in due_ids(user)
    in_zone(user, "UTC")  # the same moment, for someone in UTC: still Thursday
    assert round_["id"] not in due_ids(user)


def test_follow_ups_find_midnight_across_a_dst_change(user, clock):
    in_zone(user, "Pacific/Auckland")
    # New Zealand moves to daylight time on 27 September 2026 (+12:00 -> +13:00).
    before = create_round(user, create_application(user)["id"], follow_up_on="2026-09-27")
    after = create_round(user, create_application(user)["id"], follow_up_on="2026-09-28")
    clock(datetime(2026, 9, 26, 11, 59, tzinfo=UTC))  # 23:59 +12:00 on the 26th
    assert not {before["id"], after["id"]} & due_ids(user)
    clock(datetime(2026, 9, 26, 12, 0, tzinfo=UTC))  # midnight +12:00: the 27th
    assert before["id"] in due_ids(user) and after["id"] not in due_ids(user)
    clock(datetime(2026, 9, 27, 10, 59, tzinfo=UTC))  # 23:59 +13:00 on the 27th
    assert after["id"] not in due_ids(user)
    clock(datetime(2026, 9, 27, 11, 0, tzinfo=UTC))  # midnight +13:00: the 28th, an hour earlier in UTC
    assert after["id"] in due_ids(user)


def test_a_link_zone_is_named_as_the_round_was_given_it():
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    round_ = FeedRound(
        id=uuid.UUID(int=1),
        sequence=1,
        kind="second",
        status="planned",
        outcome="pending",
        company="Acme",
        position="Analyst",
        created_at=stamp,
        updated_at=stamp,
        scheduled_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # ends in the next year, in UTC
        time_zone="US/Eastern",
        duration_minutes=90,
    )
    raw = build_calendar([round_], calendar_uid="c", app_base="https://example.com")
    assert raw == build_calendar([round_], calendar_uid="c", app_base="https://example.com")
    assert b"DTSTART;TZID=US/Eastern:20261231T183000" in raw
    assert b"DTEND;TZID=US/Eastern:20261231T200000" in raw
    (zone,) = Calendar.from_ical(raw).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "US/Eastern"
    # It covers both years the event touches in UTC: the 2027 changes are listed too.
    onsets = [part["DTSTART"].dt for part in zone.walk("DAYLIGHT")]
    assert datetime(2026, 3, 8, 2, 0) in onsets and datetime(2027, 3, 14, 2, 0) in onsets
