"""Accounts: registration (with the starter kit), credentials and sessions. Flushes, never commits."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Select, bindparam, or_, select, update
from sqlmodel import Session, col

from secondround.accounts import password_strength, starter_kit
from secondround.accounts.credential_cache import CredentialCache, Verified
from secondround.accounts.credentials import hash_password, new_token, token_hash, verify_password
from secondround.accounts.schemas import MeUpdate, RegisterRequest
from secondround.api.problems import Conflict, Forbidden, InvalidInput, Unauthorized
from secondround.api_keys.service import KIND as API_KEY
from secondround.config import Settings
from secondround.db.ownership import apply_changes
from secondround.db.types import utcnow
from secondround.helpers import local_time
from secondround.helpers.off_loop import off_the_loop
from secondround.mail import messages, outbox
from secondround.models import AccessToken, Question, QuestionTargetRole, Role, User


@dataclass(frozen=True)
class Principal:
    """Who is calling, and with which credential (so logout can revoke exactly that one)."""

    user: User
    token: AccessToken
    via_cookie: bool


def _email_taken(db: Session, email: str, *, except_user: uuid.UUID | None = None) -> bool:
    stmt = select(col(User.id)).where(col(User.email) == email)
    if except_user is not None:
        stmt = stmt.where(col(User.id) != except_user)
    return db.execute(stmt).first() is not None


def _refuse_weak_password(password: str, *, email: str, display_name: str | None, previous_email: str = "") -> None:
    personal = [email, previous_email, display_name]
    problem = off_the_loop(password_strength.weakness, password, personal=personal)
    if problem:
        raise InvalidInput("password", problem, type="password_too_weak")


def register(db: Session, body: RegisterRequest) -> User:
    _refuse_weak_password(body.password, email=body.email, display_name=body.display_name)
    # Hash before looking the email up, so a taken email costs as long as a new one and the answer's
    # timing does not tell who has an account.
    password_hash = hash_password(body.password)
    if _email_taken(db, body.email):
        raise Conflict("An account with this email already exists.")
    user = User(email=body.email, password_hash=password_hash, display_name=body.display_name, time_zone=body.time_zone)
    db.add(user)
    # A concurrent registration with the same email fails here on uq_users_email, which
    # db/constraints.py answers with the same 409 as the lookup above.
    db.flush()
    seed_starter_kit(db, user.id)
    return user


def seed_starter_kit(db: Session, owner_id: uuid.UUID) -> None:
    roles = {
        r.key: Role(
            owner_id=owner_id,
            name=r.name,
            goals=r.goals,
            focus={str(k): v for k, v in r.focus.items()},
            deciding=r.deciding,
        )
        for r in starter_kit.ROLES
    }
    db.add_all(roles.values())
    targets: list[QuestionTargetRole] = []
    for q in starter_kit.QUESTIONS:
        question = Question(
            owner_id=owner_id,
            direction=q.direction,
            category=q.category,
            importance=q.importance,
            text=q.text,
            minutes=q.minutes,
            tip=q.tip,  # advice, not an answer: the answer is the user's to write
            recurring=q.recurring,
            at_end=q.at_end,
            asks_next_panel=q.asks_next_panel,
        )
        db.add(question)
        targets += [QuestionTargetRole(question_id=question.id, role_id=roles[key].id) for key in q.targets]
    db.flush()
    db.add_all(targets)
    db.flush()


def authenticate(db: Session, email: str, password: str) -> User:
    user = db.execute(select(User).where(col(User.email) == email.lower())).scalar_one_or_none()
    valid, new_hash = verify_password(password, user.password_hash if user else None)
    if user is None or not valid:
        raise Unauthorized("Wrong email or password.")
    if new_hash:
        user.password_hash = new_hash
    return user


TokenKind = Literal["bearer", "session"]


def sign_in(db: Session, email: str, password: str, *, kind: TokenKind, ttl_seconds: int) -> tuple[User, str]:
    """The account with this email and password, and a new credential of `kind` for it (else 401)."""
    user = authenticate(db, email, password)
    return user, issue_token(db, user, kind=kind, ttl_seconds=ttl_seconds)


def issue_token(db: Session, user: User, *, kind: TokenKind, ttl_seconds: int) -> str:
    token = new_token("sr" if kind == "bearer" else "srs")
    db.add(
        AccessToken(
            user_id=user.id,
            token_hash=token_hash(token),
            kind=kind,
            expires_at=utcnow() + timedelta(seconds=ttl_seconds),
        )
    )
    db.flush()
    return token


# Built once: every signed-in request runs it, and building the statement cost as much as running it.
_LIVE_TOKEN = (
    select(User, AccessToken)
    .join(AccessToken, col(AccessToken.user_id) == col(User.id))
    .where(
        col(AccessToken.token_hash) == bindparam("token_hash"),
        col(AccessToken.revoked_at).is_(None),
        or_(col(AccessToken.expires_at).is_(None), col(AccessToken.expires_at) > bindparam("now")),
    )
)


def resolve_token(db: Session, token: str) -> tuple[User, AccessToken] | None:
    row = db.execute(_LIVE_TOKEN, {"token_hash": token_hash(token), "now": utcnow()}).first()
    return (row.User, row.AccessToken) if row else None


# The light question a remembered credential is checked with (accounts/credential_cache.py).
_LIVE_TOKEN_VERSION: Select[uuid.UUID, datetime] = (
    select(col(AccessToken.id).label("token_id"), col(User.updated_at).label("user_version"))
    .join(User, col(User.id) == col(AccessToken.user_id))
    .where(
        col(AccessToken.token_hash) == bindparam("token_hash"),
        col(AccessToken.revoked_at).is_(None),
        or_(col(AccessToken.expires_at).is_(None), col(AccessToken.expires_at) > bindparam("now")),
    )
)


def resolve_token_for_reading(db: Session, token: str, cache: CredentialCache) -> tuple[User, AccessToken] | None:
    """As resolve_token, for a request that only reads: the rows come from `cache` when the token is
    still live and the account unchanged, else they are loaded, detached and remembered."""
    digest = token_hash(token)
    live = db.connection().execute(_LIVE_TOKEN_VERSION, {"token_hash": digest, "now": utcnow()}).first()
    if live is None:
        cache.drop(digest)
        return None
    known = cache.get(digest)
    if known is not None and known.token.id == live.token_id and known.user_version == live.user_version:
        return known.user, known.token
    found = resolve_token(db, token)
    if found is None:  # revoked or expired between the two questions
        return None
    user, access_token = found
    db.expunge(user)
    db.expunge(access_token)
    cache.put(digest, Verified(user, access_token, user.updated_at))
    return found


def revoke(db: Session, token: AccessToken) -> None:
    token.revoked_at = utcnow()
    db.add(token)
    db.flush()


@dataclass(frozen=True)
class Revoked:
    """What a change of password or email took away: the other sessions and tokens signed out, and
    whether a calendar link stopped working."""

    other_sessions: int = 0
    calendar_link: bool = False


def _revoke_others(db: Session, principal: Principal) -> Revoked:
    return revoke_sign_ins(db, principal.user, keep=principal.token.id)


def revoke_sign_ins(db: Session, user: User, *, keep: uuid.UUID | None = None) -> Revoked:
    """Sign out every other session and token of the account, and retire the calendar feed URL
    (its token is a credential too; a new one can be issued at once). Personal API keys stay: they
    belong to the integrations the user set up, which a password change should not disconnect
    (the user revokes a key by itself in Settings). Apps connected with OAuth stay for the same reason
    (the user disconnects one in Settings). `keep`: the credential making the change, if any."""
    had_calendar_link = user.calendar_token_hash is not None
    user.calendar_token_hash = None
    signed_out = db.execute(
        update(AccessToken)
        .where(
            col(AccessToken.user_id) == user.id,
            *([col(AccessToken.id) != keep] if keep is not None else []),
            col(AccessToken.revoked_at).is_(None),
            col(AccessToken.kind).in_(("bearer", "session")),
        )
        .values(revoked_at=utcnow())
    )
    return Revoked(other_sessions=int(getattr(signed_out, "rowcount", 0) or 0), calendar_link=had_calendar_link)


def update_me(
    db: Session, principal: Principal, body: MeUpdate, settings: Settings | None = None
) -> tuple[User, Revoked]:
    """The account after the change, and what the change revoked (nothing unless the password or
    the email changed). A new sign-in email sends a notice to the old address (when mail is on)."""
    user = principal.user
    changes = body.model_dump(exclude_unset=True)
    if changes.get("email") == user.email:
        changes.pop("email")  # unchanged: nothing sensitive happens
    # A new password or sign-in email needs the current password (re-authentication, OWASP ASVS
    # V6): a stolen session alone cannot lock the owner out.
    sensitive = [field for field in ("password", "email") if field in changes]
    # Nor a credential made for a program: a script's key or an app's token that leaks, together
    # with a password it was given, must not be enough to take the account.
    if sensitive and principal.token.kind == "oauth":
        raise Forbidden("An app connected with OAuth cannot change your password or email; sign in to do it.")
    if sensitive and principal.token.kind == API_KEY:
        raise Forbidden("An API key cannot change your password or email; sign in with your password to do it.")
    current = changes.pop("current_password", None)
    if sensitive and (not current or not verify_password(current, user.password_hash)[0]):
        what = "a new password" if "password" in sensitive else "a new email"
        raise InvalidInput(
            "current_password", f"Current password is not the password you sign in with; it is needed to set {what}."
        )
    if current is not None and not sensitive:
        raise InvalidInput("current_password", "is only needed to change your password or email")
    if "email" in changes and _email_taken(db, changes["email"], except_user=user.id):
        raise Conflict("An account with this email already exists.")
    revoked = _revoke_others(db, principal) if sensitive else Revoked()
    if "password" in changes:
        new_password = changes.pop("password")
        _refuse_weak_password(
            new_password,
            email=changes.get("email") or user.email,
            display_name=changes.get("display_name", user.display_name),
            previous_email=user.email,
        )
        user.password_hash = hash_password(new_password)
    previous_email = user.email
    changed = apply_changes(db, user, changes)
    if settings is not None and changed.email != previous_email:
        notify_email_changed(db, settings, changed, previous_email)
    return changed, revoked


def notify_email_changed(db: Session, settings: Settings, user: User, old: str) -> None:
    """Tell the old address that the sign-in email changed (a stolen session and password would
    otherwise take the account in silence)."""
    when = local_time.format_when(utcnow(), user.time_zone, name_zone=True)
    mail = messages.email_changed(old=old, new=user.email, when=when, reset_link=f"{settings.web_url}/forgot-password")
    outbox.enqueue(db, settings, kind="email_changed", to=old, mail=mail, owner_id=user.id)
