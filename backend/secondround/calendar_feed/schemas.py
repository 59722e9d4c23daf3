from pydantic import BaseModel, Field


class CalendarTokenRead(BaseModel):
    token: str = Field(description="The feed's secret. Shown once; the server keeps only its hash.")
    feed_url: str = Field(description="Absolute URL of the feed, with the token, to subscribe to from a calendar app.")
