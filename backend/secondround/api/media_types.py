"""Request bodies in a format the operation does not read are refused with 415 (RFC 9110, 15.5.16),
once for every route: `text/plain` on a JSON operation is not "invalid JSON fields" (422) but the
wrong kind of body. The answer lists what the operation reads in `Accept-Post` (a POST) or
`Accept-Patch` (a PATCH, RFC 5789)."""

from email.message import Message
from typing import Any

from fastapi import Request
from fastapi.params import Form

from secondround.api.problems import UnsupportedMediaType

JSON = "application/json"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
_read_by_route: dict[int, tuple[str, ...]] = {}


def reads(*media_types: str) -> Any:
    """Marks a route that reads its body itself, in these media types (the round import takes JSON or
    an .ics invitation, `text/calendar`): any other is refused here with 415, as for every route."""

    def mark(endpoint: Any) -> Any:
        endpoint.body_media_types = tuple(media_types)
        return endpoint

    return mark


def _reads(route: Any) -> tuple[str, ...]:
    """The media types a route's body may come in; () when it takes no body."""
    found = _read_by_route.get(id(route))
    if found is None:
        field = getattr(route, "body_field", None)
        declared = getattr(getattr(route, "endpoint", None), "body_media_types", None)
        if declared is not None:
            found = declared
        elif field is None:
            found = ()
        elif isinstance(field.field_info, Form):
            found = FORMS
        else:
            found = (JSON,)
        _read_by_route[id(route)] = found
    return found


def answers_unreadable_bodies_itself(endpoint: Any) -> Any:
    """Marks a route that answers a body it cannot read in its own protocol's words (the OAuth token
    and revocation endpoints: RFC 6749's `invalid_request`, which OAuth client libraries read)."""
    endpoint.answers_unreadable_bodies_itself = True
    return endpoint


def media_type_of(content_type: str) -> str:
    """`text/calendar; charset=utf-8` -> `text/calendar` (lower case, parameters dropped)."""
    return _media_type(content_type)


def _media_type(content_type: str) -> str:
    message = Message()
    message["content-type"] = content_type
    return message.get_content_type()  # lower case, parameters dropped; text/plain when unreadable


def _readable(media_type: str, reads: tuple[str, ...]) -> bool:
    if media_type in reads:
        return True
    # Structured-syntax suffix (RFC 6839): application/merge-patch+json and the like are JSON.
    return JSON in reads and media_type.startswith("application/") and media_type.endswith("+json")


async def refuse_unreadable_bodies(request: Request) -> None:
    """A router dependency: a body whose Content-Type the matched route does not read is a 415."""
    route = request.scope.get("route")
    if getattr(getattr(route, "endpoint", None), "answers_unreadable_bodies_itself", False):
        return
    reads = _reads(route)
    headers = request.headers
    has_body = headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in headers
    if not reads or not has_body:
        return
    content_type = headers.get("content-type")
    if content_type is not None and _readable(_media_type(content_type), reads):
        return
    offered = ", ".join(reads)
    fields = {"Accept-Post": offered} if request.method == "POST" else {}
    if request.method == "PATCH":
        fields = {"Accept-Patch": offered}
    sent = (
        f"a body of type {content_type.split(';')[0].strip()[:100]}" if content_type else "a body without Content-Type"
    )
    raise UnsupportedMediaType(f"This operation reads {' or '.join(reads)}; it was sent {sent}.", headers=fields)
