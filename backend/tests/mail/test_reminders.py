"""The daily reminder against a real SMTP server: what it lists (overdue and today's follow-ups with
whom to call, people not yet thanked for a round of the last 24 hours, offers to answer), its links
and unsubscribe headers, once a day, no mail when nothing is due, unsubscribing by the link and by
RFC 8058 one-click, and the notice to the old address when the sign-in email changes; the worker
retries while the SMTP server is down and sends once when it is back; on PostgreSQL two workers
send each account one reminder."""

import asyncio
import re
from datetime import UTC, datetime, timedelta

from secondround.db.session import Database, DatabaseLimits
from secondround.mail.worker import MailWorker
from tests.mail.conftest import deliver, deliver_for
from tests.support.accounts import PASSWORD, register_user, unique_email
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round
from tests.support.databases import only_on_postgres
from tests.support.event_loop import run_async
from tests.support.serving import new_client

UNSUBSCRIBE = "/api/v1/mail/unsubscribe"


def morning_now(user) -> None:
    """The reminder hour at midnight: the account's reminder is due whenever the test runs."""
    r = user.patch("/api/v1/me", json={"reminder_hour": 0})
    assert r.status_code == 200 and r.json()["reminder_hour"] == 0 and r.json()["daily_reminder"] is True


def test_the_daily_reminder_lists_what_is_due_once_with_its_links(mail_url, mail_settings, smtp, mail_user):
    assert mail_user.patch("/api/v1/me", json={"display_name": "Ana"}).status_code == 200
    morning_now(mail_user)
    today = datetime.now(UTC).date()  # the account's zone is UTC
    acme = create_application(mail_user, company="Acme", position="Engineer")
    overdue = create_round(mail_user, acme["id"], follow_up_on=(today - timedelta(days=2)).isoformat())
    create_interviewer(mail_user, overdue["id"], name="Maria Jensen", phone="+47 555 01 234")
    globex = create_application(mail_user, company="Globex", position="Analyst")
    create_round(mail_user, globex["id"], kind="first", follow_up_on=today.isoformat())
    create_round(mail_user, globex["id"], kind="final", follow_up_on=(today + timedelta(days=3)).isoformat())
    # A round that ended two hours ago: Ole is still to be thanked, Kari was.
    start = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    met = create_round(mail_user, globex["id"], kind="final", scheduled_at=start.isoformat(), duration_minutes=60)
    create_interviewer(mail_user, met["id"], name="Ole Hansen")
    kari = create_interviewer(mail_user, met["id"], name="Kari Nordmann")
    sent = mail_user.post(f"/api/v1/rounds/{met['id']}/thank-you-notes/{kari['id']}/sent", json={})
    assert sent.status_code in (200, 201), sent.text
    offer = mail_user.post(
        "/api/v1/offers",
        json={
            "application_id": globex["id"],
            "stage": "written",
            "base_amount": 72000,
            "currency": "EUR",
            "respond_by": (today + timedelta(days=1)).isoformat(),
        },
    )
    assert offer.status_code == 201, offer.text

    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 1)
    mail = smtp.inbox.to(mail_user.email)[0]
    assert mail.subject.startswith(f"Today, {today.strftime('%A')} {today.day} {today.strftime('%B')}: ")
    assert mail.subject.endswith("2 follow-ups, 1 thank-you note and 1 offer to answer")
    text = mail.text
    assert text.startswith("Good morning Ana,\n")
    assert "Follow-ups overdue\n- Follow up on the second interview at Acme (Engineer). It was due on" in text
    assert "2 days ago. Whom to call: Maria Jensen." in text
    assert "Follow-ups due today\n- Follow up on the first interview at Globex (Analyst). It is due today." in text
    assert "final interview at Globex (Analyst). It is due" not in text, "a follow-up in three days waits"
    assert "Thank-you notes to send\n- Thank Ole Hansen for the final interview at Globex (Analyst)" in text
    assert "Kari Nordmann" not in text
    assert "Offers to answer\n- The written offer from Globex (Analyst): answer it by" in text and "in 1 day." in text
    assert f"Open: {mail_url}/follow-ups" in text and f"Open: {mail_url}/offers" in text
    html = mail.html or ""
    assert "<li>Thank Ole Hansen for the final interview at Globex (Analyst)" in html
    assert f'href="{mail_url}/settings"' in html
    # The unsubscribe link (the web app's page) and the one-click header (RFC 8058) carry one token.
    page = re.search(rf"Stop the daily reminder: {re.escape(mail_url)}/unsubscribe\?token=(\S+)", text)
    assert page is not None
    header = mail.message["List-Unsubscribe"]
    assert header == f"<{mail_url}{UNSUBSCRIBE}?token={page[1]}>"
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.message["Auto-Submitted"] == "auto-generated" and mail.message["Message-ID"]

    # Once a day: the worker looks again and again, and sends nothing more.
    deliver_for(mail_settings, 0.6)
    assert len(smtp.inbox.to(mail_user.email)) == 1

    # One click from the mail program: a form POST to the header's address, no sign-in.
    anon = new_client(mail_url)
    one_click = anon.post(
        header.strip("<>").removeprefix(mail_url),
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200, one_click.text
    assert one_click.json() == {
        "detail": "The daily reminder is off. You can turn it on again in Settings.",
        "daily_reminder": False,
    }
    assert mail_user.get("/api/v1/me").json()["daily_reminder"] is False
    # On again in Settings; the page's button posts the link's token with no body.
    assert mail_user.patch("/api/v1/me", json={"daily_reminder": True}).json()["daily_reminder"] is True
    by_link = anon.post(UNSUBSCRIBE, params={"token": page[1]})
    assert by_link.status_code == 200, by_link.text
    assert mail_user.get("/api/v1/me").json()["daily_reminder"] is False
    # A token cut short, or made up, is refused in plain words.
    for bad in (page[1][:-3], "AAAAAAAAAAAAAAAAAAAAAA.forged"):
        problem = assert_problem(anon.post(UNSUBSCRIBE, params={"token": bad}), 400)
        assert problem["type"] == "/problems/link-invalid" and "Settings" in problem["detail"]
    anon.close()


def test_nothing_due_means_no_mail_and_an_account_with_it_off_gets_none(mail_url, mail_settings, smtp, make_user):
    quiet = register_user(mail_url, "quiet")
    morning_now(quiet)
    create_application(quiet)  # nothing due in it
    off = register_user(mail_url, "off")
    morning_now(off)
    assert off.patch("/api/v1/me", json={"daily_reminder": False}).status_code == 200
    application = create_application(off)
    create_round(off, application["id"], follow_up_on=datetime.now(UTC).date().isoformat())
    deliver_for(mail_settings, 0.6)
    assert smtp.inbox.to(quiet.email) == [] and smtp.inbox.to(off.email) == []
    quiet.client.close()
    off.client.close()


def test_a_changed_email_is_told_to_the_old_address_and_a_server_down_then_back_gets_it_once(
    mail_url, mail_settings, smtp, mail_user
):
    old, new = mail_user.email, unique_email("moved")
    smtp.stop()
    try:
        r = mail_user.patch("/api/v1/me", json={"email": new, "current_password": PASSWORD})
        assert r.status_code == 200, r.text
        metrics = new_client(mail_url).get("/metrics").text
        assert re.search(r"^secondround_mail_outbox_pending [1-9]", metrics, re.M), metrics
        # The server is down: every attempt fails and waits its retry.
        attempts = []

        def tried_twice() -> bool:
            from sqlalchemy import select
            from sqlmodel import Session, col

            from secondround.db.session import create_db_engine
            from secondround.models import MailMessage

            engine = create_db_engine(mail_settings.sqlalchemy_url)
            with Session(engine) as db:
                row = db.execute(
                    select(col(MailMessage.attempts), col(MailMessage.last_error)).where(
                        col(MailMessage.recipient) == old
                    )
                ).one()
            engine.dispose()
            attempts[:] = [row]
            return row[0] >= 2

        deliver(mail_settings, tried_twice)
        assert attempts[0][1].startswith("Could not reach the mail server")
    finally:
        smtp.start()
    deliver(mail_settings, lambda: len(smtp.inbox.to(old)) == 1)
    deliver_for(mail_settings, 0.6)
    got = smtp.inbox.to(old)
    assert len(got) == 1 and smtp.inbox.to(new) == []
    assert got[0].subject == "Your secondround sign-in email was changed"
    assert f"changed from {old} to {new} on " in got[0].text and f"{mail_url}/forgot-password" in got[0].text


@only_on_postgres
def test_two_workers_send_each_account_one_reminder(mail_url, mail_settings, smtp):
    today = datetime.now(UTC).date()
    users = []
    for n in range(6):
        u = register_user(mail_url, f"pair-{n}")
        morning_now(u)
        application = create_application(u, company=f"Pair Co {n}")
        create_round(u, application["id"], follow_up_on=today.isoformat())
        users.append(u)

    async def both() -> None:
        databases = [Database(mail_settings.sqlalchemy_url, DatabaseLimits(pool_size=4)) for _ in range(2)]
        workers = [MailWorker(db, mail_settings, batch_size=2) for db in databases]
        try:
            # Both look at the same morning at once, then both send until every account has its mail.
            await asyncio.gather(*(w.scan_reminders() for w in workers))
            await asyncio.gather(*(w.scan_reminders() for w in workers))

            async def send(worker: MailWorker) -> None:
                for _ in range(200):
                    if all(smtp.inbox.to(u.email) for u in users):
                        return
                    if not await worker.run_once():
                        await asyncio.sleep(0.02)

            await asyncio.gather(*(send(w) for w in workers))
        finally:
            for db in databases:
                await db.dispose()

    run_async(both())
    deliver_for(mail_settings, 0.5)
    assert [len(smtp.inbox.to(u.email)) for u in users] == [1] * 6
    for u in users:
        u.client.close()
