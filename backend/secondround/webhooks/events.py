"""Recording events into the webhook outbox, in the transaction of the change they report.

Services call `record(db, owner_id, "round.updated", data)` next to the change: one row per active
endpoint of the account that takes the event goes into `webhook_deliveries`, so the event is sent
if and only if the change commits. The worker (webhooks/worker.py) posts the rows afterwards.

The resources in `RESOURCE_EVENTS` (contacts, activity entries, debriefs, thank-you notes, offers)
are announced differently: the change capture (changes/capture.py) notes each change the session
makes to them, whichever service or step made it, and just before the commit
webhooks/resource_events.py queues one event per resource with its final representation.
"""

import json
import uuid
from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.db.types import utcnow
from secondround.models import Webhook, WebhookDelivery

EventType = Literal[
    "application.created",
    "application.updated",
    "application.deleted",
    "round.created",
    "round.updated",
    "round.deleted",
    "round.outcome_recorded",
    "follow_up.due",
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
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
# The change feed's (resource, action) that are webhook events of their own, and their names. Not here:
# what the database does by itself (a deleted application takes its entries and offers: its
# `application.deleted` says it all); an activity entry or a debrief is never deleted alone, and a
# thank-you note is marked sent once.
RESOURCE_EVENTS: dict[tuple[str, str], EventType] = {
    ("contact", "created"): "contact.created",
    ("contact", "updated"): "contact.updated",
    ("contact", "deleted"): "contact.deleted",
    ("activity_entry", "created"): "activity_entry.created",
    ("activity_entry", "updated"): "activity_entry.updated",
    ("debrief", "created"): "debrief.created",
    ("debrief", "updated"): "debrief.updated",
    ("thank_you_note", "created"): "thank_you_note.sent",
    ("offer", "created"): "offer.created",
    ("offer", "updated"): "offer.updated",
    ("offer", "deleted"): "offer.deleted",
}
ANNOUNCED_RESOURCES = frozenset(resource for resource, _ in RESOURCE_EVENTS)
TEST_EVENT = "webhook.test"  # sent by "send a test event" only, to that one endpoint
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


def data_of(model: type[BaseModel], row: Any) -> dict[str, Any]:
    """A resource's API representation as plain JSON values: the `data` of its event."""
    return model.model_validate(row).model_dump(mode="json")


def _timestamp(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def payload(event_type: str, data: dict[str, Any], at: datetime) -> str:
    """The body posted: `{"type", "timestamp", "data"}`, compact JSON (the bytes that are signed)."""
    return json.dumps({"type": event_type, "timestamp": _timestamp(at), "data": data}, separators=(",", ":"))


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def takes(events: str | None, event_type: str) -> bool:
    return events is None or event_type in events.split()


def enqueue(db: Session, webhook_ids: list[uuid.UUID], event_type: str, data: dict[str, Any]) -> str:
    """Queue one event for these endpoints; returns its id (the `webhook-id` of every attempt)."""
    now = utcnow()
    message_id, body = new_message_id(), payload(event_type, data, now)
    for webhook_id in webhook_ids:
        db.add(
            WebhookDelivery(
                webhook_id=webhook_id,
                message_id=message_id,
                event_type=event_type,
                payload=body,
                state=PENDING,
                next_attempt_at=now,
                created_at=now,
            )
        )
    db.flush()
    return message_id


def record(db: Session, owner_id: uuid.UUID, event_type: EventType, data: dict[str, Any]) -> None:
    """Put the event in the outbox of each of the owner's active endpoints that takes it."""
    rows = db.execute(
        select(col(Webhook.id), col(Webhook.events)).where(
            col(Webhook.owner_id) == owner_id, col(Webhook.active).is_(True)
        )
    ).all()
    targets = [webhook_id for webhook_id, events in rows if takes(events, event_type)]
    if targets:
        enqueue(db, targets, event_type, data)
