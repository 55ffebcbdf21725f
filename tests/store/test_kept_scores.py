"""Re-diagnosis reuses the scores kept with a snapshot only while everything they came from is
unchanged; any change to answers, respondents, roles, network profile, round or scoring settings
means scoring the answers again. Either way the diagnosis equals one made from the answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zlib
from typing import Any

import pytest
from sqlalchemy import select, text, update

from diagnose import Bundle, diagnose
from diagnose.diagnosis import check_and_score
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store, models, rediagnosis
from diagnose.store.round_scores import ScoresDigest, lines_query, response_line

from .conftest import role_values
from .helpers import add_respondents, statements


def reads_answers(seen: list[str]) -> bool:
    return any("response.answers" in s and s.startswith("SELECT") for s in seen)


def network_with_rounds(store: Store, q: Questionnaire) -> tuple[Any, list[Any]]:
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N", {"size": 12})
    rounds = []
    for year in (2023, 2024, 2025):
        r = store.create_round(net.id, str(year), date=dt.date(year, 2, 1))
        add_respondents(store, r.id, q, 3, seed=year)
        rounds.append(r)
    return net, rounds


def fresh(store: Store, bundle: Bundle, q: Questionnaire, net: Any, rounds: list[Any], index: int) -> Any:
    history = [store.round_as_core(rounds[index - 1].id)] if index else []
    expected = diagnose(
        bundle, q, store.round_as_core(rounds[index].id), history, store.network_as_core(net.id)
    )
    return expected.model_dump(mode="json")


def test_second_rediagnosis_reuses_scores_and_gives_the_same_diagnoses(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    net, rounds = network_with_rounds(store, q)
    with statements(store) as first:
        assert store.rediagnose(network_id=net.id).diagnosed == 3
    assert reads_answers(first)  # nothing kept yet: the answers are read and scored
    with statements(store) as second:
        assert store.rediagnose(network_id=net.id).diagnosed == 3
    assert not reads_answers(second)
    for index, r in enumerate(rounds):
        kept = store.snapshots(r.id)
        assert len(kept) == 2 and kept[0].data == kept[1].data == fresh(store, bundle, q, net, rounds, index)


def test_kept_scores_are_stored_byte_for_byte_as_before(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    """The release before (main 2393bf4 and later) reads what this one keeps, and kept the same:
    the round's scores as pydantic's model_dump_json writes them, in zlib's format: what the
    release before reads with Python's zlib."""
    net, rounds = network_with_rounds(store, q)
    store.rediagnose(network_id=net.id)
    for r in rounds:
        with store.db.read() as s:
            blob = s.scalar(
                select(models.DiagnosisSnapshot.scores).where(models.DiagnosisSnapshot.round_id == r.id)
            )
        scores, _ = check_and_score(
            bundle, q, store.round_as_core(r.id), network=store.network_as_core(net.id)
        )
        assert zlib.decompress(blob) == scores.model_dump_json().encode("utf-8")


def test_diagnose_round_keeps_scores_for_a_later_rediagnosis(store: Store, q: Questionnaire) -> None:
    net, rounds = network_with_rounds(store, q)
    for r in rounds:
        store.diagnose_round(r.id)
    with statements(store) as seen:
        store.rediagnose(network_id=net.id)
    assert not reads_answers(seen)


@pytest.mark.parametrize(
    "change",
    ["new respondent", "role", "hand-in time", "group", "network profile", "round label", "round date"],
)
def test_a_change_to_what_scores_come_from_scores_again(
    store: Store, bundle: Bundle, q: Questionnaire, change: str
) -> None:
    net, rounds = network_with_rounds(store, q)
    store.rediagnose(network_id=net.id)
    last = rounds[-1]
    if change == "new respondent":
        add_respondents(store, last.id, q, 1, seed=99)
    elif change == "role":
        # a submitted response's role corrected in the database (the app cannot change it)
        with store.engine.begin() as conn:
            row = conn.execute(
                select(models.Response.id, models.Response.role).where(models.Response.round_id == last.id)
            ).first()
            assert row is not None
            other = next(r for r in role_values(q) if r != row.role)
            conn.execute(update(models.Response).where(models.Response.id == row.id).values(role=other))
    elif change in ("hand-in time", "group"):
        # corrected in the database: each is part of the line the database makes per response
        with store.engine.begin() as conn:
            row = conn.execute(
                select(models.Response.id, models.Response.submitted_at, models.Response.is_group).where(
                    models.Response.round_id == last.id
                )
            ).first()
            assert row is not None
            values: dict[str, Any] = {
                "hand-in time": {"submitted_at": row.submitted_at + dt.timedelta(microseconds=1)},
                "group": {"is_group": not row.is_group},
            }[change]
            conn.execute(update(models.Response).where(models.Response.id == row.id).values(**values))
    elif change == "network profile":
        store.update_network(net.id, profile={"size": 40})
    elif change == "round label":
        store.update_round(last.id, label="2025 najaar")
    else:
        store.update_round(last.id, date=dt.date(2025, 10, 1))
    with statements(store) as seen:
        store.rediagnose(round_id=last.id)
    assert reads_answers(seen)
    assert store.latest_snapshot(last.id).data == fresh(store, bundle, q, net, rounds, 2)


def test_the_response_lines_are_the_same_in_every_session_time_zone(store: Store, q: Questionnaire) -> None:
    """The digest's line per response holds the hand-in time as the database has it (epoch seconds on
    PostgreSQL): a session in another time zone must not make every kept score look stale."""
    _, rounds = network_with_rounds(store, q)
    R = models.Response
    line = response_line(R, store.engine.dialect.name)
    query = select(line, R.submitted_at).where(R.round_id == rounds[0].id).order_by(R.id)
    seen = []
    with store.engine.connect() as conn:
        for zone in ("UTC", "Pacific/Chatham", "America/St_Johns"):
            if store.engine.dialect.name == "postgresql":
                conn.execute(text(f"SET TIME ZONE '{zone}'"))
            seen.append(conn.execute(query).all())
    assert seen[0] == seen[1] == seen[2] and len(seen[0]) == 3
    for made, submitted_at in seen[0]:
        stamp = made.split("|")[1]
        assert submitted_at is not None and stamp.startswith("=")
        if store.engine.dialect.name == "postgresql":
            assert float(stamp[1:]) == pytest.approx(submitted_at.timestamp(), abs=1e-6)


def test_the_response_lines_are_read_from_their_index_alone(store: Store, q: Questionnaire) -> None:
    """Every re-diagnosis reads the response lines of every round it touches: from the index that
    holds them (migration 0013), never from the rows, which hold the answers."""
    _, rounds = network_with_rounds(store, q)
    dialect = store.engine.dialect.name
    query = lines_query(dialect, [r.id for r in rounds])
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        if dialect == "postgresql":  # a table this small is read whole unless told otherwise
            conn.execute(text("SET enable_seqscan = off"))
            conn.execute(text("SET enable_bitmapscan = off"))
            plan = " ".join(row[0] for row in conn.execute(text("EXPLAIN " + sql)))
            assert "Index Only Scan using ix_response_round_lines" in plan, plan
        else:
            plan = " ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "USING COVERING INDEX ix_response_round_lines" in plan, plan
        assert len(conn.execute(query).all()) == 9


def test_the_digest_changes_with_every_input(bundle: Bundle, q: Questionnaire) -> None:
    digest = ScoresDigest(bundle)
    base: dict[str, Any] = {
        "q": q,
        "network_profile": {"size": 12},
        "label": "2025",
        "date": dt.date(2025, 2, 1),
        "submitted": [("1|=2025-02-01 12:00:00.000000|=teacher|0", False), ("2|-|-|0", False)],
    }
    reference = digest.of(**base)
    assert digest.of(**base) == reference
    variants = [
        {"q": bundle.questionnaire("quickscan")},
        {"network_profile": {"size": 13}},
        {"label": "2025 najaar"},
        {"date": None},
        {"submitted": base["submitted"][:1]},
        {"submitted": base["submitted"][::-1]},
        {"submitted": [("1|=2025-02-01 12:00:00.000000|=teacher|0|2|-|-|0", False)]},
    ]
    for variant in variants:
        assert digest.of(**{**base, **variant}) != reference, variant
    thresholds = {**bundle.settings.thresholds, "strength": bundle.settings.thresholds["strength"] + 0.1}
    stricter = dataclasses.replace(
        bundle, settings=bundle.settings.model_copy(update={"thresholds": thresholds})
    )
    assert ScoresDigest(stricter).of(**base) != reference
    edited = q.model_copy(deep=True)
    object.__setattr__(edited.sections[0], "items", list(edited.sections[0].items)[1:])
    assert digest.of(**{**base, "q": edited}) != reference


def test_rediagnosis_after_a_snapshot_without_kept_scores(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    """Snapshots made before scores were kept (or imported from an archive) have none: scored afresh."""
    net, rounds = network_with_rounds(store, q)
    store.rediagnose(network_id=net.id)
    with store.engine.begin() as conn:
        conn.execute(update(models.DiagnosisSnapshot).values(scores=None, scores_inputs=None))
    with statements(store) as seen:
        store.rediagnose(network_id=net.id)
    assert reads_answers(seen)
    assert store.latest_snapshot(rounds[1].id).data == fresh(store, bundle, q, net, rounds, 1)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_rediagnosis_in_worker_processes_equals_one_process(
    store: Store, q: Questionnaire, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    """`netscan rediagnose` spreads networks over processes: forked from the command line (they
    inherit the rule base), spawned from a threaded program. Both store what one process would."""
    monkeypatch.setattr(rediagnosis, "_can_fork", lambda: start == "fork")
    ws = store.create_workspace("W")
    rounds = []
    for n in range(3):
        net = store.create_network(ws.id, f"N{n}")
        for year in (2024, 2025):
            r = store.create_round(net.id, str(year), date=dt.date(year, 2, 1))
            add_respondents(store, r.id, q, 3, seed=10 * n + year)
            rounds.append(r)
    for _ in range(2):  # scoring every round, then with the scores kept
        report = store.rediagnose(workspace_id=ws.id, workers=2)
        assert (report.diagnosed, report.skipped) == (6, [])
    store.rediagnose(workspace_id=ws.id, workers=1)
    for r in rounds:
        parallel_first, parallel_kept, single = store.snapshots(r.id)
        assert parallel_first.data == parallel_kept.data == single.data
