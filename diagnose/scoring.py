"""Scoring: answers in, construct scores and profile facts out, per respondent and per round."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel

from diagnose.built import built
from diagnose.item_types import item_type
from diagnose.profile_facts import PROFILE_FACTS, ProfileItem, profile_facts
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, ConstructCatalogue, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Response, Round, plain_valid_answers
from diagnose.score_numbers import DONT_KNOW_CODE, NOT_APPLICABLE_CODE, RoundNumbers, round_to_precision
from diagnose.scores import (
    Band,
    ConstructScore,
    ItemScore,
    Reference,
    RespondentScores,
    RoundScores,
    Unknown,
)


def band_of(mean: float, strength: float, concern: float) -> Band:
    if mean >= strength:
        return "strength"
    if mean < concern:
        return "concern"
    return "attention"


class ScaleLayout:
    """What scoring and checking need of a questionnaire, made once (Questionnaire.scale_layout):
    the scale items as matrix columns, so that answers become a respondents × items matrix and
    construct scores one matrix product instead of a Python loop over every answer; the profile
    items with how each is summarised; and the answers check_round accepts without a closer look."""

    def __init__(self, q: Questionnaire):
        index = q.scale_index
        self.item_ids = list(index)
        self.construct_ids = list(dict.fromkeys(construct for construct, _ in index.values()))
        self.reverse = np.array([reverse for _, reverse in index.values()], dtype=bool)
        column = {cid: j for j, cid in enumerate(self.construct_ids)}
        self.membership = np.zeros((len(self.item_ids), len(self.construct_ids)))
        for i, (construct, _) in enumerate(index.values()):
            self.membership[i, column[construct]] = 1.0
        self.items_per_construct = self.membership.sum(axis=0)
        # a respondent's construct mean from the whole sum and number of its scored items
        most = int(self.items_per_construct.max(initial=0))
        total, count = np.meshgrid(np.arange(5 * most + 1.0), np.arange(most + 1.0), indexing="ij")
        self.mean_table = round_to_precision(
            np.divide(total, count, out=np.zeros_like(total), where=count > 0)
        )
        self.alphabetical = sorted(range(len(self.construct_ids)), key=self.construct_ids.__getitem__)
        role_item = q.fact_item(ROLE_CONSTRUCT)
        self.role_item = role_item.id if role_item else None
        self.profile_items: list[ProfileItem] = [
            (construct, items[0], summarise)
            for construct, items in q.items_by_construct.items()
            if (summarise := PROFILE_FACTS.get(item_type(items[0]).facts)) is not None
        ]
        self.valid_answers = plain_valid_answers(q)
        self._columns: list[tuple[ConstructCatalogue, tuple[type, int], list[_Column]]] = []

    def columns(self, constructs: ConstructCatalogue, min_items_for_band: int) -> list[_Column]:
        """The construct columns in the catalogue's order: (column, construct, its scale items,
        signal, banded); a score construct measured by fewer than `min_items_for_band` items is a
        signal, without a band. Kept for the last few catalogues and settings."""
        key = (min_items_for_band.__class__, min_items_for_band)
        for known, known_key, columns in self._columns:
            if known is constructs and known_key == key:
                return columns
        order = _construct_order(constructs)
        columns = []
        for j, cid in sorted(enumerate(self.construct_ids), key=lambda jc: order(jc[1])):
            items = int(self.items_per_construct[j])
            is_score = constructs.by_id[cid].kind == "score" if cid in constructs.by_id else False
            signal = is_score and items < min_items_for_band
            columns.append((j, cid, items, signal, is_score and not signal))
        self._columns = [*self._columns[-3:], (constructs, key, columns)]
        return columns


_Column = tuple[int, str, int, bool, bool]


def required_items(items: int, min_items_per_respondent: int) -> int:
    """The answered items a respondent's construct score needs: the ruleset's minimum, or every
    item when the questionnaire asks fewer (a one-item signal takes its one answer)."""
    return min(items, min_items_per_respondent)


_CODES: dict[Any, float] = {DONT_KNOW: DONT_KNOW_CODE, NOT_APPLICABLE: NOT_APPLICABLE_CODE}
_NUMBER = (int, float)
# The common answers and their matrix entries, looked up in one pass: only for answers of these
# types (as dict keys 1, 1.0 and True are one key; a bool is not a number here, see answer_matrix)
_PLAIN_ENTRY: dict[Any, float] = {None: math.nan, **_CODES, 1: 1.0, 2: 2.0, 3: 3.0, 4: 4.0, 5: 5.0}
_PLAIN_TYPES = frozenset({int, float, str, type(None)})


def answer_matrix(
    layout: ScaleLayout, responses: list[Response], *, checked: bool = False
) -> tuple[np.ndarray, bool]:
    """Respondents × scale items: the raw answer, a negative code for "weet ik niet" or "niet van
    toepassing", or NaN when not answered; and whether every answer is a point 1..5, a code or
    none (so that sums of scored answers are whole numbers). `checked`: every answer is known to
    be one of those, as an int, str or None (responses.checked_round), so they are read in one pass."""
    ids = layout.item_ids
    shape = (len(responses), len(ids))
    answers = chain.from_iterable([map(r.answers.get, ids) for r in responses])
    if checked:
        return np.fromiter(
            map(_PLAIN_ENTRY.__getitem__, answers), dtype=float, count=shape[0] * shape[1]
        ).reshape(shape), True
    raw = list(answers)
    if set(map(type, raw)) <= _PLAIN_TYPES:
        with contextlib.suppress(KeyError):  # a number outside 1..5, another word: one by one
            entries = np.fromiter(map(_PLAIN_ENTRY.__getitem__, raw), dtype=float, count=len(raw))
            return entries.reshape(shape), True
    nan = math.nan
    codes = _CODES  # any other value (a list, a word) reads as NaN
    values = [v if v.__class__ in _NUMBER else codes.get(v, nan) for v in raw]
    return np.array(values, dtype=float).reshape(shape), False


_M = TypeVar("_M", bound=BaseModel)


def _trusted(cls: type[_M], fields: dict[str, Any], given: set[str] | None = None) -> _M:
    """The model model_validate would build from `fields`, made without checking them again
    (diagnose.built): every value already has its field's type, and `fields` holds every field in
    the model's order (`given`: the ones set, when a default is among them). A test
    (test_scoring_parity) compares what this builds with what validation builds."""
    return built(cls, fields, given)


# The fields set of every model of these classes built here: all of them (shared: see diagnose.built)
_CONSTRUCT_FIELDS = set(ConstructScore.model_fields)
_ITEM_FIELDS = set(ItemScore.model_fields)
_UNKNOWN_FIELDS = set(Unknown.model_fields)
_RESPONDENT_FIELDS = set(RespondentScores.model_fields)


def score_round(
    q: Questionnaire,
    constructs: ConstructCatalogue,
    rnd: Round,
    *,
    strength: float,
    concern: float,
    anonymity_minimum: int,
    profile_agreement: float,
    min_items_per_respondent: int,
    min_items_for_band: int,
    network_profile: dict[str, Any] | None = None,
    checked: bool = False,
) -> RoundScores:
    """The round's scores. `checked`: responses.checked_round found every answer plain (see
    answer_matrix); anything else is read answer by answer."""
    return score_rounds(
        q,
        constructs,
        [rnd],
        Settings(
            strength,
            concern,
            anonymity_minimum,
            profile_agreement,
            min_items_per_respondent,
            min_items_for_band,
        ),
        network_profiles=[network_profile],
        checked=[checked],
    )[0]


@dataclass(frozen=True)
class Settings:
    """The scoring settings of a rule base (diagnosis.score passes them)."""

    strength: float
    concern: float
    anonymity_minimum: int
    profile_agreement: float
    min_items_per_respondent: int
    min_items_for_band: int


def score_rounds(
    q: Questionnaire,
    constructs: ConstructCatalogue,
    rounds: Sequence[Round],
    settings: Settings,
    *,
    network_profiles: Sequence[dict[str, Any] | None],
    checked: Sequence[bool],
) -> list[RoundScores]:
    """score_round of several rounds of one questionnaire, each the scores score_round makes of it
    alone: the arithmetic of the rounds whose answers are all plain (answer_matrix) is done over
    all their respondents at once, since each of its ~60 numpy calls costs ~1 µs whatever its
    size (a first re-diagnosis scores every round); a round with another answer alone, as before."""
    layout: ScaleLayout = q.scale_layout
    read = [
        answer_matrix(layout, rnd.responses, checked=is_checked)
        for rnd, is_checked in zip(rounds, checked, strict=True)
    ]
    together = [i for i, (_, plain) in enumerate(read) if plain]
    batches = [together[start : start + _TOGETHER] for start in range(0, len(together), _TOGETHER)]
    batches += [[i] for i, (_, plain) in enumerate(read) if not plain]
    result: list[RoundScores | None] = [None] * len(rounds)
    for batch in batches:
        roles = [_roles(layout, rounds[i].responses) for i in batch]
        numbers = RoundNumbers(
            layout,
            [read[i][0] for i in batch],
            read[batch[0]][1],
            [rows_of for _, _, rows_of in roles],
            min_items_per_respondent=settings.min_items_per_respondent,
            anonymity_minimum=settings.anonymity_minimum,
        )
        for k, i in enumerate(batch):
            result[i] = _round_scores(
                q, constructs, numbers, k, rounds[i], roles[k], settings, network_profiles[i]
            )
    return [scores for scores in result if scores is not None]


# Rounds scored together: enough to share numpy's cost per call, few enough that the arrays stay
# in the processor's cache (250 rounds at once were slower than one round at a time)
_TOGETHER = 16


def _round_scores(
    q: Questionnaire,
    constructs: ConstructCatalogue,
    numbers: RoundNumbers,
    k: int,
    rnd: Round,
    roles_of: tuple[list[str | None], dict[str, int], dict[str, list[int]]],
    settings: Settings,
    network_profile: dict[str, Any] | None,
) -> RoundScores:
    """The scores of `rnd`, the k-th round of `numbers`, with its respondents' roles (_roles)."""
    layout: ScaleLayout = q.scale_layout
    responses = rnd.responses
    cids = layout.construct_ids
    respondent_roles, roles, _ = roles_of
    by_role: dict[str, dict[str, float]] = {}
    for role, enough, g in numbers.role_enough[k]:
        values = numbers.role_mean[g]
        by_role[role] = {cids[j]: values[j] for j in layout.alphabetical if enough[j]}
    counted, average, sd, low, high = (
        numbers.n[k],
        numbers.mean[k],
        numbers.sd[k],
        numbers.low[k],
        numbers.high[k],
    )
    columns = layout.columns(constructs, settings.min_items_for_band)
    strength, concern, minimum = settings.strength, settings.concern, settings.anonymity_minimum
    result: dict[str, ConstructScore] = {}
    for j, cid, scale_items, signal, banded in columns:
        count = counted[j]
        if count:
            result[cid] = built(
                ConstructScore,
                {
                    "mean": average[j],
                    "sd": sd[j] if count > 1 else None,
                    "n": count,
                    "min": low[j],
                    "max": high[j],
                    "band": band_of(average[j], strength, concern) if banded else None,
                    "below_minimum": count < minimum,
                    "signal": signal,
                    "items": scale_items,
                },
                _CONSTRUCT_FIELDS,
            )
    item_scores = {
        iid: built(ItemScore, {"mean": m, "n": c, "dont_know": d, "not_applicable": a}, _ITEM_FIELDS)
        for iid, m, c, d, a in zip(
            layout.item_ids,
            numbers.item_mean[k],
            numbers.item_n[k],
            numbers.dont_know[k],
            numbers.not_applicable[k],
            strict=True,
        )
        if c
    }
    shares = {}
    if numbers.any_dont_know[k]:
        share, dk, who = numbers.share[k], numbers.dk[k], numbers.who[k]
        shares = {
            cid: built(Unknown, {"share": share[j], "respondents": who[j]}, _UNKNOWN_FIELDS)
            for j, cid, *_ in columns
            if dk[j] > 0
        }
    profile, chosen = profile_facts(
        layout.profile_items, responses, settings.profile_agreement, network_profile or {}
    )
    start, end = numbers.offsets[k], numbers.offsets[k + 1]
    fields: dict[str, Any] = {
        "label": rnd.label,
        "date": rnd.date.isoformat() if rnd.date else None,
        "respondents": len(responses),
        "group_only": bool(responses) and all(r.group for r in responses),
        "roles": roles,
        "constructs": result,
        "items": item_scores,
        "profile": profile,
        "chosen_counts": chosen,
        "respondent_scores": _respondent_scores(
            layout,
            responses,
            numbers.means[start:end],
            numbers.has[start:end],
            numbers.has_all[k],
            respondent_roles,
        ),
        "by_role": by_role,
        "unknown": shares,
        "questionnaire": _trusted(Reference, {"id": q.id, "version": q.version}),
    }
    if rnd.label.__class__ is str:
        return _trusted(RoundScores, fields)
    return RoundScores.model_validate(fields)  # says what is wrong, as before


def _roles(
    layout: ScaleLayout, responses: list[Response]
) -> tuple[list[str | None], dict[str, int], dict[str, list[int]]]:
    """Each respondent's role (role_of: the response's own, else its answer to the role item),
    how many respondents have each role (in alphabetical order), and their rows."""
    role_item = layout.role_item
    role: list[str | None] = [r.role for r in responses]
    rows_of: dict[str, list[int]] = {}
    for i, response in enumerate(responses):
        if not role[i]:
            value = response.answers.get(role_item) if role_item else None
            role[i] = value if isinstance(value, str) else None
        if name := role[i]:
            rows_of.setdefault(name, []).append(i)
    return role, {name: len(rows_of[name]) for name in sorted(rows_of)}, rows_of


def _respondent_scores(
    layout: ScaleLayout,
    responses: list[Response],
    means: list[list[float]],
    has: list[list[bool]],
    has_all: bool,
    role: list[str | None],
) -> list[RespondentScores]:
    """Every respondent's role, group answer and construct scores (`means` and `has` by row)."""
    cids = layout.construct_ids
    if has_all:
        scores = [dict(zip(cids, row, strict=True)) for row in means]
    else:
        scores = [
            {c: v for c, v, h in zip(cids, row, row_has, strict=True) if h}
            for row, row_has in zip(means, has, strict=True)
        ]
    made = [
        {"role": r, "group": response.group, "scores": s}
        for r, response, s in zip(role, responses, scores, strict=True)
    ]
    if set(map(type, role)) <= _ROLE_TYPES and all(
        response.group.__class__ is bool for response in responses
    ):
        return [built(RespondentScores, fields, _RESPONDENT_FIELDS) for fields in made]
    return [RespondentScores.model_validate(fields) for fields in made]  # as before


_ROLE_TYPES = frozenset({str, type(None)})


def _construct_order(constructs: ConstructCatalogue) -> Any:
    order = {c.id: index for index, c in enumerate(constructs.constructs)}
    return lambda cid: (order.get(cid, len(order)), cid)
