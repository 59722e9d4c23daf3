import uuid
from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from secondround.api.fields import JSON_NUMBER, LongText, ShortText, UrlText, WriteModel, absent
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
    created_at: datetime
    updated_at: datetime


class ApplicationPage(Page[ApplicationRead]):
    pass
