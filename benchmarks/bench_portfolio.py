"""Portfolio benchmark: the data of the portfolio page for a programme office of 1,000 networks and
5,000 rounds, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_portfolio.py                   # SQLite and a throwaway PostgreSQL
    .venv/bin/python benchmarks/bench_portfolio.py --backends sqlite --networks 200 --rounds 1000

One workspace of `--networks` networks (sector and region in the profile) with `--rounds` rounds
between them (8-20 respondents each, answers generated for every scale item), stored through the
store's import path and diagnosed once (`Store.rediagnose`, one process). Then, timed:
- cold: the first `portfolio_rows` (diagnose/store/portfolio_view.py), which fills the standing rows
  of every round from its snapshot's stored scores (store/standing.py);
- warm: `portfolio_rows` again (every row, needing attention first): what each page view costs;
- after a re-diagnosis with the same answers: the standing rows only move their snapshot ids on;
- the headlines of one page of 50 rows, cold (read from the snapshots) and warm (kept in process).
Baseline in the same run: `list_networks` of the workspace (one query over the same 1,000
networks), so the ratio says what the portfolio costs beyond listing the networks on this machine.
The warm rows are also given as CPU seconds of this process (`time.process_time`: what a shared
machine does not inflate; on PostgreSQL the server's share is not in it). The generated answers
(millions of objects) are dropped before anything is timed: the app's process does not hold them,
and the garbage collector's passes over them would be counted in every run. On PostgreSQL the
tables are vacuumed and analysed after the bulk load and the first fill, as autovacuum does within a
minute of them (an index-only scan needs the visibility map, the planner the row counts).
Target: warm <= 300 ms (issue 15). PostgreSQL is a throwaway local server (fsync off, like the tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.figures import Figure, cpu_timed, figure, record, timed
from diagnose.questionnaire import Questionnaire
from diagnose.regions import REGION, REGIONS
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import Store
from diagnose.store.portfolio_view import portfolio_rows, with_headlines
from diagnose.store.transfer.importing import apply
from diagnose.store.transfer.plan import PlanNetwork, PlanResponse, PlanRound, PlanWorkspace
from tests import pgtemp

TARGET = "≤ 0.3 s"


def generate_plan(q: Questionnaire, rounds: int, networks: int, seed: int) -> PlanWorkspace:
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    scale_items = [i for i in q.items() if i.type == "scale"]
    reverse = np.array([i.reverse for i in scale_items])
    constructs = sorted({i.construct_id for i in scale_items})
    column = np.array([constructs.index(i.construct_id) for i in scale_items])
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values if role_item else []
    sector = q.fact_item("sector")
    sectors = sector.option_values if sector else ["po"]
    plan = PlanWorkspace("Programmabureau (benchmark)", None)
    per_network = [rounds // networks + (1 if n < rounds % networks else 0) for n in range(networks)]
    for n, count in enumerate(per_network):
        level = rng.normal(3.4, 0.5, len(constructs))
        trend = rng.normal(0.0, 0.15, len(constructs))
        profile = {"sector": pyrng.choice(sectors), REGION: pyrng.choice(list(REGIONS))}
        net = PlanNetwork(f"Netwerk {n + 1:04d}", None, profile)
        for r in range(count):
            day = dt.date(2026 - count + r, 3, 15)
            size = int(rng.integers(8, 21))
            means = np.clip(level + trend * r, 1.0, 5.0)
            values = np.clip(np.rint(rng.normal(means[column], 0.6, (size, len(scale_items)))), 1, 5).astype(
                int
            )
            values = np.where(reverse, 6 - values, values)
            responses = []
            for p in range(size):
                answers: dict[str, Any] = {item.id: int(values[p, k]) for k, item in enumerate(scale_items)}
                if role_item is not None:
                    answers[role_item.id] = pyrng.choice(roles)
                responses.append(PlanResponse(f"r{p + 1:02d}", None, False, answers))
            net.rounds.append(PlanRound(f"{day.year} voorjaar", day, q, responses=responses))
        plan.networks.append(net)
    return plan


def run_backend(name: str, url: str, args: argparse.Namespace) -> list[Figure]:
    runs = args.runs
    store = Store.open(url)
    store.ensure_schema()
    started = time.perf_counter()
    plan = generate_plan(store.bundle.questionnaire("netwerkscan"), args.rounds, args.networks, args.seed)
    apply(store, [plan])
    report = store.rediagnose()
    print(
        f"[{name}] stored and diagnosed {report.diagnosed} rounds in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    ws = store.workspace_by_name(plan.name)
    assert ws is not None
    networks = len(plan.networks)
    rounds = sum(len(n.rounds) for n in plan.networks)
    del plan, report
    gc.collect()
    scale = f"{networks:,} networks, {rounds:,} rounds"
    cold = timed(lambda: portfolio_rows(store, ws.id), 1, warmup=0)
    if store.db.dialect == "postgresql":  # what autovacuum does within a minute of a bulk load
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    baseline = timed(lambda: store.list_networks(ws.id), runs)
    warm = timed(lambda: portfolio_rows(store, ws.id), runs)
    cpu = cpu_timed(lambda: portfolio_rows(store, ws.id), runs)
    cpu_baseline = cpu_timed(lambda: store.list_networks(ws.id), runs)
    rows = portfolio_rows(store, ws.id)
    assert len(rows) == networks and all(r.measured is not None for r in rows)
    store.rediagnose()  # same answers: every snapshot is new, every scores digest the same
    moved = timed(lambda: portfolio_rows(store, ws.id), 1, warmup=0)
    page = portfolio_rows(store, ws.id)[:50]  # as the page has them now (after the re-diagnosis)
    headlines_cold = timed(lambda: with_headlines(store, page), 1, warmup=0)
    headlines_warm = timed(lambda: with_headlines(store, page), runs)
    store.close()
    base = "list_networks (same run)"
    return [
        figure(
            f"portfolio rows, cold (first fill), {scale}, {name}",
            cold,
            baseline=base,
            baseline_values=baseline,
        ),
        figure(
            f"portfolio rows, warm, {scale}, {name}",
            warm,
            baseline=base,
            baseline_values=baseline,
            target=TARGET,
        ),
        figure(
            f"portfolio rows, warm, CPU seconds of this process, {scale}, {name}",
            cpu,
            baseline=f"{base}, CPU",
            baseline_values=cpu_baseline,
        ),
        figure(f"portfolio rows after a re-diagnosis (ids moved on), {scale}, {name}", moved),
        figure(f"headlines of a page of 50, cold, {name}", headlines_cold),
        figure(f"headlines of a page of 50, warm, {name}", headlines_warm),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--networks", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="netscan-bench-") as folder:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                figures += run_backend("SQLite", f"sqlite:///{folder}/bench.sqlite", args)
            elif backend == "postgresql":
                server = pgtemp.start()
                try:
                    figures += run_backend("PostgreSQL", server.create_database("bench"), args)
                finally:
                    server.stop()
            else:
                parser.error(f"unknown backend {backend}")
    record("bench_portfolio", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
