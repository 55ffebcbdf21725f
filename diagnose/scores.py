"""A round's scores: what scoring makes of its answers, kept with each snapshot and read by the rules'
facts, the report and the store (diagnose.scoring makes them)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

Band = Literal["strength", "attention", "concern"]
PRECISION = 4  # facts are rounded so that 3.0 is 3.0 and not 2.9999999999999996


class Reference(BaseModel):
    """A questionnaire or rule base by id and version."""

    id: str
    version: str


class ConstructScore(BaseModel):
    mean: float
    sd: float | None
    n: int
    min: float
    max: float
    band: Band | None
    below_minimum: bool
    # A score construct the questionnaire measures with fewer than `min_items_for_band` items: its
    # mean is a signal to explore, shown without a band; the rules see it as signal.C, not score.C.
    # (Stored diagnoses from before questionnaire 2.0 lack these fields: read as banded scores.)
    signal: bool = False
    items: int | None = None  # the scale items that measure it in the round's questionnaire


class ItemScore(BaseModel):
    mean: float
    n: int
    dont_know: int
    not_applicable: int = 0


class Unknown(BaseModel):
    """How often respondents answered "weet ik niet" on a construct's items."""

    share: float  # "weet ik niet" among the answers that apply (scored and "weet ik niet"; not "n.v.t.")
    respondents: int  # respondents who gave at least one such answer on its items


class ProfileFact(BaseModel):
    value: str | float | None
    share: float
    n: int
    disagree: bool
    counts: dict[str, int]
    from_network: bool = False


# A ProfileFact's fields: validated with the rest of the round's scores in one call (score_round)
FactFields = dict[str, Any]


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
    unknown: dict[str, Unknown] = {}
    questionnaire: Reference | None = None  # the version that was answered (absent in old kept scores)
