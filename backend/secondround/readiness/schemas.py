import uuid

from pydantic import BaseModel, Field

from secondround.readiness.rules import ReadinessKey


class ReadinessItem(BaseModel):
    key: ReadinessKey = Field(description="Stable name of the item; the items always come in the same order.")
    label: str = Field(description="What the item checks, in plain words.")
    done: bool
    next_step: str | None = Field(
        description="What to do next, naming the person or question concerned; null when done."
    )


class RoundReadiness(BaseModel):
    round_id: uuid.UUID
    done: int = Field(description="How many items are done.")
    total: int = Field(description="How many items there are (9).")
    items: list[ReadinessItem]
