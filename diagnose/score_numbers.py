"""The numbers of rounds' scores from their answer matrices (scoring.answer_matrix): construct,
item and role means, spreads, counts, rounded as the scores keep them; for several rounds at once
(scoring.score_rounds), each round's numbers the ones it gets alone."""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING, Any

import numpy as np

from diagnose.scores import PRECISION

if TYPE_CHECKING:
    from diagnose.scoring import ScaleLayout

DONT_KNOW_CODE = -1.0  # in the answer matrix; a missing answer is NaN, a scored one 1..5
NOT_APPLICABLE_CODE = -2.0


def round_to_precision(values: np.ndarray) -> np.ndarray:
    """np.round, made to agree with Python's round() where a value lies on a tie after scaling
    (np.round scales first, so 0.00625 can go down where round() sees the binary value above)."""
    rounded = np.round(values, PRECISION)
    scaled = values * 10**PRECISION
    near_tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near_tie.any():
        rounded[near_tie] = [round(float(v), PRECISION) for v in values[near_tie]]
    return rounded


class RoundNumbers:
    """The numbers of several rounds' scores, made over all their respondents at once: per round
    each sum is added up in row order (as sum() over a list: a running sum per round, the rounds
    side by side, each padded with rows of zeros that leave it as it is), so that every value
    agrees to the last bit with scoring each round alone and with the plain-Python definition."""

    def __init__(
        self,
        layout: ScaleLayout,
        matrices: list[np.ndarray],
        plain: bool,
        roles: list[dict[str, list[int]]],
        *,
        min_items_per_respondent: int,
        anonymity_minimum: int,
    ):
        """`matrices`: each round's answer matrix (scoring.answer_matrix), all plain or one round;
        `roles`: each round's rows per respondent role."""
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
        needed = np.minimum(layout.items_per_construct, min_items_per_respondent)
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
        unknown_answers = answers == DONT_KNOW_CODE
        dont_know = self._sums(unknown_answers, False)
        role_means, self.role_enough = self._role_sums(means, has, roles, anonymity_minimum)
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
        self.not_applicable = self._sums(answers == NOT_APPLICABLE_CODE, False).tolist()
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
        self, means: np.ndarray, has: np.ndarray, roles: list[dict[str, list[int]]], minimum: int
    ) -> tuple[np.ndarray, list[list[tuple[str, list[bool], int]]]]:
        """Mean construct scores per respondent role (not yet rounded) where the role has enough
        respondents, every round's roles in one running sum (as _running: a role's rows, then
        rows of zeros up to the largest role's number of rows); and per round its roles in
        alphabetical order with the constructs that have enough and the row of its means."""
        groups: list[list[int]] = []
        named: list[list[str]] = []
        for rows_of, start in zip(roles, self.offsets, strict=False):
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


def _unflatten(flat: np.ndarray, parts: list[np.ndarray]) -> list[Any]:
    """`flat` cut back into the shapes of `parts` (of which it is the concatenation), as lists."""
    result = []
    start = 0
    for part in parts:
        result.append(flat[start : start + part.size].reshape(part.shape).tolist())
        start += part.size
    return result
