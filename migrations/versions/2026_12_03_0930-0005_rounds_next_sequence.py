"""Each application keeps the number its next round gets, so a deleted round's number is never
given again (the highest one included: delete round 3 of 1, 2, 3 and the next round is 4).

Backfilled as one more than the highest sequence the application holds (1 without rounds): a
number deleted before this revision cannot be known any more, but none still in use is reused.
The downgrade drops the column; numbering then falls back to max(sequence) + 1.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

applications = sa.table('applications', sa.column('id', sa.Uuid), sa.column('next_round_sequence', sa.Integer))
rounds = sa.table('rounds', sa.column('application_id', sa.Uuid), sa.column('sequence', sa.Integer))


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_round_sequence', sa.Integer(), server_default='1', nullable=False))
    highest = (
        sa.select(sa.func.max(rounds.c.sequence))
        .where(rounds.c.application_id == applications.c.id)
        .scalar_subquery()
    )
    op.execute(applications.update().values(next_round_sequence=sa.func.coalesce(highest, 0) + 1))


def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('next_round_sequence')
