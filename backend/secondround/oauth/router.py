"""OAuth 2.0 for third-party apps: the token and revocation endpoints (RFC 6749 errors, for OAuth
client libraries), the authorization decision behind the web app's consent page, the apps a user
registers, the apps a user has connected, and the server metadata (RFC 8414)."""

from typing import Annotated, cast

from fastapi import APIRouter, Form, Query, Request, Response, status
from fastapi.responses import JSONResponse

from secondround.accounts.deps import CurrentUser, PasswordPrincipal
from secondround.api.app_state import app_state
from secondround.api.etag import IfMatch, check_if_match
from secondround.api.media_types import answers_unreadable_bodies_itself
from secondround.api.openapi import RFC6749_ERROR, response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.api_keys.schemas import Scope
from secondround.db.session import DbSession
from secondround.oauth import server, service
from secondround.oauth.clients import SCOPES
from secondround.oauth.schemas import (
    ConnectedAppList,
    ConnectedAppRead,
    OAuthClientCreate,
    OAuthClientCreated,
    OAuthClientPage,
    OAuthClientRead,
    OAuthConsentRead,
    OAuthDecision,
    OAuthError,
    OAuthRedirect,
    OAuthRevokeForm,
    OAuthToken,
    OAuthTokenForm,
)
from secondround.oauth.server import HttpRequest

FORM = "application/x-www-form-urlencoded"
AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

oauth_router = APIRouter(prefix="/oauth", tags=["oauth"])
clients_router = APIRouter(prefix="/oauth-clients", tags=["oauth-clients"], responses=problem_responses(401, 403, 422))
connected_router = APIRouter(
    prefix="/connected-apps", tags=["connected-apps"], responses=problem_responses(401, 403, 422)
)
metadata_router = APIRouter()


def _oauth_errors(*statuses: int) -> dict:
    return {s: {"model": OAuthError, "description": RFC6749_ERROR} for s in statuses}


async def _http_request(request: Request) -> HttpRequest | None:
    """The request as Authlib reads it; None when the body is not a form."""
    data: dict[str, list[str]] = {}
    if request.method == "POST":
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != FORM:
            return None
        async with request.form() as form:
            for key, value in form.multi_items():
                if isinstance(value, str):
                    data.setdefault(key, []).append(value)
    else:
        for key, value in request.query_params.multi_items():
            data.setdefault(key, []).append(value)
    return HttpRequest(request.method, str(request.url), request.headers, data)


def _oauth_response(result: server.Response | None) -> Response:
    status_code, body, headers = result or (200, {}, [])
    response = JSONResponse(body, status_code=status_code, headers={k: v for k, v in headers if k != "Content-Type"})
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


_NOT_A_FORM: server.Response = (
    400,
    {"error": "invalid_request", "error_description": f"Send the parameters as {FORM} (RFC 6749)."},
    [],
)


@oauth_router.post(
    "/token",
    response_model=OAuthToken,
    responses={
        **response_headers(200, "Cache-Control"),
        **_oauth_errors(400, 401),
        **problem_responses(413, 422, 429),
    },
)
@answers_unreadable_bodies_itself
async def oauth_token(
    request: Request, db: DbSession, _form: Annotated[OAuthTokenForm, Form(media_type=FORM)]
) -> Response:
    """**For OAuth apps** (RFC 6749): exchange an authorization code for tokens
    (`grant_type=authorization_code` with `code`, `redirect_uri` and the PKCE `code_verifier`), or a
    refresh token for new ones (`grant_type=refresh_token`). Refresh tokens rotate: each is good for
    one use and the answer carries the next one; a used one coming back revokes the whole grant.
    A public app sends `client_id` in the form; a confidential one authenticates with HTTP Basic (or
    `client_secret` in the form). Errors are RFC 6749 `{"error", "error_description"}` objects."""
    http = await _http_request(request)
    if http is None:
        return _oauth_response(_NOT_A_FORM)
    return _oauth_response(await db.run(server.token_response, app_state(request.app).settings, http))


@oauth_router.post(
    "/revoke",
    responses={
        200: {
            "description": "Revoked, or the token was unknown (RFC 7009, 2.2)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        **_oauth_errors(400, 401),
        **problem_responses(413, 422, 429),
    },
)
@answers_unreadable_bodies_itself
async def oauth_revoke(
    request: Request, db: DbSession, _form: Annotated[OAuthRevokeForm, Form(media_type=FORM)]
) -> Response:
    """**For OAuth apps** (RFC 7009): revoke an access token, or a refresh token and every token of
    its grant. Authenticate as at the token endpoint. An unknown token is a 200 too."""
    http = await _http_request(request)
    if http is None:
        return _oauth_response(_NOT_A_FORM)
    return _oauth_response(await db.run(server.revocation_response, app_state(request.app).settings, http))


Param = Annotated[str | None, Query(max_length=2000)]


@oauth_router.get(
    "/authorization",
    response_model=OAuthConsentRead,
    responses=problem_responses(400, 401, 403, 422),
)
async def check_authorization(
    request: Request,
    principal: PasswordPrincipal,
    db: DbSession,
    response_type: Param = None,
    client_id: Param = None,
    redirect_uri: Param = None,
    scope: Param = None,
    state: Param = None,
    code_challenge: Param = None,
    code_challenge_method: Param = None,
) -> OAuthConsentRead:
    """For the web app's consent page: the app asking (its name) and the scopes it asks for, given
    the authorization request's parameters (RFC 6749 4.1.1, with PKCE). When the request is wrong in
    a way the app can be told, `redirect_to` is where to send the browser; when even that is unsafe
    (an unknown app, an address it did not register), a 400 problem says why."""
    http = await _http_request(request)
    assert http is not None
    consent = await db.run(server.check_consent, app_state(request.app).settings, principal.user, http)
    if consent.client is None:
        return OAuthConsentRead(redirect_to=consent.redirect_to)
    return OAuthConsentRead(
        client_id=consent.client.client_id,
        client_name=consent.client.name,
        scopes=cast(list[Scope], [s for s in SCOPES if s in consent.scopes]),
        redirect_uri=consent.redirect_uri,
    )


@oauth_router.post(
    "/authorization",
    response_model=OAuthRedirect,
    responses=problem_responses(400, 401, 403, 413, 422),
)
async def decide_authorization(
    body: OAuthDecision, request: Request, principal: PasswordPrincipal, db: DbSession, response: Response
) -> OAuthRedirect:
    """The user's answer on the consent page (signed in with the password: a session, not a key or
    an app's token): `allow` true issues a code, false sends `error=access_denied`. Either way the
    answer is where to send the browser."""
    params = body.model_dump(exclude={"allow"}, exclude_none=True)
    http = HttpRequest("GET", str(request.url), request.headers, {k: [v] for k, v in params.items()})
    location = await db.run(server.decide, app_state(request.app).settings, principal.user, http, body.allow)
    response.headers["Cache-Control"] = "no-store"
    return OAuthRedirect(redirect_to=location)


@clients_router.get(
    "", response_model=OAuthClientPage, responses={**response_headers(200, "Link"), **problem_responses(400)}
)
async def list_oauth_clients(user: CurrentUser, db: DbSession, query: ListQueryDep) -> Response:
    """The apps you registered, oldest first (at most 20). Their secrets are never shown again."""
    rows, next_cursor = await db.run(service.list_clients, user.id, query)
    return serialized(OAuthClientPage.of([service.as_read(r) for r in rows], next_cursor), query.response)


@clients_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=OAuthClientCreated,
    responses={**response_headers(201, "Location"), **problem_responses(409, 413)},
)
async def create_oauth_client(
    body: OAuthClientCreate, principal: PasswordPrincipal, db: DbSession, response: Response
) -> Response:
    """Register an app that other people (or you) can connect to their account with OAuth. Returns its
    `client_id`; a confidential app also gets its `client_secret`, in this response only. Needs a
    password sign-in (not an API key nor an app's token)."""
    row, secret = await db.run(service.create_client, principal.user.id, body)
    response.headers["Location"] = f"/api/v1/oauth-clients/{row.client_id}"  # its oauth_client_id
    response.headers["Cache-Control"] = "no-store"
    created = OAuthClientCreated.model_validate({**service.as_read(row), "client_secret": secret})
    return serialized(created, response, 201)


@clients_router.get(
    "/{oauth_client_id}",
    response_model=OAuthClientRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404)},
)
async def get_oauth_client(oauth_client_id: str, user: CurrentUser, db: DbSession, response: Response) -> Response:
    """One of the apps you registered (without its secret), by its client_id."""
    row = await db.run(service.get_client, user.id, oauth_client_id)
    response.headers["ETag"] = service.client_etag(row)
    return serialized(OAuthClientRead.model_validate(service.as_read(row)), response)


@clients_router.delete(
    "/{oauth_client_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412)
)
async def delete_oauth_client(
    oauth_client_id: str, principal: PasswordPrincipal, db: DbSession, if_match: IfMatch = None
) -> None:
    """Delete an app you registered (by its client_id): every token it holds, for every account, stops
    working at once."""
    row = await db.run(service.get_client, principal.user.id, oauth_client_id)
    check_if_match(if_match, service.client_etag(row))
    await db.run(service.delete_client, row)


@connected_router.get("", response_model=ConnectedAppList)
async def all_connected_apps(request: Request, user: CurrentUser, db: DbSession, response: Response) -> Response:
    """Every app you allowed into your account that still holds a live token, with what it may do
    (the whole list: one entry per app, never paged)."""
    apps = await db.run(service.connected_apps, app_state(request.app).settings, user.id)
    return serialized(ConnectedAppList(items=[ConnectedAppRead.model_validate(a) for a in apps]), response)


@connected_router.delete("/{client_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404))
async def disconnect_connected_app(client_id: str, principal: PasswordPrincipal, db: DbSession) -> None:
    """Disconnect an app: its access and refresh tokens for your account stop working at once."""
    await db.run(service.disconnect, principal.user.id, client_id)


@metadata_router.get("/.well-known/oauth-authorization-server", include_in_schema=False)
async def authorization_server_metadata(request: Request) -> JSONResponse:
    """RFC 8414 metadata, so OAuth client libraries find the endpoints by themselves."""
    base = str(request.base_url).rstrip("/")
    return JSONResponse(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/oauth/authorize",
            "token_endpoint": f"{base}/api/v1/oauth/token",
            "revocation_endpoint": f"{base}/api/v1/oauth/revoke",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_methods_supported": AUTH_METHODS,
            "revocation_endpoint_auth_methods_supported": AUTH_METHODS,
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": list(SCOPES),
            "service_documentation": f"{base}/docs",
        },
        headers={"Cache-Control": "public, max-age=3600"},
    )
