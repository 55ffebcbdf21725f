"""Commands for a round's participants and their mail: participants add/list, invite, remind.

The round is addressed as `netscan export` does (--workspace, --network NAME|ID, --round LABEL|ID,
--database URL). Mail goes through NETSCAN_SMTP_URL from NETSCAN_MAIL_FROM (docs/mail.md); the
links point to NETSCAN_PUBLIC_URL (else NETSCAN_APP_URL, else http://localhost:8501). `invite`
mails everyone not yet invited (run twice, it sends nothing new); `remind` those who have not
submitted, at most once per the round's reminder spacing: safe to run from cron every day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnose import settings
from diagnose.cli.store import (
    LOCAL_APP_URL,
    _common,
    _date,
    _say,
    find_network,
    find_round,
    find_workspace,
    open_store,
)

if TYPE_CHECKING:
    from diagnose.mail.smtp import SmtpConfig
    from diagnose.store import Store
    from diagnose.store import types as t

STATUS_WORDS = {
    "not_sent": ("niet verstuurd", "not sent"),
    "sent": ("verstuurd", "sent"),
    "opened": ("link geopend", "opened the link"),
    "started": ("begonnen", "started"),
    "submitted": ("ingediend", "submitted"),
    "bounced": ("onbestelbaar", "bounced"),
}


def _round_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", metavar="NAME|ID", help="the workspace (default: the only one)")
    p.add_argument("--network", metavar="NAME|ID", required=True, help="the network")
    p.add_argument("--round", metavar="LABEL|ID", required=True, help="the round")
    _common(p)


def _mail_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="show who would get a mail, send nothing")
    p.add_argument(
        "--link-base", metavar="URL", help="address of the app in the links (default: NETSCAN_PUBLIC_URL)"
    )


def register(sub: Any) -> None:
    p = sub.add_parser(
        "participants", help="a round's participants: add them from a file, or list their status"
    )
    p_sub = p.add_subparsers(dest="participants_command", required=True, metavar="ACTION")
    add = p_sub.add_parser("add", help="add participants from a CSV or XLSX file (naam, e-mail, rol)")
    add.add_argument("file", type=Path, metavar="FILE")
    _round_args(add)
    add.set_defaults(handler=cmd_participants_add)
    ls = p_sub.add_parser(
        "list", help="each participant's status (never their answers) and the response rate"
    )
    _round_args(ls)
    ls.set_defaults(handler=cmd_participants_list)

    p = sub.add_parser("invite", help="mail the invitation to every participant not yet invited")
    _round_args(p)
    _mail_args(p)
    p.add_argument("--deadline", type=_date, metavar="YYYY-MM-DD", help="set the round's deadline first")
    p.add_argument("--sender-name", metavar="NAME", help="set the name the mail is signed with first")
    p.set_defaults(handler=cmd_invite)

    p = sub.add_parser("remind", help="mail a reminder to participants who have not submitted (cron-safe)")
    _round_args(p)
    _mail_args(p)
    p.add_argument("--every", type=int, metavar="DAYS", help="set the round's days between reminders first")
    p.set_defaults(handler=cmd_remind)


def _round(args: argparse.Namespace) -> tuple[Store, t.RoundInfo]:
    store = open_store(args)
    workspace = find_workspace(store, args.workspace)
    network = find_network(store, workspace, args.network)
    return store, find_round(store, network, args.round)


def cmd_participants_add(args: argparse.Namespace) -> int:
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.store.transfer.participant_table import read_participants

    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [Problem("file-unreadable", file=str(path), params={"detail": exc.strerror})]
        ) from exc
    store, rnd = _round(args)
    added = store.add_participants(rnd.id, read_participants(data, path.name), file=path.name)
    _say(
        args,
        f"Toegevoegd aan '{rnd.label}': {len(added)} deelnemers.",
        f"Added to '{rnd.label}': {len(added)} participants.",
    )
    return 0


def cmd_participants_list(args: argparse.Namespace) -> int:
    store, rnd = _round(args)
    people = store.list_participants(rnd.id)
    nl = args.lang == "nl"
    width = max((len(p.name) for p in people), default=4)
    for p in people:
        words = STATUS_WORDS[p.status][0 if nl else 1]
        when = f"  {p.last_mail_at:%Y-%m-%d %H:%M}" if p.last_mail_at else ""
        reply = f"  ({p.reply})" if p.reply else ""
        print(f"{p.name:<{width}}  {p.email:<30}  {words}{when}{reply}")
    progress = store.participant_progress(rnd.id)
    rate = f"{progress.rate:.0%}" if progress.rate is not None else "-"
    _say(
        args,
        f"{progress.participants} deelnemers, {progress.invited} uitgenodigd, {progress.submitted} ingediend: respons {rate}.",
        f"{progress.participants} participants, {progress.invited} invited, {progress.submitted} submitted: response {rate}.",
    )
    return 0


def _config(args: argparse.Namespace) -> SmtpConfig | None:
    from diagnose.mail.smtp import ConfigError, config_from_env
    from diagnose.problems import Problem, ValidationFailed

    try:
        config = config_from_env()
    except ConfigError as exc:
        raise ValidationFailed([Problem("mail-config", params={"detail": str(exc)})]) from exc
    if config is None and not args.dry_run:
        raise ValidationFailed([Problem("mail-not-configured")])
    return config


def _link_base(args: argparse.Namespace) -> str:
    from diagnose.problems import Problem, ValidationFailed

    base = args.link_base or settings.public_url(LOCAL_APP_URL)
    if not base.startswith(("http://", "https://")):
        raise ValidationFailed(
            [Problem("mail-config", id="--link-base", params={"detail": f"{base}: http(s)://…"})]
        )
    return base


def _send(args: argparse.Namespace, store: Store, rnd: t.RoundInfo, config: SmtpConfig) -> int:
    from diagnose.mail.smtp import Connection
    from diagnose.problems import Problem, ValidationFailed

    with Connection(config) as connection:
        report = store.send_queued(connection, config, round_id=rnd.id)
    _say(args, f"Verstuurd: {report.sent}.", f"Sent: {report.sent}.")
    if report.retrying:
        _say(
            args,
            f"Later opnieuw geprobeerd (tijdelijke fout): {report.retrying}; `netscan remind` of de app stuurt ze alsnog.",
            f"To be tried again later (temporary failure): {report.retrying}; `netscan remind` or the app sends them.",
        )
    for name, reply in report.rejected:
        _say(args, f"Niet bezorgd aan {name}: {reply}", f"Not delivered to {name}: {reply}", file=sys.stderr)
    waiting = store.mail_waiting(rnd.id) - report.retrying
    if report.stopped:
        raise ValidationFailed(
            [Problem("mail-server-unusable", params={"key": config.shown, "detail": report.stopped})]
        )
    if waiting > 0:
        _say(
            args,
            f"{waiting} mails worden nog door een andere verzender afgehandeld (of die is gestopt: ze gaan "
            "dan later alsnog, één keer).",
            f"{waiting} mails are still being handled by another sender (or one that stopped: then they go "
            "later, once).",
        )
    return 1 if report.rejected else 0


def _dry(args: argparse.Namespace, people: list[Any]) -> int:
    for p in people:
        print(f"{p.name} <{p.email}>")
    _say(
        args,
        f"Zou mailen naar: {len(people)} (er is niets verstuurd).",
        f"Would mail: {len(people)} (nothing sent).",
    )
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    config = _config(args)
    store, rnd = _round(args)
    if args.deadline is not None or args.sender_name is not None:
        store.set_mail_settings(
            rnd.id,
            deadline=args.deadline if args.deadline is not None else "keep",
            sender_name=args.sender_name,
        )
    people = store.queue_invitations(rnd.id, _link_base(args), dry_run=args.dry_run)
    if args.dry_run or config is None:
        return _dry(args, people)
    _say(args, f"In de wachtrij: {len(people)} uitnodigingen.", f"Queued: {len(people)} invitations.")
    return _send(args, store, rnd, config)


def cmd_remind(args: argparse.Namespace) -> int:
    config = _config(args)
    store, rnd = _round(args)
    if args.every is not None:
        store.set_mail_settings(rnd.id, reminder_days=args.every)
    people = store.queue_reminders(
        rnd.id, _link_base(args), now=dt.datetime.now(dt.timezone.utc), dry_run=args.dry_run
    )
    if args.dry_run or config is None:
        return _dry(args, people)
    _say(args, f"In de wachtrij: {len(people)} herinneringen.", f"Queued: {len(people)} reminders.")
    return _send(args, store, rnd, config)
