"""Mail: the outbox the worker sends over SMTP, each account's daily reminder record, password
reset tokens, and the account's reminder preference.

`mail_outbox` holds messages to send (recipient, subject, text and HTML bodies, extra headers, the
state, attempts, the next attempt or the end of a claim's lease, the last error). `mail_reminders_sent`
is keyed by account and local date, so a day's reminder is decided once whatever the number of
workers. `password_reset_tokens` keeps only each link's hash. `users` gets `daily_reminder` (on by
default) and `reminder_hour` (7, in the account's zone).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 00:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'mail_outbox',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=True),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('recipient', sa.String(length=320), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=True),
        sa.Column('headers', sa.JSON(), nullable=False),
        sa.Column('message_id', sa.String(length=200), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('claimed_by', sa.Uuid(), nullable=True),
        sa.Column('last_error', sa.String(length=300), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_mail_outbox_owner_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_mail_outbox_due', ['state', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_outbox_owner_id'), ['owner_id'], unique=False)

    op.create_table(
        'mail_reminders_sent',
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('local_date', sa.Date(), nullable=False),
        sa.Column('items', sa.Integer(), nullable=False),
        sa.Column('mail_id', sa.Uuid(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_mail_reminders_sent_owner_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('owner_id', 'local_date', name=op.f('pk_mail_reminders_sent')),
    )

    op.create_table(
        'password_reset_tokens',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_password_reset_tokens_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset_tokens')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_password_reset_tokens_token_hash')),
    )
    with op.batch_alter_table('password_reset_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_tokens_user_id'), ['user_id'], unique=False)

    # Plain ALTER TABLE, never batch mode's copy of `users`: on SQLite, with foreign keys on, dropping
    # the old table would delete every row that cascades from an account.
    op.add_column('users', sa.Column('daily_reminder', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('users', sa.Column('reminder_hour', sa.Integer(), server_default='7', nullable=False))


def downgrade() -> None:
    op.drop_column('users', 'reminder_hour')  # SQLite 3.35+ drops a column in place
    op.drop_column('users', 'daily_reminder')
    with op.batch_alter_table('password_reset_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_tokens_user_id'))
    op.drop_table('password_reset_tokens')
    op.drop_table('mail_reminders_sent')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_outbox_owner_id'))
        batch_op.drop_index('ix_mail_outbox_due')
    op.drop_table('mail_outbox')
