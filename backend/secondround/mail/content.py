"""A mail as the builders make it: subject, text, optional HTML and extra header fields. Pure."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
