"""The facts the rules see, made from a round's scores and its previous round's."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from diagnose.scores import PRECISION, RoundScores

_CONSTRUCT_FACTS = ("signal", "score", "n", "min", "max", "sd", "band", "previous", "change", "role_gap")
_CONSTRUCT_KEYS: dict[str, tuple[str, ...]] = {}
_MOST_KEYS = 10_000  # construct ids kept (a few dozen in any rule base)
# The keys of a round's items (by the tuple of its item ids: one per questionnaire version, in
# practice) and of its profile facts: made once, not a new string per fact and round
_ITEM_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}
_PROFILE_KEYS: dict[str, tuple[str, str]] = {}
_MOST_ITEM_KEYS = 100
# A count as a float: the same float object for the counts a round has, not a new one per fact
_AS_FLOAT = tuple(float(count) for count in range(1_000))
_MEAN = attrgetter("mean")
_CONSTRUCT_VALUES = attrgetter("signal", "mean", "n", "min", "max", "sd", "band")


def round_facts(
    scores: RoundScores, previous: RoundScores | None, *, anonymity_minimum: int
) -> dict[str, Any]:
    """The facts the rules see, keyed by path (score.lnc4_trust, profile.overlap, ...). `previous`
    is in this round's construct ids (diagnose.comparability). A signal (too few items for a band)
    is signal.C only: no score, band, spread or change. unknown.C, the share of "weet ik niet", is
    given once at least `anonymity_minimum` respondents gave such an answer on C (or for a round
    of group answers), so that it never points at one person."""
    facts: dict[str, Any] = {
        "round.respondents": float(scores.respondents),
        "round.roles": float(len(scores.roles)),
    }
    for cid, u in scores.unknown.items():
        if scores.group_only or u.respondents >= anonymity_minimum:
            facts["unknown." + cid] = u.share
    before_constructs = previous.constructs if previous is not None else {}
    # a gap between roles needs two roles with enough respondents
    role_means = list(scores.by_role.values()) if len(scores.by_role) > 1 else []
    for cid, s in scores.constructs.items():
        keys = _CONSTRUCT_KEYS.get(cid)
        if keys is None:
            if len(_CONSTRUCT_KEYS) >= _MOST_KEYS:
                _CONSTRUCT_KEYS.clear()
            keys = _CONSTRUCT_KEYS[cid] = tuple(f"{namespace}.{cid}" for namespace in _CONSTRUCT_FACTS)
        signal, mean, n, low, high, sd, band = _CONSTRUCT_VALUES(s)
        if signal:
            facts[keys[0]] = mean
            continue
        facts[keys[1]] = mean
        facts[keys[2]] = _AS_FLOAT[n] if 0 <= n < 1_000 else float(n)
        facts[keys[3]] = low
        facts[keys[4]] = high
        if sd is not None:
            facts[keys[5]] = sd
        if band is not None:
            facts[keys[6]] = band
        before_score = before_constructs.get(cid)
        if before_score is not None and not before_score.signal:
            before = before_score.mean
            facts[keys[7]] = before
            facts[keys[8]] = round(mean - before, PRECISION)
        if role_means:
            role_values = [means[cid] for means in role_means if cid in means]
            if len(role_values) > 1:
                facts[keys[9]] = round(max(role_values) - min(role_values), PRECISION)
    items = scores.items
    ids = tuple(items)
    item_keys = _ITEM_KEYS.get(ids)
    if item_keys is None:
        if len(_ITEM_KEYS) >= _MOST_ITEM_KEYS:
            _ITEM_KEYS.clear()
        item_keys = _ITEM_KEYS[ids] = tuple(map("item.".__add__, ids))
    facts.update(zip(item_keys, map(_MEAN, items.values()), strict=True))
    for fact, p in scores.profile.items():
        profile_keys = _PROFILE_KEYS.get(fact)
        if profile_keys is None:
            if len(_PROFILE_KEYS) >= _MOST_KEYS:
                _PROFILE_KEYS.clear()
            profile_keys = _PROFILE_KEYS[fact] = ("profile." + fact, "disagree." + fact)
        if p.value is not None:
            facts[profile_keys[0]] = p.value
        facts[profile_keys[1]] = p.disagree
    for fact, count in scores.chosen_counts.items():
        facts["count." + fact] = float(count)
    return facts
