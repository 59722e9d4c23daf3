from pydantic import BaseModel, Field


class UnsubscribeDone(BaseModel):
    detail: str = Field(description="What happened, in a sentence to show.")
    daily_reminder: bool = Field(description="Whether the daily reminder is on now: always false after this.")
