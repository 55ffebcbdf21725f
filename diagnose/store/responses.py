"""Responses: a respondent's link opened, answers autosaved one by one, a role, the hand-in; and
group answers filled in live. Every write checks that the draft may still change."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from sqlalchemy import Integer, String, bindparam, delete, exists, or_, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Response, Round, check_round
from diagnose.store import credentials, models, records
from diagnose.store import types as t
from diagnose.store.answer_checks import check_role, ordered_answers, validate_answer
from diagnose.store.database import Database
from diagnose.store.errors import (
    AlreadySubmitted,
    Conflict,
    InvitationInvalid,
    NotFound,
    RoundClosed,
    StoreError,
)
from diagnose.store.models import utcnow
from diagnose.store.rounds import Rounds

RESPONSE_CACHE_SIZE = 100_000
RESPONDENT_ATTEMPTS = 5


class Responses(Rounds):
    """What respondents (and group answers) write into a round."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        # response id → (questionnaire id, version): immutable once the response exists
        self._response_q: dict[int, tuple[str, str]] = {}

    def open_response(self, token: str, resume_key: str | None = None) -> t.Opened:
        """Resolve an invitation link to the respondent's response (see types.OpenStatus)."""
        with self.db.read() as s:
            found = s.execute(
                select(models.Invitation, models.Round, models.Network.workspace_id)
                .join(models.Round, models.Round.id == models.Invitation.round_id)
                .join(models.Network, models.Network.id == models.Round.network_id)
                .where(models.Invitation.token_hash == credentials.token_hash(token))
            ).first()
            if found is None:
                return t.Opened("unknown")
            invitation, rnd_row, workspace_id = found
            rnd = records.to_round(rnd_row, workspace_id)
            if invitation.revoked_at is not None:
                return t.Opened("revoked", rnd)
            if invitation.expires_at is not None and invitation.expires_at <= utcnow():
                return t.Opened("expired", rnd)
            mine = select(models.Response).where(models.Response.invitation_id == invitation.id)
            if invitation.kind == "shared":
                mine = mine.where(models.Response.resume_key_hash == credentials.token_hash(resume_key or ""))
            existing = (
                s.scalars(mine.order_by(models.Response.id)).first()
                if (invitation.kind == "personal" or resume_key)
                else None
            )
        if existing is not None and existing.status == "submitted":
            return t.Opened("submitted", rnd, records.to_response(existing))
        if not rnd.is_open:
            return t.Opened("closed", rnd, records.to_response(existing) if existing else None)
        if existing is not None:
            return t.Opened("resumed", rnd, records.to_response(existing))
        return self._start_response(invitation.id, invitation.kind, invitation.role, rnd)

    def _start_response(self, invitation_id: int, kind: str, role: str | None, rnd: t.RoundInfo) -> t.Opened:
        key = credentials.new_token() if kind == "shared" else None

        def attempt() -> t.Opened:
            with self.db.write() as s:
                if kind == "personal":
                    # two tabs opening the same personal link at once get the same response
                    s.execute(
                        select(models.Invitation.id)
                        .where(models.Invitation.id == invitation_id)
                        .with_for_update()
                    )
                    existing = s.scalars(
                        select(models.Response)
                        .where(models.Response.invitation_id == invitation_id)
                        .order_by(models.Response.id)
                    ).first()
                    if existing is not None:
                        status: t.OpenStatus = "submitted" if existing.status == "submitted" else "resumed"
                        return t.Opened(status, rnd, records.to_response(existing))
                row = models.Response(
                    round_id=rnd.id,
                    invitation_id=invitation_id,
                    respondent=self._new_respondent_label(),
                    role=role,
                    status="draft",
                    resume_key_hash=credentials.token_hash(key) if key else None,
                )
                s.add(row)
                s.flush()
                self._remember_questionnaire(row.id, (rnd.questionnaire_id, rnd.questionnaire_version))
                return t.Opened("new", rnd, records.to_response(row), key)

        return self.db.retrying(RESPONDENT_ATTEMPTS, attempt)

    @staticmethod
    def _new_respondent_label() -> str:
        return "r-" + credentials.new_token()[:8].lower().replace("_", "x").replace("-", "y")

    def _remember_questionnaire(self, response_id: int, ref: tuple[str, str]) -> None:
        if len(self._response_q) >= RESPONSE_CACHE_SIZE:
            self._response_q.clear()  # simple and rare: the cache refills from one indexed query each
        self._response_q[response_id] = ref

    def _questionnaire_of(self, response_id: int) -> Questionnaire:
        ref = self._response_q.get(response_id)
        if ref is None:
            with self.db.read() as s:
                found = s.execute(
                    select(models.Round.questionnaire_id, models.Round.questionnaire_version)
                    .join(models.Response, models.Response.round_id == models.Round.id)
                    .where(models.Response.id == response_id)
                ).first()
            if found is None:
                raise NotFound("response", response_id)
            ref = (found[0], found[1])
            self._remember_questionnaire(response_id, ref)
        return self.db.bundle.questionnaire(*ref)

    def _writable(self, response_id: Any, now: Any = None) -> Any:
        """The condition under which a draft may change: a draft, round open, invitation neither
        revoked nor expired (a page opened before the expiry cannot save after it)."""
        R, Rd, Inv = models.Response, models.Round, models.Invitation
        when = utcnow() if now is None else now
        return exists(
            select(R.id)
            .join(Rd, Rd.id == R.round_id)
            .outerjoin(Inv, Inv.id == R.invitation_id)
            .where(
                R.id == response_id,
                R.status == "draft",
                Rd.closed_at.is_(None),
                Inv.revoked_at.is_(None),
                or_(Inv.expires_at.is_(None), Inv.expires_at > when),
            )
        )

    def _why_not_writable(self, response_id: int) -> StoreError:
        with self.db.read() as s:
            found = s.execute(
                select(
                    models.Response.status,
                    models.Round.closed_at,
                    models.Round.label,
                    models.Invitation.revoked_at,
                    models.Invitation.expires_at,
                )
                .join(models.Round, models.Round.id == models.Response.round_id)
                .outerjoin(models.Invitation, models.Invitation.id == models.Response.invitation_id)
                .where(models.Response.id == response_id)
            ).first()
        if found is None:
            return NotFound("response", response_id)
        status, closed_at, label, revoked_at, expires_at = found
        if status == "submitted":
            return AlreadySubmitted()
        if closed_at is not None:
            return RoundClosed(label)
        if revoked_at is not None:
            return InvitationInvalid("revoked")
        if expires_at is not None and expires_at <= utcnow():
            return InvitationInvalid("expired")
        raise AssertionError("response is writable")

    @cached_property
    def _upsert_answer(self) -> Any:
        """INSERT INTO answer SELECT :rid, :item, :value, :now WHERE <the draft may change>
        ON CONFLICT (response_id, item_id) DO UPDATE ... RETURNING: built once, run per autosave."""
        A = models.Answer
        value: Any = bindparam("value", type_=models.JSONValue)
        if self.db.dialect == "postgresql":
            value = sql_cast(value, JSONB)
        source = select(
            bindparam("rid", type_=Integer),
            bindparam("item", type_=String),
            value,
            bindparam("now", type_=models.UTCDateTime),
        ).where(self._writable(bindparam("rid", type_=Integer), bindparam("now", type_=models.UTCDateTime)))
        upsert = (pg_insert(A) if self.db.dialect == "postgresql" else sqlite_insert(A)).from_select(
            ["response_id", "item_id", "value", "updated_at"], source
        )
        upsert = upsert.on_conflict_do_update(
            index_elements=[A.response_id, A.item_id],
            set_={"value": upsert.excluded.value, "updated_at": upsert.excluded.updated_at},
        )
        return upsert.returning(A.response_id)

    def save_answer(self, response_id: int, item_id: str, value: Any) -> None:
        """Autosave one answer of a draft: validated, then ONE idempotent upsert (None clears it)."""
        q = self._questionnaire_of(response_id)
        value = validate_answer(q, item_id, value)
        now = utcnow()
        A = models.Answer
        if value is None:
            with self.db.write() as s:
                s.execute(
                    delete(A).where(
                        A.response_id == response_id, A.item_id == item_id, self._writable(response_id)
                    )
                )
                allowed = s.scalar(select(self._writable(response_id)))
            if not allowed:
                raise self._why_not_writable(response_id)
            return
        params = {"rid": response_id, "item": item_id, "value": value, "now": now}
        with self.db.write_connection() as conn:
            # RETURNING, not rowcount: psycopg reports -1 for INSERT ... SELECT
            written = conn.execute(self._upsert_answer, params).first() is not None
        if not written:
            raise self._why_not_writable(response_id)

    def answers(self, response_id: int) -> dict[str, Any]:
        """The response's answers: the autosaved draft, or what was submitted."""
        q = self._questionnaire_of(response_id)
        with self.db.read() as s:
            response = s.get(models.Response, response_id)
            if response is None:
                raise NotFound("response", response_id)
            if response.answers is not None:
                return dict(response.answers)
            rows = s.execute(
                select(models.Answer.item_id, models.Answer.value).where(
                    models.Answer.response_id == response_id
                )
            ).all()
        return ordered_answers(q, dict(rows))

    def set_role(self, response_id: int, role: str | None) -> None:
        check_role(self._questionnaire_of(response_id), role)
        with self.db.write() as s:
            written = s.execute(
                update(models.Response)
                .where(models.Response.id == response_id, self._writable(response_id))
                .values(role=role)
                .returning(models.Response.id)
            ).first()
        if not written:
            raise self._why_not_writable(response_id)

    def get_response(self, response_id: int) -> t.ResponseInfo:
        with self.db.read() as s:
            row = s.get(models.Response, response_id)
            if row is None:
                raise NotFound("response", response_id)
            return records.to_response(row)

    def list_responses(self, round_id: int) -> list[t.ResponseInfo]:
        with self.db.read() as s:
            return [
                records.to_response(r)
                for r in s.scalars(
                    select(models.Response)
                    .where(models.Response.round_id == round_id)
                    .order_by(models.Response.id)
                )
            ]

    def missing_required(self, q: Questionnaire, answers: dict[str, Any], role: str | None) -> list[str]:
        """The required items still open among those this respondent is asked (Questionnaire.asked:
        not the coordinator's facts, not items for other roles)."""
        role_item = q.fact_item(ROLE_CONSTRUCT)
        answered_role = answers.get(role_item.id) if role_item is not None else None
        asked_role = role or (answered_role if isinstance(answered_role, str) else None)
        return [
            item.id
            for _, items in q.asked(asked_role)
            for item in items
            if item.required
            and answers.get(item.id) is None
            and not (role and role_item is not None and item.id == role_item.id)
        ]

    def submit(self, response_id: int) -> list[str]:
        """Hand in a draft. Returns [] when submitted, else the required items still unanswered."""
        q = self._questionnaire_of(response_id)
        with self.db.write() as s:
            row = s.get(models.Response, response_id)
            if row is None:
                raise NotFound("response", response_id)
            if not s.scalar(select(self._writable(response_id))):
                raise self._why_not_writable(response_id)
            answers: dict[str, Any] = dict(
                s.execute(
                    select(models.Answer.item_id, models.Answer.value).where(
                        models.Answer.response_id == response_id
                    )
                ).all()
            )
            missing = self.missing_required(q, answers, row.role)
            if missing:
                return missing
            problems = check_round(
                q,
                Round(
                    label="-",
                    responses=[
                        Response(
                            respondent=row.respondent, role=row.role, group=row.is_group, answers=answers
                        )
                    ],
                ),
                "",
            )
            if problems:
                raise ValidationFailed(problems)
            row.answers = ordered_answers(q, answers)
            row.status = "submitted"
            row.submitted_at = utcnow()
            s.execute(delete(models.Answer).where(models.Answer.response_id == response_id))
        return []

    def start_group_response(self, round_id: int, label: str, *, role: str | None = None) -> t.ResponseInfo:
        """A draft group answer (e.g. filled in live at an intake): autosaved with save_answer and
        handed in with submit, like any respondent's. `label` names it (unique within the round)."""
        info = self.get_round(round_id)
        if not info.is_open:
            raise RoundClosed(info.label)
        check_role(self.db.bundle.questionnaire(info.questionnaire_id, info.questionnaire_version), role)
        clean = records.check_name(label)
        try:
            with self.db.write() as s:
                row = models.Response(
                    round_id=round_id, respondent=clean, role=role, is_group=True, status="draft"
                )
                s.add(row)
                s.flush()
                self._remember_questionnaire(row.id, (info.questionnaire_id, info.questionnaire_version))
                return records.to_response(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem("respondent-exists", id=clean, params={"key": clean, "round": info.label})
            ) from exc

    def add_group_response(
        self,
        round_id: int,
        answers: dict[str, Any],
        *,
        role: str | None = None,
        respondent: str | None = None,
    ) -> t.ResponseInfo:
        """One group answer filled in live (e.g. at an intake): validated and submitted at once."""
        info = self.get_round(round_id)
        if not info.is_open:
            raise RoundClosed(info.label)
        q = self.db.bundle.questionnaire(info.questionnaire_id, info.questionnaire_version)
        label = records.check_name(respondent) if respondent else self._new_respondent_label()
        clean = {item_id: validate_answer(q, item_id, value, who=label) for item_id, value in answers.items()}
        clean = {k: v for k, v in clean.items() if v is not None}
        check_role(q, role, who=label)
        missing = self.missing_required(q, clean, role)
        if missing:
            raise ValidationFailed(
                [Problem("missing-field", id=label, field=m, params={"key": m}) for m in missing]
            )
        try:
            with self.db.write() as s:
                row = models.Response(
                    round_id=round_id,
                    respondent=label,
                    role=role,
                    is_group=True,
                    status="submitted",
                    answers=ordered_answers(q, clean),
                    submitted_at=utcnow(),
                )
                s.add(row)
                s.flush()
                return records.to_response(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem("respondent-exists", id=label, params={"key": label, "round": info.label})
            ) from exc
