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

from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis
from diagnose.explain import ACTION_LABELS
from diagnose.responses import AgreementEntry
from diagnose.text import LocalizedText

Status = Literal["planned", "under_way", "done", "dropped"]
# The statuses in the order of the year, with their names (decided once, in the explanation's
# words for the rules' `action.C` facts): the one vocabulary every layer reads.
STATUSES: dict[Status, LocalizedText] = {
    status: ACTION_LABELS[status] for status in ("planned", "under_way", "done", "dropped")
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


def aimed_constructs(agreement: Agreement, made_in: Diagnosis | Bundle | None = None) -> tuple[str, ...]:
    """The constructs the agreement aims to move: those named, and those of the findings it
    answers (a finding's constructs are its rule's: from the round it was made in, or the rule
    base), in order, without repeats."""
    found: list[str] = list(agreement.constructs)
    for rule in agreement.findings:
        if isinstance(made_in, Diagnosis):
            f = made_in.finding(rule)
            found.extend(f.constructs if f is not None else ())
        elif made_in is not None and rule in made_in.rule_by_id:
            found.extend(made_in.rule_by_id[rule].constructs)
    return tuple(dict.fromkeys(found))


def from_entries(entries: Sequence[AgreementEntry], round_label: str, on: dt.date) -> list[Agreement]:
    """A response file's agreements (made after `round_label`) as the core's records."""
    return [
        Agreement(
            round_label=round_label,
            text=e.text,
            owner=e.owner,
            due=e.due,
            constructs=tuple(e.constructs),
            history=(StatusChange(status=e.status, note=e.note, date=on),),
        )
        for e in entries
    ]


def actions(agreements: Sequence[Agreement], made_in: Diagnosis | Bundle | None = None) -> dict[str, Status]:
    """What was agreed about each construct (the rules' `action.C` facts): the most advanced status
    of the agreements aimed at it (done before under way before planned before dropped)."""
    rank = {status: index for index, status in enumerate(("dropped", "planned", "under_way", "done"))}
    found: dict[str, Status] = {}
    for a in agreements:
        for c in aimed_constructs(a, made_in):
            if c not in found or rank[a.status] > rank[found[c]]:
                found[c] = a.status
    return found


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
