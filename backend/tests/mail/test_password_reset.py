"""Password reset by email, against a real SMTP server on loopback: the mail and its link, a newer
link voiding the older one, the new password signing in while every old session is signed out, a
used, expired or unknown link refused with one problem, the same answer for an unknown email, and
the sign-in limits."""

import re
import statistics
import time
import uuid
from datetime import timedelta

from sqlalchemy import select, update
from sqlmodel import Session, col

from secondround.db.session import create_db_engine
from secondround.db.types import utcnow
from secondround.main import create_app
from secondround.models import MailMessage, PasswordResetToken
from tests.mail.conftest import deliver
from tests.support.accounts import PASSWORD, register_user, unique_email
from tests.support.assertions import assert_problem
from tests.support.serving import new_client, serve

RESET, CONFIRM = "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm"
NEW_PASSWORD = "a quite different passphrase for the reset"
LINK = re.compile(r"(?P<url>(?P<origin>http://[^/\s]+)/reset-password\?token=(?P<token>[A-Za-z0-9_-]+))")


def link_in(mail) -> re.Match:
    found = LINK.search(mail.text)
    assert found is not None, mail.text
    return found


def test_reset_end_to_end(mail_url, mail_settings, smtp, mail_user):
    anon = new_client(mail_url)
    r = anon.post(RESET, json={"email": mail_user.email.upper()})  # emails are compared without case
    assert r.status_code == 202, r.text
    assert r.json() == {
        "detail": "If an account uses that email, a link to choose a new password is on its way. "
        "It works for 30 minutes."
    }
    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 1)
    first = smtp.inbox.to(mail_user.email)[0]
    assert first.subject == "Choose a new secondround password"
    assert first.message["From"] == "secondround <reminders@secondround.test>" and first.to == mail_user.email
    assert "works once, for 30 minutes" in first.text and "signs you out everywhere else" in first.text
    first_link = link_in(first)
    assert first_link["origin"] == mail_url
    assert first_link["url"].startswith(f"{mail_url}/reset-password?token=srr_")  # the web app's page (tests/web)

    # A newer request voids the older link.
    assert anon.post(RESET, json={"email": mail_user.email}).status_code == 202
    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 2)
    second_link = link_in(smtp.inbox.to(mail_user.email)[1])
    assert second_link["token"] != first_link["token"]
    stale = anon.post(CONFIRM, json={"token": first_link["token"], "password": NEW_PASSWORD})
    problem = assert_problem(stale, 400)
    assert problem["type"] == "/problems/link-invalid"
    assert problem["detail"] == (
        "This password reset link no longer works: it was used already, it expired, or a newer link replaced it. "
        "Ask for a new one."
    )

    # A weak password is refused as at registration, and the link still works afterwards.
    weak = anon.post(CONFIRM, json={"token": second_link["token"], "password": "password1234"})
    assert_problem(weak, 422)
    assert weak.json()["errors"][0]["type"] == "password_too_weak"

    session = new_client(mail_url)
    assert session.post("/api/v1/auth/login", json={"email": mail_user.email, "password": PASSWORD}).status_code == 200
    assert mail_user.get("/api/v1/me").status_code == 200
    done = anon.post(CONFIRM, json={"token": second_link["token"], "password": NEW_PASSWORD})
    assert done.status_code == 200, done.text
    assert (
        done.json()["email"] == mail_user.email
        and done.json()["detail"] == "Your new password is set. Sign in with it."
    )
    assert done.json()["revoked"]["other_sessions"] >= 2 and done.headers["cache-control"] == "no-store"
    # Every old session and token is signed out; the old password no longer signs in, the new one does.
    assert mail_user.get("/api/v1/me").status_code == 401
    assert session.get("/api/v1/me").status_code == 401
    old = anon.post("/api/v1/auth/token", data={"username": mail_user.email, "password": PASSWORD})
    assert old.status_code == 401
    new = anon.post("/api/v1/auth/token", data={"username": mail_user.email, "password": NEW_PASSWORD})
    assert new.status_code == 200, new.text
    # The link works once.
    again = anon.post(CONFIRM, json={"token": second_link["token"], "password": NEW_PASSWORD + " again"})
    assert assert_problem(again, 400)["type"] == "/problems/link-invalid"
    unknown = anon.post(CONFIRM, json={"token": "srr_not-a-token-we-made", "password": NEW_PASSWORD})
    assert assert_problem(unknown, 400)["type"] == "/problems/link-invalid"
    # The sent mail keeps no body in the outbox: the link was a secret.
    with Session(create_db_engine(mail_settings.sqlalchemy_url)) as db:
        bodies = db.execute(
            select(col(MailMessage.state), col(MailMessage.body_text)).where(
                col(MailMessage.recipient) == mail_user.email
            )
        ).all()
    assert bodies == [("sent", ""), ("sent", "")]
    anon.close()
    session.close()


def test_an_expired_link_is_refused(mail_url, mail_settings, smtp, mail_user):
    anon = new_client(mail_url)
    assert anon.post(RESET, json={"email": mail_user.email}).status_code == 202
    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 1)
    token = link_in(smtp.inbox.to(mail_user.email)[0])["token"]
    engine = create_db_engine(mail_settings.sqlalchemy_url)
    with engine.begin() as connection:  # 31 minutes later
        connection.execute(
            update(PasswordResetToken)
            .where(col(PasswordResetToken.user_id) == uuid.UUID(mail_user.id))
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    engine.dispose()
    r = anon.post(CONFIRM, json={"token": token, "password": NEW_PASSWORD})
    assert assert_problem(r, 400)["type"] == "/problems/link-invalid"
    assert anon.post("/api/v1/auth/token", data={"username": mail_user.email, "password": PASSWORD}).status_code == 200
    anon.close()


def test_an_unknown_email_gets_the_same_answer_in_about_the_same_time_and_no_mail(
    mail_url, mail_settings, smtp, mail_user
):
    anon = new_client(mail_url)
    nobody = unique_email("nobody")
    answers, seconds = {}, {"known": [], "unknown": []}
    for _ in range(3):
        for who, email in (("known", mail_user.email), ("unknown", nobody)):
            started = time.perf_counter()
            r = anon.post(RESET, json={"email": email})
            seconds[who].append(time.perf_counter() - started)
            answers[who] = (r.status_code, r.json(), r.headers["content-type"])
    assert answers["known"] == answers["unknown"]
    # Both answer no sooner than the floor the route holds to (RESET_ANSWER_SECONDS).
    assert min(seconds["known"] + seconds["unknown"]) >= 0.25
    print(
        "reset answer medians (s): known",
        round(statistics.median(seconds["known"]), 4),
        "unknown",
        round(statistics.median(seconds["unknown"]), 4),
    )
    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 3)
    assert smtp.inbox.to(nobody) == []
    anon.close()


def test_reset_requests_count_against_the_sign_in_limits(mail_settings, smtp):
    app = create_app(mail_settings.model_copy(update={"auth_rate_limit": "4/minute"}))
    with serve(app) as url:
        known = register_user(url, "limited")  # registering and signing in were two attempts already
        anon = new_client(url)
        for email, allowed in ((known.email, 2), (unique_email("limited-nobody"), 4)):
            assert [anon.post(RESET, json={"email": email}).status_code for _ in range(allowed)] == [202] * allowed
            refused = anon.post(RESET, json={"email": email})
            problem = assert_problem(refused, 429)
            assert int(refused.headers["retry-after"]) > 0
            assert problem["detail"].startswith("Too many sign-in attempts for this account; try again in")
        anon.close()
        known.client.close()


def test_without_an_smtp_host_nothing_is_queued(client, user, settings):
    assert not settings.mail_enabled
    r = client.post(RESET, json={"email": user.email})
    assert r.status_code == 202
    changed = user.patch("/api/v1/me", json={"email": unique_email("moved"), "current_password": PASSWORD})
    assert changed.status_code == 200, changed.text
    with Session(create_db_engine(settings.sqlalchemy_url)) as db:
        assert db.execute(select(MailMessage).where(col(MailMessage.owner_id) == uuid.UUID(user.id))).first() is None
        owned = col(PasswordResetToken.user_id) == uuid.UUID(user.id)
        assert db.execute(select(PasswordResetToken).where(owned)).first() is None


def test_with_starttls_on_a_server_that_cannot_do_it_gets_no_mail_in_clear(mail_url, mail_settings, smtp, mail_user):
    anon = new_client(mail_url)
    assert anon.post(RESET, json={"email": mail_user.email}).status_code == 202
    engine = create_db_engine(mail_settings.sqlalchemy_url)

    def refused() -> tuple[int, str | None]:
        with Session(engine) as db:
            row = db.execute(
                select(col(MailMessage.attempts), col(MailMessage.last_error)).where(
                    col(MailMessage.recipient) == mail_user.email
                )
            ).one()
        return int(row[0]), row[1]

    deliver(mail_settings, lambda: refused()[0] >= 1, smtp_starttls=True)
    attempts, error = refused()
    assert error is not None and "STARTTLS" in error, error
    assert smtp.inbox.to(mail_user.email) == [], "nothing was sent before the connection was encrypted"
    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 1)  # retried, without STARTTLS
    engine.dispose()
    anon.close()
