"""Benchmark of the diagnostic core (run: `make bench`, or `python benchmarks/bench_engine.py`).

Measures, each as the median and spread of several runs in one process:
1. diagnoses per second over 10,000 synthetic rounds of 20 respondents, full rule base;
2. rules-only throughput: the durable-rules path against a plain-Python evaluation of the same
   compiled conditions on the same facts, and their ratio;
3. the time to diagnose one round of 30 respondents;
4. resident memory: peak, and before/after the runs (flat means no growth per evaluation).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

from diagnose import Bundle, load_bundle
from diagnose.bundle import to_durable_facts
from diagnose.conditions import evaluate
from diagnose.diagnosis import diagnose, score
from diagnose.responses import Round
from diagnose.scoring import round_facts
from diagnose.synthetic import RoundSpec, generate_round

CONSTRUCT_TARGETS = (2.2, 2.8, 3.2, 3.6, 4.1, 4.5)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_rounds(bundle: Bundle, count: int, respondents: int, seed: int) -> list[Round]:
    q = bundle.questionnaire("netwerkscan")
    rng = random.Random(seed)
    measured = [c.id for c in bundle.constructs.constructs if c.kind != "fact"]
    facts: dict[str, list[str]] = {}
    for item in q.items():
        if item.type == "single" and item.construct_id != "respondent_role":
            facts[item.construct_id] = item.option_values
    roles = q.fact_item("respondent_role").option_values  # type: ignore[union-attr]
    rounds = []
    for index in range(count):
        spec = RoundSpec(
            label=f"ronde {index}",
            respondents=respondents,
            roles={rng.choice(roles): respondents // 2, rng.choice(roles): respondents - respondents // 2},
            facts={fact: rng.choice(values) for fact, values in facts.items()},
            scores={c: rng.choice(CONSTRUCT_TARGETS) for c in measured},
            spread={"default": rng.choice((0.3, 0.6, 1.1))},
        )
        rounds.append(generate_round(q, spec, rng))
    return rounds


def timed(runs: int, work: Callable[[], int]) -> tuple[float, float, float]:
    """(median, min, max) of items per second over several runs."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        items = work()
        rates.append(items / (time.perf_counter() - start))
    return statistics.median(rates), min(rates), max(rates)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=10_000)
    parser.add_argument("--distinct", type=int, default=400, help="distinct synthetic rounds, cycled")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    print(
        f"rule base {bundle.settings.version}: {len(bundle.rules)} rules; questionnaire {q.ref}: "
        f"{len(list(q.items()))} items"
    )
    pool = synthetic_rounds(bundle, args.distinct, 20, seed=1)
    history = synthetic_rounds(bundle, args.distinct, 20, seed=2)
    previous = [score(bundle, q, r) for r in history]
    rss_after_run: list[float] = []

    def diagnose_all() -> int:
        for i in range(args.rounds):
            diagnose(bundle, q, pool[i % len(pool)], [previous[i % len(previous)]])
        rss_after_run.append(rss_mb())
        return args.rounds

    med, low, high = timed(args.runs, diagnose_all)
    print(f"\n1. full diagnosis, {args.rounds:,} rounds of 20 respondents (with a previous round):")
    print(f"   {med:,.0f} rounds/s (median of {args.runs}; min {low:,.0f}, max {high:,.0f})")

    facts: list[dict[str, Any]] = []
    for i, rnd in enumerate(pool):
        f = round_facts(score(bundle, q, rnd), previous[i])
        for d in bundle.derived:
            value = d.value(f)
            if value is not None:
                f[f"derived.{d.name}"] = value
        facts.append(f)
    durable_facts = [to_durable_facts(bundle, f) for f in facts]
    fired = bundle.engine.evaluate_many(durable_facts)
    plain = [[r.id for r in bundle.rules if evaluate(r.condition, f)] for f in facts]
    assert fired == plain, "durable-rules and the plain-Python reading disagree"
    per_assessment = sum(map(len, fired)) / len(fired)

    def durable_path() -> int:
        done = 0
        while done < args.rounds:
            bundle.engine.evaluate_many(durable_facts)
            done += len(durable_facts)
        return done

    def plain_path() -> int:
        done = 0
        rules = bundle.rules
        while done < args.rounds:
            for f in facts:
                [r.id for r in rules if evaluate(r.condition, f)]
            done += len(facts)
        return done

    d_med, d_low, d_high = timed(args.runs, durable_path)
    p_med, p_low, p_high = timed(args.runs, plain_path)
    print(f"\n2. rules only ({len(bundle.rules)} rules, {per_assessment:.1f} fire per round on average):")
    print(f"   durable-rules: {d_med:,.0f} assessments/s (min {d_low:,.0f}, max {d_high:,.0f})")
    print(f"   plain Python:  {p_med:,.0f} assessments/s (min {p_low:,.0f}, max {p_high:,.0f})")
    print(f"   ratio durable/plain: {d_med / p_med:.2f}x (target >= 0.5x)")

    big = synthetic_rounds(bundle, 1, 30, seed=3)[0]
    times = []
    for _ in range(200):
        start = time.perf_counter()
        diagnose(bundle, q, big, [previous[0]])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print("\n3. one round of 30 respondents:")
    print(
        f"   median {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms (target <= 5 ms)"
    )

    print(f"\n4. memory over {args.runs} x {args.rounds:,} diagnoses:")
    print(
        f"   RSS after the first run {rss_after_run[0]:.1f} MB, after the last {rss_after_run[-1]:.1f} MB "
        f"(growth {rss_after_run[-1] - rss_after_run[0]:+.1f} MB); peak {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
