"""Webhook endpoints: made (the secret shown once), listed, changed, paused, deleted, their secret
rotated, a test event queued, and their delivery log read. Flushes, never commits."""

import base64
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, NotFound
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.models import Webhook, WebhookAttempt
from secondround.webhooks import events
from secondround.webhooks.schemas import WebhookCreate, WebhookUpdate

MAX_WEBHOOKS_PER_ACCOUNT = 20
keyset = Keyset("webhooks", col(Webhook.created_at), col(Webhook.id))
attempts_keyset = Keyset("webhook_attempts", col(WebhookAttempt.attempted_at), col(WebhookAttempt.id), descending=True)


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _events_text(chosen: Sequence[str] | None) -> str | None:
    return None if chosen is None else " ".join(sorted(set(chosen), key=events.EVENT_TYPES.index))


def as_read(hook: Webhook) -> dict[str, Any]:
    return {
        "id": hook.id,
        "url": hook.url,
        "events": None if hook.events is None else hook.events.split(),
        "active": hook.active,
        "disabled_reason": hook.disabled_reason,
        "description": hook.description,
        "created_at": hook.created_at,
        "updated_at": hook.updated_at,
    }


def list_hooks(db: Session, owner_id: uuid.UUID, query: ListQuery) -> tuple[list[Webhook], str | None]:
    statement = select(Webhook).where(
        col(Webhook.owner_id) == owner_id, *changed_since(col(Webhook.updated_at), query.updated_after)
    )
    return keyset.fetch(db, statement, query)


def get_hook(db: Session, owner_id: uuid.UUID, webhook_id: uuid.UUID) -> Webhook:
    hook = db.scalars(select(Webhook).where(col(Webhook.owner_id) == owner_id, col(Webhook.id) == webhook_id)).first()
    if hook is None:
        raise NotFound("There is no such webhook: it may have been deleted.")
    return hook


def create(db: Session, owner_id: uuid.UUID, body: WebhookCreate) -> tuple[Webhook, str]:
    """A new endpoint and its secret (the URL was checked by the caller: address_guard)."""
    count = db.scalar(select(func.count()).where(col(Webhook.owner_id) == owner_id)) or 0
    if count >= MAX_WEBHOOKS_PER_ACCOUNT:
        raise Conflict(f"An account holds at most {MAX_WEBHOOKS_PER_ACCOUNT} webhooks; delete one you no longer use.")
    secret = new_secret()
    hook = Webhook(
        owner_id=owner_id,
        url=body.url,
        description=body.description,
        events=_events_text(body.events),
        active=body.active,
        secret=secret,
    )
    db.add(hook)
    db.flush()
    return hook, secret


def update(db: Session, hook: Webhook, body: WebhookUpdate) -> Webhook:
    changes = body.model_dump(exclude_unset=True)
    if "events" in changes:
        changes["events"] = _events_text(changes["events"])
    if changes.get("active") is True or changes.get("active") is False:
        changes["disabled_reason"] = None  # the user's own choice replaces the server's
    return apply_changes(db, hook, changes)


def rotate_secret(db: Session, hook: Webhook) -> tuple[Webhook, str]:
    """A new secret at once: the next attempt (retries of older events too) is signed with it."""
    secret = new_secret()
    return apply_changes(db, hook, {"secret": secret}), secret


def delete(db: Session, hook: Webhook) -> None:
    # Its queued events and its delivery log go with it (ON DELETE CASCADE).
    db.delete(hook)
    db.flush()


def send_test(db: Session, hook: Webhook) -> str:
    if not hook.active:
        raise Conflict("This webhook is paused: resume it to send a test event.")
    data = {"webhook_id": str(hook.id), "message": "A test event from secondround: your endpoint is reachable."}
    return events.enqueue(db, [hook.id], events.TEST_EVENT, data)


def list_attempts(db: Session, hook: Webhook, query: ListQuery) -> tuple[list[Any], str | None]:
    statement: Any = select(
        col(WebhookAttempt.id),
        col(WebhookAttempt.message_id).label("event_id"),
        col(WebhookAttempt.event_type),
        col(WebhookAttempt.attempt),
        col(WebhookAttempt.attempted_at),
        col(WebhookAttempt.duration_ms),
        col(WebhookAttempt.status_code),
        col(WebhookAttempt.error),
    ).where(
        col(WebhookAttempt.webhook_id) == hook.id,
        *changed_since(col(WebhookAttempt.attempted_at), query.updated_after),
    )
    return attempts_keyset.fetch(db, statement, query)
