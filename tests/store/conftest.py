"""Store fixtures: a fresh database per test, on SQLite and on a real, throwaway PostgreSQL server.

The PostgreSQL server (tests/pgtemp.py) is started once per test session from the Debian
binaries (/usr/lib/postgresql/*/bin): initdb as the `postgres` user (it refuses root) with trust
auth, fsync off, listening on 127.0.0.1 on a free port, its socket in a private temp folder. It is
stopped and deleted at the end. Without the binaries the fixture FAILS (make test installs them):
the PostgreSQL half of the suite is never skipped silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diagnose import Bundle
from diagnose.questionnaire import DONT_KNOW, Questionnaire
from diagnose.store import Store
from diagnose.store.db import database_url, make_engine
from diagnose.store.schema import upgrade
from tests import pgtemp

TEMPLATE_DB = "netscan_template"


@pytest.fixture(scope="session")
def postgres() -> Iterator[pgtemp.TempPostgres]:
    try:
        server = pgtemp.start()
    except pgtemp.PostgresUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        template = make_engine(database_url(server.create_database(TEMPLATE_DB)))
        upgrade(template)
        template.dispose()
        yield server
    finally:
        server.stop()


_databases = itertools.count()


def fresh_postgres_url(server: pgtemp.TempPostgres, *, migrated: bool = True) -> str:
    """A new empty database on the session's server (migrated: a copy of the migrated template)."""
    return server.create_database(f"t{os.getpid()}_{next(_databases)}", TEMPLATE_DB if migrated else None)


def drop_postgres(server: pgtemp.TempPostgres, url: str) -> None:
    server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database on the test's backend."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'netwerkscan.sqlite'}"
        engine = make_engine(database_url(url))
        upgrade(engine)
        engine.dispose()
        yield url
        return
    server: pgtemp.TempPostgres = request.getfixturevalue("postgres")
    url = fresh_postgres_url(server)
    yield url
    drop_postgres(server, url)


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database with no schema at all."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty' / 'netwerkscan.sqlite'}"
        return
    server: pgtemp.TempPostgres = request.getfixturevalue("postgres")
    url = fresh_postgres_url(server, migrated=False)
    yield url
    drop_postgres(server, url)


@pytest.fixture
def store(db_url: str, bundle: Bundle) -> Iterator[Store]:
    st = Store.open(db_url, bundle=bundle)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def other_store(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, bundle: Bundle
) -> Iterator[Store]:
    """A second, independent empty database on the same backend (e.g. to import an export into)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'other' / 'netwerkscan.sqlite'}"
        st = Store.open(url, bundle=bundle)
        st.ensure_schema()
        yield st
        st.close()
        return
    server: pgtemp.TempPostgres = request.getfixturevalue("postgres")
    url = fresh_postgres_url(server)
    st = Store.open(url, bundle=bundle)
    yield st
    st.close()
    drop_postgres(server, url)


@pytest.fixture
def q(bundle: Bundle) -> Questionnaire:
    return bundle.questionnaire("netwerkscan")


def valid_value(q: Questionnaire, item_id: str, rng: random.Random, *, dont_know: float = 0.05) -> Any:
    """A valid answer to any item, generated from the questionnaire (no hard-coded item ids)."""
    item = q.item_by_id[item_id]
    if item.type == "scale":
        scale = q.scales.get(item.scale or "")
        if scale is not None and scale.dont_know is not None and rng.random() < dont_know:
            return DONT_KNOW
        return rng.randint(1, 5)
    if item.type == "single":
        return rng.choice(item.option_values)
    if item.type == "multi":
        return rng.sample(item.option_values, rng.randint(1, min(3, len(item.option_values))))
    if item.type == "number":
        low = int(item.min if item.min is not None else 0)
        high = int(item.max if item.max is not None else 100)
        return rng.randint(low, min(high, low + 40))
    return rng.choice(
        ["Meer tijd om samen te werken.", "Heldere afspraken; minder vergaderen.", "Ça va — prima."]
    )


def full_answers(q: Questionnaire, rng: random.Random, *, role: str | None = None) -> dict[str, Any]:
    """Answers to every item of the questionnaire (the role item gets `role` when given)."""
    answers = {item.id: valid_value(q, item.id, rng) for item in q.items()}
    role_item = q.fact_item("respondent_role")
    if role is not None and role_item is not None:
        answers[role_item.id] = role
    return answers


def required_answers(q: Questionnaire, rng: random.Random) -> dict[str, Any]:
    return {item.id: valid_value(q, item.id, rng) for item in q.items() if item.required}


def scale_items(q: Questionnaire) -> list[str]:
    return [item.id for item in q.items() if item.type == "scale"]


def role_values(q: Questionnaire) -> list[str]:
    item = q.fact_item("respondent_role")
    assert item is not None
    return list(item.option_values)


@pytest.fixture
def rnd(store: Store) -> Any:
    """An open round in a fresh workspace and network."""
    ws = store.create_workspace("Adviesbureau")
    net = store.create_network(ws.id, "Netwerk A", {"sector": "po", "size": 12})
    return store.create_round(net.id, "2025 voorjaar", date=dt.date(2025, 3, 1))
