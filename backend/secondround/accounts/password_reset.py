"""Password reset by email (README, "Mail: reminders and password reset"). Flushes, never commits.

A request answers the same whatever the email: for an account, it replaces the account's unused
links with a new one (only its sha256 is stored; it works once, for `password_reset_ttl_seconds`)
and writes the mail to the outbox, which the worker sends. Confirming sets the password (as strong
as registration asks), signs out every session and token of the account (API keys and connected
apps stay, as after a password change), retires the calendar link and marks the link used.
"""

from datetime import timedelta

from sqlalchemy import delete, select
from sqlmodel import Session, col

from secondround.accounts.credentials import hash_password, new_token, token_hash
from secondround.accounts.service import Revoked, _refuse_weak_password, revoke_sign_ins
from secondround.api.problems import LinkInvalid
from secondround.changes.capture import lock_account
from secondround.config import Settings
from secondround.db.types import utcnow
from secondround.mail import messages, outbox
from secondround.models import PasswordResetToken, User

ACCEPTED = (
    "If an account uses that email, a link to choose a new password is on its way. It works for {minutes} minutes."
)
INVALID = (
    "This password reset link no longer works: it was used already, it expired, or a newer link replaced it. "
    "Ask for a new one."
)
KIND = "password_reset"


def accepted_sentence(settings: Settings) -> str:
    return ACCEPTED.format(minutes=settings.password_reset_ttl_seconds // 60)


def request_reset(db: Session, settings: Settings, email: str) -> None:
    """Write a reset link for the account using `email`, if there is one and mail is sent at all."""
    token = new_token("srr")  # made either way: both answers do the same work before the lookup
    digest = token_hash(token)
    user = db.execute(select(User).where(col(User.email) == email.lower())).scalar_one_or_none()
    if user is None or not settings.mail_enabled:
        return
    now = utcnow()
    db.execute(
        delete(PasswordResetToken).where(
            col(PasswordResetToken.user_id) == user.id, col(PasswordResetToken.used_at).is_(None)
        )
    )
    db.add(
        PasswordResetToken(
            user_id=user.id,
            token_hash=digest,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.password_reset_ttl_seconds),
        )
    )
    link = f"{settings.web_url}/reset-password?token={token}"
    mail = messages.password_reset(link=link, minutes=settings.password_reset_ttl_seconds // 60)
    outbox.enqueue(db, settings, kind=KIND, to=user.email, mail=mail, owner_id=user.id)
    db.flush()


def confirm_reset(db: Session, token: str, password: str) -> tuple[User, Revoked]:
    """Set the new password of the link's account; LinkInvalid when the link is used, expired,
    replaced or unknown (one answer for all)."""
    now = utcnow()
    statement = select(PasswordResetToken).where(
        col(PasswordResetToken.token_hash) == token_hash(token),
        col(PasswordResetToken.used_at).is_(None),
        col(PasswordResetToken.expires_at) > now,
    )
    if db.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update()  # two confirms of one link: the second finds it used
    row = db.execute(statement).scalar_one_or_none()
    if row is None:
        raise LinkInvalid(INVALID)
    lock_account(db, row.user_id)
    user = db.get_one(User, row.user_id)
    _refuse_weak_password(password, email=user.email, display_name=user.display_name)
    user.password_hash = hash_password(password)
    user.updated_at = now
    db.add(user)
    revoked = revoke_sign_ins(db, user)
    row.used_at = now
    db.add(row)
    db.execute(
        delete(PasswordResetToken).where(
            col(PasswordResetToken.user_id) == user.id,
            col(PasswordResetToken.used_at).is_(None),
            col(PasswordResetToken.id) != row.id,
        )
    )
    db.flush()
    return user, revoked
