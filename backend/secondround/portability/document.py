"""The export document, version 1: everything a person made in their account, as one JSON object.

Pure module (no database, no HTTP): the models here are the document's published JSON Schema
(openapi/export-v1.schema.json, served at GET /api/v1/export/schema.json) and what an import
validates. References between items are export-local ids: the exporting account's UUIDs, opaque
keys that an import replaces with new ones (remap.py).

Not in the document, on purpose: the sign-in email, password, sessions, tokens, API keys, OAuth apps
and grants, webhooks and their secrets and deliveries, the calendar feed token, the change feed and
idempotency keys. They are credentials or machinery, not things the person wrote.
"""

import json
import uuid
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from secondround.api.fields import (
    JSON_NUMBER,
    BodyBool,
    Day,
    Email,
    ExternalId,
    Instant,
    LongText,
    MediumText,
    PhoneText,
    QuestionText,
    RequiredLongText,
    ShortText,
    SourceSlug,
    TimeZoneName,
    UrlText,
)
from secondround.helpers.vocabulary import (
    ApplicationStatus,
    Category,
    Direction,
    Outcome,
    RoundKind,
    RoundQuestionStatus,
    RoundStatus,
)

FORMAT: Literal["secondround-export"] = "secondround-export"
VERSION: Literal[1] = 1
SCHEMA_ID = "https://secondround.invalid/schemas/export-v1.schema.json"

Ref = Annotated[uuid.UUID, Field(description="An export-local id: refers to an item of this document.")]
Stamp = Annotated[AwareDatetime, Field(description="When it was made or last changed (UTC); kept for the record.")]
Weight = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False), JSON_NUMBER]
Whole = Annotated[int, JSON_NUMBER]
Money = Annotated[int, Field(ge=0, le=1_000_000_000_000), JSON_NUMBER]


class _Item(BaseModel):
    # A document from a newer secondround has fields this one does not know: its version says so
    # first (service.py), so an unknown field in a version-1 document is a mistake, refused.
    model_config = ConfigDict(extra="forbid")


class ExportedAccount(_Item):
    """Your account's settings (not the sign-in email nor any credential)."""

    display_name: ShortText | None = None
    time_zone: TimeZoneName = "UTC"


class ExportedRole(_Item):
    id: Ref
    name: ShortText
    goals: LongText | None = None
    focus: dict[Category, Weight] = Field(default_factory=dict)
    deciding: BodyBool = False
    created_at: Stamp
    updated_at: Stamp


class ExportedQuestion(_Item):
    """A question of the bank (`application_id` null) or written for one application."""

    id: Ref
    application_id: Ref | None = None
    direction: Direction
    text: QuestionText
    category: Category
    importance: Annotated[int, Field(ge=1, le=5), JSON_NUMBER] = 3
    minutes: Annotated[int, Field(ge=1, le=60), JSON_NUMBER] = 2
    target_role_ids: list[Ref] = Field(default_factory=list, max_length=100)
    prepared_answer: LongText | None = None
    tip: LongText | None = None
    notes: LongText | None = None
    archived: BodyBool = False
    recurring: BodyBool = False
    at_end: BodyBool = False
    asks_next_panel: BodyBool = False
    created_at: Stamp
    updated_at: Stamp


class ExportedApplication(_Item):
    id: Ref
    company: ShortText
    position: ShortText
    job_url: UrlText | None = None
    location: ShortText | None = None
    source: ShortText | None = None
    external_id: ExternalId | None = None
    status: ApplicationStatus
    salary_min: Money | None = None
    salary_max: Money | None = None
    salary_currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    company_research: LongText | None = None
    notes: LongText | None = None
    description: LongText | None = None
    applied_on: Day | None = None
    created_at: Stamp
    updated_at: Stamp


class ExportedRound(_Item):
    """An interview round, with its outcome and its follow-up."""

    id: Ref
    application_id: Ref
    sequence: Annotated[int, Field(ge=1, le=1_000_000), JSON_NUMBER]
    kind: RoundKind
    scheduled_at: Instant | None = None
    time_zone: TimeZoneName = "UTC"
    duration_minutes: Annotated[int, Field(ge=1, le=24 * 60), JSON_NUMBER] | None = None
    location: MediumText | None = None
    status: RoundStatus
    outcome: Outcome
    decision_expected_by: Day | None = None
    follow_up_on: Day | None = None
    follow_up_on_is_manual: BodyBool = False
    followed_up_at: Instant | None = None
    follow_up_note: LongText | None = None
    notes: LongText | None = None
    source: SourceSlug | None = None
    external_id: ExternalId | None = None
    created_at: Stamp
    updated_at: Stamp


class ExportedInterviewer(_Item):
    """A person you meet in a round."""

    id: Ref
    round_id: Ref
    name: ShortText
    title: ShortText | None = None
    role_id: Ref | None = None
    email: Email | None = None
    phone: PhoneText | None = None
    profile_url: UrlText | None = None
    greeting: ShortText | None = None
    order: Annotated[int, Field(ge=0, le=1_000_000), JSON_NUMBER]
    meeting_minutes: Annotated[int, Field(ge=1, le=480), JSON_NUMBER] | None = None
    break_after_minutes: Annotated[int, Field(ge=0, le=240), JSON_NUMBER] = 0
    question_minutes: Annotated[int, Field(ge=0, le=480), JSON_NUMBER] | None = None
    notes: LongText | None = None
    cancelled: BodyBool = False
    created_at: Stamp
    updated_at: Stamp


class ExportedRoundQuestion(_Item):
    """A question's state in one round (the plan entry): pinned, asked, answered... and its notes."""

    round_id: Ref
    question_id: Ref
    pinned: BodyBool = False
    status: RoundQuestionStatus = RoundQuestionStatus.PLANNED
    answer_notes: LongText | None = None
    at_end: BodyBool | None = None
    interviewer_id: Ref | None = None
    marked_for_interviewer_id: Ref | None = None
    created_at: Stamp
    updated_at: Stamp


class ExportedAnswer(_Item):
    """Your prepared answer to a question for one application."""

    application_id: Ref
    question_id: Ref
    answer: RequiredLongText
    created_at: Stamp
    updated_at: Stamp


class ExportDocument(_Item):
    """Everything you made in secondround, as one document: `format` and `version` say how to read it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "format": "secondround-export",
                    "version": 1,
                    "exported_at": "2026-12-03T10:00:00Z",
                    "account": {"display_name": "Ana", "time_zone": "Europe/Oslo"},
                    "applications": [
                        {
                            "id": "0b5e7c39-2f0c-4d3e-9a51-0f6a8a1d2c11",
                            "company": "Acme",
                            "position": "Backend engineer",
                            "status": "interviewing",
                            "applied_on": "2026-11-20",
                            "created_at": "2026-11-20T09:00:00Z",
                            "updated_at": "2026-11-20T09:00:00Z",
                        }
                    ],
                    "rounds": [
                        {
                            "id": "5d1f3a8e-7b7a-4f0e-8d7c-2b4c6e8f0a12",
                            "application_id": "0b5e7c39-2f0c-4d3e-9a51-0f6a8a1d2c11",
                            "sequence": 1,
                            "kind": "screen",
                            "scheduled_at": "2026-12-01T09:00:00Z",
                            "time_zone": "Europe/Oslo",
                            "status": "completed",
                            "outcome": "next_round",
                            "created_at": "2026-11-25T09:00:00Z",
                            "updated_at": "2026-12-01T10:00:00Z",
                        }
                    ],
                }
            ],
        },
    )

    format: Literal["secondround-export"]
    version: Literal[1]
    exported_at: Stamp
    account: ExportedAccount
    roles: list[ExportedRole] = Field(default_factory=list)
    questions: list[ExportedQuestion] = Field(default_factory=list)
    applications: list[ExportedApplication] = Field(default_factory=list)
    rounds: list[ExportedRound] = Field(default_factory=list)
    interviewers: list[ExportedInterviewer] = Field(default_factory=list)
    round_questions: list[ExportedRoundQuestion] = Field(default_factory=list)
    application_answers: list[ExportedAnswer] = Field(default_factory=list)


KINDS = ("roles", "questions", "applications", "rounds", "interviewers", "round_questions", "application_answers")


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of version 1 (what an import accepts)."""
    schema = ExportDocument.model_json_schema(mode="validation")
    # The $id only on the standalone schema: inside the OpenAPI document it would move the base of
    # every $ref in it (the component is named ExportDocument there).
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "secondround export, version 1",
    }


def json_schema_text() -> str:
    """The schema as committed under openapi/ (sorted keys, two-space indent, final newline)."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def header_of(raw: object) -> tuple[object, object]:
    """`format` and `version` of a parsed JSON body, whatever else it holds."""
    if not isinstance(raw, dict):
        return None, None
    return raw.get("format"), raw.get("version")


__all__ = [
    "FORMAT",
    "KINDS",
    "VERSION",
    "ExportDocument",
    "ExportedAccount",
    "ExportedAnswer",
    "ExportedApplication",
    "ExportedInterviewer",
    "ExportedQuestion",
    "ExportedRole",
    "ExportedRound",
    "ExportedRoundQuestion",
]


if __name__ == "__main__":  # python -m secondround.portability.document > ../openapi/export-v1.schema.json
    print(json_schema_text(), end="")
