"""One stored round as a person sees it: the one way a round in the database becomes the results
page, the app's report download and `netscan report ROUND`.

    from diagnose.store.round_view import round_view
    view = round_view(store, round_id)    # None while nothing has been submitted

The diagnosis is the round's latest snapshot while it is up to date (it counted every submitted
response and was made with the rule base now loaded); otherwise the round is diagnosed again
through the store, which stores a new snapshot. Building a view can therefore write snapshots.

**History** (one rule, `diagnose.store.chronology.history_rounds`, the core's `may_show`): a
round is diagnosed against the latest earlier round of the same network, in the store's round
order, whose answers may be shown at the anonymity minimum, whatever its questionnaire
(constructs are compared by id). A round below the minimum is nobody's history. The view's
earlier rounds are those rounds, each showing only what may be shown at *this* round's minimum
(`diagnose.diagnosis.earlier_round`); one with nothing to show is left out.

Uses only the store's public API and the core; the report and the app build from the view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from diagnose.agreements import Agreement, Effect, effects
from diagnose.diagnosis import Diagnosis, PreviousRound, free_texts
from diagnose.problems import ValidationFailed
from diagnose.store import Store
from diagnose.store.types import NetworkInfo, RoundCounts, RoundHistory, RoundInfo


@dataclass(frozen=True)
class RoundView:
    """Everything a person sees of a stored round. Equal views make equal pages and reports."""

    round: RoundInfo
    network: NetworkInfo
    counts: RoundCounts
    diagnosis: Diagnosis  # its `previous` reduced to what may be shown
    history: tuple[PreviousRound, ...]  # earlier rounds that may be shown, oldest first
    texts: Mapping[
        str, tuple[str, ...]
    ]  # open answers per text item, casefolded order; empty below the minimum
    agreements: tuple[Agreement, ...] = ()  # this round's agreements (the steering group's own data)
    effects: tuple[Effect, ...] = ()  # the compared round's agreements beside their constructs' movement

    @property
    def results_allowed(self) -> bool:
        return self.diagnosis.results_allowed

    @property
    def invited(self) -> int | None:
        """Personal invitations sent, when any (for the response rate)."""
        return self.counts.invited or None


def round_view(store: Store, round_id: int) -> RoundView | None:
    """The stored round as a person sees it; None while nothing has been submitted."""
    info = store.get_round(round_id)
    entries = store.network_history(info.network_id)
    index = next(i for i, entry in enumerate(entries) if entry.round.id == round_id)
    entry = entries[index]
    if entry.counts.submitted == 0:
        return None
    d = _diagnosis(store, entry)
    earlier = [e for e in (_earlier(store, h) for h in entries[:index]) if e is not None]
    d, history = d.with_history(earlier, store.bundle)
    made_in = _compared_round(store, entries[:index], d)
    found = effects(store.list_agreements(made_in[0]), d, made_in[1]) if made_in else []
    texts: dict[str, tuple[str, ...]] = {}
    if d.results_allowed:
        q = store.bundle.questionnaire(info.questionnaire_id, info.questionnaire_version)
        texts = {
            item: tuple(answers) for item, answers in free_texts(q, store.round_as_core(round_id)).items()
        }
    return RoundView(
        round=info,
        network=store.get_network(info.network_id),
        counts=entry.counts,
        diagnosis=d,
        history=tuple(history),
        texts=texts,
        agreements=tuple(store.list_agreements(round_id)),
        effects=tuple(found),
    )


def _compared_round(store: Store, earlier: list[RoundHistory], d: Diagnosis) -> tuple[int, Diagnosis] | None:
    """The earlier round this diagnosis is compared with (`previous`, as may be shown): its id and
    diagnosis, whose agreements are next round's "did it work?". None when nothing is compared."""
    if d.previous is None:
        return None
    for entry in reversed(earlier):
        if (entry.round.label, entry.round.date.isoformat() if entry.round.date else None) == (
            d.previous.label,
            d.previous.date,
        ):
            made_in = _earlier(store, entry)
            return (entry.round.id, made_in) if made_in is not None else None
    return None


def _diagnosis(store: Store, entry: RoundHistory) -> Diagnosis:
    """The round's latest snapshot while it is up to date, else a new diagnosis (stored)."""
    snapshot = entry.snapshot
    settings = store.bundle.settings
    if (
        snapshot is None
        or snapshot.respondents != entry.counts.submitted
        or (snapshot.ruleset_id, snapshot.ruleset_version) != (settings.id, settings.version)
    ):
        snapshot = store.diagnose_round(entry.round.id)
    return snapshot.diagnosis()


def _earlier(store: Store, entry: RoundHistory) -> Diagnosis | None:
    """An earlier round's diagnosis, or None when it has no answers or cannot be diagnosed."""
    if entry.counts.submitted == 0:
        return None
    try:
        return _diagnosis(store, entry)
    except ValidationFailed:
        return None
