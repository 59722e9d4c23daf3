"""Keep secrets that travel in URLs out of the access log.

The calendar feed's token can only arrive in the query string (calendar apps send no headers),
so its value is masked before uvicorn's access log writes the line. The feed accepts only the
exact spelling `token`, but the log masks every parameter whose name, once percent-decoded and
case-folded, mentions a token, and splits on `;` as well as `&`: whatever a client wrote, the
secret it sent stays out of the log.
"""

import logging
import re
from urllib.parse import unquote_plus

# One `name=value` pair of a query or a path parameter: after `?`, `&` or `;`, up to the next
# separator, fragment, whitespace or quote (the end of the request target in the log line).
# Uvicorn logs the path percent-encoded, so `/calendar.ics;token=...` reaches the log as
# `/calendar.ics%3Btoken%3D...`: the encoded `;`, `&` and `=` count as well.
_SEP = r"[&;]|%26|%3[bB]"
_QUERY_PAIR = re.compile(
    rf"(?P<lead>\?|{_SEP})(?P<name>(?:(?!{_SEP}|=|%3[dD])[^#\s\"])*)(?P<eq>=|%3[dD])(?P<value>(?:(?!{_SEP})[^#\s\"])*)"
)
# A feed token wherever it stands (in a path segment, after another name): its prefix gives it away.
_FEED_TOKEN = re.compile(r"srcal(?:_|%5[fF])[A-Za-z0-9_%-]+")
MASK = "REDACTED"


def _mask_pair(match: re.Match[str]) -> str:
    if "token" in unquote_plus(match["name"]).casefold():
        return f"{match['lead']}{match['name']}{match['eq']}{MASK}"
    return match[0]


def redact_tokens(text: str) -> str:
    """`text` with the value of every token-like parameter, and every feed token, masked."""
    if "=" in text or "%3" in text:
        text = _QUERY_PAIR.sub(_mask_pair, text)
    return _FEED_TOKEN.sub(f"srcal_{MASK}", text) if "srcal" in text else text


class RedactQueryTokens(logging.Filter):
    """Masks token query values in access-log records: the feed's secret arrives in the URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_tokens(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact_tokens(record.msg)
        return True


def install_token_redaction(logger_name: str = "uvicorn.access") -> None:
    """Attach the redaction filter to the server's access log (once, however many apps are made)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RedactQueryTokens) for f in logger.filters):
        logger.addFilter(RedactQueryTokens())
