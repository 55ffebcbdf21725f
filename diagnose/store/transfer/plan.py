"""What an import will write, checked before anything is written: the plan, and the look-ups the
readers of every file shape share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diagnose.item_types import choices
from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import records
from diagnose.store import types as t
from diagnose.store.responses import Responses
from diagnose.store.transfer import archive as ar
from diagnose.text import LocalizedText

MAX_TABLE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
MAX_PROBLEMS = 100
DEFAULT_QUESTIONNAIRE = "netwerkscan"


@dataclass(frozen=True)
class Target:
    """Where answers without their own network/round go (tables and response files)."""

    workspace_id: int | None = None
    network: str | None = None
    round_label: str | None = None
    round_date: dt.date | None = None
    questionnaire_id: str | None = None
    workspace_name: str | None = None  # a new workspace, created only when the whole file is valid


NO_TARGET = Target()


@dataclass
class PlanResponse:
    respondent: str
    role: str | None
    group: bool
    answers: dict[str, Any]
    status: str = "submitted"
    invitation_ref: int | None = None
    resume_key_hash: str | None = None
    created_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None


@dataclass
class PlanRound:
    label: str
    date: dt.date | None
    questionnaire: Questionnaire
    existing_id: int | None = None
    keep: bool = False  # a history round the network already has: left alone
    responses: list[PlanResponse] = field(default_factory=list)
    results_visible: bool = False
    created_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    invitations: list[ar.ArchiveInvitation] = field(default_factory=list)
    snapshots: list[ar.ArchiveSnapshot] = field(default_factory=list)
    agreements: list[ar.ArchiveAgreement] = field(default_factory=list)
    edits: list[ar.ArchiveEditVersion] = field(default_factory=list)


@dataclass
class PlanNetwork:
    name: str
    existing_id: int | None
    profile: dict[str, Any] | None  # None: leave an existing network's profile as it is
    rounds: list[PlanRound] = field(default_factory=list)
    created_at: dt.datetime | None = None


@dataclass
class PlanWorkspace:
    name: str
    existing_id: int | None
    is_demo: bool = False
    networks: list[PlanNetwork] = field(default_factory=list)
    created_at: dt.datetime | None = None
    branding: ar.ArchiveBranding | None = None  # for a workspace the import creates


class Problems:
    """Collects problems; stops collecting (but counts) after MAX_PROBLEMS."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, problem: Problem) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(problem)
        else:
            self.dropped += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            self.add(p)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        problems = list(self.items)
        if self.dropped:
            problems.append(
                Problem(
                    "invalid-value",
                    id="...",
                    params={
                        "detail": LocalizedText(
                            nl=f"en nog {self.dropped} problemen", en=f"and {self.dropped} more problems"
                        ),
                    },
                )
            )
        raise ValidationFailed(problems)


def check_name(
    problems: Problems,
    name: str,
    *,
    file: str,
    line: int | None = None,
    where: str | None = None,
    field: str | None = None,
) -> None:
    """A name or label the store could not keep (too long, empty, control characters), as a
    located problem: checked here so that nothing is written that export or rediagnose trips on."""
    problem = records.name_problem(name)
    if problem is not None:
        problems.add(Problem(problem.code, file, line, where or problem.id, field, problem.params))


def target_workspace(store: Responses, target: Target, filename: str) -> PlanWorkspace:
    if target.workspace_id is None and target.workspace_name is not None:
        return new_workspace(target.workspace_name, filename)
    if target.workspace_id is None:
        raise ValidationFailed([Problem("no-round-target", file=filename, id="workspace")])
    ws = store.get_workspace(target.workspace_id)
    return PlanWorkspace(ws.name, ws.id)


def new_workspace(name: str, filename: str) -> PlanWorkspace:
    problems = Problems()
    check_name(problems, name, file=filename, where="workspace", field="name")
    problems.raise_if_any()
    return PlanWorkspace(" ".join(name.split()), None)


def existing_network(store: Responses, workspace_id: int | None, name: str) -> t.NetworkInfo | None:
    if workspace_id is None:
        return None
    clean = " ".join(name.split())
    return next((n for n in store.list_networks(workspace_id) if n.name == clean), None)


def existing_round(store: Responses, network: t.NetworkInfo | None, label: str) -> t.RoundInfo | None:
    if network is None:
        return None
    clean = " ".join(label.split())
    return next((r for r in store.list_rounds(network.id) if r.label == clean), None)


def find_questionnaire(
    store: Responses,
    qid: str,
    version: str | None,
    problems: Problems,
    *,
    file: str,
    line: int | None = None,
    where: str = "questionnaire",
) -> Questionnaire | None:
    try:
        return store.db.bundle.questionnaire(qid, version)
    except ValidationFailed as exc:
        problems.extend(Problem(p.code, file, line, where, p.field, p.params) for p in exc.problems)
        return None


def respondents_in(store: Responses, round_id: int | None) -> set[str]:
    if round_id is None:
        return set()
    return {r.respondent for r in store.list_responses(round_id)}


def role_options(q: Questionnaire) -> list[str]:
    item = q.fact_item(ROLE_CONSTRUCT)
    return list(item.option_values) if item else []


def role_names(q: Questionnaire) -> LocalizedText:
    """The roles a file may name, as a person reads them (item_types.choices)."""
    item = q.fact_item(ROLE_CONSTRUCT)
    nl, en = choices(item) if item else ("", "")
    return LocalizedText(nl=nl, en=en)
