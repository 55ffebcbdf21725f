"""`netscan demo` and the store's other commands, end to end on a real database."""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path
from typing import Any

import pytest

from diagnose import Bundle, ValidationFailed
from diagnose.cli import main
from diagnose.responses import check_round
from diagnose.store import Store, StoreError
from diagnose.store.demo import DEMO_EMAIL, DEMO_PASSWORD, WORKSPACE_NAME, build_demo

from .conftest import full_answers, role_values


def mean_score(snapshot: Any) -> float:
    d = snapshot.diagnosis()
    return statistics.fmean(s.mean for s in d.scores.values() if s.band is not None)


def test_demo_fills_an_empty_database_with_stories(store: Store, bundle: Bundle) -> None:
    result = build_demo(store)
    assert result.workspace.is_demo and result.workspace.name == WORKSPACE_NAME == "Demo — fictieve netwerken"
    assert store.verify_password(DEMO_EMAIL, DEMO_PASSWORD) == result.user
    assert store.require_member(result.user.id, result.workspace.id, "admin") == "admin"
    networks = store.list_networks(result.workspace.id)
    assert len(networks) == 5 and all("fictief" in n.name for n in networks)
    trends: dict[str, list[float]] = {}
    for net in networks:
        history = store.network_history(net.id)
        assert len(history) == 3
        assert [h.round.date.year for h in history if h.round.date] == [2024, 2025, 2026]
        assert [h.round.is_open for h in history] == [False, False, True]
        for h in history:
            q = bundle.questionnaire(h.round.questionnaire_id, h.round.questionnaire_version)
            core = store.round_as_core(h.round.id)
            assert 8 <= len(core.responses) <= 20
            assert len({r.role for r in core.responses}) >= 3
            assert check_round(q, core, "demo") == []
            assert h.snapshot is not None and h.counts.invited > h.counts.submitted == len(core.responses)
        trends[net.name] = [mean_score(h.snapshot) for h in history]
    improving = trends["Lerend netwerk Rivierenland (fictief)"]
    declining = trends["Samenwerkingsverband Passend Onderwijs Noord (fictief)"]
    assert improving[0] < improving[1] < improving[2]
    assert declining[0] > declining[1] > declining[2]
    pact = next(n for n in networks if n.name.startswith("Techniekpact"))
    latest = store.network_history(pact.id)[-1].snapshot
    assert latest is not None and latest.diagnosis().finding("pitfall_not_our_network") is not None
    newest = store.network_history(networks[0].id)[-1].snapshot
    assert newest is not None and any(f.kind == "trend" for f in newest.diagnosis().findings)
    assert store.open_response(result.shared_link_token).status == "new"


def test_demo_has_a_network_that_switched_questionnaire_versions(store: Store, bundle: Bundle) -> None:
    """Two rounds answered with 1.0, the latest with the newest version; each diagnosed with its own
    version, and the newest tells the two faces of pitfall 1 apart."""
    result = build_demo(store)
    newest = bundle.questionnaire("netwerkscan").version
    versions = {
        net.name: [h.round.questionnaire_version for h in store.network_history(net.id)]
        for net in store.list_networks(result.workspace.id)
    }
    switched = "Kwaliteitsnetwerk mbo Midden (fictief)"
    assert newest != "1.0" and versions[switched] == ["1.0", "1.0", newest]
    assert all(v == [newest] * 3 for name, v in versions.items() if name != switched)
    net = next(n for n in store.list_networks(result.workspace.id) if n.name == switched)
    history = store.network_history(net.id)
    first, latest = (h.snapshot.diagnosis() for h in (history[0], history[-1]) if h.snapshot)
    assert first.questionnaire.version == "1.0" and latest.questionnaire.version == newest
    assert "cohesion" in first.scores and "cohesion" not in latest.scores
    assert "pitfall_drift" not in first.scores and latest.finding("pitfall_drift") is not None
    assert latest.finding("pitfall_fixed_goal") is not None
    # the network's profile holds what the newest version asks of the coordinator
    assert net.profile["support"] == "facilitator" and latest.profile["support"].value == "facilitator"


def test_demo_is_the_same_every_time(store: Store, other_store: Store) -> None:
    build_demo(store)
    build_demo(other_store)
    for a, b in zip(store.list_workspaces(), other_store.list_workspaces(), strict=True):
        for net_a, net_b in zip(store.list_networks(a.id), other_store.list_networks(b.id), strict=True):
            for ra, rb in zip(store.list_rounds(net_a.id), other_store.list_rounds(net_b.id), strict=True):
                assert store.round_as_core(ra.id) == other_store.round_as_core(rb.id)


def test_demo_refuses_a_database_with_data(store: Store) -> None:
    store.create_workspace("Echte klant")
    before = store.table_counts()
    with pytest.raises(StoreError) as caught:
        build_demo(store)
    assert caught.value.code == "database-not-empty"
    assert "1 workspace" in caught.value.format("en")
    assert store.table_counts() == before


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_db_upgrade_and_status(empty_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["db", "status", "--database", empty_db_url], capsys)
    assert code == 1 and "schema:   -" in out
    code, out, _ = run(["db", "upgrade", "--database", empty_db_url], capsys)
    assert code == 0 and "bijgewerkt" in out
    code, out, _ = run(["db", "upgrade", "--database", empty_db_url, "--lang", "en"], capsys)
    assert code == 0 and "up to date" in out
    code, out, _ = run(["db", "status", "--database", empty_db_url], capsys)
    assert code == 0 and "workspace" in out


def test_cli_demo_then_refuses(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["demo", "--database", db_url], capsys)
    assert code == 0
    assert DEMO_EMAIL in out and f"wachtwoord {DEMO_PASSWORD}" in out and "/?t=" in out and "make run" in out
    code, out, err = run(["demo", "--database", db_url], capsys)
    assert code == 2 and "[database-not-empty]" in err and "Traceback" not in err


def test_cli_import_export_rediagnose(
    db_url: str, bundle: Bundle, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    q = bundle.questionnaire("netwerkscan")
    rng = random.Random(5)
    items = [i.id for i in q.items()]
    lines = ["respondent,role," + ",".join(items)]
    for n in range(4):
        answers = full_answers(q, rng, role=rng.choice(role_values(q)))
        cells = [";".join(v) if isinstance(v, list) else str(v) for v in (answers[i] for i in items)]
        role_item = q.fact_item("respondent_role")
        assert role_item is not None
        lines.append(f"p{n},{answers[role_item.id]}," + ",".join(f'"{c}"' for c in cells))
    source = tmp_path / "antwoorden.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = ["--database", db_url]
    code, out, err = run(
        [
            "import",
            str(source),
            "--workspace",
            "Klant",
            "--network",
            "Netwerk",
            "--round",
            "2025",
            "--date",
            "2025-04-01",
            *base,
        ],
        capsys,
    )
    assert code == 0, err
    assert "4 antwoordsets" in out and "Gediagnosticeerd: 1 rondes" in out
    code, out, err = run(
        ["import", str(source), "--workspace", "Klant", "--network", "Netwerk", "--round", "2025", *base],
        capsys,
    )
    assert code == 2 and "[respondent-exists]" in err and "Traceback" not in err
    bad = tmp_path / "fout.csv"
    bad.write_bytes("respondent,role,onbekend\nä,teacher,1\n".encode("latin-1"))
    code, _, err = run(
        ["import", str(bad), "--workspace", "Klant", "--network", "N", "--round", "R", *base], capsys
    )
    assert code == 2 and "fout.csv:2: [file-encoding]" in err
    code, _, err = run(["import", str(tmp_path / "bestaat-niet.csv"), *base], capsys)
    assert code == 2 and "[file-unreadable]" in err

    for kind, what in [(k, w) for k in ("csv", "xlsx") for w in ("results", "respondents")] + [
        ("json", "results"),
        ("json", "backup"),
    ]:
        target = tmp_path / f"export-{what}.{kind}"
        code, out, err = run(
            ["export", "--workspace", "Klant", "--what", what, "--format", kind, "-o", str(target), *base],
            capsys,
        )
        assert code == 0 and target.stat().st_size > 100, err
    results = json.loads((tmp_path / "export-results.json").read_text())
    assert results["format"] == "netwerkscan-results" and results["rounds"][0]["results"] == "open"
    archive = json.loads((tmp_path / "export-backup.json").read_text())
    assert archive["format"] == "netwerkscan-export" and archive["workspaces"][0]["name"] == "Klant"
    code, out, _ = run(
        [
            "export",
            "--workspace",
            "Klant",
            "--network",
            "Netwerk",
            "--round",
            "2025",
            "--what",
            "respondents",
            *base,
        ],
        capsys,
    )
    assert code == 0 and json.loads(out)["round"]["label"] == "2025"
    assert {r["respondent"] for r in json.loads(out)["round"]["responses"]} == {"R1", "R2", "R3", "R4"}
    code, _, err = run(
        ["export", "--workspace", "Klant", "--what", "backup", "--format", "csv", *base], capsys
    )
    assert code == 2 and "[backup-format]" in err and "Traceback" not in err
    logged = Store.open(db_url, bundle=bundle)
    assert {(r.via, r.kind) for r in logged.export_log()} == {("cli", "respondents"), ("cli", "backup")}
    assert all(r.who.endswith("(netscan export)") for r in logged.export_log())
    logged.close()
    code, _, err = run(["export", "--workspace", "Klant", "--network", "Bestaat niet", *base], capsys)
    assert code == 2 and "[not-found]" in err

    code, out, _ = run(["rediagnose", "--workspace", "Klant", *base], capsys)
    assert code == 0 and "1 rondes" in out
    store = Store.open(db_url, bundle=bundle)
    rounds = store.list_rounds(store.list_networks(store.workspace_by_name("Klant").id)[0].id)  # type: ignore[union-attr]
    assert len(store.snapshots(rounds[0].id)) == 2
    store.close()


def test_cli_user_add(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETSCAN_PASSWORD", "een lang wachtwoord")
    code, out, _ = run(
        [
            "user",
            "add",
            "Beheer@Example.org",
            "--name",
            "Beheerder",
            "--workspace",
            "Mijn netwerken",
            "--admin",
            "--database",
            db_url,
        ],
        capsys,
    )
    assert code == 0 and "beheerder van 'Mijn netwerken'" in out
    code, _, err = run(["user", "add", "beheer@example.org", "--database", db_url], capsys)
    assert code == 2 and "[email-taken]" in err
    monkeypatch.setenv("NETSCAN_PASSWORD", "kort")
    code, _, err = run(["user", "add", "ander@example.org", "--database", db_url], capsys)
    assert code == 2 and "[weak-password]" in err
    code, out, _ = run(["user", "list", "--database", db_url], capsys)
    assert "beheer@example.org\tBeheerder\tMijn netwerken (admin)" in out
    store = Store.open(db_url)
    assert store.verify_password("beheer@example.org", "een lang wachtwoord") is not None
    store.close()


def test_validation_errors_are_store_errors_too() -> None:
    assert issubclass(StoreError, ValidationFailed)
