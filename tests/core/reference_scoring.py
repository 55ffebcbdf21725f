"""Scoring written out in plain Python, answer by answer: the definition the vectorised scoring in
`diagnose.scoring` must agree with to the last bit (see test_scoring_parity.py)."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, ConstructCatalogue, Questionnaire
from diagnose.responses import Response, Round, role_of
from diagnose.scoring import PRECISION, band_of


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
