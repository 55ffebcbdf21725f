"""The benchmark's bands for a programme office with 1,000 networks, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_benchmark_bands.py                    # both backends
    .venv/bin/python benchmarks/bench_benchmark_bands.py --backends sqlite --networks 300 --runs 3

Set-up (not timed): 1,000 networks (`--networks`) with one round each of 8–20 respondents, stored
through the store's own import path (bench_store.generate_plan), diagnosed once (`rediagnose`, one
process per core), every network taking part, sectors spread over po/vo/mbo. Timed: what the results
page and the report ask for one round, `Store.benchmark_for(round, diagnosis)`: who takes part, the
latest open round's means of every other network (the standing rows, store/standing.py: read from
the stored round scores, never by re-diagnosing), and the bands (diagnose.benchmark). The first
call after the re-diagnosis also fills the standing rows of all 1,000 rounds and is reported apart.
Baseline in the same run: `latest_open_means` alone (the reading without the comparison), so the
ratio says what the opt-in join and the core add. Target: <= 300 ms (issue 15).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_store import generate_plan
from benchmarks.figures import Figure, figure, record, timed
from diagnose import load_bundle
from diagnose.benchmark import Scope
from diagnose.store import Store
from diagnose.store.transfer.importing import apply
from tests import pgtemp

SECTORS = ("po", "vo", "mbo")


def prepare(url: str, networks: int, seed: int) -> tuple[Store, int]:
    bundle = load_bundle()
    store = Store.open(url, bundle=bundle)
    store.ensure_schema()
    q = bundle.questionnaire("netwerkscan")
    apply(store, [generate_plan(q, networks, networks, seed)])
    store.rediagnose(workers=0)
    workspace = store.list_workspaces()[0]
    for index, net in enumerate(store.list_networks(workspace.id)):
        store.update_network(net.id, profile={**net.profile, "sector": SECTORS[index % len(SECTORS)]})
        store.set_benchmark_taking_part(net.id, True)
    first = store.list_networks(workspace.id)[0]
    return store, store.list_rounds(first.id)[-1].id


def measure(backend: str, url: str, networks: int, runs: int, seed: int) -> list[Figure]:
    store, round_id = prepare(url, networks, seed)
    snapshot = store.latest_snapshot(round_id)
    assert snapshot is not None
    d = snapshot.diagnosis()
    start = time.perf_counter()
    comparison = store.benchmark_for(round_id, d)
    first = time.perf_counter() - start
    assert comparison is not None and comparison.networks == networks - 1, comparison
    base = timed(lambda: store.latest_open_means(questionnaire_id="netwerkscan", version=None), runs)
    bands = timed(lambda: store.benchmark_for(round_id, d), runs)
    sector = timed(lambda: store.benchmark_for(round_id, d, Scope(sector=True)), runs)
    store.close()
    label = f"{networks:,} networks, {backend}"
    return [
        figure(f"benchmark bands, {label}, first call (fills the standing rows)", [first], target="—"),
        figure(
            f"benchmark bands, {label}",
            bands,
            baseline="latest_open_means alone",
            baseline_values=base,
            target="≤ 0.3 s",
        ),
        figure(
            f"benchmark bands, same sector, {label}",
            sector,
            baseline="latest_open_means alone",
            baseline_values=base,
            target="≤ 0.3 s",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--networks", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="netscan-bench-bands-") as folder:
        for backend in args.backends:
            if backend == "sqlite":
                url = f"sqlite:///{Path(folder) / 'bands.sqlite'}"
                figures += measure(backend, url, args.networks, args.runs, args.seed)
            else:
                server = pgtemp.start()
                try:
                    url = server.create_database("bands")
                    figures += measure(backend, url, args.networks, args.runs, args.seed)
                finally:
                    server.stop()
    record("bench_benchmark_bands", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
