"""Offers (verbal, then written, with the earlier terms kept) and practice cards (spaced repetition).

`offers` holds an application's offers: the figures, the dates, the status, and in `history` every
earlier set of terms (the verbal figures once the written offer came). `practice_cards` holds the
`fsrs` card of each question an account practised, with its `due` instant copied out for the queue.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 00:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'offers',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('stage', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('base_amount', sa.Numeric(14, 2), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('bonus', sa.Numeric(14, 2), nullable=True),
        sa.Column('equity', sa.Text(), nullable=True),
        sa.Column('benefits', sa.Text(), nullable=True),
        sa.Column('offered_on', sa.Date(), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=True),
        sa.Column('respond_by', sa.Date(), nullable=True),
        sa.Column('asked_in_writing_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('history', sa.JSON(), nullable=False),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['application_id'], ['applications.id'],
            name=op.f('fk_offers_application_id_applications'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_offers_owner_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index('ix_offers_application', ['application_id'], unique=False)
        batch_op.create_index('ix_offers_owner_keyset', ['owner_id', 'created_at', 'id'], unique=False)
        batch_op.create_index(
            'ix_offers_owner_status_respond_by', ['owner_id', 'status', 'respond_by', 'id'], unique=False
        )
        batch_op.create_index('ix_offers_owner_updated', ['owner_id', 'updated_at'], unique=False)

    op.create_table(
        'practice_cards',
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('question_id', sa.Uuid(), nullable=False),
        sa.Column('card', sa.JSON(), nullable=False),
        sa.Column('due', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.Column('last_rating', sa.String(length=10), nullable=False),
        sa.Column('last_application_id', sa.Uuid(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['last_application_id'], ['applications.id'],
            name=op.f('fk_practice_cards_last_application_id_applications'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_practice_cards_owner_id_users'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_practice_cards_question_id_questions'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('owner_id', 'question_id', name=op.f('pk_practice_cards')),
    )
    with op.batch_alter_table('practice_cards', schema=None) as batch_op:
        batch_op.create_index('ix_practice_cards_owner_due', ['owner_id', 'due'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('practice_cards', schema=None) as batch_op:
        batch_op.drop_index('ix_practice_cards_owner_due')
    op.drop_table('practice_cards')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index('ix_offers_owner_updated')
        batch_op.drop_index('ix_offers_owner_status_respond_by')
        batch_op.drop_index('ix_offers_owner_keyset')
        batch_op.drop_index('ix_offers_application')
    op.drop_table('offers')
