"""Agreement rows read as the core's records: one reading for the agreements room, the diagnosis
of the next round (its `action.C` facts) and the response-file export."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.agreements import Agreement, StatusChange
from diagnose.store import models


def histories(s: Session, ids: Sequence[int]) -> dict[int, list[StatusChange]]:
    """Each agreement's status steps, oldest first."""
    found: dict[int, list[StatusChange]] = {i: [] for i in ids}
    if not ids:
        return found
    for st in s.scalars(
        select(models.AgreementStatus)
        .where(models.AgreementStatus.agreement_id.in_(ids))
        .order_by(models.AgreementStatus.date, models.AgreementStatus.id)
    ):
        found[st.agreement_id].append(
            StatusChange.model_validate({"status": st.status, "note": st.note, "date": st.date})
        )
    return found


def to_agreement(row: models.Agreement, label: str, history: list[StatusChange]) -> Agreement:
    return Agreement(
        id=row.id,
        round_label=label,
        text=row.text,
        owner=row.owner,
        due=row.due,
        findings=tuple(row.findings),
        constructs=tuple(row.constructs),
        history=tuple(history),
    )


def agreements_of(s: Session, round_ids: Sequence[int]) -> dict[int, list[Agreement]]:
    """Each round's agreements in the order made (rounds without any map to an empty list)."""
    found: dict[int, list[Agreement]] = {rid: [] for rid in round_ids}
    if not round_ids:
        return found
    labels: dict[int, str] = {
        row.id: row.label for row in s.scalars(select(models.Round).where(models.Round.id.in_(round_ids)))
    }
    rows = list(
        s.scalars(
            select(models.Agreement)
            .where(models.Agreement.round_id.in_(round_ids))
            .order_by(models.Agreement.id)
        )
    )
    steps = histories(s, [r.id for r in rows])
    for row in rows:
        found[row.round_id].append(to_agreement(row, labels[row.round_id], steps[row.id]))
    return found
