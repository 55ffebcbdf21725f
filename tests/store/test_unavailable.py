"""A database that cannot answer raises DatabaseUnavailable with its reason, never the driver's
error, and nothing is written (issue 19): SQLite locked past the busy timeout, a data folder that
cannot be made, a PostgreSQL server that is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from diagnose.store import Store
from diagnose.store.errors import DatabaseUnavailable


def test_a_save_while_another_process_holds_the_lock_past_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETSCAN_SQLITE_BUSY_TIMEOUT_MS", "200")
    path = tmp_path / "netwerkscan.sqlite"
    store = Store.open(f"sqlite+pysqlite:///{path}")
    store.ensure_schema()
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    rnd = store.create_round(net.id, "R")
    opened = store.open_response(store.create_invitations(rnd.id, 1)[0].token)
    assert opened.response is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            store.save_answer(opened.response.id, "profiel_rol", "teacher")
        assert caught.value.reason == "busy"
        assert "database" in caught.value.format("nl")
        assert store.answers(opened.response.id) == {}, "reading goes on while a writer holds the lock"
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.save_answer(opened.response.id, "profiel_rol", "teacher")
    assert store.answers(opened.response.id) == {"profiel_rol": "teacher"}
    store.close()


def test_a_data_folder_that_cannot_be_made_is_named_as_such(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    store = Store.open(f"sqlite+pysqlite:///{blocker / 'data' / 'netwerkscan.sqlite'}")
    with pytest.raises(DatabaseUnavailable) as caught:
        store.ensure_schema()
    assert caught.value.reason == "read_only"
    store.close()


def test_a_postgresql_server_that_is_gone_is_unreachable() -> None:
    store = Store.open("postgresql://netscan@127.0.0.1:1/netwerkscan")  # nothing listens on port 1
    with pytest.raises(DatabaseUnavailable) as caught:
        store.list_users()
    assert caught.value.reason == "unreachable"
    store.close()
