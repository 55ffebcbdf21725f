"""Re-diagnosis in batches of whole networks: one read and one write per batch, whatever the number
of networks; a round that cannot be diagnosed is reported and the rest of its batch still lands; a
process killed between batches leaves every round with a readable latest snapshot."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from diagnose import Bundle
from diagnose import diagnosis as core_diagnosis
from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store, models, rediagnosis

from .helpers import add_respondents, statements


def networks_with_rounds(store: Store, q: Questionnaire, networks: int) -> tuple[Any, list[list[Any]]]:
    ws = store.create_workspace("W")
    made = []
    for n in range(networks):
        net = store.create_network(ws.id, f"Netwerk {n + 1}")
        rounds = []
        for year in (2024, 2025):
            r = store.create_round(net.id, str(year), date=dt.date(year, 2, 1))
            add_respondents(store, r.id, q, 3, seed=10 * n + year)
            rounds.append(r)
        made.append(rounds)
    return ws, made


def snapshot_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(models.DiagnosisSnapshot)).scalar_one())


def test_reading_a_batch_takes_the_same_queries_for_one_network_or_many(
    store: Store, q: Questionnaire
) -> None:
    ws, _ = networks_with_rounds(store, q, 3)
    store.rediagnose(workspace_id=ws.id)  # scores kept: the runs below are what a rule change costs
    first = store.list_networks(ws.id)[0].id
    with statements(store) as one:
        assert store.rediagnose(network_id=first).diagnosed == 2
    before = snapshot_count(store)
    with statements(store) as three:
        assert store.rediagnose(workspace_id=ws.id).diagnosed == 6
    assert snapshot_count(store) == before + 6
    assert len(three) == len(one)
    # on PostgreSQL the snapshots go by COPY on the driver's cursor, which SQLAlchemy does not
    # see: its one look-up of the table's column types stands for it
    writes = [s for s in three if s.startswith("INSERT INTO diagnosis_snapshot") or "pg_attribute" in s]
    assert len(writes) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_round_that_cannot_be_diagnosed_is_reported_and_the_rest_of_its_batch_lands(
    store: Store, q: Questionnaire, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rediagnosis, "PARALLEL_FROM", 1)
    ws, made = networks_with_rounds(store, q, 3)
    broken = made[1][0]
    scale_item = next(i.id for i in q.items() if i.type == "scale")
    with store.engine.begin() as conn:
        answers = conn.execute(
            select(models.Response.id, models.Response.answers).where(
                models.Response.round_id == broken.id, models.Response.status == "submitted"
            )
        ).first()
        assert answers is not None
        conn.execute(
            update(models.Response)
            .where(models.Response.id == answers[0])
            .values(answers={**answers[1], scale_item: 9})
        )
    report = store.rediagnose(workspace_id=ws.id, workers=workers)
    assert report.diagnosed == 5
    assert [rid for rid, _ in report.skipped] == [broken.id]
    reason = report.skipped[0][1]
    assert "Netwerk 2 / 2024" in reason and scale_item in reason
    for rounds in made:
        for r in rounds:
            assert len(store.snapshots(r.id)) == (0 if r.id == broken.id else 1)


def test_a_round_the_rules_fail_on_is_reported_and_the_others_of_its_batch_land(
    store: Store, q: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules run over a whole batch in one call (diagnose_many); when that call fails for one
    round, the batch is diagnosed round by round and only that round is reported. Nothing in the
    shipped content makes the rules stage fail, so the failure is injected."""
    ws, made = networks_with_rounds(store, q, 3)
    broken = made[2][1]
    real = core_diagnosis._facts

    def failing(bundle: Bundle, r: core_diagnosis.Scored) -> Any:
        if r.network is not None and r.network.name == "Netwerk 3" and r.current.label == "2025":
            raise ValidationFailed([Problem("no-responses", file="Netwerk 3 / 2025", id="round")])
        return real(bundle, r)

    monkeypatch.setattr(core_diagnosis, "_facts", failing)
    report = store.rediagnose(workspace_id=ws.id)
    assert report.diagnosed == 5
    assert [rid for rid, _ in report.skipped] == [broken.id]
    assert "Netwerk 3 / 2025" in report.skipped[0][1]
    for rounds in made:
        for r in rounds:
            assert len(store.snapshots(r.id)) == (0 if r.id == broken.id else 1)


CHILD = """
import sys
from diagnose.store import Store, rediagnosis

rediagnosis.BATCH_ROUNDS = 1  # one network per batch
store = Store.open(sys.argv[1])


def progress(done, total):
    print(done, total, flush=True)
    sys.stdin.readline()  # held here, after a batch committed, until the test kills the process


store.rediagnose(workers=1, progress=progress)
"""


def test_killed_between_batches_every_round_keeps_a_readable_latest_snapshot(
    db_url: str, bundle: Bundle, q: Questionnaire, tmp_path: Path
) -> None:
    store = Store.open(db_url, bundle=bundle)
    ws, made = networks_with_rounds(store, q, 3)
    store.rediagnose(workspace_id=ws.id)
    before = {r.id: store.latest_snapshot(r.id) for rounds in made for r in rounds}
    store.close()
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, str(script), db_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert first.split() == ["2", "6"], child.stderr.read() if child.stderr else ""
    store = Store.open(db_url, bundle=bundle)
    try:
        counts = [[len(store.snapshots(r.id)) for r in rounds] for rounds in made]
        # the first network's batch committed, the others never started
        assert sorted(counts) == [[1, 1], [1, 1], [2, 2]]
        for rounds in made:
            for r in rounds:
                latest = store.latest_snapshot(r.id)
                old = before[r.id]
                assert latest is not None and old is not None
                assert latest.diagnosis().findings  # its finding texts are all in the database
                assert latest.data == old.data  # the same rule base: the same diagnosis
        assert store.rediagnose(workspace_id=ws.id).diagnosed == 6  # and a new run completes
    finally:
        store.close()
