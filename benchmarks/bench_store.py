"""Store benchmark: re-diagnosing 1,000 / 10,000 (/ 50,000) stored rounds, and autosave latency.

    .venv/bin/python benchmarks/bench_store.py                       # SQLite and a throwaway PostgreSQL
    .venv/bin/python benchmarks/bench_store.py --large               # also 50,000 rounds (long)
    .venv/bin/python benchmarks/bench_store.py --backends sqlite --sizes 1000 --runs 2

Re-diagnosis: networks with rounds twice a year over many years (35 networks per 1,000 rounds, 8-20
respondents each, answers generated for every item of the questionnaire), stored through the
store's own import path, then `Store.rediagnose()` over everything: read, diagnose with the history
round, store a new snapshot. The first run scores every round's answers (an import keeps no
scores); later runs are what a rule change costs: each round's kept scores are reused because its
answers, questionnaire and scoring settings are unchanged. Each size runs with 1 and 2 worker
processes (`--workers`), on SQLite and PostgreSQL. The baseline, measured in the same run, is the
core alone: the same rounds diagnosed in this process without the store (per round, on up to
`--core-sample` rounds, times the number of rounds). For one worker the script also counts the
statements per round and the time spent waiting on the database against the CPU per round; for
PostgreSQL against SQLite it gives the ratio of wall time and of the CPU of our own processes
(the same CPU and a longer wall time means waiting: round trips, or the server's processes competing
with the workers for the cores). Figures go to test-output/bench/bench_store.json (see figures.py).

Autosave: 30 threads, each its own respondent in one open round, saving answers back to back with
no pause (far heavier than 30 people filling in a questionnaire), on the first size's database;
the p95 latency of `save_answer` against its median. PostgreSQL: a throwaway local server (fsync
off, like the tests; `--pg-fsync` keeps it on), or databases created on `--pg-url`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import create_engine, delete, event, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, figure, record

from diagnose import diagnosis as core_diagnosis
from diagnose import load_bundle
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Network, Response, Round
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


class Counters:
    """Statements, commits and the time spent waiting on the database, seen by this process."""

    def __init__(self, engine: Any) -> None:
        self.statements = self.commits = 0
        self.db_s = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "commit", self._commit)

    def _before(self, conn: Any, *args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn: Any, *args: Any) -> None:
        self.statements += 1
        self.db_s += time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())

    def _commit(self, conn: Any) -> None:
        self.commits += 1

    def reset(self) -> None:
        self.statements = self.commits = 0
        self.db_s = 0.0


def core_alone(bundle: Any, plan: PlanWorkspace, rounds: int) -> tuple[float, float, int]:
    """The baseline: the first `rounds` rounds of the plan diagnosed by the core in this process,
    without the store, each with the round before it as history. Seconds per round with scoring
    (what a first re-diagnosis does) and with the scores already made (what a later one does)."""
    scored: list[tuple[Any, Any, Any, Any]] = []
    started, cpu = time.perf_counter(), time.process_time()
    for net in plan.networks:
        network = Network(name=net.name, profile=net.profile or {})
        previous = None
        for rnd in net.rounds:
            core_round = Round.model_construct(
                label=rnd.label,
                date=rnd.date,
                responses=[
                    Response.model_construct(
                        respondent=r.respondent, role=r.role, group=r.group, answers=r.answers
                    )
                    for r in rnd.responses
                ],
            )
            scores, _ = core_diagnosis.check_and_score(bundle, rnd.questionnaire, core_round, network=network)
            core_diagnosis.diagnose_scores(bundle, rnd.questionnaire, scores, previous, network)
            scored.append((rnd.questionnaire, scores, previous, network))
            previous = scores
            if len(scored) >= rounds:
                break
        if len(scored) >= rounds:
            break
    with_scoring = (time.perf_counter() - started) / len(scored)
    cpu_with_scoring = (time.process_time() - cpu) / len(scored)
    started, cpu = time.perf_counter(), time.process_time()
    for q, scores, previous, network in scored:
        core_diagnosis.diagnose_scores(bundle, q, scores, previous, network)
    rules_only = (time.perf_counter() - started) / len(scored)
    print(
        f"[core] CPU {cpu_with_scoring * 1000:.2f} ms/round scoring and rules, "
        f"{(time.process_time() - cpu) / len(scored) * 1000:.2f} ms/round rules only",
        flush=True,
    )
    return with_scoring, rules_only, len(scored)


class CoreClock:
    """CPU spent in the core's diagnose_many while the store re-diagnoses in this process (one
    worker): the rest of the run's CPU is the store's part (reading, kept scores, snapshots)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._real = core_diagnosis.diagnose_many

        def timed(*a: Any, **k: Any) -> Any:
            started = time.process_time()
            try:
                return self._real(*a, **k)
            finally:
                self.seconds += time.process_time() - started

        core_diagnosis.diagnose_many = timed  # type: ignore[assignment]

    def close(self) -> None:
        core_diagnosis.diagnose_many = self._real  # type: ignore[method-assign]


def run_backend(
    name: str, url: str, plan: PlanWorkspace, size: int, args: argparse.Namespace
) -> dict[tuple[int, str], Any]:
    """Seconds of the first and the later re-diagnosis runs per worker count, and the counters.
    The runs are made in a fresh process (rediagnosis_runs), as `netscan rediagnose` makes them:
    this one holds the generated rounds (~260 MB more at 10,000), and the workers forked from it
    were ~5-8% slower than those of a process that holds only the store and its rule base."""
    store = Store.open(url)
    store.ensure_schema()
    started = time.perf_counter()
    apply(store, [plan])
    print(f"[{name} {size:,}] stored in {time.perf_counter() - started:.1f} s", flush=True)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as fresh:
        seconds = fresh.submit(rediagnosis_runs, name, url, size, args.workers, args.runs).result()
    if args.autosave and size == args.sizes[0]:
        a = bench_autosave(store, store.bundle.questionnaire("netwerkscan"), args.writers, args.saves)
        seconds[(0, "autosave")] = a
    store.close()
    return seconds


def rediagnosis_runs(
    name: str, url: str, size: int, worker_counts: list[int], runs: int
) -> dict[tuple[int, str], Any]:
    """run_backend's re-diagnosis runs, in the process this is called in."""
    store = Store.open(url)
    store.bundle.engine  # noqa: B018 - loaded before the runs, as netscan rediagnose loads it
    counters = Counters(store.engine)
    seconds: dict[tuple[int, str], Any] = {}
    for workers in worker_counts:
        with store.engine.begin() as conn:  # every worker count starts from no kept scores
            conn.execute(delete(models.DiagnosisSnapshot))
        for run in range(runs):
            counters.reset()
            clock = CoreClock()
            cpu = time.process_time()
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                report = store.rediagnose(workers=workers)
            finally:
                clock.close()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (
                time.process_time()
                - cpu
                + (after.ru_utime + after.ru_stime)
                - (children.ru_utime + children.ru_stime)
            )
            assert report.diagnosed == size and not report.skipped, report.skipped[:3]
            label = "first" if run == 0 else "later"
            seconds.setdefault((workers, label), []).append(report.seconds)
            seconds.setdefault((workers, label + " cpu"), []).append(cpu)
            if workers == 1:  # the counters see this process only
                seconds.setdefault((1, label + " statements"), []).append(counters.statements / size)
                seconds.setdefault((1, label + " db"), []).append(counters.db_s / size)
                seconds.setdefault((1, label + " store"), []).append((cpu - clock.seconds) / size)
            print(
                f"[{name} {size:,}] {workers} worker(s), {label}: {report.seconds:.2f} s, CPU {cpu:.2f} s "
                f"({cpu / size * 1000:.2f} ms/round)"
                + (
                    f", {counters.statements} statements, {counters.commits} commits, "
                    f"{counters.db_s:.2f} s waiting on the database, the store's part "
                    f"{(cpu - clock.seconds) / size * 1000:.2f} ms/round"
                    if workers == 1
                    else ""
                ),
                flush=True,
            )
    store.close()
    return seconds


def figures_for(
    size: int,
    results: dict[str, dict[tuple[int, str], Any]],
    core: tuple[float, float, int],
    args: argparse.Namespace,
) -> list[Figure]:
    with_scoring, rules_only, sample = core
    baseline_note = f"core alone, one process ({sample:,} rounds measured)"
    out: list[Figure] = []
    target = {
        ("sqlite", "later"): "≤ 5 s" if size == 10_000 else None,
        ("sqlite", "first"): "≤ 8 s" if size == 10_000 else None,
    }
    for backend, measured in results.items():
        for workers in args.workers:
            for label in ("first", "later"):
                values = measured.get((workers, label))
                if not values:
                    continue
                per_round = with_scoring if label == "first" else rules_only
                out.append(
                    figure(
                        f"re-diagnose {size:,} rounds, {backend}, {workers} worker{'s' if workers > 1 else ''}, "
                        f"{label} run{'s' if label == 'later' else ''}",
                        values,
                        baseline=baseline_note
                        + (", scoring and rules" if label == "first" else ", rules only"),
                        baseline_values=[per_round * size],
                        target=target.get((backend, label)) if workers == 2 else None,
                    )
                )
        for label in ("first", "later"):
            statements = measured.get((1, label + " statements"))
            db_wait = measured.get((1, label + " db"))
            cpu = measured.get((1, label + " cpu"))
            if statements:
                out.append(
                    figure(
                        f"statements per round, {size:,} rounds, {backend}, {label}",
                        statements,
                        unit="/round",
                    )
                )
            if db_wait and cpu:
                out.append(
                    figure(
                        f"waiting on the database per round, {size:,} rounds, {backend}, 1 worker, {label}",
                        [v * 1000 for v in db_wait],
                        unit="ms",
                        baseline="CPU per round",
                        baseline_values=[v / size * 1000 for v in cpu],
                    )
                )
        store_part = measured.get((1, "later store"))
        if store_part:
            # what the store adds to the core in a later run: reading the batch, the kept scores,
            # the snapshot's JSON, compressing and inserting it (issue #16: ≤ 0.45 ms)
            out.append(
                figure(
                    f"the store's part of a later run (CPU less the core's diagnose_many), {size:,} "
                    f"rounds, {backend}, 1 worker, per round",
                    [v * 1000 for v in store_part],
                    unit="ms",
                    target="≤ 0.45 ms",
                )
            )
    if "sqlite" in results and "postgresql" in results:
        for workers in args.workers:
            for label in ("first", "later"):
                pg = results["postgresql"].get((workers, label))
                lite = results["sqlite"].get((workers, label))
                if pg and lite:
                    out.append(
                        figure(
                            f"re-diagnose {size:,} rounds, PostgreSQL against SQLite, {workers} worker"
                            f"{'s' if workers > 1 else ''}, {label}",
                            pg,
                            baseline="SQLite",
                            baseline_values=lite,
                            target="≤ 1.2× SQLite" if workers == 2 else None,
                        )
                    )
                pg_cpu = results["postgresql"].get((workers, label + " cpu"))
                lite_cpu = results["sqlite"].get((workers, label + " cpu"))
                if workers == 2 and pg_cpu and lite_cpu:
                    out.append(
                        figure(
                            f"re-diagnose {size:,} rounds, CPU of our processes, PostgreSQL against SQLite, "
                            f"{workers} workers, {label}",
                            pg_cpu,
                            baseline="SQLite",
                            baseline_values=lite_cpu,
                        )
                    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="rounds per database, comma-separated")
    parser.add_argument("--large", action="store_true", help="also 50,000 rounds (long: ~10 min per backend)")
    parser.add_argument(
        "--runs", type=int, default=3, help="re-diagnosis runs per worker count: the first scores every round"
    )
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument(
        "--core-sample", type=int, default=2000, help="rounds the core-alone baseline diagnoses"
    )
    parser.add_argument("--autosave", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--saves", type=int, default=100, help="saves per writer")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--pg-url", help="a server's URL to create the databases on (default: a throwaway local server)"
    )
    parser.add_argument("--pg-fsync", action="store_true", help="throwaway server with fsync on")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")] + ([50_000] if args.large else [])
    args.workers = [int(w) for w in args.workers.split(",")]
    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    backends = args.backends.split(",")
    for backend in backends:
        if backend not in ("sqlite", "postgresql"):
            parser.error(f"unknown backend {backend}")
    server = pgtemp.start(fsync=args.pg_fsync) if "postgresql" in backends and not args.pg_url else None
    figures: list[Figure] = []
    try:
        with tempfile.TemporaryDirectory(prefix="netscan-bench-") as folder:
            for size in args.sizes:
                plan = generate_plan(q, size, max(1, size * 350 // 10_000), args.seed)
                core = core_alone(bundle, plan, min(size, args.core_sample))
                print(
                    f"[core {size:,}] {core[0] * 1000:.2f} ms/round scoring and rules, {core[1] * 1000:.2f} ms/round "
                    f"rules only ({core[2]:,} rounds)",
                    flush=True,
                )
                results: dict[str, dict[tuple[int, str], Any]] = {}
                for backend in backends:
                    if backend == "sqlite":
                        url = f"sqlite:///{folder}/bench-{size}.sqlite"
                    else:
                        url = (
                            server.create_database(f"bench_{size}")
                            if server is not None
                            else _database_on(args.pg_url, f"bench_{size}")
                        )
                    results[backend] = run_backend(backend, url, plan, size, args)
                    if server is not None and backend == "postgresql":
                        server.drop_database(f"bench_{size}")
                figures += figures_for(size, results, core, args)
                for backend, measured in results.items():
                    a = measured.get((0, "autosave"))
                    if a:
                        figures.append(
                            figure(
                                f"autosave with {a['writers']} concurrent writers, {backend}, p95",
                                [a["p95_ms"]],
                                unit="ms",
                                baseline="median",
                                baseline_values=[a["median_ms"]],
                                target="≤ 50 ms",
                            )
                        )
                record(
                    "bench_store", figures
                )  # after each size: a long run stopped early keeps what it measured
    finally:
        if server is not None:
            server.stop()
    return 0


def _database_on(server_url: str, name: str) -> str:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    sys.exit(main())
