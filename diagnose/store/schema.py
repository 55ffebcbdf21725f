"""Bringing the schema up to date with the Alembic migrations shipped inside the package.

Safe when several processes start at once: the upgrade runs in one transaction that first takes a
lock (a PostgreSQL advisory lock; SQLite's write lock through BEGIN IMMEDIATE), and re-reads the
current revision under it. SQLite and PostgreSQL both have transactional DDL, so a failed migration
leaves the previous schema intact.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from diagnose.problems import Problem
from diagnose.store.db import write_lock, writer
from diagnose.store.errors import Conflict

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ADVISORY_LOCK_KEY = 0x6E657473  # "nets"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Migrate to `revision` (default: the newest); return the revision the database is at."""
    if revision == "head" and current_revision(engine) == head_revision():
        return head_revision()
    with write_lock(engine), writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        command.upgrade(alembic_config(conn), revision)
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Take the schema back to `revision` (a rollback); an unknown revision is a Conflict."""
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise Conflict(
            Problem("unknown-revision", id="REVISION", params={"key": revision, "detail": str(exc)})
        ) from exc
    with write_lock(engine), writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        command.downgrade(alembic_config(conn), revision)
    return current_revision(engine)
