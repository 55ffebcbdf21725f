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


def certainty(p: Priority, f: Facts, minimum: int) -> float:
    c = p.certainty
    factor = 1.0
    if f.group_only:
        factor *= c.group_answer
    elif f.respondents < c.full_respondents:
        span = max(1, c.full_respondents - minimum)
        share = max(0.0, min(1.0, (f.respondents - minimum) / span))
        factor *= c.few_respondents + (1 - c.few_respondents) * share
    factor *= c.questionnaire.get(f.questionnaire, 1.0)
    if f.spread_high and f.kind not in ("disagreement", "trend"):
        factor *= c.spread
    return factor


def points(p: Priority, f: Facts, minimum: int) -> float:
    """The finding's priority: seriousness + distance + movement, times certainty."""
    total = p.kind[f.kind] + p.severity * f.severity
    if f.drop is not None and f.drop > 0:
        total += p.drop * f.drop + (p.former_strength if f.was_strength else 0.0)
    elif f.kind in p.distance_kinds:
        total += p.margin * min(p.margin_cap, f.margin)
    return round(total * certainty(p, f, minimum), 4)
