"""Snapshots keep the round's scores and a digest of their inputs (re-diagnosis reuses them);
finding texts are stored once, not in every snapshot.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 06:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "finding_text",
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column(
            "texts",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_finding_text")),
    )
    with op.batch_alter_table("diagnosis_snapshot", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scores", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("scores_inputs", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("diagnosis_snapshot", schema=None) as batch_op:
        batch_op.drop_column("scores_inputs")
        batch_op.drop_column("scores")
    op.drop_table("finding_text")
