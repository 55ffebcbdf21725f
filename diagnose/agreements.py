"""The steering group's agreements (afspraken) and next round's answer to "did it work?".

After a round the network agrees what it will do: what, who pulls it, by when, which findings it
answers and so which constructs it aims to move. Its status changes through the year (planned,
under way, done, dropped), each time with a short note and a date. When a later round is
diagnosed, every agreement of the round it is compared with is shown beside the movement of its
constructs.

Pure: agreements and diagnoses in, effects out. What may be shown is the diagnosis's decision
(`Diagnosis.visible_scores` and the `previous` round `with_history` reduced to what may be shown at
this round's anonymity minimum), and what counts as a real change is the rule base's `change`
threshold: both decided once, elsewhere, and only read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from diagnose.diagnosis import Diagnosis
from diagnose.text import LocalizedText

Status = Literal["planned", "under_way", "done", "dropped"]
# The statuses in the order of the year, with their names: the one vocabulary every layer reads.
STATUSES: dict[Status, LocalizedText] = {
    "planned": LocalizedText(nl="gepland", en="planned"),
    "under_way": LocalizedText(nl="loopt", en="under way"),
    "done": LocalizedText(nl="gedaan", en="done"),
    "dropped": LocalizedText(nl="vervallen", en="dropped"),
}
Direction = Literal["up", "down", "same"]
ARROWS: dict[Direction, str] = {"up": "▲", "down": "▼", "same": "="}
TEXT_LENGTH = 500
OWNER_LENGTH = 200
NOTE_LENGTH = 500


class StatusChange(BaseModel):
    """One step of an agreement through the year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status
    note: str = Field(default="", max_length=NOTE_LENGTH)
    date: dt.date


class Agreement(BaseModel):
    """One agreement of a round. `owner` is a role or a name: the coordinator's own data, never
    linked to anybody's answers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int | None = None
    round_label: str
    text: str = Field(min_length=1, max_length=TEXT_LENGTH)
    owner: str = Field(default="", max_length=OWNER_LENGTH)
    due: dt.date | None = None
    findings: tuple[str, ...] = ()
    constructs: tuple[str, ...] = ()
    history: tuple[StatusChange, ...] = Field(min_length=1)

    @property
    def status(self) -> Status:
        return self.history[-1].status

    @property
    def last_change(self) -> StatusChange:
        return self.history[-1]


class Movement(BaseModel):
    """One construct of an agreement between the round it was made in and the round after."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    construct_id: str
    before: float | None  # None: not measured then, or not to be shown
    after: float | None
    change_threshold: float

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)

    @property
    def direction(self) -> Direction | None:
        """Up or down past the rule base's `change` threshold, else the same; None when unknown."""
        delta = self.delta
        if delta is None:
            return None
        if abs(delta) < self.change_threshold:
            return "same"
        return "up" if delta > 0 else "down"


class Effect(BaseModel):
    """An agreement beside the movement of the constructs it aimed to move."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agreement: Agreement
    movements: tuple[Movement, ...]

    @property
    def verdict(self) -> Direction | None:
        """Up when any construct moved up and none down; down when any moved down and none up;
        the same when all measured constructs stayed; None when nothing can be compared."""
        directions = {m.direction for m in self.movements if m.direction is not None}
        if not directions:
            return None
        if directions == {"same"}:
            return "same"
        if "up" in directions and "down" not in directions:
            return "up"
        if "down" in directions and "up" not in directions:
            return "down"
        return "same"


def aimed_constructs(agreement: Agreement, current: Diagnosis | None = None) -> tuple[str, ...]:
    """The constructs the agreement aims to move: those named, else those of the findings it
    answers (as found in `current`, the round it was made in), in order, without repeats."""
    found: list[str] = list(agreement.constructs)
    if current is not None:
        for rule in agreement.findings:
            f = current.finding(rule)
            if f is not None:
                found.extend(f.constructs)
    return tuple(dict.fromkeys(found))


def effects(
    agreements: Sequence[Agreement], current: Diagnosis, made_in: Diagnosis | None = None
) -> list[Effect]:
    """Each agreement made in the round `current` was compared with, beside the movement of its
    constructs: before is that earlier round as it may be shown (`current.previous`, reduced by
    `Diagnosis.with_history`), after is what `current` may show. `made_in` is the earlier round's
    own diagnosis, used only to find the constructs of the findings an agreement answers."""
    before = current.previous.scores if current.previous is not None else {}
    after = current.visible_scores()
    threshold = current.thresholds.get("change", 0.5)
    return [
        Effect(
            agreement=a,
            movements=tuple(
                Movement(construct_id=c, before=before.get(c), after=after.get(c), change_threshold=threshold)
                for c in aimed_constructs(a, made_in)
            ),
        )
        for a in agreements
    ]
