import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from secondround.activity.schemas import ActivityRead
from secondround.api.fields import Email, LongText, PhoneText, ShortText, UrlText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.contacts.matching import opens_as_url
from secondround.helpers.vocabulary import RoundKind


def _opens(value: str) -> str:
    if not opens_as_url(value):
        raise ValueError("must be a web address a browser can open")
    return value


ProfileUrl = Annotated[UrlText, AfterValidator(_opens)]


class ContactCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Dana Ortega",
                    "email": "dana@initech.example.com",
                    "phone": "+1 555 0100 x 12",
                    "company": "Initech",
                    "title": "Engineering manager",
                }
            ]
        }
    )

    name: ShortText
    email: Email | None = None
    phone: PhoneText | None = None
    profile_url: ProfileUrl | None = None
    company: ShortText | None = None
    title: ShortText | None = None
    notes: LongText | None = None


class ContactUpdate(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"phone": "+1 555 0100", "title": "Director"}]})

    name: ShortText = absent()
    email: Email | None = None
    phone: PhoneText | None = None
    profile_url: ProfileUrl | None = None
    company: ShortText | None = None
    title: ShortText | None = None
    notes: LongText | None = None


class ContactRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    email: str | None
    phone: str | None
    profile_url: str | None
    company: str | None
    title: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime


class ContactPage(Page[ContactRead]):
    pass


class ContactAppearance(BaseModel):
    """A round where you met the contact, as one of its interviewers."""

    model_config = ConfigDict(from_attributes=True)

    interviewer_id: uuid.UUID
    round_id: uuid.UUID
    round_sequence: int
    round_kind: RoundKind
    scheduled_at: datetime | None
    application_id: uuid.UUID
    company: str
    position: str


class ContactDetail(ContactRead):
    appearances: list[ContactAppearance] = Field(
        description="The rounds where you met them, across applications, in the order the rounds were added."
    )
    activity: list[ActivityRead] = Field(
        description="Activity entries with them (calls, emails, notes), newest first; at most 100."
    )
    activity_more: bool = Field(description="True when there are more than the 100 entries shown.")
