import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, RootModel

from secondround.applications.schemas import CLOSES_ON, DESCRIPTION, POSTED_ON, ApplicationRead
from secondround.helpers.vocabulary import ApplicationStatus

IMPORT_BODY = (
    "A schema.org `JobPosting` as JSON-LD: the posting itself, or a document holding one (in `@graph`, "
    'an array, or nested). Or `{"html": "..."}`: a saved posting page (up to 2 MB) whose JSON-LD '
    "script element (type `application/ld+json`) holds one."
)
EXAMPLES: list[JsonValue] = [
    {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Backend engineer",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "url": "https://jobs.example.com/acme/backend",
        "jobLocation": {
            "@type": "Place",
            "address": {"addressLocality": "Berlin", "addressCountry": "DE"},
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 60000,
                "maxValue": 75000,
                "unitText": "YEAR",
            },
        },
        "datePosted": "2026-11-20",
        "validThrough": "2026-12-31",
        "description": "<p>You will build our <b>payments</b> API.</p>",
    },
    {"html": '<html><head><script type="application/ld+json">{...}</script></head></html>'},
]


class JobPostingDocument(RootModel[dict[str, Any]]):
    """A schema.org JobPosting as JSON-LD (the posting, or a document holding one), or
    `{"html": "..."}`: a saved posting page whose JSON-LD holds one.

    JSON-LD is an open vocabulary, so the object takes any members; only the schema.org properties
    the import maps are read (docs/decisions.md, "Job posting import"). Not a WriteModel for that
    reason: a field the server owns (`id`, `owner_id`) is simply never read."""

    model_config = ConfigDict(json_schema_extra={"description": IMPORT_BODY, "examples": EXAMPLES})


class ApplicationDraft(BaseModel):
    """The application an import would make (nothing is saved yet)."""

    company: str
    position: str
    job_url: str | None = Field(
        description="The posting's `url`; the same one again finds the application made from it."
    )
    location: str | None = Field(description="Place(s) from `jobLocation`; `Remote` for `jobLocationType` TELECOMMUTE.")
    source: str | None = Field(description="The host of the posting's URL.")
    status: ApplicationStatus
    salary_min: int | None = Field(description="Per year: an hourly, daily, weekly or monthly salary is converted.")
    salary_max: int | None
    salary_currency: str | None
    posted_on: date | None = Field(description=POSTED_ON)
    closes_on: date | None = Field(description=CLOSES_ON)
    description: str | None = Field(description=DESCRIPTION + " On import: the posting's HTML as safe Markdown.")
    notes: str | None = Field(description="A salary with no sane yearly equivalent, as the posting gave it.")


class JobPostingPreview(BaseModel):
    """What `POST /api/v1/applications/import` would do with the same body."""

    application: ApplicationDraft
    existing_id: uuid.UUID | None = Field(
        description="Your application with the same posting URL: importing returns it instead of making one."
    )
    existing: ApplicationRead | None = Field(description="That application, as it is now.")
    warnings: list[str] = Field(description="What was converted or left out, one plain sentence each.")
