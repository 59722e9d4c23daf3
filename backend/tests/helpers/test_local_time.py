"""The local-time helper: zone names, instants shown locally, wall-clock times read back across DST."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondround.helpers import local_time as lt

# No database: the PostgreSQL pass leaves these out.
pytestmark = pytest.mark.pure


def test_zone_names_come_from_the_pinned_tzdata_and_include_links():
    names = lt.zone_names()
    assert {"Europe/Oslo", "Pacific/Auckland", "UTC", "US/Eastern", "Asia/Calcutta", "Etc/GMT-1"} <= names
    assert "Factory" not in names
    assert lt.TZDATA_VERSION[:4].isdigit()


@pytest.mark.parametrize("name", ["Europe/Oslo", "America/Argentina/ComodRivadavia", "US/Eastern", "UTC", "Etc/UTC"])
def test_check_zone_accepts_and_keeps_names_as_written(name):
    assert lt.check_zone(name) == name


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("+01:00", "an offset is not a zone"),
        ("UTC+1", "an offset is not a zone"),
        ("local", "not an IANA time zone name"),
        ("localtime", "not an IANA time zone name"),
        ("posixrules", "not an IANA time zone name"),
        ("Factory", "not an IANA time zone name"),
        ("Mars/Olympus_Mons", "not an IANA time zone name"),
        ("../../etc/passwd", "not an IANA time zone name"),
        ("europe/oslo", "did you mean Europe/Oslo?"),
        ("Europe/Oslo\n", "not an IANA time zone name"),
        ("", "must be an IANA time zone name"),
        ("Europe/" + "x" * 60, "at most 64 characters"),
    ],
)
def test_check_zone_refuses_what_is_not_a_place(name, says):
    with pytest.raises(lt.UnknownZone) as refused:
        lt.check_zone(name)
    assert says in str(refused.value)
    assert isinstance(refused.value, ValueError)


def test_zone_is_one_object_per_name_and_reads_tzdata():
    assert lt.zone("Europe/Oslo") is lt.zone("Europe/Oslo")
    assert lt.zone("Europe/Oslo").key == "Europe/Oslo"
    with pytest.raises(lt.UnknownZone):
        lt.zone("Nowhere/Special")


def test_the_reported_case_shows_ten_o_clock_in_berlin():
    instant = datetime.fromisoformat("2026-12-02T10:00:00+01:00")
    assert lt.local_iso(instant, "Europe/Berlin") == "2026-12-02T10:00:00+01:00"
    assert lt.format_when(instant, "Europe/Berlin") == "Wednesday 2 December 2026, 10:00 CET"
    assert lt.format_when(instant, "Europe/Berlin", name_zone=True) == (
        "Wednesday 2 December 2026, 10:00 CET (Europe/Berlin)"
    )
    assert lt.format_when(instant, "UTC", name_zone=True) == "Wednesday 2 December 2026, 09:00 UTC"


def test_abbreviations_without_letters_read_as_utc_offsets():
    winter = datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert lt.abbreviation(winter, "Asia/Dubai") == "UTC+4"
    assert lt.abbreviation(winter, "Asia/Kolkata") == "IST"
    assert lt.abbreviation(winter, "Asia/Kathmandu") == "UTC+5:45"
    assert lt.abbreviation(winter, "America/Sao_Paulo") == "UTC-3"
    assert lt.abbreviation(winter, "Etc/UTC") == "UTC"
    assert lt.zone_label(winter, "Asia/Dubai") == "UTC+4 (Asia/Dubai)"
    summer = datetime(2026, 7, 1, 9, tzinfo=UTC)
    assert lt.abbreviation(summer, "Europe/Berlin") == "CEST"


def test_local_date_is_today_where_the_person_is():
    # 23:30 on Friday in Auckland (UTC+13 in December) is 10:30 on Friday in UTC; 00:05 on
    # Saturday there is still Friday in UTC.
    late_friday_auckland = datetime(2026, 12, 4, 23, 30, tzinfo=lt.zone("Pacific/Auckland"))
    assert lt.local_date(late_friday_auckland, "Pacific/Auckland").weekday() == 4
    assert lt.local_date(late_friday_auckland, "UTC") == date(2026, 12, 4)  # 10:30 UTC
    just_after_midnight = datetime(2026, 12, 5, 0, 5, tzinfo=lt.zone("Pacific/Auckland"))
    assert lt.local_date(just_after_midnight, "Pacific/Auckland") == date(2026, 12, 5)
    assert lt.local_date(just_after_midnight, "UTC") == date(2026, 12, 4)


def test_time_ranges_say_when_they_cross_midnight():
    start = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)
    assert lt.format_time_range(start, start + timedelta(minutes=40), "Europe/Berlin") == "23:30–00:10 (next day)"
    assert lt.format_time_range(start, start + timedelta(minutes=20), "Europe/Berlin") == "23:30–23:50"
    assert lt.format_date(date(2026, 12, 4)) == "Friday 4 December 2026"
    assert lt.format_day(start, "Pacific/Auckland") == "Thursday 3 December 2026"


def test_from_local_reads_ordinary_wall_times():
    assert lt.from_local(datetime(2026, 12, 2, 10), "Europe/Berlin") == datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert lt.from_local(datetime(2026, 7, 2, 10), "Europe/Berlin") == datetime(2026, 7, 2, 8, tzinfo=UTC)
    assert lt.from_local(datetime(2026, 12, 2, 10), "UTC") == datetime(2026, 12, 2, 10, tzinfo=UTC)


def test_from_local_refuses_a_time_the_clocks_skip():
    # Europe/Berlin springs forward at 02:00 on 29 March 2026.
    with pytest.raises(lt.NonexistentTime) as refused:
        lt.from_local(datetime(2026, 3, 29, 2, 30), "Europe/Berlin")
    assert "does not exist in Europe/Berlin" in str(refused.value)
    assert "+01:00 to +02:00" in str(refused.value)
    # Just either side of the gap is fine.
    assert lt.from_local(datetime(2026, 3, 29, 1, 59), "Europe/Berlin") == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert lt.from_local(datetime(2026, 3, 29, 3, 0), "Europe/Berlin") == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_from_local_asks_which_of_a_time_that_happens_twice():
    # Europe/Berlin falls back at 03:00 on 25 October 2026: 02:30 happens at +02:00, then at +01:00.
    wall = datetime(2026, 10, 25, 2, 30)
    with pytest.raises(lt.AmbiguousTime) as refused:
        lt.from_local(wall, "Europe/Berlin")
    assert "happens twice in Europe/Berlin (at +02:00, then at +01:00)" in str(refused.value)
    assert "2026-10-25T02:30:00+02:00" in str(refused.value)
    assert lt.from_local(wall, "Europe/Berlin", fold=0) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert lt.from_local(wall, "Europe/Berlin", fold=1) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_from_local_and_to_local_refuse_the_wrong_kind_of_datetime():
    with pytest.raises(ValueError, match="naive"):
        lt.to_local(datetime(2026, 12, 2, 10), "UTC")
    with pytest.raises(ValueError, match="wall-clock"):
        lt.from_local(datetime(2026, 12, 2, 10, tzinfo=UTC), "UTC")


ZONES = sorted(lt.zone_names())


@settings(max_examples=300, deadline=None)
@given(
    instant=st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    name=st.sampled_from(ZONES),
)
def test_every_instant_comes_back_from_its_wall_clock_reading(instant, name):
    local = lt.to_local(instant, name)
    try:
        back = lt.from_local(local.replace(tzinfo=None), name)
    except lt.AmbiguousTime:
        back = lt.from_local(local.replace(tzinfo=None, fold=0), name, fold=local.fold)
    assert back == instant
    assert lt.local_iso(instant, name).startswith(local.replace(tzinfo=None).isoformat(timespec="seconds"))
