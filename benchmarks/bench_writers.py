"""Autosave wait with several app processes on one SQLite file (issue 19): p50, p95 and max.

Each of N processes stands for one app process with a respondent who answers without pause: it
opens its own link and saves `--saves` answers back to back, timing each save. SQLite lets one
writer in at a time; within a process writers queue first-come-first-served (db.FairLock), but
between processes they meet in SQLite's busy handler, which sleeps and retries and is not fair.

    .venv/bin/python benchmarks/bench_writers.py --processes 1 4 8 --saves 150

Figures go to docs/store.md ("Several SQLite processes").
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from diagnose.store import Store


def _writer(url: str, token: str, saves: int, start: Any, out: Any) -> None:
    store = Store.open(url)
    opened = store.open_response(token)
    assert opened.response is not None
    rid = opened.response.id
    store.save_answer(rid, "profiel_omvang", 2)  # warm: the rule base is loaded before timing
    waits = []
    start.wait()
    for n in range(saves):
        t0 = time.perf_counter()
        store.save_answer(rid, "profiel_omvang", 2 + n % 900)
        waits.append(time.perf_counter() - t0)
    out.put(waits)
    store.close()


def run(processes: int, saves: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+pysqlite:///{Path(folder) / 'bench.sqlite'}"
        store = Store.open(url)
        store.ensure_schema()
        ws = store.create_workspace("Bench")
        net = store.create_network(ws.id, "Bench")
        rnd = store.create_round(net.id, "Bench")
        tokens = [i.token for i in store.create_invitations(rnd.id, processes)]
        store.close()
        ctx = mp.get_context("spawn")
        start = ctx.Barrier(processes)
        out = ctx.Queue()
        procs = [ctx.Process(target=_writer, args=(url, tok, saves, start, out)) for tok in tokens]
        for p in procs:
            p.start()
        waits = [w for _ in procs for w in out.get()]
        for p in procs:
            p.join()
    waits.sort()
    return {
        "processes": processes,
        "saves": len(waits),
        "p50_ms": statistics.median(waits) * 1000,
        "p95_ms": waits[int(len(waits) * 0.95) - 1] * 1000,
        "max_ms": waits[-1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--saves", type=int, default=150)
    args = parser.parse_args()
    for n in args.processes:
        r = run(n, args.saves)
        print(
            f"{r['processes']} processes, {r['saves']} saves: p50 {r['p50_ms']:.1f} ms, "
            f"p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms"
        )


if __name__ == "__main__":
    main()
