"""Scoring written out in plain Python, answer by answer: the definition the vectorised scoring in
`diagnose.scoring` must agree with to the last bit (see test_scoring_parity.py)."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from diagnose.questionnaire import DONT_KNOW, ConstructCatalogue, Questionnaire
from diagnose.responses import Response, Round, role_of
from diagnose.scoring import PRECISION, band_of


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def sample_sd(values: list[float]) -> float:
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) * (v - m) for v in values) / (len(values) - 1))


def respondent_scores(q: Questionnaire, response: Response) -> tuple[dict[str, float], dict[str, float]]:
    per_construct: dict[str, list[float]] = {}
    items: dict[str, float] = {}
    for item_id, value in response.answers.items():
        item = q.item_by_id.get(item_id)
        if item is None or item.type != "scale" or value is None or value == DONT_KNOW:
            continue
        scored = float(6 - value if item.reverse else value)
        items[item_id] = scored
        per_construct.setdefault(item.construct_id, []).append(scored)
    return {c: round(mean(v), PRECISION) for c, v in per_construct.items()}, items


def reference_scores(
    q: Questionnaire,
    constructs: ConstructCatalogue,
    rnd: Round,
    strength: float,
    concern: float,
    minimum: int,
) -> dict[str, Any]:
    """Construct scores, item scores, respondent scores and role means as plain dicts."""
    per_respondent: list[dict[str, Any]] = []
    construct_values: dict[str, list[float]] = {}
    item_values: dict[str, list[float]] = {}
    dont_know: Counter[str] = Counter()
    members: dict[str, list[dict[str, float]]] = {}
    for response in rnd.responses:
        scores, items = respondent_scores(q, response)
        role = role_of(response, q)
        per_respondent.append({"role": role, "group": response.group, "scores": scores})
        if role:
            members.setdefault(role, []).append(scores)
        for cid, value in scores.items():
            construct_values.setdefault(cid, []).append(value)
        for iid, value in items.items():
            item_values.setdefault(iid, []).append(value)
        dont_know.update(iid for iid, v in response.answers.items() if v == DONT_KNOW)
    result = {}
    for cid, values in construct_values.items():
        average = round(mean(values), PRECISION)
        banded = cid in constructs.by_id and constructs.by_id[cid].kind == "score"
        result[cid] = {
            "mean": average,
            "sd": round(sample_sd(values), PRECISION) if len(values) > 1 else None,
            "n": len(values),
            "min": min(values),
            "max": max(values),
            "band": band_of(average, strength, concern) if banded else None,
            "below_minimum": len(values) < minimum,
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
            iid: {"mean": round(mean(v), PRECISION), "n": len(v), "dont_know": dont_know[iid]}
            for iid, v in item_values.items()
        },
        "respondent_scores": per_respondent,
        "by_role": by_role,
    }
