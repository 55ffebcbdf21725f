"""Store benchmark: re-diagnosing 10,000 stored rounds, and autosave latency under 30 writers.

    .venv/bin/python benchmarks/bench_store.py                  # SQLite and a throwaway PostgreSQL
    .venv/bin/python benchmarks/bench_store.py --backends sqlite --rounds 2000 --runs 2

Re-diagnosis: ~350 networks with rounds twice a year over many years (10,000 rounds, 8-20
respondents each, answers generated for every item of the questionnaire), stored through the
store's own import path, then `Store.rediagnose()` over everything: read, diagnose with the previous
round as history, store a new snapshot. The first run scores every round's answers (an import
keeps no scores); later runs are what a rule change costs, where each round's kept scores are
reused because its answers, questionnaire and scoring settings are unchanged. Reported as seconds
and rounds/s: the first run, and the median and spread of the later runs. `--workers 0` uses one
process per core, as `netscan rediagnose` does.

Autosave: 30 threads, each its own respondent in one open round, each saving answers back to back
with no pause (a far heavier load than 30 people filling in a questionnaire); the latency of every
`save_answer` call is recorded. Targets: 10,000 rounds in <= 10 s on SQLite; autosave p95 <= 50 ms.
PostgreSQL: DATABASE_URL if --pg-url is given, else a throwaway local server (fsync off, like the
tests; pass --pg-fsync to keep fsync on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diagnose import load_bundle
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import Store, models
from diagnose.store.transfer.importing import apply
from diagnose.store.transfer.plan import PlanNetwork, PlanResponse, PlanRound, PlanWorkspace
from tests import pgtemp


def generate_plan(q: Questionnaire, rounds: int, networks: int, seed: int) -> PlanWorkspace:
    """Networks with rounds twice a year; answers drift per network over time, per person around that."""
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    scale_items = [i for i in q.items() if i.type == "scale"]
    reverse = np.array([i.reverse for i in scale_items])
    constructs = sorted({i.construct_id for i in scale_items})
    construct_index = np.array([constructs.index(i.construct_id) for i in scale_items])
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values if role_item else []
    facts = [i for i in q.items() if i.type == "single" and i.construct_id != ROLE_CONSTRUCT]
    plan = PlanWorkspace("Benchmark", None)
    per_network = [rounds // networks + (1 if n < rounds % networks else 0) for n in range(networks)]
    for n, count in enumerate(per_network):
        level = rng.normal(3.3, 0.5, len(constructs))
        trend = rng.normal(0.0, 0.08, len(constructs))
        network_facts = {f.id: pyrng.choice(f.option_values) for f in facts}
        net = PlanNetwork(f"Netwerk {n + 1:04d}", None, {})
        start_year = 2026 - (count + 1) // 2
        for r in range(count):
            year, half = start_year + r // 2, r % 2
            size = int(rng.integers(8, 21))
            means = np.clip(level + trend * r, 1.0, 5.0)
            person = rng.normal(means[construct_index], 0.6, (size, len(scale_items)))
            values = np.clip(np.rint(person), 1, 5).astype(int)
            values = np.where(reverse, 6 - values, values)
            responses = []
            for p in range(size):
                answers: dict[str, Any] = {item.id: int(values[p, k]) for k, item in enumerate(scale_items)}
                if role_item is not None:
                    answers[role_item.id] = pyrng.choice(roles)
                answers.update(network_facts)
                responses.append(PlanResponse(f"r{p + 1:02d}", None, False, answers))
            net.rounds.append(
                PlanRound(
                    f"{year} {'voorjaar' if half == 0 else 'najaar'}",
                    dt.date(year, 3 if half == 0 else 10, 15),
                    q,
                    responses=responses,
                )
            )
        plan.networks.append(net)
    return plan


def bench_rediagnose(store: Store, runs: int, workers: int) -> dict[str, Any]:
    """The first run scores every round (no snapshot keeps scores yet, as after an import); later
    runs are what a rule change costs: rounds whose scoring inputs are unchanged keep their scores."""
    seconds = []
    diagnosed = 0
    for _ in range(runs):
        report = store.rediagnose(workers=workers)
        seconds.append(report.seconds)
        diagnosed = report.diagnosed
        assert not report.skipped, report.skipped[:3]
    later = seconds[1:] or seconds
    return {
        "rounds": diagnosed,
        "runs": runs,
        "seconds": seconds,
        "first_s": seconds[0],
        "first_rounds_per_s": diagnosed / seconds[0],
        "median_s": statistics.median(later),
        "min_s": min(later),
        "max_s": max(later),
        "median_rounds_per_s": diagnosed / statistics.median(later),
        "workers": workers,
    }


def split_time(store: Store, networks: int) -> dict[str, Any]:
    """Time inside the core (checking and scoring answers, the rules) versus the store's own work,
    on the first networks; each network twice: scoring its answers, then with the kept scores."""
    from diagnose.store import diagnoses

    core = diagnoses.core_diagnosis
    originals = {name: getattr(core, name) for name in ("check_and_score", "diagnose_scores")}
    spent = dict.fromkeys(originals, 0.0)

    def timed(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return call

    for name in originals:
        setattr(core, name, timed(name))
    try:
        result: dict[str, Any] = {}
        for label in ("first", "later"):
            spent.update(dict.fromkeys(spent, 0.0))
            total = rounds = 0.0
            for network in store.list_networks(store.list_workspaces()[0].id)[:networks]:
                report = store.rediagnose(network_id=network.id)
                total += report.seconds
                rounds += report.diagnosed
            result[label] = {
                "rounds": int(rounds),
                "scoring_ms_per_round": spent["check_and_score"] / rounds * 1000,
                "rules_ms_per_round": spent["diagnose_scores"] / rounds * 1000,
                "store_ms_per_round": (total - sum(spent.values())) / rounds * 1000,
            }
    finally:
        for name, original in originals.items():
            setattr(core, name, original)
    return result


def bench_autosave(store: Store, q: Questionnaire, writers: int, saves: int) -> dict[str, Any]:
    ws = store.create_workspace(f"Autosave {time.time()}")
    rnd = store.create_round(store.create_network(ws.id, "Autosave").id, "R")
    link = store.create_shared_link(rnd.id)
    items = [i.id for i in q.items() if i.type == "scale"]
    responses = [store.open_response(link.token).response for _ in range(writers)]
    latencies: list[list[float]] = [[] for _ in range(writers)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def writer(index: int) -> None:
        rng = random.Random(index)
        response = responses[index]
        assert response is not None
        barrier.wait()
        try:
            for n in range(saves):
                started = time.perf_counter()
                store.save_answer(response.id, items[n % len(items)], rng.randint(1, 5))
                latencies[index].append(time.perf_counter() - started)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise errors[0]
    flat = sorted(x for per in latencies for x in per)
    return {
        "writers": writers,
        "saves": len(flat),
        "saves_per_s": len(flat) / wall,
        "median_ms": statistics.median(flat) * 1000,
        "p95_ms": flat[int(0.95 * (len(flat) - 1))] * 1000,
        "p99_ms": flat[int(0.99 * (len(flat) - 1))] * 1000,
        "max_ms": flat[-1] * 1000,
    }


def run_backend(name: str, url: str, plan: PlanWorkspace, args: argparse.Namespace) -> dict[str, Any]:
    store = Store.open(url)
    store.ensure_schema()
    q = store.bundle.questionnaire("netwerkscan")
    started = time.perf_counter()
    apply(store, [plan])
    stored = time.perf_counter() - started
    responses = sum(len(r.responses) for n in plan.networks for r in n.rounds)
    print(
        f"[{name}] stored {len(plan.networks)} networks, {sum(len(n.rounds) for n in plan.networks)} rounds, "
        f"{responses} respondents in {stored:.1f} s",
        flush=True,
    )
    result: dict[str, Any] = {"backend": name, "setup_s": stored}
    if args.split_networks > 0:
        result["split"] = split_time(store, args.split_networks)
        for label, sp in result["split"].items():
            print(
                f"[{name}] where the time goes, {label} re-diagnosis ({sp['rounds']} rounds, one process): "
                f"checking and scoring answers {sp['scoring_ms_per_round']:.2f} ms/round, rules and "
                f"findings {sp['rules_ms_per_round']:.2f} ms/round, store (read, serialise, compress, "
                f"write) {sp['store_ms_per_round']:.2f} ms/round",
                flush=True,
            )
        with store.engine.begin() as conn:  # the timed runs below start from no kept scores again
            conn.execute(delete(models.DiagnosisSnapshot))
    result["rediagnose"] = bench_rediagnose(store, args.runs, args.workers)
    r = result["rediagnose"]
    print(
        f"[{name}] re-diagnosis ({'one process' if args.workers == 1 else 'one process per core'}), "
        f"{r['rounds']} rounds: first (scoring every round) {r['first_s']:.2f} s "
        f"({r['first_rounds_per_s']:.0f} rounds/s); later (scores kept) median {r['median_s']:.2f} s "
        f"({r['median_rounds_per_s']:.0f} rounds/s, {r['min_s']:.2f}-{r['max_s']:.2f} s); "
        f"runs {', '.join(f'{s:.2f}' for s in r['seconds'])} s",
        flush=True,
    )
    result["autosave"] = bench_autosave(store, q, args.writers, args.saves)
    a = result["autosave"]
    print(
        f"[{name}] autosave with {a['writers']} writers: median {a['median_ms']:.1f} ms, p95 {a['p95_ms']:.1f} ms, "
        f"p99 {a['p99_ms']:.1f} ms, {a['saves_per_s']:.0f} saves/s",
        flush=True,
    )
    store.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10_000)
    parser.add_argument("--networks", type=int, default=350)
    parser.add_argument("--runs", type=int, default=4, help="re-diagnosis runs: the first scores every round")
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--saves", type=int, default=200, help="saves per writer")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: a throwaway local server)")
    parser.add_argument("--pg-fsync", action="store_true", help="throwaway server with fsync on")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="re-diagnosis processes: 1 (default) or 0 for one per core, as `netscan rediagnose`",
    )
    parser.add_argument(
        "--split-networks", type=int, default=35, help="networks timed core-versus-store (0: skip)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    started = time.perf_counter()
    plan = generate_plan(q, args.rounds, args.networks, args.seed)
    print(f"generated {args.rounds} rounds in {time.perf_counter() - started:.1f} s", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="netscan-bench-") as folder:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                results.append(run_backend("sqlite", f"sqlite:///{folder}/bench.sqlite", plan, args))
            elif backend == "postgresql":
                server = None
                url = args.pg_url
                if url is None:
                    server = pgtemp.start(fsync=args.pg_fsync)
                    url = server.create_database("bench")
                try:
                    results.append(run_backend("postgresql", url, plan, args))
                finally:
                    if server is not None:
                        server.stop()
            else:
                parser.error(f"unknown backend {backend}")
    summary = {
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "date": dt.date.today().isoformat(),
        "questionnaire": f"{q.id} {q.version}",
        "ruleset": f"{bundle.settings.id} {bundle.settings.version}",
        "results": results,
    }
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
