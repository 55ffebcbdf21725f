"""Finding texts are stored once and shared by snapshots; every snapshot still reads back whole,
with the wording it had when it was made."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import from_json
from sqlalchemy import LargeBinary, func, select, type_coerce

from diagnose import Bundle, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store, finding_texts, models, round_scores
from diagnose.store.diagnoses import Diagnosed
from diagnose.store.finding_texts import KEY, FindingTexts
from diagnose.store.results_export import export_results
from diagnose.text import LocalizedText

from .helpers import OPERATOR, add_respondents


def a_round(store: Store, q: Questionnaire) -> Any:
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    r = store.create_round(net.id, "2025", date=dt.date(2025, 2, 1))
    add_respondents(store, r.id, q, 4, seed=3)
    return r


def raw_snapshot(store: Store, snapshot_id: int) -> dict[str, Any]:
    with store.engine.connect() as conn:
        data = conn.execute(
            select(models.DiagnosisSnapshot.data).where(models.DiagnosisSnapshot.id == snapshot_id)
        ).scalar_one()
    assert isinstance(data, dict)
    return data


def test_snapshots_share_texts_and_read_back_whole(store: Store, q: Questionnaire) -> None:
    r = a_round(store, q)
    first = store.diagnose_round(r.id)
    second = store.diagnose_round(r.id)
    findings = first.data["findings"]
    assert findings and all(f["advice"]["nl"] and f["title"]["en"] for f in findings)
    raw = raw_snapshot(store, first.id)
    assert all("advice" not in f for f in raw["findings"])
    assert len(raw["finding_texts"]) == len(findings)
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(models.FindingText)).scalar_one()
    assert rows == len({f["rule"] for f in findings})  # once, not once per snapshot
    assert store.snapshots(r.id)[0].data == first.data == second.data


def test_another_process_stores_only_the_texts_the_database_lacks(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    """A new process (here a second store on the same database: its own cache) looks the texts
    up before it writes them: those there stay as they are, one that went missing is stored again."""
    r = a_round(store, q)
    made = store.diagnose_round(r.id)
    digests = raw_snapshot(store, made.id)[KEY]
    with store.engine.begin() as conn:
        conn.execute(models.FindingText.__table__.delete().where(models.FindingText.digest == digests[0]))
        before = dict(conn.execute(select(models.FindingText.digest, models.FindingText.texts)).all())
    assert digests[0] not in before and before
    other = Store(store.engine, bundle=bundle)
    other.rediagnose(round_id=r.id)
    with store.engine.connect() as conn:
        after = dict(conn.execute(select(models.FindingText.digest, models.FindingText.texts)).all())
    assert after.keys() == before.keys() | {digests[0]} and all(after[d] == before[d] for d in before)
    assert other.latest_snapshot(r.id).data == made.data  # type: ignore[union-attr]


def test_a_reworded_rule_leaves_old_snapshots_as_they_were(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    r = a_round(store, q)
    before = store.diagnose_round(r.id)
    rule_id = before.data["findings"][0]["rule"]
    reworded = [
        dataclasses.replace(rule, advice=LocalizedText(nl="Nieuw advies.", en="New advice."))
        if rule.id == rule_id
        else rule
        for rule in bundle.rules
    ]
    newer = Store(store.engine, bundle=dataclasses.replace(bundle, rules=reworded))
    after = newer.diagnose_round(r.id)
    assert after.diagnosis().finding(rule_id).advice.nl == "Nieuw advies."  # type: ignore[union-attr]
    old, new = newer.snapshots(r.id)
    assert old.data == before.data  # read by a store with the new rules: still the old advice
    assert new.data == after.data


def test_a_snapshot_stored_whole_reads_as_it_is(store: Store, q: Questionnaire) -> None:
    """As made before texts were shared, or imported from an archive."""
    r = a_round(store, q)
    made = store.diagnose_round(r.id)
    with store.engine.begin() as conn:
        conn.execute(
            models.DiagnosisSnapshot.__table__.insert().values(
                round_id=r.id,
                created_at=made.created_at,
                questionnaire_id=made.questionnaire_id,
                questionnaire_version=made.questionnaire_version,
                ruleset_id=made.ruleset_id,
                ruleset_version=made.ruleset_version,
                respondents=made.respondents,
                data=made.data,
            )
        )
    assert store.latest_snapshot(r.id).data == made.data  # type: ignore[union-attr]


def test_packing_the_same_texts_again_holds_no_more_in_memory(store: Store, q: Questionnaire) -> None:
    """Each diagnosis fills its texts in anew (new objects, the same words): the cache holds one
    entry per distinct text, so a long re-diagnosis keeps its memory flat (it once kept every
    finding, ~45 MB per 1,000 rounds)."""
    r = a_round(store, q)
    snapshot = store.diagnose_round(r.id)
    texts = FindingTexts()
    first, _ = texts.pack(snapshot.diagnosis())
    held = texts.cached()
    assert held > 0
    for _ in range(3):
        again, _ = texts.pack(snapshot.diagnosis())  # read back again: new objects
        assert again == first
    assert texts.cached() == held


def test_a_process_keeps_a_bounded_number_of_texts_and_every_snapshot_still_reads_whole(
    store: Store, q: Questionnaire, db_url: str, bundle: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text filled in for one round (a score in an advice) is new in every round: a long
    re-diagnosis once kept every one of them (~3 a round, ~300 MB over 50,000 rounds). The caches
    let go past CACHED_TEXTS, and what they let go of is read from the database again."""
    monkeypatch.setattr(finding_texts, "CACHED_TEXTS", 5)
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    rounds = []
    for year, seed in ((2023, 3), (2024, 4), (2025, 5)):
        r = store.create_round(net.id, str(year), date=dt.date(year, 2, 1))
        add_respondents(store, r.id, q, 4, seed=seed)
        rounds.append(r.id)
    store.rediagnose(network_id=net.id)
    store.rediagnose(network_id=net.id)  # a later run: packing with the caches full
    kept = store._finding_texts  # the rooms' own, which packed and read every snapshot above
    read = {rid: [s.data for s in store.snapshots(rid)] for rid in rounds}
    findings = sum(len(data["findings"]) for snaps in read.values() for data in snaps)
    assert findings > 10 and kept.cached() <= 2 * 5
    fresh = Store.open(db_url, bundle=bundle)  # as a new process: every text from the database
    try:
        for rid in rounds:
            assert [s.data for s in fresh.snapshots(rid)] == read[rid]
            for snapshot in fresh.snapshots(rid):
                assert snapshot.data == snapshot.diagnosis().model_dump(mode="json")
    finally:
        fresh.close()


def test_a_snapshot_leaves_out_what_its_kept_scores_hold_and_reads_back_whole(
    store: Store, q: Questionnaire
) -> None:
    """Construct scores, profile, respondents' scores, scores by role and unknown answers are in
    the snapshot's kept scores: its JSON names them instead of repeating them, and reading puts
    them back, the fields in the diagnosis' order, as the core made them."""
    assert round_scores.WRITE_FROM_SCORES
    r = a_round(store, q)
    store.diagnose_round(r.id)
    store.rediagnose(round_id=r.id)
    store.rediagnose(round_id=r.id)  # the second reuses the kept scores
    for snapshot in store.snapshots(r.id):
        raw = raw_snapshot(store, snapshot.id)
        assert raw[round_scores.FROM_SCORES] == list(round_scores.SHARED)
        assert not set(round_scores.SHARED) & raw.keys()
        expected = snapshot.diagnosis().model_dump(mode="json")
        assert snapshot.data == expected and list(snapshot.data) == list(expected)
        assert snapshot.data["respondents"] and snapshot.data["scores"]


def test_a_lean_snapshot_is_stored_byte_for_byte_as_before(store: Store, q: Questionnaire) -> None:
    """The release before (main 2393bf4 and later) reads what this one writes, and wrote the same:
    the diagnosis' JSON as pydantic's model_dump_json writes it without the finding texts and the
    parts its kept scores hold, then the texts' digests and the parts' names, in zlib's format
    (read with Python's zlib, as the release before reads it)."""
    r = a_round(store, q)
    store.rediagnose(round_id=r.id)
    store.rediagnose(round_id=r.id)  # with kept scores, as a later run
    for made in store.snapshots(r.id):
        stored = type_coerce(models.DiagnosisSnapshot.data, LargeBinary)  # as the database holds it
        with store.db.read() as s:
            blob = s.scalar(select(stored).where(models.DiagnosisSnapshot.id == made.id))
        assert isinstance(blob, bytes)
        leave_out = {"findings": {"__all__": {"title", "diagnosis", "advice"}}}
        body = made.diagnosis().model_dump_json(exclude=dict.fromkeys(round_scores.SHARED, True) | leave_out)
        digests = json.loads(zlib.decompress(blob))[KEY]
        assert len(digests) == len(made.diagnosis().findings) > 0
        shared = json.dumps(["scores", "profile", "respondents", "by_role", "unknown"])
        expected = f'{body[:-1]},"{KEY}":{json.dumps(digests)},"from_scores":{shared}}}'
        assert zlib.decompress(blob) == expected.encode("utf-8")


def test_whole_snapshots_stored_before_read_the_same_beside_lean_ones(
    store: Store, q: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database written by a release before this one holds whole snapshots (with kept scores):
    they read as they are, and a re-diagnosis by this release adds lean ones that read the same."""
    r = a_round(store, q)
    monkeypatch.setattr(round_scores, "WRITE_FROM_SCORES", False)  # as the release before wrote
    store.rediagnose(round_id=r.id)
    monkeypatch.setattr(round_scores, "WRITE_FROM_SCORES", True)
    store.rediagnose(round_id=r.id)  # reuses the scores kept with the whole snapshot
    whole, lean = store.snapshots(r.id)
    assert round_scores.FROM_SCORES not in raw_snapshot(store, whole.id)
    assert set(round_scores.SHARED) <= raw_snapshot(store, whole.id).keys()
    assert raw_snapshot(store, lean.id)[round_scores.FROM_SCORES] == list(round_scores.SHARED)
    assert whole.data == whole.diagnosis().model_dump(mode="json")
    assert lean.data == whole.data and list(lean.data) == list(whole.data)


def test_the_rules_read_kept_scores_without_the_respondents_own(store: Store, q: Questionnaire) -> None:
    """A re-diagnosis reads the kept scores for the rules without the respondents' own scores
    (nothing the rules, findings or summary read): every other part as unpack reads it."""
    r = a_round(store, q)
    made = store.diagnose_round(r.id)
    with store.db.read() as s:
        blob = s.scalar(select(models.DiagnosisSnapshot.scores).where(models.DiagnosisSnapshot.id == made.id))
    assert blob is not None
    whole, lean = round_scores.unpack(blob), round_scores.unpack_for_rules(blob)
    assert len(whole.respondent_scores) == 4 and lean.respondent_scores == []
    assert lean == whole.model_copy(update={"respondent_scores": []})
    assert lean.model_fields_set == whole.model_fields_set


def test_a_lean_diagnosis_is_stored_only_with_its_kept_scores(
    store: Store, q: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its respondents' scores are only in the kept scores: a snapshot that would be stored whole
    (as by a release before lean snapshots) is refused, and with lean snapshots off a re-diagnosis
    reads the respondents' scores and stores them whole."""
    r = a_round(store, q)
    store.rediagnose(round_id=r.id)
    monkeypatch.setattr(round_scores, "WRITE_FROM_SCORES", False)
    net_id = store.get_round(r.id).network_id
    results, _ = store._diagnose_networks([(net_id, {r.id})], lean=True)
    assert results[0].lean and results[0].diagnosis.respondents == []
    with pytest.raises(RuntimeError, match="lean"):
        store._snapshot_values(results)
    store.rediagnose(round_id=r.id)
    latest = store.latest_snapshot(r.id)
    assert latest is not None
    assert len(raw_snapshot(store, latest.id)["respondents"]) == 4


def test_a_diagnosis_that_differs_from_its_scores_is_stored_whole(store: Store, q: Questionnaire) -> None:
    r = a_round(store, q)
    made = store.diagnose_round(r.id)
    d = made.diagnosis()
    with store.db.read() as s:
        blob = s.scalar(select(models.DiagnosisSnapshot.scores).where(models.DiagnosisSnapshot.id == made.id))
    assert blob is not None
    scores = round_scores.unpack(blob)
    assert round_scores.shares_scores(d, scores)
    changed = d.model_copy(update={"by_role": {"board": {"identity": 1.0}}})
    assert not round_scores.shares_scores(changed, scores)
    assert not round_scores.shares_scores(d, scores.model_copy(update={"respondent_scores": []}))
    packed = store._snapshot_values(
        [Diagnosed(r.id, changed, "inputs", blob, scores), Diagnosed(r.id, d, "inputs", blob, scores)]
    )
    whole, lean = (from_json(v["data"]) for v in packed.values)
    assert round_scores.FROM_SCORES not in whole and whole["by_role"] == {"board": {"identity": 1.0}}
    assert lean[round_scores.FROM_SCORES] == list(round_scores.SHARED) and "by_role" not in lean


def test_snapshots_leave_the_store_whole(store: Store, other_store: Store, q: Questionnaire) -> None:
    """The archive and the results export carry lean snapshots whole: the parts their kept scores
    hold and the finding texts in place, nothing that refers to this database's rows; imported
    elsewhere (without kept scores) they read the same."""
    r = a_round(store, q)
    store.rediagnose(round_id=r.id)
    (made,) = store.snapshots(r.id)
    assert round_scores.FROM_SCORES in raw_snapshot(store, made.id)
    archive = json.loads(store.export_workspace(r.workspace_id, "json", by=OPERATOR))
    (exported,) = archive["workspaces"][0]["networks"][0]["rounds"][0]["snapshots"]
    data = exported["diagnosis"]
    assert data == made.data and set(round_scores.SHARED) <= data.keys() and data["respondents"]
    assert round_scores.FROM_SCORES not in data and KEY not in data
    assert all(f["advice"]["nl"] for f in data["findings"])
    results = json.loads(export_results(store, "json", round_id=r.id))
    (entry,) = results["rounds"]
    shown = made.diagnosis().visible_scores()
    assert shown and {cid: s["mean"] for cid, s in entry["scores"].items()} == {
        c: round(m, 2) for c, m in shown.items()
    }
    other_store.import_bytes(json.dumps(archive).encode(), "archief.json")
    (net,) = other_store.list_networks(other_store.list_workspaces()[0].id)
    (imported_round,) = other_store.list_rounds(net.id)
    (imported,) = other_store.snapshots(imported_round.id)
    assert imported.data == made.data


@pytest.mark.parametrize("key", [round_scores.FROM_SCORES, KEY])
def test_an_archive_snapshot_that_refers_to_rows_it_does_not_carry_is_refused(
    store: Store, other_store: Store, q: Questionnaire, key: str
) -> None:
    """Kept scores and finding texts are never in an archive: a snapshot naming them (a forged or
    hand-edited file) would fail whenever its round is read, so the import refuses it, located."""
    r = a_round(store, q)
    store.rediagnose(round_id=r.id)
    archive = json.loads(store.export_workspace(r.workspace_id, "json", by=OPERATOR))
    snapshot = archive["workspaces"][0]["networks"][0]["rounds"][0]["snapshots"][0]
    snapshot["diagnosis"][key] = list(round_scores.SHARED) if key == round_scores.FROM_SCORES else ["0" * 32]
    before = other_store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        other_store.import_bytes(json.dumps(archive).encode(), "archief.json")
    (problem,) = caught.value.problems
    assert problem.code == "snapshot-invalid" and problem.field == "diagnosis"
    assert problem.id == "workspaces[0].networks[0].rounds[0].snapshots[0]"
    assert key in caught.value.format("nl") and key in caught.value.format("en")
    assert "niet in dit bestand" in caught.value.format("nl")
    assert other_store.table_counts() == before


@settings(max_examples=300, deadline=None)
@given(st.tuples(*[st.text(st.characters(exclude_categories=("Cs",)), min_size=1)] * 6))
def test_a_texts_digest_is_the_one_stored_so_far(key: tuple[str, ...]) -> None:
    """Texts are stored under the digest of their JSON as json.dumps writes it with sorted keys:
    the same texts made now must find the rows made before (any characters: quotes, backslashes,
    control characters, accents, emoji)."""
    title_nl, title_en, diagnosis_nl, diagnosis_en, advice_nl, advice_en = key
    texts = {
        "title": {"nl": title_nl, "en": title_en},
        "diagnosis": {"nl": diagnosis_nl, "en": diagnosis_en},
        "advice": {"nl": advice_nl, "en": advice_en},
    }
    canonical = json.dumps(texts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert finding_texts._digest_of(key) == hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()
