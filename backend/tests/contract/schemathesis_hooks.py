"""Schemathesis hooks for tests/contract/test_fuzzing.py (loaded through SCHEMATHESIS_HOOKS).

No text may hold a control character other than tab and line breaks, and a required name may not
be made only of invisible characters: the API description says both once (as for NUL, which
schemathesis.toml leaves out with `allow-x00`), because a pattern for them on every text made
generation much slower. Positive cases therefore get an `x` in place of such characters; negative
cases are sent as generated.

A new API key's `expires_at` must lie in the future, which a schema cannot say: a positive case
with one in the past gets it moved to a year from now.

An `Idempotency-Key` names one request: the same key with another request is a documented 422, and
the derandomized run sends the same few keys again and again. A positive case gets a fresh key
(tests/idempotency proves what a repeated key does).
"""

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis
from schemathesis import GenerationMode

from secondround.api.fields import is_invisible

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        value = _CONTROL.sub("x", value)
        return "x" + value[1:] if value and is_invisible(value) else value
    if isinstance(value, list):
        return [_visible(v) for v in value]
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in value.items()}
    return value


@schemathesis.hook
def map_case(context, case):
    # `_meta`, not `meta`: reading `meta` revalidates the case, and only cases actually changed
    # here are touched (an assignment marks the component for revalidation).
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and 1 <= len(key.strip()) <= 255 and key.isascii() and key.isprintable():
        case.headers = {**case.headers, "Idempotency-Key": str(uuid.uuid4())}  # valid keys only: any phase
    meta = case._meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return case
    for name in ("body", "query"):
        value = getattr(case, name)
        if isinstance(value, str | list | dict):
            visible = _visible(value)
            if visible != value:
                setattr(case, name, visible)
    if case.path == "/api/v1/api-keys" and case.method == "POST" and isinstance(case.body, dict):
        expiry = case.body.get("expires_at")
        if isinstance(expiry, str) and datetime.fromisoformat(expiry) < datetime.now(UTC) + timedelta(days=1):
            case.body = {**case.body, "expires_at": (datetime.now(UTC) + timedelta(days=365)).isoformat()}
    return case
