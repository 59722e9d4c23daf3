"""Who is calling: a bearer token or the web app's session cookie, with a CSRF guard for cookies."""

import time
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import APIKeyCookie, OAuth2PasswordBearer

from secondround.accounts.credentials import SESSION_COOKIE
from secondround.accounts.service import Principal, resolve_token, resolve_token_for_reading
from secondround.api.app_state import app_state
from secondround.api.problems import Forbidden, Unauthorized
from secondround.api_keys.service import KIND as API_KEY
from secondround.api_keys.service import mark_used, scopes_of
from secondround.api_keys.usage import recent_use, write_last_use
from secondround.changes.capture import lock_account
from secondround.db.ownership import lock
from secondround.db.session import UNSAFE_METHODS, DbSession, RequestSession
from secondround.db.types import utcnow
from secondround.idempotency.install import claim_if_asked
from secondround.models import AccessToken, User

# Declared for OpenAPI, so Swagger UI's Authorize button and generated clients know both ways in.
bearer_scheme = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", auto_error=False, description="A token from /auth/token (or a personal API key)."
)
cookie_scheme = APIKeyCookie(
    name=SESSION_COOKIE, auto_error=False, description="The web app's session cookie from /auth/login."
)


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def check_same_origin(request: Request) -> None:
    """CSRF guard: a cookie-authenticated write must come from the app's own origin."""
    settings = app_state(request.app).settings
    own = f"{request.url.scheme}://{request.url.netloc}".lower()
    allowed = {own} | {o.lower() for o in settings.extra_origins}
    origin = request.headers.get("origin")
    source = _origin_of(origin) if origin and origin != "null" else None  # present: it alone decides
    if origin is None and (referer := request.headers.get("referer")):
        source = _origin_of(referer)
    if source not in allowed:
        raise Forbidden(
            "Cross-site request refused: a request signed in with the session cookie must "
            "come from the app's own origin (send Origin), or use a bearer token instead."
        )


async def _resolve(request: Request, db: RequestSession, token: str) -> tuple[User, AccessToken] | None:
    if db.writes:  # the write locks and changes these rows: they belong in its own session
        return await db.run(resolve_token, token)
    return await db.run(resolve_token_for_reading, token, app_state(request.app).credentials)


# Credentials with scopes: a personal API key, and an OAuth app's access token (oauth/).
SCOPED = frozenset({API_KEY, "oauth"})
# Never a bearer credential: an OAuth refresh token is only good at the token endpoint.
NOT_BEARER = frozenset({"oauth_refresh"})


async def _api_key_in_use(request: Request, db: RequestSession, key: AccessToken, background: BackgroundTasks) -> None:
    """A personal API key or an app's token may write only with the `write` scope; its last use is
    noted (at most once a minute: in the write's own transaction, or after a read's response)."""
    if request.method in UNSAFE_METHODS and "write" not in scopes_of(key):
        if key.kind == API_KEY:
            raise Forbidden(
                "This API key may only read. Make a key with the write scope (Settings, API keys) to make changes."
            )
        raise Forbidden("This app was allowed to read only. To make changes it must ask you again for write access.")
    if recent_use.due(key.id, time.monotonic()):
        if db.writes:
            await db.run(mark_used, key.id, utcnow())
        else:
            background.add_task(write_last_use, app_state(request.app), key.id)


async def _lock_account_of_write(db: RequestSession, user: User) -> None:
    """A write takes its account's lock before any other (changes/capture.py: the change feed's
    commit order), so it never waits for it while holding a row someone else waits for."""
    if db.writes:
        await db.run(lock_account, user.id)


async def get_principal(
    request: Request,
    db: DbSession,
    background: BackgroundTasks,
    bearer: Annotated[str | None, Depends(bearer_scheme)],
    cookie: Annotated[str | None, Depends(cookie_scheme)],
) -> Principal:
    if bearer:
        found = await _resolve(request, db, bearer)
        if found is None or found[1].kind in NOT_BEARER:
            raise Unauthorized("The bearer token or API key is invalid, expired or revoked.")
        request.state.account_id = found[0].id  # middleware/admission.py counts the account's credentials together
        await app_state(request.app).credential_budget.spend(request, found[1].id)  # 429 once the minute's spent
        await _lock_account_of_write(db, found[0])
        if found[1].kind in SCOPED:
            await _api_key_in_use(request, db, found[1], background)
        await claim_if_asked(request, db, found[0].id)
        return Principal(user=found[0], token=found[1], via_cookie=False)
    if cookie:
        found = await _resolve(request, db, cookie)
        if found is None or found[1].kind != "session":
            raise Unauthorized("Your session has expired; sign in again.")
        if request.method in UNSAFE_METHODS:
            check_same_origin(request)
        request.state.account_id = found[0].id
        await _lock_account_of_write(db, found[0])
        await claim_if_asked(request, db, found[0].id)
        return Principal(user=found[0], token=found[1], via_cookie=True)
    raise Unauthorized()


async def get_current_user(principal: Annotated[Principal, Depends(get_principal)]) -> User:
    return principal.user


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
CurrentUser = Annotated[User, Depends(get_current_user)]


async def principal_to_change(principal: CurrentPrincipal, db: DbSession) -> Principal:
    """The caller, with their account row locked and read again for this write (its If-Match check
    and its write see the same version; db/ownership.py)."""
    await db.run(lock, principal.user)
    return principal


PrincipalToChange = Annotated[Principal, Depends(principal_to_change)]


async def signed_in_with_password(principal: CurrentPrincipal) -> Principal:
    """The caller, signed in with the password (a session or a token from /auth/token), not an API key
    nor an app's OAuth token: neither may make or revoke keys or apps, allow apps, nor sign out."""
    if principal.token.kind == API_KEY:
        raise Forbidden("An API key cannot do this: sign in with your password (the web app, or /auth/token).")
    if principal.token.kind in SCOPED:
        raise Forbidden("An app connected with OAuth cannot do this: sign in with your password.")
    return principal


PasswordPrincipal = Annotated[Principal, Depends(signed_in_with_password)]
