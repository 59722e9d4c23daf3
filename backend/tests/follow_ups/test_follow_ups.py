"""GET /api/v1/follow-ups: which pending rounds to follow up on, soonest first, with whom to call."""

from datetime import date, timedelta

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name
from tests.support.clock import NOON, follow_ups_at_noon
from tests.support.serving import counting_statements

URL = "/api/v1/follow-ups"


pytestmark = pytest.mark.usefixtures(follow_ups_at_noon.__name__)


def today() -> date:
    return NOON.date()


def days(n: int) -> str:
    return (today() + timedelta(days=n)).isoformat()


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["round"]["id"] for item in response.json()["items"]]


def soonest_first(rounds: list[dict]) -> list[str]:
    # The API orders by follow_up_on, then id; UUID order is the order of their hex text on both engines.
    return [r["id"] for r in sorted(rounds, key=lambda r: (r["follow_up_on"], r["id"]))]


def test_due_upcoming_and_all(user):
    application = create_application(user)
    app_id = application["id"]
    overdue = create_round(user, app_id, decision_expected_by=days(-10))  # default follow-up ~a week ago
    due_today = create_round(user, app_id, follow_up_on=days(0))  # "due" includes today
    tomorrow = create_round(user, app_id, follow_up_on=days(1))  # "upcoming" starts tomorrow
    later = create_round(user, app_id, decision_expected_by=days(20))
    followed = create_round(user, app_id, decision_expected_by=days(-12))
    assert user.post(f"/api/v1/rounds/{followed['id']}/follow-up", json={}).status_code == 200
    followed = user.get(f"/api/v1/rounds/{followed['id']}").json()
    # Never listed: no follow-up date, or a decision already made (even with a date chosen by hand).
    create_round(user, app_id)
    create_round(user, app_id, decision_expected_by=days(-10), outcome="next_round")
    create_round(user, app_id, follow_up_on=days(-2), outcome="verbal_offer")

    assert ids(user.get(URL)) == soonest_first([overdue, due_today])
    assert ids(user.get(URL, params={"when": "due"})) == soonest_first([overdue, due_today])
    assert ids(user.get(URL, params={"when": "upcoming"})) == soonest_first([tomorrow, later])
    assert ids(user.get(URL, params={"when": "all"})) == soonest_first([overdue, due_today, tomorrow, later, followed])


def test_item_carries_round_application_and_interviewers_in_meeting_order(user):
    roles = roles_by_name(user)
    application = create_application(user, company="Initech", position="Analyst")
    round_ = create_round(
        user, application["id"], decision_expected_by=days(-5), scheduled_at="2026-01-05T09:30:00+00:00"
    )
    hr = create_interviewer(
        user,
        round_["id"],
        name="Pat Hale",
        title="Recruiter",
        email="pat@initech.example.com",
        role_id=roles["HR"]["id"],
        order=2,
    )
    boss = create_interviewer(
        user, round_["id"], name="Bill Lumbergh", title="Division VP", role_id=roles["Supervisor"]["id"], order=1
    )

    (item,) = user.get(URL).json()["items"]
    assert set(item) == {"round", "application", "interviewers"}
    current = user.get(f"/api/v1/rounds/{round_['id']}")
    assert item["round"] == {
        "updated_at": current.json()["updated_at"],
        "etag": current.headers["ETag"],  # so "I called" can be saved with If-Match from this list
        "id": round_["id"],
        "sequence": 1,
        "kind": "second",
        "scheduled_at": round_["scheduled_at"],
        "time_zone": "UTC",
        "scheduled_local": "2026-01-05T09:30:00+00:00",
        "decision_expected_by": days(-5),
        "follow_up_on": round_["follow_up_on"],
        "followed_up_at": None,
        "follow_up_note": None,
        "outcome": "pending",
    }
    assert item["application"] == {
        "id": application["id"],
        "company": "Initech",
        "position": "Analyst",
        "status": "interviewing",
    }
    assert item["interviewers"] == [
        {
            "id": boss["id"],
            "name": "Bill Lumbergh",
            "title": "Division VP",
            "email": None,
            "phone": None,
            "contact_id": boss["contact_id"],  # the same person across rounds (contacts)
            "role_id": roles["Supervisor"]["id"],
        },
        {
            "id": hr["id"],
            "name": "Pat Hale",
            "title": "Recruiter",
            "email": "pat@initech.example.com",
            "phone": None,
            "contact_id": hr["contact_id"],
            "role_id": roles["HR"]["id"],
        },
    ]


def test_keyset_pagination_with_cursor_and_link_header(user):
    app_id = create_application(user)["id"]
    # Equal dates exercise the id tie-break.
    rounds = [create_round(user, app_id, follow_up_on=days(offset)) for offset in (-3, -1, -3, -1, -3)]
    expected = soonest_first(rounds)

    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        r = user.get(URL, params=params)
        body = r.json()
        seen += ids(r)
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            assert "Link" not in r.headers
            break
        assert r.headers["Link"].endswith('>; rel="next"') and f"cursor={cursor}" in r.headers["Link"]
    assert seen == expected and pages == 3

    # The filter applies on every page, and the cursor still works with it.
    first = user.get(URL, params={"limit": 1, "when": "all"}).json()
    rest = ids(user.get(URL, params={"when": "all", "cursor": first["next_cursor"]}))
    assert [first["items"][0]["round"]["id"], *rest] == expected


def test_bad_cursor_and_parameters_are_problems(user):
    app_id = create_application(user)["id"]
    create_round(user, app_id, follow_up_on=days(-1))
    create_round(user, app_id, follow_up_on=days(-1))
    cursor = user.get(URL, params={"limit": 1}).json()["next_cursor"]
    assert_problem(user.get(URL, params={"cursor": cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")}), 400)
    # Another list's cursor is refused.
    other_cursor = user.get(f"/api/v1/applications/{app_id}/rounds", params={"limit": 1}).json()["next_cursor"]
    assert_problem(user.get(URL, params={"cursor": other_cursor}), 400)

    body = assert_problem(user.get(URL, params={"when": "yesterday"}), 422)
    assert body["errors"][0]["field"] == "when" and body["errors"][0]["location"] == "query"
    assert_problem(user.get(URL, params={"limit": 0}), 422)
    assert_problem(user.get(URL, params={"limit": 201}), 422)


def test_needs_sign_in(client):
    assert_problem(client.get(URL), 401)


def test_another_users_rounds_never_appear(user, other_user):
    mine = create_round(user, create_application(user)["id"], follow_up_on=days(-1))
    theirs = create_round(other_user, create_application(other_user, company="Globex")["id"], follow_up_on=days(-1))
    create_interviewer(other_user, theirs["id"], name="Hank Scorpio")
    for when in ("due", "upcoming", "all"):
        assert theirs["id"] not in ids(user.get(URL, params={"when": when}))
        assert mine["id"] not in ids(other_user.get(URL, params={"when": when}))
    assert ids(other_user.get(URL)) == [theirs["id"]]


def test_constant_number_of_sql_statements_whatever_the_page_size(app, user):
    roles = roles_by_name(user)
    app_id = create_application(user)["id"]
    for n in range(20):
        round_ = create_round(user, app_id, follow_up_on=days(-1 - n % 3))
        create_interviewer(user, round_["id"], name=f"Person {n}a", role_id=roles["Co-worker"]["id"])
        create_interviewer(user, round_["id"], name=f"Person {n}b")

    counts = {}
    for limit in (2, 20):
        with counting_statements(app) as statements:
            r = user.get(URL, params={"limit": limit})
        items = r.json()["items"]
        assert len(items) == limit and all(len(i["interviewers"]) == 2 for i in items)
        counts[limit] = len(statements)
        # One statement for the rounds with their applications, one for all their interviewers.
        assert sum("FROM rounds JOIN applications" in s for s in statements) == 1, statements
        assert sum("FROM interviewers" in s for s in statements) == 1, statements
    assert counts[2] == counts[20], counts


@pytest.mark.parametrize("when", ["due", "upcoming", "all"])
def test_empty_lists(user, when):
    r = user.get(URL, params={"when": when})
    assert r.status_code == 200 and r.json() == {"items": [], "next_cursor": None}


def test_updated_after_lists_only_rounds_changed_since(user):
    application = create_application(user)
    quiet = create_round(user, application["id"], follow_up_on=days(-1))
    changed = create_round(user, application["id"], follow_up_on=days(-3))
    since = changed["updated_at"]
    patched = user.patch(f"/api/v1/rounds/{changed['id']}", json={"notes": "Left a voicemail"})
    assert patched.status_code == 200
    assert ids(user.get(URL, params={"when": "all", "updated_after": since})) == [changed["id"]]
    assert ids(user.get(URL, params={"when": "all"})) == soonest_first([changed, quiet])
    assert_problem(user.get(URL, params={"updated_after": "2026-01-01T00:00:00"}), 422)
