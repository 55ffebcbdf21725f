"""Many rows into one table at once: on SQLite an executemany of one INSERT on the driver, on
PostgreSQL a binary COPY.

A re-diagnosis writes a snapshot per round (~7 KB of compressed JSON in two columns). On
PostgreSQL an INSERT per row costs the server a statement bound and executed per row, and
the client its parameters converted one by one; COPY streams the rows in PostgreSQL's own binary
form: on a batch of 250 snapshots ~0.05 ms less of the server's CPU a row and ~0.02 ms less of
ours, which counts on two cores shared with the workers (benchmarks/bench_store.py, PostgreSQL
against SQLite). On SQLite the rows go to the driver's executemany as tuples: SQLAlchemy's own
executemany spent ~0.03 ms a row on setting up each row's parameters. Either way the values go
through their columns' own bind processing (a compressed document is compressed, a datetime
checked for its zone), so a row reads back as from an INSERT, and what an INSERT would refuse is
refused with the same SQLAlchemy error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, text
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

_COLUMN_TYPES = text(
    "SELECT attname, atttypid FROM pg_attribute"
    " WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped"
)
# PostgreSQL's integer types by oid, and their bits: COPY's binary form writes an int in the
# column's width as given, so a value out of range must be refused here (the server cannot see it)
_INTEGER_BITS = {21: 16, 23: 32, 20: 64}


def insert_rows(s: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`rows` (each with the same keys, column names of `table`) inserted in the session's
    transaction; a row the table refuses raises as from an INSERT (IntegrityError, DataError,
    StatementError for a value its column's type does not take)."""
    if not rows:
        return
    conn = s.connection()
    names = list(rows[0])
    if conn.dialect.name == "sqlite":
        statement = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            processed = list(_processed(conn, table, names, rows))
        except Exception as exc:  # a value its column's bind processing refuses: as for an INSERT
            raise StatementError(str(exc), statement, None, exc) from exc
        conn.exec_driver_sql(statement, processed)  # the driver's errors raised as SQLAlchemy's
        return
    if conn.dialect.name != "postgresql":
        s.execute(insert(table), rows)
        return
    # the columns' types as this database has them (an int8 written as an int4 would be refused)
    oids: dict[str, int] = dict(conn.execute(_COLUMN_TYPES, {"table": table.name}).all())
    types = [oids[name] for name in names]
    limits = [
        (i, names[i], 2 ** (_INTEGER_BITS[oid] - 1)) for i, oid in enumerate(types) if oid in _INTEGER_BITS
    ]
    dbapi = conn.dialect.loaded_dbapi
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN (FORMAT BINARY)"
    try:
        with cast(Any, conn.connection.driver_connection).cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types(types)
            for values in _processed(conn, table, names, rows):
                for i, name, limit in limits:
                    if values[i] is not None and not -limit <= values[i] < limit:
                        raise dbapi.DataError(f"{name} = {values[i]}: out of range for its integer column")
                copy.write_row(values)
    except dbapi.Error as exc:  # as SQLAlchemy raises it for an INSERT
        raise DBAPIError.instance(statement, None, exc, dbapi.Error) from exc
    except Exception as exc:  # a value its column's bind processing or type refuses
        raise StatementError(str(exc), statement, None, exc) from exc


def _processed(
    conn: Connection, table: Table, names: list[str], rows: Sequence[dict[str, Any]]
) -> Iterator[tuple[Any, ...]]:
    """Each row's values in the order of `names`, through their columns' bind processing as this
    dialect has it (on SQLite a datetime is written as its DATETIME type writes it, not as the
    driver's own adapter would)."""
    dialect = conn.dialect
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    for row in rows:
        yield tuple(
            [
                value if process is None else process(value)
                for process, value in zip(processors, map(row.__getitem__, names), strict=True)
            ]
        )
