import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, computed_field

from secondround.api.fields import BodyBool, ShortText, UrlText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.webhooks.events import EventType

EVENTS_DESCRIPTION = (
    "The events to send: `application.created`, `application.updated`, `application.deleted`, "
    "`round.created`, `round.updated`, `round.deleted`, `round.outcome_recorded`, `follow_up.due`, "
    "`contact.created`, `contact.updated`, `contact.deleted`, `activity_entry.created`, `activity_entry.updated`, "
    "`debrief.created`, `debrief.updated`, `thank_you_note.sent`, `offer.created`, `offer.updated`, `offer.deleted`. "
    "Null (or left out): every event, including ones added later."
)


class WebhookCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://jobs.example.com/hooks/secondround",
                    "events": ["application.updated", "round.outcome_recorded"],
                    "description": "Job board sync",
                }
            ]
        }
    )

    url: UrlText = Field(
        description="Where to POST the events: http or https, on the public internet (private, loopback and "
        "link-local addresses are refused). Redirects are not followed."
    )
    events: list[EventType] | None = Field(default=None, min_length=1, description=EVENTS_DESCRIPTION)
    active: BodyBool = Field(default=True, description="False: paused, nothing is sent until it is true again.")
    description: ShortText | None = Field(default=None, description="What the endpoint is for.")


class WebhookUpdate(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"active": False}, {"events": None}]})

    description: ShortText | None = None
    url: UrlText = absent()
    events: list[EventType] | None = Field(default=None, min_length=1, description=EVENTS_DESCRIPTION)
    active: BodyBool = absent()


class WebhookRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    events: list[EventType] | None = Field(description="The events sent; null: every event.")
    active: bool
    disabled_reason: str | None = Field(
        description="Why the server paused the endpoint (it answered 410 Gone); null when you paused it or it is "
        "active. Set `active` to true to send again."
    )
    description: str | None
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookRead):
    secret: str = Field(
        description="The signing secret (`whsec_...`), shown this once: store it now to verify the "
        "`webhook-signature` header (Standard Webhooks)."
    )


class WebhookPage(Page[WebhookRead]):
    pass


class WebhookAttemptRead(BaseModel):
    id: uuid.UUID
    event_id: str = Field(description="The event's id: the `webhook-id` header, the same on every attempt.")
    event_type: str
    attempt: int = Field(description="1 for the first try, 2 for the first retry, and so on.")
    attempted_at: datetime
    duration_ms: int
    status_code: int | None = Field(description="The endpoint's HTTP status; null when no answer came (see `error`).")
    error: str | None = Field(description="Why the attempt failed without an answer (timeout, refused address).")

    @computed_field(description="True for a 2xx answer.")  # type: ignore[prop-decorator]
    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookAttemptPage(Page[WebhookAttemptRead]):
    pass


class WebhookTestSent(BaseModel):
    event_id: str = Field(description="The test event's id (`webhook-id`); its attempts appear in the deliveries.")
