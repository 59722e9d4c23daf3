"""The activity log: GET|POST /applications/{id}/activity, GET|PATCH /activity/{id}, and the entries
the server appends when a status, an outcome or a follow-up is recorded."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round


def log_url(application: dict) -> str:
    return f"/api/v1/applications/{application['id']}/activity"


def entries(user, application: dict, **params) -> list[dict]:
    r = user.get(log_url(application), params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def add(user, application: dict, **fields) -> dict:
    r = user.post(log_url(application), json={"kind": "note", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def test_append_read_and_newest_first(user):
    application = create_application(user)
    older = add(user, application, kind="email", occurred_at="2026-11-02T09:00:00Z", channel="email", text="Sent CV")
    newer = add(user, application, occurred_at="2026-11-03T09:00:00+01:00", text="Recruiter liked it")
    now = add(user, application, kind="message", text="LinkedIn message")
    r = user.post(log_url(application), json={"kind": "thank_you", "text": "Thanks!"})
    assert r.status_code == 201 and r.headers["Location"] == f"/api/v1/activity/{r.json()['id']}"
    assert r.headers["ETag"] == r.json()["etag"]
    thanks = r.json()
    # Newest first: the two entries of "now" in the order they were written, latest first.
    assert [e["id"] for e in entries(user, application)] == [thanks["id"], now["id"], newer["id"], older["id"]]
    assert newer["occurred_at"] == "2026-11-03T08:00:00Z"
    assert older["channel"] == "email" and older["revisions"] == [] and older["edited"] is False
    got = user.get(f"/api/v1/activity/{older['id']}")
    assert got.status_code == 200 and got.json() == older and got.headers["ETag"] == older["etag"]
    assert [e["kind"] for e in entries(user, application, kind="email")] == ["email"]


def test_a_wall_clock_is_read_in_the_accounts_zone_and_the_future_is_refused(user):
    assert user.patch("/api/v1/me", json={"time_zone": "Europe/Oslo"}).status_code == 200
    application = create_application(user)
    entry = add(user, application, occurred_at="2026-07-01T15:30")  # summer: UTC+2
    assert entry["occurred_at"] == "2026-07-01T13:30:00Z"
    gap = user.post(log_url(application), json={"kind": "note", "occurred_at": "2026-03-29T02:30"})
    assert assert_problem(gap, 422)["errors"][0]["type"] == "local_time"
    soon = (datetime.now(UTC) + timedelta(seconds=20)).isoformat()
    assert user.post(log_url(application), json={"kind": "note", "occurred_at": soon}).status_code == 201
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    problem = assert_problem(user.post(log_url(application), json={"kind": "note", "occurred_at": later}), 422)
    assert problem["errors"][0]["field"] == "occurred_at" and problem["errors"][0]["type"] == "in_the_future"
    assert "future" in problem["errors"][0]["message"]


def test_an_edit_keeps_the_earlier_text(user):
    application = create_application(user)
    entry = add(user, application, kind="call", channel="phone", text="They decide Friday")
    stale = entry["etag"]
    r = user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "They decide Monday"}, headers={"If-Match": stale})
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["text"] == "They decide Monday" and edited["edited"] is True
    assert [rev["text"] for rev in edited["revisions"]] == ["They decide Friday"]
    assert edited["etag"] != stale and edited["kind"] == "call" and edited["occurred_at"] == entry["occurred_at"]
    assert_problem(user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "x"}, headers={"If-Match": stale}), 412)
    again = user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "Monday, 10:00"}).json()
    assert [rev["text"] for rev in again["revisions"]] == ["They decide Friday", "They decide Monday"]
    # Only the text can change, and nothing can be deleted.
    r = user.patch(f"/api/v1/activity/{entry['id']}", json={"kind": "note"})
    assert "kind" in {e["field"] for e in assert_problem(r, 422)["errors"]}
    assert user.delete(f"/api/v1/activity/{entry['id']}").status_code == 405


def test_links_are_checked_against_the_application(user, other_user):
    application = create_application(user)
    other_application = create_application(user)
    round_ = create_round(user, application["id"])
    person = create_interviewer(user, round_["id"], name="Dana Ortega", email="dana@initech.example.com")
    elsewhere = create_round(user, other_application["id"])
    entry = add(user, application, kind="email", interviewer_id=person["id"], text="Sent the portfolio")
    # The person brings their round and their contact.
    assert (entry["round_id"], entry["contact_id"]) == (round_["id"], person["contact_id"])
    for field, value in (
        ("round_id", elsewhere["id"]),
        ("interviewer_id", elsewhere["id"]),
        ("contact_id", round_["id"]),
    ):
        problem = assert_problem(user.post(log_url(application), json={"kind": "note", field: value}), 422)
        assert problem["errors"][0]["field"] == field
    for kind in ("status_change", "outcome"):
        assert assert_problem(user.post(log_url(application), json={"kind": kind}), 422)["errors"][0]["field"] == "kind"
    problem = assert_problem(
        user.post(log_url(application), json={"kind": "note", "next_follow_up_on": "2030-01-01"}), 422
    )
    assert problem["errors"][0]["field"] == "next_follow_up_on"
    # Another account's log and entries do not exist for you.
    assert_problem(other_user.get(log_url(application)), 404)
    assert_problem(other_user.post(log_url(application), json={"kind": "note"}), 404)
    assert_problem(other_user.get(f"/api/v1/activity/{entry['id']}"), 404)
    assert_problem(other_user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "mine"}), 404)
    assert user.get(f"/api/v1/activity/{entry['id']}").json() == entry


def test_status_and_outcome_changes_append_entries(user):
    application = create_application(user, status="applied")
    round_ = create_round(user, application["id"])  # a round moves the application to interviewing
    assert [(e["kind"], e["text"]) for e in entries(user, application)] == [
        ("status_change", "Status changed from applied to interviewing.")
    ]
    r = user.patch(f"/api/v1/rounds/{round_['id']}", json={"outcome": "verbal_offer"})
    assert r.status_code == 200, r.text
    log = entries(user, application)
    kinds = {(e["kind"], e["text"], e["round_id"]) for e in log[:2]}
    assert kinds == {
        ("outcome", "Round 1 (second): outcome verbal offer.", round_["id"]),
        ("status_change", "Status changed from interviewing to offer.", None),
    }
    # A PATCH that changes nothing adds nothing; an application PATCH of its status adds one.
    user.patch(f"/api/v1/rounds/{round_['id']}", json={"outcome": "verbal_offer"})
    user.patch(f"/api/v1/applications/{application['id']}", json={"notes": "Nice team"})
    assert len(entries(user, application)) == 3
    user.patch(f"/api/v1/applications/{application['id']}", json={"status": "accepted"})
    assert entries(user, application)[0]["text"] == "Status changed from offer to accepted."


def test_a_status_change_that_fails_adds_no_entry(user):
    application = create_application(user, status="applied")
    r = user.patch(
        f"/api/v1/applications/{application['id']}", json={"status": "offer", "salary_min": 10, "salary_max": 1}
    )
    assert r.status_code == 422
    assert entries(user, application) == []


def test_follow_up_endpoint_appends_a_call_and_the_round_follows_the_latest_call(user):
    application = create_application(user)
    round_ = create_round(user, application["id"], decision_expected_by="2026-01-05")
    r = user.post(f"/api/v1/rounds/{round_['id']}/follow-up", json={"note": "Left a voicemail."})
    assert r.status_code == 200, r.text
    (call,) = entries(user, application, kind="call")
    assert (call["text"], call["round_id"], call["channel"]) == ("Left a voicemail.", round_["id"], "phone")
    assert r.json()["followed_up_at"] == call["occurred_at"] and r.json()["follow_up_note"] == "Left a voicemail."

    # A call with a next date: the round is due again that day, with the call's words as its note.
    friday = (date.today() + timedelta(days=3)).isoformat()
    add(user, application, kind="call", round_id=round_["id"], text="They said Friday", next_follow_up_on=friday)
    current = user.get(f"/api/v1/rounds/{round_['id']}").json()
    assert (current["follow_up_on"], current["followed_up_at"], current["follow_up_note"]) == (
        friday,
        None,
        "They said Friday",
    )
    upcoming = user.get("/api/v1/follow-ups", params={"when": "upcoming"}).json()["items"]
    assert [i["round"]["id"] for i in upcoming] == [round_["id"]]

    # A backdated call older than the latest is history only.
    add(user, application, kind="call", round_id=round_["id"], occurred_at="2026-01-01T10:00:00Z", text="Old call")
    assert user.get(f"/api/v1/rounds/{round_['id']}").json() == current

    # Editing the latest call edits the round's note too.
    latest = entries(user, application, kind="call")[0]
    user.patch(f"/api/v1/activity/{latest['id']}", json={"text": "They said Friday, after 2 pm"})
    assert user.get(f"/api/v1/rounds/{round_['id']}").json()["follow_up_note"] == "They said Friday, after 2 pm"

    # The follow-up endpoint takes the next date as well.
    r = user.post(f"/api/v1/rounds/{round_['id']}/follow-up", json={"note": "Monday", "next_follow_up_on": friday})
    assert r.status_code == 200 and r.json()["follow_up_on"] == friday
    assert len(entries(user, application, kind="call")) == 4


def test_a_next_date_before_the_call_is_refused(user):
    application = create_application(user)
    r = user.post(
        log_url(application),
        json={"kind": "call", "occurred_at": "2026-11-10T10:00:00Z", "next_follow_up_on": "2026-11-09"},
    )
    assert assert_problem(r, 422)["errors"][0]["field"] == "next_follow_up_on"


def test_cursor_pages_newest_first(user):
    application = create_application(user)
    made = [
        add(user, application, occurred_at=f"2026-10-{day:02d}T10:00:00Z", text=str(day)) for day in (3, 1, 2, 1, 3)
    ]
    expected = [e["id"] for e in sorted(made, key=lambda e: (e["occurred_at"], e["id"]), reverse=True)]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = user.get(log_url(application), params=params)
        assert r.status_code == 200, r.text
        seen += [e["id"] for e in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            assert "Link" not in r.headers
            break
        assert 'rel="next"' in r.headers["Link"]
    assert seen == expected


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "chat"}, "kind"),
        ({"kind": "note", "channel": "fax"}, "channel"),
        ({"kind": "note", "text": "nul\x00"}, "text"),
        ({"kind": "note", "occurred_at": "yesterday"}, "occurred_at"),
        ({"kind": "note", "colour": "red"}, "colour"),
    ],
)
def test_bad_bodies_are_422(user, body, field):
    application = create_application(user)
    problem = assert_problem(user.post(log_url(application), json=body), 422)
    assert problem["errors"][0]["field"] == field
    assert entries(user, application) == []


def test_follow_up_endpoint_takes_when_you_called_in_your_zone(user):
    assert user.patch("/api/v1/me", json={"time_zone": "America/New_York"}).status_code == 200
    application = create_application(user)
    round_ = create_round(user, application["id"], decision_expected_by="2026-01-05")
    r = user.post(f"/api/v1/rounds/{round_['id']}/follow-up", json={"occurred_at": "2026-01-06T09:15", "note": "Hi"})
    assert r.status_code == 200, r.text
    assert r.json()["followed_up_at"] == "2026-01-06T14:15:00Z"
    (call,) = entries(user, application, kind="call")
    assert call["occurred_at"] == "2026-01-06T14:15:00Z"
    later = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    problem = assert_problem(user.post(f"/api/v1/rounds/{round_['id']}/follow-up", json={"occurred_at": later}), 422)
    assert problem["errors"][0]["field"] == "occurred_at"
    r = user.post(
        f"/api/v1/rounds/{round_['id']}/follow-up",
        json={"occurred_at": "2026-01-06T09:15", "next_follow_up_on": "2026-01-05"},
    )
    assert assert_problem(r, 422)["errors"][0]["field"] == "next_follow_up_on"
    assert len(entries(user, application, kind="call")) == 1


def test_an_empty_patch_keeps_the_version(user):
    entry = add(user, create_application(user), text="Same")
    r = user.patch(f"/api/v1/activity/{entry['id']}", json={})
    assert r.status_code == 200 and r.json() == entry
    r = user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "Same"})
    assert r.status_code == 200 and r.json() == entry


def test_an_entry_names_whom_it_is_with_as_they_are_named_now(user):
    application = create_application(user)
    round_ = create_round(user, application["id"])
    person = create_interviewer(user, round_["id"], name="Dana Ortga")
    with_dana = add(user, application, kind="call", interviewer_id=person["id"], text="Decision on Friday")
    assert with_dana["person_name"] == "Dana Ortga"
    recruiter = user.post("/api/v1/contacts", json={"name": "Kim Lee", "company": "Initech"}).json()
    with_kim = add(user, application, kind="email", contact_id=recruiter["id"], text="Sent the form")
    alone = add(user, application, kind="note", text="Read their engineering blog")
    assert (with_kim["person_name"], alone["person_name"]) == ("Kim Lee", None)
    # A name corrected later shows in the log (the log keeps who, not a copy of how they were spelt).
    r = user.patch(f"/api/v1/interviewers/{person['id']}", json={"name": "Dana Ortega"})
    assert r.status_code == 200, r.text
    names = {
        e["id"]: e["person_name"]
        for e in user.get(log_url(application)).json()["items"]
        if e["kind"] != "status_change"
    }
    assert names == {with_dana["id"]: "Dana Ortega", with_kim["id"]: "Kim Lee", alone["id"]: None}
    assert user.get(f"/api/v1/activity/{with_dana['id']}").json()["person_name"] == "Dana Ortega"
    contact = user.get(f"/api/v1/contacts/{recruiter['id']}").json()
    assert [e["person_name"] for e in contact["activity"]] == ["Kim Lee"]
