"""The audit trail: sign-ins, exports and deletions are recorded where they happen, with who did
them; a workspace's administrator sees its own events and its members' sign-ins, nothing of
another workspace; events past the retention period can be purged."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from sqlalchemy import update

from diagnose.store import Store, models
from diagnose.store.audit import Actor, acting_as
from diagnose.store.types import ExportBy
from tests.store.helpers import OPERATOR

PASSWORD = "een lang genoeg wachtwoord"
ROOT = Path(__file__).resolve().parents[2]


def _world(store: Store) -> tuple[int, int, int]:
    workspace = store.create_workspace("Bestuur Noord")
    admin = store.add_user(
        "beheer@noord.nl", PASSWORD, "Anna Beheer", workspace_id=workspace.id, role="admin"
    )
    network = store.create_network(workspace.id, "Netwerk Techniek")
    return workspace.id, admin.id, network.id


def test_sign_ins_exports_and_deletions_are_recorded_with_who_did_them(store: Store) -> None:
    workspace_id, admin_id, network_id = _world(store)
    rnd = store.create_round(network_id, "2026 najaar")
    assert store.sign_in("beheer@noord.nl", "fout").status == "wrong"
    assert store.sign_in("Beheer@Noord.nl", PASSWORD).status == "ok"
    with acting_as(Actor("beheer@noord.nl", admin_id)):
        store.export_network(network_id, "json", by=ExportBy(admin_id, "app"))
        store.delete_round(rnd.id)
        store.delete_network(network_id)

    events = store.audit_events(workspace_id)
    assert [(e.action, e.actor) for e in events] == [
        ("delete_network", "beheer@noord.nl"),
        ("delete_round", "beheer@noord.nl"),
        ("export_backup", "beheer@noord.nl"),
        ("sign_in", "beheer@noord.nl"),
        ("sign_in_failed", "beheer@noord.nl"),
    ]
    subjects = {e.action: e.subject for e in events}
    assert subjects["export_backup"] == "‘Netwerk Techniek’ (json, app)"
    # the record of a deletion outlives what was deleted
    assert subjects["delete_network"] == f"‘Netwerk Techniek’ (#{network_id})"
    assert subjects["delete_round"].startswith("‘Netwerk Techniek’ / ‘2026 najaar’")
    assert all(PASSWORD not in e.subject and "fout" not in e.subject for e in events)


def test_an_administrator_sees_nothing_of_another_workspace(store: Store) -> None:
    workspace_id, _admin_id, network_id = _world(store)
    other = store.create_workspace("Bestuur Zuid")
    store.add_user("beheer@zuid.nl", PASSWORD, "Bram Zuid", workspace_id=other.id, role="admin")
    other_network = store.create_network(other.id, "Netwerk Zuid")
    assert store.sign_in("beheer@zuid.nl", PASSWORD).status == "ok"
    store.export_network(other_network.id, "json", by=OPERATOR)
    store.export_network(network_id, "json", by=OPERATOR)

    mine = store.audit_events(workspace_id)
    assert [(e.action, e.subject) for e in mine] == [("export_backup", "‘Netwerk Techniek’ (json, cli)")]
    theirs = store.audit_events(other.id)
    assert {e.action for e in theirs} == {"sign_in", "export_backup"}
    assert all("Techniek" not in e.subject for e in theirs)


def test_without_an_actor_the_trail_says_so(store: Store) -> None:
    workspace_id, _admin_id, network_id = _world(store)
    store.delete_network(network_id)
    assert store.audit_events(workspace_id)[0].actor == "onbekend"


def test_purge_removes_only_what_is_past_the_retention(store: Store) -> None:
    workspace_id, _admin_id, network_id = _world(store)
    store.export_network(network_id, "json", by=OPERATOR)
    store.export_network(network_id, "csv", by=OPERATOR)
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)
    with store.db.write() as s:
        s.execute(update(models.AuditEvent).where(models.AuditEvent.action == "export_backup").values(at=old))
    assert store.purge_audit(dt.timedelta(days=365)) == 1
    assert [e.action for e in store.audit_events(workspace_id)] == ["export_respondents"]


def test_the_command_line_records_itself_and_lists_and_purges(store: Store, db_url: str) -> None:
    workspace_id, _admin_id, network_id = _world(store)
    network = store.get_network(network_id)

    def netscan(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diagnose", *args, "--database", db_url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    exported = netscan(
        "export", "--workspace", str(workspace_id), "--network", network.name, "--what", "backup"
    )
    assert exported.returncode == 0, exported.stderr
    listed = netscan("audit", "list", "--workspace", str(workspace_id))
    assert listed.returncode == 0, listed.stderr
    when, action, actor, subject = listed.stdout.splitlines()[0].split("\t")
    assert (action, subject) == ("export_backup", "‘Netwerk Techniek’ (json, cli)")
    assert "netscan export" in actor  # the operator's account, as the export names it
    assert dt.datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ")
    refused = netscan("audit", "purge", "--older-than", "nul")
    assert refused.returncode == 2 and "not a number of days" in refused.stderr
    purged = netscan("audit", "purge", "--older-than", "1")
    assert purged.returncode == 0 and "0 regel(s)" in purged.stdout
