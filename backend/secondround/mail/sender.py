"""Sending over SMTP with the standard library: one connection per batch, STARTTLS when configured,
sign-in when a user name is set, a timeout on the connection and on every command. Runs in a worker
thread (smtplib blocks); `stopping` is looked at between mails so a shutdown hands the rest back."""

import smtplib
import ssl
import threading
from email.message import EmailMessage
from email.utils import formatdate

from secondround.config import Settings
from secondround.mail.outbox import MailClaim, SendOutcome


def build_message(settings: Settings, item: MailClaim) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = item.recipient
    message["Subject"] = item.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = item.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    for name, value in item.headers.items():
        message[name] = value
    message.set_content(item.body_text)
    if item.body_html:
        message.add_alternative(item.body_html, subtype="html")
    return message


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = ", ".join(f"{code} {text.decode(errors='replace')}" for code, text in error.recipients.values())
        return f"The mail server refused the recipient: {codes}"
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"The mail server answered {error.smtp_code}: {text}"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return f"The mail server cannot do what the settings ask ({error}); check SECONDROUND_SMTP_STARTTLS."
    if isinstance(error, (TimeoutError, smtplib.SMTPServerDisconnected)):
        return f"The mail server did not answer in time or hung up ({type(error).__name__})."
    return f"Could not reach the mail server: {error}"


def _permanent(error: BaseException) -> bool:
    """A 5xx about the recipient or the message will answer the same next time; anything else
    (a server down, a 4xx, a sign-in the operator will fix) is worth another try."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def connect(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host
    server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds)
    try:
        server.ehlo()
        if settings.smtp_starttls:
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if settings.smtp_username:
            server.login(settings.smtp_username, settings.smtp_password or "")
    except BaseException:
        server.close()
        raise
    return server


def send_batch(
    settings: Settings, claims: list[MailClaim], stopping: threading.Event
) -> list[tuple[MailClaim, SendOutcome]]:
    """Send each claimed mail in order, until done or `stopping` is set; the ones not tried are
    left out of the answer (the caller hands them back)."""
    if not claims or stopping.is_set():
        return []
    try:
        server = connect(settings)
    except (OSError, smtplib.SMTPException) as error:
        # Nothing can go out: every mail of the batch was tried and waits for its retry.
        return [(item, SendOutcome(False, _describe(error))) for item in claims]
    done: list[tuple[MailClaim, SendOutcome]] = []
    try:
        for item in claims:
            if stopping.is_set():
                break
            try:
                server.send_message(build_message(settings, item))
            except (OSError, smtplib.SMTPException) as error:
                done.append((item, SendOutcome(False, _describe(error), permanent=_permanent(error))))
                if isinstance(error, (OSError, smtplib.SMTPServerDisconnected)):
                    # The connection is gone: the rest of the batch waits for its retry too.
                    done += [(rest, SendOutcome(False, _describe(error))) for rest in claims[len(done) :]]
                    break
            else:
                done.append((item, SendOutcome(True)))
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return done
