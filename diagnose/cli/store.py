"""Commands on the database: db upgrade/status, import, export, rediagnose, demo, user add/list.

Every command brings the schema up to date first. The database is --database URL, else
DATABASE_URL, else ./data/netwerkscan.sqlite (NETSCAN_DATA_DIR moves the folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnose import settings
from diagnose.languages import LANGUAGES

if TYPE_CHECKING:
    from diagnose.store import Store
    from diagnose.store import types as t

# The store (SQLAlchemy, Alembic, argon2) and the core's messages (pydantic) are imported by the
# handlers that use them, not here: every `netscan` command builds this parser (see cli/__init__.py).

LOCAL_APP_URL = "http://localhost:8501"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: DATABASE_URL, else ./data/netwerkscan.sqlite)",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of messages (default: nl)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="the database: upgrade the schema, or show its state")
    db_sub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="bring the schema up to date (safe to repeat)")
    _common(up)
    up.set_defaults(handler=cmd_db_upgrade)
    down = db_sub.add_parser(
        "downgrade", help="take the schema back to REVISION (a rollback; see docs/deployment.md)"
    )
    down.add_argument("revision", metavar="REVISION", help="the revision to go back to, e.g. 0004")
    _common(down)
    down.set_defaults(handler=cmd_db_downgrade)
    status = db_sub.add_parser("status", help="where the database is, its schema revision and what it holds")
    _common(status)
    status.set_defaults(handler=cmd_db_status)

    p = sub.add_parser("import", help="import answers: JSON (response file or export), CSV or XLSX")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--workspace", metavar="NAME|ID", help="workspace to import into (created if the name is new)"
    )
    p.add_argument("--network", metavar="NAME", help="network for rows without a 'network' column")
    p.add_argument("--round", metavar="LABEL", help="round for rows without a 'round' column")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date of a new round")
    p.add_argument(
        "--questionnaire", metavar="ID", help="questionnaire of a new round (default: netwerkscan)"
    )
    p.add_argument("--no-diagnose", action="store_true", help="do not diagnose the imported rounds")
    _common(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="export results, answers per respondent (logged) or a backup (logged)")
    p.add_argument("--workspace", metavar="NAME|ID", help="the workspace (default: the only one)")
    p.add_argument("--network", metavar="NAME|ID", help="only this network")
    p.add_argument("--round", metavar="LABEL|ID", help="only this round (with --network)")
    p.add_argument(
        "--what",
        choices=("results", "respondents", "backup"),
        default="results",
        help="results: what the results page shows (default); respondents: answers per respondent "
        "of rounds whose results are open, without names (logged); backup: the JSON archive (logged)",
    )
    p.add_argument("--all", action="store_true", help="every workspace, as one JSON archive (a backup)")
    p.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)")
    _common(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "rediagnose", help="diagnose rounds again with the current rules (old diagnoses are kept)"
    )
    p.add_argument("--workspace", metavar="NAME|ID")
    p.add_argument("--network", metavar="NAME|ID")
    p.add_argument("--round", metavar="LABEL|ID")
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: one per core when there are many rounds; 1: none)",
    )
    _common(p)
    p.set_defaults(handler=cmd_rediagnose)

    p = sub.add_parser("demo", help="fill an empty database with a demo workspace and a demo user")
    _common(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("user", help="users of the app: add one (e.g. the first admin) or list them")
    user_sub = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_sub.add_parser("add", help="add a user, optionally as member or admin of a workspace")
    add.add_argument("email")
    add.add_argument("--name", default="")
    add.add_argument(
        "--workspace", metavar="NAME|ID", help="make the user a member (created if the name is new)"
    )
    add.add_argument("--admin", action="store_true", help="administrator of that workspace")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (else NETSCAN_PASSWORD, else a prompt)",
    )
    _common(add)
    add.set_defaults(handler=cmd_user_add)
    ls = user_sub.add_parser("list", help="users and their workspaces")
    _common(ls)
    ls.set_defaults(handler=cmd_user_list)


def open_store(args: argparse.Namespace) -> Store:
    from diagnose.store import Store
    from diagnose.store.audit import Actor, act_as

    act_as(Actor(f"opdrachtregel ({getpass.getuser()})"))  # what this command does, the trail records
    store = Store.open(args.database)
    store.ensure_schema()
    return store


def _say(args: argparse.Namespace, nl: str, en: str, *, file: Any = None) -> None:
    print(nl if args.lang == "nl" else en, file=file or sys.stdout)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from diagnose.store import Store

    store = Store.open(args.database)
    revision = store.ensure_schema()
    _say(
        args,
        f"Database {store.url} is bijgewerkt (schema {revision}).",
        f"Database {store.url} is up to date (schema {revision}).",
    )
    return 0


def cmd_db_downgrade(args: argparse.Namespace) -> int:
    from diagnose.store import Store
    from diagnose.store.schema import downgrade

    store = Store.open(args.database)
    revision = downgrade(store.engine, args.revision)
    _say(
        args,
        f"Database {store.url} staat nu op schema {revision}.",
        f"Database {store.url} is now at schema {revision}.",
    )
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    from diagnose.store import Store
    from diagnose.store.schema import current_revision, head_revision

    store = Store.open(args.database)
    current, head = current_revision(store.engine), head_revision()
    print(f"database: {store.url}")
    print(f"schema:   {current or '-'} (newest: {head})")
    if current == head:
        for table, count in store.table_counts().items():
            print(f"  {table:20} {count:>10,}")
    return 0 if current == head else 1


def find_workspace(store: Store, ref: str | None, *, create: bool = False) -> t.Workspace:
    from diagnose.problems import Problem, ValidationFailed

    if ref is None:
        workspaces = store.list_workspaces()
        real = [w for w in workspaces if not w.is_demo] or workspaces
        if len(real) == 1:
            return real[0]
        raise ValidationFailed([Problem("no-round-target", id="workspace", params={})])
    if ref.isdigit():
        return store.get_workspace(int(ref))
    found = store.workspace_by_name(ref)
    if found is not None:
        return found
    if create:
        return store.create_workspace(ref)
    from diagnose.store import NotFound

    raise NotFound("workspace", ref)


def find_network(store: Store, workspace: t.Workspace, ref: str) -> t.NetworkInfo:
    networks = store.list_networks(workspace.id)
    found = next((n for n in networks if str(n.id) == ref or n.name == " ".join(ref.split())), None)
    if found is None:
        from diagnose.store import NotFound

        raise NotFound("network", ref)
    return found


def find_round(store: Store, network: t.NetworkInfo, ref: str) -> t.RoundInfo:
    found = next(
        (r for r in store.list_rounds(network.id) if str(r.id) == ref or r.label == " ".join(ref.split())),
        None,
    )
    if found is None:
        from diagnose.store import NotFound

        raise NotFound("round", ref)
    return found


def cmd_import(args: argparse.Namespace) -> int:
    from diagnose.problems import Problem, ValidationFailed

    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [Problem("file-unreadable", file=str(path), params={"detail": exc.strerror})]
        ) from exc
    store = open_store(args)
    is_archive = path.suffix.lower() == ".json" and b'"netwerkscan-export"' in data[:4096]
    workspace_id = workspace_name = None
    if args.workspace is not None and not args.workspace.isdigit():
        found = store.workspace_by_name(args.workspace)
        workspace_id = found.id if found is not None else None
        workspace_name = None if found is not None else args.workspace  # made only if the file is valid
    elif args.workspace is not None or not is_archive:
        workspace_id = find_workspace(store, args.workspace).id
    result = store.import_bytes(
        data,
        path.name,
        workspace_id=workspace_id,
        network=args.network,
        round_label=args.round,
        round_date=args.date,
        questionnaire_id=args.questionnaire,
        workspace_name=workspace_name,
    )
    _say(
        args,
        f"Geïmporteerd: {result.responses} antwoordsets, {result.rounds_created} nieuwe rondes, "
        f"{result.networks_created} nieuwe netwerken.",
        f"Imported: {result.responses} responses, {result.rounds_created} new rounds, "
        f"{result.networks_created} new networks.",
    )
    if not args.no_diagnose:
        diagnosed = skipped = 0
        for round_id in dict.fromkeys(result.round_ids):
            report = store.rediagnose(round_id=round_id)
            diagnosed += report.diagnosed
            skipped += len(report.skipped)
        _say(
            args,
            f"Gediagnosticeerd: {diagnosed} rondes"
            + (f" ({skipped} zonder ingediende antwoorden)" if skipped else "")
            + ".",
            f"Diagnosed: {diagnosed} rounds"
            + (f" ({skipped} without submitted answers)" if skipped else "")
            + ".",
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.store import transfer
    from diagnose.store.results_export import export_results
    from diagnose.store.types import ExportBy

    store = open_store(args)
    # on the command line the server's operator, who can read the database anyway, is the owner
    by = ExportBy(None, "cli", f"{getpass.getuser()} (netscan export)")
    if (args.all or args.what == "backup") and (args.format != "json" or (args.round and not args.all)):
        raise ValidationFailed([Problem("backup-format", id="--format", params={"key": args.format})])
    if args.all:
        data = transfer.export_all(store, by)
    else:
        workspace = find_workspace(store, args.workspace)
        if args.round and not args.network:
            raise ValidationFailed([Problem("missing-field", id="--round", params={"key": "--network"})])
        network = find_network(store, workspace, args.network) if args.network else None
        round_id = find_round(store, network, args.round).id if network and args.round else None
        if args.what == "results":
            data = export_results(
                store,
                args.format,
                round_id=round_id,
                network_id=network.id if network else None,
                workspace_id=workspace.id,
            )
        elif round_id is not None:
            data = store.export_round(round_id, args.format, by=by)
        elif network is not None:
            data = store.export_network(network.id, args.format, by=by)
        else:
            data = store.export_workspace(workspace.id, args.format, by=by)
    if args.output is None:
        if args.format == "xlsx" and sys.stdout.isatty():
            _say(
                args,
                "Een xlsx-bestand hoort niet in de terminal: geef -o BESTAND.xlsx",
                "An xlsx file does not belong in the terminal: give -o FILE.xlsx",
                file=sys.stderr,
            )
            return 2
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    _say(
        args,
        f"Geschreven: {args.output} ({len(data):,} bytes).".replace(",", "."),
        f"Written: {args.output} ({len(data):,} bytes).",
    )
    return 0


def cmd_rediagnose(args: argparse.Namespace) -> int:
    from diagnose.text import format_number

    store = open_store(args)
    scope: dict[str, int] = {}
    if args.workspace or args.network or args.round:
        workspace = find_workspace(store, args.workspace)
        scope["workspace_id"] = workspace.id
        if args.network:
            network = find_network(store, workspace, args.network)
            scope = {"network_id": network.id}
            if args.round:
                scope = {"round_id": find_round(store, network, args.round).id}

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and (done % 100 == 0 or done == total):
            print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    report = store.rediagnose(progress=progress, workers=args.workers, **scope)
    rate = report.diagnosed / report.seconds if report.seconds else 0.0
    _say(
        args,
        f"Opnieuw gediagnosticeerd: {report.diagnosed} rondes in {format_number(report.seconds, 'nl')} s "
        f"({rate:.0f} per seconde); eerdere diagnoses zijn bewaard.",
        f"Re-diagnosed: {report.diagnosed} rounds in {report.seconds:.1f} s ({rate:.0f}/s); "
        f"earlier diagnoses are kept.",
    )
    for round_id, reason in report.skipped:
        _say(args, f"  overgeslagen: ronde {round_id}: {reason}", f"  skipped: round {round_id}: {reason}")
    for round_id, stale in report.stale_edits.items():
        label = store.get_round(round_id).label
        for part in stale:
            said = part.message()
            _say(args, f"  aanpassing van ronde {label}: {said.nl}", f"  edit of round {label}: {said.en}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from diagnose.store.demo import DEMO_EMAIL, DEMO_PASSWORD, build_demo

    store = open_store(args)
    result = build_demo(store)
    link = f"{settings.public_url(LOCAL_APP_URL)}/?t={result.shared_link_token}"
    if args.lang == "nl":
        print(f"Demo klaar in {store.url}:")
        print(
            f"  werkruimte '{result.workspace.name}': {result.networks} netwerken, {result.rounds} rondes, "
            f"{result.responses} respondenten (alles fictief)."
        )
        print()
        print(f"  Inloggen:  e-mail {DEMO_EMAIL}   wachtwoord {DEMO_PASSWORD}")
        print(f"  Vragenlijst proberen (gedeelde link van de nieuwste ronde): {link}")
        print()
        print("Start de app met: make run")
    else:
        print(f"Demo ready in {store.url}:")
        print(
            f"  workspace '{result.workspace.name}': {result.networks} networks, {result.rounds} rounds, "
            f"{result.responses} respondents (all fictitious)."
        )
        print()
        print(f"  Sign in:  e-mail {DEMO_EMAIL}   password {DEMO_PASSWORD}")
        print(f"  Try the questionnaire (shared link of the newest round): {link}")
        print()
        print("Start the app with: make run")
    return 0


def _password(args: argparse.Namespace) -> str:
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.text import LocalizedText

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if os.environ.get("NETSCAN_PASSWORD"):
        return os.environ["NETSCAN_PASSWORD"]
    if not sys.stdin.isatty():
        raise ValidationFailed(
            [Problem("missing-field", id="password", params={"key": "--password-stdin / NETSCAN_PASSWORD"})]
        )
    first = getpass.getpass("Wachtwoord / password: ")
    second = getpass.getpass("Nogmaals / again: ")
    if first != second:
        raise ValidationFailed(
            [
                Problem(
                    "invalid-value",
                    id="password",
                    params={
                        "detail": LocalizedText(
                            nl="de twee wachtwoorden verschillen", en="the two passwords differ"
                        ),
                    },
                )
            ]
        )
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    password = _password(args)
    workspace = find_workspace(store, args.workspace, create=True) if args.workspace else None
    user = store.add_user(
        args.email,
        password,
        args.name,
        workspace_id=workspace.id if workspace else None,
        role="admin" if args.admin else "member",
    )
    where_nl = f" ({'beheerder' if args.admin else 'lid'} van '{workspace.name}')" if workspace else ""
    where_en = f" ({'admin' if args.admin else 'member'} of '{workspace.name}')" if workspace else ""
    _say(args, f"Gebruiker {user.email} toegevoegd{where_nl}.", f"User {user.email} added{where_en}.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    roles: dict[int, list[str]] = {}
    for workspace in store.list_workspaces():
        for member in store.members(workspace.id):
            roles.setdefault(member.user.id, []).append(f"{workspace.name} ({member.role})")
    for user in store.list_users():
        print(f"{user.email}\t{user.name}\t{'; '.join(roles.get(user.id, [])) or '-'}")
    return 0
