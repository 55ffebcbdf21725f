"""Scoring: answers in, construct scores and profile facts out, per respondent and per round."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel

from diagnose.questionnaire import DONT_KNOW, ConstructCatalogue, Questionnaire
from diagnose.responses import Response, Round, role_of

Band = Literal["strength", "attention", "concern"]
PRECISION = 4  # facts are rounded so that 3.0 is 3.0 and not 2.9999999999999996


class ConstructScore(BaseModel):
    mean: float
    sd: float | None
    n: int
    min: float
    max: float
    band: Band | None
    below_minimum: bool


class ItemScore(BaseModel):
    mean: float
    n: int
    dont_know: int


class ProfileFact(BaseModel):
    value: str | float | None
    share: float
    n: int
    disagree: bool
    counts: dict[str, int]
    from_network: bool = False


class RespondentScores(BaseModel):
    role: str | None
    group: bool
    scores: dict[str, float]


class RoundScores(BaseModel):
    label: str
    date: str | None
    respondents: int
    group_only: bool
    roles: dict[str, int]
    constructs: dict[str, ConstructScore]
    items: dict[str, ItemScore]
    profile: dict[str, ProfileFact]
    chosen_counts: dict[str, int]
    respondent_scores: list[RespondentScores]
    by_role: dict[str, dict[str, float]] = {}


def band_of(mean: float, strength: float, concern: float) -> Band:
    if mean >= strength:
        return "strength"
    if mean < concern:
        return "concern"
    return "attention"


def item_value(q: Questionnaire, item_id: str, value: Any) -> float | None:
    """The scored value of a scale answer (reverse-scored where the item says so); None if not scored."""
    item = q.item_by_id[item_id]
    if item.type != "scale" or value is None or value == DONT_KNOW:
        return None
    return float(6 - value if item.reverse else value)


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def sample_sd(values: list[float]) -> float:
    # plain floats: statistics.stdev computes with exact fractions, ten times slower, and every
    # result is rounded to PRECISION anyway
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def respondent_scores(q: Questionnaire, response: Response) -> tuple[dict[str, float], dict[str, float]]:
    """(construct means, item values) for one respondent; constructs with only 'don't know' are absent."""
    index = q.scale_index
    per_construct: dict[str, list[float]] = {}
    items: dict[str, float] = {}
    for item_id, value in response.answers.items():
        scale = index.get(item_id)
        if scale is None or value is None or value == DONT_KNOW:
            continue
        construct, reverse = scale
        scored = float(6 - value if reverse else value)
        items[item_id] = scored
        per_construct.setdefault(construct, []).append(scored)
    return {c: round(mean(v), PRECISION) for c, v in per_construct.items()}, items


def score_round(
    q: Questionnaire,
    constructs: ConstructCatalogue,
    rnd: Round,
    *,
    strength: float,
    concern: float,
    anonymity_minimum: int,
    profile_agreement: float,
    network_profile: dict[str, Any] | None = None,
) -> RoundScores:
    per_respondent: list[RespondentScores] = []
    construct_values: dict[str, list[float]] = {}
    item_values: dict[str, list[float]] = {}
    dont_know: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for response in rnd.responses:
        scores, items = respondent_scores(q, response)
        role = role_of(response, q)
        if role:
            roles[role] += 1
        per_respondent.append(
            RespondentScores.model_construct(role=role, group=response.group, scores=scores)
        )
        for cid, value in scores.items():
            construct_values.setdefault(cid, []).append(value)
        for iid, value in items.items():
            item_values.setdefault(iid, []).append(value)
        dont_know.update(iid for iid, v in response.answers.items() if v == DONT_KNOW)

    result: dict[str, ConstructScore] = {}
    for cid in sorted(construct_values, key=_construct_order(constructs)):
        values = construct_values[cid]
        average = round(mean(values), PRECISION)
        banded = constructs.by_id[cid].kind == "score" if cid in constructs.by_id else False
        # model_construct: these values are computed here, validating them again costs a third of scoring
        result[cid] = ConstructScore.model_construct(
            mean=average,
            sd=round(sample_sd(values), PRECISION) if len(values) > 1 else None,
            n=len(values),
            min=min(values),
            max=max(values),
            band=band_of(average, strength, concern) if banded else None,
            below_minimum=len(values) < anonymity_minimum,
        )
    item_scores = {
        iid: ItemScore.model_construct(mean=round(mean(v), PRECISION), n=len(v), dont_know=dont_know[iid])
        for iid, v in item_values.items()
    }
    profile, chosen = _profile(q, rnd, profile_agreement, network_profile or {})
    return RoundScores(
        label=rnd.label,
        date=rnd.date.isoformat() if rnd.date else None,
        respondents=len(rnd.responses),
        group_only=bool(rnd.responses) and all(r.group for r in rnd.responses),
        roles=dict(sorted(roles.items())),
        constructs=result,
        items=item_scores,
        profile=profile,
        chosen_counts=chosen,
        respondent_scores=per_respondent,
        by_role=role_means(per_respondent, roles, anonymity_minimum),
    )


def role_means(
    respondents: list[RespondentScores], roles: Counter[str], minimum: int
) -> dict[str, dict[str, float]]:
    """Mean construct scores per respondent role, only where the role has enough respondents."""
    result: dict[str, dict[str, float]] = {}
    for role in sorted(roles):
        members = [r for r in respondents if r.role == role]
        means = {}
        for cid in sorted({c for r in members for c in r.scores}):
            values = [r.scores[cid] for r in members if cid in r.scores]
            if len(values) >= minimum:
                means[cid] = round(mean(values), PRECISION)
        if means:
            result[role] = means
    return result


def _construct_order(constructs: ConstructCatalogue) -> Any:
    order = {c.id: index for index, c in enumerate(constructs.constructs)}
    return lambda cid: (order.get(cid, len(order)), cid)


def _profile(
    q: Questionnaire, rnd: Round, agreement: float, network_profile: dict[str, Any]
) -> tuple[dict[str, ProfileFact], dict[str, int]]:
    facts: dict[str, ProfileFact] = {}
    chosen: dict[str, int] = {}
    for construct, items in q.items_by_construct.items():
        item = items[0]
        if item.type not in ("single", "multi", "number"):
            continue
        answers: list[Any] = [r.answers[item.id] for r in rnd.responses if r.answers.get(item.id) is not None]
        if not answers:
            continue
        if item.type == "multi":
            counts = Counter(option for a in answers for option in a)
            chosen[construct] = sum(1 for c in counts.values() if c * 2 >= len(answers))
            facts[construct] = ProfileFact(
                value=None,
                share=1.0,
                n=len(answers),
                disagree=False,
                counts={o: counts[o] for o in item.option_values if counts[o]},
            )
        elif item.type == "number":
            facts[construct] = ProfileFact(
                value=float(statistics.median(answers)), share=1.0, n=len(answers), disagree=False, counts={}
            )
        else:
            counts = Counter(answers)
            order = {v: i for i, v in enumerate(item.option_values)}
            value, top = max(counts.items(), key=lambda kv: (kv[1], -order.get(kv[0], 0)))
            share = round(top / len(answers), PRECISION)
            facts[construct] = ProfileFact(
                value=value,
                share=share,
                n=len(answers),
                disagree=len(answers) > 1 and share < agreement,
                counts={o: counts[o] for o in item.option_values if counts[o]},
            )
    for construct, value in network_profile.items():
        if construct in facts or construct in chosen:
            continue
        if isinstance(value, list):
            chosen[construct] = len(value)
            facts[construct] = ProfileFact(
                value=None, share=1.0, n=0, disagree=False, counts={}, from_network=True
            )
        else:
            facts[construct] = ProfileFact(
                value=value, share=1.0, n=0, disagree=False, counts={}, from_network=True
            )
    return facts, chosen


def round_facts(scores: RoundScores, previous: RoundScores | None) -> dict[str, Any]:
    """The facts the rules see, keyed by path (score.lnc4_trust, profile.overlap, ...)."""
    facts: dict[str, Any] = {
        "round.respondents": float(scores.respondents),
        "round.roles": float(len(scores.roles)),
    }
    for cid, s in scores.constructs.items():
        facts[f"score.{cid}"] = s.mean
        facts[f"n.{cid}"] = float(s.n)
        facts[f"min.{cid}"] = s.min
        facts[f"max.{cid}"] = s.max
        if s.sd is not None:
            facts[f"sd.{cid}"] = s.sd
        if s.band is not None:
            facts[f"band.{cid}"] = s.band
        if previous is not None and cid in previous.constructs:
            before = previous.constructs[cid].mean
            facts[f"previous.{cid}"] = before
            facts[f"change.{cid}"] = round(s.mean - before, PRECISION)
        role_values = [means[cid] for means in scores.by_role.values() if cid in means]
        if len(role_values) > 1:
            facts[f"role_gap.{cid}"] = round(max(role_values) - min(role_values), PRECISION)
    for iid, item in scores.items.items():
        facts[f"item.{iid}"] = item.mean
    for fact, p in scores.profile.items():
        if p.value is not None:
            facts[f"profile.{fact}"] = p.value
        facts[f"disagree.{fact}"] = p.disagree
    for fact, count in scores.chosen_counts.items():
        facts[f"count.{fact}"] = float(count)
    return facts
