"""The priority model: how much a finding matters to a steering group, as the `priority` section of
rules/ruleset.yaml says. One number per finding, made of four parts the appendix of the report
explains in plain words:

- seriousness: points for the finding's kind, plus points per severity step;
- distance: points per scale point the score lies past the rule's threshold (capped);
- movement: points per scale point a construct fell since the previous round, plus extra points
  when it was a strength before — so a drop of a full point can outrank the signals of a pitfall;
- certainty: the sum times a factor below 1 for few respondents, a group answer, a short
  questionnaire (quickscan) or a score the members disagree on.

Pure: the settings and a finding's facts in, a number out. `diagnose.cards` uses it to order cards
and to pick the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from diagnose.text import LocalizedText


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Certainty(Strict):
    """Factors (0–1] that scale a finding's points down when the round says less for sure."""

    # From this many respondents a round counts as fully sure; at the anonymity minimum (or fewer)
    # the factor is `few_respondents`, in between it rises in a straight line.
    full_respondents: int = Field(ge=1)
    few_respondents: float = Field(gt=0, le=1)
    # A round of group answers filled in together (an intake) says less than individual answers.
    group_answer: float = Field(gt=0, le=1)
    # Per questionnaire id, e.g. a quickscan measures each construct with fewer items.
    questionnaire: dict[str, float] = Field(default_factory=dict)
    # A score-based finding on a construct whose standard deviation is at least threshold.spread:
    # the mean hides what members see, so it is less sure (the disagreement finding says so itself).
    spread: float = Field(gt=0, le=1)


class Priority(Strict):
    """How findings are weighed for the summary (see the module docstring)."""

    kind: dict[str, float]  # seriousness points per kind; every kind of `kinds` needs one
    severity: float = Field(ge=0)  # points per severity step (1–5)
    margin: float = Field(ge=0)  # points per scale point past the rule's threshold
    margin_cap: float = Field(gt=0)  # distances beyond this count as this much
    distance_kinds: list[str]  # the kinds whose distance past the threshold adds points
    drop: float = Field(ge=0)  # points per scale point a construct fell since the previous round
    former_strength: float = Field(ge=0)  # extra points when the fallen construct was a strength
    certainty: Certainty
    # Why a finding is on top of the summary; placeholders {label}, {value}, {threshold}.
    reasons: dict[str, LocalizedText]
    # "What goes well" in one or two sentences; placeholders {labels}, {range}, {more}, {others}.
    strengths: dict[str, LocalizedText]


REASONS = (
    "biggest_drop",
    "drop",
    "former_strength",
    "pitfall",
    "furthest_concern",
    "concern",
    "widest_gap",
    "disagreement",
    "misfit",
    "attention",
    "biggest_improvement",
    "improvement",
    "agreement",
)
STRENGTH_TEXTS = ("one", "several", "more", "and", "build", "keep", "others", "others_alone")


@dataclass(frozen=True)
class Facts:
    """What the priority of one finding depends on."""

    kind: str
    severity: int
    margin: float
    drop: float | None  # how far its construct fell since the previous round (positive), if it did
    was_strength: bool
    respondents: int
    group_only: bool
    questionnaire: str
    spread_high: bool


def points(p: Priority, f: Facts, minimum: int) -> float:
    """The finding's priority: seriousness + distance + movement, times certainty (see `scorer`)."""
    return scorer(p, minimum, f.respondents, f.group_only, f.questionnaire)(
        f.kind, f.severity, f.margin, f.drop, f.was_strength, f.spread_high
    )


def scorer(
    p: Priority, minimum: int, respondents: int, group_only: bool, questionnaire: str
) -> Callable[[str, int, float, float | None, bool, bool], float]:
    """The priority of a round's findings: seriousness + distance + movement, times certainty.
    What the round decides (its respondents, group answer and questionnaire: the certainty but
    for the spread) is worked out once, then (kind, severity, margin, drop, was_strength,
    spread_high) of each finding in, its priority out, without a Facts per finding."""
    c = p.certainty
    base = 1.0
    if group_only:
        base *= c.group_answer
    elif respondents < c.full_respondents:
        span = max(1, c.full_respondents - minimum)
        share = max(0.0, min(1.0, (respondents - minimum) / span))
        base *= c.few_respondents + (1 - c.few_respondents) * share
    base *= c.questionnaire.get(questionnaire, 1.0)
    kinds, severity_points, distance_kinds = p.kind, p.severity, frozenset(p.distance_kinds)
    drop_points, former, margin_points, cap, spread = (
        p.drop,
        p.former_strength,
        p.margin,
        p.margin_cap,
        c.spread,
    )

    def score(
        kind: str, severity: int, margin: float, drop: float | None, was_strength: bool, spread_high: bool
    ) -> float:
        total = kinds[kind] + severity_points * severity
        if drop is not None and drop > 0:
            total += drop_points * drop + (former if was_strength else 0.0)
        elif kind in distance_kinds:
            total += margin_points * (margin if margin < cap else cap)  # min(cap, margin)
        factor = base * spread if spread_high and kind not in ("disagreement", "trend") else base
        return round(total * factor, 4)

    return score
