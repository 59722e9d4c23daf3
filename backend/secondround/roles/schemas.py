import uuid
from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field, field_serializer

from secondround.api.fields import JSON_NUMBER, BodyBool, LongText, ShortText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import Category

Weight = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False), JSON_NUMBER]
Focus = Annotated[
    dict[Category, Weight],
    Field(
        description="Weight from 0 to 1 per question category; a missing category counts as 0.",
        examples=[{"job_description": 1.0, "teamwork": 0.6, "compensation": 0.0}],
    ),
]


class RoleCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Team lead",
                    "goals": "Wants to know how you work with others.",
                    "focus": {"teamwork": 0.9, "job_description": 0.6},
                }
            ]
        }
    )

    name: ShortText
    goals: LongText | None = Field(default=None, description="What this kind of interviewer wants to learn.")
    focus: Focus = Field(default_factory=dict)
    deciding: BodyBool = Field(
        default=False,
        description="People in this role decide on the hire: the last of them on a panel gets the closing block.",
    )


class RoleUpdate(WriteModel):
    """`focus` is merged: send only the categories whose weight changes."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"focus": {"compensation": 0.3}}]})

    name: ShortText = absent()
    goals: LongText | None = None
    focus: Focus = absent()
    deciding: BodyBool = absent()


class RoleRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    goals: str | None
    focus: dict[Category, float] = Field(description="Every category, with 0 where the role has no interest.")
    deciding: bool = Field(description="The last deciding person on a panel gets the closing block.")
    created_at: datetime
    updated_at: datetime

    @field_serializer("focus")
    def _every_category(self, focus: dict[Category, float]) -> dict[str, float]:
        return {c.value: float(focus.get(c, 0.0)) for c in Category}


class RolePage(Page[RoleRead]):
    pass
