"""Print every figure the benchmark scripts recorded (test-output/bench/*.json) as one Markdown table.

Run by `make bench` after the scripts; `python benchmarks/table.py` prints the last results again.
With `--before DIR` (`make bench` keeps the previous run's figures in test-output/bench-previous),
each figure also shows its median in that earlier run, so a change can be measured side by side:
run `make bench` on the old code, then on the new.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import OUT, Figure, read_all


def value(f: Figure) -> str:
    return f"{f.median:.3g} {f.unit}"


def row(script: str, f: Figure, before: Figure | None) -> str:
    ratio = f"{f.ratio:.2f}× {f.baseline}" if f.ratio is not None else ""
    load = f"{f.load:.2f}" if f.load is not None else ""
    cells = [
        f.name,
        value(before) if before is not None else "",
        value(f),
        f"{f.low:.3g}–{f.high:.3g} ({f.runs})",
        ratio,
        f.target or "",
        load,
        script,
    ]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--before", type=Path, help="a folder of earlier figures (e.g. test-output/bench-previous)"
    )
    args = parser.parse_args(argv)
    figures = read_all()
    if not figures:
        print("No figures recorded yet: run `make bench`.")
        return 1
    earlier = (
        {(s, f.name): f for s, f in read_all(args.before)} if args.before and args.before.is_dir() else {}
    )
    print(f"Figures in {OUT}" + (f", before: {args.before}" if earlier else ""))
    pythons = sorted({f.python for _, f in figures if f.python})
    if pythons:
        print("Measured with " + "; ".join(pythons))
    print()
    print("| figure | before | now (median) | spread (runs) | ratio | target | load | script |")
    print("|---|---|---|---|---|---|---|---|")
    for script, f in figures:
        print(row(script, f, earlier.get((script, f.name))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
