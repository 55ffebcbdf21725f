"""Rows to records, and the lookups every room needs: frozen records (diagnose.store.types) are what
the store hands out, never ORM objects."""

from __future__ import annotations

import re
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.problems import Problem
from diagnose.store import models
from diagnose.store import types as t
from diagnose.store.chronology import Dated
from diagnose.store.errors import Conflict, NotFound

# C0 and C1 control characters (an ANSI escape code begins with ESC, \x1b) and DEL; whitespace
# controls (tab, newline) were folded into spaces before this is asked
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def name_problem(name: str, limit: int = models.NAME_LENGTH) -> Problem | None:
    """Why this name cannot be stored (None when it can): the one rule for names of workspaces,
    networks, rounds and respondents, whether typed, given on the command line or imported."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > limit:
        return Problem("invalid-name", id="name", params={"limit": limit})
    if _CONTROL.search(cleaned):
        return Problem("name-control", id="name")
    return None


def check_name(name: str, limit: int = models.NAME_LENGTH) -> str:
    problem = name_problem(name, limit)
    if problem is not None:
        raise Conflict(problem)
    return " ".join(name.split())


_R = models.Round
ROUND_COLUMNS = select(
    _R.id,
    _R.network_id,
    _R.label,
    _R.date,
    _R.created_at,
    _R.questionnaire_id,
    _R.questionnaire_version,
    _R.response_rate_minimum,
)


class RoundRead(Dated, Protocol):
    """What diagnosing reads of a round: its ORM row, or a row of ROUND_COLUMNS."""

    @property
    def network_id(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def questionnaire_id(self) -> str: ...
    @property
    def questionnaire_version(self) -> str: ...
    @property
    def response_rate_minimum(self) -> int | None: ...


def to_user(row: models.User) -> t.User:
    return t.User(id=row.id, email=row.email, name=row.name, created_at=row.created_at)


def to_workspace(row: models.Workspace) -> t.Workspace:
    return t.Workspace(id=row.id, name=row.name, is_demo=row.is_demo, created_at=row.created_at)


def to_network(row: models.Network) -> t.NetworkInfo:
    return t.NetworkInfo(
        id=row.id,
        workspace_id=row.workspace_id,
        name=row.name,
        profile=dict(row.profile or {}),
        created_at=row.created_at,
    )


def to_round(row: models.Round, workspace_id: int) -> t.RoundInfo:
    return t.RoundInfo(
        id=row.id,
        network_id=row.network_id,
        workspace_id=workspace_id,
        label=row.label,
        date=row.date,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        is_open=row.closed_at is None,
        results_visible_to_respondents=row.results_visible_to_respondents,
        created_at=row.created_at,
        closed_at=row.closed_at,
        identity="named" if row.identity == "named" else "anonymous",
        response_rate_minimum=row.response_rate_minimum,
    )


def to_response(row: models.Response) -> t.ResponseInfo:
    return t.ResponseInfo(
        id=row.id,
        round_id=row.round_id,
        invitation_id=row.invitation_id,
        respondent=row.respondent,
        role=row.role,
        group=row.is_group,
        status="submitted" if row.status == "submitted" else "draft",
        created_at=row.created_at,
        submitted_at=row.submitted_at,
    )


def to_invitation(row: models.Invitation, responses: int) -> t.Invitation:
    return t.Invitation(
        id=row.id,
        round_id=row.round_id,
        kind="shared" if row.kind == "shared" else "personal",
        label=row.label,
        role=row.role,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        created_at=row.created_at,
        responses=responses,
    )


def to_snapshot(row: models.DiagnosisSnapshot, data: dict[str, Any]) -> t.Snapshot:
    return t.Snapshot(
        id=row.id,
        round_id=row.round_id,
        created_at=row.created_at,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        ruleset_id=row.ruleset_id,
        ruleset_version=row.ruleset_version,
        respondents=row.respondents,
        data=data,
    )


def workspace_row(s: Session, workspace_id: int) -> models.Workspace:
    row = s.get(models.Workspace, workspace_id)
    if row is None:
        raise NotFound("workspace", workspace_id)
    return row


def network_row(s: Session, network_id: int) -> models.Network:
    row = s.get(models.Network, network_id)
    if row is None:
        raise NotFound("network", network_id)
    return row


def round_row(s: Session, round_id: int) -> tuple[models.Round, int]:
    """The round and the id of its workspace."""
    found = s.execute(
        select(models.Round, models.Network.workspace_id)
        .join(models.Network, models.Network.id == models.Round.network_id)
        .where(models.Round.id == round_id)
    ).first()
    if found is None:
        raise NotFound("round", round_id)
    return found[0], found[1]
