"""An index for every list's filter and order (issue 14, tests/db/test_query_plans.py).

Two lists were sorted on every request: the readiness board (an owner's planned rounds in the
order they were added) had no index on rounds by owner and creation, and an application's own
questions (`GET /questions?application_id=`) were found through an index on application_id
alone, then sorted. Each gets an index that serves its filter and its keyset order, so a page
reads its rows and stops, however deep the cursor; the application's index replaces the one on
application_id alone (the foreign key's cascade uses its leading column).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 12:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.create_index(
            'ix_rounds_owner_status_keyset', ['owner_id', 'status', 'created_at', 'id'], unique=False
        )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(
            'ix_questions_application_keyset', ['application_id', 'created_at', 'id'], unique=False
        )
        batch_op.drop_index('ix_questions_application')


def downgrade() -> None:
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index('ix_questions_application', ['application_id'], unique=False)
        batch_op.drop_index('ix_questions_application_keyset')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_index('ix_rounds_owner_status_keyset')
