import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response, status

from secondround.accounts import password_reset, service
from secondround.accounts.credentials import SESSION_COOKIE
from secondround.accounts.deps import CurrentUser, PasswordPrincipal, PrincipalToChange
from secondround.accounts.schemas import (
    LoginRequest,
    MeChanged,
    MeRead,
    MeUpdate,
    PasswordResetAccepted,
    PasswordResetConfirm,
    PasswordResetDone,
    PasswordResetRequest,
    RegisterRequest,
    RevokedRead,
    SessionResponse,
    TokenForm,
    TokenResponse,
)
from secondround.accounts.throttle import PasswordCheckThrottle, SignInThrottle
from secondround.api.app_state import app_state
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.openapi import response_headers, with_headers_on
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession

# The sign-in throttle (accounts/throttle.py) puts these on every answer once it has counted the attempt.
SIGN_IN_LIMIT_HEADERS = ("RateLimit-Policy", "RateLimit")

auth_router = APIRouter(prefix="/auth", tags=["auth"])
me_router = APIRouter(prefix="/me", tags=["me"], responses=problem_responses(401, 403))


@auth_router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=MeRead,
    responses=with_headers_on(
        {**response_headers(201, "Location"), **problem_responses(409, 422, 429)}, *SIGN_IN_LIMIT_HEADERS
    )
    | problem_responses(413),
)
async def register(body: RegisterRequest, db: DbSession, response: Response, throttle: SignInThrottle) -> MeRead:
    """Create an account, seeded with the default interviewer roles and a starter question bank.
    The password must be hard to guess (judged by zxcvbn); a weak one gets a 422 with advice."""
    await throttle.count_account(body.email)
    user = await db.run(service.register, body)
    response.headers["Location"] = "/api/v1/me"
    return MeRead.model_validate(user)


@auth_router.post(
    "/token",
    response_model=TokenResponse,
    responses=with_headers_on(
        {**response_headers(200, "Cache-Control"), **problem_responses(401, 422, 429)}, *SIGN_IN_LIMIT_HEADERS
    )
    | problem_responses(413),
)
async def issue_token(
    form: Annotated[TokenForm, Form()],
    db: DbSession,
    request: Request,
    response: Response,
    throttle: SignInThrottle,
) -> TokenResponse:
    """**For scripts and other programs.** OAuth2 password flow (a form with `username`, your email,
    and `password`); returns a bearer token to send as `Authorization: Bearer <token>`. Requests
    with a bearer token need no `Origin` header, so this is the way in for anything but a browser.
    Attempts are limited per account and per client address (429 with `Retry-After`)."""
    await throttle.count_account(form.username)
    ttl = app_state(request.app).settings.access_token_ttl_seconds
    _user, token = await db.run(service.sign_in, form.username, form.password, kind="bearer", ttl_seconds=ttl)
    response.headers["Cache-Control"] = "no-store"
    return TokenResponse(access_token=token, expires_in=ttl)


@auth_router.post(
    "/login",
    response_model=SessionResponse,
    responses=with_headers_on(
        {**response_headers(200, "Set-Cookie", "Cache-Control"), **problem_responses(401, 422, 429)},
        *SIGN_IN_LIMIT_HEADERS,
    )
    | problem_responses(413),
)
async def login(
    body: LoginRequest, db: DbSession, request: Request, response: Response, throttle: SignInThrottle
) -> SessionResponse:
    """**For the web app in a browser.** Sets an HttpOnly, SameSite=Lax session cookie. Writes made
    with that cookie must come from the app's own origin (`Origin` or `Referer`), otherwise 403:
    scripts should use `POST /api/v1/auth/token` and a bearer token instead. Attempts are limited
    per account and per client address (429 with `Retry-After`)."""
    await throttle.count_account(body.email)
    ttl = app_state(request.app).settings.session_ttl_seconds
    user, token = await db.run(service.sign_in, body.email, body.password, kind="session", ttl_seconds=ttl)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=ttl,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    response.headers["Cache-Control"] = "no-store"
    return SessionResponse(user=MeRead.model_validate(user), expires_in=ttl)


@auth_router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**response_headers(204, "Set-Cookie"), **problem_responses(401, 403)},
)
async def logout(principal: PasswordPrincipal, db: DbSession, request: Request) -> Response:
    """Revoke the credential this request used (the session cookie or the bearer token). An API key is
    revoked with `DELETE /api/v1/api-keys/{id}`, not signed out."""
    await db.run(service.revoke, principal.token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
    return response


# A reset request answers no sooner than this, whether or not an account uses the email: the work
# differs (a lookup, or a lookup and two rows), the time of the answer must not tell which.
RESET_ANSWER_SECONDS = 0.25


@auth_router.post(
    "/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=PasswordResetAccepted,
    responses=with_headers_on(problem_responses(422, 429), *SIGN_IN_LIMIT_HEADERS) | problem_responses(413),
)
async def request_password_reset(
    body: PasswordResetRequest, request: Request, throttle: SignInThrottle
) -> PasswordResetAccepted:
    """Ask for a link to choose a new password, sent by email to the account that uses `email`. The
    answer is the same 202, in about the same time, whether or not an account uses it; the link works
    once, for 30 minutes (the server's setting), and a newer request replaces it. Requests count
    against the sign-in limits (per address and per email: 429 with `Retry-After`). Nothing is sent
    when the server has no mail settings."""
    started = time.monotonic()
    await throttle.count_account(body.email)
    state = app_state(request.app)
    # Its own transaction, committed before the wait below: the wait must not hold the database.
    db = state.database.session(writes=True)
    try:
        await db.run(password_reset.request_reset, state.settings, str(body.email))
    except BaseException:
        await db.rollback_and_close()
        raise
    await db.commit_and_close()
    await asyncio.sleep(max(0.0, RESET_ANSWER_SECONDS - (time.monotonic() - started)))
    return PasswordResetAccepted(detail=password_reset.accepted_sentence(state.settings))


@auth_router.post(
    "/password-reset/confirm",
    response_model=PasswordResetDone,
    responses=with_headers_on(problem_responses(400, 422, 429), *SIGN_IN_LIMIT_HEADERS) | problem_responses(413),
)
async def confirm_password_reset(
    body: PasswordResetConfirm, db: DbSession, response: Response, throttle: SignInThrottle
) -> PasswordResetDone:
    """Choose a new password with the `token` of a reset link. The password must be as hard to guess
    as at registration (422 with advice otherwise). Every session and token of the account is signed
    out and the calendar link retired; sign in again with the new password. A link used already,
    expired, replaced by a newer one or unknown is a 400 `/problems/link-invalid`."""
    user, revoked = await db.run(password_reset.confirm_reset, body.token, body.password)
    response.headers["Cache-Control"] = "no-store"
    return PasswordResetDone(
        email=user.email,
        detail="Your new password is set. Sign in with it.",
        revoked=RevokedRead.model_validate(revoked),
    )


@me_router.get("", response_model=MeRead, responses=response_headers(200, "ETag"))
async def get_me(user: CurrentUser, response: Response) -> Response:
    """Your account."""
    with_headers(response, user, user.id)
    return serialized(MeRead.model_validate(user), response)


@me_router.patch(
    "",
    response_model=MeChanged,
    responses={
        **response_headers(200, "ETag"),
        **problem_responses(409, 412, 413, 422),
        **with_headers_on(problem_responses(429), *SIGN_IN_LIMIT_HEADERS),
    },
)
async def update_me(
    body: MeUpdate,
    principal: PrincipalToChange,
    db: DbSession,
    request: Request,
    response: Response,
    throttle: PasswordCheckThrottle,
    if_match: IfMatch = None,
) -> MeChanged:
    """Change your email, display name, password or daily reminder. A new password or email needs
    `current_password` and signs out every other token and session of the account (and retires the
    calendar feed URL); such attempts count against the sign-in limits (account and address), so a
    stolen session can neither lock the owner out nor guess the password or probe emails at leisure.
    A new email sends a notice to the old address (when the server sends mail)."""
    await throttle.count_sensitive_change(principal.user.email, principal.user.id, body.model_fields_set)
    guarded(principal.user, principal.user.id, if_match)
    user, revoked = await db.run(service.update_me, principal, body, app_state(request.app).settings)
    with_headers(response, user, user.id)
    return MeChanged(
        **MeRead.model_validate(user).model_dump(exclude={"etag"}), revoked=RevokedRead.model_validate(revoked)
    )
