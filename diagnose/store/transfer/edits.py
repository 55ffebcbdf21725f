"""The consultant's edits and the workspaces' branding in the archive: read for an export, checked
and written back on import (a logo is checked again: an archive is somebody's file)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.problems import Problem
from diagnose.store import models
from diagnose.store.logo import LogoRefused, check_logo
from diagnose.store.models import utcnow
from diagnose.store.transfer import archive as ar
from diagnose.store.transfer.plan import Problems
from diagnose.text import LocalizedText


def load(s: Session, round_ids: Sequence[int]) -> dict[int, list[ar.ArchiveEditVersion]]:
    """Each round's edit versions, oldest first (rounds never edited are left out)."""
    found: dict[int, list[ar.ArchiveEditVersion]] = {}
    for row in s.scalars(
        select(models.RoundEdit)
        .where(models.RoundEdit.round_id.in_(round_ids))
        .order_by(models.RoundEdit.round_id, models.RoundEdit.version)
    ):
        found.setdefault(row.round_id, []).append(
            ar.ArchiveEditVersion.model_validate(
                {"version": row.version, "edit": row.edit, "by": row.by_name, "created_at": row.created_at}
            )
        )
    return found


def load_branding(s: Session, workspace_id: int) -> ar.ArchiveBranding | None:
    row = s.get(models.WorkspaceBranding, workspace_id)
    if row is None:
        return None
    return ar.ArchiveBranding(
        organisation=row.organisation,
        logo_base64=base64.b64encode(row.logo).decode("ascii") if row.logo is not None else None,
        by=row.by_name,
        updated_at=row.updated_at,
    )


def check(problems: Problems, rnd: ar.ArchiveRound, file: str, where: str) -> None:
    """The versions of a round's edit count 1, 2, 3 ... (the newest is the edit)."""
    numbers = [v.version for v in rnd.edits]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.add(
            Problem(
                "invalid-value",
                file=file,
                id=where,
                field="edits",
                params={
                    "detail": LocalizedText(
                        nl="de versies van de bewerking moeten 1, 2, 3 … zijn, oudste eerst",
                        en="the edit's versions must be 1, 2, 3 … oldest first",
                    )
                },
            )
        )


def check_branding(problems: Problems, branding: ar.ArchiveBranding | None, file: str, where: str) -> None:
    """A logo in the archive passes the same check as one uploaded in the app."""
    if branding is None or branding.logo_base64 is None:
        return
    try:
        check_logo(base64.b64decode(branding.logo_base64, validate=True))
    except (binascii.Error, ValueError):
        problems.add(Problem("logo-type", file=file, id=where, field="branding.logo_base64"))
    except LogoRefused as exc:
        problems.add(
            Problem(exc.code, file=file, id=where, field="branding.logo_base64", params=exc.problem.params)
        )


def write(s: Session, round_id: int, versions: Sequence[ar.ArchiveEditVersion]) -> None:
    s.add_all(
        models.RoundEdit(
            round_id=round_id,
            version=v.version,
            edit=v.edit.model_dump(mode="json"),
            by_name=v.by,
            created_at=v.created_at or utcnow(),
        )
        for v in versions
    )


def write_branding(s: Session, workspace_id: int, branding: ar.ArchiveBranding | None) -> None:
    """The archive's branding for a workspace the import creates (checked by check_branding)."""
    if branding is None:
        return
    logo = check_logo(base64.b64decode(branding.logo_base64)) if branding.logo_base64 else None
    s.add(
        models.WorkspaceBranding(
            workspace_id=workspace_id,
            organisation=branding.organisation,
            logo=logo.data if logo else None,
            logo_type=logo.kind if logo else None,
            logo_width=logo.width if logo else None,
            logo_height=logo.height if logo else None,
            by_name=branding.by,
            updated_at=branding.updated_at or utcnow(),
        )
    )
