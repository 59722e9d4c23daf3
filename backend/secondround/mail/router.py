from typing import Annotated

from fastapi import APIRouter, Query, Request

from secondround.api.app_state import app_state
from secondround.api.media_types import JSON, reads
from secondround.api.problems import problem_responses
from secondround.db.session import DbSession
from secondround.mail import service
from secondround.mail.schemas import UnsubscribeDone

router = APIRouter(prefix="/mail", tags=["mail"])

FORM = "application/x-www-form-urlencoded"
ONE_CLICK_BODY = {
    "required": False,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "properties": {"List-Unsubscribe": {"type": "string", "enum": ["One-Click"]}},
                "examples": [{"List-Unsubscribe": "One-Click"}],
            }
        }
    },
}
UnsubscribeToken = Annotated[
    str,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="The token of the link in the reminder mail.",
    ),
]


@router.post(
    "/unsubscribe",
    response_model=UnsubscribeDone,
    responses=problem_responses(400, 413, 415, 422),
    openapi_extra={"requestBody": ONE_CLICK_BODY},
)
@reads(FORM, JSON)
async def unsubscribe(token: UnsubscribeToken, request: Request, db: DbSession) -> UnsubscribeDone:
    """Stop the daily reminder email, without signing in: the link at the foot of each reminder
    (the web app's page posts here) and the mail's `List-Unsubscribe` header (RFC 8058 one-click: a
    mail program posts `List-Unsubscribe=One-Click` as a form). Any body is ignored; the token alone
    says whose reminder. Turn it on again in Settings (`PATCH /api/v1/me` with `daily_reminder`)."""
    await db.run(service.unsubscribe, app_state(request.app).settings.secret_key, token)
    return UnsubscribeDone(
        detail="The daily reminder is off. You can turn it on again in Settings.", daily_reminder=False
    )
