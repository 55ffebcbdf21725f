"""Many rows into one table at once: an executemany of one INSERT, or on PostgreSQL a binary COPY.

A re-diagnosis writes a snapshot per round (~7 KB of compressed JSON in two columns). On
PostgreSQL an INSERT per row costs the server a statement bound and executed per row, and
the client its parameters converted one by one; COPY streams the rows in PostgreSQL's own binary
form: on a batch of 250 snapshots ~0.05 ms less of the server's CPU a row and ~0.02 ms less of
ours, which counts on two cores shared with the workers (benchmarks/bench_store.py, PostgreSQL
against SQLite). The values go through their columns' own bind processing (a compressed
document is compressed, a datetime checked for its zone), so a row reads back as from an INSERT.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

_COLUMN_TYPES = text(
    "SELECT attname, atttypid FROM pg_attribute"
    " WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped"
)


def insert_rows(s: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`rows` (each with the same keys, column names of `table`) inserted in the session's
    transaction; a row the table refuses raises as from an INSERT, and the transaction keeps none."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        s.execute(insert(table), rows)
        return
    names = list(rows[0])
    # the columns' types as this database has them (an int8 written as an int4 would be refused)
    oids: dict[str, int] = dict(conn.execute(_COLUMN_TYPES, {"table": table.name}).all())
    processors = [table.c[name].type.bind_processor(conn.dialect) for name in names]
    cursor = cast(Any, conn.connection.driver_connection).cursor()
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN (FORMAT BINARY)"
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        with cursor.copy(statement) as copy:
            copy.set_types([oids[name] for name in names])
            for row in rows:
                copy.write_row(
                    [
                        value if process is None else process(value)
                        for process, value in zip(processors, map(row.__getitem__, names), strict=True)
                    ]
                )
    except dbapi_error as exc:  # as SQLAlchemy raises it for an INSERT (IntegrityError, OperationalError …)
        raise DBAPIError.instance(statement, None, exc, dbapi_error) from exc
