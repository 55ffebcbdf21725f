"""Re-diagnosis: new snapshots with the current rule base for many rounds at once, network by
network, in this process or in forked or spawned worker processes, with garbage collection paused."""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.util
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

from sqlalchemy import Engine, select

from diagnose import collector
from diagnose.bundle import Bundle
from diagnose.edits import Stale, apply
from diagnose.store import edit_rows, models, round_scores
from diagnose.store import types as t
from diagnose.store.database import Database
from diagnose.store.diagnoses import Diagnoses

PARALLEL_FROM = 400  # rounds; below this, starting worker processes costs more than it saves
MAX_WORKERS = 8
BATCH_ROUNDS = 250  # rounds read, diagnosed and written together (memory stays flat: ~20 MB of answers)


class Rediagnosis(Diagnoses):
    """New snapshots for every round in a scope (see rediagnose)."""

    def rediagnose(
        self,
        *,
        workspace_id: int | None = None,
        network_id: int | None = None,
        round_id: int | None = None,
        workers: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> t.RediagnoseReport:
        """Recompute every round in scope with the current rule base; old snapshots are kept.

        Rounds without submitted answers, or whose questionnaire version is no longer installed, are
        skipped and listed with the reason. Rounds are read and diagnosed network by network, oldest
        first, so each round's history is the scores just computed (or kept) for the one before.
        workers=0 spreads many rounds (PARALLEL_FROM and up) over one process per core (up to
        MAX_WORKERS). From a single-threaded process on Linux (the `netscan` command) the workers
        are forked and inherit the loaded rule base; otherwise (e.g. inside the app's server) they
        are spawned and load the default rule base themselves, which needs an import-safe main
        module (`if __name__ == "__main__":`). progress(done, total) is called as networks finish.
        """
        started = time.perf_counter()
        with self.db.read() as s:
            query = select(models.Round.id, models.Round.network_id).join(
                models.Network, models.Network.id == models.Round.network_id
            )
            if round_id is not None:
                query = query.where(models.Round.id == round_id)
            if network_id is not None:
                query = query.where(models.Round.network_id == network_id)
            if workspace_id is not None:
                query = query.where(models.Network.workspace_id == workspace_id)
            scope: dict[int, set[int]] = {}
            for rid, nid in s.execute(query.order_by(models.Round.network_id)):
                scope.setdefault(nid, set()).add(rid)
        total = sum(len(r) for r in scope.values())
        if workers == 0:
            parallel_ok = (
                total >= PARALLEL_FROM
                and (_can_fork() or self.db.bundle_is_default())
                and self._url_is_shareable()
            )
            workers = min(os.cpu_count() or 1, MAX_WORKERS) if parallel_ok else 1
        items = list(scope.items())
        if workers <= 1 or len(items) < 2:
            self.db.bundle.engine  # noqa: B018 - loaded before the collector is paused
            with collector.frozen_and_paused():
                diagnosed, skipped = self._rediagnose_networks(items, progress, total)
        else:
            diagnosed, skipped = self._rediagnose_parallel(items, workers, progress, total)
        return t.RediagnoseReport(
            diagnosed=diagnosed,
            skipped=skipped,
            seconds=time.perf_counter() - started,
            stale_edits=self._stale_edits([r for rounds in scope.values() for r in rounds]),
        )

    def _stale_edits(self, round_ids: Sequence[int]) -> dict[int, tuple[Stale, ...]]:
        """The edited rounds whose edit names findings their newest diagnosis no longer has."""
        with self.db.read() as s:
            edited = {rid: v for rid, v in edit_rows.latest(s, round_ids).items() if not v.edit.empty}
        found: dict[int, tuple[Stale, ...]] = {}
        for rid, version in sorted(edited.items()):
            snapshot = self.latest_snapshot(rid)
            stale = apply(snapshot.diagnosis(), self.db.bundle, version).stale if snapshot else ()
            if stale:
                found[rid] = stale
        return found

    def _url_is_shareable(self) -> bool:
        database = self.db.engine.url.database or ""
        return self.db.dialect != "sqlite" or (bool(database) and database != ":memory:")

    def _rediagnose_parallel(
        self,
        items: list[tuple[int, set[int]]],
        workers: int,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> tuple[int, list[tuple[int, str]]]:
        # Chunks of networks, several per worker so that one slow chunk does not hold up the end.
        chunks: list[list[tuple[int, set[int]]]] = [[] for _ in range(workers * 4)]
        sizes = [0] * len(chunks)
        for item in sorted(items, key=lambda kv: -len(kv[1])):
            smallest = sizes.index(min(sizes))
            chunks[smallest].append(item)
            sizes[smallest] += len(item[1])
        url = self.db.engine.url.render_as_string(hide_password=False)
        diagnosed, done = 0, 0
        skipped: list[tuple[int, str]] = []
        if _can_fork():
            # the workers inherit the loaded and compiled rule base: spawning re-imports and reloads
            # it, ~1.4 s per worker before the first round
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(url, self.db.bundle, self.db.engine),
            )
        else:
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(url, None, None),
            )
        with pool:
            futures = {
                pool.submit(_rediagnose_worker, chunk): size
                for chunk, size in zip(chunks, sizes, strict=True)
                if chunk
            }
            for future in as_completed(futures):
                n, worker_skipped = future.result()
                diagnosed += n
                skipped += worker_skipped
                done += futures[future]
                if progress is not None:
                    progress(done, total)
        return diagnosed, sorted(skipped)

    def _rediagnose_networks(
        self,
        items: Sequence[tuple[int, set[int]]],
        progress: Callable[[int, int], None] | None = None,
        total: int = 0,
    ) -> tuple[int, list[tuple[int, str]]]:
        """Diagnose batches of whole networks of about BATCH_ROUNDS rounds: each batch read in one
        session (a handful of queries, whatever the number of networks), diagnosed, and its
        snapshots written in one transaction. Per round that is ~0.1 round trips to the database
        instead of ~0.7 with a read per network (see bench_store.py: on PostgreSQL with both cores
        busy every round trip waits for the server process to be scheduled). A crash leaves every
        round with its latest snapshot: the old one, or the new one of a batch that committed.
        (A second thread that compressed and wrote meanwhile made it slower: its share of the GIL
        cost more than it saved.)"""
        diagnosed, done = 0, 0
        skipped: list[tuple[int, str]] = []
        for batch in batches(items, BATCH_ROUNDS):
            results, batch_skipped = self._diagnose_networks(batch, lean=round_scores.WRITE_FROM_SCORES)
            diagnosed += len(results)
            self._insert_snapshots(self._snapshot_values(drained(results)))
            skipped += batch_skipped
            done += sum(len(wanted) for _, wanted in batch)
            if progress is not None:
                progress(done, total)
            gc.collect(1)  # the young objects of this batch (see collector.frozen_and_paused)
        return diagnosed, skipped


def batches(items: Sequence[tuple[int, set[int]]], rounds: int) -> Iterator[list[tuple[int, set[int]]]]:
    """Whole networks in order, grouped until a group has at least `rounds` wanted rounds."""
    batch: list[tuple[int, set[int]]] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item[1])
        if size >= rounds:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


T = TypeVar("T")


def drained(results: list[T]) -> Iterator[T]:
    """The items of `results` in order, each taken out of the list as it is handed over, so that
    it is freed once its user lets go of it: freeing a round's diagnosis and scores right after
    its snapshot is made costs ~30% less than freeing a whole batch at the end (~0.03 ms a round:
    the objects are still in the processor's cache)."""
    results.reverse()
    while results:
        yield results.pop()


def _can_fork() -> bool:
    """fork copies only the calling thread: safe when there are no other threads whose locks could
    be held at that moment. Linux only (macOS frameworks do not survive a fork)."""
    return sys.platform == "linux" and threading.active_count() == 1


_worker_rooms: Rediagnosis | None = None


def _start_worker(url: str, bundle: Bundle | None, parent_engine: Engine | None) -> None:
    """A worker process of rediagnose: its own connection pool and rooms, kept for every chunk it
    is given (the finding texts it has seen stored, the scores digests' fixed parts). Forked, it
    keeps the parent's rule base and lets go of the parent's database connections without
    closing them (they are the parent's, still in use there)."""
    global _worker_rooms
    if parent_engine is not None:
        parent_engine.dispose(close=False)
    _worker_rooms = Rediagnosis(Database.open(url, bundle=bundle))
    _worker_rooms.db.bundle.engine  # noqa: B018 - loaded before the collector is paused
    multiprocessing.util.Finalize(_worker_rooms, _worker_rooms.db.close, exitpriority=10)


def _rediagnose_worker(items: list[tuple[int, set[int]]]) -> tuple[int, list[tuple[int, str]]]:
    """One chunk of networks, in a worker process started by _start_worker."""
    assert _worker_rooms is not None, "rediagnosis worker used before _start_worker"
    with collector.frozen_and_paused():
        return _worker_rooms._rediagnose_networks(items)
