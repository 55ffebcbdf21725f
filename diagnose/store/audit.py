"""The audit trail: who signed in (or failed to), exported, deleted or changed what, and when.

The rooms record an event where the thing happens (a sign-in in accounts, a per-respondent export or
a backup in transfer/export_log, a delete in networks and rounds), so every caller is covered, the app and the command line alike. Who
acted is not an argument of every store call: the caller says it once with ``acting_as`` (the app per
page run, for the signed-in user; the command line for the whole command), and the trail reads it.
An event names its subject in words ("netwerk 12 ‘Netwerk Techniek Oost’"), so the record of a
deletion outlives what was deleted. A workspace's administrator reads its events and the sign-ins of
its members; ``purge_audit`` removes events past the retention period.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, or_, select

from diagnose.store import models
from diagnose.store.database import Room
from diagnose.store.models import utcnow

log = logging.getLogger("netscan.audit")

AuditAction = Literal[
    "sign_in",
    "sign_in_failed",
    "sign_in_blocked",
    "export_respondents",  # answers per respondent (transfer/export_log.py, which records these)
    "export_backup",
    "delete_network",
    "delete_round",
    "edit_report",
    "benchmark_on",  # a network starts or stops taking part in the benchmark (store/benchmark.py)
    "benchmark_off",
]
SUBJECT_LENGTH = 400


@dataclass(frozen=True)
class Actor:
    label: str  # what the trail shows: a user's e-mail address, or "opdrachtregel (beheer)"
    user_id: int | None = None


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime
    action: AuditAction
    actor: str
    user_id: int | None
    workspace_id: int | None
    subject: str


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("netscan_actor", default=None)
UNKNOWN_ACTOR = Actor("onbekend")


@contextlib.contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    """Everything the store records inside this block is done by `actor`."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def act_as(actor: Actor) -> None:
    """From now on in this thread (the app: a session's script thread, set at the start of each
    run, so its callbacks too act as the signed-in user)."""
    _actor.set(actor)


def current_actor() -> Actor:
    return _actor.get() or UNKNOWN_ACTOR


class Audit(Room):
    def record(
        self,
        action: AuditAction,
        subject: str,
        *,
        workspace_id: int | None = None,
        actor: Actor | None = None,
    ) -> None:
        """One event, in its own transaction. The trail must never stop what it records, so a
        database that cannot take the event is logged and the work goes on."""
        who = actor or current_actor()
        try:
            with self.db.write() as s:
                s.add(
                    models.AuditEvent(
                        action=action,
                        actor=who.label[: models.NAME_LENGTH],
                        user_id=who.user_id,
                        workspace_id=workspace_id,
                        subject=subject[:SUBJECT_LENGTH],
                    )
                )
        except Exception:
            log.exception("audit event not stored: %s %s by %s", action, subject, who.label)
        log.info("%s %s by %s", action, subject, who.label)

    def audit_events(self, workspace_id: int, *, limit: int = 200, offset: int = 0) -> list[AuditRecord]:
        """The workspace's events and its members' sign-ins, newest first."""
        members = select(models.Membership.user_id).where(models.Membership.workspace_id == workspace_id)
        with self.db.read() as s:
            rows = s.scalars(
                select(models.AuditEvent)
                .where(
                    or_(
                        models.AuditEvent.workspace_id == workspace_id,
                        models.AuditEvent.workspace_id.is_(None) & models.AuditEvent.user_id.in_(members),
                    )
                )
                .order_by(models.AuditEvent.at.desc(), models.AuditEvent.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return [
            AuditRecord(r.at, r.action, r.actor, r.user_id, r.workspace_id, r.subject)  # type: ignore[arg-type]
            for r in rows
        ]

    def purge_audit(self, older_than: dt.timedelta) -> int:
        """Remove events older than the retention period; returns how many."""
        with self.db.write() as s:
            result = s.execute(delete(models.AuditEvent).where(models.AuditEvent.at < utcnow() - older_than))
        return int(getattr(result, "rowcount", 0) or 0)
