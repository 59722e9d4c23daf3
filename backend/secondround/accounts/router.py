from typing import Annotated

from fastapi import APIRouter, Form, Request, Response, status

from secondround.accounts import service
from secondround.accounts.credentials import SESSION_COOKIE
from secondround.accounts.deps import CurrentUser, PasswordPrincipal, PrincipalToChange
from secondround.accounts.schemas import (
    LoginRequest,
    MeChanged,
    MeRead,
    MeUpdate,
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
    response: Response,
    throttle: PasswordCheckThrottle,
    if_match: IfMatch = None,
) -> MeChanged:
    """Change your email, display name or password. A new password or email needs
    `current_password` and signs out every other token and session of the account (and retires the
    calendar feed URL); such attempts count against the sign-in limits (account and address), so a
    stolen session can neither lock the owner out nor guess the password or probe emails at leisure."""
    await throttle.count_sensitive_change(principal.user.email, principal.user.id, body.model_fields_set)
    guarded(principal.user, principal.user.id, if_match)
    user, revoked = await db.run(service.update_me, principal, body)
    with_headers(response, user, user.id)
    return MeChanged(
        **MeRead.model_validate(user).model_dump(exclude={"etag"}), revoked=RevokedRead.model_validate(revoked)
    )
