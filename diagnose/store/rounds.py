"""Rounds of a network (opened, closed, counted) and the invitations that lead respondents to them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from diagnose.problems import Problem
from diagnose.store import credentials, models, records
from diagnose.store import types as t
from diagnose.store.answer_checks import check_role
from diagnose.store.chronology import round_sort_key
from diagnose.store.errors import Conflict, NotFound
from diagnose.store.models import utcnow
from diagnose.store.networks import Networks
from diagnose.text import LocalizedText


class Rounds(Networks):
    """A network's rounds and their invitations."""

    def create_round(
        self,
        network_id: int,
        label: str,
        *,
        date: dt.date | None = None,
        questionnaire_id: str = "netwerkscan",
        questionnaire_version: str | None = None,
        results_visible_to_respondents: bool = False,
    ) -> t.RoundInfo:
        q = self.db.bundle.questionnaire(questionnaire_id, questionnaire_version)
        clean = records.check_name(label)
        try:
            with self.db.write() as s:
                network = records.network_row(s, network_id)
                row = models.Round(
                    network_id=network_id,
                    label=clean,
                    date=date,
                    questionnaire_id=q.id,
                    questionnaire_version=q.version,
                    results_visible_to_respondents=results_visible_to_respondents,
                )
                s.add(row)
                s.flush()
                return records.to_round(row, network.workspace_id)
        except IntegrityError as exc:
            network_name = self.get_network(network_id).name
            raise Conflict(
                Problem("round-exists", id="label", params={"key": clean, "network": network_name})
            ) from exc

    def get_round(self, round_id: int) -> t.RoundInfo:
        with self.db.read() as s:
            row, workspace_id = records.round_row(s, round_id)
            return records.to_round(row, workspace_id)

    def delete_round(self, round_id: int) -> None:
        """Gone with its invitations, responses, snapshots and agreements; later rounds keep their
        stored diagnoses. The app calls delete_round_keeping_export (diagnose.store.transfer)."""
        with self.db.write() as s:
            row, workspace_id = records.round_row(s, round_id)
            network = s.get(models.Network, row.network_id)
            subject = f"‘{network.name if network else '?'}’ / ‘{row.label}’ (#{round_id})"
            s.delete(row)
        self.record("delete_round", subject, workspace_id=workspace_id)

    def list_rounds(self, network_id: int) -> list[t.RoundInfo]:
        """The network's rounds, oldest first."""
        with self.db.read() as s:
            network = records.network_row(s, network_id)
            rows = sorted(
                s.scalars(select(models.Round).where(models.Round.network_id == network_id)),
                key=round_sort_key,
            )
            return [records.to_round(r, network.workspace_id) for r in rows]

    def update_round(
        self,
        round_id: int,
        *,
        label: str | None = None,
        date: dt.date | None = None,
        questionnaire_id: str | None = None,
        questionnaire_version: str | None = None,
        results_visible_to_respondents: bool | None = None,
    ) -> t.RoundInfo:
        try:
            with self.db.write() as s:
                row, workspace_id = records.round_row(s, round_id)
                if label is not None:
                    row.label = records.check_name(label)
                if date is not None:
                    row.date = date
                if results_visible_to_respondents is not None:
                    row.results_visible_to_respondents = results_visible_to_respondents
                if questionnaire_id is not None or questionnaire_version is not None:
                    q = self.db.bundle.questionnaire(
                        questionnaire_id or row.questionnaire_id, questionnaire_version
                    )
                    if (q.id, q.version) != (row.questionnaire_id, row.questionnaire_version):
                        if s.scalar(select(exists().where(models.Response.round_id == round_id))):
                            raise Conflict(Problem("questionnaire-locked", id=row.label))
                        row.questionnaire_id, row.questionnaire_version = q.id, q.version
                s.flush()
                return records.to_round(row, workspace_id)
        except IntegrityError as exc:
            raise Conflict(
                Problem(
                    "name-taken",
                    id="label",
                    params={"kind": LocalizedText(nl="ronde", en="round"), "key": label},
                )
            ) from exc

    def close_round(self, round_id: int) -> t.RoundInfo:
        with self.db.write() as s:
            row, workspace_id = records.round_row(s, round_id)
            if row.closed_at is None:
                row.closed_at = utcnow()
            return records.to_round(row, workspace_id)

    def reopen_round(self, round_id: int) -> t.RoundInfo:
        with self.db.write() as s:
            row, workspace_id = records.round_row(s, round_id)
            row.closed_at = None
            return records.to_round(row, workspace_id)

    def round_counts(self, round_id: int) -> t.RoundCounts:
        return self._counts([round_id])[round_id]

    def _counts(self, round_ids: Sequence[int]) -> dict[int, t.RoundCounts]:
        result = {rid: t.RoundCounts(0, 0, 0, 0) for rid in round_ids}
        if not round_ids:
            return result
        R = models.Response
        started = or_(R.status == "submitted", exists().where(models.Answer.response_id == R.id))
        with self.db.read() as s:
            invited = dict(
                s.execute(
                    select(models.Invitation.round_id, func.count())
                    .where(
                        models.Invitation.round_id.in_(round_ids),
                        models.Invitation.kind == "personal",
                        models.Invitation.revoked_at.is_(None),
                    )
                    .group_by(models.Invitation.round_id)
                ).all()
            )
            rows = s.execute(
                select(
                    R.round_id,
                    func.count(),
                    func.sum(case((started, 1), else_=0)),
                    func.sum(case((R.status == "submitted", 1), else_=0)),
                )
                .where(R.round_id.in_(round_ids))
                .group_by(R.round_id)
            ).all()
        for rid, opened, n_started, submitted in rows:
            result[rid] = t.RoundCounts(
                invited.get(rid, 0), int(opened), int(n_started or 0), int(submitted or 0)
            )
        for rid, n in invited.items():
            if result[rid].opened == 0:
                result[rid] = t.RoundCounts(n, 0, 0, 0)
            else:
                result[rid] = t.RoundCounts(n, result[rid].opened, result[rid].started, result[rid].submitted)
        return result

    def create_invitations(
        self,
        round_id: int,
        count: int = 1,
        *,
        expires_at: dt.datetime | None = None,
        role: str | None = None,
        labels: Sequence[str] | None = None,
    ) -> list[t.NewInvitation]:
        """Personal links, one response each. `labels` (e.g. whom you sent it to) sets the count."""
        names: list[str | None] = (
            [(records.check_name(x)) for x in labels] if labels is not None else [None] * count
        )
        return self._invite(round_id, "personal", names, expires_at, role)

    def create_shared_link(
        self, round_id: int, *, expires_at: dt.datetime | None = None, label: str | None = None
    ) -> t.NewInvitation:
        """One link for everyone: each browser that opens it gets a response of its own."""
        return self._invite(round_id, "shared", [label], expires_at, None)[0]

    def _invite(
        self,
        round_id: int,
        kind: t.InvitationKind,
        labels: Sequence[str | None],
        expires_at: dt.datetime | None,
        role: str | None,
    ) -> list[t.NewInvitation]:
        with self.db.write() as s:
            rnd, _ = records.round_row(s, round_id)
            check_role(self.db.bundle.questionnaire(rnd.questionnaire_id), role)
            made = []
            for label in labels:
                token = credentials.new_token()
                row = models.Invitation(
                    round_id=round_id,
                    token_hash=credentials.token_hash(token),
                    kind=kind,
                    label=label,
                    role=role,
                    expires_at=expires_at,
                )
                s.add(row)
                made.append((row, token))
            s.flush()
            return [t.NewInvitation(records.to_invitation(row, 0), token) for row, token in made]

    def list_invitations(self, round_id: int) -> list[t.Invitation]:
        with self.db.read() as s:
            counts = (
                select(models.Response.invitation_id, func.count().label("n"))
                .group_by(models.Response.invitation_id)
                .subquery()
            )
            rows = s.execute(
                select(models.Invitation, counts.c.n)
                .outerjoin(counts, counts.c.invitation_id == models.Invitation.id)
                .where(models.Invitation.round_id == round_id)
                .order_by(models.Invitation.id)
            )
            return [records.to_invitation(inv, int(n or 0)) for inv, n in rows]

    def revoke_invitation(self, invitation_id: int) -> None:
        with self.db.write() as s:
            row = s.get(models.Invitation, invitation_id)
            if row is None:
                raise NotFound("invitation", invitation_id)
            if row.revoked_at is None:
                row.revoked_at = utcnow()
