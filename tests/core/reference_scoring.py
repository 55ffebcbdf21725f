"""Scoring written out in plain Python, answer by answer: the definition the vectorised scoring in
`diagnose.scoring` must agree with to the last bit (see test_scoring_parity.py)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Any

from diagnose.bundle import Bundle
from diagnose.item_types import answer_error
from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, ConstructCatalogue, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Response, Round, role_of
from diagnose.scores import PRECISION, RoundScores
from diagnose.scoring import band_of


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def sample_sd(values: list[float]) -> float:
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) * (v - m) for v in values) / (len(values) - 1))


def scale_items(q: Questionnaire, construct: str) -> int:
    return sum(1 for item in q.items_by_construct[construct] if item.type == "scale")


def respondent_scores(
    q: Questionnaire, response: Response, min_items: int
) -> tuple[dict[str, float], dict[str, float]]:
    per_construct: dict[str, list[float]] = {}
    items: dict[str, float] = {}
    for item_id, value in response.answers.items():
        item = q.item_by_id.get(item_id)
        if item is None or item.type != "scale" or value is None or value in (DONT_KNOW, NOT_APPLICABLE):
            continue
        scored = float(6 - value if item.reverse else value)
        items[item_id] = scored
        per_construct.setdefault(item.construct_id, []).append(scored)
    return {
        c: round(mean(v), PRECISION)
        for c, v in per_construct.items()
        if len(v) >= min(min_items, scale_items(q, c))
    }, items


def reference_scores_of(bundle: Bundle, q: Questionnaire, rnd: Round) -> dict[str, Any]:
    """reference_scores with the rule base's scoring settings."""
    s = bundle.settings
    return reference_scores(
        q,
        bundle.constructs,
        rnd,
        s.thresholds["strength"],
        s.thresholds["concern"],
        s.anonymity_minimum,
        s.min_items_per_respondent,
        s.min_items_for_band,
    )


def reference_scores(
    q: Questionnaire,
    constructs: ConstructCatalogue,
    rnd: Round,
    strength: float,
    concern: float,
    minimum: int,
    min_items: int,
    band_items: int,
) -> dict[str, Any]:
    """Construct scores, item scores, respondent scores, role means and "weet ik niet" shares."""
    per_respondent: list[dict[str, Any]] = []
    construct_values: dict[str, list[float]] = {}
    item_values: dict[str, list[float]] = {}
    dont_know: Counter[str] = Counter()
    not_applicable: Counter[str] = Counter()
    members: dict[str, list[dict[str, float]]] = {}
    for response in rnd.responses:
        scores, items = respondent_scores(q, response, min_items)
        role = role_of(response, q)
        per_respondent.append({"role": role, "group": response.group, "scores": scores})
        if role:
            members.setdefault(role, []).append(scores)
        for cid, value in scores.items():
            construct_values.setdefault(cid, []).append(value)
        for iid, value in items.items():
            item_values.setdefault(iid, []).append(value)
        dont_know.update(iid for iid, v in response.answers.items() if v == DONT_KNOW)
        not_applicable.update(iid for iid, v in response.answers.items() if v == NOT_APPLICABLE)
    result = {}
    for cid, values in construct_values.items():
        average = round(mean(values), PRECISION)
        count = scale_items(q, cid)
        signal = cid in constructs.by_id and constructs.by_id[cid].kind == "score" and count < band_items
        banded = cid in constructs.by_id and constructs.by_id[cid].kind == "score" and not signal
        result[cid] = {
            "mean": average,
            "sd": round(sample_sd(values), PRECISION) if len(values) > 1 else None,
            "n": len(values),
            "min": min(values),
            "max": max(values),
            "band": band_of(average, strength, concern) if banded else None,
            "below_minimum": len(values) < minimum,
            "signal": signal,
            "items": count,
        }
    by_role: dict[str, dict[str, float]] = {}
    for role in sorted(members):
        means = {}
        for cid in sorted({c for scores in members[role] for c in scores}):
            values = [scores[cid] for scores in members[role] if cid in scores]
            if len(values) >= minimum:
                means[cid] = round(mean(values), PRECISION)
        if means:
            by_role[role] = means
    return {
        "constructs": result,
        "items": {
            iid: {
                "mean": round(mean(v), PRECISION),
                "n": len(v),
                "dont_know": dont_know[iid],
                "not_applicable": not_applicable[iid],
            }
            for iid, v in item_values.items()
        },
        "unknown": unknown_shares(q, rnd),
        "respondent_scores": per_respondent,
        "by_role": by_role,
    }


def unknown_shares(q: Questionnaire, rnd: Round) -> dict[str, dict[str, Any]]:
    """Per construct: "weet ik niet" among the scored and "weet ik niet" answers on its items, and
    how many respondents gave it; only constructs where someone did."""
    dk: Counter[str] = Counter()
    applies: Counter[str] = Counter()
    who: Counter[str] = Counter()
    for response in rnd.responses:
        said: set[str] = set()
        for item_id, value in response.answers.items():
            item = q.item_by_id.get(item_id)
            if item is None or item.type != "scale":
                continue
            if value == DONT_KNOW:
                dk[item.construct_id] += 1
                said.add(item.construct_id)
            if value == DONT_KNOW or isinstance(value, int):
                applies[item.construct_id] += 1
        who.update(said)
    order = list(q.items_by_construct)
    return {
        c: {"share": round(dk[c] / applies[c], PRECISION), "respondents": who[c]}
        for c in sorted(dk, key=order.index)
    }


def reference_profile(
    q: Questionnaire, rnd: Round, agreement: float, network_profile: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Profile facts answer by answer: a choice's most common answer (the first option on a tie),
    a set of choices' counts and how many options at least half chose, a number's median; then
    what the network's profile says of the facts nobody answered."""
    facts: dict[str, dict[str, Any]] = {}
    chosen: dict[str, int] = {}
    for construct, items in q.items_by_construct.items():
        item = items[0]
        answers = [r.answers[item.id] for r in rnd.responses if r.answers.get(item.id) is not None]
        if not answers or item.type not in ("single", "multi", "number"):
            continue
        fact: dict[str, Any] = {
            "value": None,
            "share": 1.0,
            "n": len(answers),
            "disagree": False,
            "counts": {},
        }
        if item.type == "single":
            counts = Counter(answers)
            best = max(counts[o] for o in item.option_values)
            fact["value"] = next(o for o in item.option_values if counts[o] == best)
            fact["share"] = round(best / len(answers), PRECISION)
            fact["disagree"] = len(answers) > 1 and fact["share"] < agreement
            fact["counts"] = {o: counts[o] for o in item.option_values if counts[o]}
        elif item.type == "multi":
            counts = Counter(o for a in answers for o in a)
            fact["counts"] = {o: counts[o] for o in item.option_values if counts[o]}
            chosen[construct] = sum(1 for c in counts.values() if c * 2 >= len(answers))
        else:
            fact["value"] = float(statistics.median(answers))
        facts[construct] = fact
    for construct, value in network_profile.items():
        if construct not in facts and construct not in chosen:
            if isinstance(value, list):
                chosen[construct] = len(value)
            facts[construct] = {
                "value": None if isinstance(value, list) else value,
                "share": 1.0,
                "n": 0,
                "disagree": False,
                "counts": {},
                "from_network": True,
            }
    return facts, chosen


def reference_facts(scores: RoundScores, previous: RoundScores | None, minimum: int) -> dict[str, Any]:
    """The facts the rules see, written out one by one (diagnose.rule_facts.round_facts)."""
    facts: dict[str, Any] = {
        "round.respondents": float(scores.respondents),
        "round.roles": float(len(scores.roles)),
    }
    for cid, u in scores.unknown.items():
        if scores.group_only or u.respondents >= minimum:
            facts[f"unknown.{cid}"] = u.share
    for cid, s in scores.constructs.items():
        if s.signal:
            facts[f"signal.{cid}"] = s.mean
            continue
        facts[f"score.{cid}"] = s.mean
        facts[f"n.{cid}"] = float(s.n)
        facts[f"min.{cid}"] = s.min
        facts[f"max.{cid}"] = s.max
        if s.sd is not None:
            facts[f"sd.{cid}"] = s.sd
        if s.band is not None:
            facts[f"band.{cid}"] = s.band
        before = previous.constructs.get(cid) if previous is not None else None
        if before is not None and not before.signal:
            facts[f"previous.{cid}"] = before.mean
            facts[f"change.{cid}"] = round(s.mean - before.mean, PRECISION)
        values = [means[cid] for means in scores.by_role.values() if cid in means]
        if len(values) > 1:
            facts[f"role_gap.{cid}"] = round(max(values) - min(values), PRECISION)
    for iid, item in scores.items.items():
        facts[f"item.{iid}"] = item.mean
    for fact, p in scores.profile.items():
        if p.value is not None:
            facts[f"profile.{fact}"] = p.value
        facts[f"disagree.{fact}"] = p.disagree
    for fact, count in scores.chosen_counts.items():
        facts[f"count.{fact}"] = float(count)
    return facts


def reference_problems(q: Questionnaire, rnd: Round, file: str) -> list[Problem]:
    """check_round answer by answer: every problem, in the order of the responses and answers."""
    problems: list[Problem] = []
    if not rnd.responses:
        problems.append(Problem("no-responses", file=file, id="round"))
    seen: set[str] = set()
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values if role_item else []
    for response in rnd.responses:
        who = response.respondent
        if who in seen:
            problems.append(
                Problem("duplicate-respondent", file=file, id=who, field="respondent", params={"key": who})
            )
        seen.add(who)
        if response.role is not None and roles and response.role not in roles:
            params = {
                "key": response.role,
                "suggestion": did_you_mean(response.role, roles),
                "allowed": ", ".join(roles),
            }
            problems.append(Problem("unknown-role", file=file, id=who, field="role", params=params))
        for item_id, value in response.answers.items():
            item = q.item_by_id.get(item_id)
            if item is None:
                params = {
                    "key": item_id,
                    "suggestion": did_you_mean(item_id, q.item_by_id),
                    "questionnaire": q.ref,
                }
                problems.append(Problem("unknown-item", file=file, id=who, field=item_id, params=params))
                continue
            error = answer_error(q, item, value)
            if error:
                text = repr(value)
                params = {
                    "value": text if len(text) <= 60 else text[:57] + "...",
                    "detail": error.what,
                    "fix": error.fix,
                }
                problems.append(Problem("answer-value", file=file, id=who, field=item_id, params=params))
    return problems
