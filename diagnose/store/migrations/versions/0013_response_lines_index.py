"""The response lines: an index that holds all that identifies a round's submitted answers.

Every re-diagnosis reads, for every round it touches, what identifies each submitted response's
answers (round_scores.submitted_keys: id, hand-in time, role, group flag), to tell whether the
round's kept scores may be reused. Without this index each of those ~14 responses a round was
looked up in the table, whose rows hold the answers; with it the query reads the index alone
(SQLite: ~33 → ~20 µs a round). Additive: a release before this one ignores it. Building it
holds back writes to responses meanwhile (a respondent handing in waits), as 0011's did.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_response_round_lines",
        "response",
        ["round_id", "status", "id", "submitted_at", "role", "is_group"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_response_round_lines", table_name="response")
