from pydantic import BaseModel, Field


class StatusCount(BaseModel):
    value: str = Field(description="A status or an outcome.")
    count: int


class StageTimeRead(BaseModel):
    model_config = {"from_attributes": True}

    stage: str = Field(description="`first_round`, `second_round` or `offer`.")
    label: str
    median_days: float | None = Field(
        description="Median days from the application (applied_on, else the day you recorded it) to this stage; "
        "null when no application reached it."
    )
    applications: int = Field(description="How many applications reached this stage.")


class StatsRead(BaseModel):
    applications: int
    applications_by_status: list[StatusCount]
    rounds: int
    rounds_by_outcome: list[StatusCount]
    offers: int
    offers_by_status: list[StatusCount]
    practised_questions: int = Field(description="Questions you practised at least once.")
    time_to_stage: list[StageTimeRead]
