"""What a report is made from: a diagnosis with the earlier rounds and free texts that may be shown.

Two ways in, one shape out: :func:`prepare` diagnoses a round of answers (a response file), and
:func:`input_from_view` takes a stored round as a view of a stored round (``diagnose.store.round_view``)
(what `netscan report ROUND` and the app's download both use). Either way, what may be shown is
decided by the diagnosis (`Diagnosis.with_history`, `results_allowed`), not here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from diagnose.agreements import Agreement, Effect
from diagnose.benchmark import Comparison
from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis, PreviousRound, diagnose, free_texts, score
from diagnose.edits import Applied, Branding
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.responses import Network, Round, check_round
from diagnose.scores import RoundScores


class _StoredRound(Protocol):
    @property
    def questionnaire_id(self) -> str: ...
    @property
    def questionnaire_version(self) -> str: ...


class StoredRoundView(Protocol):
    """What the report reads of a stored round's view (``diagnose.store.round_view.RoundView``).

    A protocol, so that the report depends on the shape of a view and not on the store.
    """

    @property
    def round(self) -> _StoredRound: ...
    @property
    def diagnosis(self) -> Diagnosis: ...
    @property
    def history(self) -> Sequence[PreviousRound]: ...
    @property
    def texts(self) -> Mapping[str, Sequence[str]]: ...
    @property
    def invited(self) -> int | None: ...
    @property
    def agreements(self) -> Sequence[Agreement]: ...
    @property
    def effects(self) -> Sequence[Effect]: ...
    @property
    def edit(self) -> Applied | None: ...
    @property
    def branding(self) -> Branding: ...
    @property
    def benchmark(self) -> Comparison | None: ...


@dataclass
class ReportInput:
    """What a report is made from: a diagnosis and what the diagnosis itself does not carry."""

    diagnosis: Diagnosis
    bundle: Bundle
    questionnaire: Questionnaire
    history: list[PreviousRound] = field(
        default_factory=list
    )  # earlier rounds that may be shown, oldest first
    texts: dict[str, list[str]] = field(default_factory=dict)  # text item id → answers (no names)
    invited: int | None = None  # invitations sent, when known (response rate)
    agreements: list[Agreement] = field(default_factory=list)  # this round's, for the last page
    effects: list[Effect] = field(default_factory=list)  # last round's agreements and their movement
    # the consultant's edit (`diagnosis` above is already the edited one: findings left out removed,
    # the top as chosen) and the workspace's organisation and logo; filled into the model by
    # diagnose.report.edited
    edit: Applied | None = None
    branding: Branding | None = None
    benchmark: Comparison | None = None  # among other networks (diagnose.benchmark); None: no block


def prepare(
    bundle: Bundle,
    q: Questionnaire,
    rnd: Round,
    history: Sequence[Round | RoundScores] = (),
    network: Network | None = None,
    *,
    invited: int | None = None,
    file: str = "",
) -> ReportInput:
    """Diagnose a round (with its earlier rounds, oldest first) and collect what the report needs.

    Each earlier round is scored once, and not at all when it comes as scores (a stored round's,
    `diagnose.store.round_scores`): the same scores give the diagnosis its previous round and the
    report the rounds shown beside it. The answers of every earlier round are checked first, as
    `diagnose` checks them."""
    problems = [
        p
        for i, r in enumerate(history)
        if isinstance(r, Round)
        for p in check_round(q, r, file, where=f"history[{i}]")
    ]
    if problems:  # the current round's problems first, as `diagnose` reports them
        raise ValidationFailed(check_round(q, rnd, file) + problems)
    scored = [r if isinstance(r, RoundScores) else score(bundle, q, r, network) for r in history]
    d = diagnose(bundle, q, rnd, scored, network, file=file)
    d, earlier = d.with_history(scored, bundle)
    return ReportInput(
        diagnosis=d,
        bundle=bundle,
        questionnaire=q,
        history=earlier,
        texts=free_texts(q, rnd) if d.results_allowed else {},
        invited=invited,
    )


def input_from_view(view: StoredRoundView, bundle: Bundle) -> ReportInput:
    """The report of a stored round, from the same view the app's results page shows."""
    return ReportInput(
        diagnosis=view.diagnosis,
        bundle=bundle,
        questionnaire=bundle.questionnaire(view.round.questionnaire_id, view.round.questionnaire_version),
        history=list(view.history),
        texts={item: list(answers) for item, answers in view.texts.items()},
        invited=view.invited,
        agreements=list(view.agreements),
        effects=list(view.effects),
        edit=view.edit,
        branding=view.branding,
        benchmark=view.benchmark,
    )
