"""The day of the interview: closing block, deciding roles, time zones, run sheet, application questions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 00:00:46.553695
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The starter kit's closing question and deciding roles, as accounts created before this revision have them.
STARTER_CLOSING_QUESTION = "What are the next steps after today, and when can I expect to hear from you?"
STARTER_DECIDING_ROLES = ("Supervisor", "Owner / executive")


def upgrade() -> None:
    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('meeting_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('break_after_minutes', sa.Integer(), server_default='0', nullable=False))
        batch_op.alter_column('question_minutes', existing_type=sa.INTEGER(), nullable=True)

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('application_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('recurring', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('at_end', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_questions_application', ['application_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_questions_application_id_applications'),
            'applications', ['application_id'], ['id'], ondelete='CASCADE',
        )

    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deciding', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('round_questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('at_end', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('interviewer_id', sa.Uuid(), nullable=True))
        batch_op.create_index('ix_round_questions_interviewer', ['interviewer_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_round_questions_interviewer_id_interviewers'),
            'interviewers', ['interviewer_id'], ['id'], ondelete='SET NULL',
        )

    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), server_default='UTC', nullable=False))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), server_default='UTC', nullable=False))

    # Existing accounts get the new starter-kit rules for what they still have unchanged.
    questions = sa.table('questions', sa.column('text', sa.Text), sa.column('recurring', sa.Boolean),
                         sa.column('at_end', sa.Boolean))
    op.execute(questions.update().where(questions.c.text == STARTER_CLOSING_QUESTION)
               .values(recurring=True, at_end=True))
    roles = sa.table('roles', sa.column('name', sa.String), sa.column('deciding', sa.Boolean))
    op.execute(roles.update().where(roles.c.name.in_(STARTER_DECIDING_ROLES)).values(deciding=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('time_zone')

    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('time_zone')

    with op.batch_alter_table('round_questions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_round_questions_interviewer_id_interviewers'), type_='foreignkey')
        batch_op.drop_index('ix_round_questions_interviewer')
        batch_op.drop_column('interviewer_id')
        batch_op.drop_column('at_end')

    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.drop_column('deciding')

    # Application questions have no place in the older schema's bank.
    op.execute("DELETE FROM questions WHERE application_id IS NOT NULL")
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_questions_application_id_applications'), type_='foreignkey')
        batch_op.drop_index('ix_questions_application')
        batch_op.drop_column('at_end')
        batch_op.drop_column('recurring')
        batch_op.drop_column('application_id')

    op.execute("UPDATE interviewers SET question_minutes = 10 WHERE question_minutes IS NULL")
    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.alter_column('question_minutes', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('break_after_minutes')
        batch_op.drop_column('meeting_minutes')
        batch_op.drop_column('phone')
