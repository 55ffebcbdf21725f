"""Who may export answers per respondent or make a backup, and the record that they did.

Such an export is a deliberate choice: a workspace owner (an admin of every workspace in it)
signed in to the app, or the server's operator on the command line (who can read the database
anyway). Anyone else is refused (AccessDenied) and nothing is written. Every such export is
logged in `export_log`: who, via what, what (in words, so the record outlives a deleted network),
the format, how many rounds and respondent rows, how many rounds were left out because their
results are closed. Exports of results (aggregates) are open to every member and not logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.store import models
from diagnose.store import types as t
from diagnose.store.errors import AccessDenied

Kind = Literal["respondents", "backup"]


def require_owner(s: Session, by: t.ExportBy, workspace_ids: Sequence[int]) -> str:
    """Who `by` is, in words for the log; raises AccessDenied unless `by` is the command line or
    an admin of every workspace in `workspace_ids`."""
    if by.user_id is None:
        if by.via == "app":
            raise AccessDenied(workspace_ids[0] if workspace_ids else 0)
        return (by.who or by.via)[:320]
    roles = dict(
        s.execute(
            select(models.Membership.workspace_id, models.Membership.role).where(
                models.Membership.user_id == by.user_id,
                models.Membership.workspace_id.in_(workspace_ids),
            )
        ).all()
    )
    for workspace_id in workspace_ids:
        if roles.get(workspace_id) != "admin":
            raise AccessDenied(workspace_id)
    user = s.get(models.User, by.user_id)
    return (user.email if user is not None else str(by.user_id))[:320]


def record(
    s: Session,
    by: t.ExportBy,
    who: str,
    *,
    kind: Kind,
    workspace_id: int | None,
    scope: str,
    fmt: str,
    rounds: int,
    respondents: int,
    left_out: int,
) -> None:
    s.add(
        models.ExportLog(
            workspace_id=workspace_id,
            user_id=by.user_id,
            who=who,
            via=by.via,
            kind=kind,
            scope=scope[:500],
            format=fmt,
            rounds=rounds,
            respondents=respondents,
            left_out=left_out,
        )
    )
    # the audit trail (store/audit.py) shows it beside sign-ins and deletions, in the same transaction
    s.add(
        models.AuditEvent(
            action=f"export_{kind}",
            actor=who[: models.NAME_LENGTH],
            user_id=by.user_id,
            workspace_id=workspace_id,
            subject=f"‘{scope}’ ({fmt}, {by.via})"[:400],
        )
    )


def to_record(row: models.ExportLog) -> t.ExportRecord:
    return t.ExportRecord(
        id=row.id,
        created_at=row.created_at,
        workspace_id=row.workspace_id,
        who=row.who,
        via=row.via,
        kind="backup" if row.kind == "backup" else "respondents",
        scope=row.scope,
        format=row.format,
        rounds=row.rounds,
        respondents=row.respondents,
        left_out=row.left_out,
    )
