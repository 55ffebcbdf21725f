"""Profile facts: what the respondents' answers to the profile items (sector, size, their role, ...)
say about the network, one fact per profile construct (scoring.score_round uses them)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from itertools import compress, repeat
from typing import Any

from diagnose.built import built
from diagnose.item_types import Facts
from diagnose.questionnaire import Item
from diagnose.responses import Response
from diagnose.scores import PRECISION, FactFields, ProfileFact

Summarise = Callable[[Item, list[Any], float], tuple[FactFields, int | None]]
# A profile construct, its item, and how the answers to it become its fact (PROFILE_FACTS)
ProfileItem = tuple[str, Item, Summarise]


def profile_facts(
    items: list[ProfileItem], responses: list[Response], agreement: float, network_profile: dict[str, Any]
) -> tuple[dict[str, ProfileFact], dict[str, int]]:
    """The round's profile facts, from its answers to the profile `items` (and for what nobody
    answered from the network's own profile), and per construct how many options were chosen."""
    facts: dict[str, ProfileFact] = {}
    chosen: dict[str, int] = {}
    dicts = [r.answers for r in responses]
    for construct, item, summarise in items:
        answers: list[Any] = list(map(dict.get, dicts, repeat(item.id)))
        if None in answers:
            answers = [a for a in answers if a is not None]
        if not answers:
            continue
        fields, count = summarise(item, answers, agreement)
        facts[construct] = _profile_fact(fields, given=_MEASURED.copy())
        if count is not None:
            chosen[construct] = count
    for construct, value in network_profile.items():
        if construct in facts or construct in chosen:
            continue
        if isinstance(value, list):
            chosen[construct] = len(value)
        facts[construct] = _profile_fact(
            {
                "value": None if isinstance(value, list) else value,
                "share": 1.0,
                "n": 0,
                "disagree": False,
                "counts": {},
                "from_network": True,
            }
        )
    return facts, chosen


def _profile_fact(fields: FactFields, given: set[str] | None = None) -> ProfileFact:
    if fields["value"].__class__ not in _FACT_VALUE_TYPES:
        return ProfileFact.model_validate(fields)  # an int becomes a float, as before
    fields.setdefault("from_network", False)
    return built(ProfileFact, fields, given)


_FACT_VALUE_TYPES = (str, float, type(None))
# the fields a fact measured from answers sets (its from_network is the default)
_MEASURED = {"value", "share", "n", "disagree", "counts"}


def _choice_fact(item: Item, answers: list[Any], agreement: float) -> tuple[FactFields, int | None]:
    """One option: the most common answer (the first option on a tie), disagreed below `agreement`."""
    options = item.option_values
    per_option = list(map(answers.count, options))
    if sum(per_option) == len(answers):  # every answer an option (a checked round)
        top = max(per_option)
        value: Any = options[per_option.index(top)]
        counts = dict(compress(zip(options, per_option, strict=True), per_option))  # the options chosen
    else:
        counted = Counter(answers)
        order = {v: i for i, v in enumerate(options)}
        value, top = max(counted.items(), key=lambda kv: (kv[1], -order.get(kv[0], 0)))
        counts = {o: counted[o] for o in options if counted[o]}
    share = round(top / len(answers), PRECISION)
    fact = {
        "value": value,
        "share": share,
        "n": len(answers),
        "disagree": len(answers) > 1 and share < agreement,
        "counts": counts,
    }
    return fact, None


def _choices_fact(item: Item, answers: list[Any], agreement: float) -> tuple[FactFields, int | None]:
    """A set of options: the counts, and how many options at least half the respondents chose."""
    counts = Counter(option for a in answers for option in a)
    chosen = sum(1 for c in counts.values() if c * 2 >= len(answers))
    fact = {
        "value": None,
        "share": 1.0,
        "n": len(answers),
        "disagree": False,
        "counts": {o: counts[o] for o in item.option_values if counts[o]},
    }
    return fact, chosen


def _number_fact(item: Item, answers: list[Any], agreement: float) -> tuple[FactFields, int | None]:
    """A number: the median answer."""
    fact = {
        "value": float(statistics.median(answers)),
        "share": 1.0,
        "n": len(answers),
        "disagree": False,
        "counts": {},
    }
    return fact, None


# How the answers to a profile item become its fact, by what the item type gives the rules.
PROFILE_FACTS: dict[Facts, Summarise] = {
    "choice": _choice_fact,
    "choices": _choices_fact,
    "number": _number_fact,
}
