"""Participants of a round (name, e-mail, role) and the round's mail settings: kept in their own
tables, apart from answers. Each participant has a personal invitation of the usual kind (hashed
token, reaching only its own round), whose link is made again from the link key when a mail needs
it (link_key.py).

A participant's status comes from the invitation's own state and the mail queue, never from the
answers: not sent → sent (a mail was accepted by the server) → opened (the link made a response)
→ started (that response has saved answers, counted, never read) → submitted; bounced when the
server refused the last mail for good. Nothing here reads an answer's value, and nothing that
reads answers (diagnosis, export, round_view) reads these tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import delete, exists, select

from diagnose.item_types import option_names
from diagnose.mail import templates as mail_templates
from diagnose.mail.addresses import clean_address
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import credentials, link_key, models, records
from diagnose.store.errors import NotFound
from diagnose.store.models import utcnow
from diagnose.store.rounds import Rounds
from diagnose.text import LANGUAGES, Lang, LocalizedText

Status = Literal["not_sent", "sent", "opened", "started", "submitted", "bounced"]
STATUSES: tuple[Status, ...] = ("not_sent", "sent", "opened", "started", "submitted", "bounced")
MAX_PARTICIPANTS = 2_000
DEFAULT_REMINDER_DAYS = 7


@dataclass(frozen=True)
class NewParticipant:
    """One participant as typed or read from a file; `line` locates it in messages."""

    name: str
    email: str
    role: str | None = None
    lang: str = "nl"
    line: int | None = None


@dataclass(frozen=True)
class Participant:
    id: int
    round_id: int
    name: str
    email: str
    role: str | None
    lang: Lang
    status: Status
    last_mail_at: dt.datetime | None  # when the last mail was accepted by the server
    reminders: int  # reminders accepted by the server
    reply: str  # the server's words when the last mail was refused or is being retried


@dataclass(frozen=True)
class Progress:
    """A round's response among its participants: the rate is submitted / invited, where invited
    counts the participants a mail reached (sent or further), never the bounced."""

    participants: int
    by_status: dict[Status, int]

    @property
    def invited(self) -> int:
        return sum(self.by_status[s] for s in ("sent", "opened", "started", "submitted"))

    @property
    def submitted(self) -> int:
        return self.by_status["submitted"]

    @property
    def rate(self) -> float | None:
        return self.submitted / self.invited if self.invited else None


@dataclass(frozen=True)
class MailSettings:
    round_id: int
    deadline: dt.date | None
    reminder_days: int
    sender_name: str
    reply_to: str
    templates: dict[str, Any]  # only what differs from the defaults

    def template(self, kind: mail_templates.Kind, lang: Lang) -> mail_templates.Template:
        return mail_templates.effective(self.templates, kind, lang)


class Participants(Rounds):
    """A round's participants, their links and status, and the round's mail settings."""

    # ---- settings ---------------------------------------------------------------------------

    def mail_settings(self, round_id: int) -> MailSettings:
        with self.db.read() as s:
            records.round_row(s, round_id)
            row = s.get(models.RoundMail, round_id)
        if row is None:
            return MailSettings(round_id, None, DEFAULT_REMINDER_DAYS, "", "", {})
        return MailSettings(
            round_id,
            row.deadline,
            row.reminder_days,
            row.sender_name,
            row.reply_to,
            dict(row.templates or {}),
        )

    def set_mail_settings(
        self,
        round_id: int,
        *,
        deadline: dt.date | Literal["keep"] | None = "keep",
        reminder_days: int | None = None,
        sender_name: str | None = None,
        reply_to: str | None = None,
        template: tuple[mail_templates.Kind, Lang, mail_templates.Template] | None = None,
    ) -> MailSettings:
        """Change what is given. A template with an unknown placeholder (or no {link}) is refused
        here, on save, with every problem located; a template equal to the default is forgotten."""
        problems: list[Problem] = []
        if reminder_days is not None and not 1 <= reminder_days <= 90:
            problems.append(Problem("mail-reminder-days", id="reminder_days", params={"key": reminder_days}))
        if sender_name is not None and sender_name.strip():
            name_issue = records.name_problem(sender_name)
            if name_issue is not None:
                problems.append(Problem(name_issue.code, id="afzender", params=name_issue.params))
        if reply_to is not None and reply_to.strip() and clean_address(reply_to) is None:
            problems.append(Problem("participant-email", id="reply_to", params={"key": reply_to.strip()}))
        if template is not None:
            problems += mail_templates.template_problems(*template)
        if problems:
            raise ValidationFailed(problems)
        with self.db.write() as s:
            records.round_row(s, round_id)
            row = s.get(models.RoundMail, round_id)
            if row is None:
                row = models.RoundMail(
                    round_id=round_id,
                    reminder_days=DEFAULT_REMINDER_DAYS,
                    sender_name="",
                    reply_to="",
                    templates={},
                )
                s.add(row)
            if deadline != "keep":
                row.deadline = deadline
            if reminder_days is not None:
                row.reminder_days = reminder_days
            if sender_name is not None:
                row.sender_name = " ".join(sender_name.split())
            if reply_to is not None:
                row.reply_to = clean_address(reply_to) or ""
            if template is not None:
                kind, lang, chosen = template
                saved = {k: dict(v) for k, v in (row.templates or {}).items()}
                if chosen == mail_templates.DEFAULTS[kind][lang]:
                    saved.get(kind, {}).pop(lang, None)
                else:
                    saved.setdefault(kind, {})[lang] = {"subject": chosen.subject, "body": chosen.body}
                row.templates = {k: v for k, v in saved.items() if v}
        return self.mail_settings(round_id)

    # ---- participants -----------------------------------------------------------------------

    def add_participants(
        self, round_id: int, rows: Sequence[NewParticipant], *, file: str = ""
    ) -> list[Participant]:
        """Add them all or none: every problem (invalid address, unknown role, a participant twice,
        in the rows or already in the round) is reported with its row, and nothing is added."""
        with self.db.read() as s:
            rnd, _ = records.round_row(s, round_id)
            taken = set(
                s.scalars(select(models.Participant.email).where(models.Participant.round_id == round_id))
            )
        roles, role_names = self._role_words(rnd.questionnaire_id, rnd.questionnaire_version)
        problems: list[Problem] = []
        clean: list[tuple[str, str, str | None, str]] = []
        seen: dict[str, int | None] = {}
        if len(taken) + len(rows) > MAX_PARTICIPANTS:
            raise ValidationFailed(
                [Problem("participants-too-many", file=file, params={"limit": MAX_PARTICIPANTS})]
            )
        for index, row in enumerate(rows, start=1):

            def problem(
                code: str, field: str, /, *, _row: NewParticipant = row, _index: int = index, **params: Any
            ) -> Problem:
                return Problem(
                    code,
                    file=file,
                    line=_row.line,
                    id=None if _row.line else f"#{_index}",
                    field=field,
                    params=params,
                )

            name_issue = records.name_problem(row.name)
            if name_issue is not None:
                problems.append(
                    Problem(
                        name_issue.code,
                        file=file,
                        line=row.line,
                        id=None if row.line else f"#{index}",
                        field="naam",
                        params=name_issue.params,
                    )
                )
            address = clean_address(row.email)
            if address is None:
                problems.append(problem("participant-email", "e-mail", key=row.email.strip()))
            elif address in taken:
                problems.append(problem("participant-exists", "e-mail", key=address))
            elif address in seen:
                first = seen[address]
                problems.append(problem("participant-twice", "e-mail", key=address, first=first or "?"))
            if address is not None:
                seen.setdefault(address, row.line or index)
            role = None
            if row.role is not None and row.role.strip():
                role = roles.get(" ".join(row.role.split()).lower())
                if role is None:
                    problems.append(
                        problem(
                            "unknown-role",
                            "rol",
                            key=row.role,
                            suggestion=did_you_mean(row.role.strip().lower(), roles),
                            allowed=role_names,
                        )
                    )
            lang = (row.lang or "nl").strip().lower() or "nl"
            if lang not in LANGUAGES:
                problems.append(problem("participant-language", "taal", key=row.lang))
            if name_issue is None and address is not None:
                clean.append((" ".join(row.name.split()), address, role, lang))
        if not rows:
            problems.append(Problem("participants-empty", file=file))
        if problems:
            raise ValidationFailed(problems[:50])
        with self.db.write() as s:
            records.round_row(s, round_id)
            made = []
            for name, address, role, lang in clean:
                salt = link_key.new_salt()
                invitation = models.Invitation(
                    round_id=round_id,
                    token_hash=credentials.token_hash(link_key.participant_token(salt)),
                    kind="personal",
                    role=role,
                )
                s.add(invitation)
                s.flush()
                row_ = models.Participant(
                    round_id=round_id,
                    name=name,
                    email=address,
                    role=role,
                    lang=lang,
                    invitation_id=invitation.id,
                    link_salt=salt,
                )
                s.add(row_)
                made.append(row_)
            s.flush()
            ids = {p.id for p in made}
        return [p for p in self.list_participants(round_id) if p.id in ids]

    def _role_words(self, questionnaire_id: str, version: str) -> tuple[dict[str, str], LocalizedText]:
        """Every way a role may be written (its value, its Dutch or English label, with or without
        what the label says between brackets) → its value; and the roles as a reader names them."""
        item = self.db.bundle.questionnaire(questionnaire_id, version).fact_item(ROLE_CONSTRUCT)
        options = (item.options or []) if item is not None else []
        # the importer's names (item_types.option_names: labels, their parts, the option's names)
        words = {**(option_names(item) if item is not None else {}), **{o.value: o.value for o in options}}
        names = LocalizedText(
            nl="; ".join(o.label.nl.split("(")[0].strip().lower() for o in options) or "-",
            en="; ".join(o.label.en.split("(")[0].strip().lower() for o in options) or "-",
        )
        return words, names

    def remove_participant(self, participant_id: int) -> None:
        """Gone, with its queued mails; its link is revoked, so it opens nothing any more. A response
        it made stays (anonymous, like every response)."""
        with self.db.write() as s:
            row = s.get(models.Participant, participant_id)
            if row is None:
                raise NotFound("participant", participant_id)
            if row.invitation_id is not None:
                invitation = s.get(models.Invitation, row.invitation_id)
                if invitation is not None and invitation.revoked_at is None:
                    invitation.revoked_at = utcnow()
            s.execute(delete(models.MailOut).where(models.MailOut.participant_id == participant_id))
            s.delete(row)

    def participant_link(self, participant_id: int, base: str) -> str:
        """The participant's personal link (the same in every mail, and to copy when mail is off)."""
        with self.db.read() as s:
            row = s.get(models.Participant, participant_id)
            if row is None:
                raise NotFound("participant", participant_id)
            salt = row.link_salt
        return link_key.link(base, link_key.participant_token(salt))

    def list_participants(self, round_id: int) -> list[Participant]:
        """The round's participants in the order they were added, each with a status (see above)."""
        P, R, M = models.Participant, models.Response, models.MailOut
        started = exists().where(models.Answer.response_id == R.id)
        with self.db.read() as s:
            records.round_row(s, round_id)
            rows = s.execute(
                select(P, R.status, started)
                .outerjoin(R, R.invitation_id == P.invitation_id)
                .where(P.round_id == round_id)
                .order_by(P.id)
            ).all()
            mails = s.execute(
                select(M.participant_id, M.kind, M.status, M.sent_at, M.error, M.id)
                .join(P, P.id == M.participant_id)
                .where(P.round_id == round_id)
                .order_by(M.id)
            ).all()
        by_participant: dict[int, list[Any]] = {}
        for mail in mails:
            by_participant.setdefault(mail.participant_id, []).append(mail)
        result = []
        for p, response_status, has_answers in rows:
            own = by_participant.get(p.id, [])
            sent = [m for m in own if m.status == "sent"]
            last = own[-1] if own else None
            if response_status == "submitted":
                status: Status = "submitted"
            elif response_status is not None:  # the link was opened: whatever a later mail did
                status = "started" if has_answers else "opened"
            elif last is not None and last.status == "failed":
                status = "bounced"
            elif sent:
                status = "sent"
            else:
                status = "not_sent"
            result.append(
                Participant(
                    id=p.id,
                    round_id=p.round_id,
                    name=p.name,
                    email=p.email,
                    role=p.role,
                    lang="en" if p.lang == "en" else "nl",
                    status=status,
                    last_mail_at=max((m.sent_at for m in sent), default=None),
                    reminders=sum(1 for m in sent if m.kind == "reminder"),
                    reply=last.error if last is not None and last.status != "sent" else "",
                )
            )
        return result

    def participant_progress(self, round_id: int) -> Progress:
        people = self.list_participants(round_id)
        counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        for p in people:
            counts[p.status] += 1
        return Progress(len(people), counts)
