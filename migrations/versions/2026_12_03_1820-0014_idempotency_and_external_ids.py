"""Idempotent POSTs and external ids: the idempotency_keys table (a POST's key with the response
it got, kept 24 hours); external_id on applications, source and external_id on rounds, each pair
unique per owner where both are set; an application's description and the date it was applied.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 18:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOTH_SET = sa.text("source IS NOT NULL AND external_id IS NOT NULL")


def upgrade() -> None:
    op.create_table(
        'idempotency_keys',
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('status_code', sa.Integer(), nullable=False),
        sa.Column('headers', sa.Text(), nullable=False),
        sa.Column('body', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_idempotency_keys_owner_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('owner_id', 'key', name=op.f('pk_idempotency_keys')),
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('description', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('applied_on', sa.Date(), nullable=True))
    op.create_index(
        'uq_applications_owner_source_external_id',
        'applications',
        ['owner_id', 'source', 'external_id'],
        unique=True,
        postgresql_where=BOTH_SET,
        sqlite_where=BOTH_SET,
    )
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('external_id', sa.String(length=255), nullable=True))
    op.create_index(
        'uq_rounds_owner_source_external_id',
        'rounds',
        ['owner_id', 'source', 'external_id'],
        unique=True,
        postgresql_where=BOTH_SET,
        sqlite_where=BOTH_SET,
    )


def downgrade() -> None:
    op.drop_index('uq_rounds_owner_source_external_id', table_name='rounds')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('external_id')
        batch_op.drop_column('source')
    op.drop_index('uq_applications_owner_source_external_id', table_name='applications')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('applied_on')
        batch_op.drop_column('description')
        batch_op.drop_column('external_id')
    op.drop_table('idempotency_keys')
