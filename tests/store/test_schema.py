"""The schema: migrations create it from nothing, match the models, and upgrade safely in parallel."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from diagnose import Bundle
from diagnose.store import Store
from diagnose.store.db import database_url, make_engine
from diagnose.store.models import Base
from diagnose.store.schema import current_revision, downgrade, head_revision, upgrade

TABLES = {
    "workspace",
    "app_user",
    "membership",
    "login_token",
    "sign_in_throttle",
    "export_log",
    "network",
    "round",
    "invitation",
    "response",
    "answer",
    "diagnosis_snapshot",
    "finding_text",
    "agreement",
    "agreement_status",
    "round_mail",
    "participant",
    "mail_out",
    "audit_event",
    "round_edit",
    "workspace_branding",
    "round_standing",  # p15: rounds' latest construct means (store/standing.py)
    "round_construct_mean",
    "benchmark_opt_in",
    "benchmark_reference",
    "alembic_version",
}


def test_upgrade_from_nothing_creates_every_table(empty_db_url: str, bundle: Bundle) -> None:
    store = Store.open(empty_db_url, bundle=bundle)
    assert current_revision(store.engine) is None
    assert store.ensure_schema() == head_revision()
    assert set(inspect(store.engine).get_table_names()) == TABLES
    assert store.ensure_schema() == head_revision()  # a second start is a no-op
    assert store.is_empty()
    store.close()


def test_migrations_match_the_models(db_url: str) -> None:
    engine = make_engine(database_url(db_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_to_nothing_and_up_again(db_url: str) -> None:
    engine = make_engine(database_url(db_url))
    assert downgrade(engine, "base") is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert upgrade(engine) == head_revision()
    engine.dispose()


def test_many_processes_starting_at_once_upgrade_once(empty_db_url: str, bundle: Bundle) -> None:
    """Several app processes starting together on a new database: every one succeeds."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "diagnose", "db", "upgrade", "--database", empty_db_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    results = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0], results
    store = Store.open(empty_db_url, bundle=bundle)
    assert current_revision(store.engine) == head_revision()
    store.close()


def test_many_threads_starting_at_once_upgrade_once(empty_db_url: str, bundle: Bundle) -> None:
    stores = [Store.open(empty_db_url, bundle=bundle) for _ in range(6)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(stores))

    def start(store: Store) -> None:
        barrier.wait()
        try:
            store.ensure_schema()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {current_revision(s.engine) for s in stores} == {head_revision()}
    for store in stores:
        store.close()


def test_sqlite_is_set_up_for_concurrency_and_integrity(tmp_path: Path, bundle: Bundle) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'x.sqlite'}", bundle=bundle)
    store.ensure_schema()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL: safe against a killed process
    store.close()


def test_default_database_is_a_sqlite_file_in_a_data_folder_made_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundle: Bundle
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NETSCAN_DATA_DIR", str(tmp_path / "nested" / "data"))
    store = Store.open(bundle=bundle)
    store.ensure_schema()
    assert (tmp_path / "nested" / "data" / "netwerkscan.sqlite").is_file()
    store.close()
    monkeypatch.delenv("NETSCAN_DATA_DIR")
    monkeypatch.chdir(tmp_path)
    assert database_url().database == str(tmp_path / "data" / "netwerkscan.sqlite")


def test_database_url_selects_postgresql_with_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:secret@db.example:5432/netscan")
    url = database_url()
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "db.example" and url.database == "netscan"
    assert "secret" not in Store(make_engine(url)).url


def test_unreachable_database_is_a_clear_error(bundle: Bundle) -> None:
    from diagnose.store import StoreError

    store = Store.open("postgresql://nobody@127.0.0.1:1/none", bundle=bundle, pool_pre_ping=False)
    with pytest.raises(StoreError) as caught:
        store.ensure_schema()
    assert caught.value.code == "database-unavailable"
    assert "127.0.0.1" in caught.value.format("en")


def test_missing_postgresql_binaries_are_a_clear_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture fails (never skips) with how to install them when the binaries are missing."""
    from tests import pgtemp

    monkeypatch.setattr(pgtemp.glob, "glob", lambda pattern: [])
    with pytest.raises(pgtemp.PostgresUnavailable) as caught:
        pgtemp.bindir()
    assert "apt-get install postgresql" in str(caught.value) and "make test" in str(caught.value)
