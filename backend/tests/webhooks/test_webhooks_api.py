"""The webhooks API: made with a secret shown once, listed, paused, changed, rotated, deleted; events
written with each change of an application or a round; nothing of one account reaches another."""

import json
import re
import uuid

from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from secondround.api.app_state import app_state
from secondround.models import WebhookDelivery
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round

HOOKS = "/api/v1/webhooks"
SECRET = re.compile(r"^whsec_[A-Za-z0-9+/]{43}=$")


def make_hook(user, url: str = "http://127.0.0.1:9/hooks", **fields) -> dict:
    r = user.post(HOOKS, json={"url": url, **fields})
    assert r.status_code == 201, r.text
    return r.json()


def queued(app, webhook_id: str) -> list[dict]:
    """The outbox rows for one endpoint, oldest first: type, parsed payload, event id."""
    with app_state(app).engine.connect() as connection:
        rows = connection.execute(
            select(WebhookDelivery.event_type, WebhookDelivery.payload, WebhookDelivery.message_id)
            .where(WebhookDelivery.webhook_id == uuid.UUID(webhook_id))
            .order_by(WebhookDelivery.created_at)
        ).all()
    return [{"type": t, "payload": json.loads(p), "id": m} for t, p, m in rows]


def test_a_webhook_is_made_with_a_secret_shown_once(user):
    r = user.post(HOOKS, json={"url": "http://127.0.0.1:9/hooks", "description": "Job board"})
    assert r.status_code == 201, r.text
    made = r.json()
    assert SECRET.match(made["secret"]), made["secret"]
    Webhook(made["secret"])  # the library takes it as it is
    assert made["events"] is None and made["active"] is True and made["disabled_reason"] is None
    assert r.headers["location"] == f"{HOOKS}/{made['id']}" and r.headers["cache-control"] == "no-store"
    for shown in (user.get(HOOKS).json()["items"][0], user.get(f"{HOOKS}/{made['id']}").json()):
        assert shown["id"] == made["id"] and "secret" not in shown
        assert made["secret"] not in json.dumps(shown)


def test_events_are_chosen_paused_resumed_and_the_secret_rotated(user):
    hook = make_hook(user, events=["round.outcome_recorded", "application.created", "application.created"])
    assert hook["events"] == ["application.created", "round.outcome_recorded"]  # once each, in a fixed order
    r = user.patch(f"{HOOKS}/{hook['id']}", json={"active": False, "events": None}, headers={"If-Match": hook["etag"]})
    assert r.status_code == 200, r.text
    assert r.json()["active"] is False and r.json()["events"] is None
    assert_problem(user.patch(f"{HOOKS}/{hook['id']}", json={"active": True}, headers={"If-Match": hook["etag"]}), 412)
    assert_problem(user.post(f"{HOOKS}/{hook['id']}/test"), 409)  # paused
    assert user.patch(f"{HOOKS}/{hook['id']}", json={"active": True}).json()["active"] is True
    rotated = user.post(f"{HOOKS}/{hook['id']}/rotate-secret")
    assert rotated.status_code == 200 and SECRET.match(rotated.json()["secret"])
    assert rotated.json()["secret"] != hook["secret"]
    sent = user.post(f"{HOOKS}/{hook['id']}/test")
    assert sent.status_code == 202 and sent.json()["event_id"].startswith("msg_")
    assert user.delete(f"{HOOKS}/{hook['id']}").status_code == 204
    assert_problem(user.get(f"{HOOKS}/{hook['id']}"), 404)


def test_bad_input_is_a_plain_422(user):
    for body, field in (
        ({"url": "ftp://example.com/x"}, "url"),
        ({"url": "http://127.0.0.1:9/", "events": ["application.exploded"]}, "events"),
        ({"url": "http://127.0.0.1:9/", "events": []}, "events"),
        ({"url": "http://no-such-host.invalid/hook"}, "url"),
    ):
        problem = assert_problem(user.post(HOOKS, json=body), 422)
        assert problem["errors"][0]["field"].split(".")[0] == field, problem
    problem = assert_problem(user.post(HOOKS, json={"url": "http://no-such-host.invalid/hook"}), 422)
    assert "could not be found" in problem["detail"]


def test_each_change_writes_its_event_in_the_same_transaction(app, user):
    hook = make_hook(user)
    application = create_application(user, company="Hooked")
    round_ = create_round(user, application["id"])
    r = user.patch(f"/api/v1/rounds/{round_['id']}", json={"outcome": "verbal_offer"})
    assert r.status_code == 200, r.text
    assert r.json()["updated_at"] != round_["updated_at"]  # an outcome is a change of the round
    assert user.post(f"/api/v1/rounds/{round_['id']}/follow-up").status_code == 200
    assert user.delete(f"/api/v1/rounds/{round_['id']}").status_code == 204
    assert user.patch(f"/api/v1/applications/{application['id']}", json={"position": "Lead"}).status_code == 200
    assert user.delete(f"/api/v1/applications/{application['id']}").status_code == 204
    # A change that fails writes nothing: a round whose follow-up is before its interview is a 422.
    other = create_application(user)
    bad = user.post(
        f"/api/v1/applications/{other['id']}/rounds",
        json={"scheduled_at": "2026-12-10T10:00:00Z", "follow_up_on": "2026-12-01"},
    )
    assert_problem(bad, 422)
    events = queued(app, hook["id"])
    assert [e["type"] for e in events] == [
        "application.created",
        "round.created",
        "application.updated",  # the new round moved the application to interviewing
        "activity_entry.created",  # ... which its log says, queued as the request commits
        "round.updated",
        "round.outcome_recorded",
        "application.updated",  # the outcome moved it on again
        "activity_entry.created",  # the outcome in the log
        "activity_entry.created",  # the status it moved to
        "round.updated",  # the follow-up was recorded
        "activity_entry.created",  # the call in the log
        "round.deleted",
        "application.updated",
        "application.deleted",
        "application.created",  # `other`; the refused round left nothing
    ]
    first = events[0]["payload"]
    assert set(first) == {"type", "timestamp", "data"} and first["type"] == "application.created"
    assert first["data"]["id"] == application["id"] and first["data"]["company"] == "Hooked"
    assert events[5]["payload"]["data"]["outcome"] == "verbal_offer"
    assert events[3]["payload"]["data"]["kind"] == "status_change"
    assert events[10]["payload"]["data"]["kind"] == "call"
    assert events[11]["payload"]["data"] == {"id": round_["id"], "application_id": application["id"]}
    assert events[13]["payload"]["data"] == {"id": application["id"]}
    assert len({e["id"] for e in events}) == len(events)  # one id per event


def test_only_chosen_events_of_active_endpoints_are_queued(app, user):
    chosen = make_hook(user, events=["round.deleted"])
    paused = make_hook(user, active=False)
    application = create_application(user)
    round_ = create_round(user, application["id"])
    assert user.delete(f"/api/v1/rounds/{round_['id']}").status_code == 204
    assert [e["type"] for e in queued(app, chosen["id"])] == ["round.deleted"]
    assert queued(app, paused["id"]) == []


def test_another_account_sees_nothing_and_gets_none_of_my_events(app, user, other_user):
    mine = make_hook(user)
    assert other_user.get(HOOKS).json()["items"] == []
    for method, path in (
        ("get", f"{HOOKS}/{mine['id']}"),
        ("patch", f"{HOOKS}/{mine['id']}"),
        ("delete", f"{HOOKS}/{mine['id']}"),
        ("post", f"{HOOKS}/{mine['id']}/test"),
        ("post", f"{HOOKS}/{mine['id']}/rotate-secret"),
        ("get", f"{HOOKS}/{mine['id']}/deliveries"),
    ):
        kwargs = {"json": {"active": False}} if method == "patch" else {}
        assert_problem(getattr(other_user, method)(path, **kwargs), 404)
    create_application(other_user)
    assert queued(app, mine["id"]) == []
    assert user.get(f"{HOOKS}/{mine['id']}").json()["active"] is True


def test_an_account_holds_at_most_20_webhooks(user):
    for n in range(20):
        make_hook(user, url=f"http://127.0.0.1:9/{n}")
    assert_problem(user.post(HOOKS, json={"url": "http://127.0.0.1:9/21"}), 409)


def test_a_patch_that_changes_nothing_sends_nothing(app, user):
    hook = make_hook(user, events=["application.updated", "round.updated"])
    application = create_application(user, company="Still")
    round_ = create_round(user, application["id"], notes="Same")
    assert user.patch(f"/api/v1/applications/{application['id']}", json={"company": "Still"}).status_code == 200
    assert user.patch(f"/api/v1/rounds/{round_['id']}", json={"notes": "Same"}).status_code == 200
    assert [e["type"] for e in queued(app, hook["id"])] == ["application.updated"]  # the new round's status move
