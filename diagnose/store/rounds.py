"""Rounds of a network (opened, closed, counted) and the invitations that lead respondents to them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from diagnose.diagnosis import may_show, results_open
from diagnose.problems import Problem, ValidationFailed
from diagnose.store import credentials, models, records
from diagnose.store import types as t
from diagnose.store.answer_checks import check_role
from diagnose.store.chronology import round_sort_key
from diagnose.store.db import among
from diagnose.store.errors import Conflict, NotFound
from diagnose.store.models import utcnow
from diagnose.store.networks import Networks
from diagnose.text import LocalizedText


class Unset:
    """The default of an argument whose None means something (remove the threshold)."""


UNSET = Unset()


def _check_identity(identity: str) -> None:
    if identity not in t.ROUND_IDENTITIES:
        raise ValidationFailed([Problem("round-identity", id="identity", params={"key": identity})])


def _check_rate(rate: int | None) -> None:
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, int) or not 1 <= rate <= 100):
        raise ValidationFailed(
            [Problem("response-rate-minimum", id="response_rate_minimum", params={"key": rate})]
        )


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
        identity: t.RoundIdentity = "anonymous",
        response_rate_minimum: int | None = None,
    ) -> t.RoundInfo:
        """A new round, anonymous unless `identity` is "named"; results stay closed below the
        anonymity minimum and below `response_rate_minimum` percent of the links issued."""
        q = self.db.bundle.questionnaire(questionnaire_id, questionnaire_version)
        clean = records.check_name(label)
        _check_identity(identity)
        _check_rate(response_rate_minimum)
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
                    identity=identity,
                    response_rate_minimum=response_rate_minimum,
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
        identity: t.RoundIdentity | None = None,
        response_rate_minimum: int | Unset | None = UNSET,
    ) -> t.RoundInfo:
        """Change what is given; `response_rate_minimum=None` removes the threshold. A round that
        already has answers cannot become named: its respondents were told it is anonymous."""
        if identity is not None:
            _check_identity(identity)
        if not isinstance(response_rate_minimum, Unset):
            _check_rate(response_rate_minimum)
        try:
            with self.db.write() as s:
                row, workspace_id = records.round_row(s, round_id)
                if identity is not None and identity != row.identity:
                    if identity == "named" and s.scalar(
                        select(exists().where(models.Response.round_id == round_id))
                    ):
                        raise Conflict(Problem("round-named-locked", id=row.label))
                    row.identity = identity
                if not isinstance(response_rate_minimum, Unset):
                    row.response_rate_minimum = response_rate_minimum
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
        """The counts of types.RoundCounts. A draft behind a revoked link is left out (it can never
        be handed in); a revoked link whose response was handed in still counts as invited."""
        result = {rid: t.RoundCounts(0, 0, 0, 0) for rid in round_ids}
        if not round_ids:
            return result
        R, Inv = models.Response, models.Invitation
        started = or_(R.status == "submitted", exists().where(models.Answer.response_id == R.id))
        counted = or_(R.status == "submitted", R.invitation_id.is_(None), Inv.revoked_at.is_(None))
        with self.db.read() as s:
            invited = self._invited(s, round_ids)
            rows = s.execute(
                select(
                    R.round_id,
                    func.count(),
                    func.sum(case((started, 1), else_=0)),
                    func.sum(case((R.status == "submitted", 1), else_=0)),
                )
                .outerjoin(Inv, Inv.id == R.invitation_id)
                .where(among(R.round_id, round_ids, self.db.dialect), counted)
                .group_by(R.round_id)
            ).all()
        for rid, opened, n_started, submitted in rows:
            result[rid] = t.RoundCounts(0, int(opened), int(n_started or 0), int(submitted or 0))
        for rid, n in invited.items():
            c = result[rid]
            result[rid] = t.RoundCounts(n, c.opened, c.started, c.submitted)
        return result

    @staticmethod
    def _invited(s: Session, round_ids: Sequence[int]) -> dict[int, int]:
        """Per round: personal links issued and not revoked, or revoked after their questionnaire
        was handed in (types.RoundCounts.invited)."""
        R, Inv = models.Response, models.Invitation
        handed_in = exists().where(R.invitation_id == Inv.id, R.status == "submitted")
        return {
            int(rid): int(n)
            for rid, n in s.execute(
                select(Inv.round_id, func.count())
                .where(
                    among(Inv.round_id, round_ids, s.get_bind().dialect.name),
                    Inv.kind == "personal",
                    or_(Inv.revoked_at.is_(None), handed_in),
                )
                .group_by(Inv.round_id)
            ).all()
        }

    def closed_results(self, round_ids: Sequence[int]) -> dict[int, t.ClosedReason]:
        """The rounds among `round_ids` whose results may not be shown or exported, with why:
        "none" (nothing handed in), "minimum" (fewer respondents than the anonymity minimum) or
        "response_rate" (below the round's own threshold). The rule is the core's
        `results_open`; a round not in the answer has open results."""
        counts = self._counts(round_ids)
        R = models.Response
        with self.db.read() as s:
            rows = dict(
                s.execute(
                    select(models.Round.id, models.Round.response_rate_minimum).where(
                        among(models.Round.id, round_ids, self.db.dialect)
                    )
                ).all()
            )
            individual = dict(
                s.execute(
                    select(R.round_id, func.count())
                    .where(
                        among(R.round_id, round_ids, self.db.dialect),
                        R.status == "submitted",
                        R.is_group.is_(False),
                    )
                    .group_by(R.round_id)
                ).all()
            )
        minimum = self.db.bundle.settings.anonymity_minimum
        closed: dict[int, t.ClosedReason] = {}
        for rid in round_ids:
            c = counts[rid]
            group_only = c.submitted > 0 and not individual.get(rid, 0)
            if c.submitted == 0:
                closed[rid] = "none"
            elif not may_show(c.submitted, group_only, minimum):
                closed[rid] = "minimum"
            elif not results_open(
                c.submitted, group_only, minimum, invited=c.invited, rate_minimum=rows.get(rid)
            ):
                closed[rid] = "response_rate"
        return closed

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

    def named_roles(self, round_id: int) -> dict[int, str | None]:
        """In a named round: invitation id → the role its respondent chose (None: not chosen yet),
        for the coordinator's list of who took part. In an anonymous round nothing ({}): there a
        link's label is never joined to anything its respondent answered, the role included."""
        with self.db.read() as s:
            row, _ = records.round_row(s, round_id)
            if row.identity != "named":
                return {}
            found = s.execute(
                select(models.Response.invitation_id, models.Response.role).where(
                    models.Response.round_id == round_id,
                    models.Response.invitation_id.is_not(None),
                    models.Response.is_group.is_(False),
                )
            ).all()
            return {invitation_id: role for invitation_id, role in found if invitation_id is not None}

    def revoke_invitation(self, invitation_id: int) -> None:
        with self.db.write() as s:
            row = s.get(models.Invitation, invitation_id)
            if row is None:
                raise NotFound("invitation", invitation_id)
            if row.revoked_at is None:
                row.revoked_at = utcnow()
