"""`netscan audit list|purge`: the audit trail of sign-ins, exports, deletions and report edits."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from diagnose.cli.store import _common, _say, find_workspace, open_store

#: the retention docs/deployment.md suggests; `purge` needs it said explicitly all the same
SUGGESTED_DAYS = 365


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="the audit trail: who signed in, exported, deleted or edited, and when")
    audit_sub = p.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    listing = audit_sub.add_parser("list", help="a workspace's events, newest first (tab-separated)")
    listing.add_argument("--workspace", metavar="NAME|ID", help="the workspace (default: the only one)")
    listing.add_argument(
        "--limit", type=int, default=1000, metavar="N", help="at most N lines (default 1000)"
    )
    _common(listing)
    listing.set_defaults(handler=cmd_audit_list)
    purge = audit_sub.add_parser("purge", help="remove events older than the retention period")
    purge.add_argument(
        "--older-than",
        type=_days,
        required=True,
        metavar="DAYS",
        help=f"remove events older than this many days (e.g. {SUGGESTED_DAYS})",
    )
    _common(purge)
    purge.set_defaults(handler=cmd_audit_purge)


def _days(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of days (1 or more): {text}")
    return int(text)


def cmd_audit_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    workspace = find_workspace(store, args.workspace)
    for event in store.audit_events(workspace.id, limit=args.limit):
        when = event.at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        print("\t".join((when, event.action, event.actor, event.subject)))
    return 0


def cmd_audit_purge(args: argparse.Namespace) -> int:
    store = open_store(args)
    removed = store.purge_audit(dt.timedelta(days=args.older_than))
    _say(
        args,
        f"{removed} regel(s) ouder dan {args.older_than} dagen uit het logboek verwijderd.",
        f"Removed {removed} event(s) older than {args.older_than} days from the audit trail.",
    )
    return 0
