"""Revision 0023 adds the reminder's columns to `users` in place: an account's data survives it (on
SQLite a copied and dropped `users` table would cascade-delete every row that hangs off an account),
and existing accounts get the reminder on, from 07:00."""

import uuid

from sqlalchemy import insert, select, text

from secondround.db.migrations import downgrade, upgrade
from secondround.models import Question
from tests.db.test_migrations import insert_old_user, scratch_db

__all__ = ["scratch_db"]


def test_accounts_keep_their_data_and_get_the_reminder_on(scratch_db):
    url, engine = scratch_db
    upgrade(url, "0022")
    owner = uuid.uuid4()
    with engine.begin() as connection:
        insert_old_user(connection, owner)
        connection.execute(
            insert(Question).values(
                id=uuid.uuid4(), owner_id=owner, direction="ask", text="Kept?", category="teamwork", importance=3
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        kept = connection.execute(select(Question.text).where(Question.owner_id == owner)).scalars().all()
        reminder = connection.execute(text("SELECT daily_reminder, reminder_hour FROM users")).one()
    assert kept == ["Kept?"]
    assert (bool(reminder[0]), reminder[1]) == (True, 7)
    downgrade(url, "0022")
    with engine.connect() as connection:
        assert connection.execute(select(Question.text).where(Question.owner_id == owner)).scalars().all() == ["Kept?"]
