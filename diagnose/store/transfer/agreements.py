"""Agreements in the archive: read from the database for an export, written back on import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.agreements import aimed_constructs
from diagnose.store import agreement_rows, models
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.models import utcnow
from diagnose.store.transfer import archive as ar


def load(s: Session, round_ids: Sequence[int]) -> dict[int, list[ar.ArchiveAgreement]]:
    """Each round's agreements (round id → agreements in the order made), with their history."""
    found: dict[int, list[ar.ArchiveAgreement]] = {}
    rows = list(
        s.scalars(
            select(models.Agreement)
            .where(models.Agreement.round_id.in_(round_ids))
            .order_by(models.Agreement.id)
        )
    )
    history: dict[int, list[ar.ArchiveStatus]] = {}
    for st in s.scalars(
        select(models.AgreementStatus)
        .where(models.AgreementStatus.agreement_id.in_([r.id for r in rows]))
        .order_by(models.AgreementStatus.date, models.AgreementStatus.id)
    ):
        history.setdefault(st.agreement_id, []).append(
            ar.ArchiveStatus.model_validate({"status": st.status, "note": st.note, "date": st.date})
        )
    for row in rows:
        found.setdefault(row.round_id, []).append(
            ar.ArchiveAgreement(
                text=row.text,
                owner=row.owner,
                due=row.due,
                findings=list(row.findings),
                constructs=list(row.constructs),
                created_at=row.created_at,
                history=history.get(row.id, []),
            )
        )
    return found


def file_agreements(store: Diagnoses, round_id: int) -> list[dict[str, Any]] | None:
    """The round's agreements as a response file's `agreements` section (constructs resolved from
    the findings they answer; an agreement aimed at no construct gives the rules nothing); None
    when none were recorded (then they are not known, as in the store's diagnosis)."""
    with store.db.read() as s:
        made = agreement_rows.agreements_of(s, [round_id])[round_id]
    if not made:
        return None
    found = []
    for a in made:
        constructs = aimed_constructs(a, store.db.bundle)
        if constructs:
            found.append(
                {
                    "text": a.text,
                    **({"owner": a.owner} if a.owner else {}),
                    **({"due": a.due.isoformat()} if a.due else {}),
                    "constructs": list(constructs),
                    "status": a.status,
                    **({"note": a.last_change.note} if a.last_change.note else {}),
                }
            )
    return found


def write(s: Session, round_id: int, agreements: Sequence[ar.ArchiveAgreement]) -> None:
    for a in agreements:
        row = models.Agreement(
            round_id=round_id,
            text=a.text,
            owner=a.owner,
            due=a.due,
            findings=list(a.findings),
            constructs=list(a.constructs),
            created_at=a.created_at or utcnow(),
        )
        s.add(row)
        s.flush()
        s.add_all(
            models.AgreementStatus(agreement_id=row.id, status=h.status, note=h.note, date=h.date)
            for h in a.history
        )
