"""Whole-process start-up of the command line (run: `make bench`, or `python benchmarks/bench_cli.py`).

Each figure is the wall-clock time of a fresh process, from exec to exit, as a user waits for it:
`netscan --help`; `netscan diagnose examples/<case>.json` (the response file read, the content
loaded, the round diagnosed), with the bundle an earlier process kept and without it
(NETSCAN_CACHE_DIR=off: the content parsed, checked and its rule examples run); and `netscan
validate` (every content file and every rule example). The baselines run in the same rounds:
`python -c pass` (the interpreter alone) and `python -c "import pydantic"` (the floor for any
command that reads content, which pydantic validates). The commands take turns, one run of each per
round, so a machine that gets busier slows them all alike; the ratio to `python -c pass` is the
figure to compare across machines. The CPU time of each child (user + system) is recorded too: on
a loaded machine it moves far less than the wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, figure, record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CASE = "examples/den_bosch.json"


def netscan() -> list[str]:
    """The installed `netscan` script beside this interpreter, as a user runs it; else `-m diagnose`."""
    script = Path(sys.executable).with_name("netscan")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "diagnose"]


Command = tuple[list[str], dict[str, str]]  # argv, and what to add to the environment


def commands(case: str) -> dict[str, Command]:
    off = {"NETSCAN_CACHE_DIR": "off"}
    return {
        "python -c pass": ([sys.executable, "-c", "pass"], {}),
        'python -c "import pydantic"': ([sys.executable, "-c", "import pydantic"], {}),
        "netscan --help": ([*netscan(), "--help"], {}),
        f"netscan diagnose {case}": ([*netscan(), "diagnose", case], {}),
        f"netscan diagnose {case}, no kept bundle (NETSCAN_CACHE_DIR=off)": (
            [*netscan(), "diagnose", case],
            off,
        ),
        "netscan validate": ([*netscan(), "validate"], {}),
    }


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """This environment, but with bytecode caches written and read as an installed product has
    them (pip compiles on install): PYTHONDONTWRITEBYTECODE would make every run compile the
    project's modules again."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | extra


def run_once(command: Command) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one child process; a failure stops the run."""
    argv, extra = command
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=ROOT, env=child_env(extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)  # wait4: the child's own CPU time
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        again = subprocess.run(
            argv, cwd=ROOT, env=child_env(extra), capture_output=True, text=True, check=False
        )
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{again.stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(argvs: dict[str, Command], runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """`runs` rounds, each running every command once (after one unrecorded warm-up round, which
    also writes the bytecode caches)."""
    for argv in argvs.values():
        run_once(argv)
    wall: dict[str, list[float]] = {name: [] for name in argvs}
    cpu: dict[str, list[float]] = {name: [] for name in argvs}
    for _ in range(runs):
        for name, argv in argvs.items():
            w, c = run_once(argv)
            wall[name].append(w)
            cpu[name].append(c)
    return wall, cpu


TARGETS = {"netscan --help": "≤ 0.12 s", "netscan diagnose": "≤ 0.35 s"}  # issue 16, quiet machine


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds of runs (default 15; at least 10)")
    parser.add_argument(
        "--case", default=DEFAULT_CASE, help=f"response file to diagnose (default {DEFAULT_CASE})"
    )
    args = parser.parse_args()
    runs = max(args.runs, 10)
    argvs = commands(args.case)
    wall, cpu = measure(argvs, runs)
    baseline = "python -c pass"
    figures: list[Figure] = []
    for name, values in wall.items():
        if name == baseline:
            continue
        target = TARGETS.get(name.replace(f" {args.case}", ""))
        figures.append(
            figure(
                f"start-up: {name} (whole process)",
                values,
                baseline=baseline,
                baseline_values=wall[baseline],
                target=target,
            )
        )
    for name, values in cpu.items():
        if name != baseline:
            figures.append(
                figure(
                    f"start-up CPU (user + system): {name}",
                    values,
                    unit="s CPU",
                    baseline=baseline,
                    baseline_values=cpu[baseline],
                )
            )
    record("bench_cli", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
