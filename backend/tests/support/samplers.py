"""Small valid values for a JSON schema: enough to build a request body that passes validation."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.accounts import PASSWORD, unique_email
from tests.support.routes import resolve_schema


def future(days: int = 180) -> datetime:
    """A moment safely in the future, whatever today is (a fixed year would expire)."""
    return (datetime.now(UTC) + timedelta(days=days)).replace(hour=8, minute=0, second=0, microsecond=0)


def sample_value(app, schema: dict, name: str = "", ids: dict[str, str] | None = None) -> Any:
    """A small valid value for a JSON schema."""
    schema = resolve_schema(app, schema)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object":
        return {
            field: sample_value(app, schema["properties"][field], field, ids) for field in schema.get("required", [])
        }
    if kind == "array":  # as short as the schema allows
        return [sample_value(app, schema["items"], name, ids) for _ in range(schema.get("minItems", 0))]
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if name == "password" or fmt == "password":
        return PASSWORD  # passwords must pass the strength check
    if fmt == "email" or name in ("email", "username"):
        return unique_email("sample")
    if "pattern" in schema and schema.get("examples"):
        return schema["examples"][0]  # a pattern says more than a length: its example fits it (a currency)
    if fmt == "uuid":
        return (ids or {}).get(name, str(uuid.uuid4()))
    if name == "url":
        # A webhook's URL is resolved when saved (webhooks/address_guard.py): a name needs DNS, which a
        # test machine may lack; loopback is allowed in the tests' settings.
        return "http://127.0.0.1:9/page"
    if fmt in ("uri", "url") or name.endswith("url"):
        return "https://example.com/page"
    if fmt == "date-time":
        return future().isoformat()
    if fmt == "date":
        return future().date().isoformat()
    return "Sample text " + "x" * max(0, schema.get("minLength", 1) - 12)
