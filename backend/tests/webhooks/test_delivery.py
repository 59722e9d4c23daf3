"""The delivery worker against a real receiver on loopback: signed per Standard Webhooks (checked by
the library on the receiver), one webhook-id across attempts, retries on the schedule, 410 pauses
the endpoint, a receiver that is down and comes back gets everything, every attempt is logged, and
on PostgreSQL two workers never post one event twice."""

import asyncio
import json
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlmodel import Session, col
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from secondround.api.app_state import app_state
from secondround.db.session import Database, DatabaseLimits
from secondround.db.types import utcnow
from secondround.models import WebhookDelivery
from secondround.webhooks.worker import DeliveryWorker, prune_finished
from tests.support.builders import create_application, create_round
from tests.support.databases import only_on_postgres
from tests.support.event_loop import run_async
from tests.support.webhook_receiver import Receiver, new_receiver, serving
from tests.support.webhook_worker import drive, drive_for, run_until, worker_settings

HOOKS = "/api/v1/webhooks"


def hook_for(user, receiver: Receiver, **fields) -> dict:
    r = user.post(HOOKS, json={"url": receiver.url, **fields})
    assert r.status_code == 201, r.text
    receiver.secret = r.json()["secret"]
    return r.json()


def attempts(user, hook: dict) -> list[dict]:
    """The delivery log, oldest first (the API gives it newest first)."""
    return list(reversed(user.get(f"{HOOKS}/{hook['id']}/deliveries", params={"limit": 100}).json()["items"]))


def test_a_failing_receiver_gets_the_same_signed_event_until_it_succeeds(settings, user):
    receiver = new_receiver(500, 503)
    with serving(receiver):
        hook = hook_for(user, receiver, events=["application.created"])
        application = create_application(user, company="Signed Co")
        drive(settings, lambda: len(receiver.delivered) == 1, webhook_retry_schedule="0.1,0.1,0.1")
    got = receiver.received
    assert [r.status for r in got] == [500, 503, 200]
    assert all(r.verified for r in got), "every attempt verifies with the standardwebhooks library"
    assert len({r.headers["webhook-id"] for r in got}) == 1 and got[0].headers["webhook-id"].startswith("msg_")
    body = json.loads(got[-1].body)
    assert body["type"] == "application.created" and body["data"]["id"] == application["id"]
    assert body["data"]["company"] == "Signed Co" and body["timestamp"].endswith("Z")
    assert got[0].headers["content-type"] == "application/json"
    assert got[0].headers["host"] == f"127.0.0.1:{receiver.port}" and got[0].path == "/hooks"
    log = attempts(user, hook)
    seen = [(a["attempt"], a["status_code"], a["succeeded"]) for a in log]
    assert seen == [(1, 500, False), (2, 503, False), (3, 200, True)]
    assert {a["event_id"] for a in log} == {got[0].headers["webhook-id"]}
    assert all(a["event_type"] == "application.created" and a["duration_ms"] >= 0 for a in log)


def test_retries_follow_the_schedule_and_stop_when_it_ends(settings, user):
    receiver = new_receiver(500, 500, 500, 500)
    with serving(receiver):
        hook = hook_for(user, receiver, events=["application.created"])
        create_application(user)
        drive(settings, lambda: len(receiver.received) == 3, webhook_retry_schedule="0.4,0.8")
        drive_for(settings, 1.5, webhook_retry_schedule="0.4,0.8")  # the schedule is used up: no fourth try
    times = [r.at for r in receiver.received]
    assert len(times) == 3
    first_gap, second_gap = times[1] - times[0], times[2] - times[1]
    assert 0.4 * 0.9 <= first_gap < 0.4 * 1.1 + 0.5, first_gap  # the delay, jitter of 10 %, the worker's pace
    assert 0.8 * 0.9 <= second_gap < 0.8 * 1.1 + 0.5, second_gap
    assert [a["status_code"] for a in attempts(user, hook)] == [500, 500, 500]


def test_410_gone_pauses_the_endpoint(settings, user):
    receiver = new_receiver(410)
    with serving(receiver):
        hook = hook_for(user, receiver)
        create_application(user)
        drive(settings, lambda: len(receiver.received) == 1, webhook_retry_schedule="0.1")
        create_application(user)  # not queued for a paused endpoint
        drive_for(settings, 0.6, webhook_retry_schedule="0.1")
    assert len(receiver.received) == 1
    shown = user.get(f"{HOOKS}/{hook['id']}").json()
    assert shown["active"] is False and "410" in shown["disabled_reason"]
    resumed = user.patch(f"{HOOKS}/{hook['id']}", json={"active": True}).json()
    assert resumed["active"] is True and resumed["disabled_reason"] is None


def test_a_receiver_that_is_down_then_back_gets_every_event(settings, user, capsys):
    receiver = new_receiver()  # its port is chosen, nothing listens yet
    hook = hook_for(user, receiver)
    application = create_application(user)
    for n in range(3):
        user.patch(f"/api/v1/applications/{application['id']}", json={"position": f"Role {n}"})
    schedule = "0.2,0.4,0.8,1.6,3.2"
    drive(settings, lambda: len(attempts(user, hook)) >= 8, webhook_retry_schedule=schedule)  # two failures each
    with serving(receiver):
        delivered_ids = lambda: {r.headers["webhook-id"] for r in receiver.delivered}  # noqa: E731
        drive(settings, lambda: len(delivered_ids()) == 4, webhook_retry_schedule=schedule)
    log = attempts(user, hook)
    by_event: dict[str, list[dict]] = {}
    for a in log:
        by_event.setdefault(a["event_id"], []).append(a)
    assert len(by_event) == 4
    for tries in by_event.values():
        assert [t["attempt"] for t in tries] == list(range(1, len(tries) + 1))
        assert all(t["status_code"] is None and "connect" in t["error"] for t in tries[:-1])
        assert tries[-1]["status_code"] == 200 and len(tries) >= 3
    assert [json.loads(r.body)["type"] for r in receiver.delivered].count("application.updated") == 3
    with capsys.disabled():  # the closing evidence: what the worker did while the receiver was down
        print(f"\nreceiver down, then up; retry schedule {schedule} s")
        for event_id, tries in by_event.items():
            steps = ", ".join(
                f"#{t['attempt']} {t['status_code'] or 'refused'} at :{t['attempted_at'][17:23]}s" for t in tries
            )
            print(f"  {event_id[:12]}… {tries[0]['event_type']:20} {steps}")


def test_a_test_event_reaches_the_endpoint_and_a_rotated_secret_signs_retries(settings, user):
    receiver = new_receiver(500)
    with serving(receiver):
        hook = hook_for(user, receiver, events=["round.deleted"])
        sent = user.post(f"{HOOKS}/{hook['id']}/test").json()
        drive(settings, lambda: len(receiver.received) == 1, webhook_retry_schedule="0.3")
        old_secret = receiver.secret
        receiver.secret = user.post(f"{HOOKS}/{hook['id']}/rotate-secret").json()["secret"]
        drive(settings, lambda: len(receiver.delivered) == 1, webhook_retry_schedule="0.3")
    first, second = receiver.received
    assert first.verified and second.verified  # each with the secret of its time
    with pytest.raises(WebhookVerificationError):
        Webhook(old_secret).verify(second.body, second.headers)  # the retry is signed with the new secret only
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == sent["event_id"]
    assert json.loads(second.body)["type"] == "webhook.test"


def test_a_follow_up_date_that_arrives_is_announced_once(settings, user):
    receiver = new_receiver()
    with serving(receiver):
        hook_for(user, receiver, events=["follow_up.due"])
        application = create_application(user)
        today = date.fromisoformat(utcnow().date().isoformat())
        due = create_round(user, application["id"], follow_up_on=(today - timedelta(days=1)).isoformat())
        create_round(user, application["id"], follow_up_on=(today + timedelta(days=3)).isoformat())  # not yet
        drive(settings, lambda: len(receiver.delivered) == 1)
        drive_for(settings, 0.5, webhook_follow_up_scan_seconds=0.05)  # scanned again: nothing new
        assert len(receiver.received) == 1
        body = json.loads(receiver.received[0].body)
        assert body["type"] == "follow_up.due" and body["data"]["id"] == due["id"]
        # A new date that has also arrived makes it due again.
        r = user.patch(f"/api/v1/rounds/{due['id']}", json={"follow_up_on": today.isoformat()})
        assert r.status_code == 200, r.text
        drive(settings, lambda: len(receiver.delivered) == 2, webhook_follow_up_scan_seconds=0.05)
    assert json.loads(receiver.received[1].body)["data"]["follow_up_on"] == today.isoformat()


@only_on_postgres
def test_two_workers_never_post_one_event_twice(settings, user):
    receiver = new_receiver()
    with serving(receiver):
        hook_for(user, receiver, events=["application.created"])
        for n in range(40):
            create_application(user, company=f"Co {n}")
        chosen = worker_settings(settings, webhook_retry_schedule="60")

        async def both() -> None:
            databases = [Database(chosen.sqlalchemy_url, DatabaseLimits(pool_size=4)) for _ in range(2)]
            workers = [DeliveryWorker(db, chosen, batch_size=3) for db in databases]
            try:
                await asyncio.gather(*(run_until(w, lambda: len(receiver.received) >= 40, 30) for w in workers))
            finally:
                for db in databases:
                    await db.dispose()

        run_async(both())
        time.sleep(0.3)
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert {json.loads(r.body)["data"]["company"] for r in receiver.received} == {f"Co {n}" for n in range(40)}


def test_finished_deliveries_older_than_the_retention_are_pruned_and_pending_ones_stay(app, settings, user):
    receiver = new_receiver(200, 200, 500)
    with serving(receiver):
        hook = hook_for(user, receiver, events=["application.created"])
        create_application(user, company="Old")
        create_application(user, company="Recent")
        drive(settings, lambda: len(receiver.delivered) == 2)
        create_application(user, company="Waiting")  # answered 500: pending, its retry a day away
        drive(settings, lambda: len(receiver.received) == 3, webhook_retry_schedule="86400")
    delivered = {json.loads(r.body)["data"]["company"]: r.headers["webhook-id"] for r in receiver.delivered}
    waiting = json.loads(receiver.received[2].body)["data"]["company"]
    assert (sorted(delivered), waiting) == (["Old", "Recent"], "Waiting")
    ids = {**delivered, "Waiting": receiver.received[2].headers["webhook-id"]}
    long_ago = utcnow() - timedelta(days=31)
    with app_state(app).engine.begin() as connection:  # "Old" and "Waiting" were made a month ago
        connection.execute(
            update(WebhookDelivery)
            .where(col(WebhookDelivery.message_id).in_([ids["Old"], ids["Waiting"]]))
            .values(created_at=long_ago)
        )
    with Session(app_state(app).engine) as db:
        assert prune_finished(db, retention_days=30) == 1
        db.commit()
    kept = {a["event_id"] for a in attempts(user, hook)}
    assert kept == {ids["Recent"], ids["Waiting"]}, "the old delivered event went with its attempts"
    with Session(app_state(app).engine) as db:
        states = dict(db.execute(select(col(WebhookDelivery.message_id), col(WebhookDelivery.state))).all())
    assert states.get(ids["Waiting"]) == "pending" and ids["Old"] not in states
