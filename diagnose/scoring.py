"""Scoring: answers in, construct scores and profile facts out, per respondent and per round."""

from __future__ import annotations

import contextlib
import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel

from diagnose.built import built
from diagnose.item_types import Facts, item_type
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, ConstructCatalogue, Item, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Response, Round, plain_valid_answers
from diagnose.scores import (
    PRECISION,
    Band,
    ConstructScore,
    FactFields,
    ItemScore,
    ProfileFact,
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
        self.profile_items = [
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


_DONT_KNOW_CODE = -1.0  # in the answer matrix; a missing answer is NaN, a scored one 1..5
_NOT_APPLICABLE_CODE = -2.0
_CODES: dict[Any, float] = {DONT_KNOW: _DONT_KNOW_CODE, NOT_APPLICABLE: _NOT_APPLICABLE_CODE}
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


def round_to_precision(values: np.ndarray) -> np.ndarray:
    """np.round, made to agree with Python's round() where a value lies on a tie after scaling
    (np.round scales first, so 0.00625 can go down where round() sees the binary value above)."""
    rounded = np.round(values, PRECISION)
    scaled = values * 10**PRECISION
    near_tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near_tie.any():
        rounded[near_tie] = [round(float(v), PRECISION) for v in values[near_tie]]
    return rounded


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
        matrices = [read[i][0] for i in batch]
        made = _Arithmetic(
            layout, matrices, read[batch[0]][1], [rounds[i].responses for i in batch], settings
        )
        for k, i in enumerate(batch):
            result[i] = made.scores(q, constructs, k, rounds[i], settings, network_profiles[i])
    return [scores for scores in result if scores is not None]


# Rounds scored together: enough to share numpy's cost per call, few enough that the arrays stay
# in the processor's cache (250 rounds at once were slower than one round at a time)
_TOGETHER = 16


class _Arithmetic:
    """The numbers of several rounds' scores, made over all their respondents at once: per round
    each sum is added up in row order (as sum() over a list: a running sum per round, the rounds
    side by side, each padded with rows of zeros that leave it as it is), so that every value
    agrees to the last bit with scoring each round alone and with the plain-Python definition."""

    def __init__(
        self,
        layout: ScaleLayout,
        matrices: list[np.ndarray],
        plain: bool,
        responses: list[list[Response]],
        settings: Settings,
    ):
        self.layout = layout
        membership = layout.membership
        sizes = [len(m) for m in matrices]
        self.offsets = [0, *accumulate(sizes)]
        answers = np.concatenate(matrices) if len(matrices) > 1 else matrices[0]
        width = max(sizes, default=0)
        rows = np.arange(width)
        # per round, its rows in order, then the index of a padding row below every respondent's row
        self.index = np.where(
            rows < np.array(sizes)[:, None], np.array(self.offsets[:-1])[:, None] + rows, len(answers)
        )
        answered = answers > 0  # NaN, "weet ik niet" and "niet van toepassing" compare false
        scored = np.where(answered, np.where(layout.reverse, 6.0 - answers, answers), 0.0)

        # per respondent and construct: mean of the scored items, when enough of them were answered
        counts = answered.astype(float) @ membership
        needed = np.minimum(layout.items_per_construct, settings.min_items_per_respondent)
        has = (counts > 0) & (counts >= needed)
        sums = scored @ membership
        if plain:  # whole sums and counts: the mean of each, rounded, made once per questionnaire
            means = layout.mean_table[np.where(has, sums, 0.0).astype(np.intp), counts.astype(np.intp)]
        else:
            means = round_to_precision(np.divide(sums, counts, out=np.zeros_like(counts), where=has))
        n = self._sums(has, False)
        exact_mean = np.divide(self._running(means), n, out=np.zeros(n.shape), where=n > 0)
        by_row = exact_mean if len(sizes) == 1 else np.repeat(exact_mean, sizes, axis=0)
        deviation = np.where(has, means - by_row, 0.0)
        spread = np.sqrt(
            np.divide(self._running(deviation * deviation), n - 1, out=np.zeros(n.shape), where=n > 1)
        )
        item_n = self._sums(answered, False)
        item_sums = self._sums(scored, 0.0)
        item_mean = np.divide(item_sums, item_n, out=np.zeros(item_n.shape), where=item_n > 0)
        unknown_answers = answers == _DONT_KNOW_CODE
        dont_know = self._sums(unknown_answers, False)
        self.roles = [_roles(layout, r) for r in responses]
        role_means, self.role_enough = self._role_sums(means, has, settings.anonymity_minimum)
        parts = [exact_mean, spread, item_mean, role_means]
        self.any_dont_know: list[bool] = np.any(dont_know, axis=1).tolist()
        self.dk: list[list[float]] = []
        self.who: list[list[int]] = []
        if any(self.any_dont_know):
            # "weet ik niet" per construct: the answers, the answers that apply (scored and "weet
            # ik niet"; not "n.v.t."), and the respondents who gave at least one
            dk = dont_know @ membership
            applies = dk + item_n @ membership
            parts.append(np.divide(dk, applies, out=np.zeros(applies.shape), where=applies > 0))
            self.dk = dk.tolist()
            self.who = self._sums((unknown_answers.astype(float) @ membership) > 0, False).tolist()
        # everything rounded at once: construct means and spreads, item means, role means, shares
        rounded = round_to_precision(np.concatenate([part.ravel() for part in parts]))
        self.mean, self.sd, self.item_mean, self.role_mean, *share = _unflatten(rounded, parts)
        self.share = share[0] if share else []
        self.n = n.tolist()
        self.low = self._per_round(np.where(has, means, np.inf), np.inf).min(axis=1, initial=np.inf).tolist()
        self.high = (
            self._per_round(np.where(has, means, -np.inf), -np.inf).max(axis=1, initial=-np.inf).tolist()
        )
        self.item_n = item_n.tolist()
        self.dont_know = dont_know.tolist()
        self.not_applicable = self._sums(answers == _NOT_APPLICABLE_CODE, False).tolist()
        self.means = means.tolist()
        self.has = has.tolist()
        self.has_all: list[bool] = np.all(self._per_round(has, True), axis=(1, 2)).tolist()

    def _per_round(self, values: np.ndarray, pad: Any) -> np.ndarray:
        """Rounds × rows × columns: each round's rows in order, padded with rows of `pad`."""
        if len(self.index) == 1:  # one round: its rows as they are
            return values[None]
        padding = np.full((1, values.shape[1]), pad, dtype=values.dtype)
        return np.concatenate([values, padding])[self.index]

    def _sums(self, values: np.ndarray, pad: Any) -> np.ndarray:
        """Per round, sums down each column (whole numbers, or one round's sums as before)."""
        total: np.ndarray = (
            values.sum(axis=0)[None] if len(self.index) == 1 else self._per_round(values, pad).sum(axis=1)
        )
        return total

    def _running(self, values: np.ndarray) -> np.ndarray:
        """Per round, sums down each column row after row, a running sum (cumsum adds in order,
        where sum() may add in pairs)."""
        if not self.index.shape[1]:
            return np.zeros((len(self.index), values.shape[1]))
        total: np.ndarray = np.cumsum(self._per_round(values, 0.0), axis=1)[:, -1]
        return total

    def _role_sums(
        self, means: np.ndarray, has: np.ndarray, minimum: int
    ) -> tuple[np.ndarray, list[list[tuple[str, list[bool], int]]]]:
        """Mean construct scores per respondent role (not yet rounded) where the role has enough
        respondents, every round's roles in one running sum (as _running: a role's rows, then
        rows of zeros up to the largest role's number of rows); and per round its roles in
        alphabetical order with the constructs that have enough and the row of its means."""
        groups: list[list[int]] = []
        named: list[list[str]] = []
        for (_, _, rows_of), start in zip(self.roles, self.offsets, strict=False):
            names = sorted(role for role, rows in rows_of.items() if len(rows) >= minimum)
            named.append(names)
            groups += [[start + i for i in rows_of[role]] for role in names]
        if not groups:  # (a role with fewer respondents than the minimum has no construct with enough)
            return np.zeros((0, means.shape[1])), [[] for _ in named]
        width = max(map(len, groups))
        nobody = len(means)  # the index of a row of zeros below the respondents' rows
        index = np.array([rows + [nobody] * (width - len(rows)) for rows in groups])
        padded_has = np.concatenate([has, np.zeros((1, has.shape[1]), dtype=bool)])[index]
        padded_means = np.concatenate([means, np.zeros((1, means.shape[1]))])[index]
        n = padded_has.sum(axis=1)
        enough = (n > 0) & (n >= minimum)
        role_means = np.divide(np.cumsum(padded_means, axis=1)[:, -1], n, out=np.zeros(n.shape), where=enough)
        keep = enough.any(axis=1).tolist()
        enough_rows = enough.tolist()
        per_round: list[list[tuple[str, list[bool], int]]] = []
        g = 0
        for names in named:
            per_round.append(
                [(role, enough_rows[g + i], g + i) for i, role in enumerate(names) if keep[g + i]]
            )
            g += len(names)
        return role_means, per_round

    def scores(
        self,
        q: Questionnaire,
        constructs: ConstructCatalogue,
        k: int,
        rnd: Round,
        settings: Settings,
        network_profile: dict[str, Any] | None,
    ) -> RoundScores:
        """The k-th round's scores."""
        layout = self.layout
        responses = rnd.responses
        cids = layout.construct_ids
        respondent_roles, roles, _ = self.roles[k]
        by_role: dict[str, dict[str, float]] = {}
        for role, enough, g in self.role_enough[k]:
            values = self.role_mean[g]
            by_role[role] = {cids[j]: values[j] for j in layout.alphabetical if enough[j]}
        counted, average, sd, low, high = self.n[k], self.mean[k], self.sd[k], self.low[k], self.high[k]
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
                self.item_mean[k],
                self.item_n[k],
                self.dont_know[k],
                self.not_applicable[k],
                strict=True,
            )
            if c
        }
        shares = {}
        if self.any_dont_know[k]:
            share, dk, who = self.share[k], self.dk[k], self.who[k]
            shares = {
                cid: built(Unknown, {"share": share[j], "respondents": who[j]}, _UNKNOWN_FIELDS)
                for j, cid, *_ in columns
                if dk[j] > 0
            }
        profile, chosen = _profile(layout, responses, settings.profile_agreement, network_profile or {})
        start, end = self.offsets[k], self.offsets[k + 1]
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
                self.means[start:end],
                self.has[start:end],
                self.has_all[k],
                respondent_roles,
            ),
            "by_role": by_role,
            "unknown": shares,
            "questionnaire": _trusted(Reference, {"id": q.id, "version": q.version}),
        }
        if rnd.label.__class__ is str:
            return _trusted(RoundScores, fields)
        return RoundScores.model_validate(fields)  # says what is wrong, as before


def _unflatten(flat: np.ndarray, parts: list[np.ndarray]) -> list[Any]:
    """`flat` cut back into the shapes of `parts` (of which it is the concatenation), as lists."""
    result = []
    start = 0
    for part in parts:
        result.append(flat[start : start + part.size].reshape(part.shape).tolist())
        start += part.size
    return result


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


def _profile(
    layout: ScaleLayout, responses: list[Response], agreement: float, network_profile: dict[str, Any]
) -> tuple[dict[str, ProfileFact], dict[str, int]]:
    facts: dict[str, ProfileFact] = {}
    chosen: dict[str, int] = {}
    dicts = [r.answers for r in responses]
    for construct, item, summarise in layout.profile_items:
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
PROFILE_FACTS: dict[Facts, Callable[[Item, list[Any], float], tuple[FactFields, int | None]]] = {
    "choice": _choice_fact,
    "choices": _choices_fact,
    "number": _number_fact,
}


# The paths of a construct's facts, in the order round_facts uses them, made once per construct id
# instead of ten f-strings per construct per round.
