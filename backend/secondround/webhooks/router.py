import uuid

from fastapi import APIRouter, Request, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.app_state import app_state
from secondround.api.etag import IfMatch, check_if_match, resource_etag
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import InvalidInput, problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.webhooks import address_guard, service
from secondround.webhooks.schemas import (
    WebhookAttemptPage,
    WebhookCreate,
    WebhookCreated,
    WebhookPage,
    WebhookRead,
    WebhookTestSent,
    WebhookUpdate,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks"], responses=problem_responses(401, 403, 422))


async def _check_url(request: Request, url: str) -> None:
    """The SSRF guard at the door: a 422 naming the URL field, in plain words."""
    try:
        await address_guard.check(url, allow_private=app_state(request.app).settings.webhook_allow_private)
    except address_guard.RefusedAddress as refused:
        raise InvalidInput("url", str(refused), type="webhook_url") from None


def _read(hook) -> WebhookRead:
    return WebhookRead.model_validate(service.as_read(hook))


@router.get("", response_model=WebhookPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_webhooks(user: CurrentUser, db: DbSession, query: ListQueryDep) -> Response:
    """Your webhook endpoints, oldest first (at most 20). Secrets are never shown again."""
    hooks, next_cursor = await db.run(service.list_hooks, user.id, query)
    return serialized(WebhookPage.of([service.as_read(h) for h in hooks], next_cursor), query.response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreated,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(409, 413)},
)
async def create_webhook(
    body: WebhookCreate, user: CurrentUser, db: DbSession, request: Request, response: Response
) -> Response:
    """Register an endpoint for your events. Each event is POSTed as JSON `{type, timestamp, data}`,
    signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the
    `secret` in this response, shown this once. Failed deliveries are retried with backoff for about
    three days; an endpoint that answers 410 Gone is paused. The URL must be on the public internet."""
    await _check_url(request, body.url)
    hook, secret = await db.run(service.create, user.id, body)
    response.headers["Location"] = f"/api/v1/webhooks/{hook.id}"
    response.headers["ETag"] = resource_etag(hook, hook.id)
    response.headers["Cache-Control"] = "no-store"
    created = WebhookCreated.model_validate({**service.as_read(hook), "secret": secret})
    return serialized(created, response, 201)


@router.get(
    "/{webhook_id}", response_model=WebhookRead, responses={**response_headers(200, "ETag"), **problem_responses(404)}
)
async def get_webhook(webhook_id: uuid.UUID, user: CurrentUser, db: DbSession, response: Response) -> Response:
    """One webhook endpoint (without its secret)."""
    hook = await db.run(service.get_hook, user.id, webhook_id)
    response.headers["ETag"] = resource_etag(hook, hook.id)
    return serialized(_read(hook), response)


@router.patch(
    "/{webhook_id}",
    response_model=WebhookRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 412, 413)},
)
async def update_webhook(
    webhook_id: uuid.UUID,
    body: WebhookUpdate,
    user: CurrentUser,
    db: DbSession,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> Response:
    """Change the URL, the events, the description, or pause (`active: false`) and resume it. Events
    that happen while it is paused are not kept for it; retries already queued wait until it resumes."""
    hook = await db.run(service.get_hook, user.id, webhook_id)
    check_if_match(if_match, resource_etag(hook, hook.id))
    if "url" in body.model_fields_set and body.url is not None:
        await _check_url(request, body.url)
    hook = await db.run(service.update, hook, body)
    response.headers["ETag"] = resource_etag(hook, hook.id)
    return serialized(_read(hook), response)


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def delete_webhook(webhook_id: uuid.UUID, user: CurrentUser, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete the endpoint with its queued events and its delivery log."""
    hook = await db.run(service.get_hook, user.id, webhook_id)
    check_if_match(if_match, resource_etag(hook, hook.id))
    await db.run(service.delete, hook)


@router.post(
    "/{webhook_id}/rotate-secret",
    response_model=WebhookCreated,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 412)},
)
async def rotate_webhook_secret(
    webhook_id: uuid.UUID, user: CurrentUser, db: DbSession, response: Response, if_match: IfMatch = None
) -> Response:
    """Replace the signing secret; the new one is in this response only. Every attempt from now on,
    retries of earlier events included, is signed with it."""
    hook = await db.run(service.get_hook, user.id, webhook_id)
    check_if_match(if_match, resource_etag(hook, hook.id))
    hook, secret = await db.run(service.rotate_secret, hook)
    response.headers["ETag"] = resource_etag(hook, hook.id)
    response.headers["Cache-Control"] = "no-store"
    return serialized(WebhookCreated.model_validate({**service.as_read(hook), "secret": secret}), response)


@router.post(
    "/{webhook_id}/test",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=WebhookTestSent,
    responses=problem_responses(404, 409),
)
async def send_webhook_test(webhook_id: uuid.UUID, user: CurrentUser, db: DbSession, response: Response) -> Response:
    """Queue a `webhook.test` event for this endpoint alone (whatever its events); it is sent within
    seconds, and its attempts appear in the deliveries. A paused endpoint is a 409."""
    hook = await db.run(service.get_hook, user.id, webhook_id)
    event_id = await db.run(service.send_test, hook)
    return serialized(WebhookTestSent(event_id=event_id), response, 202)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=WebhookAttemptPage,
    responses={**response_headers(200, "Link"), **problem_responses(400, 404)},
)
async def list_webhook_deliveries(
    webhook_id: uuid.UUID, user: CurrentUser, db: DbSession, query: ListQueryDep
) -> Response:
    """The endpoint's delivery log, newest attempt first: each attempt's time, number, duration, and
    the status code that came back or the error when none did, with the event's id and type."""
    hook = await db.run(service.get_hook, user.id, webhook_id)
    rows, next_cursor = await db.run(service.list_attempts, hook, query)
    return serialized(WebhookAttemptPage.of(rows, next_cursor), query.response)
