"""Edit and branding rows read as the core's records: one reading for the edits room, the
re-diagnosis report and the export."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from diagnose.edits import Branding, Edit, EditVersion, changes
from diagnose.store import models


def to_version(row: models.RoundEdit, before: Edit | None = None) -> EditVersion:
    """The version; with what it changed when the version `before` it is given (the history)."""
    edit = Edit.model_validate(row.edit)
    return EditVersion(
        version=row.version,
        edit=edit,
        by=row.by_name,
        at=row.created_at,
        changes=tuple(changes(before, edit)) if before is not None else (),
    )


def latest(s: Session, round_ids: Sequence[int]) -> dict[int, EditVersion]:
    """Each round's current edit (rounds never edited are left out)."""
    if not round_ids:
        return {}
    newest = (
        select(models.RoundEdit.round_id, func.max(models.RoundEdit.version).label("version"))
        .where(models.RoundEdit.round_id.in_(round_ids))
        .group_by(models.RoundEdit.round_id)
        .subquery()
    )
    rows = s.scalars(
        select(models.RoundEdit).join(
            newest,
            (models.RoundEdit.round_id == newest.c.round_id) & (models.RoundEdit.version == newest.c.version),
        )
    )
    return {row.round_id: to_version(row) for row in rows}


def history(s: Session, round_id: int) -> list[EditVersion]:
    """Every saved version of the round's edit, oldest first, each with what it changed."""
    found: list[EditVersion] = []
    before = Edit()
    for row in s.scalars(
        select(models.RoundEdit)
        .where(models.RoundEdit.round_id == round_id)
        .order_by(models.RoundEdit.version)
    ):
        version = to_version(row, before)
        found.append(version)
        before = version.edit
    return found


def branding(s: Session, workspace_id: int) -> Branding:
    row = s.get(models.WorkspaceBranding, workspace_id)
    if row is None:
        return Branding()
    return Branding(
        organisation=row.organisation,
        logo=row.logo,
        logo_type=row.logo_type,  # the table allows png and svg only
        width=row.logo_width,
        height=row.logo_height,
    )
