"""Print every figure the benchmark scripts recorded (test-output/bench/*.json) as one Markdown table.

Run by `make bench` after the scripts; `python benchmarks/table.py` prints the last results again.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, read_all


def row(script: str, f: Figure) -> str:
    ratio = f"{f.ratio:.2f}× {f.baseline}" if f.ratio is not None else ""
    return (
        f"| {f.name} | {f.median:.3g} {f.unit} | {f.low:.3g}–{f.high:.3g} ({f.runs}) | {ratio} "
        f"| {f.target or ''} | {f.load:.2f} | {script} |"
        if f.load is not None
        else f"| {f.name} | {f.median:.3g} {f.unit} | {f.low:.3g}–{f.high:.3g} ({f.runs}) | {ratio} "
        f"| {f.target or ''} | | {script} |"
    )


def main() -> int:
    figures = read_all()
    if not figures:
        print("No figures recorded yet: run `make bench`.")
        return 1
    print("| figure | median | spread (runs) | ratio | target | load | script |")
    print("|---|---|---|---|---|---|---|")
    for script, f in figures:
        print(row(script, f))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
