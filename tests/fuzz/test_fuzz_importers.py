"""Hypothesis fuzz of every importer (CSV, XLSX, the JSON response file, the archive) and of
`netscan validate`: whatever the bytes, the answer is an import or a located refusal, in bounded
time and memory, and a refusal writes nothing.

Inputs start from valid files made here and are mutated (bytes flipped, cut, spliced, and hostile
snippets inserted: NaN, 5,000 digits, deep nesting, formulas, escape codes, DTDs, aliases). `make
test` tries NETSCAN_FUZZ_EXAMPLES (default 25) per importer with a fixed seed; `make fuzz` tries
500 each (FUZZ_EXAMPLES) with fresh randomness. Every run writes its figures to test-output/fuzz/ (inputs
tried, imports, refusals, tracebacks, partial writes, slowest case, peak memory), which
docs/hardening.md records.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnose import Bundle, ValidationFailed
from diagnose.cli import main
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import Conflict, Store
from diagnose.store.db import database_url, make_engine
from diagnose.store.schema import upgrade
from diagnose.store.transfer.tables import write_xlsx
from diagnose.store.types import ExportBy

OPERATOR = ExportBy(None, "cli", "pytest")

EXAMPLES = int(os.environ.get("NETSCAN_FUZZ_EXAMPLES", "25"))
RANDOM = os.environ.get("NETSCAN_FUZZ_RANDOM") == "1"  # make fuzz: fresh inputs every run
TIME_BOUND_S = 30.0  # per case, on a shared machine: a hang is a defect (the probe found 17 minutes)
MEMORY_BOUND = 256 * 1024 * 1024  # per case, traced Python allocations
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "fuzz"

HOSTILE = [
    b"NaN",
    b"-Infinity",
    b"9" * 5000,
    b"[" * 3000,
    b"{" * 3000,
    b'=HYPERLINK("http://x")',
    b"\x1b[31m",
    b"\x00",
    b"\xff\xfe",
    b'<!DOCTYPE x [<!ENTITY a "bbbbbbbbbb"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    b"&b;",
    b"N" * 5000,
    b'"format_version": 2',
    b'"netwerkscan_version": "99.0"',
    b"&a [1, *a]",
    b"*a",
    b'"\n',
    b";;;;;;",
    b"\r\n\r\n",
    b"1e999",
]


def _mutate(data: bytes, draw: Any) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(0, 3))):  # 0: the valid file itself, which must import
        op = draw(st.sampled_from(["flip", "cut", "insert", "hostile", "splice", "delete"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "flip" and out:
            out[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del out[at:]
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif op == "hostile":
            out[at:at] = draw(st.sampled_from(HOSTILE))
        elif op == "splice" and out:
            end = draw(st.integers(at, min(len(out), at + 200)))
            out[at:at] = out[at:end]
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 50))]
    return bytes(out)


class Figures:
    """What a fuzz run found, per target; written to test-output/fuzz/<target>.json."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.outcomes: Counter[str] = Counter()
        self.slowest = 0.0
        self.peak = 0
        self.failures: list[str] = []

    def write(self) -> None:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / f"{self.target}.json").write_text(
            json.dumps(
                {
                    "target": self.target,
                    "inputs": sum(self.outcomes.values()),
                    "outcomes": dict(self.outcomes),
                    "slowest_case_s": round(self.slowest, 3),
                    "peak_traced_mib": round(self.peak / 2**20, 1),
                    "failures": self.failures[:20],
                },
                indent=1,
            )
        )


def _bounded(figures: Figures, run: Callable[[], str]) -> None:
    """Run one case: its outcome counted; a traceback, a slow case or a memory spike fails."""
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    try:
        outcome = run()
    except Exception as exc:
        figures.outcomes["traceback"] += 1
        figures.failures.append(f"{type(exc).__name__}: {str(exc)[:200]}")
        raise
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] - baseline
    figures.slowest = max(figures.slowest, elapsed)
    figures.peak = max(figures.peak, peak)
    figures.outcomes[outcome] += 1
    assert elapsed < TIME_BOUND_S, f"one case took {elapsed:.1f} s"
    assert peak < MEMORY_BOUND, f"one case took {peak / 2**20:.0f} MiB"


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory, bundle: Bundle) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite'}"
    engine = make_engine(database_url(url))
    upgrade(engine)
    engine.dispose()
    store = Store.open(url, bundle=bundle)
    tracemalloc.start()
    yield store
    tracemalloc.stop()
    store.close()


def _seed_files(bundle: Bundle) -> dict[str, bytes]:
    q = bundle.questionnaire("netwerkscan", None)
    rng = random.Random(19)
    items = list(q.items())[:12]
    role_item = q.fact_item(ROLE_CONSTRUCT)
    assert role_item is not None
    items = [i for i in items if i.id != role_item.id]
    header = ["respondent", "role", *(i.id for i in items)]
    rows = []
    for n in range(3):
        row: list[Any] = [f"p{n}", rng.choice(list(role_item.option_values))]
        for item in items:
            if item.type == "scale":
                row.append(rng.randint(1, 5))
            elif item.type == "number":
                row.append(rng.randint(int(item.min or 0), int(min(item.max or 10, 50))))
            elif item.type in ("single", "multi"):
                row.append(rng.choice(list(item.option_values)))
            else:
                row.append("=SUM(A1)" if n == 0 else "vrije tekst")
        rows.append(row)
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    response_file = {
        "questionnaire": {"id": q.id, "version": q.version},
        "network": {"name": "Fuzz", "profile": {}},
        "round": {
            "label": "R",
            "date": "2025-03-15",
            "responses": [
                {
                    "respondent": r[0],
                    "role": r[1],
                    "answers": {
                        item.id: [value] if item.type == "multi" else value
                        for item, value in zip(items, r[2:], strict=True)
                    },
                }
                for r in rows
            ],
        },
    }
    return {
        "csv": buffer.getvalue().encode(),
        "xlsx": write_xlsx(header, rows),
        "json": json.dumps(response_file).encode(),
    }


def _import_case(store: Store, data: bytes, name: str) -> str:
    workspace = store.workspace_by_name("Fuzz") or store.create_workspace("Fuzz")
    before = store.table_counts()
    try:
        store.import_bytes(
            data, name, workspace_id=workspace.id, network="Fuzz", round_label=f"R{time.time_ns()}"
        )
    except (ValidationFailed, Conflict) as exc:
        assert store.table_counts() == before, "partial write"
        for problem in exc.problems:
            assert problem.format("nl") and problem.format("en")
        return "refused"
    return "imported"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_fuzz_a_table_or_response_file(fuzz_store: Store, bundle: Bundle, kind: str) -> None:
    seed = _seed_files(bundle)[kind]
    figures = Figures(kind)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def case(data: st.DataObject) -> None:
        mutated = _mutate(seed, data.draw)
        _bounded(figures, lambda: _import_case(fuzz_store, mutated, f"fuzz.{kind}"))

    try:
        case()
    finally:
        figures.write()
    assert figures.outcomes["refused"] > 0, "the mutations never broke the file: the fuzz tests nothing"


def test_fuzz_the_archive(fuzz_store: Store, bundle: Bundle) -> None:
    workspace = fuzz_store.workspace_by_name("Fuzz archief") or fuzz_store.create_workspace("Fuzz archief")
    fuzz_store.import_bytes(
        _seed_files(bundle)["csv"], "a.csv", workspace_id=workspace.id, network="A", round_label="1"
    )
    fuzz_store.rediagnose()
    archive = json.loads(fuzz_store.export_workspace(workspace.id, "json", by=OPERATOR))
    archive["workspaces"][0]["name"] = "Kopie"
    seed = json.dumps(archive).encode()
    figures = Figures("archive")

    def one(mutated: bytes) -> str:
        before = fuzz_store.table_counts()
        had = {w.id for w in fuzz_store.list_workspaces()}
        try:
            fuzz_store.import_bytes(mutated, "archief.json")
        except (ValidationFailed, Conflict) as exc:
            assert fuzz_store.table_counts() == before, "partial write"
            assert all(p.format("en") for p in exc.problems)
            return "refused"
        for ws in fuzz_store.list_workspaces():  # an imported archive must export again (no poison)
            if ws.id not in had:
                fuzz_store.export_workspace(ws.id, "json", by=OPERATOR)
                fuzz_store.export_workspace(ws.id, "xlsx", by=OPERATOR)
        return "imported"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def case(data: st.DataObject) -> None:
        mutated = _mutate(seed, data.draw)
        _bounded(figures, lambda: one(mutated))

    try:
        case()
    finally:
        figures.write()
    assert figures.outcomes["refused"] > 0


def test_fuzz_netscan_validate(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    mini = ROOT / "tests" / "core" / "mini"
    files = sorted(p.relative_to(mini) for p in mini.rglob("*.yaml"))
    figures = Figures("validate")
    started = tracemalloc.is_tracing()
    if not started:
        tracemalloc.start()

    @settings(
        max_examples=max(EXAMPLES // 2, 5),
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def case(data: st.DataObject) -> None:
        folder = tmp_path_factory.mktemp("mini")
        shutil.copytree(mini, folder, dirs_exist_ok=True)
        target = folder / data.draw(st.sampled_from(files))
        target.write_bytes(_mutate(target.read_bytes(), data.draw))

        def run() -> str:
            code = main(["validate", str(folder)])
            out = capsys.readouterr()
            assert code in (0, 2), out.err
            if code == 2:
                assert out.err.strip()
            return "valid" if code == 0 else "refused"

        _bounded(figures, run)

    try:
        case()
    finally:
        figures.write()
        if not started:
            tracemalloc.stop()
    assert figures.outcomes["refused"] > 0
