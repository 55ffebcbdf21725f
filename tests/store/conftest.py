"""Store fixtures: a fresh database per test, on SQLite and on a real, throwaway PostgreSQL server.

The PostgreSQL server is started once per test session from the Debian binaries
(/usr/lib/postgresql/*/bin): initdb as the `postgres` user (it refuses root) with trust auth,
fsync off, listening on 127.0.0.1 on a free port, its socket in a private temp folder. It is stopped
and deleted at the end. Without the binaries the fixture FAILS (make test installs them): the
PostgreSQL half of the suite is never skipped silently.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import random
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from diagnose import Bundle
from diagnose.questionnaire import DONT_KNOW, Questionnaire
from diagnose.store import Store
from diagnose.store.db import database_url, make_engine
from diagnose.store.schema import upgrade

TEMPLATE_DB = "netscan_template"


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    admin_url: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _as_postgres(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    extra: dict[str, Any] = {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **extra, **kwargs)


def postgres_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        pytest.fail(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb). The store's tests run "
            "against a real PostgreSQL: run `make test` (it installs them) or `apt-get install postgresql`.",
            pytrace=False,
        )
    return Path(found[-1]).parent


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bindir = postgres_bindir()
    root = Path(tempfile.mkdtemp(prefix="netscan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, sock, log = root / "data", root / "sock", root / "server.log"
    port = _free_port()
    try:
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--locale=C", "--no-sync"])
        _as_postgres(["mkdir", "-p", str(sock)])
        options = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60",
                      "start"])
    except subprocess.CalledProcessError as exc:
        logged = log.read_text() if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start the throwaway PostgreSQL: {exc.stderr}\n{logged}", pytrace=False)
    server = PostgresServer(bindir, root, port, f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {TEMPLATE_DB}"))
    template = make_engine(database_url(server.url(TEMPLATE_DB)))
    upgrade(template)
    template.dispose()
    admin.dispose()
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


_databases = itertools.count()


def fresh_postgres_url(server: PostgresServer, *, migrated: bool = True) -> str:
    """A new empty database on the session's server (migrated: a copy of the migrated template)."""
    name = f"t{os.getpid()}_{next(_databases)}"
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}" + (f" TEMPLATE {TEMPLATE_DB}" if migrated else "")))
    admin.dispose()
    return server.url(name)


def drop_postgres(server: PostgresServer, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


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
    server: PostgresServer = request.getfixturevalue("postgres")
    url = fresh_postgres_url(server)
    yield url
    drop_postgres(server, url)


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database with no schema at all."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty' / 'netwerkscan.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
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
def other_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path, bundle: Bundle) -> Iterator[Store]:
    """A second, independent empty database on the same backend (e.g. to import an export into)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'other' / 'netwerkscan.sqlite'}"
        st = Store.open(url, bundle=bundle)
        st.ensure_schema()
        yield st
        st.close()
        return
    server: PostgresServer = request.getfixturevalue("postgres")
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
    return rng.choice(["Meer tijd om samen te werken.", "Heldere afspraken; minder vergaderen.", "Ça va — prima."])


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
