"""A plan that holds during the day (issue 16, item 3).

- `interviewers.cancelled`: the meeting will not happen. The person is kept (and what was recorded
  with them), the plan gives their unasked questions to the others.
- `round_questions.marked_for_interviewer_id`: the person a question was marked asked, answered or
  skipped with, so it stays on their card whatever happens to the panel afterwards. Deleting that
  person forgets it (SET NULL): the question is planned again, its status and notes kept.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('round_questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('marked_for_interviewer_id', sa.Uuid(), nullable=True))
        batch_op.create_index('ix_round_questions_marked_for', ['marked_for_interviewer_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_round_questions_marked_for_interviewer_id_interviewers'),
            'interviewers', ['marked_for_interviewer_id'], ['id'], ondelete='SET NULL',
        )


def downgrade() -> None:
    with op.batch_alter_table('round_questions', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_round_questions_marked_for_interviewer_id_interviewers'), type_='foreignkey'
        )
        batch_op.drop_index('ix_round_questions_marked_for')
        batch_op.drop_column('marked_for_interviewer_id')

    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.drop_column('cancelled')
