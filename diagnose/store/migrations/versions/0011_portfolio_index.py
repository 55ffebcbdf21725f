"""The portfolio's counts: an index on a round's responses that holds all the counts read.

The portfolio counts the links issued and the questionnaires handed in of every network's latest
round at each view (Rounds._counts over 1,000 rounds for a programme office). Without this index
PostgreSQL read the whole response table (its answers included) for it: ~200 ms at 70,000
responses; with it, an index-only scan of ~15 ms.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 15:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_response_round_counts", "response", ["round_id", "status", "invitation_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_response_round_counts", table_name="response")
