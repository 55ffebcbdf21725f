"""The mail queue: invitations and reminders to a round's participants, sent by a worker outside
the page's request (the app's sender thread, or `netscan invite`/`remind`), once each.

Protocol, one mail at a time:
1. queue: `queue_invitations` adds one row per participant not invited yet (run twice, it adds
   nothing); `queue_reminders` one per participant who has a mail but has not submitted, unless
   the last mail to them is younger than the round's `reminder_days`.
2. claim: in one write transaction the oldest due row becomes `sending`, `claimed_until` = now +
   lease, attempts + 1 (PostgreSQL: FOR UPDATE SKIP LOCKED, so two senders never take one row;
   SQLite: the store's write lock).
3. send: the message is built (its Message-ID fixed when it was queued) and handed to the server.
4. mark, in one write transaction: `sent`; or back to `queued` with a later `next_attempt_at`
   (a 4xx, a timeout: 1, 2, 4 … minutes, at most 2 hours, failed after 8 tries); or `failed`
   with the server's reply (a 5xx: the participant shows as bounced with that reply).
   A server that cannot be used at all (login refused, no STARTTLS) stops the batch; the claimed
   mail goes back to `queued` as it was, with the reply for the coordinator to see.

What is guaranteed when the sender dies (killed, power cut) at any moment:
- never skipped: a mail is `sent` only after the server accepted it; a claim of a dead sender
  runs out after the lease and the next sender (the app's thread, the next `netscan invite`,
  `remind` or cron run) takes it again;
- never sent twice, except in one window: after the server's "250 accepted" and before step 4's
  commit (a few milliseconds). A death exactly there leaves the mail `sending`; it is sent again
  after the lease with the same Message-ID, so mail programs that recognise it (Gmail, Outlook)
  show it once. SMTP cannot close this window (RFC 1047): choosing "at most once" instead would
  turn it into a participant who is silently never invited, which is worse for a survey.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import and_, exists, or_, select, update

from diagnose.mail import compose, templates
from diagnose.mail.smtp import Rejected, SmtpConfig, Temporary, Unusable
from diagnose.problems import Problem, ValidationFailed
from diagnose.store import credentials, link_key, models
from diagnose.store.models import utcnow
from diagnose.store.participants import Participant, Participants
from diagnose.text import Lang, long_date

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(minutes=1)
LAST_RETRY = dt.timedelta(hours=2)


class Connection(Protocol):
    """What the queue needs of diagnose.mail.smtp.Connection."""

    def send(self, msg: EmailMessage, recipient: str) -> str: ...


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (participant's name, reply)
    stopped: str = ""  # the server's reply when it could not be used at all


@dataclass(frozen=True)
class Claimed:
    mail_id: int
    claimed_until: dt.datetime
    attempts: int
    msg: EmailMessage
    recipient: str
    name: str


def backoff(attempts: int) -> dt.timedelta:
    grown: dt.timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(grown, LAST_RETRY)


def default_lease(config: SmtpConfig) -> dt.timedelta:
    """How long a claim holds: NETSCAN_MAIL_LEASE seconds, else 5 minutes (at least 3 timeouts).
    A claim of a sender that died is taken again after this; a live sender must finish one mail
    within it, or a second sender may send that mail too."""
    configured = os.environ.get("NETSCAN_MAIL_LEASE", "").strip()
    if configured.replace(".", "", 1).isdigit():
        return dt.timedelta(seconds=float(configured))
    return dt.timedelta(seconds=max(300.0, 3 * config.timeout))


class MailQueue(Participants):
    """Queue and send the round's invitations and reminders (see the module's docstring)."""

    def _mail_ready(self, round_id: int, kind: templates.Kind) -> None:
        """Refuse to queue what could not be written: a closed round, no deadline, no sender."""
        settings = self.mail_settings(round_id)
        rnd = self.get_round(round_id)
        problems = []
        if rnd.closed_at is not None:
            problems.append(Problem("round-closed", params={"key": rnd.label}))
        for lang in ("nl", "en"):
            used = set(templates.placeholders_in(settings.template(kind, lang).body))
            used |= set(templates.placeholders_in(settings.template(kind, lang).subject))
            if "deadline" in used and settings.deadline is None:
                problems.append(Problem("mail-no-deadline", id=rnd.label))
                break
        if not settings.sender_name:
            problems.append(Problem("mail-no-sender", id=rnd.label))
        if problems:
            raise ValidationFailed(problems)

    def queue_invitations(self, round_id: int, link_base: str, *, dry_run: bool = False) -> list[Participant]:
        """Queue an invitation for every participant who has none yet; returns them."""
        self._mail_ready(round_id, "invitation")
        P, M = models.Participant, models.MailOut
        has_one = exists().where(M.participant_id == P.id, M.kind == "invitation")
        with self.db.write() as s:
            ids = list(s.scalars(select(P.id).where(P.round_id == round_id, ~has_one).order_by(P.id)))
            if not dry_run:
                for pid in ids:
                    s.add(self._new_mail(pid, "invitation", link_base))
        return [p for p in self.list_participants(round_id) if p.id in set(ids)]

    def queue_reminders(
        self, round_id: int, link_base: str, *, now: dt.datetime | None = None, dry_run: bool = False
    ) -> list[Participant]:
        """Queue a reminder for every participant who was mailed but has not submitted, unless the
        last mail to them (sent or still queued) is younger than the round's reminder_days."""
        self._mail_ready(round_id, "reminder")
        now = now or utcnow()
        settings = self.mail_settings(round_id)
        cutoff = now - dt.timedelta(days=settings.reminder_days)
        waiting = {
            p.id for p in self.list_participants(round_id) if p.status in ("sent", "opened", "started")
        }
        P, M = models.Participant, models.MailOut
        recent = exists().where(
            M.participant_id == P.id,
            or_(M.status.in_(("queued", "sending")), and_(M.status == "sent", M.sent_at > cutoff)),
        )
        with self.db.write() as s:
            ids = [
                pid
                for pid in s.scalars(select(P.id).where(P.round_id == round_id, ~recent).order_by(P.id))
                if pid in waiting
            ]
            if not dry_run:
                for pid in ids:
                    s.add(self._new_mail(pid, "reminder", link_base))
        return [p for p in self.list_participants(round_id) if p.id in set(ids)]

    @staticmethod
    def _new_mail(participant_id: int, kind: str, link_base: str) -> models.MailOut:
        return models.MailOut(
            participant_id=participant_id,
            kind=kind,
            status="queued",
            link_base=link_base.rstrip("/")[:500],
            message_id=secrets.token_hex(12),
            attempts=0,
            next_attempt_at=utcnow(),
            error="",
        )

    def preview_mail(
        self, round_id: int, kind: templates.Kind, lang: Lang, link_base: str
    ) -> templates.Template:
        """The message as the first participant (or an example one) would get it."""
        people = self.list_participants(round_id)
        first = people[0] if people else None
        link = self.participant_link(first.id, link_base) if first else link_key.link(link_base, "…")
        return templates.fill(
            self.mail_settings(round_id).template(kind, lang),
            self._values(round_id, first.name if first else "Voorbeeld", link, lang),
        )

    def _values(self, round_id: int, name: str, link: str, lang: Lang) -> dict[str, str]:
        settings = self.mail_settings(round_id)
        rnd = self.get_round(round_id)
        return {
            "naam": name,
            "netwerk": self.get_network(rnd.network_id).name,
            "meting": rnd.label,
            "deadline": long_date(settings.deadline, lang) if settings.deadline else "",
            "link": link,
            "afzender": settings.sender_name,
        }

    # ---- sending ----------------------------------------------------------------------------

    def _claim(
        self, config: SmtpConfig, now: dt.datetime, lease: dt.timedelta, round_id: int | None
    ) -> Claimed | None:
        M, P = models.MailOut, models.Participant
        due = or_(
            and_(M.status == "queued", M.next_attempt_at <= now),
            and_(M.status == "sending", M.claimed_until < now),
        )
        query = select(M).join(P, P.id == M.participant_id).where(due).order_by(M.id).limit(1)
        if round_id is not None:
            query = query.where(P.round_id == round_id)
        with self.db.write() as s:
            mail = s.scalars(query.with_for_update(skip_locked=True, of=M)).first()
            if mail is None:
                return None
            person = s.get(models.Participant, mail.participant_id)
            assert person is not None
            invitation = s.get(models.Invitation, person.invitation_id) if person.invitation_id else None
            token = link_key.participant_token(person.link_salt)
            if invitation is None or invitation.token_hash != credentials.token_hash(token):
                raise ValidationFailed([Problem("mail-link-key", id=person.name)])
            mail.status = "sending"
            mail.claimed_until = now + lease
            mail.attempts += 1
            claimed = (mail.id, mail.claimed_until, mail.attempts, mail.kind, mail.message_id, mail.link_base)
            who = (person.round_id, person.name, person.email, person.lang)
        mail_id, until, attempts, kind, message_key, base = claimed
        round_of, name, address, lang_text = who
        lang: Lang = "en" if lang_text == "en" else "nl"
        settings = self.mail_settings(round_of)
        filled = templates.fill(
            settings.template("reminder" if kind == "reminder" else "invitation", lang),
            self._values(round_of, name, link_key.link(base, token), lang),
        )
        envelope = compose.Envelope(
            sender=config.sender,
            sender_name=settings.sender_name,
            reply_to=settings.reply_to,
            to_name=name,
            to_address=address,
            message_id=f"netscan.{mail_id}.{message_key}@{config.sender.rsplit('@', 1)[1]}",
        )
        return Claimed(mail_id, until, attempts, compose.message(envelope, filled, when=now), address, name)

    def _mark(self, claimed: Claimed, **values: object) -> None:
        M = models.MailOut
        with self.db.write() as s:
            s.execute(
                update(M)
                .where(
                    M.id == claimed.mail_id, M.status == "sending", M.claimed_until == claimed.claimed_until
                )
                .values(**values)
            )

    def send_queued(
        self,
        connection: Connection,
        config: SmtpConfig,
        *,
        round_id: int | None = None,
        lease: dt.timedelta | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        limit: int | None = None,
    ) -> SendReport:
        """Send every due mail (of one round, or all), one at a time, until none is left."""
        report = SendReport()
        lease = lease or default_lease(config)
        while limit is None or report.sent + report.retrying + len(report.rejected) < limit:
            now = clock()
            claimed = self._claim(config, now, lease, round_id)
            if claimed is None:
                break
            try:
                connection.send(claimed.msg, claimed.recipient)
            except Temporary as exc:
                final = claimed.attempts >= MAX_ATTEMPTS
                self._mark(
                    claimed,
                    status="failed" if final else "queued",
                    next_attempt_at=now + backoff(claimed.attempts),
                    claimed_until=None,
                    error=exc.reply,
                )
                if final:
                    report.rejected.append((claimed.name, exc.reply))
                else:
                    report.retrying += 1
            except Rejected as exc:
                self._mark(claimed, status="failed", claimed_until=None, error=exc.reply)
                report.rejected.append((claimed.name, exc.reply))
            except Unusable as exc:
                self._mark(
                    claimed,
                    status="queued",
                    attempts=claimed.attempts - 1,
                    claimed_until=None,
                    error=exc.reply,
                )
                report.stopped = exc.reply
                break
            else:
                self._mark(claimed, status="sent", sent_at=clock(), claimed_until=None, error="")
                report.sent += 1
        return report

    def mail_waiting(self, round_id: int | None = None) -> int:
        """Mails queued or being sent (for the page: 'n mails on their way')."""
        M, P = models.MailOut, models.Participant
        query = select(M.id).join(P, P.id == M.participant_id).where(M.status.in_(("queued", "sending")))
        if round_id is not None:
            query = query.where(P.round_id == round_id)
        with self.db.read() as s:
            return len(list(s.scalars(query)))
