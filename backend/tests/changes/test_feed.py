"""The change feed: every create, update and delete of an account, cascades included, in an order a
client can follow without missing anything; only the account's own; cursors that expire."""

import random
import threading
import time
import uuid
from datetime import timedelta

from sqlalchemy import update

from secondround.api.app_state import app_state
from secondround.api.pagination import encode_cursor
from secondround.db.types import utcnow
from secondround.main import create_app
from secondround.models import Change
from tests.support.accounts import User, register_user
from tests.support.assertions import assert_problem
from tests.support.databases import only_on_postgres
from tests.support.serving import new_client, serve

FEED = "/api/v1/changes"


def read_all(user: User, after: str | None = None) -> tuple[list[dict], str]:
    """Every change after `after`, following `has_more`; and the cursor to poll with."""
    items: list[dict] = []
    while True:
        r = user.get(FEED, params={"limit": 37, **({"after": after} if after else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        after = page["next_cursor"]
        if not page["has_more"]:
            return items, after


class Replica:
    """What a sync client keeps: resources by (kind, id, parent), rebuilt from the feed alone."""

    def __init__(self) -> None:
        self.state: dict[tuple, dict] = {}

    @classmethod
    def of(cls, items: list[dict]) -> dict[tuple, dict]:
        replica = cls()
        replica.apply(items)
        return replica.state

    def apply(self, items: list[dict]) -> None:
        for item in items:
            key = (item["resource"], item["id"], item["parent_id"])
            if item["action"] == "deleted":
                self.state.pop(key, None)
            elif item["data"] is not None:
                self.state[key] = item["data"]
            else:  # changed, then deleted since: the deletion follows in the feed
                self.state.pop(key, None)


def pages(user: User, url: str, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        r = user.get(url, params={**params, "limit": 200, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        out += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return out


def account_state(user: User) -> dict[tuple, dict]:
    """The account as its own GETs show it."""
    state: dict[tuple, dict] = {("account", user.id, None): user.get("/api/v1/me").json()}
    for role in pages(user, "/api/v1/roles"):
        state[("role", role["id"], None)] = role
    for question in pages(user, "/api/v1/questions"):
        state[("question", question["id"], None)] = question
    for application in pages(user, "/api/v1/applications"):
        state[("application", application["id"], None)] = application
        for answer in pages(user, f"/api/v1/applications/{application['id']}/answers"):
            state[("application_answer", answer["question_id"], application["id"])] = answer
    for round_ in pages(user, "/api/v1/rounds"):
        state[("round", round_["id"], None)] = round_
        for person in pages(user, f"/api/v1/rounds/{round_['id']}/interviewers"):
            state[("interviewer", person["id"], None)] = person
        for entry in pages(user, f"/api/v1/rounds/{round_['id']}/questions"):
            state[("round_question", entry["question_id"], round_["id"])] = entry
        for note in user.get(f"/api/v1/rounds/{round_['id']}/thank-you-notes").json()["notes"]:
            if note["sent"] is not None:
                state[("thank_you_note", note["interviewer_id"], round_["id"])] = note["sent"]
    for key in [k for k in state if k[0] == "interviewer"]:
        debrief = user.get(f"/api/v1/interviewers/{key[1]}/debrief")
        if debrief.status_code == 200:
            state[("debrief", key[1], None)] = debrief.json()
    for application in pages(user, "/api/v1/applications"):
        for entry in pages(user, f"/api/v1/applications/{application['id']}/activity"):
            state[("activity_entry", entry["id"], None)] = entry
    for contact in pages(user, "/api/v1/contacts"):  # the list adds where you met them: not the resource's own
        state[("contact", contact["id"], None)] = {
            k: v for k, v in contact.items() if k not in ("meetings", "last_met", "last_activity_at")
        }
    for offer in pages(user, "/api/v1/offers"):
        state[("offer", offer["id"], None)] = offer
    return state


def without_practice(state: dict[tuple, dict]) -> dict[tuple, dict]:
    """Practice cards have no GET of their own (POST /practice/reviews answers with one): compared apart."""
    return {k: v for k, v in state.items() if k[0] != "practice_card"}


def created(r) -> dict:
    assert r.status_code in (200, 201), r.text
    return r.json()


class Editor:
    """Random edits of every kind through the API, cascades included."""

    def __init__(self, user: User, rng: random.Random) -> None:
        self.user, self.rng = user, rng
        self.n = 0

    def _ids(self, url: str, field: str = "id") -> list[str]:
        return [x[field] for x in pages(self.user, url)]

    def step(self) -> None:
        u, rng = self.user, self.rng
        self.n += 1
        n = self.n
        applications = self._ids("/api/v1/applications")
        rounds = self._ids("/api/v1/rounds")
        roles = self._ids("/api/v1/roles")
        questions = self._ids("/api/v1/questions")
        contacts = self._ids("/api/v1/contacts")
        offers = self._ids("/api/v1/offers")
        choices = ["app+", "role+", "question+", "contact+"]
        if applications:
            choices += ["app~", "app-", "round+", "round+", "answer+", "ownq+", "log+", "log~", "offer+"]
        if contacts:
            choices += ["contact~", "contact-"]
        if offers:
            choices += ["offer~", "offer-", "offer!"]
        if rounds:
            choices += ["round~", "round-", "person+", "person+", "entry+", "entry+"]
        if roles:
            choices += ["role~", "role-"]
        if questions:
            choices += ["question~", "question-"]
        people: list[str] = []
        if rounds:
            for round_id in rng.sample(rounds, min(2, len(rounds))):
                people += self._ids(f"/api/v1/rounds/{round_id}/interviewers")
        if people:
            choices += ["person~", "person-", "debrief", "thanks"]
        what = rng.choice(choices)
        if what == "app+":
            created(u.post("/api/v1/applications", json={"company": f"C{n}", "position": "Engineer"}))
        elif what == "app~":
            created(u.patch(f"/api/v1/applications/{rng.choice(applications)}", json={"notes": f"n{n}"}))
        elif what == "app-":
            assert u.delete(f"/api/v1/applications/{rng.choice(applications)}").status_code == 204
        elif what == "role+":
            created(u.post("/api/v1/roles", json={"name": f"Role {n}"}))
        elif what == "role~":
            created(u.patch(f"/api/v1/roles/{rng.choice(roles)}", json={"goals": f"g{n}"}))
        elif what == "role-":
            assert u.delete(f"/api/v1/roles/{rng.choice(roles)}").status_code == 204
        elif what == "question+":
            body = {"direction": "ask", "text": f"Q{n}?", "category": "teamwork", "importance": 3}
            if roles and rng.random() < 0.5:
                body["target_role_ids"] = [rng.choice(roles)]
            created(u.post("/api/v1/questions", json=body))
        elif what == "ownq+":
            body = {"direction": "ask", "text": f"Own {n}?", "category": "teamwork", "importance": 2}
            created(u.post("/api/v1/questions", json={**body, "application_id": rng.choice(applications)}))
        elif what == "question~":
            created(u.patch(f"/api/v1/questions/{rng.choice(questions)}", json={"notes": f"q{n}"}))
        elif what == "question-":
            assert u.delete(f"/api/v1/questions/{rng.choice(questions)}").status_code == 204
        elif what == "round+":
            body = {"kind": "first"}
            if rng.random() < 0.5:  # over already: its thank-you notes can be marked sent
                body |= {"scheduled_at": (utcnow() - timedelta(days=1)).isoformat(), "duration_minutes": 60}
            created(u.post(f"/api/v1/applications/{rng.choice(applications)}/rounds", json=body))
        elif what == "round~":
            created(u.patch(f"/api/v1/rounds/{rng.choice(rounds)}", json={"notes": f"r{n}"}))
        elif what == "round-":
            assert u.delete(f"/api/v1/rounds/{rng.choice(rounds)}").status_code == 204
        elif what == "person+":
            body = {"name": f"Person {n}", **({"role_id": rng.choice(roles)} if roles else {})}
            created(u.post(f"/api/v1/rounds/{rng.choice(rounds)}/interviewers", json=body))
        elif what == "person~":
            created(u.patch(f"/api/v1/interviewers/{rng.choice(people)}", json={"notes": f"p{n}"}))
        elif what == "person-":
            assert u.delete(f"/api/v1/interviewers/{rng.choice(people)}").status_code == 204
        elif what == "entry+":
            bank = [q["id"] for q in pages(u, "/api/v1/questions", scope="bank")]
            if bank:
                r = u.put(f"/api/v1/rounds/{rng.choice(rounds)}/questions/{rng.choice(bank)}", json={"pinned": True})
                created(r)
        elif what == "contact+":
            created(u.post("/api/v1/contacts", json={"name": f"Contact {n}", "phone": f"+1 555 01{n:02d}"}))
        elif what == "contact~":
            created(u.patch(f"/api/v1/contacts/{rng.choice(contacts)}", json={"notes": f"c{n}"}))
        elif what == "contact-":
            assert u.delete(f"/api/v1/contacts/{rng.choice(contacts)}").status_code == 204
        elif what == "log+":
            body = {"kind": "note", "text": f"Entry {n}"}
            if contacts and rng.random() < 0.5:
                body["contact_id"] = rng.choice(contacts)
            created(u.post(f"/api/v1/applications/{rng.choice(applications)}/activity", json=body))
        elif what == "log~":
            entries = self._ids(f"/api/v1/applications/{rng.choice(applications)}/activity")
            if entries:
                created(u.patch(f"/api/v1/activity/{rng.choice(entries)}", json={"text": f"Edited {n}"}))
        elif what == "offer+":
            body = {"application_id": rng.choice(applications), "base_amount": 50000 + n, "currency": "EUR"}
            created(u.post("/api/v1/offers", json=body))
        elif what == "offer~":
            created(u.patch(f"/api/v1/offers/{rng.choice(offers)}", json={"base_amount": 60000 + n}))
        elif what == "offer-":
            assert u.delete(f"/api/v1/offers/{rng.choice(offers)}").status_code == 204
        elif what == "offer!":
            r = u.post(f"/api/v1/offers/{rng.choice(offers)}/accept", json={"decline_others": True})
            assert r.status_code in (200, 409), r.text  # 409: settled already
        elif what == "debrief":
            body = {"impression": rng.randint(1, 5), "notes": f"d{n}"}
            created(u.put(f"/api/v1/interviewers/{rng.choice(people)}/debrief", json=body))
        elif what == "thanks":
            person = u.get(f"/api/v1/interviewers/{rng.choice(people)}").json()
            r = u.post(f"/api/v1/rounds/{person['round_id']}/thank-you-notes/{person['id']}/sent", json={})
            assert r.status_code in (200, 201, 409), r.text  # 409: the round is not over
        elif what == "answer+":
            bank = [q["id"] for q in pages(u, "/api/v1/questions", scope="bank", direction="expect")]
            if bank:
                application = rng.choice(applications)
                r = u.put(f"/api/v1/applications/{application}/answers/{rng.choice(bank)}", json={"answer": f"A{n}"})
                created(r)


def test_a_sync_client_replaying_the_feed_ends_with_exactly_the_accounts_state(user):
    rng = random.Random(1717)
    editor = Editor(user, rng)
    replica = Replica()
    items, cursor = read_all(user)
    replica.apply(items)
    user.post(
        "/api/v1/questions",
        json={"direction": "expect", "text": "Why us?", "category": "long_term_goals", "importance": 4},
    )
    for step in range(1, 91):
        editor.step()
        if step % 15 == 0:  # sync now and then, mid-way through the edits
            items, cursor = read_all(user, cursor)
            replica.apply(items)
            assert replica.state == account_state(user)
    items, cursor = read_all(user, cursor)
    replica.apply(items)
    assert replica.state == account_state(user)
    # A client starting from scratch gets to the same state.
    fresh = Replica()
    fresh.apply(read_all(user)[0])
    assert fresh.state == account_state(user)


def test_deleting_an_application_lists_the_deletion_of_everything_under_it(user):
    role = created(user.post("/api/v1/roles", json={"name": "Manager"}))
    application = created(user.post("/api/v1/applications", json={"company": "Acme", "position": "Dev"}))
    yesterday = {"scheduled_at": (utcnow() - timedelta(days=1)).isoformat(), "duration_minutes": 60}
    round_ = created(user.post(f"/api/v1/applications/{application['id']}/rounds", json=yesterday))
    person = created(
        user.post(f"/api/v1/rounds/{round_['id']}/interviewers", json={"name": "Ana", "role_id": role["id"]})
    )
    created(user.put(f"/api/v1/interviewers/{person['id']}/debrief", json={"impression": 4}))
    created(user.post(f"/api/v1/rounds/{round_['id']}/thank-you-notes/{person['id']}/sent", json={}))
    entry = created(user.post(f"/api/v1/applications/{application['id']}/activity", json={"kind": "note"}))
    offer = created(
        user.post("/api/v1/offers", json={"application_id": application["id"], "base_amount": 1, "currency": "EUR"})
    )
    logged = {e["id"] for e in pages(user, f"/api/v1/applications/{application['id']}/activity")}
    assert entry["id"] in logged and len(logged) >= 3  # the note, the thank-you note, the offer
    own = created(
        user.post(
            "/api/v1/questions",
            json={
                "direction": "expect",
                "text": "Why Acme?",
                "category": "long_term_goals",
                "importance": 3,
                "application_id": application["id"],
            },
        )
    )
    created(user.put(f"/api/v1/rounds/{round_['id']}/questions/{own['id']}", json={"pinned": True}))
    created(user.put(f"/api/v1/applications/{application['id']}/answers/{own['id']}", json={"answer": "Because."}))
    _, cursor = read_all(user)

    assert user.delete(f"/api/v1/applications/{application['id']}").status_code == 204
    items, _ = read_all(user, cursor)
    deleted = {(i["resource"], i["id"], i["parent_id"]) for i in items if i["action"] == "deleted"}
    assert deleted == {
        ("application", application["id"], None),
        ("round", round_["id"], None),
        ("interviewer", person["id"], None),
        ("question", own["id"], None),
        ("round_question", own["id"], round_["id"]),
        ("application_answer", own["id"], application["id"]),
        ("debrief", person["id"], None),
        ("thank_you_note", person["id"], round_["id"]),
        ("offer", offer["id"], None),
        *(("activity_entry", entry_id, None) for entry_id in logged),
    }
    assert all(i["data"] is None for i in items)
    # Children are listed before the application that took them.
    assert items[-1]["resource"] == "application"


def test_a_change_under_an_application_moves_its_updated_at_and_the_feed_says_so(user):
    application = created(user.post("/api/v1/applications", json={"company": "Acme", "position": "Dev"}))
    round_ = created(user.post(f"/api/v1/applications/{application['id']}/rounds", json={}))
    before_app = user.get(f"/api/v1/applications/{application['id']}").json()
    before_round = user.get(f"/api/v1/rounds/{round_['id']}").json()
    _, cursor = read_all(user)

    person = created(user.post(f"/api/v1/rounds/{round_['id']}/interviewers", json={"name": "Ana"}))
    after_app = user.get(f"/api/v1/applications/{application['id']}")
    after_round = user.get(f"/api/v1/rounds/{round_['id']}")
    assert after_app.json()["updated_at"] > before_app["updated_at"]
    assert after_app.headers["etag"] != before_app["etag"]
    assert after_round.json()["updated_at"] > before_round["updated_at"]
    items, cursor = read_all(user, cursor)
    assert {(i["resource"], i["action"]) for i in items} == {
        ("interviewer", "created"),
        ("contact", "created"),  # the person met, as a contact across applications
        ("round", "updated"),
        ("application", "updated"),
    }
    changed = user.get("/api/v1/applications", params={"updated_after": before_app["updated_at"]}).json()["items"]
    assert [a["id"] for a in changed] == [application["id"]]
    assert user.delete(f"/api/v1/interviewers/{person['id']}").status_code == 204
    items, _ = read_all(user, cursor)
    assert ("interviewer", "deleted") in {(i["resource"], i["action"]) for i in items}
    assert ("application", "updated") in {(i["resource"], i["action"]) for i in items}


def test_deleting_a_role_reports_the_people_and_questions_it_changed(user):
    role = created(user.post("/api/v1/roles", json={"name": "Recruiter"}))
    application = created(user.post("/api/v1/applications", json={"company": "Acme", "position": "Dev"}))
    round_ = created(user.post(f"/api/v1/applications/{application['id']}/rounds", json={}))
    person = created(
        user.post(f"/api/v1/rounds/{round_['id']}/interviewers", json={"name": "Bo", "role_id": role["id"]})
    )
    question = created(
        user.post(
            "/api/v1/questions",
            json={
                "direction": "ask",
                "text": "Team?",
                "category": "teamwork",
                "importance": 3,
                "target_role_ids": [role["id"]],
            },
        )
    )
    _, cursor = read_all(user)
    assert user.delete(f"/api/v1/roles/{role['id']}").status_code == 204
    items, _ = read_all(user, cursor)
    by_key = {(i["resource"], i["id"]): i for i in items}
    assert by_key[("role", role["id"])]["action"] == "deleted"
    assert by_key[("interviewer", person["id"])]["data"]["role_id"] is None
    assert by_key[("question", question["id"])]["data"]["target_role_ids"] == []


def test_the_feed_never_shows_another_accounts_changes(user, other_user):
    created(other_user.post("/api/v1/applications", json={"company": "Secret", "position": "X"}))
    mine = created(user.post("/api/v1/applications", json={"company": "Mine", "position": "Y"}))
    items, _ = read_all(user)
    theirs, _ = read_all(other_user)
    assert mine["id"] in {i["id"] for i in items}
    assert not {i["id"] for i in items} & {i["id"] for i in theirs}
    assert "Secret" not in str(items)
    assert account_state(user) == Replica.of(items)


def test_a_cursor_older_than_the_retention_window_is_a_410(app, user):
    created(user.post("/api/v1/applications", json={"company": "Old", "position": "X"}))
    secret = app_state(app).settings.secret_key
    stale = encode_cursor(secret, "changes", [1, utcnow() - timedelta(days=31)])
    body = assert_problem(user.get(FEED, params={"after": stale}), 410)
    assert body["type"] == "/problems/cursor-expired"
    assert "from the start" in body["detail"]
    assert_problem(user.get(FEED, params={"after": stale[:-2] + "xx"}), 400)


def test_old_deletions_and_replaced_changes_are_purged_but_the_latest_of_each_resource_stays(app, user):
    kept = created(user.post("/api/v1/applications", json={"company": "Kept", "position": "X"}))
    created(user.patch(f"/api/v1/applications/{kept['id']}", json={"notes": "edited"}))
    gone = created(user.post("/api/v1/applications", json={"company": "Gone", "position": "X"}))
    assert user.delete(f"/api/v1/applications/{gone['id']}").status_code == 204
    with app_state(app).engine.begin() as connection:  # all of that happened 40 days ago
        connection.execute(
            update(Change)
            .where(Change.owner_id == uuid.UUID(user.id))
            .values(occurred_at=utcnow() - timedelta(days=40))
        )
    created(user.post("/api/v1/roles", json={"name": "Anyone"}))  # the next write purges
    items, _ = read_all(user)
    assert [(i["resource"], i["action"]) for i in items if i["resource"] == "application"] == [
        ("application", "updated")
    ]
    assert gone["id"] not in str(items)
    replica = Replica()
    replica.apply(items)
    assert replica.state == account_state(user)


def test_polling_an_idle_account_never_expires_its_cursor(user):
    _, cursor = read_all(user)
    r = user.get(FEED, params={"after": cursor})
    assert r.status_code == 200 and r.json() == {"items": [], "next_cursor": r.json()["next_cursor"], "has_more": False}


def test_account_wide_rounds_list_and_its_filters(user, other_user):
    a = created(user.post("/api/v1/applications", json={"company": "A", "position": "X"}))
    b = created(user.post("/api/v1/applications", json={"company": "B", "position": "X"}))
    r1 = created(user.post(f"/api/v1/applications/{a['id']}/rounds", json={}))
    r2 = created(user.post(f"/api/v1/applications/{b['id']}/rounds", json={}))
    created(other_user.post("/api/v1/applications", json={"company": "C", "position": "X"}))
    assert [r["id"] for r in pages(user, "/api/v1/rounds")] == [r1["id"], r2["id"]]
    assert [r["id"] for r in pages(user, "/api/v1/rounds", application_id=b["id"])] == [r2["id"]]
    time.sleep(0.01)
    edited = created(user.patch(f"/api/v1/rounds/{r1['id']}", json={"notes": "x"}))
    since = user.get("/api/v1/rounds", params={"updated_after": r2["updated_at"]}).json()["items"]
    assert [r["id"] for r in since] == [edited["id"]]
    first = user.get("/api/v1/rounds", params={"limit": 1}).json()
    second = user.get("/api/v1/rounds", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [r1["id"], r2["id"]]
    assert other_user.get("/api/v1/rounds").json()["items"] == []
    foreign = assert_problem(other_user.get("/api/v1/rounds", params={"application_id": a["id"]}), 422)
    assert "application" in foreign["detail"].lower() or foreign["errors"]


@only_on_postgres
def test_a_reader_polling_during_20_parallel_writers_never_skips_a_change(settings):
    """Writers commit in any order; the reader follows the feed all along; afterwards the feed read
    from scratch and the reader's copy hold exactly the same changes, in the same order."""
    app = create_app(
        settings.model_copy(
            update={
                "max_requests_per_account": 40,
                "max_active_requests": 40,
                "max_roles_per_account": 1000,
                "max_rounds_per_application": 1000,
                # The writes of one account take turns; on a busy test machine the queue may be long.
                "db_lock_timeout_seconds": 30,
                "db_statement_timeout_seconds": 40,
            }
        )
    )
    try:
        with serve(app) as base_url:
            user = register_user(base_url, "feed-race")
            applications = [
                created(user.post("/api/v1/applications", json={"company": f"P{i}", "position": "X"})) for i in range(5)
            ]
            _, cursor = read_all(user)
            seen: list[dict] = []
            done = threading.Event()
            errors: list[str] = []
            made: list[str] = []

            def writer(i: int) -> None:
                rng = random.Random(i)
                with new_client(base_url) as c:
                    c.headers["Authorization"] = f"Bearer {user.token}"
                    for n in range(10):
                        app_id = rng.choice(applications)["id"]
                        role = rng.random() < 0.5
                        for _ in range(20):  # a well-behaved client comes back when told to
                            if role:
                                r = c.post("/api/v1/roles", json={"name": f"W{i}-{n}"})
                            else:
                                r = c.post(f"/api/v1/applications/{app_id}/rounds", json={"notes": f"{i}/{n}"})
                            if r.status_code not in (429, 503):
                                break
                            time.sleep(float(r.headers.get("retry-after", "1")) * rng.uniform(0.2, 1.0))
                        if r.status_code != 201:
                            errors.append(r.text)
                        else:
                            made.append(r.json()["id"])

            def reader() -> None:
                nonlocal cursor
                while True:
                    finished = done.is_set()
                    items, cursor = read_all(user, cursor)
                    seen.extend(items)
                    if finished:
                        return

            poll = threading.Thread(target=reader)
            poll.start()
            threads = [threading.Thread(target=writer, args=(i,)) for i in range(20)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            done.set()
            poll.join()
            assert not errors, errors[:3]
            everything, _ = read_all(user)
            after_setup = everything[len(everything) - len(seen) :]
            assert [i["cursor"] for i in seen] == [i["cursor"] for i in after_setup]
            assert len({i["cursor"] for i in seen}) == len(seen)
            # (A first round also logs its application's move to interviewing: an activity entry.)
            created_here = [i["id"] for i in seen if i["action"] == "created" and i["resource"] in ("role", "round")]
            assert sorted(created_here) == sorted(made)
            assert len(made) == 20 * 10
    finally:
        app_state(app).database.dispose_sync()


def test_contacts_entries_debriefs_notes_offers_and_practice_are_created_updated_and_deleted(user):
    application = created(user.post("/api/v1/applications", json={"company": "Initech", "position": "Dev"}))
    yesterday = {"scheduled_at": (utcnow() - timedelta(days=1)).isoformat(), "duration_minutes": 60}
    round_ = created(user.post(f"/api/v1/applications/{application['id']}/rounds", json=yesterday))
    person = created(user.post(f"/api/v1/rounds/{round_['id']}/interviewers", json={"name": "Dana"}))
    question = created(
        user.post(
            "/api/v1/questions",
            json={"direction": "expect", "text": "Why Initech?", "category": "long_term_goals", "importance": 3},
        )
    )
    _, cursor = read_all(user)

    contact = created(user.post("/api/v1/contacts", json={"name": "Rita", "phone": "+1 555 0100"}))
    contact = created(user.patch(f"/api/v1/contacts/{contact['id']}", json={"title": "Recruiter"}))
    entry = created(
        user.post(
            f"/api/v1/applications/{application['id']}/activity",
            json={"kind": "call", "contact_id": contact["id"], "text": "Left a message"},
        )
    )
    entry = created(user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "She called back"}))
    created(user.put(f"/api/v1/interviewers/{person['id']}/debrief", json={"impression": 3}))
    debrief = created(user.put(f"/api/v1/interviewers/{person['id']}/debrief", json={"impression": 5}))
    note = created(user.post(f"/api/v1/rounds/{round_['id']}/thank-you-notes/{person['id']}/sent", json={}))
    offer = created(
        user.post(
            "/api/v1/offers", json={"application_id": application["id"], "base_amount": "72000", "currency": "EUR"}
        )
    )
    offer = created(user.patch(f"/api/v1/offers/{offer['id']}", json={"stage": "written"}))
    card = created(user.post("/api/v1/practice/reviews", json={"question_id": question["id"], "rating": "good"}))
    assert user.delete(f"/api/v1/contacts/{contact['id']}").status_code == 204

    items, cursor = read_all(user, cursor)
    story: dict[tuple, list[str]] = {}
    for item in items:
        story.setdefault((item["resource"], item["id"]), []).append(item["action"])
    assert story[("contact", contact["id"])] == ["created", "updated", "deleted"]
    # The entry loses its contact when the contact goes (SET NULL): that is a change of the entry too.
    assert story[("activity_entry", entry["id"])] == ["created", "updated", "updated"]
    assert story[("debrief", person["id"])] == ["created", "updated"]  # a second version is an update
    assert story[("thank_you_note", person["id"])] == ["created"]
    assert story[("offer", offer["id"])] == ["created", "updated"]
    assert story[("practice_card", question["id"])] == ["created"]
    by_key = {(i["resource"], i["id"]): i for i in items}
    assert by_key[("thank_you_note", person["id"])]["parent_id"] == round_["id"]
    assert by_key[("thank_you_note", person["id"])]["data"] == note
    assert by_key[("debrief", person["id"])]["data"] == debrief
    assert by_key[("offer", offer["id"])]["data"] == user.get(f"/api/v1/offers/{offer['id']}").json()
    assert by_key[("activity_entry", entry["id"])]["data"]["revisions"][0]["text"] == "Left a message"
    assert by_key[("activity_entry", entry["id"])]["data"]["contact_id"] is None
    assert by_key[("practice_card", question["id"])]["data"]["reviews"] == card["reviews"] == 1
    # A second review of the same question is an update of its card.
    created(user.post("/api/v1/practice/reviews", json={"question_id": question["id"], "rating": "easy"}))
    items, _ = read_all(user, cursor)
    assert [(i["resource"], i["action"]) for i in items if i["resource"] == "practice_card"] == [
        ("practice_card", "updated")
    ]
    # A client starting from scratch has all of it, as the resources' own GETs show them.
    assert without_practice(Replica.of(read_all(user)[0])) == account_state(user)
