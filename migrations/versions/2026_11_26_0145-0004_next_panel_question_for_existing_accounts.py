"""Accounts made before the closing block get its "who will I meet next" starter question.

New accounts get it from the starter kit; without this, an older account's round 1 would close
without asking for the next panel's names and roles. Skipped for an account that already has a
question marked asks_next_panel, and for one whose bank is already at the default question cap
(2,000; a migration cannot read the deployment's setting), which can add its own. Data only: the downgrade keeps the questions (they are the user's
now, and may have been edited or recorded in rounds).

Revision ID: 0004
Revises: 0003_engine
Create Date: 2026-11-26 01:45:00.000000
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003_engine'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in accounts/starter_kit.py on the day of this revision (a migration must not import app code
# that may change later).
TEXT = "Who will I meet next, and what are their roles?"
DEFAULT_QUESTION_CAP = 2000

users = sa.table('users', sa.column('id', sa.Uuid))
questions = sa.table(
    'questions',
    sa.column('id', sa.Uuid), sa.column('owner_id', sa.Uuid), sa.column('application_id', sa.Uuid),
    sa.column('direction', sa.String), sa.column('text', sa.Text), sa.column('category', sa.String),
    sa.column('importance', sa.Integer), sa.column('minutes', sa.Integer), sa.column('archived', sa.Boolean),
    sa.column('recurring', sa.Boolean), sa.column('at_end', sa.Boolean), sa.column('asks_next_panel', sa.Boolean),
    sa.column('created_at', sa.DateTime(timezone=True)), sa.column('updated_at', sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    connection = op.get_bind()
    has_one = sa.select(questions.c.owner_id).where(questions.c.asks_next_panel.is_(True))
    full = (
        sa.select(questions.c.owner_id)
        .group_by(questions.c.owner_id)
        .having(sa.func.count() >= DEFAULT_QUESTION_CAP)
    )
    owners = connection.execute(
        sa.select(users.c.id).where(users.c.id.not_in(has_one), users.c.id.not_in(full))
    ).scalars().all()
    now = datetime.now(UTC)
    rows = [
        {
            'id': uuid.uuid4(), 'owner_id': owner, 'application_id': None, 'direction': 'ask', 'text': TEXT,
            'category': 'evaluation_process', 'importance': 3, 'minutes': 1, 'archived': False,
            'recurring': True, 'at_end': True, 'asks_next_panel': True, 'created_at': now, 'updated_at': now,
        }
        for owner in owners
    ]
    if rows:
        op.bulk_insert(questions, rows)


def downgrade() -> None:
    pass
