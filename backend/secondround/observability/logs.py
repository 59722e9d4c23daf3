"""Log records as JSON lines or as readable text, from our code and from uvicorn alike.

Every record goes through the standard library's logging (uvicorn, SQLAlchemy and our modules all
log there); structlog's ProcessorFormatter renders them, after adding the time, the level, the
logger, the request id of the request under way (asgi-correlation-id) and any structured fields
passed as `extra`. `SECONDROUND_LOG_FORMAT=json` gives one JSON object per line (the container's
default); `console` gives aligned text for a terminal. Secrets never get this far: the access log
masks token parameters in paths (server/log_redaction.py) and no record carries a header.
"""

import logging
import logging.config
import sys
from typing import Any, Literal

import structlog
from asgi_correlation_id.context import correlation_id

from secondround.server.log_redaction import redact_tokens

LogFormat = Literal["console", "json"]


def _add_request_id(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    request_id = correlation_id.get()
    if request_id and "request_id" not in event:
        event["request_id"] = request_id
    return event


def _redact(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    event.pop("color_message", None)  # uvicorn's copy of the message with terminal colours
    message = event.get("event")
    if isinstance(message, str):
        event["event"] = redact_tokens(message)
    return event


def _pre_chain() -> list[Any]:
    return [
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),  # fields given as log.info(..., extra={...})
        _add_request_id,
        _redact,
    ]


def _renderer(fmt: LogFormat) -> Any:
    if fmt == "json":
        return structlog.processors.JSONRenderer()
    return structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty(), pad_event=0)


def logging_config(fmt: LogFormat, level: str = "INFO", *, access_log: bool = True) -> dict[str, Any]:
    """A `logging.config.dictConfig` document: what uvicorn applies at start (`log_config`), and what
    `configure_logging` applies in the other processes (the worker, the CLI)."""
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [structlog.stdlib.ProcessorFormatter.remove_processors_meta, _renderer(fmt)],
                "foreign_pre_chain": _pre_chain(),
            }
        },
        "handlers": {
            "default": {"class": "logging.StreamHandler", "formatter": "structured", "stream": "ext://sys.stderr"}
        },
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            # uvicorn's own handlers are replaced: its records reach the root handler like ours.
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": level, "propagate": True},
            "alembic": {"level": "WARNING"},  # its plugin set-up lines say nothing to an operator
            # Our access log (observability/access_log.py) replaces uvicorn's, which has no duration.
            "secondround.access": {"level": level if access_log else "WARNING"},
        },
    }


def configure_logging(fmt: LogFormat, level: str = "INFO") -> None:
    """Apply the configuration to this process, for records logged with structlog too."""
    logging.config.dictConfig(logging_config(fmt, level))
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_pre_chain(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
