"""A submitted response's answers as PostgreSQL json, not jsonb: read whole, never queried inside.

Re-diagnosis reads every answer of the rounds it scores. jsonb printed each document again for
every read: ~8 µs of the server's CPU per response, a third of its work in a first re-diagnosis
(bench_store, 2,000 rounds: 0.385 → 0.265 ms of server CPU per round), on the same two cores as
the workers. json keeps the text as written, so the answers also come back in questionnaire order,
as on SQLite, from now on (jsonb sorted the keys by length; rows converted keep that order, as
json prints what jsonb held). SQLite's JSON column is unchanged.

PostgreSQL rewrites the response table, holding it locked meanwhile (seconds per 100,000
responses). A release before this one still writes jsonb values into the column: PostgreSQL casts
them on assignment, so a rolling restart and a way back both work. json would also take a text
with a NUL character, which jsonb refuses (and the way back with it): answers are checked for it
before they are stored (item_types._check_text).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 21:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "response",
            "answers",
            type_=sa.JSON(),
            existing_type=postgresql.JSONB(astext_type=sa.Text()),
            existing_nullable=True,
            postgresql_using="answers::json",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "response",
            "answers",
            type_=postgresql.JSONB(astext_type=sa.Text()),
            existing_type=sa.JSON(),
            existing_nullable=True,
            postgresql_using="answers::jsonb",
        )
