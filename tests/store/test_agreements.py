"""Agreements (afspraken) in the store, on SQLite and PostgreSQL: recorded, their status through the
year, refused with a located message and nothing stored, and read beside the next round's movement."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from diagnose.agreements import effects
from diagnose.problems import ValidationFailed
from diagnose.store import AccessDenied, NotFound, Store
from diagnose.store.round_view import round_view
from diagnose.store.transfer import kept

from .helpers import OPERATOR

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def two_rounds(store: Store) -> tuple[int, int]:
    """Den Bosch year 1 and year 2 (the example response file), both diagnosed."""
    ws = store.create_workspace("Adviesbureau")
    result = store.import_bytes(
        (EXAMPLES / "den_bosch_jaar2.json").read_bytes(), "den_bosch_jaar2.json", workspace_id=ws.id
    )
    rounds = store.list_rounds(store.get_round(result.round_ids[0]).network_id)
    assert len(rounds) == 2
    first, second = rounds
    store.diagnose_round(first.id)
    store.diagnose_round(second.id)
    return first.id, second.id


def first_finding(store: Store, round_id: int) -> tuple[str, list[str]]:
    snapshot = store.latest_snapshot(round_id)
    assert snapshot is not None
    finding = next(f for f in snapshot.diagnosis().findings if f.constructs)
    return finding.rule, finding.constructs


def test_an_agreement_is_recorded_with_its_status_through_the_year(
    store: Store, two_rounds: tuple[int, int]
) -> None:
    first, _ = two_rounds
    rule, constructs = first_finding(store, first)
    start = store.get_round(first).date or dt.date(2020, 1, 1)
    made = store.add_agreement(
        first,
        "  Werkplaatsen in plaats van vergaderingen ",
        owner="voorzitter stuurgroep",
        due=start + dt.timedelta(days=200),
        findings=[rule],
        on=start + dt.timedelta(days=10),
    )
    assert made.text == "Werkplaatsen in plaats van vergaderingen"
    assert made.status == "planned" and made.findings == (rule,)
    store.set_agreement_status(
        made.id or 0, "under_way", note="eerste werkplaats gehouden", on=start + dt.timedelta(days=60)
    )
    done = store.set_agreement_status(
        made.id or 0, "done", note="vier werkplaatsen", on=start + dt.timedelta(days=180)
    )
    assert [h.status for h in done.history] == ["planned", "under_way", "done"]
    assert done.last_change.note == "vier werkplaatsen"
    assert store.list_agreements(first) == [done]
    assert store.get_agreement(made.id or 0) == done
    assert store.network_agreements(store.get_round(first).network_id)[first] == [done]
    changed = store.update_agreement(made.id or 0, owner="netwerkcoördinator", constructs=[constructs[0]])
    assert changed.owner == "netwerkcoördinator" and changed.constructs == (constructs[0],)
    assert changed.history == done.history


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"text": "   "}, "agreement-text", "text"),
        ({"text": "x" * 501}, "agreement-too-long", "text"),
        ({"due": dt.date(2000, 1, 1)}, "agreement-due", "due"),
        ({"findings": ["geen-bestaande-regel"]}, "agreement-finding", "findings"),
        ({"constructs": ["vertrouwn"]}, "agreement-construct", "constructs"),
        ({"status": "klaar"}, "agreement-status", "status"),
    ],
)
def test_a_bad_agreement_is_refused_with_a_located_message_and_nothing_stored(
    store: Store, two_rounds: tuple[int, int], kwargs: dict[str, object], code: str, field: str
) -> None:
    first, _ = two_rounds
    args: dict[str, object] = {"text": "Werkplaatsen"} | kwargs
    text = str(args.pop("text"))
    with pytest.raises(ValidationFailed) as caught:
        store.add_agreement(first, text, **args)  # type: ignore[arg-type]
    problem = caught.value.problems[0]
    assert (problem.code, problem.field) == (code, field)
    assert problem.what("nl") and problem.what("en") and problem.what("nl") != problem.what("en")
    assert "{" not in problem.what("nl") + problem.fix("nl") + problem.what("en")
    assert store.list_agreements(first) == []


def test_a_misspelled_construct_gets_a_did_you_mean(store: Store, two_rounds: tuple[int, int]) -> None:
    first, _ = two_rounds
    _, constructs = first_finding(store, first)
    with pytest.raises(ValidationFailed) as caught:
        store.add_agreement(first, "Iets", constructs=[constructs[0][:-1]])
    assert f"bedoel je '{constructs[0]}'" in caught.value.problems[0].what("nl")


def test_only_members_of_the_workspace_may_record_or_change_agreements(
    store: Store, two_rounds: tuple[int, int]
) -> None:
    first, _ = two_rounds
    workspace = store.get_round(first).workspace_id
    outsider = store.add_user("buiten@example.org", "lang genoeg wachtwoord")
    member = store.add_user("lid@example.org", "lang genoeg wachtwoord", workspace_id=workspace)
    with pytest.raises(AccessDenied):
        store.add_agreement(first, "Werkplaatsen", user_id=outsider.id)
    assert store.list_agreements(first) == []
    made = store.add_agreement(first, "Werkplaatsen", user_id=member.id)
    with pytest.raises(AccessDenied):
        store.set_agreement_status(made.id or 0, "done", user_id=outsider.id)
    with pytest.raises(AccessDenied):
        store.delete_agreement(made.id or 0, user_id=outsider.id)
    assert store.get_agreement(made.id or 0).status == "planned"
    store.delete_agreement(made.id or 0, user_id=member.id)
    with pytest.raises(NotFound):
        store.get_agreement(made.id or 0)


def test_a_finding_cannot_be_linked_before_the_round_is_diagnosed(store: Store, rnd: object) -> None:
    with pytest.raises(ValidationFailed) as caught:
        store.add_agreement(rnd.id, "Werkplaatsen", findings=["some-rule"])  # type: ignore[attr-defined]
    assert caught.value.problems[0].code == "agreement-finding"


def test_next_round_shows_each_agreement_beside_the_movement_of_its_constructs(
    store: Store, two_rounds: tuple[int, int]
) -> None:
    first, second = two_rounds
    rule, constructs = first_finding(store, first)
    made = store.add_agreement(first, "Werkplaatsen in plaats van vergaderingen", findings=[rule])
    store.set_agreement_status(made.id or 0, "done")
    view = round_view(store, second)
    assert view is not None and view.diagnosis.previous is not None
    earlier = store.latest_snapshot(first)
    assert earlier is not None
    [effect] = effects(store.list_agreements(first), view.diagnosis, earlier.diagnosis())
    assert [m.construct_id for m in effect.movements] == list(dict.fromkeys(constructs))
    for m in effect.movements:
        assert m.before == view.diagnosis.previous.scores.get(m.construct_id)
        assert m.after == view.diagnosis.visible_scores().get(m.construct_id)


def test_agreements_go_with_their_round(store: Store, two_rounds: tuple[int, int]) -> None:
    first, _ = two_rounds
    store.add_agreement(first, "Werkplaatsen")
    network = store.get_round(first).network_id
    store.delete_network(network)
    counts = store.table_counts()
    assert counts["agreement"] == 0 and counts["agreement_status"] == 0


def test_the_archive_carries_agreements_with_their_history(
    store: Store, other_store: Store, two_rounds: tuple[int, int]
) -> None:
    first, second = two_rounds
    rule, _ = first_finding(store, first)
    made = store.add_agreement(
        first, "Werkplaatsen", owner="voorzitter", findings=[rule], on=dt.date(2026, 4, 1)
    )
    store.set_agreement_status(made.id or 0, "done", note="vier keer", on=dt.date(2026, 11, 1))
    store.add_agreement(second, "Intervisie per kwartaal", due=dt.date(2027, 12, 1))
    workspace = store.get_round(first).workspace_id
    archive = store.export_workspace(workspace, "json", by=OPERATOR)
    other_store.import_bytes(archive, "backup.json")
    assert other_store.table_counts() == store.table_counts()
    [net] = other_store.list_networks(other_store.list_workspaces()[0].id)
    restored = other_store.network_agreements(net.id)
    originals = store.network_agreements(store.get_round(first).network_id)
    strip = lambda found: [  # noqa: E731 - ids differ between the databases
        [a.model_copy(update={"id": None}) for a in agreements] for agreements in found.values()
    ]
    assert strip(restored) == strip(originals)
    assert [h.status for h in next(iter(restored.values()))[0].history] == ["planned", "done"]


def test_a_broken_agreement_in_an_archive_is_refused_and_nothing_is_imported(
    store: Store, other_store: Store, two_rounds: tuple[int, int]
) -> None:
    first, _ = two_rounds
    store.add_agreement(first, "Werkplaatsen")
    archive = store.export_workspace(store.get_round(first).workspace_id, "json", by=OPERATOR)
    broken = archive.replace(b'"text": "Werkplaatsen"', b'"text": ""')
    assert broken != archive
    with pytest.raises(ValidationFailed) as caught:
        other_store.import_bytes(broken, "backup.json")
    assert "text" in caught.value.problems[0].format("nl")
    assert other_store.is_empty()


def test_the_demo_shows_the_yearly_loop(store: Store) -> None:
    from diagnose.store.demo import AGREEMENTS, build_demo

    result = build_demo(store)
    q = store.bundle.questionnaire("netwerkscan")
    networks = {n.name: n for n in store.list_networks(result.workspace.id)}
    for name, by_year in AGREEMENTS.items():
        rounds = store.list_rounds(networks[name].id)
        for year, agreements in by_year.items():
            stored = store.list_agreements(rounds[year].id)
            assert [a.text for a in stored] == [a.text for a in agreements]
            assert all(c in q.items_by_construct for a in stored for c in a.constructs)
    improving = store.list_rounds(networks["Lerend netwerk Rivierenland (fictief)"].id)
    view = round_view(store, improving[1].id)
    assert view is not None and view.effects
    verdicts = {e.agreement.text.split(":")[0]: (e.agreement.status, e.verdict) for e in view.effects}
    assert verdicts["Werkplaatsen in plaats van vergaderingen"] == ("done", "up")
    declining = store.list_rounds(networks["Samenwerkingsverband Passend Onderwijs Noord (fictief)"].id)
    assert round_view(store, declining[1].id).effects == ()  # type: ignore[union-attr]  # agreed nothing
    [dropped] = round_view(store, declining[2].id).effects  # type: ignore[union-attr]
    assert (dropped.agreement.status, dropped.verdict) == ("dropped", "down")


def test_status_names_are_decided_once() -> None:
    """The explanation's words for `action.C` are the statuses' own names (and none)."""
    from diagnose.agreements import STATUSES
    from diagnose.explain import ACTION_LABELS
    from diagnose.vocabulary import ACTION_VALUES

    assert set(ACTION_VALUES) == set(STATUSES) | {"none"} == set(ACTION_LABELS)
    assert all(ACTION_LABELS[k] == v for k, v in STATUSES.items())


def test_the_next_round_diagnosis_follows_the_agreements_and_its_export_reproduces_it(
    store: Store, two_rounds: tuple[int, int], tmp_path: Path
) -> None:
    from diagnose.cli import main

    first, second = two_rounds

    def rules() -> set[str]:
        snapshot = store.latest_snapshot(second)
        assert snapshot is not None
        return {f.rule for f in snapshot.diagnosis().findings}

    # nothing recorded: the agreements are not known, and no agreement rule speaks
    assert not {r for r in rules() if r.startswith(("action_", "concern_without_action_"))}
    assert "agreements" not in json.loads(store.export_round(second, "json", by=OPERATOR))
    made = store.add_agreement(first, "Werkplaatsen", constructs=["lnc3_practice_development"])
    assert "action_worked_lnc3_practice_development" not in rules()  # planned, not done
    assert "concern_without_action_lnc2_inquiry" in rules()  # a lasting concern, nothing agreed on it
    store.set_agreement_status(made.id or 0, "done", note="zes keer")
    assert "action_worked_lnc3_practice_development" in rules()
    exported = json.loads(store.export_round(second, "json", by=OPERATOR))
    assert exported["agreements"] == [
        {
            "text": "Werkplaatsen",
            "constructs": ["lnc3_practice_development"],
            "status": "done",
            "note": "zes keer",
        }
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    out = tmp_path / "out.json"
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["diagnose", str(path), "--format", "json"]) == 0
    out.write_text(buffer.getvalue(), encoding="utf-8")
    assert {f["rule"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]} == rules()


def test_deleting_names_what_goes_first(store: Store, two_rounds: tuple[int, int]) -> None:
    first, second = two_rounds
    store.add_agreement(first, "Werkplaatsen")
    store.add_agreement(second, "Intervisie per kwartaal")
    network = store.get_round(first).network_id
    answered = {r: len(store.list_responses(r)) for r in (first, second)}
    assert all(answered.values())
    scope = store.deletion_scope(network_id=network)
    assert (scope.rounds, scope.responses, scope.agreements) == (2, sum(answered.values()), 2)
    one = store.deletion_scope(round_id=first)
    assert (one.rounds, one.responses, one.agreements) == (1, answered[first], 1)
    with pytest.raises(NotFound):
        store.deletion_scope(network_id=network + 999)


def test_deleting_a_network_keeps_its_archive_with_the_agreements(
    store: Store, other_store: Store, two_rounds: tuple[int, int], tmp_path: Path
) -> None:
    first, _ = two_rounds
    made = store.add_agreement(first, "Werkplaatsen", on=dt.date(2026, 4, 1))
    store.set_agreement_status(made.id or 0, "done", note="vier keer", on=dt.date(2026, 11, 1))
    network = store.get_round(first).network_id
    before = store.table_counts()
    path = store.delete_network_keeping_export(network, folder=tmp_path / "exports")
    assert path.parent == tmp_path / "exports" and path.suffix == ".json"
    assert path.name.startswith("netwerkscan-lerend-netwerk-leerkrachten-s-hertogenbosch-")
    assert not list(path.parent.glob("*.part"))
    assert store.list_networks(store.list_workspaces()[0].id) == []
    assert store.table_counts()["agreement"] == 0
    # the kept file brings everything back, agreements and their history included
    other_store.import_bytes(path.read_bytes(), path.name)
    restored = other_store.table_counts()
    for table in ("round", "response", "agreement", "agreement_status", "diagnosis_snapshot"):
        assert restored[table] == before[table], table
    [net] = other_store.list_networks(other_store.list_workspaces()[0].id)
    [[agreement]] = [a for a in other_store.network_agreements(net.id).values() if a]
    assert (agreement.text, [h.status for h in agreement.history]) == ("Werkplaatsen", ["planned", "done"])


def test_deleting_a_round_keeps_the_network_archive_and_only_that_round_goes(
    store: Store, two_rounds: tuple[int, int], tmp_path: Path
) -> None:
    first, second = two_rounds
    store.add_agreement(first, "Werkplaatsen")
    store.add_agreement(second, "Intervisie per kwartaal")
    path = store.delete_round_keeping_export(first, folder=tmp_path)
    archive = json.loads(path.read_text(encoding="utf-8"))
    kept_rounds = [r for w in archive["workspaces"] for n in w["networks"] for r in n["rounds"]]
    assert len(kept_rounds) == 2  # the archive holds the deleted round too
    network = store.get_round(second).network_id
    assert [r.id for r in store.list_rounds(network)] == [second]
    assert [a.text for a in store.list_agreements(second)] == ["Intervisie per kwartaal"]
    assert store.table_counts()["agreement"] == 1
    with pytest.raises(NotFound):
        store.get_round(first)


def test_two_exports_in_one_second_keep_two_files(tmp_path: Path) -> None:
    now = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)
    one = kept.keep(b"{}", "Netwerk Noord", tmp_path, now=now)
    two = kept.keep(b"[]", "Netwerk Noord", tmp_path, now=now)
    assert (one.name, two.name) == (
        "netwerkscan-netwerk-noord-20270301T093000Z.json",
        "netwerkscan-netwerk-noord-20270301T093000Z-2.json",
    )
    assert (one.read_bytes(), two.read_bytes()) == (b"{}", b"[]")


def test_an_export_that_cannot_be_kept_deletes_nothing(
    store: Store, two_rounds: tuple[int, int], tmp_path: Path
) -> None:
    first, _ = two_rounds
    store.add_agreement(first, "Werkplaatsen")
    blocked = tmp_path / "exports"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    before = store.table_counts()
    network = store.get_round(first).network_id
    with pytest.raises(ValidationFailed) as caught:
        store.delete_network_keeping_export(network, folder=blocked)
    assert caught.value.problems[0].code == "export-not-kept"
    assert "er is niets verwijderd" in caught.value.problems[0].format("nl")
    assert "nothing was deleted" in caught.value.problems[0].format("en")
    with pytest.raises(ValidationFailed):
        store.delete_round_keeping_export(first, folder=blocked)
    assert store.table_counts() == before


def test_the_kept_export_goes_to_the_data_folder_by_default(
    store: Store, two_rounds: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETSCAN_DATA_DIR", str(tmp_path / "gegevens"))
    first, _ = two_rounds
    path = store.delete_network_keeping_export(store.get_round(first).network_id)
    assert path.parent == tmp_path / "gegevens" / "exports"
