"""Personal API keys: long-lived bearer credentials with a name, scopes, an identifying prefix and
the time they were last used, kept in access_tokens beside tokens and sessions (they resolve the
same way). A key may never expire, so expires_at becomes nullable.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-03 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('access_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('key_prefix', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('scopes', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.create_unique_constraint(batch_op.f('uq_access_tokens_key_prefix'), ['key_prefix'])


def downgrade() -> None:
    op.execute("DELETE FROM access_tokens WHERE kind = 'api_key'")
    with op.batch_alter_table('access_tokens', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_access_tokens_key_prefix'), type_='unique')
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_column('last_used_at')
        batch_op.drop_column('scopes')
        batch_op.drop_column('key_prefix')
        batch_op.drop_column('name')
