"""The change feed: one row per create, update and delete of an account's resources, written in the
same transaction as the change (changes/capture.py). Resources that exist already get one
`created` row each, so a client that reads the feed from the start
rebuilds the whole account.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-03 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# resource name, table, id column, parent column: parents before children, as a client replays them.
EXISTING = (
    ('account', 'users', 'id', None, 'id'),
    ('role', 'roles', 'id', None, 'owner_id'),
    ('application', 'applications', 'id', None, 'owner_id'),
    ('question', 'questions', 'id', None, 'owner_id'),
    ('round', 'rounds', 'id', None, 'owner_id'),
    ('interviewer', 'interviewers', 'id', None, 'owner_id'),
    ('round_question', 'round_questions', 'question_id', 'round_id', 'owner_id'),
    ('application_answer', 'application_answers', 'question_id', 'application_id', 'owner_id'),
)


def upgrade() -> None:
    op.create_table(
        'changes',
        sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('resource', sa.String(length=32), nullable=False),
        sa.Column('resource_id', sa.Uuid(), nullable=False),
        sa.Column('parent_id', sa.Uuid(), nullable=True),
        sa.Column('action', sa.String(length=8), nullable=False),
        sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_changes_owner_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_changes')),
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index('ix_changes_owner_feed', ['owner_id', 'seq'], unique=False)
        batch_op.create_index('ix_changes_owner_occurred', ['owner_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_changes_owner_resource', ['owner_id', 'resource', 'resource_id', 'parent_id'], unique=False)
    for resource, table, key, parent, owner in EXISTING:
        parent_column = parent or 'NULL'
        op.execute(
            f"INSERT INTO changes (owner_id, resource, resource_id, parent_id, action, occurred_at) "
            f"SELECT {owner}, '{resource}', {key}, {parent_column}, 'created', created_at FROM {table} "
            f"ORDER BY created_at, {key}"
        )


def downgrade() -> None:
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index('ix_changes_owner_resource')
        batch_op.drop_index('ix_changes_owner_occurred')
        batch_op.drop_index('ix_changes_owner_feed')
    op.drop_table('changes')
