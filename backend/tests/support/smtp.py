"""A real SMTP server on loopback (aiosmtpd) that keeps what arrives, to read in a test; it can be
stopped and started again on the same port (a mail server that is down, then back)."""

import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session


@dataclass(frozen=True)
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content()).replace("\r\n", "\n")

    @property
    def html(self) -> str | None:
        part = self.message.get_body(preferencelist=("html",))
        return str(part.get_content()).replace("\r\n", "\n") if part is not None else None


class Inbox:
    """The aiosmtpd handler: every message accepted, parsed and kept in arrival order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._received: list[Received] = []

    async def handle_DATA(self, _server: object, _session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self._received.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        with self._lock:
            return [r for r in self._received if address.lower() in (a.lower() for a in r.recipients)]

    @property
    def all(self) -> list[Received]:
        with self._lock:
            return list(self._received)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._controller: Controller | None = None

    def start(self) -> "SmtpServer":
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
