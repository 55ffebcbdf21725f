"""One shape for every benchmark figure, so `make bench` can print them side by side.

A figure is the median and spread of several runs, the median of a baseline measured in the same run
(so a busy machine slows both), their ratio, the target, the load average when it was measured, and
the Python that ran it: builds of one version differ (on this machine the pyenv build, made without
profile-guided and link-time optimisation, re-diagnoses ~9% slower than Debian's python3.11, which
docs/deployment.md installs; `make bench PYTHON=/usr/bin/python3.11 VENV=.venv-deploy` runs on it).
Each script calls `record(script, figures)`; `benchmarks/table.py` prints every recorded figure.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "test-output" / "bench"


@dataclass(frozen=True)
class Figure:
    name: str  # what was measured, in words (English; the README quotes it)
    median: float
    low: float  # the fastest run
    high: float  # the slowest run
    runs: int
    unit: str = "s"
    baseline: str | None = None  # what the ratio is against, e.g. "python -c pass"
    baseline_median: float | None = None
    target: str | None = None  # e.g. "≤ 0.35 s" or "≥ 0.8×"
    load: float | None = None  # 1-minute load average when measured
    python: str | None = None  # the interpreter that ran it (see interpreter())

    @property
    def ratio(self) -> float | None:
        if self.baseline_median is None or self.baseline_median == 0:
            return None
        return self.median / self.baseline_median


def cpu_timed(work: Callable[[], object], runs: int, *, warmup: int = 1) -> list[float]:
    """CPU seconds of this process for `runs` calls of `work`, after `warmup` unrecorded calls
    (on a shared machine the figure that moves least with the load)."""
    for _ in range(warmup):
        work()
    values = []
    for _ in range(runs):
        start = time.process_time()
        work()
        values.append(time.process_time() - start)
    return values


def timed(work: Callable[[], object], runs: int, *, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of `runs` calls of `work`, after `warmup` unrecorded calls."""
    for _ in range(warmup):
        work()
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        values.append(time.perf_counter() - start)
    return values


def load_average() -> float:
    return os.getloadavg()[0]


def interpreter() -> str:
    """E.g. "CPython 3.11.2 (/usr)": the version and the installation it came from."""
    return f"{platform.python_implementation()} {platform.python_version()} ({sys.base_prefix})"


def figure(
    name: str,
    values: Sequence[float],
    *,
    unit: str = "s",
    baseline: str | None = None,
    baseline_values: Sequence[float] | None = None,
    target: str | None = None,
) -> Figure:
    return Figure(
        name=name,
        median=statistics.median(values),
        low=min(values),
        high=max(values),
        runs=len(values),
        unit=unit,
        baseline=baseline,
        baseline_median=statistics.median(baseline_values) if baseline_values else None,
        target=target,
        load=load_average(),
        python=interpreter(),
    )


def line(f: Figure) -> str:
    text = f"{f.name}: {f.median:.3g} {f.unit} (runs {f.runs}, {f.low:.3g}–{f.high:.3g})"
    if f.ratio is not None:
        text += f", {f.ratio:.2f}× {f.baseline} ({f.baseline_median:.3g} {f.unit})"
    if f.target:
        text += f", target {f.target}"
    if f.load is not None:
        text += f", load {f.load:.2f}"
    if f.python is not None:
        text += f", {f.python}"
    return text


def record(script: str, figures: Sequence[Figure]) -> Path:
    """Print the figures and keep them in test-output/bench/<script>.json for `benchmarks/table.py`."""
    OUT.mkdir(parents=True, exist_ok=True)
    for f in figures:
        print(line(f))
    path = OUT / f"{script}.json"
    path.write_text(json.dumps([asdict(f) for f in figures], indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def read_all(folder: Path = OUT) -> list[tuple[str, Figure]]:
    figures = []
    for path in sorted(folder.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            figures.append((path.stem, Figure(**entry)))
    return figures
