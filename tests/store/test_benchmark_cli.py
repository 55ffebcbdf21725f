"""`netscan benchmark`: export → import round trip between two installations, and every bad file
refused whole, with a message naming the entry, in Dutch and English, nothing half-imported."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diagnose import Bundle
from diagnose.benchmark_file import score_constructs
from diagnose.cli import main
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store

from .conftest import full_answers, role_values


@pytest.fixture
def urls(tmp_path: Path) -> tuple[str, str]:
    return f"sqlite:///{tmp_path / 'hier.sqlite'}", f"sqlite:///{tmp_path / 'elders.sqlite'}"


def _fill(url: str, bundle: Bundle, networks: int, seed: int) -> Store:
    store = Store.open(url, bundle=bundle)
    store.ensure_schema()
    q = bundle.questionnaire("netwerkscan")
    ws = store.create_workspace("Programmabureau")
    rng = random.Random(seed)
    for i in range(networks):
        net = store.create_network(ws.id, f"Netwerk {i}", {"sector": "po"})
        rnd = store.create_round(net.id, "2025", date=dt.date(2025, 3, 1))
        for j in range(3):
            answers = full_answers(q, rng, role=rng.choice(role_values(q)))
            answers |= {_item(q, "sector"): "po", _item(q, "network_type"): "learning"}
            store.add_group_response(rnd.id, answers, respondent=f"g{j}")
        store.diagnose_round(rnd.id)
        store.set_benchmark_taking_part(net.id, True)
    return store


def _item(q: Questionnaire, fact: str) -> str:
    item = q.fact_item(fact)
    assert item is not None
    return item.id


def test_export_then_import_round_trip(
    urls: tuple[str, str], bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here, there = urls
    _fill(here, bundle, 6, seed=1).close()
    path = tmp_path / "regio.json"
    assert main(["benchmark", "export", str(path), "--database", here]) == 0
    assert "6 netwerken geschreven" in capsys.readouterr().out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "netwerkscan-benchmark" and len(data["networks"]) == 6
    assert data["questionnaire"] == {
        "id": "netwerkscan",
        "version": bundle.questionnaire("netwerkscan").version,
    }
    assert "Netwerk" not in path.read_text(encoding="utf-8")
    # all six answered po and a learning network: at least five share both, so both are kept
    assert {(n["sector"], n["network_type"]) for n in data["networks"]} == {("po", "learning")}
    assert main(["benchmark", "export", str(path), "--database", here]) == 2  # no silent overwrite
    assert "bestaat al" in capsys.readouterr().err

    assert main(["benchmark", "import", str(path), "--name", "Regio Oost", "--database", there]) == 0
    assert "Referentieset 1 ‘Regio Oost’ toegevoegd: 6 netwerken" in capsys.readouterr().out
    assert main(["benchmark", "list", "--database", there]) == 0
    line = capsys.readouterr().out.strip().split("\t")
    assert line[:4] == ["1", "Regio Oost", f"netwerkscan {data['questionnaire']['version']}", "6"]
    assert main(["benchmark", "remove", "1", "--database", there, "--lang", "en"]) == 0
    assert "Removed reference set 1" in capsys.readouterr().out
    assert main(["benchmark", "list", "--database", there]) == 0
    assert capsys.readouterr().out == ""


def test_an_export_with_too_few_networks_is_refused(
    urls: tuple[str, str], bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here, _ = urls
    _fill(here, bundle, 4, seed=2).close()
    path = tmp_path / "te-weinig.json"
    assert main(["benchmark", "export", str(path), "--database", here]) == 2
    err = capsys.readouterr().err
    assert "[benchmark-too-few]" in err and "4 netwerken" in err and "minstens 5" in err
    assert not path.exists()


def _valid(bundle: Bundle) -> dict[str, Any]:
    q = bundle.questionnaire("netwerkscan")
    scores = score_constructs(bundle, q)
    return {
        "format": "netwerkscan-benchmark",
        "format_version": 1,
        "created": "2026-11-30",
        "questionnaire": {"id": q.id, "version": q.version},
        "constructs": scores,
        "networks": [
            {"sector": "po", "network_type": None, "means": {c: round(2.0 + 0.3 * i, 1) for c in scores}}
            for i in range(6)
        ],
    }


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return change


def _means_of(i: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda data: data["networks"][i]["means"]


BAD: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "unknown construct": (
        lambda d: d["networks"][2]["means"].update({"lnc4_trusst": 3.0}),
        "[benchmark-construct] networks[2].means.lnc4_trusst",
        "lnc4_trust",
    ),
    "other version": (
        _set(("questionnaire", "version"), "9.0"),
        "[benchmark-version] questionnaire.version",
        "9.0",
    ),
    "above the scale": (
        lambda d: d["networks"][3]["means"].update({next(iter(d["networks"][3]["means"])): 5.5}),
        "[benchmark-value] networks[3].means.",
        "5.5",
    ),
    "below the scale": (
        lambda d: d["networks"][0]["means"].update({next(iter(d["networks"][0]["means"])): 0.4}),
        "[benchmark-value] networks[0].means.",
        "0.4",
    ),
    "not rounded": (
        lambda d: d["networks"][1]["means"].update({next(iter(d["networks"][1]["means"])): 3.14}),
        "[benchmark-value] networks[1].means.",
        "3.14",
    ),
    "too few networks": (
        lambda d: d.update({"networks": d["networks"][:4]}),
        "[benchmark-too-few]",
        "4 netwerken",
    ),
    "a mean as text": (
        lambda d: d["networks"][4]["means"].update({next(iter(d["networks"][4]["means"])): "3.4"}),
        "[invalid-value] networks[4].means",
        "",
    ),
    "a sector as number": (_set(("networks", 5, "sector"), 5), "[invalid-value] networks[5].sector", ""),
    "unknown sector": (
        _set(("networks", 5, "sector"), "basis"),
        "[benchmark-profile] networks[5].sector",
        "basis",
    ),
    "unknown field": (_set(("networks", 1, "naam"), "Netwerk X"), "[unknown-key] networks[1].naam", "naam"),
    "wrong format": (_set(("format",), "iets anders"), "[invalid-value] format", ""),
    "no networks list": (lambda d: d.pop("networks"), "[missing-field] networks", ""),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_is_refused_whole_naming_the_entry(
    case: str, urls: tuple[str, str], bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, there = urls
    change, where, detail = BAD[case]
    data = copy.deepcopy(_valid(bundle))
    change(data)
    path = tmp_path / "referentie.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["benchmark", "import", str(path), "--database", there]) == 2
    err = capsys.readouterr().err
    assert where in err and detail in err, err
    assert "Traceback" not in err
    assert main(["benchmark", "import", str(path), "--database", there, "--lang", "en"]) == 2
    english = capsys.readouterr().err
    assert where in english and english != err
    assert main(["benchmark", "list", "--database", there]) == 0
    assert capsys.readouterr().out == ""  # nothing half-imported


@pytest.mark.parametrize(
    ("case", "write", "expected"),
    [
        ("huge", lambda p: p.write_bytes(b" " * (5 * 1024 * 1024 + 1)), "[file-too-large]"),
        ("deep", lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "[json-syntax]"),
        ("not json", lambda p: p.write_text("{'format': 1}"), "[json-syntax]"),
        ("NaN", lambda p: p.write_text('{"format": NaN}'), "[json-syntax]"),
        ("not UTF-8", lambda p: p.write_bytes(b"\xff\xfe{"), "[file-encoding]"),
        ("missing", lambda p: None, "[file-unreadable]"),
    ],
)
def test_a_hostile_or_damaged_file_is_refused_with_a_message(
    case: str,
    write: Callable[[Path], None],
    expected: str,
    urls: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, there = urls
    path = tmp_path / f"{case}.json"
    write(path)
    assert main(["benchmark", "import", str(path), "--database", there]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err


def test_the_same_file_twice_is_refused(
    urls: tuple[str, str], bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, there = urls
    path = tmp_path / "referentie.json"
    path.write_text(json.dumps(_valid(bundle)), encoding="utf-8")
    assert main(["benchmark", "import", str(path), "--database", there]) == 0
    assert main(["benchmark", "import", str(path), "--name", "opnieuw", "--database", there]) == 2
    assert "[benchmark-imported]" in capsys.readouterr().err
