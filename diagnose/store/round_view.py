"""One stored round as a person sees it: the one way a round in the database becomes the results
page, the app's report download and `netscan report ROUND`.

    from diagnose.store.round_view import round_view
    view = round_view(store, round_id)    # None while nothing has been submitted

The diagnosis is the round's latest snapshot while it is up to date (it counted every submitted
response and was made with the rule base now loaded); otherwise the round is diagnosed again
through the store, which stores a new snapshot. Building a view can therefore write snapshots.

**Threshold**: a round may set a response-rate threshold; the view's diagnosis carries it
(`Diagnosis.with_response_rate`, with the round's invited count), so `results_allowed` closes the
round below it exactly as below the anonymity minimum, in every page and report built from here.

**History** (one rule, `diagnose.store.chronology.history_rounds`, the core's `results_open`): a
round is diagnosed against the latest earlier round of the same network, in the store's round
order, whose results are open (anonymity minimum, its own threshold), whatever its questionnaire
(constructs are compared by id). A round below the minimum is nobody's history. The view's
earlier rounds are those rounds, each showing only what may be shown at *this* round's minimum
(`diagnose.diagnosis.earlier_round`); one with nothing to show is left out.

**The consultant's edit** (`diagnose.edits`) is applied here, once: `diagnosis` is the edited one
(findings left out removed, the top as chosen) and `computed` the diagnosis as computed, so the
dashboard, every report format and `netscan report` show the same edited round.

Uses only the store's public API and the core; the report and the app build from the view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from diagnose.agreements import Agreement, Effect, effects
from diagnose.benchmark import Comparison
from diagnose.diagnosis import Diagnosis, PreviousRound, free_texts
from diagnose.edits import Applied, Branding, apply
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
    # the consultant's edit (diagnose.edits): `diagnosis` above is the edited one, `edit.computed`
    # the diagnosis as computed; and the workspace's organisation name and logo for the cover
    edit: Applied | None = None
    branding: Branding = field(default_factory=Branding)
    # among the other networks taking part (store/benchmark.py); None unless the network takes part
    # and enough others qualify: then the page and the report show nothing of it
    benchmark: Comparison | None = None

    @property
    def computed(self) -> Diagnosis:
        """The diagnosis as computed, before the consultant's edit (its order one click away)."""
        return self.edit.computed if self.edit is not None else self.diagnosis

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
    thresholds = any(e.round.response_rate_minimum for e in entries[:index])
    d = _diagnosis(store, entry, check_history=thresholds).with_response_rate(
        entry.counts.invited, info.response_rate_minimum
    )
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
    edited = apply(d, store.bundle, store.round_edit(round_id))
    return RoundView(
        round=info,
        network=store.get_network(info.network_id),
        counts=entry.counts,
        diagnosis=edited.diagnosis,
        history=tuple(history),
        texts=texts,
        agreements=tuple(store.list_agreements(round_id)),
        effects=tuple(found),
        edit=edited,
        branding=store.branding(info.workspace_id),
        benchmark=store.benchmark_for(round_id, d),
    )


def shown_diagnosis(entry: RoundHistory) -> Diagnosis | None:
    """A round's latest stored diagnosis (from `network_history`) under its round's response-rate
    threshold, as every list of rounds must read it (`results_allowed`); None without a snapshot."""
    if entry.snapshot is None:
        return None
    return entry.snapshot.diagnosis().with_response_rate(
        entry.counts.invited, entry.round.response_rate_minimum
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


def _diagnosis(store: Store, entry: RoundHistory, *, check_history: bool = False) -> Diagnosis:
    """The round's latest snapshot while it is up to date, else a new diagnosis (stored).
    `check_history`: an earlier round sets a response-rate threshold, so which round is history
    can change without any answer changing (links issued or revoked, the threshold edited): the
    snapshot is also out of date when it was compared with another round than history_round."""
    snapshot = entry.snapshot
    settings = store.bundle.settings
    if (
        snapshot is None
        or snapshot.respondents != entry.counts.submitted
        or (snapshot.ruleset_id, snapshot.ruleset_version) != (settings.id, settings.version)
        or (check_history and _compared_with_closed(store, snapshot.diagnosis(), entry.round.id))
    ):
        snapshot = store.diagnose_round(entry.round.id)
    return snapshot.diagnosis()


def _compared_with_closed(store: Store, d: Diagnosis, round_id: int) -> bool:
    """The stored diagnosis was compared with a round that is no longer this round's history (its
    results closed since). A round that opened since is compared from the next diagnosis on: a
    history round that cannot be scored would otherwise make every view diagnose again."""
    if d.previous is None:
        return False
    before = store.history_round(round_id)
    return before is None or (before.label, before.date.isoformat() if before.date else None) != (
        d.previous.label,
        d.previous.date,
    )


def _earlier(store: Store, entry: RoundHistory) -> Diagnosis | None:
    """An earlier round's diagnosis, or None when it has no answers, cannot be diagnosed, or is
    closed by its own response-rate threshold (what is closed on its own page stays closed here)."""
    if entry.counts.submitted == 0:
        return None
    try:
        d = _diagnosis(store, entry)
    except ValidationFailed:
        return None
    if d.with_response_rate(entry.counts.invited, entry.round.response_rate_minimum).response_rate_short:
        return None  # the threshold rule as shown_diagnosis applies it
    return d
