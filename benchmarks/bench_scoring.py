"""Scoring a round from its answers: what a first re-diagnosis adds to every round (#16).

    .venv/bin/python benchmarks/bench_scoring.py                  # 2,000 rounds, 5 runs
    .venv/bin/python benchmarks/bench_scoring.py --rounds 500 --runs 3

The rounds are bench_store.py's (networks with rounds twice a year, 8-20 respondents, every item
answered), made in this process without a database. Three figures, CPU per round:

- `diagnosis.check_and_score`: check_round, then score_round (the answer matrix, construct,
  item, role and profile scores, the RoundScores); against the same scores written out answer by
  answer (tests/core/reference_scoring.py, the definition the test suite holds the scoring to);
- `diagnosis.check_and_score_many` over 250 rounds at a time, as a first re-diagnosis scores a
  batch (the rounds' arithmetic 16 at a time); against check_and_score one round at a time;
- `rule_facts.round_facts`: the facts the rules see, in every run, first and later; against the same
  facts written out one by one.

Measured as a re-diagnosis worker runs (collector.frozen_and_paused: no automatic collection).
Before/after a change: run this script on both checkouts, alternating, and compare the medians.
Figures go to test-output/bench/bench_scoring.json (see figures.py).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import generate_plan
from figures import cpu_timed, figure, record

from diagnose import collector, load_bundle
from diagnose.diagnosis import check_and_score, check_and_score_many
from diagnose.responses import Network, Response, Round
from diagnose.rule_facts import round_facts
from tests.core.reference_scoring import reference_facts, reference_profile, reference_scores_of


def plan_rounds(bundle: Any, rounds: int) -> list[tuple[Any, Round, Network]]:
    """bench_store's plan as the store hands it to the core (model_construct, as _core_round)."""
    q = bundle.questionnaire("netwerkscan")
    plan = generate_plan(q, rounds, max(1, rounds * 35 // 1000), 7)
    made = []
    for net in plan.networks:
        network = Network(name=net.name, profile=net.profile or {})
        for rnd in net.rounds:
            responses = [
                Response.model_construct(
                    respondent=r.respondent, role=r.role, group=r.group, answers=r.answers
                )
                for r in rnd.responses
            ]
            made.append(
                (
                    rnd.questionnaire,
                    Round.model_construct(label=rnd.label, date=rnd.date, responses=responses),
                    network,
                )
            )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    quick = bool(os.environ.get("BENCH_QUICK"))
    parser.add_argument("--rounds", type=int, default=500 if quick else 2000)
    parser.add_argument("--runs", type=int, default=3 if quick else 5)
    args = parser.parse_args()
    bundle = load_bundle()
    s = bundle.settings
    rounds = plan_rounds(bundle, args.rounds)
    count = len(rounds)

    def scored() -> list[Any]:
        return [check_and_score(bundle, q, rnd, network=network)[0] for q, rnd, network in rounds]

    batch = [(q, rnd, network, "") for q, rnd, network in rounds]

    def together() -> list[Any]:
        """As a first re-diagnosis checks and scores a batch of ~250 rounds read together."""
        return [check_and_score_many(bundle, batch[i : i + 250]) for i in range(0, count, 250)]

    def written_out() -> None:
        for q, rnd, network in rounds:
            reference_scores_of(bundle, q, rnd)
            reference_profile(q, rnd, s.profile_agreement, network.profile)

    with collector.frozen_and_paused():
        scores = scored()
        pairs = list(zip(scores, [None, *scores[:-1]], strict=True))
        per_round = 1000 / count  # seconds of all rounds → ms per round
        score_runs = cpu_timed(scored, args.runs, warmup=0)
        gc.collect(1)
        together_runs = cpu_timed(together, args.runs)
        gc.collect(1)
        plain_runs = cpu_timed(written_out, args.runs, warmup=0)
        gc.collect(1)
        facts_runs = cpu_timed(
            lambda: [round_facts(a, b, anonymity_minimum=s.anonymity_minimum) for a, b in pairs], args.runs
        )
        plain_facts_runs = cpu_timed(
            lambda: [reference_facts(a, b, s.anonymity_minimum) for a, b in pairs], args.runs
        )
    record(
        "bench_scoring",
        [
            figure(
                f"check and score one round from its answers ({count} bench_store rounds), CPU per round",
                [v * per_round for v in score_runs],
                unit="ms",
                baseline="the same scores written out answer by answer",
                baseline_values=[v * per_round for v in plain_runs],
                target="≤ 0.35 ms",
            ),
            figure(
                "check and score the same rounds 250 at a time, as a first re-diagnosis does "
                "(check_and_score_many), CPU per round",
                [v * per_round for v in together_runs],
                unit="ms",
                baseline="check_and_score one round at a time",
                baseline_values=[v * per_round for v in score_runs],
                target="≤ 0.35 ms",
            ),
            figure(
                "the facts the rules see from a round's scores (round_facts), CPU per round",
                [v * per_round for v in facts_runs],
                unit="ms",
                baseline="the same facts written out one by one",
                baseline_values=[v * per_round for v in plain_facts_runs],
            ),
        ],
    )


if __name__ == "__main__":
    main()
