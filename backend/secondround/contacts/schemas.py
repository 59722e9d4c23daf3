import uuid
from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, computed_field

from secondround.activity.schemas import ActivityRead
from secondround.api.fields import Email, LongText, PhoneText, ShortText, UrlText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.contacts.matching import opens_as_url
from secondround.follow_ups import call_script
from secondround.helpers.vocabulary import RoundKind


def _opens(value: str) -> str:
    if not opens_as_url(value):
        raise ValueError("must be a web address a browser can open")
    return value


TEL_URI = "A `tel:` link (RFC 3966) for the phone number, an extension as `;ext=`; null without one."
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

    @computed_field(description=TEL_URI)  # type: ignore[prop-decorator]
    @property
    def tel_uri(self) -> str | None:
        return call_script.tel_uri(self.phone)

    @computed_field(description="A `mailto:` link for the email address; null without one.")  # type: ignore[prop-decorator]
    @property
    def mailto_uri(self) -> str | None:
        return f"mailto:{quote(self.email, safe='@')}" if self.email else None


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
    role_name: str | None = Field(
        description="The interviewer role you gave them in that round (supervisor, HR...); null: none."
    )


class ContactListItem(ContactRead):
    """A contact as the list shows it: with where you met them last and when you were last in touch."""

    meetings: int = Field(description="How many rounds you met them in, across applications.")
    last_met: ContactAppearance | None = Field(
        description="The latest of those rounds (by its time, else the order they were added); null: never met "
        "in a round (added by hand)."
    )
    last_activity_at: datetime | None = Field(
        description="When the latest activity entry with them happened (a call, an email, a note); null: none."
    )


class ContactPage(Page[ContactListItem]):
    pass


class ContactDetail(ContactRead):
    appearances: list[ContactAppearance] = Field(
        description="The rounds where you met them, across applications, in the order the rounds were added."
    )
    activity: list[ActivityRead] = Field(
        description="Activity entries with them (calls, emails, notes), newest first; at most 100."
    )
    activity_more: bool = Field(description="True when there are more than the 100 entries shown.")
