"""Every environment variable the product reads, with its default: the one configuration reference.

`docs/configuration.md` is generated from SETTINGS (`make docs`); tests/test_configuration.py fails
when the code reads a variable that is not listed here, or when an entry here is read nowhere. Code
reads a variable through `value()`, so the default it falls back to is the one written here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

Area = Literal["database", "app", "mail", "report", "cli", "content", "tests"]

AREA_TITLES: dict[Area, str] = {
    "database": "Database",
    "app": "App server",
    "mail": "E-mail",
    "report": "Report",
    "cli": "Command line",
    "content": "Content",
    "tests": "Test suite only",
}


@dataclass(frozen=True)
class Setting:
    name: str
    area: Area
    default: str  # as the reader sees it: a value, or a sentence for a computed default
    meaning: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        "database",
        "a SQLite file `netwerkscan.sqlite` in `NETSCAN_DATA_DIR`",
        "The database. `postgresql://user:password@host:5432/netscan` for a server; "
        "`?application_name=…` names the connections in `pg_stat_activity` (default `netwerkscan`).",
        secret=True,
    ),
    Setting(
        "NETSCAN_DATA_DIR",
        "database",
        "`./data`",
        "The data folder: the SQLite file, and `exports/` where an archive is kept before a delete.",
    ),
    Setting(
        "NETSCAN_DB_POOL_SIZE",
        "database",
        "5",
        "PostgreSQL connections each process keeps open.",
    ),
    Setting(
        "NETSCAN_DB_MAX_OVERFLOW",
        "database",
        "10",
        "PostgreSQL connections a process may open beyond the pool at a peak.",
    ),
    Setting(
        "NETSCAN_SQLITE_BUSY_TIMEOUT_MS",
        "database",
        "30000",
        "How long a SQLite save waits for another writer before the app says the database is busy.",
    ),
    Setting(
        "NETSCAN_SQLITE_SYNCHRONOUS",
        "database",
        "NORMAL",
        "SQLite's `synchronous`: `FULL` also survives a power cut, at about 4 ms instead of 0.7 ms a save.",
    ),
    Setting(
        "NETSCAN_PUBLIC_URL",
        "app",
        "the address the browser used (app); `http://localhost:8501` (command line)",
        "The address people reach the app at, e.g. `https://scan.example.org`: used in invitation "
        "links, in e-mail and by `netscan` commands that print links. Set it behind a proxy.",
    ),
    Setting(
        "NETSCAN_APP_URL",
        "cli",
        "unset",
        "Old name of `NETSCAN_PUBLIC_URL`, still read by the command line when the new name is not set.",
    ),
    Setting(
        "NETSCAN_TRUST_PROXY",
        "app",
        "off",
        "`1` behind a proxy that sets `X-Forwarded-Proto`: the login cookie is then marked Secure "
        "when the proxy served HTTPS. Never set it without such a proxy.",
    ),
    Setting(
        "NETSCAN_DEMO",
        "app",
        "off",
        "`1` offers the demo data on an empty database (a laptop, a training set-up; `make run` sets "
        "it). Without it the app never offers the demo; a database with users never gets it.",
    ),
    Setting(
        "NETSCAN_LINK_KEY",
        "app",
        "a random key made once in `NETSCAN_DATA_DIR/link.key` (readable by its owner only)",
        "The key personal invitation links are made with, so a reminder carries the same link as the "
        "invitation. Every process must have the same key: set it (or share the data folder) when app "
        "processes or the mail sender run on several machines. Changing it breaks links already sent.",
        secret=True,
    ),
    Setting(
        "NETSCAN_NO_WARMUP",
        "app",
        "off",
        "`1` skips starting the report's Chromium ahead of the first download (tests; saves memory).",
    ),
    Setting(
        "NETSCAN_SMTP_URL",
        "mail",
        "unset: e-mail is not configured and the app offers the links to copy",
        "The mail server: `smtp://user:password@host:587` (STARTTLS, required with a password) or "
        "`smtps://user:password@host:465`; `?timeout=30` and `?cafile=/path/ca.pem` are optional.",
        secret=True,
    ),
    Setting(
        "NETSCAN_MAIL_FROM",
        "mail",
        "none (required with `NETSCAN_SMTP_URL`)",
        "The address invitations are sent from, e.g. `Netwerkscan <netwerkscan@bestuur.nl>`; "
        "replies go to the round's coordinator (Reply-To).",
    ),
    Setting(
        "NETSCAN_MAIL_LEASE",
        "mail",
        "300 seconds, at least three SMTP timeouts",
        "How long a sender's claim on a mail holds; a sender that died is taken over after it.",
    ),
    Setting(
        "BROWSER_PATH",
        "report",
        "`/usr/bin/chromium` when present",
        "The Chromium that draws chart images for the PDF. Without one the PDF has tables only.",
    ),
    Setting(
        "NETSCAN_PASSWORD",
        "cli",
        "unset (a prompt)",
        "The password for `netscan user add` in scripts (or `--password-stdin`).",
        secret=True,
    ),
    Setting(
        "NETSCAN_CONTENT",
        "content",
        "the copy the installed package carries, else the repository",
        "A folder with `questionnaires/` and `rules/` to use instead of the shipped content.",
    ),
    Setting(
        "NETSCAN_CACHE_DIR",
        "content",
        "`$XDG_CACHE_HOME/netwerkscan`, else `~/.cache/netwerkscan`",
        "Where a process keeps the checked content, so the next `netscan` command or worker need not "
        "read and check it again. Only a folder of the user's own that no one else may write is used; "
        "`off` turns it off.",
    ),
    Setting(
        "NETSCAN_HYPOTHESIS",
        "tests",
        "default",
        "`long` runs the summary's property tests over thousands of rounds (`make test-long`).",
    ),
    Setting(
        "NETSCAN_KILL_SEED",
        "tests",
        "19",
        "Where the SIGKILL durability test kills the writer; a failing seed is printed to re-run it.",
    ),
    Setting(
        "NETSCAN_UPDATE_GOLDEN",
        "tests",
        "off",
        "`1` rewrites the report's golden files after an intended change.",
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
_ON = ("1", "true", "yes", "on")


def value(name: str) -> str:
    """The variable's value, stripped; "" when unset. Only names listed in SETTINGS."""
    if name not in BY_NAME:
        raise KeyError(f"{name} is not in diagnose/settings.py SETTINGS: add it there first")
    return os.environ.get(name, "").strip()


def enabled(name: str) -> bool:
    return value(name).lower() in _ON


def reference_table(area: Area) -> str:
    """The Markdown table of one area, for docs/configuration.md."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for s in SETTINGS:
        if s.area == area:
            secret = " Secret: keep it out of logs and version control." if s.secret else ""
            rows.append(f"| `{s.name}` | {s.default} | {s.meaning}{secret} |")
    return "\n".join(rows)


def public_url(fallback: str) -> str:
    """Where people reach the app: NETSCAN_PUBLIC_URL, else the old NETSCAN_APP_URL, else `fallback`
    (the app passes the address the browser used; the command line http://localhost:8501)."""
    return (value("NETSCAN_PUBLIC_URL") or value("NETSCAN_APP_URL") or fallback).rstrip("/")
