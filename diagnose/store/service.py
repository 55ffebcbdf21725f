"""The Store: the façade the app, the CLI and the tests use (read diagnose.store.api first).

The store is made of rooms (accounts, networks, rounds, responses, diagnoses, rediagnosis,
transfer, participants, mail_queue, standing, benchmark), each a class over one shared Database (`self.db`). A room that needs another subclasses
it, so the class hierarchy *is* the dependency order (see diagnose.store), and Store is simply
every room at once: one object, one Database, one copy of each room's caches, and mypy checks
every call as it would on the room itself. Store adds only the set-up below, which is the
Database's. A room can also be used on its own, e.g. `Accounts(Database.open(url))`.

Why bases and not attributes (`store.accounts.add_user`): the app, the CLI and the tests call
`store.add_user`, and keeping that with attributes takes ~95 hand-written delegations (or a
__getattr__ that mypy cannot check). A room never reaches a room above it, which
tests/store/test_rooms.py checks from the imports.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from diagnose.bundle import Bundle
from diagnose.store import db
from diagnose.store.accounts import Accounts
from diagnose.store.agreements import Agreements
from diagnose.store.benchmark import Benchmark
from diagnose.store.database import Database
from diagnose.store.edits import Edits
from diagnose.store.mail_queue import MailQueue
from diagnose.store.rediagnosis import Rediagnosis
from diagnose.store.transfer import Transfer


class Store(Accounts, Transfer, Rediagnosis, Agreements, MailQueue, Edits, Benchmark):
    """See diagnose.store.api for the overview."""

    def __init__(self, engine: Engine, *, bundle: Bundle | None = None) -> None:
        super().__init__(Database(engine, bundle=bundle))

    @classmethod
    def open(cls, url: str | None = None, *, bundle: Bundle | None = None, **engine_options: Any) -> Store:
        """A store on `url`, else DATABASE_URL, else ./data/netwerkscan.sqlite (NETSCAN_DATA_DIR)."""
        return cls(db.make_engine(db.database_url(url), **engine_options), bundle=bundle)

    @property
    def engine(self) -> Engine:
        return self.db.engine

    @property
    def bundle(self) -> Bundle:
        return self.db.bundle

    @property
    def dialect(self) -> str:
        return self.db.dialect

    @property
    def url(self) -> str:
        return self.db.url

    def ensure_schema(self) -> str | None:
        """Bring the schema up to date (a no-op when it is); returns the revision."""
        return self.db.ensure_schema()

    def close(self) -> None:
        self.db.close()

    def is_empty(self) -> bool:
        return self.db.is_empty()

    def readiness(self) -> tuple[bool, str]:
        return self.db.readiness()

    def table_counts(self) -> dict[str, int]:
        return self.db.table_counts()
