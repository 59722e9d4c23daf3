"""Job posting import: the day a posting was published and the day it closes, on applications.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 00:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('posted_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closes_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('closes_on')
        batch_op.drop_column('posted_on')
