"""Webhook events of the resources the change capture announces (events.RESOURCE_EVENTS).

changes/capture.py notes every change a session makes itself to a contact, an activity entry, a
debrief, a thank-you note or an offer, whichever service or step made it (an offer's log entry, a
contact made for a new interviewer, an offer declined because another was accepted). Just before the
commit, `announce` turns them into events: one per resource and transaction (created then changed
is `created`; created then deleted is nothing), carrying the resource as its own GET returns it at
the commit, or `{"id"}` for a deletion. Flushes, never commits.
"""

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.changes import feed
from secondround.changes.capture import CREATED, DELETED, Record
from secondround.models import Webhook
from secondround.webhooks import events

Key = tuple[str, uuid.UUID, uuid.UUID | None]


def net_changes(records: list[Record]) -> list[tuple[Record, str]]:
    """Each resource once, in the order of its first change, with what it amounts to."""
    first: dict[Key, Record] = {}
    action: dict[Key, str] = {}
    for record in records:
        before = action.get(record.key)
        if before is None:
            first[record.key], action[record.key] = record, record.action
        elif record.action == DELETED:
            action[record.key] = "" if before == CREATED else DELETED  # made and gone: no news
        elif before == DELETED:
            action[record.key] = record.action
    return [(first[key], action[key]) for key in first if action[key]]


def announce(db: Session, records: list[Record]) -> None:
    by_owner: dict[uuid.UUID, list[tuple[Record, str]]] = defaultdict(list)
    for record, action in net_changes(records):
        if (record.kind.name, action) in events.RESOURCE_EVENTS:
            by_owner[record.owner_id].append((record, action))
    for owner_id, changes in by_owner.items():
        endpoints = db.execute(
            select(col(Webhook.id), col(Webhook.events)).where(
                col(Webhook.owner_id) == owner_id, col(Webhook.active).is_(True)
            )
        ).all()
        if not endpoints:
            continue
        current = feed.representations(
            db,
            owner_id,
            [record.key for record, action in changes if action != DELETED],
        )
        for record, action in changes:
            event_type = events.RESOURCE_EVENTS[(record.kind.name, action)]
            targets = [webhook_id for webhook_id, chosen in endpoints if events.takes(chosen, event_type)]
            if not targets:
                continue
            data: dict[str, Any]
            if action == DELETED:
                data = {"id": str(record.resource_id)}
            else:
                found = current.get(record.key)
                if found is None:  # gone since, by a step the capture did not see: nothing to show
                    continue
                data = found.model_dump(mode="json")
            events.enqueue(db, targets, event_type, data)
