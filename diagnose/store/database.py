"""The one object every room of the store shares: the engine, read and write sessions, the rule base.

How to connect (URLs, pools, SQLite's WAL and write locks) is diagnose.store.db; this module is
what the rooms hold on to. A Database is thread-safe and meant to live as long as the process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, exists, func, select
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from diagnose.bundle import Bundle, load_bundle
from diagnose.store import db, models, schema
from diagnose.store.errors import DatabaseUnavailable

T = TypeVar("T")
READY_TIMEOUT = 3.0  # seconds a readiness check waits for the database


class Database:
    """A connection pool with the rule base the store checks and diagnoses with (loaded when first
    needed, or the one given)."""

    def __init__(self, engine: Engine, *, bundle: Bundle | None = None) -> None:
        self.engine = engine
        self._writer = db.writer(engine)
        self._bundle = bundle
        self._bundle_lock = threading.Lock()
        self._ready_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, *, bundle: Bundle | None = None, **engine_options: Any) -> Database:
        """A database on `url`, else DATABASE_URL, else ./data/netwerkscan.sqlite (NETSCAN_DATA_DIR)."""
        return cls(db.make_engine(db.database_url(url), **engine_options), bundle=bundle)

    @property
    def bundle(self) -> Bundle:
        if self._bundle is None:
            with self._bundle_lock:
                if self._bundle is None:
                    self._bundle = load_bundle()
        return self._bundle

    def bundle_is_default(self) -> bool:
        """True when the rule base is the installed one (a spawned process would load the same)."""
        return self._bundle is None or self._bundle is load_bundle()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return db.display_url(self.engine.url)

    def ensure_schema(self) -> str | None:
        """Bring the schema up to date (a no-op when it is); returns the revision."""
        with self.unavailable_as_error():
            return schema.upgrade(self.engine)

    @contextmanager
    def unavailable_as_error(self) -> Iterator[None]:
        """A database that cannot answer (locked past the busy timeout, disk full, read-only, server
        gone) raises DatabaseUnavailable, a user-facing StoreError, never the driver's exception."""
        try:
            yield
        except (OperationalError, InterfaceError) as exc:
            detail = str(exc.orig).strip()
            raise DatabaseUnavailable(unavailable_reason(detail), self.url, detail) from exc
        except db.WriteQueueTimeout as exc:
            raise DatabaseUnavailable("busy", self.url, str(exc)) from exc
        except OSError as exc:  # the data folder cannot be made or opened
            raise DatabaseUnavailable("read_only", self.url, str(exc)) from exc

    def close(self) -> None:
        self.engine.dispose()

    def readiness(self, timeout: float = READY_TIMEOUT) -> tuple[bool, str]:
        """Whether this process can serve people: the database answers within `timeout` seconds and
        has the schema this version of the code expects. (ready, reason) — the reason in plain
        English for a log or a load balancer's page, never the password. Behind PgBouncer a query
        waits for a server connection instead of failing, so the check bounds its own wait; while
        an earlier check still waits, the answer is "not ready" without starting another."""
        if not self._ready_lock.acquire(blocking=False):
            return False, f"database does not answer (an earlier check still waits): {self.url}"
        outcome: list[tuple[bool, str]] = []

        def check() -> None:
            try:
                outcome.append(self._check_ready())
            finally:
                self._ready_lock.release()

        worker = threading.Thread(target=check, name="netscan-readiness", daemon=True)
        worker.start()
        worker.join(timeout)
        return (
            outcome[0] if outcome else (False, f"database does not answer within {timeout:g} s: {self.url}")
        )

    def _check_ready(self) -> tuple[bool, str]:
        try:
            with self.unavailable_as_error():
                current = schema.current_revision(self.engine)
        except DatabaseUnavailable as exc:
            return False, f"database unavailable ({exc.reason}): {self.url}"
        head = schema.head_revision()
        if current != head:
            return (
                False,
                f"database schema at {current or 'nothing'}, this version needs {head}: run netscan db upgrade",
            )
        return True, f"ok: {self.url} at schema {head}"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with (
            self.unavailable_as_error(),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with (
            self.unavailable_as_error(),
            db.write_lock(self.engine),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A plain connection in a write transaction, not an ORM session: for the hottest writes,
        which hold the lock for as short a time as possible."""
        with self.unavailable_as_error(), db.write_lock(self.engine), self._writer.begin() as conn:
            yield conn

    def retrying(self, attempts: int, work: Callable[[], T]) -> T:
        """work(), again when a concurrent writer made it break a unique constraint."""
        for attempt in range(attempts):
            try:
                return work()
            except IntegrityError:
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def is_empty(self) -> bool:
        with self.read() as s:
            return not any(
                s.scalar(select(exists().select_from(table)))
                for table in (models.Workspace, models.User, models.Network)
            )

    def table_counts(self) -> dict[str, int]:
        with self.read() as s:
            return {
                table.__tablename__: int(s.scalar(select(func.count()).select_from(table)) or 0)
                for table in (
                    models.Workspace,
                    models.User,
                    models.Network,
                    models.Round,
                    models.Response,
                    models.Answer,
                    models.DiagnosisSnapshot,
                    models.Agreement,
                    models.AgreementStatus,
                )
            }


def unavailable_reason(detail: str) -> str:
    """Why the database could not answer, from the driver's message (SQLite's and psycopg's)."""
    text = detail.lower()
    if "locked" in text or "busy" in text or "write lock" in text:
        return "busy"
    if "full" in text or "no space" in text:
        return "full"
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return "read_only"
    return "unreachable"


class Room:
    """One part of the store (accounts, networks, rounds, ...) over the shared Database. A room that
    uses another subclasses it; the Store façade subclasses the top rooms (see diagnose.store)."""

    def __init__(self, db: Database) -> None:
        self.db = db
