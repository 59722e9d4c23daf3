"""Revision 0020: recorded follow-ups become call entries; interviewers become contacts, one per
email within an account, else one per name within an application's company."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Boolean, DateTime, Text, Uuid, column, insert, select, table

from secondround.db.migrations import upgrade
from tests.db.test_migrations import insert_old_user, scratch_db

__all__ = ["scratch_db"]


def test_follow_ups_become_calls_and_interviewers_become_contacts(scratch_db):
    url, engine = scratch_db
    upgrade(url, "0016")
    now = datetime.now(UTC)

    def stamps() -> list:
        return [column("created_at", DateTime(timezone=True)), column("updated_at", DateTime(timezone=True))]

    applications = table(
        "applications",
        column("id", Uuid),
        column("owner_id", Uuid),
        *(column(name) for name in ("company", "position", "status", "next_round_sequence")),
        *stamps(),
    )
    rounds = table(
        "rounds",
        column("id", Uuid),
        column("owner_id", Uuid),
        column("application_id", Uuid),
        *(column(name) for name in ("sequence", "kind", "status", "outcome", "time_zone")),
        column("follow_up_on_is_manual", Boolean),
        column("followed_up_at", DateTime(timezone=True)),
        column("follow_up_note", Text),
        *stamps(),
    )
    people = table(
        "interviewers",
        column("id", Uuid),
        column("owner_id", Uuid),
        column("round_id", Uuid),
        *(column(name) for name in ("name", "email", "phone", "order", "break_after_minutes")),
        column("cancelled", Boolean),
        *stamps(),
    )
    owner, stranger = uuid.uuid4(), uuid.uuid4()
    initech, globex, theirs = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first, third, other, their_round = (uuid.uuid4() for _ in range(4))
    called_at = now - timedelta(days=3)
    with engine.begin() as connection:
        for user_id in (owner, stranger):
            insert_old_user(connection, user_id)
        for app_id, user_id, company in (
            (initech, owner, "Initech"),
            (globex, owner, "Globex"),
            (theirs, stranger, "Initech"),
        ):
            connection.execute(
                insert(applications).values(
                    id=app_id,
                    owner_id=user_id,
                    company=company,
                    position="Analyst",
                    status="interviewing",
                    next_round_sequence=3,
                    created_at=now,
                    updated_at=now,
                )
            )
        for round_id, user_id, app_id, sequence, followed, note in (
            (first, owner, initech, 1, called_at, "Left a voicemail"),
            (third, owner, initech, 2, None, None),
            (other, owner, globex, 1, None, None),
            (their_round, stranger, theirs, 1, called_at, None),
        ):
            connection.execute(
                insert(rounds).values(
                    id=round_id,
                    owner_id=user_id,
                    application_id=app_id,
                    sequence=sequence,
                    kind="other",
                    status="planned",
                    outcome="pending",
                    time_zone="UTC",
                    follow_up_on_is_manual=False,
                    followed_up_at=followed,
                    follow_up_note=note,
                    created_at=now,
                    updated_at=now,
                )
            )
        person = {}
        for key, user_id, round_id, name, email, phone in (
            ("dana1", owner, first, "Dana Ortega", "dana@initech.example.com", None),
            ("dana3", owner, third, "Dana O.", "DANA@initech.example.com", "+1 555 0100"),
            ("bill1", owner, first, "Bill Lumbergh", None, None),
            ("bill3", owner, third, "bill  lumbergh", None, None),
            ("bill_globex", owner, other, "Bill Lumbergh", None, None),
            ("theirs", stranger, their_round, "Dana Ortega", "dana@initech.example.com", None),
        ):
            person[key] = uuid.uuid4()
            connection.execute(
                insert(people).values(
                    id=person[key],
                    owner_id=user_id,
                    round_id=round_id,
                    name=name,
                    email=email,
                    phone=phone,
                    order=0,
                    break_after_minutes=0,
                    cancelled=False,
                    created_at=now,
                    updated_at=now,
                )
            )
    upgrade(url)
    entries = table(
        "activity_entries",
        *(column(n, Uuid) for n in ("round_id", "owner_id", "application_id")),
        column("kind"),
        column("text"),
        column("occurred_at", DateTime(timezone=True)),
    )
    contacts = table(
        "contacts",
        column("id", Uuid),
        column("owner_id", Uuid),
        column("name"),
        column("email"),
        column("phone"),
        column("company"),
    )
    links = table("interviewers", column("id", Uuid), column("contact_id", Uuid))
    with engine.connect() as connection:
        calls = connection.execute(select(entries)).all()
        assert sorted((c.round_id, c.kind, c.text) for c in calls) == sorted(
            [(first, "call", "Left a voicemail"), (their_round, "call", "")]
        )
        assert all(
            abs((c.occurred_at.replace(tzinfo=UTC) if c.occurred_at.tzinfo is None else c.occurred_at) - called_at)
            < timedelta(seconds=1)
            for c in calls
        )
        linked = dict(connection.execute(select(links.c.id, links.c.contact_id)).all())
        made = {c.id: c for c in connection.execute(select(contacts)).all()}
    assert linked[person["dana1"]] == linked[person["dana3"]]
    assert made[linked[person["dana1"]]].phone == "+1 555 0100"  # the later sighting filled it in
    assert made[linked[person["dana1"]]].email == "dana@initech.example.com"
    assert linked[person["bill1"]] == linked[person["bill3"]] != linked[person["bill_globex"]]
    assert linked[person["theirs"]] != linked[person["dana1"]] and made[linked[person["theirs"]]].owner_id == stranger
    assert len(made) == 4 and all(linked.values())
