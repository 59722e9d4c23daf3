"""Keep secrets that travel in URLs out of the access log.

The calendar feed's token can only arrive in the query string (calendar apps send no headers),
so every `token=` value is masked before uvicorn's access log writes the line.
"""

import logging
import re

_TOKEN_IN_QUERY = re.compile(r"([?&]token=)[^&#\s\"]*")


class RedactQueryTokens(logging.Filter):
    """Masks `token=` query values in access-log records: the feed's secret arrives in the URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_TOKEN_IN_QUERY.sub(r"\1REDACTED", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _TOKEN_IN_QUERY.sub(r"\1REDACTED", record.msg)
        return True


def install_token_redaction(logger_name: str = "uvicorn.access") -> None:
    """Attach the redaction filter to the server's access log (once, however many apps are made)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RedactQueryTokens) for f in logger.filters):
        logger.addFilter(RedactQueryTokens())
