"""The private iCalendar feed: token issue and rotation, the document's content, and its wire format."""

import logging
import re
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import vobject
from icalendar import Calendar
from uvicorn.protocols.utils import get_path_with_query_string

from secondround.calendar_feed.ical import FeedInterviewer, FeedRound, build_calendar
from tests.support.accounts import PASSWORD
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name
from tests.support.serving import counting_statements

TOKEN_URL = "/api/v1/me/calendar-token"
FEED_PATH = "/api/v1/calendar.ics"


def days(n: int) -> date:
    return datetime.now(UTC).date() + timedelta(days=n)


def issue(user) -> dict:
    r = user.post(TOKEN_URL)
    assert r.status_code == 201, r.text
    assert "no-store" in r.headers["Cache-Control"]
    return r.json()


def fetch(feed_url: str) -> httpx.Response:
    # A calendar app: no Authorization header, no cookie, just the URL.
    return httpx.get(feed_url, timeout=30)


def feed_of(user) -> tuple[bytes, Calendar]:
    r = fetch(issue(user)["feed_url"])
    assert r.status_code == 200, r.text
    return r.content, Calendar.from_ical(r.content)


def by_uid(calendar: Calendar, name: str) -> dict[str, object]:
    return {str(c["UID"]): c for c in calendar.walk(name)}


def check_wire_format(raw: bytes) -> list[str]:
    """RFC 5545 framing, checked without the icalendar library; returns the unfolded lines."""
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") and raw.count(b"\r") == raw.count(b"\r\n"), "bare CR or LF"
    physical = raw[:-2].split(b"\r\n")
    for line in physical:
        assert len(line) <= 75, (len(line), line)  # octets, not characters (section 3.1)
        line.decode("utf-8")  # folding never splits a multi-byte character
    unfolded: list[str] = []
    for line in (p.decode("utf-8") for p in physical):
        if line.startswith((" ", "\t")):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    stack = []
    for line in unfolded:
        assert re.match(r"^[A-Z][A-Z0-9-]*[;:]", line), line
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack and stack.pop() == line[4:], line
    assert stack == []
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    return unfolded


def test_issue_a_token(user, base_url):
    body = issue(user)
    assert set(body) == {"token", "feed_url"}
    assert body["feed_url"] == f"{base_url}{FEED_PATH}?token={body['token']}"
    assert len(body["token"]) >= 40


def test_issuing_needs_sign_in(client):
    assert_problem(client.post(TOKEN_URL), 401)


def test_feed_headers_and_calendar_properties(user):
    r = fetch(issue(user)["feed_url"])
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert r.headers["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(r.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"].startswith("-//secondround//")
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-CALNAME"] == "secondround"
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTODO") == []
    check_wire_format(r.content)


def test_rounds_become_events_and_pending_follow_ups_become_todos(user, base_url):
    roles = roles_by_name(user)
    app_id = create_application(user, company="Acme", position="Engineer")["id"]
    second = create_round(
        user,
        app_id,
        kind="second",
        scheduled_at="2026-12-01T10:00:00+01:00",
        duration_minutes=45,
        location="Acme HQ, Room 4; ask at the desk",
        decision_expected_by="2026-12-04",
    )
    create_interviewer(
        user,
        second["id"],
        name="Dana Ortega",
        title="Engineering Manager",
        role_id=roles["Supervisor"]["id"],
        email="dana@acme.example.com",
    )
    create_interviewer(user, second["id"], name="Sam Lee", role_id=roles["Co-worker"]["id"])
    unscheduled = create_round(user, app_id, kind="final", decision_expected_by=days(-3).isoformat())
    cancelled = create_round(user, app_id, kind="screen", scheduled_at="2026-12-03T15:30:00Z", status="cancelled")
    nothing = create_round(user, app_id, kind="other")  # neither scheduled nor waiting for a decision
    second = user.get(f"/api/v1/rounds/{second['id']}").json()

    raw, calendar = feed_of(user)
    events = by_uid(calendar, "VEVENT")
    assert set(events) == {f"round-{second['id']}@secondround", f"round-{cancelled['id']}@secondround"}

    interview = events[f"round-{second['id']}@secondround"]
    assert interview["SUMMARY"] == "Second interview — Acme (Engineer)"
    assert interview.decoded("DTSTART") == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00+01:00
    assert interview.decoded("DTEND") == datetime(2026, 12, 1, 9, 45, tzinfo=UTC)
    assert interview["LOCATION"] == "Acme HQ, Room 4; ask at the desk"
    # The web app's round page: a calendar app opens it in the browser, signed in by cookie.
    plan_url = f"{base_url}/rounds/{second['id']}"
    assert interview["URL"] == plan_url
    description = str(interview["DESCRIPTION"])
    assert "Dana Ortega, Engineering Manager (Supervisor)" in description
    assert "Sam Lee (Co-worker)" in description
    assert description.index("Dana Ortega") < description.index("Sam Lee")  # meeting order
    assert plan_url in description
    assert interview["STATUS"] == "CONFIRMED"
    updated_at = datetime.fromisoformat(second["updated_at"]).replace(microsecond=0)
    assert interview.decoded("LAST-MODIFIED") == updated_at
    assert interview.decoded("DTSTAMP") == updated_at
    assert isinstance(interview.decoded("SEQUENCE"), int)
    (alarm,) = interview.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)
    assert "Second interview — Acme (Engineer)" in str(alarm["DESCRIPTION"])

    off = events[f"round-{cancelled['id']}@secondround"]
    assert off["STATUS"] == "CANCELLED" and off["SUMMARY"] == "Screening interview — Acme (Engineer)"
    assert off.decoded("DTEND") - off.decoded("DTSTART") == timedelta(minutes=60)  # the default length
    assert off.walk("VALARM") == []  # no reminder for an interview that will not happen

    todos = by_uid(calendar, "VTODO")
    assert set(todos) == {f"follow-up-{second['id']}@secondround", f"follow-up-{unscheduled['id']}@secondround"}
    todo = todos[f"follow-up-{unscheduled['id']}@secondround"]
    assert todo["SUMMARY"] == "Follow up with Acme about Engineer"
    assert todo["STATUS"] == "NEEDS-ACTION"
    due = todo.decoded("DUE")
    assert type(due) is date and due.isoformat() == unscheduled["follow_up_on"]
    assert todos[f"follow-up-{second['id']}@secondround"].decoded("DUE") == date(2026, 12, 7)
    assert "dana@acme.example.com" in str(todos[f"follow-up-{second['id']}@secondround"]["DESCRIPTION"])

    # The same facts, read straight from the bytes.
    lines = check_wire_format(raw)
    assert "DTSTART:20261201T090000Z" in lines
    assert f"DUE;VALUE=DATE:{unscheduled['follow_up_on'].replace('-', '')}" in lines
    assert "TRIGGER:-P1D" in lines
    assert "X-WR-CALNAME:secondround" in lines
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines
    assert nothing["id"] not in raw.decode()

    # And through a second, independent parser, as another calendar app would read the feed.
    other = vobject.readOne(raw.decode())
    other_events = {e.uid.value: e for e in other.vevent_list}
    assert other_events[f"round-{second['id']}@secondround"].dtstart.value == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert other_events[f"round-{cancelled['id']}@secondround"].status.value == "CANCELLED"
    other_todos = {t.uid.value: t for t in other.vtodo_list}
    assert other_todos[f"follow-up-{second['id']}@secondround"].due.value == date(2026, 12, 7)


def test_long_text_is_folded_within_75_octets(user):
    app_id = create_application(user, company="Ünïcødé Gëšellschaft " * 8, position="Ingénieur " * 15)["id"]
    round_ = create_round(user, app_id, scheduled_at="2026-12-01T10:00:00+01:00", location="→ " * 300)
    create_interviewer(user, round_["id"], name="Zoë Ångström", title="Directrice générale " * 8)
    raw, calendar = feed_of(user)
    check_wire_format(raw)
    (interview,) = calendar.walk("VEVENT")
    # Cut to the feed's MAX_TEXT characters (issue 15), the cut marked with an ellipsis.
    assert interview["LOCATION"] == ("→ " * 300).strip()[:299] + "…"
    assert "Zoë Ångström" in str(interview["DESCRIPTION"])


def test_a_recorded_follow_up_or_a_decision_removes_the_todo(user):
    app_id = create_application(user)["id"]
    called = create_round(user, app_id, decision_expected_by=days(-3).isoformat())
    decided = create_round(user, app_id, decision_expected_by=days(-3).isoformat())
    feed_url = issue(user)["feed_url"]
    assert len(Calendar.from_ical(fetch(feed_url).content).walk("VTODO")) == 2

    assert user.post(f"/api/v1/rounds/{called['id']}/follow-up").status_code == 200
    assert user.patch(f"/api/v1/rounds/{decided['id']}", json={"outcome": "rejected"}).status_code == 200
    assert Calendar.from_ical(fetch(feed_url).content).walk("VTODO") == []


def test_rotating_the_token_revokes_the_old_url(user):
    old = issue(user)
    assert fetch(old["feed_url"]).status_code == 200
    new = issue(user)
    assert new["token"] != old["token"]
    gone = fetch(old["feed_url"])
    assert_problem(gone, 404)
    assert old["token"] not in gone.text
    assert fetch(new["feed_url"]).status_code == 200


def test_a_password_change_revokes_the_feed_url(user):
    feed_url = issue(user)["feed_url"]
    assert fetch(feed_url).status_code == 200
    r = user.patch("/api/v1/me", json={"password": "a brand new passphrase", "current_password": PASSWORD})
    assert r.status_code == 200, r.text
    assert_problem(fetch(feed_url), 404)  # a leaked feed URL dies with the old password
    assert fetch(issue(user)["feed_url"]).status_code == 200


def test_missing_or_wrong_token_is_the_same_404(client, user):
    issue(user)
    bodies = []
    for params in ({}, {"token": ""}, {"token": "srcal_wrong"}, {"token": "x" * 5000}):
        problem = assert_problem(client.get(FEED_PATH, params=params), 404)
        bodies.append((problem["detail"], problem["type"]))
    assert len(set(bodies)) == 1
    # A bearer token of the account is not a feed token either.
    assert_problem(client.get(FEED_PATH, params={"token": user.token}), 404)


def test_another_users_rounds_never_appear(user, other_user):
    mine = create_round(
        user,
        create_application(user, company="Acme")["id"],
        scheduled_at=f"{days(-10)}T10:00:00Z",  # before the decision date, as an interview is
        decision_expected_by=days(-3).isoformat(),
    )
    theirs = create_round(
        other_user,
        create_application(other_user, company="Globex")["id"],
        scheduled_at=f"{days(-10)}T10:00:00Z",  # before the decision date, as an interview is
        decision_expected_by=days(-3).isoformat(),
    )
    create_interviewer(other_user, theirs["id"], name="Hank Scorpio")
    issue(other_user)  # both have feeds

    raw, calendar = feed_of(user)
    text = raw.decode()
    assert theirs["id"] not in text and "Globex" not in text and "Scorpio" not in text
    assert set(by_uid(calendar, "VEVENT")) == {f"round-{mine['id']}@secondround"}
    assert set(by_uid(calendar, "VTODO")) == {f"follow-up-{mine['id']}@secondround"}


def test_constant_number_of_sql_statements_whatever_the_feed_size(app, user):
    roles = roles_by_name(user)
    app_id = create_application(user)["id"]
    feed_url = issue(user)["feed_url"]

    def count() -> int:
        with counting_statements(app) as statements:
            assert fetch(feed_url).status_code == 200
        return len(statements)

    round_ = create_round(user, app_id, scheduled_at="2026-12-01T10:00:00Z", decision_expected_by="2026-12-02")
    create_interviewer(user, round_["id"], role_id=roles["HR"]["id"])
    small = count()
    for n in range(8):
        round_ = create_round(
            user, app_id, scheduled_at=f"{days(-n - 1)}T10:00:00Z", decision_expected_by=days(-n).isoformat()
        )
        create_interviewer(user, round_["id"], name=f"Person {n}", role_id=roles["Supervisor"]["id"])
        create_interviewer(user, round_["id"], name=f"Other {n}")
    assert count() == small


# However a client writes the query, the secret never reaches the log.
LOGGED_QUERIES = [
    b"token=srcal_s3cret&x=1",
    b"x=1&token=srcal_s3cret",
    b"tok%65n=srcal_s3cret",
    b"%74%6F%6B%65%6E=srcal_s3cret",
    b"x=1;token=srcal_s3cret",
    b"token=srcal_s3cret&token=srcal_s3cret",
    b"TOKEN=srcal_s3cret",
    b"Token=srcal_s3cret;x=1",
    b"token+=srcal_s3cret",
    b"token=srcal%5Fs3cret",
    b"x=%22&token=srcal_s3cret",
]


@pytest.mark.parametrize("query", LOGGED_QUERIES, ids=[q.decode() for q in LOGGED_QUERIES])
def test_the_token_never_reaches_the_access_log(app, query):
    # Uvicorn's access log line: client, method, path with query (as uvicorn writes it), HTTP version, status.
    target = get_path_with_query_string({"path": FEED_PATH, "query_string": query})
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", target, "1.1", 200),
        None,
    )
    assert logging.getLogger("uvicorn.access").filter(record)
    message = record.getMessage()
    assert "s3cret" not in message and "REDACTED" in message, message
    assert message.startswith(f'127.0.0.1:5000 - "GET {FEED_PATH}?') and message.endswith('HTTP/1.1" 200')


# Issue 15: the token in the path (a matrix parameter, a segment), which uvicorn logs percent-encoded.
LOGGED_PATHS = [
    f"{FEED_PATH};token=srcal_s3cret",
    f"{FEED_PATH};x=1;token=srcal_s3cret",
    f"{FEED_PATH};TOKEN=srcal_s3cret",
    f"{FEED_PATH}/srcal_s3cret",
    f"{FEED_PATH}&token=srcal_s3cret",
]


@pytest.mark.parametrize("path", LOGGED_PATHS)
@pytest.mark.parametrize("query", [b"", b"x=1"])
def test_a_token_in_the_path_never_reaches_the_access_log(app, path, query):
    target = get_path_with_query_string({"path": path, "query_string": query})
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", (target,), None)
    assert logging.getLogger("uvicorn.access").filter(record)
    assert "s3cret" not in record.getMessage() and "REDACTED" in record.getMessage(), record.getMessage()


def test_other_query_values_stay_readable_in_the_log():
    target = get_path_with_query_string({"path": "/api/v1/questions", "query_string": b"q=tokenizer&limit=5"})
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", (target,), None)
    logging.getLogger("uvicorn.access").filter(record)
    assert record.getMessage() == "/api/v1/questions?q=tokenizer&limit=5"


@pytest.mark.parametrize(
    "query",
    [
        "tok%65n={t}",  # the same name to a URL parser, but not as written: only `token` is accepted
        "TOKEN={t}",
        "Token={t}",
        "x=1;token={t}",  # `;` is not a separator
        "token={t}&token={t}",  # ambiguous: refused rather than guessed
        "token={t}&tok%65n=srcal_other",
        "token%3D{t}",
    ],
)
def test_only_the_exact_parameter_name_token_opens_the_feed(user, base_url, query):
    token = issue(user)["token"]
    assert fetch(f"{base_url}{FEED_PATH}?token={token}").status_code == 200
    # 404 for another spelling of `token`; 422 where the query also names a parameter the feed
    # does not take (`TOKEN`, or `x` whose value swallowed `;token=...`). Never the feed.
    refused = httpx.get(f"{base_url}{FEED_PATH}?{query.format(t=token)}", timeout=30)
    assert refused.status_code in (404, 422)
    assert_problem(refused, refused.status_code)


def test_sequence_grows_with_every_change_and_the_output_is_stable():
    # The pure builder: no database, no HTTP.
    created = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    round_ = FeedRound(
        id=uuid.UUID(int=7),
        sequence=3,
        kind="other",
        status="planned",
        outcome="pending",
        company="Acme",
        position="Engineer",
        created_at=created,
        updated_at=created + timedelta(minutes=90),
        scheduled_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
    )
    raw = build_calendar([round_], calendar_uid="calendar-x@secondround", app_base="https://sr.example.com")
    assert raw == build_calendar([round_], calendar_uid="calendar-x@secondround", app_base="https://sr.example.com")
    (interview,) = Calendar.from_ical(raw).walk("VEVENT")
    assert interview["SUMMARY"] == "Interview — Acme (Engineer)"
    assert interview.decoded("SEQUENCE") == 5400
    later = replace(round_, updated_at=round_.updated_at + timedelta(seconds=1))
    changed_raw = build_calendar([later], calendar_uid="calendar-x@secondround", app_base="https://x")
    (changed,) = Calendar.from_ical(changed_raw).walk("VEVENT")
    assert changed.decoded("SEQUENCE") == 5401
    assert Calendar.from_ical(raw).walk("VTODO") == []  # pending, but no follow-up date


def test_no_control_character_reaches_the_feed():
    # Issue 15: rows stored before the API refused control characters must not break the feed
    # (RFC 5545 allows none in TEXT; a strict calendar app rejects the whole feed).
    controls = "".join(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
    created = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    round_ = FeedRound(
        id=uuid.UUID(int=8),
        sequence=2,
        kind="second",
        status="planned",
        outcome="pending",
        company=f"Ac{controls}me",
        position=f"Dev{controls}",
        created_at=created,
        updated_at=created,
        scheduled_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
        time_zone="Europe/Oslo",
        location=f"Room{controls}1",
        follow_up_on=date(2026, 12, 5),
        interviewers=(
            FeedInterviewer(name=f"Ana{controls}", title=controls, role=f"HR{controls}", email="a@b.example"),
        ),
    )
    raw = build_calendar([round_], calendar_uid="calendar-x@secondround", app_base="https://sr.example.com")
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    check_wire_format(raw)
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Second interview — Ac") and "Ana" in str(event["DESCRIPTION"])
