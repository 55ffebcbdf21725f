"""Benchmark of the advice report (run: `python benchmarks/bench_report.py`; see docs/report.md).

A round of 30 respondents with three earlier rounds (synthetic, fixed seeds). Measured:

1. cold: the first report in a fresh process (content already loaded, as in a running dashboard;
   Chromium is started by the report itself), for each edition (summary, full) and format (PDF,
   Word, HTML), each in its own new process; and the first summary PDF in a process that called
   ``warm_up(bundle)`` when it started, as a server should (no report has been made yet);
2. warm: later reports in the same process (Chromium running);
3. the command line end to end: `netscan report FILE -o out.pdf` in a new process (Python start-up,
   imports, loading and checking the content, diagnosis, report);
4. `prepare()` (diagnosing the round with its history) with 20 earlier rounds, given as the stored
   scores a store keeps and as the answers of a response file, against `prepare()` with none in the
   same run: flat in history means a ratio near 1 for stored scores.

"Report time" is what a user waits for after clicking: diagnosing the round with its history and
rendering. Each figure is the median over the runs, with min–max. The machine's load average is
printed too: on a shared machine it explains much of the spread. The same-run baseline is the report
model alone (diagnosis, texts and figures, nothing drawn or laid out), measured in the same child
processes: each warm median is also given as a multiple of it, which moves less with the load.
Every figure is also recorded for `benchmarks/table.py` (benchmarks/figures.py); BENCH_QUICK=1
(`make bench-quick`) makes fewer runs.

On a shared machine wall-clock seconds say little; two options measure a change instead:
`--cases pdf-full` runs only the named cases (and skips the command line and `prepare()`), and
`--against REF` runs every chosen case also with the code of the git revision REF (exported with
`git archive` to a temporary folder), in alternating fresh processes on the same rounds, and gives
the warm wall-clock and CPU seconds of both with their ratio: the load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from figures import Figure, figure, record  # noqa: E402

QUICK = bool(os.environ.get("BENCH_QUICK"))
ROUNDS = 8  # distinct rounds at least; one more than the warm runs, so none reuses a cached chart image
TARGETS = {
    "pdf-summary_cold": 3.0,
    "pdf-summary_started_cold": 3.0,
    "pdf-full_cold": 3.0,
    "pdf-summary_warm": 0.8,
    "pdf-full_warm": 1.5,
    "docx-summary_warm": 0.5,
    "docx-full_warm": 1.5,
}
CASES = (  # (name, format, edition, warm_up at start)
    ("pdf-summary", "pdf", "summary", False),
    ("pdf-full", "pdf", "full", False),
    ("docx-summary", "docx", "summary", False),
    ("docx-full", "docx", "full", False),
    ("html-full", "html", "full", False),
    ("pdf-summary_started", "pdf", "summary", True),
)


def case_file(path: Path, seed: int = 5) -> Path:
    """A benchmark round as a JSON response file: the round the report tests render (the seed
    varies the answers, not the shape), so the benchmark measures the report that is tested."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from diagnose import load_bundle
    from diagnose.synthetic import build_case, case_json
    from tests.report.conftest import make_case

    bundle = load_bundle()
    path.write_text(
        case_json(build_case(make_case(seed=seed), bundle.questionnaire("netwerkscan"))), encoding="utf-8"
    )
    return path


def baseline(path: Path) -> float:
    """Seconds for the report model alone (diagnose, texts, figures): the same-run baseline."""
    from diagnose import load_bundle
    from diagnose.cli.content import read_response_file
    from diagnose.report import build_model, prepare

    rf, _ = read_response_file(path)
    bundle = load_bundle()
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    start = time.perf_counter()
    build_model(prepare(bundle, q, rf.round, rf.history, rf.network), "nl", edition="full")
    return time.perf_counter() - start


def one_report(path: Path, fmt: str, edition: str = "summary") -> tuple[float, dict[str, float], int]:
    """(seconds, the renderer's own timings plus this process's CPU seconds, size): diagnose + render."""
    from diagnose import load_bundle
    from diagnose.cli.content import read_response_file
    from diagnose.report import prepare, render_report

    rf, _ = read_response_file(path)
    bundle = load_bundle()
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    start, cpu = time.perf_counter(), time.process_time()
    inp = prepare(bundle, q, rf.round, rf.history, rf.network)
    report = render_report(inp, "nl", fmt, edition=edition)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    if report.charts_missing:
        raise SystemExit(f"charts missing: {report.charts_missing}")
    return seconds, {**report.timings, "cpu": time.process_time() - cpu}, len(report.content)


def child(folder: Path, fmt: str, edition: str, warm_runs: int, started: bool) -> None:
    """In a fresh process: one cold report, then warm ones, each for a different round (so no chart
    comes from the exporter's image cache); print JSON."""
    from diagnose import load_bundle
    from diagnose.report import warm_up

    bundle = load_bundle()  # the dashboard has its content loaded before anyone clicks
    if started:
        warm_up(bundle).result(timeout=120)  # what a server does when it starts; the first click comes later
    files = sorted(folder.glob("round-*.json"))
    cold, cold_timings, size = one_report(files[0], fmt, edition)
    runs = [one_report(files[1 + i % (len(files) - 1)], fmt, edition) for i in range(warm_runs)]
    base = [baseline(files[1 + i % (len(files) - 1)]) for i in range(warm_runs)]
    print(
        json.dumps(
            {
                "cold": cold,
                "cold_timings": cold_timings,
                "warm": [r[0] for r in runs],
                "warm_cpu": [r[1]["cpu"] for r in runs],
                "baseline": base,
                "warm_parts": [r[1] for r in runs],
                "size": size,
            }
        )
    )


def bench_prepare(runs: int, earlier: int = 20) -> dict[str, list[float]]:
    """Seconds of `prepare()` for a round of 30 with no history, with `earlier` rounds of answers,
    and with the same rounds as stored scores (what `diagnose.store.round_scores` keeps)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from diagnose import load_bundle
    from diagnose.diagnosis import score
    from diagnose.report import prepare
    from diagnose.synthetic import build_case
    from tests.report.conftest import make_case, round_spec

    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    rounds = [round_spec(f"meting {i}", f"{2000 + i}-10-01", 20, -0.4 + 0.03 * i) for i in range(earlier)]
    rf = build_case(make_case(seed=9, rounds=[*rounds, round_spec("nu", "2026-04-14", 30, 0.3)]), q)
    stored = [score(bundle, q, r, rf.network) for r in rf.history]
    cases = {"none": [], "answers": rf.history, "scores": stored}
    measured: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs + 1):  # interleaved, so a change in the load hits every case alike
        for name, history in cases.items():
            start = time.perf_counter()
            prepare(bundle, q, rf.round, history, rf.network)
            measured[name].append(time.perf_counter() - start)
    return {name: values[1:] for name, values in measured.items()}  # the first run warms up


def run_child(
    rounds: Path, file_format: str, edition: str, started: bool, warm_runs: int, source: Path = ROOT
) -> dict[str, Any]:
    """One fresh process with the code in ``source``: its cold report and ``warm_runs`` warm ones."""
    command = [
        sys.executable,
        str(source / "benchmarks" / "bench_report.py"),
        "--child",
        str(rounds),
        file_format,
        edition,
        "1" if started else "0",
        "--warm-runs",
        str(warm_runs),
    ]
    env = {**os.environ, "PYTHONPATH": str(source)}  # that tree's `diagnose`, not the installed one
    out = subprocess.run(command, capture_output=True, text=True, cwd=source, env=env, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def export_revision(ref: str, folder: Path) -> Path:
    """The files of git revision ``ref`` in ``folder`` (no checkout, no worktree: `git archive`)."""
    archive = subprocess.run(["git", "archive", ref], capture_output=True, cwd=ROOT, check=True).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def compare(ref: str, cases: list[tuple[str, str, str, bool]], cold_runs: int, warm_runs: int) -> int:
    """Each case with this code and with ``ref``'s, in alternating processes: the same-run baseline
    of a change is the code before it."""
    print(f"This code against {ref}, {cold_runs} fresh processes each, {warm_runs} warm reports per process")
    print(f"(load average before: {load()}; {os.cpu_count()} CPUs)\n")
    print(f"| case | measure | this code | {ref} | ratio | load |")
    print("|---|---|---|---|---|---|")
    measures = (
        ("cold", "cold, wall clock"),
        ("warm", "warm, wall clock"),
        ("warm_cpu", "warm, CPU of the report process"),
    )
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        rounds = Path(tmp) / "rounds"
        rounds.mkdir()
        for seed in range(max(ROUNDS, warm_runs + 1)):
            case_file(rounds / f"round-{seed:02d}.json", seed=5 + seed)
        before = export_revision(ref, Path(tmp) / "before")
        for name, file_format, edition, started in cases:
            got: dict[str, dict[str, list[float]]] = {"now": {}, "before": {}}
            for _ in range(cold_runs):
                for which, source in (("now", ROOT), ("before", before)):
                    data = run_child(rounds, file_format, edition, started, warm_runs, source)
                    got[which].setdefault("cold", []).append(data["cold"])
                    for key in ("warm", "warm_cpu"):
                        got[which].setdefault(key, []).extend(data[key])
            now, then = got["now"], got["before"]
            med = statistics.median
            for key, what in measures:
                print(
                    f"| {name} | {what} | {med(now[key]):.2f} s | {med(then[key]):.2f} s "
                    f"| {med(now[key]) / med(then[key]):.2f}× | {load()} |"
                )
                target = TARGETS.get(f"{name}_{key}")
                figures.append(
                    figure(
                        f"{name} {what}, against {ref}",
                        now[key],
                        baseline=f"the same with {ref}, same run",
                        baseline_values=then[key],
                        target=f"≤ {target:g} s (quiet machine)" if target and key != "warm_cpu" else None,
                    )
                )
    print()
    record("bench_report_against", figures)
    return 0


def only_cases(cases: list[tuple[str, str, str, bool]], cold_runs: int, warm_runs: int) -> int:
    """The chosen cases alone: cold and warm wall clock and CPU, against the report model alone."""
    print(f"Load average before: {load()}; {os.cpu_count()} CPUs\n")
    print("| case | cold: wall / CPU | warm: wall (min–max, n) | warm CPU | × model alone | load |")
    print("|---|---|---|---|---|---|")
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        rounds = Path(tmp) / "rounds"
        rounds.mkdir()
        for seed in range(max(ROUNDS, warm_runs + 1)):
            case_file(rounds / f"round-{seed:02d}.json", seed=5 + seed)
        for name, file_format, edition, started in cases:
            got: dict[str, list[float]] = {}
            for _ in range(cold_runs):
                data = run_child(rounds, file_format, edition, started, 0 if started else warm_runs)
                for key in ("warm", "warm_cpu", "baseline"):
                    got.setdefault(key, []).extend(data[key])
                got.setdefault("cold", []).append(data["cold"])
                got.setdefault("cold_cpu", []).append(data["cold_timings"]["cpu"])
            med = statistics.median
            ratio = f"{med(got['warm']) / med(got['baseline']):.1f}×" if got["warm"] else ""
            print(
                f"| {name} | {med(got['cold']):.2f} / {med(got['cold_cpu']):.2f} s | {summary(got['warm'])} "
                f"| {summary(got['warm_cpu'])} | {ratio} | {load()} |"
            )
            if got["warm"]:
                target = TARGETS.get(name + "_warm")
                figures.append(
                    figure(
                        f"{name} warm",
                        got["warm"],
                        baseline="the report model alone (warm)",
                        baseline_values=got["baseline"],
                        target=f"≤ {target:g} s" if target else None,
                    )
                )
                figures.append(figure(f"{name} warm, CPU of the report process", got["warm_cpu"]))
    print()
    record("bench_report_cases", figures)
    return 0


def report_figures(results: dict[str, Any], prep: dict[str, list[float]]) -> list[Figure]:
    base = ("the report model alone (warm)", results["baseline"])
    rows: list[tuple[str, str, tuple[str, list[float]] | None]] = [
        ("pdf-summary_cold", "summary PDF, cold (first report in a fresh process)", None),
        ("pdf-summary_started_cold", "summary PDF, first report after warm_up(bundle)", None),
        ("pdf-summary_warm", "summary PDF, warm", base),
        ("pdf-full_cold", "full PDF, cold", None),
        ("pdf-full_warm", "full PDF, warm", base),
        ("docx-summary_warm", "summary Word, warm", base),
        ("docx-full_warm", "full Word, warm", base),
        ("html-full_warm", "full HTML, warm", base),
        ("cli_pdf", "`netscan report FILE` (summary PDF), whole process", None),
    ]
    out = []
    for key, name, against in rows:
        target = TARGETS.get(key)
        out.append(
            figure(
                name,
                results[key],
                target=f"≤ {target:g} s" if target else None,
                baseline=against[0] if against else None,
                baseline_values=against[1] if against else None,
            )
        )
    none = ("prepare(), no earlier rounds", prep["none"])
    out.append(
        figure(
            "report prepare(), 20 earlier rounds as stored scores",
            prep["scores"],
            baseline=none[0],
            baseline_values=none[1],
            target="flat in history (≈ 1×)",
        )
    )
    out.append(
        figure(
            "report prepare(), 20 earlier rounds of answers (each scored once)",
            prep["answers"],
            baseline=none[0],
            baseline_values=none[1],
        )
    )
    return out


def summary(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f}, n={len(values)})"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cold-runs", type=int, default=2 if QUICK else 5, help="fresh processes per format (default 5)"
    )
    parser.add_argument(
        "--warm-runs", type=int, default=3 if QUICK else 5, help="warm reports per process (default 5)"
    )
    parser.add_argument(
        "--prepare-runs", type=int, default=5 if QUICK else 20, help="prepare() runs per case"
    )
    parser.add_argument(
        "--child", nargs=4, metavar=("FILE", "FORMAT", "EDITION", "WARM_UP"), help=argparse.SUPPRESS
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--cases",
        help="only these cases, comma-separated: " + ", ".join(c[0] for c in CASES),
    )
    parser.add_argument(
        "--against", metavar="REF", help="also run the chosen cases with git revision REF, alternating"
    )
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.child[2], args.warm_runs, args.child[3] == "1")
        return 0
    cases = list(CASES)
    if args.cases:
        wanted = args.cases.split(",")
        unknown = set(wanted) - {c[0] for c in CASES}
        if unknown:
            parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
        cases = [c for c in CASES if c[0] in wanted]
    if args.against:
        return compare(args.against, cases, args.cold_runs, args.warm_runs)
    if args.cases:
        return only_cases(cases, args.cold_runs, args.warm_runs)

    results: dict[str, Any] = {"load_before": load()}
    with tempfile.TemporaryDirectory() as tmp:
        rounds = Path(tmp) / "rounds"
        rounds.mkdir()
        for seed in range(max(ROUNDS, args.warm_runs + 1)):
            case_file(rounds / f"round-{seed:02d}.json", seed=5 + seed)
        path = rounds / "round-00.json"
        for fmt, file_format, edition, started in CASES:
            cold, warm, parts = [], [], []
            for _ in range(args.cold_runs):
                warm_runs = 0 if started else args.warm_runs
                command = [
                    sys.executable,
                    __file__,
                    "--child",
                    str(rounds),
                    file_format,
                    edition,
                    "1" if started else "0",
                ]
                out = subprocess.run(
                    [*command, "--warm-runs", str(warm_runs)],
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                    check=True,
                )
                data = json.loads(out.stdout.strip().splitlines()[-1])
                cold.append(data["cold"])
                warm += data["warm"]
                results.setdefault(f"{fmt}_warm_cpu", []).extend(data["warm_cpu"])
                results.setdefault(f"{fmt}_cold_cpu", []).append(data["cold_timings"]["cpu"])
                results.setdefault("baseline", []).extend(data["baseline"])
                results.setdefault(f"{fmt}_warm_parts", []).extend(data["warm_parts"])
                parts.append(data["cold_timings"])
                results[f"{fmt}_size"] = data["size"]
            results[f"{fmt}_cold"], results[f"{fmt}_warm"] = cold, warm
            results[f"{fmt}_cold_parts"] = parts
        cli = []
        for _ in range(args.cold_runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "diagnose", "report", str(path), "-o", str(Path(tmp) / "r.pdf")],
                capture_output=True,
                cwd=ROOT,
                check=True,
            )
            cli.append(time.perf_counter() - start)
        results["cli_pdf"] = cli
    results["load_after"] = load()
    prep = bench_prepare(args.prepare_runs)
    results.update({f"prepare_{name}": values for name, values in prep.items()})
    record("bench_report", report_figures(results, prep))

    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(
        f"Report for 30 respondents with three earlier rounds (load average before: {results['load_before']}, "
        f"after: {results['load_after']}; {os.cpu_count()} CPUs)\n"
    )
    base = statistics.median(results["baseline"])
    print(f"Same-run baseline, the report model alone (warm): {summary(results['baseline'])}\n")
    print(
        "| measurement | wall clock: median (min–max, runs) | × baseline | CPU of the report process | target |"
    )
    print("|---|---|---|---|---|")
    rows = [
        ("pdf-summary_cold", "Summary PDF, cold (first report in a fresh process)"),
        ("pdf-summary_started_cold", "Summary PDF, first report after warm_up(bundle) at server start"),
        ("pdf-summary_warm", "Summary PDF, warm (Chromium running)"),
        ("pdf-full_cold", "Full PDF, cold"),
        ("pdf-full_warm", "Full PDF, warm"),
        ("docx-summary_cold", "Summary Word, cold"),
        ("docx-summary_warm", "Summary Word, warm"),
        ("docx-full_cold", "Full Word, cold"),
        ("docx-full_warm", "Full Word, warm"),
        ("html-full_cold", "Full HTML, cold"),
        ("html-full_warm", "Full HTML, warm"),
        ("cli_pdf", "`netscan report FILE` (summary PDF), whole process"),
    ]
    for key, label in rows:
        values = results[key]
        ratio = f"{statistics.median(values) / base:.1f}×" if values and key.endswith("_warm") else ""
        target = f"≤ {TARGETS[key]:.1f} s" if key in TARGETS else ""
        cpu = summary(results.get(key + "_cpu", []))
        print(f"| {label} | {summary(values)} | {ratio} | {cpu} | {target} |")
    print("\nWarm runs, median seconds of each part (model: diagnosis, texts, figures; charts: waiting for")
    print("Chromium after the model; pdf/docx/html: laying out and writing the file; cpu: the whole report):")
    for name, *_ in CASES:
        runs = results.get(f"{name}_warm_parts", [])
        if runs:
            keys = [k for k in runs[0] if k != "total"]
            parts = ", ".join(f"{k} {statistics.median(r.get(k, 0.0) for r in runs):.2f}" for k in keys)
            print(f"- {name}: {parts}")
    sizes = ", ".join(
        f"{name} {results[name + '_size'] / 1024:.0f} KB" for name, *_ in CASES if "_" not in name
    )
    print(f"\nSizes: {sizes}")
    parts = results["pdf-summary_cold_parts"][0]
    print("First cold PDF, parts: " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
