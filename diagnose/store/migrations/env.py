"""Alembic environment for the store. Runs from the installed package: no alembic.ini needed.

diagnose.store.schema.upgrade() passes an open connection (already inside a transaction that holds
the migration lock) in config.attributes["connection"].
"""

from __future__ import annotations

from alembic import context

from diagnose.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `netscan db upgrade` (diagnose.store.schema.upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
