"""Representations that carry their own version, so a client can write safely from any of them.

`etag` equals the resource's `ETag` header (same hash of key and `updated_at`), in single reads,
list items and embedded rows alike: a person read from a list can be changed with `If-Match`
without a second GET, and a client keeps the version with the data instead of in a side table.
"""

from datetime import datetime
from typing import Any

from fastapi import Response
from pydantic import BaseModel, computed_field

from secondround.api.etag import resource_etag

ETAG_DESCRIPTION = "This version's entity tag, equal to its ETag header: send it as If-Match to change or delete it."


class VersionedRead(BaseModel):
    """A representation of a row with a version: `id` (or `etag_key`) and `updated_at`."""

    updated_at: datetime

    def etag_key(self) -> Any:
        return getattr(self, "id")  # noqa: B009 - every subclass but the keyed ones has an id

    @computed_field(description=ETAG_DESCRIPTION)  # type: ignore[prop-decorator]
    @property
    def etag(self) -> str:
        return resource_etag(self, self.etag_key())


def serialized(model: BaseModel, response: Response, status_code: int = 200) -> Response:
    """`model` as the JSON response, serialised once, with the headers set on `response` (ETag,
    Link, Location) and its status code if one was set there. Returned as a model, FastAPI would
    dump it to a dict, validate that again against the response model and only then serialise it:
    for a page of 50 that doubled the cost of the response (docs/decisions.md). The route still
    declares its response model for OpenAPI, and schemathesis checks every body against it
    (tests/contract/test_fuzzing.py, response_schema_conformance)."""
    status = response.status_code or status_code  # FastAPI's injected response has none until set
    out = Response(model.__pydantic_serializer__.to_json(model), status, media_type="application/json")
    out.headers.raw.extend(response.headers.raw)
    return out
