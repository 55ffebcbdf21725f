"""The Store: the implementation behind diagnose.store.api (read that module's docstring first)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import multiprocessing
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy import (
    Engine,
    Integer,
    String,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from diagnose import diagnosis as core_diagnosis
from diagnose.bundle import Bundle, load_bundle
from diagnose.item_types import answer_error
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Network, Response, Round, check_round
from diagnose.scoring import RoundScores
from diagnose.store import credentials, db, models, round_scores, schema
from diagnose.store import types as t
from diagnose.store.errors import (
    AccessDenied,
    AlreadySubmitted,
    Conflict,
    InvitationInvalid,
    NotFound,
    RoundClosed,
    StoreError,
)
from diagnose.store.finding_texts import FindingTexts
from diagnose.store.models import utcnow
from diagnose.text import LocalizedText

T = TypeVar("T")
PARALLEL_FROM = 400  # rounds; below this, starting worker processes costs more than it saves
MAX_WORKERS = 8
SNAPSHOT_BATCH = 200
RESPONSE_CACHE_SIZE = 100_000
MIN_PASSWORD_LENGTH = 8
LOGIN_TOKEN_TTL = dt.timedelta(days=14)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
RESPONDENT_ATTEMPTS = 5


def _check_name(name: str, limit: int = models.NAME_LENGTH) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > limit:
        raise Conflict(Problem("invalid-name", id="name", params={"limit": limit}))
    return cleaned


def _to_user(row: models.User) -> t.User:
    return t.User(id=row.id, email=row.email, name=row.name, created_at=row.created_at)


def _to_workspace(row: models.Workspace) -> t.Workspace:
    return t.Workspace(id=row.id, name=row.name, is_demo=row.is_demo, created_at=row.created_at)


def _to_network(row: models.Network) -> t.NetworkInfo:
    return t.NetworkInfo(
        id=row.id,
        workspace_id=row.workspace_id,
        name=row.name,
        profile=dict(row.profile or {}),
        created_at=row.created_at,
    )


def _to_round(row: models.Round, workspace_id: int) -> t.RoundInfo:
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
    )


def _to_response(row: models.Response) -> t.ResponseInfo:
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


def _to_invitation(row: models.Invitation, responses: int) -> t.Invitation:
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


def _to_snapshot(row: models.DiagnosisSnapshot, data: dict[str, Any]) -> t.Snapshot:
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


def round_sort_key(row: models.Round) -> tuple[dt.date, dt.datetime, int]:
    """Rounds in time order: by date, rounds without a date by when they were created."""
    return (row.date or row.created_at.date(), row.created_at, row.id)


def normalise_value(value: Any) -> Any:
    """Answers as the core expects them: lists for multiple choice, whole floats as ints."""
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def validate_answer(q: Questionnaire, item_id: str, value: Any, *, who: str = "", file: str = "") -> Any:
    """The normalised value, or ValidationFailed naming the item (unknown item or invalid value)."""
    item = q.item_by_id.get(item_id)
    if item is None:
        raise ValidationFailed(
            [
                Problem(
                    "unknown-item",
                    file=file,
                    id=who or None,
                    field=item_id,
                    params={
                        "key": item_id,
                        "suggestion": did_you_mean(item_id, q.item_by_id),
                        "questionnaire": q.ref,
                    },
                )
            ]
        )
    value = normalise_value(value)
    error = answer_error(q, item, value)
    if error:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise ValidationFailed(
            [
                Problem(
                    "answer-value",
                    file=file,
                    id=who or None,
                    field=item_id,
                    params={
                        "value": shown,
                        "detail": error.what,
                        "fix": error.fix,
                    },
                )
            ]
        )
    return value


def check_role(q: Questionnaire, role: str | None, *, who: str = "", file: str = "") -> None:
    item = q.fact_item(ROLE_CONSTRUCT)
    if role is None or item is None or role in item.option_values:
        return
    raise ValidationFailed(
        [
            Problem(
                "unknown-role",
                file=file,
                id=who or None,
                field="role",
                params={
                    "key": role,
                    "suggestion": did_you_mean(role, item.option_values),
                    "allowed": ", ".join(item.option_values),
                },
            )
        ]
    )


def ordered_answers(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers in questionnaire order (stable exports and snapshots), unknown ids last."""
    order = {item_id: index for index, item_id in enumerate(q.item_by_id)}
    return dict(sorted(answers.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


class Store:
    """See diagnose.store.api for the overview."""

    def __init__(self, engine: Engine, *, bundle: Bundle | None = None):
        self.engine = engine
        self._writer = db.writer(engine)
        self._bundle = bundle
        self._bundle_lock = threading.Lock()
        # response id → (questionnaire id, version): immutable once the response exists
        self._response_q: dict[int, tuple[str, str]] = {}

    # ---- set-up -------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, bundle: Bundle | None = None, **engine_options: Any) -> Store:
        """A store on `url`, else DATABASE_URL, else ./data/netwerkscan.sqlite (NETSCAN_DATA_DIR)."""
        return cls(db.make_engine(db.database_url(url), **engine_options), bundle=bundle)

    @property
    def bundle(self) -> Bundle:
        if self._bundle is None:
            with self._bundle_lock:
                if self._bundle is None:
                    self._bundle = load_bundle()
        return self._bundle

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return db.display_url(self.engine.url)

    def ensure_schema(self) -> str | None:
        """Bring the schema up to date (a no-op when it is); returns the revision."""
        try:
            return schema.upgrade(self.engine)
        except OperationalError as exc:
            raise StoreError(
                Problem("database-unavailable", file=self.url, params={"detail": str(exc.orig).strip()})
            ) from exc

    def close(self) -> None:
        self.engine.dispose()

    def is_empty(self) -> bool:
        with self._read() as s:
            return not any(
                s.scalar(select(exists().select_from(table)))
                for table in (models.Workspace, models.User, models.Network)
            )

    def table_counts(self) -> dict[str, int]:
        with self._read() as s:
            return {
                table.__tablename__: int(s.scalar(select(func.count()).select_from(table)) or 0)
                for table in (
                    models.Workspace,
                    models.User,
                    models.Network,
                    models.Round,
                    models.Response,
                    models.Answer,
                    models.DiagnosisSnapshot,
                )
            }

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with (
            db.write_lock(self.engine),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def _retrying(self, attempts: int, work: Callable[[], T]) -> T:
        for attempt in range(attempts):
            try:
                return work()
            except IntegrityError:
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    # ---- users and access ---------------------------------------------------------------------

    def add_user(
        self,
        email: str,
        password: str,
        name: str = "",
        *,
        workspace_id: int | None = None,
        role: t.MemberRole = "member",
        min_password_length: int = MIN_PASSWORD_LENGTH,
    ) -> t.User:
        address = email.strip().lower()
        if not EMAIL.match(address) or len(address) > 320:
            raise Conflict(Problem("invalid-email", id="email", params={"key": email}))
        if len(password) < min_password_length:
            raise Conflict(Problem("weak-password", id="password", params={"minimum": min_password_length}))
        password_hash = credentials.hash_password(password)
        try:
            with self._write() as s:
                if s.scalar(select(models.User.id).where(models.User.email == address)) is not None:
                    raise Conflict(Problem("email-taken", id="email", params={"key": address}))
                user = models.User(email=address, name=" ".join(name.split()), password_hash=password_hash)
                s.add(user)
                s.flush()
                if workspace_id is not None:
                    self._workspace_row(s, workspace_id)
                    s.add(models.Membership(user_id=user.id, workspace_id=workspace_id, role=role))
                return _to_user(user)
        except IntegrityError as exc:
            raise Conflict(Problem("email-taken", id="email", params={"key": address})) from exc

    def verify_password(self, email: str, password: str) -> t.User | None:
        """The user when the password is right, else None (same time either way)."""
        address = email.strip().lower()
        with self._read() as s:
            user = s.scalar(select(models.User).where(models.User.email == address))
        if not credentials.check_password(user.password_hash if user else None, password) or user is None:
            return None
        with self._write() as s:
            values: dict[str, Any] = {"last_login_at": utcnow()}
            if credentials.needs_rehash(user.password_hash):
                values["password_hash"] = credentials.hash_password(password)
            s.execute(update(models.User).where(models.User.id == user.id).values(**values))
        return _to_user(user)

    def get_user(self, user_id: int) -> t.User:
        with self._read() as s:
            user = s.get(models.User, user_id)
            if user is None:
                raise NotFound("gebruiker", "user", user_id)
            return _to_user(user)

    def user_by_email(self, email: str) -> t.User | None:
        with self._read() as s:
            user = s.scalar(select(models.User).where(models.User.email == email.strip().lower()))
            return _to_user(user) if user else None

    def set_password(
        self, user_id: int, password: str, *, min_password_length: int = MIN_PASSWORD_LENGTH
    ) -> None:
        if len(password) < min_password_length:
            raise Conflict(Problem("weak-password", id="password", params={"minimum": min_password_length}))
        password_hash = credentials.hash_password(password)
        with self._write() as s:
            done = s.execute(
                update(models.User)
                .where(models.User.id == user_id)
                .values(password_hash=password_hash)
                .returning(models.User.id)
            ).first()
            if done is None:
                raise NotFound("gebruiker", "user", user_id)
            s.execute(delete(models.LoginToken).where(models.LoginToken.user_id == user_id))

    def list_users(self) -> list[t.User]:
        with self._read() as s:
            return [_to_user(u) for u in s.scalars(select(models.User).order_by(models.User.email))]

    def add_member(self, workspace_id: int, user_id: int, role: t.MemberRole = "member") -> None:
        if role not in ("admin", "member"):
            raise ValueError(f"role must be admin or member, not {role!r}")
        with self._write() as s:
            self._workspace_row(s, workspace_id)
            if s.get(models.User, user_id) is None:
                raise NotFound("gebruiker", "user", user_id)
            row = s.get(models.Membership, (user_id, workspace_id))
            if row is None:
                s.add(models.Membership(user_id=user_id, workspace_id=workspace_id, role=role))
            else:
                row.role = role

    def remove_member(self, workspace_id: int, user_id: int) -> None:
        with self._write() as s:
            s.execute(
                delete(models.Membership).where(
                    models.Membership.workspace_id == workspace_id, models.Membership.user_id == user_id
                )
            )

    def membership(self, user_id: int, workspace_id: int) -> t.MemberRole | None:
        with self._read() as s:
            role = s.scalar(
                select(models.Membership.role).where(
                    models.Membership.user_id == user_id, models.Membership.workspace_id == workspace_id
                )
            )
        return "admin" if role == "admin" else "member" if role == "member" else None

    def require_member(
        self, user_id: int, workspace_id: int, role: t.MemberRole | None = None
    ) -> t.MemberRole:
        """The user's role in the workspace; AccessDenied if none (or not admin when role="admin")."""
        actual = self.membership(user_id, workspace_id)
        if actual is None or (role == "admin" and actual != "admin"):
            raise AccessDenied(workspace_id)
        return actual

    def workspaces_of(self, user_id: int) -> list[t.Workspace]:
        with self._read() as s:
            rows = s.scalars(
                select(models.Workspace)
                .join(models.Membership, models.Membership.workspace_id == models.Workspace.id)
                .where(models.Membership.user_id == user_id)
                .order_by(models.Workspace.name, models.Workspace.id)
            )
            return [_to_workspace(w) for w in rows]

    def members(self, workspace_id: int) -> list[t.Member]:
        with self._read() as s:
            rows = s.execute(
                select(models.User, models.Membership.role)
                .join(models.Membership, models.Membership.user_id == models.User.id)
                .where(models.Membership.workspace_id == workspace_id)
                .order_by(models.User.email)
            )
            return [t.Member(user=_to_user(u), role="admin" if r == "admin" else "member") for u, r in rows]

    def create_login_token(self, user_id: int, ttl: dt.timedelta = LOGIN_TOKEN_TTL) -> str:
        token = credentials.new_token()
        now = utcnow()
        with self._write() as s:
            if s.get(models.User, user_id) is None:
                raise NotFound("gebruiker", "user", user_id)
            s.execute(delete(models.LoginToken).where(models.LoginToken.expires_at <= now))
            s.add(
                models.LoginToken(
                    user_id=user_id,
                    token_hash=credentials.token_hash(token),
                    created_at=now,
                    expires_at=now + ttl,
                )
            )
        return token

    def user_for_login_token(self, token: str) -> t.User | None:
        with self._read() as s:
            user = s.scalar(
                select(models.User)
                .join(models.LoginToken, models.LoginToken.user_id == models.User.id)
                .where(
                    models.LoginToken.token_hash == credentials.token_hash(token),
                    models.LoginToken.expires_at > utcnow(),
                )
            )
            return _to_user(user) if user else None

    def revoke_login_token(self, token: str) -> None:
        with self._write() as s:
            s.execute(
                delete(models.LoginToken).where(models.LoginToken.token_hash == credentials.token_hash(token))
            )

    # ---- workspaces, networks, rounds ---------------------------------------------------------

    def _workspace_row(self, s: Session, workspace_id: int) -> models.Workspace:
        row = s.get(models.Workspace, workspace_id)
        if row is None:
            raise NotFound("werkruimte", "workspace", workspace_id)
        return row

    def _network_row(self, s: Session, network_id: int) -> models.Network:
        row = s.get(models.Network, network_id)
        if row is None:
            raise NotFound("netwerk", "network", network_id)
        return row

    def _round_row(self, s: Session, round_id: int) -> tuple[models.Round, int]:
        found = s.execute(
            select(models.Round, models.Network.workspace_id)
            .join(models.Network, models.Network.id == models.Round.network_id)
            .where(models.Round.id == round_id)
        ).first()
        if found is None:
            raise NotFound("ronde", "round", round_id)
        return found[0], found[1]

    def create_workspace(
        self, name: str, *, owner_id: int | None = None, is_demo: bool = False
    ) -> t.Workspace:
        with self._write() as s:
            row = models.Workspace(name=_check_name(name), is_demo=is_demo)
            s.add(row)
            s.flush()
            if owner_id is not None:
                if s.get(models.User, owner_id) is None:
                    raise NotFound("gebruiker", "user", owner_id)
                s.add(models.Membership(user_id=owner_id, workspace_id=row.id, role="admin"))
            return _to_workspace(row)

    def get_workspace(self, workspace_id: int) -> t.Workspace:
        with self._read() as s:
            return _to_workspace(self._workspace_row(s, workspace_id))

    def list_workspaces(self) -> list[t.Workspace]:
        with self._read() as s:
            return [
                _to_workspace(w) for w in s.scalars(select(models.Workspace).order_by(models.Workspace.id))
            ]

    def workspace_by_name(self, name: str) -> t.Workspace | None:
        with self._read() as s:
            row = s.scalars(
                select(models.Workspace)
                .where(models.Workspace.name == " ".join(name.split()))
                .order_by(models.Workspace.id)
            ).first()
            return _to_workspace(row) if row else None

    def check_profile(
        self, profile: dict[str, Any], *, file: str = "", where: str = "profile"
    ) -> dict[str, Any]:
        """A network profile as the core expects it: known facts with valid values."""
        try:
            checked = Network(name="-", profile=profile).profile
        except Exception as exc:
            raise ValidationFailed(
                [Problem("invalid-value", file=file, id=where, params={"detail": str(exc)})]
            ) from exc
        problems: list[Problem] = []
        facts = {c.id for c in self.bundle.constructs.constructs if c.kind == "fact"}
        result: dict[str, Any] = {}
        for key, given in checked.items():
            if key not in facts:
                problems.append(
                    Problem(
                        "unknown-fact",
                        file=file,
                        id=where,
                        field=key,
                        params={
                            "key": key,
                            "suggestion": did_you_mean(key, facts),
                            "detail": LocalizedText(
                                nl="mogelijke feiten: " + ", ".join(sorted(facts)),
                                en="possible facts: " + ", ".join(sorted(facts)),
                            ),
                        },
                    )
                )
                continue
            value = normalise_value(given)
            for q in self.bundle.questionnaires.values():
                item = q.fact_item(key)
                if item is not None:
                    try:
                        validate_answer(q, item.id, value, who=where, file=file)
                    except ValidationFailed as exc:
                        problems.extend(
                            Problem(p.code, p.file, p.line, where, key, p.params) for p in exc.problems
                        )
                    break
            result[key] = value
        if problems:
            raise ValidationFailed(problems)
        return result

    def create_network(
        self, workspace_id: int, name: str, profile: dict[str, Any] | None = None
    ) -> t.NetworkInfo:
        checked = self.check_profile(profile or {})
        clean = _check_name(name)
        try:
            with self._write() as s:
                self._workspace_row(s, workspace_id)
                row = models.Network(workspace_id=workspace_id, name=clean, profile=checked)
                s.add(row)
                s.flush()
                return _to_network(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem(
                    "name-taken",
                    id="name",
                    params={"kind": LocalizedText(nl="netwerk", en="network"), "key": clean},
                )
            ) from exc

    def update_network(
        self, network_id: int, *, name: str | None = None, profile: dict[str, Any] | None = None
    ) -> t.NetworkInfo:
        checked = self.check_profile(profile) if profile is not None else None
        try:
            with self._write() as s:
                row = self._network_row(s, network_id)
                if name is not None:
                    row.name = _check_name(name)
                if checked is not None:
                    row.profile = checked
                s.flush()
                return _to_network(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem(
                    "name-taken",
                    id="name",
                    params={"kind": LocalizedText(nl="netwerk", en="network"), "key": name},
                )
            ) from exc

    def get_network(self, network_id: int) -> t.NetworkInfo:
        with self._read() as s:
            return _to_network(self._network_row(s, network_id))

    def list_networks(self, workspace_id: int) -> list[t.NetworkInfo]:
        with self._read() as s:
            rows = s.scalars(
                select(models.Network)
                .where(models.Network.workspace_id == workspace_id)
                .order_by(models.Network.name, models.Network.id)
            )
            return [_to_network(n) for n in rows]

    def delete_network(self, network_id: int) -> None:
        with self._write() as s:
            s.delete(self._network_row(s, network_id))

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
        q = self.bundle.questionnaire(questionnaire_id, questionnaire_version)
        clean = _check_name(label)
        try:
            with self._write() as s:
                network = self._network_row(s, network_id)
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
                return _to_round(row, network.workspace_id)
        except IntegrityError as exc:
            network_name = self.get_network(network_id).name
            raise Conflict(
                Problem("round-exists", id="label", params={"key": clean, "network": network_name})
            ) from exc

    def get_round(self, round_id: int) -> t.RoundInfo:
        with self._read() as s:
            row, workspace_id = self._round_row(s, round_id)
            return _to_round(row, workspace_id)

    def list_rounds(self, network_id: int) -> list[t.RoundInfo]:
        """The network's rounds, oldest first."""
        with self._read() as s:
            network = self._network_row(s, network_id)
            rows = sorted(
                s.scalars(select(models.Round).where(models.Round.network_id == network_id)),
                key=round_sort_key,
            )
            return [_to_round(r, network.workspace_id) for r in rows]

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
            with self._write() as s:
                row, workspace_id = self._round_row(s, round_id)
                if label is not None:
                    row.label = _check_name(label)
                if date is not None:
                    row.date = date
                if results_visible_to_respondents is not None:
                    row.results_visible_to_respondents = results_visible_to_respondents
                if questionnaire_id is not None or questionnaire_version is not None:
                    q = self.bundle.questionnaire(
                        questionnaire_id or row.questionnaire_id, questionnaire_version
                    )
                    if (q.id, q.version) != (row.questionnaire_id, row.questionnaire_version):
                        if s.scalar(select(exists().where(models.Response.round_id == round_id))):
                            raise Conflict(Problem("questionnaire-locked", id=row.label))
                        row.questionnaire_id, row.questionnaire_version = q.id, q.version
                s.flush()
                return _to_round(row, workspace_id)
        except IntegrityError as exc:
            raise Conflict(
                Problem(
                    "name-taken",
                    id="label",
                    params={"kind": LocalizedText(nl="ronde", en="round"), "key": label},
                )
            ) from exc

    def close_round(self, round_id: int) -> t.RoundInfo:
        with self._write() as s:
            row, workspace_id = self._round_row(s, round_id)
            if row.closed_at is None:
                row.closed_at = utcnow()
            return _to_round(row, workspace_id)

    def reopen_round(self, round_id: int) -> t.RoundInfo:
        with self._write() as s:
            row, workspace_id = self._round_row(s, round_id)
            row.closed_at = None
            return _to_round(row, workspace_id)

    def round_counts(self, round_id: int) -> t.RoundCounts:
        return self._counts([round_id])[round_id]

    def _counts(self, round_ids: Sequence[int]) -> dict[int, t.RoundCounts]:
        result = {rid: t.RoundCounts(0, 0, 0, 0) for rid in round_ids}
        if not round_ids:
            return result
        R = models.Response
        started = or_(R.status == "submitted", exists().where(models.Answer.response_id == R.id))
        with self._read() as s:
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

    # ---- invitations and the respondent's flow ------------------------------------------------

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
        names: list[str | None] = [(_check_name(x)) for x in labels] if labels is not None else [None] * count
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
        with self._write() as s:
            rnd, _ = self._round_row(s, round_id)
            check_role(self.bundle.questionnaire(rnd.questionnaire_id), role)
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
            return [t.NewInvitation(_to_invitation(row, 0), token) for row, token in made]

    def list_invitations(self, round_id: int) -> list[t.Invitation]:
        with self._read() as s:
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
            return [_to_invitation(inv, int(n or 0)) for inv, n in rows]

    def revoke_invitation(self, invitation_id: int) -> None:
        with self._write() as s:
            row = s.get(models.Invitation, invitation_id)
            if row is None:
                raise NotFound("uitnodiging", "invitation", invitation_id)
            if row.revoked_at is None:
                row.revoked_at = utcnow()

    def open_response(self, token: str, resume_key: str | None = None) -> t.Opened:
        """Resolve an invitation link to the respondent's response (see types.OpenStatus)."""
        with self._read() as s:
            found = s.execute(
                select(models.Invitation, models.Round, models.Network.workspace_id)
                .join(models.Round, models.Round.id == models.Invitation.round_id)
                .join(models.Network, models.Network.id == models.Round.network_id)
                .where(models.Invitation.token_hash == credentials.token_hash(token))
            ).first()
            if found is None:
                return t.Opened("unknown")
            invitation, rnd_row, workspace_id = found
            rnd = _to_round(rnd_row, workspace_id)
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
            return t.Opened("submitted", rnd, _to_response(existing))
        if not rnd.is_open:
            return t.Opened("closed", rnd, _to_response(existing) if existing else None)
        if existing is not None:
            return t.Opened("resumed", rnd, _to_response(existing))
        return self._start_response(invitation.id, invitation.kind, invitation.role, rnd)

    def _start_response(self, invitation_id: int, kind: str, role: str | None, rnd: t.RoundInfo) -> t.Opened:
        key = credentials.new_token() if kind == "shared" else None

        def attempt() -> t.Opened:
            with self._write() as s:
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
                        return t.Opened(status, rnd, _to_response(existing))
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
                return t.Opened("new", rnd, _to_response(row), key)

        return self._retrying(RESPONDENT_ATTEMPTS, attempt)

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
            with self._read() as s:
                found = s.execute(
                    select(models.Round.questionnaire_id, models.Round.questionnaire_version)
                    .join(models.Response, models.Response.round_id == models.Round.id)
                    .where(models.Response.id == response_id)
                ).first()
            if found is None:
                raise NotFound("antwoordset", "response", response_id)
            ref = (found[0], found[1])
            self._remember_questionnaire(response_id, ref)
        return self.bundle.questionnaire(*ref)

    def _writable(self, response_id: Any) -> Any:
        """The condition under which a draft may change: a draft, round open, invitation not revoked."""
        R, Rd, Inv = models.Response, models.Round, models.Invitation
        return exists(
            select(R.id)
            .join(Rd, Rd.id == R.round_id)
            .outerjoin(Inv, Inv.id == R.invitation_id)
            .where(R.id == response_id, R.status == "draft", Rd.closed_at.is_(None), Inv.revoked_at.is_(None))
        )

    def _why_not_writable(self, response_id: int) -> StoreError:
        with self._read() as s:
            found = s.execute(
                select(
                    models.Response.status,
                    models.Round.closed_at,
                    models.Round.label,
                    models.Invitation.revoked_at,
                )
                .join(models.Round, models.Round.id == models.Response.round_id)
                .outerjoin(models.Invitation, models.Invitation.id == models.Response.invitation_id)
                .where(models.Response.id == response_id)
            ).first()
        if found is None:
            return NotFound("antwoordset", "response", response_id)
        status, closed_at, label, revoked_at = found
        if status == "submitted":
            return AlreadySubmitted()
        if closed_at is not None:
            return RoundClosed(label)
        if revoked_at is not None:
            return InvitationInvalid("revoked")
        raise AssertionError("response is writable")

    @cached_property
    def _upsert_answer(self) -> Any:
        """INSERT INTO answer SELECT :rid, :item, :value, :now WHERE <the draft may change>
        ON CONFLICT (response_id, item_id) DO UPDATE ... RETURNING: built once, run per autosave."""
        A = models.Answer
        value: Any = bindparam("value", type_=models.JSONValue)
        if self.dialect == "postgresql":
            value = sql_cast(value, JSONB)
        source = select(
            bindparam("rid", type_=Integer),
            bindparam("item", type_=String),
            value,
            bindparam("now", type_=models.UTCDateTime),
        ).where(self._writable(bindparam("rid", type_=Integer)))
        upsert = (pg_insert(A) if self.dialect == "postgresql" else sqlite_insert(A)).from_select(
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
            with self._write() as s:
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
        # A plain connection, not an ORM session: the lock is held for as short a time as possible.
        with db.write_lock(self.engine), self._writer.begin() as conn:
            # RETURNING, not rowcount: psycopg reports -1 for INSERT ... SELECT
            written = conn.execute(self._upsert_answer, params).first() is not None
        if not written:
            raise self._why_not_writable(response_id)

    def answers(self, response_id: int) -> dict[str, Any]:
        """The response's answers: the autosaved draft, or what was submitted."""
        q = self._questionnaire_of(response_id)
        with self._read() as s:
            response = s.get(models.Response, response_id)
            if response is None:
                raise NotFound("antwoordset", "response", response_id)
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
        with self._write() as s:
            written = s.execute(
                update(models.Response)
                .where(models.Response.id == response_id, self._writable(response_id))
                .values(role=role)
                .returning(models.Response.id)
            ).first()
        if not written:
            raise self._why_not_writable(response_id)

    def get_response(self, response_id: int) -> t.ResponseInfo:
        with self._read() as s:
            row = s.get(models.Response, response_id)
            if row is None:
                raise NotFound("antwoordset", "response", response_id)
            return _to_response(row)

    def list_responses(self, round_id: int) -> list[t.ResponseInfo]:
        with self._read() as s:
            return [
                _to_response(r)
                for r in s.scalars(
                    select(models.Response)
                    .where(models.Response.round_id == round_id)
                    .order_by(models.Response.id)
                )
            ]

    def missing_required(self, q: Questionnaire, answers: dict[str, Any], role: str | None) -> list[str]:
        role_item = q.fact_item(ROLE_CONSTRUCT)
        return [
            item.id
            for item in q.items()
            if item.required
            and answers.get(item.id) is None
            and not (role and role_item is not None and item.id == role_item.id)
        ]

    def submit(self, response_id: int) -> list[str]:
        """Hand in a draft. Returns [] when submitted, else the required items still unanswered."""
        q = self._questionnaire_of(response_id)
        with self._write() as s:
            row = s.get(models.Response, response_id)
            if row is None:
                raise NotFound("antwoordset", "response", response_id)
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
        check_role(self.bundle.questionnaire(info.questionnaire_id, info.questionnaire_version), role)
        clean = _check_name(label)
        try:
            with self._write() as s:
                row = models.Response(
                    round_id=round_id, respondent=clean, role=role, is_group=True, status="draft"
                )
                s.add(row)
                s.flush()
                self._remember_questionnaire(row.id, (info.questionnaire_id, info.questionnaire_version))
                return _to_response(row)
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
        q = self.bundle.questionnaire(info.questionnaire_id, info.questionnaire_version)
        label = _check_name(respondent) if respondent else self._new_respondent_label()
        clean = {item_id: validate_answer(q, item_id, value, who=label) for item_id, value in answers.items()}
        clean = {k: v for k, v in clean.items() if v is not None}
        check_role(q, role, who=label)
        missing = self.missing_required(q, clean, role)
        if missing:
            raise ValidationFailed(
                [Problem("missing-field", id=label, field=m, params={"key": m}) for m in missing]
            )
        try:
            with self._write() as s:
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
                return _to_response(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem("respondent-exists", id=label, params={"key": label, "round": info.label})
            ) from exc

    # ---- diagnosis ----------------------------------------------------------------------------

    def _submitted(self, s: Session, round_ids: Iterable[int]) -> dict[int, list[Response]]:
        R = models.Response
        result: dict[int, list[Response]] = {}
        ids = list(round_ids)
        for start in range(0, len(ids), 500):
            rows = s.execute(
                select(R.round_id, R.respondent, R.role, R.is_group, R.answers)
                .where(R.round_id.in_(ids[start : start + 500]), R.status == "submitted")
                .order_by(R.round_id, R.id)
            )
            for round_id, respondent, role, group, answers in rows:
                result.setdefault(round_id, []).append(
                    Response.model_construct(
                        respondent=respondent, role=role, group=group, answers=answers or {}
                    )
                )
        return result

    def _drafts(self, s: Session, round_id: int) -> list[Response]:
        R, A = models.Response, models.Answer
        drafts = s.execute(
            select(R.id, R.respondent, R.role, R.is_group)
            .where(R.round_id == round_id, R.status == "draft")
            .order_by(R.id)
        ).all()
        answers: dict[int, dict[str, Any]] = {}
        for response_id, item_id, value in s.execute(
            select(A.response_id, A.item_id, A.value)
            .join(R, R.id == A.response_id)
            .where(R.round_id == round_id, R.status == "draft")
        ):
            answers.setdefault(response_id, {})[item_id] = value
        return [
            Response.model_construct(respondent=who, role=role, group=group, answers=answers[rid])
            for rid, who, role, group in drafts
            if rid in answers
        ]

    @staticmethod
    def _core_round(row: models.Round, responses: list[Response]) -> Round:
        return Round.model_construct(label=row.label, date=row.date, responses=responses)

    def round_as_core(self, round_id: int, *, include_drafts: bool = False) -> Round:
        """The round as the core's Round: submitted responses (and drafts with answers if asked)."""
        with self._read() as s:
            row, _ = self._round_row(s, round_id)
            responses = self._submitted(s, [round_id]).get(round_id, [])
            if include_drafts:
                responses += self._drafts(s, round_id)
        return self._core_round(row, responses)

    def network_as_core(self, network_id: int) -> Network:
        info = self.get_network(network_id)
        return Network(name=info.name, profile=info.profile)

    def _questionnaire_for(self, row: models.Round) -> Questionnaire:
        return self.bundle.questionnaire(row.questionnaire_id, row.questionnaire_version)

    def diagnose_round(self, round_id: int) -> t.Snapshot:
        """Diagnose the round's submitted answers (previous round as history); store a new snapshot.
        Raises ValidationFailed when the round has no submitted answers or cannot be scored."""
        with self._read() as s:
            row, _ = self._round_row(s, round_id)
        results, _ = self._diagnose_network(row.network_id, {round_id}, raise_errors=True)
        return self._store_snapshots(results)[0]

    @cached_property
    def _scores_digest(self) -> round_scores.ScoresDigest:
        return round_scores.ScoresDigest(self.bundle)

    @cached_property
    def _finding_texts(self) -> FindingTexts:
        return FindingTexts()

    def _snapshot(self, s: Session, row: models.DiagnosisSnapshot) -> t.Snapshot:
        return _to_snapshot(row, self._finding_texts.unpack(s, row.data))

    def _snapshot_values(self, results: Sequence[_Diagnosed]) -> _SnapshotBatch:
        now = utcnow()
        texts: set[str] = set()
        packed = []
        for r in results:
            data, digests = self._finding_texts.pack(r.diagnosis)
            texts.update(digests)
            packed.append(data)
        return _SnapshotBatch(
            [
                {
                    "round_id": r.round_id,
                    "created_at": now,
                    "questionnaire_id": r.diagnosis.questionnaire.id,
                    "questionnaire_version": r.diagnosis.questionnaire.version,
                    "ruleset_id": r.diagnosis.ruleset.id,
                    "ruleset_version": r.diagnosis.ruleset.version,
                    "respondents": r.diagnosis.round.respondents,
                    "data": data,  # serialised by pydantic-core: ~5x faster than json.dumps
                    "scores": r.scores,
                    "scores_inputs": r.scores_inputs,
                }
                for r, data in zip(results, packed, strict=True)
            ],
            texts,
        )

    def _store_snapshots(self, results: Sequence[_Diagnosed]) -> list[t.Snapshot]:
        batch = self._snapshot_values(results)
        if len(batch.values) == 1:
            with self._write() as s:
                self._finding_texts.store(s, batch.texts)
                row = models.DiagnosisSnapshot(**batch.values[0])
                s.add(row)
                s.flush()
                # the ORM object holds the JSON text it was given; hand out the parsed document
                snapshot = _to_snapshot(row, results[0].diagnosis.model_dump(mode="json"))
            self._finding_texts.stored(batch.texts)
            return [snapshot]
        self._insert_snapshots(batch)
        return []

    def _insert_snapshots(self, batch: _SnapshotBatch) -> None:
        if batch.values:
            with self._write() as s:
                self._finding_texts.store(s, batch.texts)
                s.execute(insert(models.DiagnosisSnapshot), batch.values)
            self._finding_texts.stored(batch.texts)

    def latest_snapshot(self, round_id: int) -> t.Snapshot | None:
        with self._read() as s:
            row = s.scalars(
                select(models.DiagnosisSnapshot)
                .where(models.DiagnosisSnapshot.round_id == round_id)
                .order_by(models.DiagnosisSnapshot.id.desc())
                .limit(1)
            ).first()
            return self._snapshot(s, row) if row else None

    def snapshots(self, round_id: int) -> list[t.Snapshot]:
        """Every stored diagnosis of the round, oldest first."""
        with self._read() as s:
            return [
                self._snapshot(s, r)
                for r in s.scalars(
                    select(models.DiagnosisSnapshot)
                    .where(models.DiagnosisSnapshot.round_id == round_id)
                    .order_by(models.DiagnosisSnapshot.id)
                )
            ]

    def network_history(self, network_id: int) -> list[t.RoundHistory]:
        """The network's rounds oldest first, each with its counts and latest snapshot (trend charts)."""
        rounds = self.list_rounds(network_id)
        ids = [r.id for r in rounds]
        counts = self._counts(ids)
        S = models.DiagnosisSnapshot
        with self._read() as s:
            latest = select(func.max(S.id)).where(S.round_id.in_(ids)).group_by(S.round_id).scalar_subquery()
            snaps = {
                row.round_id: self._snapshot(s, row) for row in s.scalars(select(S).where(S.id.in_(latest)))
            }
        return [t.RoundHistory(r, counts[r.id], snaps.get(r.id)) for r in rounds]

    def rediagnose(
        self,
        *,
        workspace_id: int | None = None,
        network_id: int | None = None,
        round_id: int | None = None,
        workers: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> t.RediagnoseReport:
        """Recompute every round in scope with the current rule base; old snapshots are kept.

        Rounds without submitted answers, or whose questionnaire version is no longer installed, are
        skipped and listed with the reason. Rounds are read and diagnosed network by network, oldest
        first, so each round's history is the scores just computed (or kept) for the one before.
        workers=0 spreads many rounds (PARALLEL_FROM and up) over one process per core (up to
        MAX_WORKERS). From a single-threaded process on Linux (the `netscan` command) the workers
        are forked and inherit the loaded rule base; otherwise (e.g. inside the app's server) they
        are spawned and load the default rule base themselves, which needs an import-safe main
        module (`if __name__ == "__main__":`). progress(done, total) is called as networks finish.
        """
        started = time.perf_counter()
        with self._read() as s:
            query = select(models.Round.id, models.Round.network_id).join(
                models.Network, models.Network.id == models.Round.network_id
            )
            if round_id is not None:
                query = query.where(models.Round.id == round_id)
            if network_id is not None:
                query = query.where(models.Round.network_id == network_id)
            if workspace_id is not None:
                query = query.where(models.Network.workspace_id == workspace_id)
            scope: dict[int, set[int]] = {}
            for rid, nid in s.execute(query.order_by(models.Round.network_id)):
                scope.setdefault(nid, set()).add(rid)
        total = sum(len(r) for r in scope.values())
        if workers == 0:
            parallel_ok = (
                total >= PARALLEL_FROM
                and (_can_fork() or self._bundle_is_default())
                and self._url_is_shareable()
            )
            workers = min(os.cpu_count() or 1, MAX_WORKERS) if parallel_ok else 1
        items = list(scope.items())
        if workers <= 1 or len(items) < 2:
            self.bundle.engine  # noqa: B018 - loaded before the collector is paused
            with _collector_paused():
                diagnosed, skipped = self._rediagnose_networks(items, progress, total)
        else:
            diagnosed, skipped = self._rediagnose_parallel(items, workers, progress, total)
        return t.RediagnoseReport(diagnosed=diagnosed, skipped=skipped, seconds=time.perf_counter() - started)

    def _bundle_is_default(self) -> bool:
        return self._bundle is None or self._bundle is load_bundle()

    def _url_is_shareable(self) -> bool:
        database = self.engine.url.database or ""
        return self.dialect != "sqlite" or (bool(database) and database != ":memory:")

    def _rediagnose_parallel(
        self,
        items: list[tuple[int, set[int]]],
        workers: int,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> tuple[int, list[tuple[int, str]]]:
        # Chunks of networks, several per worker so that one slow chunk does not hold up the end.
        chunks: list[list[tuple[int, set[int]]]] = [[] for _ in range(workers * 4)]
        sizes = [0] * len(chunks)
        for item in sorted(items, key=lambda kv: -len(kv[1])):
            smallest = sizes.index(min(sizes))
            chunks[smallest].append(item)
            sizes[smallest] += len(item[1])
        url = self.engine.url.render_as_string(hide_password=False)
        diagnosed, done = 0, 0
        skipped: list[tuple[int, str]] = []
        if _can_fork():
            # the workers inherit the loaded and compiled rule base: spawning re-imports and reloads
            # it, ~1.4 s per worker before the first round
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_adopt_parent_state,
                initargs=(self.bundle, self.engine),
            )
        else:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        with pool:
            futures = {
                pool.submit(_rediagnose_worker, url, chunk): size
                for chunk, size in zip(chunks, sizes, strict=True)
                if chunk
            }
            for future in as_completed(futures):
                n, worker_skipped = future.result()
                diagnosed += n
                skipped += worker_skipped
                done += futures[future]
                if progress is not None:
                    progress(done, total)
        return diagnosed, sorted(skipped)

    def _rediagnose_networks(
        self,
        items: Sequence[tuple[int, set[int]]],
        progress: Callable[[int, int], None] | None = None,
        total: int = 0,
    ) -> tuple[int, list[tuple[int, str]]]:
        """Diagnose network by network, writing the snapshots in batches. (A second thread that
        compressed and wrote meanwhile made it slower: its share of the GIL cost more than it saved.)"""
        diagnosed, done = 0, 0
        skipped: list[tuple[int, str]] = []
        pending: list[_Diagnosed] = []
        for net_id, wanted in items:
            results, network_skipped = self._diagnose_network(net_id, wanted)
            pending += results
            skipped += network_skipped
            diagnosed += len(results)
            done += len(wanted)
            if len(pending) >= SNAPSHOT_BATCH:
                self._insert_snapshots(self._snapshot_values(pending))
                pending = []
            if progress is not None:
                progress(done, total)
            gc.collect(1)  # the young objects of this network (see _collector_paused)
        self._insert_snapshots(self._snapshot_values(pending))
        return diagnosed, skipped

    def _diagnose_network(
        self, net_id: int, wanted: set[int], *, raise_errors: bool = False
    ) -> tuple[list[_Diagnosed], list[tuple[int, str]]]:
        """Diagnose the wanted rounds of one network oldest first, each with the latest earlier
        round that has submitted answers as history (its scores, made with its own questionnaire;
        none when that round cannot be scored). A round whose kept scores still match their inputs
        is not scored again. A wanted round that cannot be diagnosed is listed with the reason, or
        with raise_errors its ValidationFailed is raised."""
        with self._read() as s:
            net = self._network_row(s, net_id)
            siblings = sorted(
                s.scalars(select(models.Round).where(models.Round.network_id == net_id)), key=round_sort_key
            )
            keys = self._submitted_keys(s, [r.id for r in siblings])
            needed = _rounds_needed(siblings, keys, wanted)
            kept = self._kept_scores(s, list(needed))
            network = Network(name=net.name, profile=net.profile or {})
            inputs: dict[int, str] = {}
            for row in siblings:
                if row.id in needed:
                    try:
                        q = self._questionnaire_for(row)
                    except ValidationFailed:
                        continue  # reported below, where the round is diagnosed
                    inputs[row.id] = self._scores_digest.of(
                        q, network.profile, row.label, row.date, keys[row.id]
                    )
            answers = self._submitted(
                s, [rid for rid in needed if kept.get(rid, ("", b""))[0] != inputs.get(rid)]
            )
        results: list[_Diagnosed] = []
        skipped: list[tuple[int, str]] = []
        previous: RoundScores | None = None
        for row in siblings:
            if not keys.get(row.id):
                if row.id in wanted:
                    if raise_errors:
                        raise ValidationFailed(
                            [Problem("no-responses", file=f"{net.name} / {row.label}", id="round")]
                        )
                    skipped.append((row.id, "no submitted responses"))
                continue
            scores: RoundScores | None = None
            if row.id in needed:
                try:
                    q = self._questionnaire_for(row)
                    blob: bytes | None = None
                    if row.id in kept and kept[row.id][0] == inputs[row.id]:
                        blob = kept[row.id][1]
                        scores = round_scores.unpack(blob)
                    else:
                        scores, _ = core_diagnosis.check_and_score(
                            self.bundle,
                            q,
                            self._core_round(row, answers.get(row.id, [])),
                            network=network,
                            file=f"{net.name} / {row.label}",
                        )
                    if row.id in wanted:
                        result = core_diagnosis.diagnose_scores(self.bundle, q, scores, previous, network)
                        results.append(
                            _Diagnosed(row.id, result, inputs[row.id], blob or round_scores.pack(scores))
                        )
                except ValidationFailed as exc:
                    if row.id in wanted:
                        if raise_errors:
                            raise
                        skipped.append((row.id, exc.format("en")))
            previous = scores
        return results, skipped

    def _submitted_keys(
        self, s: Session, round_ids: Iterable[int]
    ) -> dict[int, list[round_scores.ResponseKey]]:
        """Per round, what identifies each submitted response's answers (see round_scores)."""
        R = models.Response
        result: dict[int, list[round_scores.ResponseKey]] = {}
        ids = list(round_ids)
        for start in range(0, len(ids), 500):
            for round_id, response_id, submitted_at, role, group in s.execute(
                select(R.round_id, R.id, R.submitted_at, R.role, R.is_group)
                .where(R.round_id.in_(ids[start : start + 500]), R.status == "submitted")
                .order_by(R.round_id, R.id)
            ):
                result.setdefault(round_id, []).append((response_id, submitted_at, role, group))
        return result

    def _kept_scores(self, s: Session, round_ids: list[int]) -> dict[int, tuple[str, bytes]]:
        """Per round, the scores kept with its latest snapshot that has them, and their digest."""
        S = models.DiagnosisSnapshot
        result: dict[int, tuple[str, bytes]] = {}
        for start in range(0, len(round_ids), 500):
            latest = (
                select(func.max(S.id))
                .where(S.round_id.in_(round_ids[start : start + 500]), S.scores_inputs.is_not(None))
                .group_by(S.round_id)
            )
            for round_id, inputs, blob in s.execute(
                select(S.round_id, S.scores_inputs, S.scores).where(S.id.in_(latest))
            ):
                if inputs and blob:
                    result[round_id] = (inputs, blob)
        return result

    # ---- import and export (diagnose.store.transfer) -------------------------------------------

    def import_bytes(
        self,
        data: bytes,
        filename: str,
        *,
        workspace_id: int | None = None,
        network: str | None = None,
        round_label: str | None = None,
        round_date: dt.date | None = None,
        questionnaire_id: str | None = None,
    ) -> t.ImportResult:
        """Import a JSON, CSV or XLSX file (by its name's suffix): all of it, or nothing."""
        from diagnose.store import transfer

        target = transfer.Target(workspace_id, network, round_label, round_date, questionnaire_id)
        return transfer.import_bytes(self, data, filename, target)

    def export_round(self, round_id: int, fmt: str) -> bytes:
        from diagnose.store import transfer

        return transfer.export_round(self, round_id, fmt)

    def export_network(self, network_id: int, fmt: str) -> bytes:
        from diagnose.store import transfer

        return transfer.export_network(self, network_id, fmt)

    def export_workspace(self, workspace_id: int, fmt: str) -> bytes:
        from diagnose.store import transfer

        return transfer.export_workspace(self, workspace_id, fmt)


@dataclasses.dataclass(frozen=True)
class _SnapshotBatch:
    values: list[dict[str, Any]]
    texts: set[str]  # digests of the finding texts the snapshots refer to


@dataclasses.dataclass(frozen=True)
class _Diagnosed:
    round_id: int
    diagnosis: core_diagnosis.Diagnosis
    scores_inputs: str
    scores: bytes


def _rounds_needed(
    siblings: list[models.Round], keys: dict[int, list[round_scores.ResponseKey]], wanted: set[int]
) -> set[int]:
    """The wanted rounds with submitted answers, and the round before each (its history)."""
    needed: set[int] = set()
    before: int | None = None
    for row in siblings:
        if not keys.get(row.id):
            continue
        if row.id in wanted:
            needed.add(row.id)
            if before is not None:
                needed.add(before)
        before = row.id
    return needed


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Garbage collection only between networks. Diagnosing allocates many short-lived objects, so
    the collector ran every few hundred allocations and regularly walked the ~100,000 objects of
    the rule base: 17% of re-diagnosis time. The rule base is frozen (never walked) and automatic
    collection paused; _rediagnose_networks collects the young generations after each network."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def _can_fork() -> bool:
    """fork copies only the calling thread: safe when there are no other threads whose locks could
    be held at that moment. Linux only (macOS frameworks do not survive a fork)."""
    return sys.platform == "linux" and threading.active_count() == 1


_inherited_bundle: Bundle | None = None


def _adopt_parent_state(bundle: Bundle, parent_engine: Engine) -> None:
    """In a forked worker: keep the parent's rule base, and let go of the parent's database
    connections without closing them (they are the parent's, still in use there)."""
    global _inherited_bundle
    _inherited_bundle = bundle
    parent_engine.dispose(close=False)


def _rediagnose_worker(url: str, items: list[tuple[int, set[int]]]) -> tuple[int, list[tuple[int, str]]]:
    """One worker process of Store.rediagnose: its own connection pool."""
    store = Store.open(url, bundle=_inherited_bundle)
    store.bundle.engine  # noqa: B018 - loaded before the collector is paused
    try:
        with _collector_paused():
            return store._rediagnose_networks(items)
    finally:
        store.close()
