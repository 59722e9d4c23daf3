import uuid

from fastapi import APIRouter, Response, status

from secondround.accounts.deps import CurrentUser, PasswordPrincipal
from secondround.api.etag import IfMatch, check_if_match
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.api_keys import service
from secondround.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPage, ApiKeyRead
from secondround.db.session import DbSession

router = APIRouter(prefix="/api-keys", tags=["api-keys"], responses=problem_responses(401, 403, 422))


@router.get("", response_model=ApiKeyPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_api_keys(user: CurrentUser, db: DbSession, query: ListQueryDep) -> Response:
    """Your personal API keys that are not revoked (at most 50), oldest first: name, prefix, scopes, when
    made, when they expire and roughly when each was last used. The secret is never shown again."""
    keys, next_cursor = await db.run(service.list_keys, user.id, query)
    return serialized(ApiKeyPage.of([service.as_read(k) for k in keys], next_cursor), query.response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    responses={**response_headers(201, "Location"), **problem_responses(409, 413)},
)
async def create_api_key(
    body: ApiKeyCreate, principal: PasswordPrincipal, db: DbSession, response: Response
) -> Response:
    """Make a personal API key for a script or an integration. The whole key is in this response only:
    store it now. Send it as `Authorization: Bearer <key>`. Needs a password sign-in (a session or a
    token from /auth/token), not another key. A password change does not revoke keys; revoke one here."""
    key, secret = await db.run(service.create_key, principal.user.id, body)
    response.headers["Location"] = f"/api/v1/api-keys/{key.id}"
    response.headers["Cache-Control"] = "no-store"
    return serialized(ApiKeyCreated.model_validate({**service.as_read(key), "key": secret}), response, 201)


@router.get(
    "/{api_key_id}", response_model=ApiKeyRead, responses={**response_headers(200, "ETag"), **problem_responses(404)}
)
async def get_api_key(api_key_id: uuid.UUID, user: CurrentUser, db: DbSession, response: Response) -> Response:
    """One of your API keys (without its secret)."""
    key = await db.run(service.get_key, user.id, api_key_id)
    response.headers["ETag"] = service.key_etag(key)
    return serialized(ApiKeyRead.model_validate(service.as_read(key)), response)


@router.delete("/{api_key_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def revoke_api_key(
    api_key_id: uuid.UUID, principal: PasswordPrincipal, db: DbSession, if_match: IfMatch = None
) -> None:
    """Revoke a key: from the next request on, it is refused with 401. Needs a password sign-in."""
    key = await db.run(service.get_key, principal.user.id, api_key_id)
    check_if_match(if_match, service.key_etag(key))
    await db.run(service.revoke_key, key)
