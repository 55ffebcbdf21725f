"""The app's few needs the store API does not cover (yet), built from its public parts.

- ``start_group_response``: a *draft* group answer, so a live group answer at an intake is
  autosaved answer by answer like any respondent's. The store offers ``add_group_response`` (all
  answers at once); this adapter opens a personal invitation labelled as the group's and marks its
  response as a group answer. Reported to the store's owner as a wished-for
  ``Store.start_group_response(round_id, label)``.
- ``round_scores_history`` / ``with_previous``: earlier rounds for the trend and comparison charts,
  from stored snapshots, with the anonymity minimum applied to every earlier round.
- access checks: every id that arrives from a URL is checked against the signed-in user's workspaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from diagnose.diagnosis import Diagnosis, PreviousRound
from diagnose.store import AccessDenied, NotFound, Store
from diagnose.store import models as store_models
from diagnose.store.types import NetworkInfo, ResponseInfo, RoundHistory, RoundInfo, Snapshot


def snapshot_diagnosis(snapshot: Snapshot) -> Diagnosis:
    """A stored snapshot's diagnosis (tolerates the data as a JSON string as well as a dict)."""
    data = snapshot.data
    if isinstance(data, (str, bytes)):
        return Diagnosis.model_validate_json(data)
    return Diagnosis.model_validate(data)


def visible_scores(d: Diagnosis) -> dict[str, float]:
    """The construct means of a diagnosis that may be shown (anonymity minimum respected)."""
    if not (d.anonymity.met or d.round.group_only):
        return {}
    return {cid: s.mean for cid, s in d.scores.items() if d.round.group_only or not s.below_minimum}


def results_allowed(d: Diagnosis) -> bool:
    """Aggregates may be shown: enough respondents, or the round is one live group answer."""
    return d.anonymity.met or d.round.group_only


def previous_rounds(history: list[RoundHistory], round_id: int) -> list[PreviousRound]:
    """The rounds before ``round_id`` that have a diagnosis that may be shown, oldest first."""
    result: list[PreviousRound] = []
    for entry in history:
        if entry.round.id == round_id:
            break
        if entry.snapshot is None:
            continue
        scores = visible_scores(snapshot_diagnosis(entry.snapshot))
        if scores:
            date = entry.round.date.isoformat() if entry.round.date else None
            result.append(PreviousRound(label=entry.round.label, date=date, scores=scores))
    return result


def with_previous(current: Diagnosis, earlier: Diagnosis, label: str, date: dt.date | None) -> Diagnosis:
    """``current`` compared with any earlier round (for the side-by-side of two rounds)."""
    previous = PreviousRound(
        label=label, date=date.isoformat() if date else None, scores=visible_scores(earlier)
    )
    return current.model_copy(update={"previous": previous})


@dataclass(frozen=True)
class GroupDraft:
    response: ResponseInfo
    invitation_id: int


def start_group_response(store: Store, round_id: int, label: str) -> GroupDraft:
    """A draft group answer that autosaves like a respondent's (see the module docstring)."""
    made = store.create_invitations(round_id, labels=[label])[0]
    opened = store.open_response(made.token)
    if opened.response is None:
        raise NotFound("antwoordset", "response", made.invitation.id)
    with Session(store.engine) as session, session.begin():
        session.execute(
            update(store_models.Response)
            .where(store_models.Response.id == opened.response.id)
            .values(is_group=True)
        )
    return GroupDraft(store.get_response(opened.response.id), made.invitation.id)


def current_diagnosis(store: Store, round_id: int) -> Diagnosis | None:
    """The round's diagnosis: the latest snapshot while it is up to date, else a fresh one.

    A snapshot is up to date when it counted every submitted response and was made with the rule
    base now loaded; otherwise the round is diagnosed again (which stores a new snapshot). None when
    nothing has been submitted yet.
    """
    counts = store.round_counts(round_id)
    if counts.submitted == 0:
        return None
    snapshot = store.latest_snapshot(round_id)
    settings = store.bundle.settings
    if (
        snapshot is None
        or snapshot.respondents != counts.submitted
        or (snapshot.ruleset_id, snapshot.ruleset_version) != (settings.id, settings.version)
    ):
        snapshot = store.diagnose_round(round_id)
    return snapshot_diagnosis(snapshot)


def load_demo(store: Store) -> tuple[str, str]:
    """Fill an empty database with the demo data; returns the demo account (e-mail, password)."""
    from diagnose.store import demo

    demo.build_demo(store)
    return demo.DEMO_EMAIL, demo.DEMO_PASSWORD


def check_network(store: Store, user_id: int, network_id: int) -> NetworkInfo:
    network = store.get_network(network_id)
    store.require_member(user_id, network.workspace_id)
    return network


def check_round(store: Store, user_id: int, round_id: int) -> RoundInfo:
    rnd = store.get_round(round_id)
    store.require_member(user_id, rnd.workspace_id)
    return rnd


def check_response(store: Store, user_id: int, response_id: int) -> tuple[ResponseInfo, RoundInfo]:
    response = store.get_response(response_id)
    rnd = check_round(store, user_id, response.round_id)
    return response, rnd


__all__ = [
    "AccessDenied",
    "GroupDraft",
    "check_network",
    "check_response",
    "check_round",
    "previous_rounds",
    "results_allowed",
    "start_group_response",
    "visible_scores",
    "with_previous",
]
