"""Anonymity that holds everywhere: a round is anonymous (default) or named ("op naam") and may
set a response-rate threshold; per-respondent exports and backups are logged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 09:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("round") as batch:
        batch.add_column(
            sa.Column("identity", sa.String(length=10), server_default="anonymous", nullable=False)
        )
        batch.add_column(sa.Column("response_rate_minimum", sa.Integer(), nullable=True))
        batch.create_check_constraint("identity", "identity in ('anonymous', 'named')")
        batch.create_check_constraint(
            "response_rate_minimum",
            "response_rate_minimum is null or (response_rate_minimum between 1 and 100)",
        )
    op.create_table(
        "export_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(length=320), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("scope", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("left_out", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind in ('respondents', 'backup')", name=op.f("ck_export_log_kind")),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_export_log_workspace_id_workspace"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_export_log_user_id_app_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_log")),
    )
    op.create_index("ix_export_log_workspace", "export_log", ["workspace_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_export_log_workspace", table_name="export_log")
    op.drop_table("export_log")
    with op.batch_alter_table("round") as batch:
        batch.drop_constraint(op.f("ck_round_response_rate_minimum"), type_="check")
        batch.drop_constraint(op.f("ck_round_identity"), type_="check")
        batch.drop_column("response_rate_minimum")
        batch.drop_column("identity")
