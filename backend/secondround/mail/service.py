"""Stopping the daily reminder from the link in the mail (no sign-in). Flushes, never commits."""

import uuid

from sqlmodel import Session

from secondround.api.problems import LinkInvalid
from secondround.changes.capture import lock_account
from secondround.db.ownership import apply_changes
from secondround.mail import links
from secondround.models import User

INVALID = (
    "This unsubscribe link does not work: it may have been cut short when it was copied. "
    "Turn the daily reminder off in Settings instead."
)


def unsubscribe(db: Session, secret: str, token: str) -> User:
    account_id: uuid.UUID | None = links.account_of(secret, token)
    user = db.get(User, account_id) if account_id is not None else None
    if user is None:
        raise LinkInvalid(INVALID)
    lock_account(db, user.id)
    return apply_changes(db, user, {"daily_reminder": False})  # the same answer when it was off already
