"""The schema: SQLAlchemy 2 models. Alembic migrations (diagnose/store/migrations) create it.

workspace ─┬─ membership ── user ── login_token
           └─ network ── round ─┬─ invitation
                                ├─ response ── answer        (drafts: one row per answer)
                                ├─ diagnosis_snapshot
                                ├─ round_standing ── round_construct_mean  (latest means, standing.py)
                                ├─ agreement ── agreement_status   (the steering group's afspraken)
                                ├─ round_edit              (the consultant's edit, every version)
                                └─ participant, round_mail, mail_out   (invitations by e-mail)
workspace ── workspace_branding   (organisation and logo on the report's cover)
export_log   who exported answers per respondent or made a backup, of what, when
audit_event  who signed in, exported, deleted or edited, when (store/audit.py)

A draft's answers live in `answer`, keyed (response_id, item_id), so autosaving one answer is one
small upsert. Submitting freezes them into `response.answers` (JSON) in the same transaction and
clears the draft rows: diagnosis, export and re-diagnosis then read one row per respondent.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic_core import from_json
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from diagnose.store import codec

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 200


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both databases (SQLite keeps no zone; PostgreSQL timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store: use an aware UTC datetime")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return (
            value.replace(tzinfo=dt.timezone.utc)
            if value.tzinfo is None
            else value.astimezone(dt.timezone.utc)
        )


JSONValue = JSON().with_variant(JSONB(), "postgresql")


class CompressedJSON(TypeDecorator[Any]):
    """A JSON document stored zlib-compressed: a diagnosis is ~50 KB of JSON (texts in two
    languages) and ~7 KB compressed, read and written whole, never queried inside."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        """A dict, None, or a JSON text already serialised (by pydantic: a str, or bytes of UTF-8)."""
        if value is None:
            return None
        if not isinstance(value, str | bytes):
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return codec.compress(value if isinstance(value, bytes) else value.encode("utf-8"))

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> dict[str, Any] | None:
        if value is None:
            return None
        data: dict[str, Any] = from_json(codec.decompress(value))
        return data


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Workspace(Base):
    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(Base):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Membership(Base):
    __tablename__ = "membership"
    __table_args__ = (CheckConstraint("role in ('admin', 'member')", name="role"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginToken(Base):
    __tablename__ = "login_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # idle expiry: a session unused for longer than accounts.SESSION_IDLE ends (touched at most
    # every few minutes, so a page view is not a write)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignInThrottle(Base):
    """Failed sign-ins per subject, an account (``account:`` + SHA-256 of the address, existing or
    not) or a client (``client:`` + SHA-256 of its address): growing delays, then a temporary lock
    (accounts.py). A success clears the account's row; a quiet spell lets both start afresh."""

    __tablename__ = "sign_in_throttle"

    subject: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditEvent(Base):
    """Who signed in (or failed to), exported, deleted or changed what, and when (store/audit.py).
    Kept apart from what it is about, by id and a readable subject, so deleting a network keeps the
    record that it was deleted; purged after the retention period (`netscan audit purge`)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    workspace_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    subject: Mapped[str] = mapped_column(String(400), default="")


class Network(Base):
    __tablename__ = "network"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    profile: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Round(Base):
    __tablename__ = "round"
    __table_args__ = (
        UniqueConstraint("network_id", "label"),
        CheckConstraint("identity in ('anonymous', 'named')", name="identity"),
        CheckConstraint(
            "response_rate_minimum is null or (response_rate_minimum between 1 and 100)",
            name="response_rate_minimum",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(NAME_LENGTH))
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(50))
    results_visible_to_respondents: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # "anonymous" (default) or "named" ("op naam"): what respondents are told on the welcome page
    # and whether the coordinator sees who answered with which role (docs/store.md, Anonymity)
    identity: Mapped[str] = mapped_column(String(10), default="anonymous", server_default="anonymous")
    # results stay closed below this response rate (percent of the links issued); None: no threshold
    response_rate_minimum: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Invitation(Base):
    __tablename__ = "invitation"
    __table_args__ = (CheckConstraint("kind in ('personal', 'shared')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str | None] = mapped_column(String(NAME_LENGTH), nullable=True)
    role: Mapped[str | None] = mapped_column(String(50), nullable=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Response(Base):
    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("round_id", "respondent"),
        CheckConstraint("status in ('draft', 'submitted')", name="status"),
        Index("ix_response_invitation_resume", "invitation_id", "resume_key_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitation.id", ondelete="SET NULL"), nullable=True
    )
    respondent: Mapped[str] = mapped_column(String(NAME_LENGTH))
    role: Mapped[str | None] = mapped_column(String(50), nullable=True)
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    resume_key_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Frozen once handed in, NULL while a draft (`answer`); json, read whole (migration 0012 says why)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON(), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Answer(Base):
    """One autosaved answer of a draft response."""

    __tablename__ = "answer"

    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONValue)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class DiagnosisSnapshot(Base):
    __tablename__ = "diagnosis_snapshot"
    __table_args__ = (Index("ix_diagnosis_snapshot_round", "round_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(50))
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(50))
    respondents: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(CompressedJSON)
    # The round's scores (zlib-compressed JSON) and a digest of everything they were computed from:
    # re-diagnosing after a rule change reuses them while the digest still matches (round_scores.py).
    scores: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    scores_inputs: Mapped[str | None] = mapped_column(String(64), nullable=True)


class RoundStanding(Base):
    """A round's latest snapshot's means, filled lazily for the portfolio and benchmark (standing.py)."""

    __tablename__ = "round_standing"
    __table_args__ = (
        Index("ix_round_standing_network", "network_id", "results_open"),
        Index("ix_round_standing_questionnaire", "questionnaire_id", "questionnaire_version", "results_open"),
    )

    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    snapshot_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    scores_inputs: Mapped[str | None] = mapped_column(String(64), nullable=True)
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(50))
    respondents: Mapped[int] = mapped_column(Integer)
    group_only: Mapped[bool] = mapped_column(Boolean)
    results_open: Mapped[bool] = mapped_column(Boolean)
    facts: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)  # e.g. network_type as answered
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoundConstructMean(Base):
    __tablename__ = "round_construct_mean"  # one construct's mean in a round's standing

    round_id: Mapped[int] = mapped_column(
        ForeignKey("round_standing.round_id", ondelete="CASCADE"), primary_key=True
    )
    construct_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    mean: Mapped[float | None] = mapped_column(Float, nullable=True)
    respondents: Mapped[int] = mapped_column(Integer)
    band: Mapped[str | None] = mapped_column(String(12), nullable=True)


class FindingText(Base):
    """A finding's title, diagnosis and advice, stored once for every snapshot that has it
    (finding_texts.py): keyed by a digest of the content, never changed."""

    __tablename__ = "finding_text"

    digest: Mapped[str] = mapped_column(String(32), primary_key=True)
    texts: Mapped[dict[str, Any]] = mapped_column(JSONValue)


class Agreement(Base):
    """An agreement (afspraak) made after a round; its status through the year is in
    agreement_status, newest last. `owner` is the coordinator's own text, never linked to answers."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    owner: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    findings: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    constructs: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgreementStatus(Base):
    __tablename__ = "agreement_status"
    __table_args__ = (
        CheckConstraint("status in ('planned', 'under_way', 'done', 'dropped')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(500), default="")
    date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExportLog(Base):
    """Who made a per-respondent export or a backup, of what, when (transfer.exporting). Names
    are copied in, so the record outlives a deleted user, workspace or network."""

    __tablename__ = "export_log"
    __table_args__ = (
        CheckConstraint("kind in ('respondents', 'backup')", name="kind"),
        Index("ix_export_log_workspace", "workspace_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    workspace_id: Mapped[int | None] = mapped_column(
        ForeignKey("workspace.id", ondelete="SET NULL"), nullable=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    who: Mapped[str] = mapped_column(String(320))  # the user's e-mail address, or the CLI's OS account
    via: Mapped[str] = mapped_column(String(10))  # app / cli / kept (the copy kept before a delete)
    kind: Mapped[str] = mapped_column(String(12))
    scope: Mapped[str] = mapped_column(String(500))  # what: "workspace X", "network Y", "round Z of Y"
    format: Mapped[str] = mapped_column(String(10))
    rounds: Mapped[int] = mapped_column(Integer)  # rounds in the file
    respondents: Mapped[int] = mapped_column(Integer)  # respondent rows in the file
    left_out: Mapped[int] = mapped_column(Integer, default=0)  # rounds left out: results closed


class RoundEdit(Base):
    """One saved version of the consultant's edit of a round (diagnose.edits.Edit as JSON), apart
    from the computed diagnosis. Versions are only added: the newest is the edit, the others are
    its history; (round_id, version) unique makes a second save of the same version fail."""

    __tablename__ = "round_edit"
    __table_args__ = (UniqueConstraint("round_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    edit: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    by_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class WorkspaceBranding(Base):
    """A workspace's organisation name and logo for the cover of its reports (checked PNG or SVG)."""

    __tablename__ = "workspace_branding"
    __table_args__ = (CheckConstraint("logo_type in ('png', 'svg')", name="logo_type"),)

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    organisation: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_type: Mapped[str | None] = mapped_column(String(3), nullable=True)
    logo_width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    logo_height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    by_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


def dialect_insert(s: Session) -> Any:
    """INSERT with ON CONFLICT support for the session's database (PostgreSQL or SQLite)."""
    return pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert


# --- participants and the mail queue (diagnose/store/participants.py, mail_queue.py) -------------
# Kept apart from answers: a participant points to its personal invitation, and nothing that reads
# answers (diagnosis, export, round_view) reads these tables.


class RoundMail(Base):
    """A round's mail settings: the deadline, the reminder spacing and the templates changed from
    the defaults ({kind: {lang: {subject, body}}}, checked on save by diagnose.mail.templates)."""

    __tablename__ = "round_mail"

    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), primary_key=True)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reminder_days: Mapped[int] = mapped_column(Integer, default=7)
    sender_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    reply_to: Mapped[str] = mapped_column(String(320), default="")
    templates: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)


class Participant(Base):
    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("round_id", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    email: Mapped[str] = mapped_column(String(320))  # stored lower-case
    role: Mapped[str | None] = mapped_column(String(50), nullable=True)
    lang: Mapped[str] = mapped_column(String(2), default="nl")
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitation.id", ondelete="SET NULL"), nullable=True
    )
    # the link's token is HMAC(link key, id:salt); only its SHA-256 is in invitation.token_hash
    link_salt: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class MailOut(Base):
    """One mail to one participant: queued → sending (claimed until `claimed_until`) → sent or
    failed. The protocol and what it guarantees are in diagnose/store/mail_queue.py."""

    __tablename__ = "mail_out"
    __table_args__ = (
        CheckConstraint("kind in ('invitation', 'reminder')", name="kind"),
        CheckConstraint("status in ('queued', 'sending', 'sent', 'failed')", name="status"),
        Index("ix_mail_out_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(8), default="queued")
    link_base: Mapped[str] = mapped_column(String(500))
    message_id: Mapped[str] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    error: Mapped[str] = mapped_column(String(1000), default="")
