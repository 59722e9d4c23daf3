import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from secondround.api.fields import (
    JSON_NUMBER,
    Day,
    ExternalId,
    LongText,
    ShortText,
    UrlText,
    WriteModel,
    absent,
)
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import ApplicationStatus

Money = Annotated[
    int, Field(ge=0, le=1_000_000_000_000, description="Whole units of salary_currency per year."), JSON_NUMBER
]
Currency = Annotated[
    str,
    StringConstraints(to_upper=True, pattern=r"^[A-Za-z]{3}$"),
    Field(description="ISO 4217 code, e.g. EUR."),
]


def check_salary_range(salary_min: int | None, salary_max: int | None) -> None:
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        raise ValueError("Lowest salary must not be more than the highest salary.")


DESCRIPTION = (
    "The job description, as Markdown text (up to 100,000 characters), kept as sent. Raw HTML in it is "
    "not rendered: the web app shows it as text, and never runs a script, an event handler or a "
    "`javascript:` link from it."
)
POSTED_ON = "The day the job posting was published (schema.org `datePosted` on import)."
CLOSES_ON = "The last day to apply (schema.org `validThrough` on import)."
EXTERNAL_ID = (
    "The application's id in another system (a job board), unique per account with `source`; see "
    "`PUT /api/v1/applications/by-external-id/{source}/{external_id}`."
)


class ApplicationCreate(WriteModel):
    """A new application. `salary_min` must not be greater than `salary_max` (422)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "company": "Acme",
                    "position": "Backend engineer",
                    "job_url": "https://jobs.example.com/acme/backend",
                    "source": "Company website",
                    "salary_min": 60000,
                    "salary_max": 75000,
                    "salary_currency": "EUR",
                }
            ]
        }
    )

    company: ShortText
    position: ShortText
    job_url: UrlText | None = None
    location: ShortText | None = None
    source: ShortText | None = Field(default=None, description="Where you found the job, e.g. a job board.")
    status: ApplicationStatus = ApplicationStatus.APPLIED
    salary_min: Money | None = None
    salary_max: Money | None = None
    salary_currency: Currency | None = None
    company_research: LongText | None = Field(default=None, description="Markdown notes: background, expectations.")
    notes: LongText | None = None
    description: LongText | None = Field(default=None, description=DESCRIPTION)
    applied_on: Day | None = Field(default=None, description="The day you applied.")
    posted_on: Day | None = Field(default=None, description=POSTED_ON)
    closes_on: Day | None = Field(default=None, description=CLOSES_ON)
    external_id: ExternalId | None = Field(default=None, description=EXTERNAL_ID)


class ApplicationUpsert(WriteModel):
    """An application named by its source and external id (in the path). A new one is made from the
    body as on create; an existing one gets only the fields sent, so what the user added (notes,
    status, research) survives the next sync."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "company": "Acme",
                    "position": "Backend engineer",
                    "job_url": "https://boards.example.com/acme/4012345",
                    "description": "## The role\nYou will build our **payments** API.",
                    "applied_on": "2026-12-01",
                }
            ]
        }
    )

    company: ShortText
    position: ShortText
    job_url: UrlText | None = None
    location: ShortText | None = None
    status: ApplicationStatus = ApplicationStatus.APPLIED
    salary_min: Money | None = None
    salary_max: Money | None = None
    salary_currency: Currency | None = None
    company_research: LongText | None = None
    notes: LongText | None = None
    description: LongText | None = Field(default=None, description=DESCRIPTION)
    applied_on: Day | None = Field(default=None, description="The day you applied.")
    posted_on: Day | None = Field(default=None, description=POSTED_ON)
    closes_on: Day | None = Field(default=None, description=CLOSES_ON)


class ApplicationUpdate(WriteModel):
    """Only the fields sent change; `company`, `position` and `status` cannot be null. The salary
    range, as stored after the change, must not have `salary_min` above `salary_max`."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "interviewing", "notes": "Recruiter called back."}]}
    )

    company: ShortText = absent()
    position: ShortText = absent()
    job_url: UrlText | None = None
    location: ShortText | None = None
    source: ShortText | None = None
    status: ApplicationStatus = absent()
    salary_min: Money | None = None
    salary_max: Money | None = None
    salary_currency: Currency | None = None
    company_research: LongText | None = None
    notes: LongText | None = None
    description: LongText | None = None
    applied_on: Day | None = None
    posted_on: Day | None = None
    closes_on: Day | None = None
    external_id: ExternalId | None = None


class ApplicationRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    company: str
    position: str
    job_url: str | None
    location: str | None
    source: str | None
    status: ApplicationStatus
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    company_research: str | None
    notes: str | None
    description: str | None = Field(description="The job description, as Markdown text.")
    applied_on: date | None
    posted_on: date | None = Field(description=POSTED_ON)
    closes_on: date | None = Field(description=CLOSES_ON)
    external_id: str | None = Field(description="The application's id in the system named by `source`.")
    created_at: datetime
    updated_at: datetime


class ApplicationPage(Page[ApplicationRead]):
    pass
