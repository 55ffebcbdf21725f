"""Each round's standing: its latest diagnosis' construct means kept as rows, so the portfolio and
the benchmark read them in SQL instead of unpacking every round's stored scores (store/standing.py).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "round_standing",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("scores_inputs", sa.String(length=64), nullable=True),
        sa.Column("questionnaire_id", sa.String(length=100), nullable=False),
        sa.Column("questionnaire_version", sa.String(length=50), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("group_only", sa.Boolean(), nullable=False),
        sa.Column("results_open", sa.Boolean(), nullable=False),
        sa.Column(
            "facts",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["round.id"], name=op.f("fk_round_standing_round_id_round"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["network_id"],
            ["network.id"],
            name=op.f("fk_round_standing_network_id_network"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_round_standing")),
    )
    op.create_index("ix_round_standing_network", "round_standing", ["network_id", "results_open"])
    op.create_index(
        "ix_round_standing_questionnaire",
        "round_standing",
        ["questionnaire_id", "questionnaire_version", "results_open"],
    )
    op.create_table(
        "round_construct_mean",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("construct_id", sa.String(length=100), nullable=False),
        sa.Column("mean", sa.Float(), nullable=True),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["round_standing.round_id"],
            name=op.f("fk_round_construct_mean_round_id_round_standing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "construct_id", name=op.f("pk_round_construct_mean")),
    )


def downgrade() -> None:
    op.drop_table("round_construct_mean")
    op.drop_index("ix_round_standing_questionnaire", table_name="round_standing")
    op.drop_index("ix_round_standing_network", table_name="round_standing")
    op.drop_table("round_standing")
