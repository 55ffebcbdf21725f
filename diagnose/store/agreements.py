"""The steering group's agreements (afspraken) per round, and their status through the year.

An agreement belongs to the round whose results it answers. It names what will be done, who pulls
it (a role or a name, the coordinator's own text), by when, the findings of the round it answers
and the constructs it aims to move; its status (planned / under way / done / dropped) changes with
a note and a date, each change kept. The records handed out are the core's `Agreement`s, so the
report and the comparison with the next round (`diagnose.agreements.effects`) read them as they are.

Refused with a located message and nothing stored: an empty text, a due date before the round,
a finding the round's diagnosis does not have, a construct its questionnaire does not measure, and
a user who is not a member of the round's workspace (when a user is given: the app always does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.agreements import (
    NOTE_LENGTH,
    OWNER_LENGTH,
    STATUSES,
    TEXT_LENGTH,
    Agreement,
    StatusChange,
)
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.store import agreement_rows, models, records
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.errors import AccessDenied, NotFound
from diagnose.text import LocalizedText


class Agreements(Diagnoses):
    """Agreements of a round and their status."""

    def add_agreement(
        self,
        round_id: int,
        text: str,
        *,
        owner: str = "",
        due: dt.date | None = None,
        findings: Sequence[str] = (),
        constructs: Sequence[str] = (),
        status: str = "planned",
        note: str = "",
        on: dt.date | None = None,
        user_id: int | None = None,
    ) -> Agreement:
        """A new agreement of the round, with its first status (planned unless told)."""
        with self.db.write() as s:
            row, workspace_id = records.round_row(s, round_id)
            self._check_access(s, user_id, workspace_id)
            clean = self._checked(s, row, text, owner, due, findings, constructs)
            change = _status_change(status, note, on)
            agreement = models.Agreement(
                round_id=round_id,
                text=clean.text,
                owner=clean.owner,
                due=clean.due,
                findings=list(clean.findings),
                constructs=list(clean.constructs),
            )
            s.add(agreement)
            s.flush()
            s.add(_status_row(agreement.id, change))
            s.flush()
            made = self._record(s, agreement, row.label)
        self._diagnose_next(round_id)
        return made

    def update_agreement(
        self,
        agreement_id: int,
        *,
        text: str | None = None,
        owner: str | None = None,
        due: dt.date | None = None,
        findings: Sequence[str] | None = None,
        constructs: Sequence[str] | None = None,
        user_id: int | None = None,
    ) -> Agreement:
        """Change what was agreed (not its status: `set_agreement_status`)."""
        with self.db.write() as s:
            agreement, row, workspace_id = self._agreement_row(s, agreement_id)
            self._check_access(s, user_id, workspace_id)
            clean = self._checked(
                s,
                row,
                agreement.text if text is None else text,
                agreement.owner if owner is None else owner,
                agreement.due if due is None else due,
                agreement.findings if findings is None else findings,
                agreement.constructs if constructs is None else constructs,
            )
            agreement.text, agreement.owner, agreement.due = clean.text, clean.owner, clean.due
            agreement.findings, agreement.constructs = list(clean.findings), list(clean.constructs)
            s.flush()
            made = self._record(s, agreement, row.label)
        self._diagnose_next(agreement.round_id)
        return made

    def set_agreement_status(
        self,
        agreement_id: int,
        status: str,
        *,
        note: str = "",
        on: dt.date | None = None,
        user_id: int | None = None,
    ) -> Agreement:
        """A new step in the agreement's year: its status with a short note and a date (today)."""
        with self.db.write() as s:
            agreement, row, workspace_id = self._agreement_row(s, agreement_id)
            self._check_access(s, user_id, workspace_id)
            s.add(_status_row(agreement.id, _status_change(status, note, on)))
            s.flush()
            made = self._record(s, agreement, row.label)
        self._diagnose_next(row.id)
        return made

    def delete_agreement(self, agreement_id: int, *, user_id: int | None = None) -> None:
        with self.db.write() as s:
            agreement, row, workspace_id = self._agreement_row(s, agreement_id)
            self._check_access(s, user_id, workspace_id)
            s.delete(agreement)
        self._diagnose_next(row.id)

    def get_agreement(self, agreement_id: int) -> Agreement:
        with self.db.read() as s:
            agreement, row, _ = self._agreement_row(s, agreement_id)
            return self._record(s, agreement, row.label)

    def list_agreements(self, round_id: int) -> list[Agreement]:
        """The round's agreements in the order they were made."""
        with self.db.read() as s:
            records.round_row(s, round_id)
            return agreement_rows.agreements_of(s, [round_id])[round_id]

    def network_agreements(self, network_id: int) -> dict[int, list[Agreement]]:
        """Every round of the network (by id, in the store's round order) with its agreements."""
        return {r.id: self.list_agreements(r.id) for r in self.list_rounds(network_id)}

    def _diagnose_next(self, round_id: int) -> None:
        """The rounds diagnosed against this one see its agreements (`action.C`): diagnose again
        those that have a diagnosis, so what they show follows the agreements' status."""
        for later in self.list_rounds(self.get_round(round_id).network_id):
            if later.id == round_id or self.latest_snapshot(later.id) is None:
                continue
            earlier = self.history_round(later.id)
            if earlier is not None and earlier.id == round_id:
                self.diagnose_round(later.id)

    # --- checks -------------------------------------------------------------------------------

    def _checked(
        self,
        s: Session,
        row: models.Round,
        text: str,
        owner: str,
        due: dt.date | None,
        findings: Iterable[str],
        constructs: Iterable[str],
    ) -> Agreement:
        problems: list[Problem] = []
        text, owner = text.strip(), owner.strip()
        if not text:
            problems.append(Problem("agreement-text", field="text"))
        elif len(text) > TEXT_LENGTH:
            problems.append(Problem("agreement-too-long", field="text", params={"limit": TEXT_LENGTH}))
        if len(owner) > OWNER_LENGTH:
            problems.append(Problem("agreement-too-long", field="owner", params={"limit": OWNER_LENGTH}))
        start = row.date or row.created_at.date()
        if due is not None and due < start:
            problems.append(
                Problem(
                    "agreement-due",
                    field="due",
                    params={"due": due.isoformat(), "start": start.isoformat(), "round": row.label},
                )
            )
        findings, constructs = tuple(dict.fromkeys(findings)), tuple(dict.fromkeys(constructs))
        if findings:
            known = self._round_findings(s, row.id)
            problems += [
                Problem(
                    "agreement-finding",
                    id=f,
                    field="findings",
                    params={"key": f, "round": row.label, "suggestion": did_you_mean(f, known)},
                )
                for f in findings
                if f not in known
            ]
        measured = set(
            self.db.bundle.questionnaire(row.questionnaire_id, row.questionnaire_version).items_by_construct
        )
        problems += [
            Problem(
                "agreement-construct",
                id=c,
                field="constructs",
                params={"key": c, "round": row.label, "suggestion": did_you_mean(c, measured)},
            )
            for c in constructs
            if c not in measured
        ]
        if problems:
            raise ValidationFailed(problems)
        return Agreement(
            round_label=row.label,
            text=text,
            owner=owner,
            due=due,
            findings=findings,
            constructs=constructs,
            history=(StatusChange(status="planned", date=start),),
        )

    def _round_findings(self, s: Session, round_id: int) -> set[str]:
        """The rule ids of the findings in the round's latest diagnosis."""
        snap = s.scalars(
            select(models.DiagnosisSnapshot)
            .where(models.DiagnosisSnapshot.round_id == round_id)
            .order_by(models.DiagnosisSnapshot.id.desc())
            .limit(1)
        ).first()
        if snap is None:
            return set()
        return {f.rule for f in self.snapshot_from_row(s, snap).diagnosis().findings}

    @staticmethod
    def _check_access(s: Session, user_id: int | None, workspace_id: int) -> None:
        if user_id is None:
            return
        member = s.get(models.Membership, (user_id, workspace_id))
        if member is None:
            raise AccessDenied(workspace_id)

    # --- rows and records ---------------------------------------------------------------------

    @staticmethod
    def _agreement_row(s: Session, agreement_id: int) -> tuple[models.Agreement, models.Round, int]:
        agreement = s.get(models.Agreement, agreement_id)
        if agreement is None:
            raise NotFound("agreement", agreement_id)
        row, workspace_id = records.round_row(s, agreement.round_id)
        return agreement, row, workspace_id

    def _record(self, s: Session, agreement: models.Agreement, label: str) -> Agreement:
        return agreement_rows.to_agreement(
            agreement, label, agreement_rows.histories(s, [agreement.id])[agreement.id]
        )


def _status_change(status: str, note: str, on: dt.date | None) -> StatusChange:
    if status not in STATUSES:
        raise ValidationFailed(
            [
                Problem(
                    "agreement-status",
                    id=status,
                    field="status",
                    params={
                        "key": status,
                        "choices": LocalizedText(
                            nl=", ".join(f"{k} ({v.nl})" for k, v in STATUSES.items()),
                            en=", ".join(f"{k} ({v.en})" for k, v in STATUSES.items()),
                        ),
                    },
                )
            ]
        )
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        raise ValidationFailed([Problem("agreement-too-long", field="note", params={"limit": NOTE_LENGTH})])
    return StatusChange(status=status, note=note, date=on or dt.date.today())


def _status_row(agreement_id: int, change: StatusChange) -> models.AgreementStatus:
    return models.AgreementStatus(
        agreement_id=agreement_id, status=change.status, note=change.note, date=change.date
    )
