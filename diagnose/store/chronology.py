"""Rounds in time order, and which earlier round is a round's history: decided here, once.

Diagnosis (diagnose_round, rediagnose) and everything that shows a round with its history ask
history_rounds; change the rule there and every caller follows. A round exported as the core's
response file carries a narrower history (response_file_history), because that file has one
questionnaire for all its rounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Mapping, Sequence
from typing import Protocol

from diagnose.diagnosis import results_open
from diagnose.store import models
from diagnose.store.round_scores import ResponseKey


class Dated(Protocol):
    """What round_sort_key reads of a round (its ORM row, or a row of these columns)."""

    @property
    def id(self) -> int: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def created_at(self) -> dt.datetime: ...


def round_sort_key(row: Dated) -> tuple[dt.date, dt.datetime, int]:
    """Rounds in time order: by date, rounds without a date by when they were created."""
    return (row.date or row.created_at.date(), row.created_at, row.id)


def history_rounds(
    oldest_first: Sequence[int],
    submitted: Mapping[int, Sequence[ResponseKey]],
    anonymity_minimum: int,
    rates: Mapping[int, tuple[int, int | None]] | None = None,
) -> dict[int, int | None]:
    """For every round with submitted answers, the round that is its history: the latest earlier
    round (in round_sort_key order) whose results are open (diagnose.diagnosis.results_open: the
    anonymity minimum, and the round's response-rate threshold), whatever its questionnaire, or
    None when there is none. `oldest_first` is one network's round ids; `submitted` the submitted
    responses per round; `rates` (invited, threshold) for the rounds that set a threshold.
    Rounds without answers have no entry (they are not diagnosed). A round below the minimum is
    nobody's history: a trend against it would tell its few respondents' answers apart; one below
    its threshold neither, since its results are closed."""
    history: dict[int, int | None] = {}
    before: int | None = None
    for round_id in oldest_first:
        responses = submitted.get(round_id)
        if responses:
            history[round_id] = before
            invited, rate_minimum = (rates or {}).get(round_id, (0, None))
            if results_open(
                len(responses),
                all(group for _, group in responses),
                anonymity_minimum,
                invited=invited,
                rate_minimum=rate_minimum,
            ):
                before = round_id
    return history


def response_file_history(
    oldest_first: Sequence[models.Round], answered: Container[int], current: models.Round
) -> list[models.Round]:
    """The history a response file (docs/formats.md) of `current` carries, oldest first: the
    earlier rounds with submitted answers, back to the first one with another questionnaire,
    which ends it (a response file has one questionnaire)."""
    history: list[models.Round] = []
    for row in reversed(oldest_first[: oldest_first.index(current)]):
        if row.id not in answered:
            continue
        if (row.questionnaire_id, row.questionnaire_version) != (
            current.questionnaire_id,
            current.questionnaire_version,
        ):
            break
        history.insert(0, row)
    return history
