"""Benchmark of the diagnostic core (run: `make bench`, or `python benchmarks/bench_engine.py`).

Measures, each as the median and spread of several runs in one process, recorded with
benchmarks/figures.py (test-output/bench/bench_engine.json; `benchmarks/table.py` prints them):
1. diagnoses per second over synthetic rounds of 20 respondents with a previous round, full rule base;
2. the rules alone, durable-rules against a plain-Python reading of the same compiled conditions
   on the same facts, on the batch path (`evaluate_many`) and one fact per call as `diagnose()`
   runs it; their ratio (throughput of durable-rules / throughput of plain Python);
3. resident memory: growth between the first and the last run (flat means nothing kept per diagnosis);
4. the scaling table: the time of one `diagnose()` for 5 to 3,000 respondents and 0 to 20 earlier
   rounds (given as answers, as in a response file), so the growth is visible.

Times are the process's CPU time (`time.process_time`): the machine is shared, and a busy neighbour
stretches wall-clock time but not the work done here. The rules-only ratios alternate durable-rules
and plain Python run by run, so both meet the same load. `--quick` runs a small version.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, cpu_timed, figure, record

from diagnose import Bundle, load_bundle
from diagnose.bundle import to_durable_facts
from diagnose.conditions import evaluate
from diagnose.diagnosis import diagnose, score
from diagnose.questionnaire import Questionnaire
from diagnose.responses import Round
from diagnose.rule_facts import round_facts
from diagnose.scores import RoundScores
from diagnose.synthetic import RoundSpec, generate_round

CONSTRUCT_TARGETS = (2.2, 2.8, 3.2, 3.6, 4.1, 4.5)
RESPONDENTS = (5, 20, 100, 500, 3000)
HISTORY = (0, 5, 20)


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
        first = rng.choice(roles)
        second = rng.choice(roles)
        spec = RoundSpec(
            label=f"ronde {index}",
            respondents=min(respondents, 500),  # RoundSpec's own limit: larger rounds are repeated below
            roles={first: respondents // 2, second: respondents - respondents // 2}
            if first != second
            else {first: respondents},
            facts={fact: rng.choice(values) for fact, values in facts.items()},  # type: ignore[misc]
            scores={c: rng.choice(CONSTRUCT_TARGETS) for c in measured},
            spread={"default": rng.choice((0.3, 0.6, 1.1))},
        )
        rounds.append(_sized(q, spec, respondents, rng))
    return rounds


def _sized(q: Questionnaire, spec: RoundSpec, respondents: int, rng: random.Random) -> Round:
    """A round of `respondents`, in parts of at most 500 (RoundSpec's limit) with the same targets."""
    parts: list[Round] = []
    left = respondents
    while left > 0:
        size = min(left, 500)
        roles = dict(spec.roles)
        total = sum(roles.values())
        scaled = {role: max(1, count * size // total) for role, count in roles.items()}
        first = next(iter(scaled))
        scaled[first] += size - sum(scaled.values())
        parts.append(generate_round(q, spec.model_copy(update={"respondents": size, "roles": scaled}), rng))
        left -= size
    if len(parts) == 1:
        return parts[0]
    responses = [
        r.model_copy(update={"respondent": f"r{index:05d}"})
        for index, r in enumerate(r for part in parts for r in part.responses)
    ]
    return parts[0].model_copy(update={"responses": responses})


def alternating(
    a: Callable[[], object], b: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """CPU seconds of `a` and of `b`, run by turns so both meet the same load."""
    a(), b()
    times_a, times_b = [], []
    for _ in range(runs):
        for work, times in ((a, times_a), (b, times_b)):
            start = time.process_time()
            work()
            times.append(time.process_time() - start)
    return times_a, times_b


def round_facts_of(
    bundle: Bundle, q: Questionnaire, pool: Sequence[Round], previous: Sequence[RoundScores]
) -> list[dict[str, Any]]:
    facts = []
    for i, rnd in enumerate(pool):
        f = round_facts(
            score(bundle, q, rnd), previous[i], anonymity_minimum=bundle.settings.anonymity_minimum
        )
        for d in bundle.derived:
            value = d.value(f)
            if value is not None:
                f[f"derived.{d.name}"] = value
        facts.append(f)
    return facts


def rules_only(bundle: Bundle, facts: list[dict[str, Any]], runs: int) -> list[Figure]:
    engine, rules = bundle.engine, bundle.rules
    durable_facts = [to_durable_facts(bundle, f) for f in facts]
    plain = [[r.id for r in rules if evaluate(r.condition, f)] for f in facts]
    assert engine.evaluate_many(durable_facts) == plain, "durable-rules and the plain-Python reading disagree"
    assert [engine.evaluate_rounds([f])[0] for f in facts] == plain
    per_round = sum(map(len, plain)) / len(plain)
    n = len(facts)

    def plain_path() -> None:
        for f in facts:
            [r.id for r in rules if evaluate(r.condition, f)]

    def batch_path() -> None:
        engine.evaluate_many(durable_facts)

    def one_per_call() -> None:  # as diagnose() does: each shard's message made from the round's facts
        for f in facts:
            engine.evaluate_rounds([f])

    figures = []
    for name, path, target in (
        ("batch path (evaluate_many)", batch_path, "≥ 0.8×"),
        ("one fact per call, as diagnose() runs it", one_per_call, "≥ 0.6×"),
    ):
        durable_s, plain_s = alternating(path, plain_path, runs)
        figures.append(
            figure(
                f"rules only, durable-rules vs plain Python, {name} ({len(rules)} rules, "
                f"{len(bundle.engine.shard_keys)} shards, {per_round:.0f} fire per round)",
                [n / s for s in durable_s],
                unit="assessments/s",
                baseline="plain Python",
                baseline_values=[n / s for s in plain_s],
                target=target,
            )
        )
    return figures


def scaling(bundle: Bundle, q: Questionnaire, quick: bool) -> list[Figure]:
    """diagnose() per round for every respondents × earlier rounds cell; the ratio is against the
    same round without history."""
    figures = []
    table: dict[tuple[int, int], float] = {}
    for respondents in RESPONDENTS:
        rounds = synthetic_rounds(bundle, 1 + max(HISTORY), respondents, seed=respondents)
        current, earlier = rounds[0], rounds[1:]
        runs = 3 if quick else (9 if respondents <= 100 else 5 if respondents <= 500 else 3)
        base: list[float] | None = None
        for history in HISTORY:
            hist = earlier[:history]
            values = [s * 1000 for s in cpu_timed(lambda: diagnose(bundle, q, current, hist), runs)]  # noqa: B023
            table[(respondents, history)] = statistics.median(values)
            figures.append(
                figure(
                    f"diagnose() per round, {respondents:,} respondents, {history} earlier rounds",
                    values,
                    unit="ms",
                    baseline="no earlier rounds" if base is not None else None,
                    baseline_values=base,
                )
            )
            base = base or values
    print("\ndiagnose() per round, CPU ms (median):")
    print("| respondents | " + " | ".join(f"{h} earlier rounds" for h in HISTORY) + " |")
    print("|---|" + "---|" * len(HISTORY))
    for respondents in RESPONDENTS:
        cells = " | ".join(f"{table[(respondents, h)]:.1f}" for h in HISTORY)
        print(f"| {respondents:,} | {cells} |")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=4_000, help="diagnoses per run of figure 1")
    parser.add_argument("--distinct", type=int, default=400, help="distinct synthetic rounds, cycled")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a small run: fewer rounds, runs and cells")
    parser.add_argument("--no-scaling", action="store_true", help="leave out the scaling table")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.distinct, args.runs = 400, 100, 3

    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    print(
        f"rule base {bundle.settings.version}: {len(bundle.rules)} rules in {len(bundle.engine.shard_keys)} "
        f"shards; questionnaire {q.ref}: {len(list(q.items()))} items"
    )
    pool = synthetic_rounds(bundle, args.distinct, 20, seed=1)
    previous = [score(bundle, q, r) for r in synthetic_rounds(bundle, args.distinct, 20, seed=2)]
    rss_after_run: list[float] = []

    def diagnose_all() -> None:
        for i in range(args.rounds):
            diagnose(bundle, q, pool[i % len(pool)], [previous[i % len(previous)]])
        rss_after_run.append(rss_mb())

    seconds = cpu_timed(diagnose_all, args.runs)
    figures = [
        figure(
            f"full diagnosis, rounds of 20 respondents with a previous round ({args.rounds:,} per run)",
            [args.rounds / s for s in seconds],
            unit="rounds/s",
        )
    ]
    figures += rules_only(bundle, round_facts_of(bundle, q, pool, previous), args.runs)
    growth = rss_after_run[-1] - rss_after_run[0]
    figures.append(
        figure(
            f"memory: RSS growth from the first to the last of {args.runs} × {args.rounds:,} diagnoses "
            f"(RSS {rss_after_run[-1]:.0f} MB, peak {peak_mb():.0f} MB)",
            [growth],
            unit="MB",
            target="flat",
        )
    )
    if not args.no_scaling:
        figures += scaling(bundle, q, args.quick)
    print()
    record("bench_engine", figures)


if __name__ == "__main__":
    main()
