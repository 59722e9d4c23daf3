import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from secondround.api.fields import (
    JSON_NUMBER,
    Day,
    ExternalId,
    LongText,
    MediumText,
    OptionalLocalOrInstant,
    ShortText,
    SourceSlug,
    TimeZoneName,
    WriteModel,
    absent,
)
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers import local_time
from secondround.helpers.vocabulary import Outcome, RoundKind, RoundStatus
from secondround.interviewers.schemas import InterviewerCreate, InterviewerRead

# People one request may put on a new round's panel (POST /applications/{id}/rounds `interviewers`).
MAX_PANEL_IN_CREATE = 20

Duration = Annotated[int, Field(ge=1, le=24 * 60, description="Planned length of the round in minutes."), JSON_NUMBER]


class PanelMemberCreate(InterviewerCreate):
    """A person of the new round's panel: as `POST /rounds/{id}/interviewers` takes them, with the role
    given by `role_id` or by its name in `role`."""

    role: ShortText | None = Field(
        default=None,
        description="One of your roles by name, compared without regard to case (`hr` is `HR`); instead of "
        "`role_id`. A name you have no role for is a 422 that names it.",
    )

    @model_validator(mode="after")
    def _one_way_to_name_the_role(self) -> "PanelMemberCreate":
        if self.role is not None and self.role_id is not None:
            raise ValueError("Give the role by role_id or by its name in role, not both.")
        return self


class RoundCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "second",
                    "scheduled_at": "2026-12-01T10:00",
                    "time_zone": "Europe/Oslo",
                    "duration_minutes": 90,
                    "decision_expected_by": "2026-12-04",
                }
            ]
        }
    )

    kind: RoundKind = RoundKind.OTHER
    scheduled_at: OptionalLocalOrInstant = Field(
        default=None,
        description="Start. With an offset (`2026-12-01T10:00:00+01:00`, `...Z`) it is that instant; "
        "without one (`2026-12-01T10:00`) it is the wall clock in the round's `time_zone`. A wall time "
        "the clocks skip (spring forward) is a 422; one that happens twice (fall back) is a 422 asking "
        "for the offset. Stored and returned in UTC.",
    )
    time_zone: TimeZoneName | None = Field(
        default=None,
        description="Where the round happens, as an IANA zone: the prep sheet, the calendar feed and "
        "the web app show its times there. Left out or null: your account's `time_zone` now.",
    )
    duration_minutes: Duration | None = None
    location: MediumText | None = Field(default=None, description="Address or video-call link.")
    status: RoundStatus = RoundStatus.PLANNED
    outcome: Outcome = Outcome.PENDING
    decision_expected_by: Day | None = None
    follow_up_on: Day | None = Field(
        default=None,
        description="When to follow up. Left out, it defaults to the first business day after "
        "decision_expected_by while the outcome is pending.",
    )
    notes: LongText | None = None
    source: SourceSlug | None = None
    external_id: ExternalId | None = Field(
        default=None, description="The round's id in the system named by `source`; unique per account with it."
    )
    interviewers: list[PanelMemberCreate] = Field(
        default_factory=list,
        max_length=MAX_PANEL_IN_CREATE,
        description=f"The round's panel, made with it (at most {MAX_PANEL_IN_CREATE}), in meeting order unless "
        "`order` says otherwise. All or nothing: if one person cannot be added, neither the round nor "
        "anyone is. They are listed at `GET /rounds/{id}/interviewers` (the answer's `Link`).",
    )


class RoundUpdate(WriteModel):
    """Record an outcome here; it moves the application's status (offer, rejected, ...).
    Setting `follow_up_on` to null restores the default date."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "completed", "outcome": "verbal_offer"}]})

    kind: RoundKind = absent()
    scheduled_at: OptionalLocalOrInstant = Field(
        default=None,
        description="As on create; without an offset it is read in `time_zone` (the one sent with it, "
        "else the round's).",
    )
    time_zone: Annotated[
        TimeZoneName,
        Field(
            description="A new zone alone keeps the instant and changes how it is shown; send "
            "`scheduled_at` without an offset with it to keep the wall clock instead."
        ),
    ] = absent()
    duration_minutes: Duration | None = None
    location: MediumText | None = None
    status: RoundStatus = absent()
    outcome: Outcome = absent()
    decision_expected_by: Day | None = None
    follow_up_on: Day | None = None
    notes: LongText | None = None
    source: SourceSlug | None = None
    external_id: ExternalId | None = None


class FollowUpRequest(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"note": "Called Dana; decision next Tuesday"}]})

    note: LongText | None = Field(default=None, description="What was said, e.g. 'Spoke to Dana; decision Friday'.")
    occurred_at: OptionalLocalOrInstant = Field(
        default=None,
        description="When you called; left out: now. Without an offset it is read in your account's "
        "`time_zone`; never more than a minute in the future.",
    )
    next_follow_up_on: Day | None = Field(
        default=None,
        description='When to call again ("they said Friday"): the round\'s new `follow_up_on`, due that day.',
    )


class RoundRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    sequence: int
    kind: RoundKind
    scheduled_at: datetime | None = Field(description="Start, in UTC.")
    time_zone: str = Field(description="IANA zone the round happens in; people are shown its times there.")
    duration_minutes: int | None
    location: str | None
    status: RoundStatus
    outcome: Outcome
    decision_expected_by: date | None
    follow_up_on: date | None
    followed_up_at: datetime | None
    follow_up_note: str | None
    notes: str | None
    source: str | None = Field(description="The system `external_id` comes from, e.g. `greenhouse`.")
    external_id: str | None = Field(description="The round's id in the system named by `source`.")
    created_at: datetime
    updated_at: datetime

    @computed_field(  # type: ignore[prop-decorator]
        description="`scheduled_at` as the wall clock in `time_zone`, with that zone's offset at the "
        "time: `2026-12-02T10:00:00+01:00`. For display; `scheduled_at` is the instant.",
        examples=["2026-12-02T10:00:00+01:00"],
    )
    @property
    def scheduled_local(self) -> str | None:
        return None if self.scheduled_at is None else local_time.local_iso(self.scheduled_at, self.time_zone)


class RoundPage(Page[RoundRead]):
    pass


class NextPerson(WriteModel):
    """Someone you were told you will meet next (the answer to "who will I meet next?")."""

    name: ShortText
    title: ShortText | None = None
    role_id: uuid.UUID | None = Field(default=None, description="One of your roles, or null.")


class NextPanelCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "people": [
                        {"name": "Maya Lind", "title": "Head of product", "role_id": None},
                        {"name": "Tom Berg", "title": "Senior engineer"},
                    ]
                }
            ]
        }
    )

    people: list[NextPerson] = Field(
        min_length=1, max_length=50, description="The people of the next round, in the order you will meet them."
    )


class NextPanelRead(BaseModel):
    round: RoundRead = Field(description="The next round: the application's first round after this one.")
    round_created: bool = Field(description="True when the next round did not exist and was made for these people.")
    added: list[InterviewerRead] = Field(description="The people added to its panel, in meeting order.")
    already_there: list[str] = Field(
        description="Names left out because someone of that name is already on the next round's panel."
    )
