"""The pure parts of the round import: role guesses, zones, links, the Greenhouse and .ics readers."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from secondround.helpers.vocabulary import RoundKind, RoundStatus
from secondround.round_imports import greenhouse, ics, interview, role_guess
from secondround.round_imports.interview import ImportedPerson, InterviewImportError
from secondround.round_imports.schemas import GreenhouseScheduledInterview

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("title", "key", "phrase"),
    [
        ("Engineering Manager", "supervisor", "engineering manager"),
        ("Hiring manager, Payments", "supervisor", "hiring manager"),
        ("Senior Technical Recruiter", "hr", "recruiter"),
        ("Talent Acquisition Partner", "hr", "talent"),
        ("Head of Talent", "hr", "talent"),
        ("HR business partner", "hr", "hr"),
        ("CEO & Co-Founder", "owner", "ceo"),
        ("VP of Engineering", "owner", "vp"),
        ("Founder", "owner", "founder"),
        ("Product Manager", "coworker", "product manager"),
        ("Senior Software Engineer", "coworker", "engineer"),
        ("Director of Design", "supervisor", "director"),
        ("Team lead", "supervisor", "team lead"),
    ],
)
def test_titles_point_to_roles(title, key, phrase):
    assert role_guess.guess(title) == role_guess.RoleGuess(key, phrase)


@pytest.mark.parametrize("text", [None, "", "Dana Ortega", "Christmas party", "hrm", "Thread lead-in"[:6]])
def test_no_guess_without_a_known_word(text):
    assert role_guess.guess(text) is None


def test_a_guess_needs_the_accounts_role():
    roles = {"hr": "the HR role", "co-worker": "peer role"}
    assert role_guess.pick_role("hr", roles) == "the HR role"
    assert role_guess.pick_role("coworker", roles) == "peer role"
    assert role_guess.pick_role("owner", roles) is None


OSLO_WINTER = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("start", "named", "account", "zone"),
    [
        (datetime(2026, 12, 3, 14, tzinfo=UTC), None, "Europe/Oslo", "Europe/Oslo"),
        (datetime(2026, 12, 3, 14, tzinfo=OSLO_WINTER), None, "Europe/Oslo", "Europe/Oslo"),
        (datetime(2026, 12, 3, 14, tzinfo=OSLO_WINTER), None, "America/New_York", "Etc/GMT-1"),
        (datetime(2026, 12, 3, 14, tzinfo=timezone(timedelta(hours=5, minutes=30))), None, "UTC", "UTC"),
        (datetime(2026, 12, 3, 14), None, "Asia/Tokyo", "Asia/Tokyo"),
        (datetime(2026, 12, 3, 14, tzinfo=OSLO_WINTER), "Europe/Berlin", "UTC", "Europe/Berlin"),
        (datetime(2026, 12, 3, 14, tzinfo=UTC), "UTC", "Europe/Oslo", "Europe/Oslo"),
        (datetime(2026, 12, 3, 14, tzinfo=OSLO_WINTER), "W. Europe Standard Time", "Europe/Oslo", "Europe/Oslo"),
        (None, None, "Europe/Oslo", "Europe/Oslo"),
    ],
)
def test_the_zone_a_round_gets(start, named, account, zone):
    assert interview.zone_for(start, named, account)[0] == zone


def test_durations_are_a_rounds_length_or_nothing():
    start = datetime(2026, 12, 3, 14, tzinfo=UTC)
    assert interview.duration(start, start + timedelta(minutes=45)) == 45
    assert interview.duration(start, start) is None
    assert interview.duration(start, start - timedelta(hours=1)) is None
    assert interview.duration(start, start + timedelta(days=2)) is None
    assert interview.duration(date(2026, 12, 3), date(2026, 12, 4)) is None
    assert interview.duration(start, datetime(2026, 12, 3, 15)) is None  # aware and floating


def test_links_are_found_word_by_word():
    text = "Join: <https://acme.zoom.us/j/123?pwd=x>, or (https://meet.google.com/abc). ftp://x javascript:alert(1) http://"
    assert interview.urls_in(text) == ["https://acme.zoom.us/j/123?pwd=x", "https://meet.google.com/abc"]
    assert interview.video_link(dedicated=None, location="Room 4", description="Site: https://acme.example.com") is None
    assert (
        interview.video_link(
            dedicated=None, location="Room 4", description="https://acme.example.com https://x.webex.com/m"
        )
        == "https://x.webex.com/m"
    )
    assert interview.video_link(
        dedicated="https://meet.google.com/a", location="https://b.example", description=None
    ) == ("https://meet.google.com/a")


def test_kinds_from_the_interview_name():
    assert interview.kind_for("Recruiter phone screen") == RoundKind.SCREEN
    assert interview.kind_for("Final onsite") == RoundKind.FINAL
    assert interview.kind_for("Second interview") == RoundKind.SECOND
    assert interview.kind_for("Technical interview") == RoundKind.OTHER
    assert interview.kind_for(None) == RoundKind.OTHER


def test_the_candidate_and_repeats_are_left_out():
    people = [
        ImportedPerson("Me", "ME@example.com"),
        ImportedPerson("Dana", "dana@acme.example.com"),
        ImportedPerson("Dana O.", "Dana@acme.example.com"),
        ImportedPerson("Sam"),
        ImportedPerson(" sam "),
    ]
    kept, dropped = interview.leave_out(people, "me@example.com")
    assert [p.name for p in kept] == ["Dana", "Sam"] and dropped == ["Me"]


def test_text_is_cleaned_for_its_column():
    assert interview.clean("  a\x00b\nc  ", 200) == "a b c"
    assert interview.clean("\u200b", 200) is None
    assert interview.clean("x" * 300, 200) == "x" * 200
    assert interview.clean(12, 200) is None


def test_greenhouse_reads_status_times_and_people():
    body = GreenhouseScheduledInterview.model_validate(
        {
            "id": 7,
            "start": {"date_time": "2026-12-03T14:00:00.000Z"},
            "end": {"date_time": "2026-12-03T14:30:00.000Z"},
            "status": "complete",
            "interview": {"name": "Phone screen"},
            "interviewers": [{"name": "Kim", "email": "kim@acme.example.com", "response_status": "declined"}],
        }
    )
    found = greenhouse.read(body)
    assert found.external_id == "7" and found.source == "greenhouse" and found.duration_minutes == 30
    assert found.status == RoundStatus.COMPLETED and found.title == "Phone screen"
    assert found.people == [ImportedPerson("Kim", "kim@acme.example.com", None, declined=True)]


ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:u-1\r\n"
    "DTSTART;VALUE=DATE:20261203\r\nSUMMARY:Final interview\r\n"
    "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n"
    "ATTENDEE;CN=Dana Ortega (Engineering manager);PARTSTAT=DECLINED:mailto:dana@acme.example.com\r\n"
    "ATTENDEE;CUTYPE=RESOURCE;CN=Projector:mailto:p@acme.example.com\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_an_ics_event_is_read():
    found = ics.parse(ICS.encode())
    assert found.external_id == "u-1" and found.all_day == date(2026, 12, 3) and found.start is None
    assert found.status == RoundStatus.CANCELLED and found.video_url == "https://meet.google.com/abc-defg-hij"
    assert found.people == [
        ImportedPerson("Dana Ortega", "dana@acme.example.com", "Engineering manager", declined=True)
    ]


@pytest.mark.parametrize(
    "body",
    [b"", b"BEGIN:VEVENT\r\n" * 2, ICS.replace("UID:u-1\r\n", "").encode(), b"\xffBEGIN:VEVENT\r\nBEGIN:VEVENT"],
)
def test_unusable_files_are_refused_in_a_sentence(body):
    with pytest.raises(InterviewImportError) as refused:
        ics.parse(body)
    assert str(refused.value).endswith(".") and str(refused.value)[0].isupper()
