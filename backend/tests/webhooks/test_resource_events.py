"""Webhook events of contacts, activity entries, debriefs, thank-you notes and offers: whichever step
makes the change (a request, a contact made for a new interviewer, an offer declined because another
was accepted), one event per resource and transaction, with the resource as its own GET shows it at
the commit; only the events an endpoint chose; and they reach a real receiver signed."""

import json
import uuid
from datetime import timedelta

from sqlalchemy import select

from secondround.api.app_state import app_state
from secondround.db.types import utcnow
from secondround.models import WebhookDelivery
from tests.support.builders import create_application, create_interviewer, create_round
from tests.support.webhook_receiver import new_receiver, serving
from tests.support.webhook_worker import drive

HOOKS = "/api/v1/webhooks"


def make_hook(user, url: str = "http://127.0.0.1:9/hooks", **fields) -> dict:
    r = user.post(HOOKS, json={"url": url, **fields})
    assert r.status_code == 201, r.text
    return r.json()


def queued(app, webhook_id: str) -> list[tuple[str, dict]]:
    with app_state(app).engine.connect() as connection:
        rows = connection.execute(
            select(WebhookDelivery.event_type, WebhookDelivery.payload)
            .where(WebhookDelivery.webhook_id == uuid.UUID(webhook_id))
            .order_by(WebhookDelivery.created_at)
        ).all()
    return [(t, json.loads(p)["data"]) for t, p in rows]


def ok(r) -> dict:
    assert r.status_code in (200, 201), r.text
    return r.json()


NEW_EVENTS = [
    "contact.created",
    "contact.updated",
    "contact.deleted",
    "activity_entry.created",
    "activity_entry.updated",
    "debrief.created",
    "debrief.updated",
    "thank_you_note.sent",
    "offer.created",
    "offer.updated",
    "offer.deleted",
]


def test_each_change_of_the_newer_resources_is_an_event_with_the_resource_as_its_get_shows_it(app, user):
    application = create_application(user, company="Initech")
    yesterday = (utcnow() - timedelta(days=1)).isoformat()
    round_ = create_round(user, application["id"], scheduled_at=yesterday, duration_minutes=60)
    hook = make_hook(user, events=NEW_EVENTS)  # after the round's "status changed" entry
    dana = create_interviewer(user, round_["id"], name="Dana", email="dana@initech.example.com")
    made = ok(user.get(f"/api/v1/contacts/{dana['contact_id']}"))
    assert queued(app, hook["id"]) == [
        ("contact.created", {k: v for k, v in made.items() if k not in ("appearances", "activity", "activity_more")})
    ]

    contact = ok(user.patch(f"/api/v1/contacts/{dana['contact_id']}", json={"phone": "+1 555 0100"}))
    entry = ok(
        user.post(
            f"/api/v1/applications/{application['id']}/activity",
            json={"kind": "call", "contact_id": contact["id"], "text": "Left a message"},
        )
    )
    entry = ok(user.patch(f"/api/v1/activity/{entry['id']}", json={"text": "She called back"}))
    ok(user.put(f"/api/v1/interviewers/{dana['id']}/debrief", json={"impression": 3}))
    debrief = ok(user.put(f"/api/v1/interviewers/{dana['id']}/debrief", json={"impression": 4}))
    note = ok(user.post(f"/api/v1/rounds/{round_['id']}/thank-you-notes/{dana['id']}/sent", json={}))
    again = user.post(f"/api/v1/rounds/{round_['id']}/thank-you-notes/{dana['id']}/sent", json={})
    assert again.status_code == 200  # marked once: no second event
    body = {"application_id": application["id"], "base_amount": "72000", "currency": "EUR"}
    offer = ok(user.post("/api/v1/offers", json=body))
    offer = ok(user.patch(f"/api/v1/offers/{offer['id']}", json={"stage": "written"}))
    assert user.delete(f"/api/v1/offers/{offer['id']}").status_code == 204
    assert user.delete(f"/api/v1/contacts/{contact['id']}").status_code == 204

    events = queued(app, hook["id"])
    types = [t for t, _ in events]
    assert types == [
        "contact.created",  # made for Dana, the new interviewer
        "contact.updated",
        "activity_entry.created",
        "activity_entry.updated",
        "debrief.created",
        "debrief.updated",
        "thank_you_note.sent",
        "activity_entry.created",  # the note marked sent is in the log too
        "offer.created",
        "activity_entry.created",  # the offer in the log
        "activity_entry.created",  # the application's status moved to offer
        "offer.updated",
        "activity_entry.created",  # "the offer came in writing"
        "offer.deleted",
        "contact.deleted",  # the entries that named her lose the link: no event of their own
    ]
    data = dict(zip(types, (d for _, d in events), strict=False))
    assert data["contact.updated"] == contact
    assert data["activity_entry.updated"] == entry and entry["revisions"][0]["text"] == "Left a message"
    assert data["debrief.updated"] == debrief and debrief["revision"] == 2
    assert data["thank_you_note.sent"] == note
    assert data["offer.updated"]["stage"] == "written" and data["offer.updated"]["id"] == offer["id"]
    assert data["offer.deleted"] == {"id": offer["id"]}
    assert data["contact.deleted"] == {"id": contact["id"]}


def test_an_offer_declined_because_another_was_accepted_is_announced_too(app, user):
    first = create_application(user, company="First")
    second = create_application(user, company="Second")
    kept = ok(user.post("/api/v1/offers", json={"application_id": first["id"], "base_amount": 1, "currency": "EUR"}))
    other = ok(user.post("/api/v1/offers", json={"application_id": second["id"], "base_amount": 2, "currency": "EUR"}))
    hook = make_hook(user, events=["offer.updated"])
    ok(user.post(f"/api/v1/offers/{kept['id']}/accept", json={"decline_others": True}))
    events = queued(app, hook["id"])
    assert [(t, d["id"], d["status"]) for t, d in events] == [
        ("offer.updated", kept["id"], "accepted"),
        ("offer.updated", other["id"], "declined"),
    ]


def test_a_contact_made_and_changed_in_one_request_is_one_event_with_its_final_state(app, user):
    hook = make_hook(user, events=["contact.created", "contact.updated"])
    application = create_application(user, company="Globex")
    round_ = create_round(user, application["id"])
    # The contact is made from the interviewer, then learns nothing more in the same request.
    person = create_interviewer(user, round_["id"], name="Hank", email="hank@globex.example.com", title="CEO")
    # A second round: the same person again fills what the contact did not know (their phone).
    later = create_round(user, application["id"])
    create_interviewer(user, later["id"], name="Hank", email="hank@globex.example.com", phone="+1 555 0199")
    events = queued(app, hook["id"])
    assert [t for t, _ in events] == ["contact.created", "contact.updated"]
    assert events[0][1]["id"] == person["contact_id"] and events[0][1]["title"] == "CEO"
    assert events[1][1]["phone"] == "+1 555 0199"


def test_the_events_reach_a_receiver_signed(settings, user):
    receiver = new_receiver()
    with serving(receiver):
        r = user.post(HOOKS, json={"url": receiver.url, "events": ["contact.created", "offer.created"]})
        assert r.status_code == 201, r.text
        receiver.secret = r.json()["secret"]
        contact = ok(user.post("/api/v1/contacts", json={"name": "Rita"}))
        application = create_application(user)
        offer = ok(
            user.post("/api/v1/offers", json={"application_id": application["id"], "base_amount": 9, "currency": "USD"})
        )
        drive(settings, lambda: len(receiver.delivered) == 2)
    got = [json.loads(r.body) for r in receiver.delivered]
    assert all(r.verified for r in receiver.delivered)
    # One batch's deliveries go out side by side, so they may arrive in either order (none is promised).
    assert sorted((b["type"], b["data"]["id"]) for b in got) == [
        ("contact.created", contact["id"]),
        ("offer.created", offer["id"]),
    ]
