"""Debriefs after a round, and thank-you notes marked sent (issue 19, items 1 and 4).

`debrief_revisions` is append-only: each save of a person's debrief adds a revision (the highest
is current), so nothing written is ever overwritten. `thank_you_notes_sent` holds one row per
person thanked: when, and the subject and body as sent.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'debrief_revisions',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('interviewer_id', sa.Uuid(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('impression', sa.Integer(), nullable=True),
        sa.Column('next_steps', sa.Text(), nullable=True),
        sa.Column('cared_about', sa.Text(), nullable=True),
        sa.Column('surprises', sa.Text(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('decision_date_named', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['interviewer_id'], ['interviewers.id'],
            name=op.f('fk_debrief_revisions_interviewer_id_interviewers'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_debrief_revisions_owner_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_debrief_revisions')),
        sa.UniqueConstraint('interviewer_id', 'revision', name='uq_debrief_revisions_interviewer_revision'),
    )
    with op.batch_alter_table('debrief_revisions', schema=None) as batch_op:
        batch_op.create_index('ix_debrief_revisions_owner_created', ['owner_id', 'created_at'], unique=False)

    op.create_table(
        'thank_you_notes_sent',
        sa.Column('interviewer_id', sa.Uuid(), nullable=False),
        sa.Column('round_id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['interviewer_id'], ['interviewers.id'],
            name=op.f('fk_thank_you_notes_sent_interviewer_id_interviewers'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_thank_you_notes_sent_owner_id_users'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['round_id'], ['rounds.id'], name=op.f('fk_thank_you_notes_sent_round_id_rounds'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('interviewer_id', name=op.f('pk_thank_you_notes_sent')),
    )
    with op.batch_alter_table('thank_you_notes_sent', schema=None) as batch_op:
        batch_op.create_index('ix_thank_you_notes_sent_round', ['round_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('thank_you_notes_sent', schema=None) as batch_op:
        batch_op.drop_index('ix_thank_you_notes_sent_round')
    op.drop_table('thank_you_notes_sent')
    with op.batch_alter_table('debrief_revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_debrief_revisions_owner_created')
    op.drop_table('debrief_revisions')
