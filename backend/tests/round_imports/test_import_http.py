"""POST /applications/{id}/rounds/import: a Greenhouse scheduled interview (JSON) or an .ics
invitation (text/calendar) becomes a round with its panel; the same interview again updates it."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_role, roles_by_name


def import_url(application: dict) -> str:
    return f"/api/v1/applications/{application['id']}/rounds/import"


def greenhouse(**changes) -> dict:
    body = {
        "id": 9128481,
        "application_id": 6965631,
        "external_event_id": "4ba5c9a1e0b8",
        "start": {"date_time": "2026-12-03T14:00:00.000Z"},
        "end": {"date_time": "2026-12-03T15:30:00.000Z"},
        "location": "Big Conference Room",
        "video_conferencing_url": "https://meet.google.com/abc-defg-hij",
        "status": "scheduled",
        "created_at": "2026-11-20T09:00:00.000Z",
        "updated_at": "2026-11-20T09:00:00.000Z",
        "interview": {"id": 121, "name": "Final interview"},
        "organizer": {
            "id": 4080,
            "first_name": "Kate",
            "last_name": "Austen",
            "name": "Kate Austen",
            "employee_id": None,
        },
        "interviewers": [
            {
                "id": 1,
                "name": "Dana Ortega",
                "email": "dana@acme.example.com",
                "title": "Engineering Manager",
                "response_status": "accepted",
                "scorecard_id": 77,
            },
            {"id": 2, "name": "Sam Park", "email": "sam@acme.example.com", "title": "Senior Talent Partner"},
            {"id": 3, "name": "Lee Chen", "email": "lee@acme.example.com", "response_status": "declined"},
        ],
    }
    return body | changes


def ics(
    *,
    uid: str = "abc123@acme.example.com",
    method: str = "REQUEST",
    start: str = "DTSTART;TZID=Europe/Oslo:20261203T140000",
    end: str = "DTEND;TZID=Europe/Oslo:20261203T150000",
    attendees: list[str] | None = None,
    extra: str = "",
) -> bytes:
    people = (
        attendees
        if attendees is not None
        else [
            "ATTENDEE;CN=Dana Ortega (Engineering manager);PARTSTAT=ACCEPTED:mailto:dana@acme.example.com",
            'ATTENDEE;CN="Jo Smith, CEO";PARTSTAT=NEEDS-ACTION:mailto:jo@acme.example.com',
            "ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@acme.example.com",
        ]
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Acme//Recruiting//EN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261120T090000Z",
        start,
        end,
        "SUMMARY:Technical interview",
        "LOCATION:Acme HQ\\, Oslo",
        "DESCRIPTION:Join: https://acme.zoom.us/j/123456 (passcode 42)\\nSee https://acme.example.com",
        "ORGANIZER;CN=Kate Austen:mailto:kate@acme.example.com",
        *people,
        *([extra] if extra else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def send_ics(user, application, body: bytes, **headers):
    return user.post(
        import_url(application), content=body, headers={"Content-Type": "text/calendar; charset=utf-8", **headers}
    )


def test_a_greenhouse_interview_becomes_a_round_with_its_panel(user):
    application = create_application(user)
    r = user.post(import_url(application), json=greenhouse())
    assert r.status_code == 201, r.text
    answer = r.json()
    round_ = answer["round"]
    assert answer["created"] is True
    assert r.headers["location"] == f"/api/v1/rounds/{round_['id']}" and r.headers["etag"] == round_["etag"]
    assert round_["source"] == "greenhouse" and round_["external_id"] == "9128481"
    assert round_["scheduled_at"] == "2026-12-03T14:00:00Z" and round_["duration_minutes"] == 90
    assert round_["kind"] == "final" and round_["status"] == "planned" and round_["notes"] == "Final interview"
    assert round_["location"] == "Big Conference Room · https://meet.google.com/abc-defg-hij"
    assert round_["time_zone"] == "UTC"  # the account's zone: a Z time says nothing about the place
    panel = answer["interviewers"]
    assert [p["name"] for p in panel] == ["Dana Ortega", "Sam Park", "Lee Chen"]
    assert [p["cancelled"] for p in panel] == [False, False, True]  # Lee declined
    roles = roles_by_name(user)
    guessed = {g["interviewer"]: (g["role"], g["guessed_from"], g["words"]) for g in answer["guessed_roles"]}
    assert guessed == {
        "Dana Ortega": ("Supervisor", "Engineering Manager", "engineering manager"),
        "Sam Park": ("HR", "Senior Talent Partner", "talent"),
    }
    assert panel[0]["role_id"] == roles["Supervisor"]["id"] and panel[2]["role_id"] is None
    assert answer["added"] == ["Dana Ortega", "Sam Park", "Lee Chen"]


def test_the_same_greenhouse_interview_again_updates_the_round_and_keeps_what_was_recorded(user):
    application = create_application(user)
    first = user.post(import_url(application), json=greenhouse()).json()
    dana = first["interviewers"][0]
    coworker = roles_by_name(user)["Co-worker"]["id"]
    marked = user.patch(
        f"/api/v1/interviewers/{dana['id']}",
        json={"notes": "Asked about on-call", "role_id": coworker, "question_minutes": 12},
    )
    assert marked.status_code == 200
    moved = greenhouse(
        start={"date_time": "2026-12-04T09:00:00+01:00"},
        end={"date_time": "2026-12-04T10:00:00+01:00"},
        status="awaiting_feedback",
        interviewers=[
            {"name": "Dana O.", "email": "DANA@acme.example.com"},
            {"name": "Ravi Iyer", "email": "ravi@acme.example.com", "title": "CTO"},
        ],
    )
    r = user.post(import_url(application), json=moved)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["created"] is False and answer["round"]["id"] == first["round"]["id"]
    assert "location" not in r.headers
    assert answer["round"]["scheduled_at"] == "2026-12-04T08:00:00Z" and answer["round"]["duration_minutes"] == 60
    assert answer["round"]["status"] == "completed" and answer["round"]["outcome"] == "pending"
    names = [p["name"] for p in answer["interviewers"]]
    assert names == ["Dana Ortega", "Sam Park", "Lee Chen", "Ravi Iyer"]
    kept = answer["interviewers"][0]
    assert kept["id"] == dana["id"] and kept["notes"] == "Asked about on-call" and kept["role_id"] == coworker
    assert kept["question_minutes"] == 12
    assert answer["added"] == ["Ravi Iyer"]
    assert [g["role"] for g in answer["guessed_roles"]] == ["Owner / executive"]
    assert any("Sam Park" in remark and "Lee Chen" in remark for remark in answer["remarks"])
    rounds = user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"]
    assert len(rounds) == 1


def test_if_match_is_checked_on_a_repeat_import(user):
    application = create_application(user)
    first = user.post(import_url(application), json=greenhouse()).json()
    stale = user.post(import_url(application), json=greenhouse(location="Room 2"), headers={"If-Match": '"stale"'})
    assert_problem(stale, 412)
    fresh = user.post(
        import_url(application), json=greenhouse(location="Room 2"), headers={"If-Match": first["round"]["etag"]}
    )
    assert fresh.status_code == 200 and fresh.json()["round"]["location"].startswith("Room 2")
    other = create_application(user)
    assert_problem(user.post(import_url(other), json=greenhouse(id=5), headers={"If-Match": '"x"'}), 412)


def test_an_offset_that_is_not_the_accounts_zone_keeps_a_fixed_offset_zone(user):
    assert user.patch("/api/v1/me", json={"time_zone": "Europe/Oslo"}).status_code == 200
    application = create_application(user)
    same = greenhouse(id=1, start={"date_time": "2026-12-03T14:00:00+01:00"}, end=None)
    r = user.post(import_url(application), json=same).json()
    assert r["round"]["time_zone"] == "Europe/Oslo" and r["round"]["duration_minutes"] is None
    other = greenhouse(id=2, start={"date_time": "2026-12-03T09:00:00-05:00"})
    r = user.post(import_url(application), json=other).json()
    assert r["round"]["time_zone"] == "Etc/GMT+5" and r["round"]["scheduled_local"] == "2026-12-03T09:00:00-05:00"
    assert any("-05:00" in remark for remark in r["remarks"])


def test_an_all_day_interview_starts_at_midnight_in_the_accounts_zone(user):
    application = create_application(user)
    r = user.post(import_url(application), json=greenhouse(start={"date": "2026-12-05"}, end={"date": "2026-12-06"}))
    assert r.status_code == 201, r.text
    assert r.json()["round"]["scheduled_local"] == "2026-12-05T00:00:00+00:00"
    assert r.json()["round"]["duration_minutes"] is None
    assert any("all-day" in remark for remark in r.json()["remarks"])


def test_the_candidate_is_left_out_of_the_panel(user):
    application = create_application(user)
    people = [{"name": "Me", "email": user.email}, {"name": "Dana Ortega", "email": "dana@acme.example.com"}]
    answer = user.post(import_url(application), json=greenhouse(interviewers=people)).json()
    assert [p["name"] for p in answer["interviewers"]] == ["Dana Ortega"] and answer["left_out"] == ["Me"]


def test_an_interview_imported_into_another_application_is_a_conflict(user):
    first, second = create_application(user), create_application(user)
    assert user.post(import_url(first), json=greenhouse()).status_code == 201
    problem = assert_problem(user.post(import_url(second), json=greenhouse()), 409)
    assert "another of your applications" in problem["detail"]


def test_greenhouse_bodies_are_checked_like_any_body(user):
    application = create_application(user)
    problem = assert_problem(user.post(import_url(application), json=greenhouse(surprise=1)), 422)
    assert problem["errors"][0]["field"] == "surprise"
    problem = assert_problem(user.post(import_url(application), json=greenhouse(status="lost")), 422)
    assert problem["errors"][0]["field"] == "status"
    too_many = [{"name": f"P {i}"} for i in range(21)]
    assert_problem(user.post(import_url(application), json=greenhouse(interviewers=too_many)), 422)
    assert_problem(user.post(import_url(application), content=b"{", headers={"Content-Type": "application/json"}), 400)
    assert_problem(
        user.post(
            import_url(application), content=b"[" * 5000 + b"]" * 5000, headers={"Content-Type": "application/json"}
        ),
        400,
    )
    assert_problem(user.post(import_url(application), content=b"hello", headers={"Content-Type": "text/plain"}), 415)
    assert user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"] == []


def test_a_bad_person_in_an_import_makes_nothing(user):
    application = create_application(user)
    people = [{"name": "A"}, {"name": "B"}, {"name": "C", "email": "c@nowhere.invalid"}]
    assert_problem(user.post(import_url(application), json=greenhouse(interviewers=people)), 422)
    assert user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"] == []


def test_an_ics_invitation_becomes_a_round_with_its_panel(user):
    application = create_application(user)
    r = send_ics(user, application, ics(attendees=None))
    assert r.status_code == 201, r.text
    answer = r.json()
    round_ = answer["round"]
    assert round_["source"] == "ics" and round_["external_id"] == "abc123@acme.example.com"
    assert round_["time_zone"] == "Europe/Oslo" and round_["scheduled_local"] == "2026-12-03T14:00:00+01:00"
    assert round_["duration_minutes"] == 60 and round_["notes"] == "Technical interview"
    assert round_["location"] == "Acme HQ, Oslo · https://acme.zoom.us/j/123456"
    people = answer["interviewers"]
    assert [(p["name"], p["title"], p["email"]) for p in people] == [
        ("Dana Ortega", "Engineering manager", "dana@acme.example.com"),
        ("Jo Smith, CEO", None, "jo@acme.example.com"),
    ]
    assert {g["interviewer"]: g["role"] for g in answer["guessed_roles"]} == {
        "Dana Ortega": "Supervisor",
        "Jo Smith, CEO": "Owner / executive",
    }
    assert any("Kate Austen" in remark for remark in answer["remarks"])


def test_the_same_uid_again_updates_and_a_cancel_cancels(user):
    application = create_application(user)
    first = send_ics(user, application, ics()).json()
    moved = ics(start="DTSTART:20261210T130000Z", end="DTEND:20261210T134500Z")
    r = send_ics(user, application, moved)
    assert r.status_code == 200, r.text
    assert r.json()["round"]["id"] == first["round"]["id"] and r.json()["round"]["duration_minutes"] == 45
    assert r.json()["round"]["scheduled_at"] == "2026-12-10T13:00:00Z" and r.json()["added"] == []
    cancelled = send_ics(user, application, ics(method="CANCEL"))
    assert cancelled.status_code == 200 and cancelled.json()["round"]["status"] == "cancelled"
    again = send_ics(user, application, ics())
    assert again.json()["round"]["status"] == "planned"


def test_the_account_email_is_left_out_of_an_ics_panel(user):
    application = create_application(user)
    people = [f"ATTENDEE;CN=Me:mailto:{user.email.upper()}", "ATTENDEE:mailto:talent@acme.example.com"]
    answer = send_ics(user, application, ics(attendees=people)).json()
    assert [p["name"] for p in answer["interviewers"]] == ["talent"]
    assert answer["left_out"] == ["Me"]
    assert answer["guessed_roles"][0]["role"] == "HR"


def test_a_floating_time_is_read_in_the_accounts_zone(user):
    assert user.patch("/api/v1/me", json={"time_zone": "America/New_York"}).status_code == 200
    application = create_application(user)
    answer = send_ics(user, application, ics(start="DTSTART:20261203T100000", end="DTEND:20261203T110000")).json()
    assert answer["round"]["time_zone"] == "America/New_York"
    assert answer["round"]["scheduled_local"] == "2026-12-03T10:00:00-05:00"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "Send the scheduled interview"),
        (b"garbage", "no event"),
        (b"BEGIN:VEVENT\r\nEND:VEVENT\r\n" * 10_000, "10,000 events"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:2026\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no start"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261203T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no UID"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no start"),
        (b"BEGIN:VEVENT\r\nSUMMARY:\xff\xfe\r\nEND:VEVENT\r\n", "not UTF-8"),
    ],
)
def test_unusable_calendar_files_are_a_422_sentence_and_write_nothing(user, body, words):
    application = create_application(user)
    problem = assert_problem(send_ics(user, application, body), 422)
    assert words in problem["detail"], problem
    assert problem["detail"].endswith(".")
    assert user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"] == []


def test_hostile_calendar_files_never_give_a_500(user):
    application = create_application(user)
    bodies = [
        ics(start="DTSTART:99991231T235959Z", end="DTEND:00010101T000000Z"),
        ics(start="DTSTART;TZID=Mars/Olympus:20261203T140000", end="DTEND;TZID=Mars/Olympus:20261203T150000"),
        ics(start="DTSTART;VALUE=DATE:20261203", end="DTEND;VALUE=DATE:20261204"),
        ics(uid="x" * 5000),
        ics(attendees=[f"ATTENDEE;CN=P{i}:mailto:p{i}@acme.example.com" for i in range(25)]),
        ics(attendees=["ATTENDEE;CN=\x01\x02:mailto:not-an-address", "ATTENDEE;CN=Bad:mailto:a@b@c"]),
        ics(extra="DURATION:P400D"),
        ics(start="DTSTART;TZID=Europe/Oslo:20260329T023000", end="DTEND;TZID=Europe/Oslo:20260329T033000"),
        ics(extra="X-GOOGLE-CONFERENCE:javascript:alert(1)"),
        ics(start="DTSTART:20261203T140000Z", end="DTEND:20261203T130000Z"),
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + b"X-A:" + b"y" * 500_000 + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20261203T140000Z\r\nEND:VEVENT\r\n",
    ]
    for index, body in enumerate(bodies):
        r = send_ics(user, application, body)
        assert r.status_code < 500, (index, r.text)
        assert r.status_code in (200, 201, 409, 422), (index, r.status_code, r.text)


def test_a_huge_body_is_413(user):
    application = create_application(user)
    body = b"BEGIN:VCALENDAR\r\n" + b"X-A:y\r\n" * 300_000
    assert_problem(send_ics(user, application, body), 413)
    assert user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"] == []


def test_a_role_the_account_renamed_is_not_guessed(user):
    roles = roles_by_name(user)
    assert user.patch(f"/api/v1/roles/{roles['HR']['id']}", json={"name": "People team"}).status_code == 200
    create_role(user, name="Recruiter")
    application = create_application(user)
    answer = user.post(
        import_url(application), json=greenhouse(interviewers=[{"name": "Sam", "title": "Recruiter"}])
    ).json()
    assert [g["role"] for g in answer["guessed_roles"]] == ["Recruiter"]


def test_another_accounts_application_is_404(user, make_user):
    other = make_user("import-other")
    application = create_application(other)
    assert_problem(user.post(import_url(application), json=greenhouse()), 404)
