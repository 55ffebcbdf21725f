"""The steering group's agreements per round and their status through the year.

Revision ID: 0004
Revises: 0002 (the integrator re-chains this to 0003 when that lands)
Create Date: 2026-11-30 06:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("findings", JSON, nullable=False),
        sa.Column("constructs", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["round.id"], name=op.f("fk_agreement_round_id_round"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    op.create_index(op.f("ix_agreement_round_id"), "agreement", ["round_id"], unique=False)
    op.create_table(
        "agreement_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status in ('planned', 'under_way', 'done', 'dropped')", name=op.f("ck_agreement_status_status")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_status_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_status")),
    )
    op.create_index(
        op.f("ix_agreement_status_agreement_id"), "agreement_status", ["agreement_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_agreement_status_agreement_id"), table_name="agreement_status")
    op.drop_table("agreement_status")
    op.drop_index(op.f("ix_agreement_round_id"), table_name="agreement")
    op.drop_table("agreement")
