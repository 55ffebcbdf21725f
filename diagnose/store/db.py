"""Where the database is and how to talk to it: SQLite by default, PostgreSQL with DATABASE_URL.

SQLite is set up for many threads and several processes on one file:
- WAL, so readers never wait for the writer and the writer never waits for readers;
- every write transaction starts with BEGIN IMMEDIATE (it takes the write lock up front and waits
  for it under busy_timeout, instead of failing with "database is locked" when a read turns into a
  write), and within one process writers queue first on a first-come-first-served lock, so the wait
  is short and fair;
- foreign keys on; synchronous=NORMAL, which in WAL mode keeps every committed answer when the
  process is killed or the server restarts, and never corrupts the file; only a power cut or an OS
  crash can undo the last moments of commits. NETSCAN_SQLITE_SYNCHRONOUS=FULL makes every commit
  wait for the disk too (about 4 ms instead of 0.7 ms per autosave here, see docs/store.md).
"""

from __future__ import annotations

import collections
import contextlib
import random
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic_core import from_json
from sqlalchemy import ColumnElement, Engine, Integer, any_, bindparam, create_engine, event
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from diagnose import settings

DEFAULT_DATA_DIR = "data"
DEFAULT_FILE = "netwerkscan.sqlite"
BUSY_TIMEOUT_MS = 30_000
SYNCHRONOUS_MODES = ("OFF", "NORMAL", "FULL", "EXTRA")
IMMEDIATE = "netscan_immediate"


class FairLock:
    """A lock that hands over in arrival order: with 30 writers queued, none waits much longer than
    the rest (threading.Lock lets a releasing thread grab it again, starving others)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiters: collections.deque[threading.Lock] = collections.deque()
        self._held = False

    def acquire(self, timeout: float = -1) -> bool:
        """True once the lock is ours; False after `timeout` seconds in the queue (-1: no limit)."""
        with self._guard:
            if not self._held:
                self._held = True
                return True
            baton = threading.Lock()
            baton.acquire()
            self._waiters.append(baton)
        if baton.acquire(timeout=timeout):  # released by the previous holder: the lock is now ours
            return True
        with self._guard:
            if baton in self._waiters:  # still queued: leave the queue
                self._waiters.remove(baton)
                return False
        return True  # handed over just as the wait ran out

    def release(self) -> None:
        with self._guard:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._held = False

    def __enter__(self) -> FairLock:
        if not self.acquire(timeout=busy_timeout_ms() / 1000):
            raise WriteQueueTimeout(f"database is locked: waited {busy_timeout_ms()} ms in line to write")
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class WriteQueueTimeout(Exception):
    """A writer of this process waited longer than the busy timeout for its turn."""


def busy_timeout_ms() -> int:
    """How long a write waits for the lock before it gives up: NETSCAN_SQLITE_BUSY_TIMEOUT_MS, else
    30 s. The app then keeps the answer in the session and tries again (netscan_app/pending.py)."""
    return _env_int("NETSCAN_SQLITE_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)


_file_locks: dict[str, FairLock] = {}
_file_locks_guard = threading.Lock()


def data_dir() -> Path:
    """The data folder: NETSCAN_DATA_DIR, else ./data (the SQLite file, and exports/ kept on delete)."""
    return Path(settings.value("NETSCAN_DATA_DIR") or DEFAULT_DATA_DIR).absolute()


def database_url(url: str | None = None) -> URL:
    """The URL given, else DATABASE_URL, else a SQLite file in NETSCAN_DATA_DIR (default ./data)."""
    text = url or settings.value("DATABASE_URL")
    if not text:
        return URL.create("sqlite+pysqlite", database=str(data_dir() / DEFAULT_FILE))
    parsed = make_url(text)
    # postgres:// (Heroku and friends) and postgresql:// mean psycopg 3, the driver we ship.
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+pysqlite")
    return parsed


def display_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def make_engine(url: URL, **kwargs: Any) -> Engine:
    # pydantic-core's JSON parser: twice as fast as json.loads on answers, same result
    kwargs.setdefault("json_deserializer", from_json)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    # Per process. Several app processes share one server: 4 processes x (5 + 10) stay below
    # PostgreSQL's default max_connections of 100. NETSCAN_DB_POOL_SIZE / _MAX_OVERFLOW change it.
    url, connect_args = postgres_connect_args(url)
    kwargs.setdefault("connect_args", connect_args)
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", _env_int("NETSCAN_DB_POOL_SIZE", 5))
    kwargs.setdefault("max_overflow", _env_int("NETSCAN_DB_MAX_OVERFLOW", 10))
    kwargs.setdefault("pool_recycle", 1800)
    return create_engine(url, **kwargs)


def postgres_connect_args(url: URL) -> tuple[URL, dict[str, Any]]:
    """psycopg's options, taken out of the URL where psycopg would get them as text.

    Prepared statements are off (``prepare_threshold=None``): PgBouncer in transaction mode (before
    1.21) hands a connection's next transaction to another server connection, where a statement
    psycopg prepared after five runs does not exist, and the save fails. The cost is one parse per
    statement on the server, which the benchmarks do not see. ``?prepare_threshold=N`` in the URL
    turns them back on for a direct connection; ``none`` or ``0`` keeps them off.
    ``application_name`` (default ``netwerkscan``) names the connections in ``pg_stat_activity``.
    """
    query = dict(url.query)
    threshold_text = str(query.pop("prepare_threshold", "") or "").strip().lower()
    threshold: int | None = None
    if threshold_text not in ("", "none", "0"):
        if not threshold_text.isdigit():
            raise ValueError(
                f"prepare_threshold={threshold_text!r} in DATABASE_URL: use a whole number, or none to leave "
                "prepared statements off (needed behind PgBouncer in transaction mode)"
            )
        threshold = int(threshold_text)
    query.setdefault("application_name", "netwerkscan")
    query.setdefault(
        "connect_timeout", "5"
    )  # a server that does not answer: unavailable after 5 s, not minutes
    return url.set(query=query), {"prepare_threshold": threshold}


def _env_int(name: str, default: int) -> int:
    text = settings.value(name)
    return int(text) if text.isdigit() else default


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        # a folder that cannot be made fails at the first connection, as DatabaseUnavailable
        with contextlib.suppress(OSError):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    synchronous = (settings.value("NETSCAN_SQLITE_SYNCHRONOUS") or "NORMAL").upper()
    if synchronous not in SYNCHRONOUS_MODES:
        synchronous = "NORMAL"
    kwargs.setdefault("pool_size", 8)
    kwargs.setdefault("max_overflow", 56)
    kwargs.setdefault("pool_timeout", 60)
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_ms() / 1000, "check_same_thread": False},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
            _use_wal(cursor)
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (once: the mode is stored in the file). The switch needs a moment of
    exclusive access and SQLite does not wait for it under busy_timeout, so retry while several
    processes open a new database at the same time."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def writer(engine: Engine) -> Engine:
    """The same pool, but transactions that take SQLite's write lock up front."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{IMMEDIATE: True})


def write_lock(engine: Engine) -> contextlib.AbstractContextManager[Any]:
    """One lock per SQLite file in this process (writers queue here, not in SQLite's busy loop)."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    key = str(engine.url.database)
    with _file_locks_guard:
        return _file_locks.setdefault(key, FairLock())


IN_SLICE = 500  # ids per IN (...) list on SQLite


def among(column: Any, ids: Sequence[int], dialect: str) -> ColumnElement[bool]:
    """``column IN (ids)``; on PostgreSQL ``column = ANY(:ids)``, one array parameter. An IN list
    is one bind parameter per id, which SQLAlchemy renders and psycopg parses again at every
    execution (a query that long is beyond psycopg's cache): ~60 ms of the portfolio's ~250 ms
    for 1,000 networks."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))  # type: ignore[no-any-return]
    return column.in_(ids)  # type: ignore[no-any-return]


def id_slices(ids: Sequence[int], dialect: str) -> list[Sequence[int]]:
    """The ids in as few lists as one query may take: all at once on PostgreSQL (an array
    parameter), IN_SLICE at a time on SQLite (its IN lists are bind parameters)."""
    if dialect == "postgresql":
        return [ids] if ids else []
    return [ids[i : i + IN_SLICE] for i in range(0, len(ids), IN_SLICE)]
