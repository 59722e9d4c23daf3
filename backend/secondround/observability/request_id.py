"""The request id: taken from the client's or the proxy's `X-Request-ID` when it is a sane token,
else made here (a UUID); echoed in the answer and written on every log line of the request."""

import re

REQUEST_ID_HEADER = "X-Request-ID"

# What proxies and tracing tools send (UUIDs, nginx's 32 hex digits, ULIDs, dotted trace ids), and
# nothing that could forge a log line or fill it: no spaces, quotes or control characters.
_SANE = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def acceptable_request_id(value: str) -> bool:
    return _SANE.fullmatch(value) is not None
