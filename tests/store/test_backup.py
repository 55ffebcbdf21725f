"""The backup docs/deployment.md prescribes, for real: pg_dump of a production database, pg_restore
into an empty one, and everything is back — rounds and answers, and also what `netscan export --all`
leaves out: users (who sign in with their own password), their workspace memberships and roles, and
the audit trail."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from diagnose.store import Store
from tests import pgtemp
from tests.store.conftest import drop_postgres, fresh_postgres_url

pytestmark = pytest.mark.postgres
PASSWORD = "een lang genoeg wachtwoord"


def test_a_pg_dump_restores_users_memberships_answers_and_the_audit_trail(
    postgres: pgtemp.TempPostgres, tmp_path: Path
) -> None:
    source_url = fresh_postgres_url(postgres)
    target_url = fresh_postgres_url(postgres, migrated=False)
    source = Store.open(source_url)
    workspace = source.create_workspace("Bestuur Oost")
    admin = source.add_user("beheer@oost.nl", PASSWORD, "Anna", workspace_id=workspace.id, role="admin")
    source.add_user("lid@oost.nl", PASSWORD, "Bram", workspace_id=workspace.id, role="member")
    network = source.create_network(workspace.id, "Netwerk Oost")
    rnd = source.create_round(network.id, "2026 najaar")
    opened = source.open_response(source.create_invitations(rnd.id, 1)[0].token)
    assert opened.response is not None
    q = source.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    item = next(i for i in q.items() if i.type == "scale")
    source.save_answer(opened.response.id, item.id, 4)
    assert source.sign_in("beheer@oost.nl", PASSWORD).status == "ok"
    source.close()

    dump = tmp_path / "netwerkscan.dump"
    base = source_url.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run(
        [str(postgres.bindir / "pg_dump"), "--format=custom", f"--file={dump}", base],
        check=True,
        capture_output=True,
    )
    restore = target_url.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run(
        [str(postgres.bindir / "pg_restore"), "--no-owner", f"--dbname={restore}", str(dump)],
        check=True,
        capture_output=True,
    )

    restored = Store.open(target_url)
    try:
        assert restored.readiness()[0], "the restored database has the schema this version needs"
        signed_in = restored.sign_in("beheer@oost.nl", PASSWORD)
        assert signed_in.status == "ok" and signed_in.user is not None and signed_in.user.id == admin.id
        assert restored.require_member(admin.id, workspace.id, role="admin") == "admin"
        member = restored.user_by_email("lid@oost.nl")
        assert member is not None and restored.membership(member.id, workspace.id) == "member"
        assert restored.answers(opened.response.id) == {item.id: 4}
        actions = [e.action for e in restored.audit_events(workspace.id)]
        assert actions.count("sign_in") == 2  # one before the dump, one on the restored copy
    finally:
        restored.close()
        drop_postgres(postgres, source_url)
        drop_postgres(postgres, target_url)
