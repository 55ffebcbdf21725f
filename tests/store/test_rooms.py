"""The store's rooms keep the dependency order in diagnose/store/__init__.py's docstring: read from
the imports of every module, so a new import that breaks it fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from diagnose import Bundle
from diagnose.store import Store
from diagnose.store.accounts import Accounts
from diagnose.store.agreements import Agreements
from diagnose.store.audit import Audit
from diagnose.store.benchmark import Benchmark
from diagnose.store.database import Database, Room
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.edits import Edits
from diagnose.store.mail_queue import MailQueue
from diagnose.store.networks import Networks
from diagnose.store.participants import Participants
from diagnose.store.rediagnosis import Rediagnosis
from diagnose.store.responses import Responses
from diagnose.store.rounds import Rounds
from diagnose.store.standing import Standing
from diagnose.store.transfer import Transfer

STORE = Path(__file__).resolve().parents[2] / "diagnose" / "store"
# what every room may use: the shared database object and records, the rules decided once
BASE = {
    "agreement_rows",
    "benchmark_rows",
    "bulk",
    "answer_checks",
    "chronology",
    "codec",
    "credentials",
    "database",
    "db",
    "edit_rows",
    "errors",
    "finding_texts",
    "logo",
    "models",
    "link_key",
    "records",
    "round_scores",
    "schema",
    "types",
}
# each room and the rooms it builds on directly (what they build on is allowed too)
ROOMS: dict[str, set[str]] = {
    "audit": set(),
    "accounts": {"audit"},
    "networks": {"audit"},
    "rounds": {"networks"},
    "responses": {"rounds"},
    "diagnoses": {"rounds"},
    "rediagnosis": {"diagnoses"},
    "agreements": {"diagnoses"},
    "participants": {"rounds"},
    "mail_queue": {"participants"},
    "edits": {"diagnoses"},
    "standing_fill": {"rounds"},
    "standing": {"standing_fill"},
    "benchmark": {"standing"},
    "transfer": {"responses", "diagnoses", "participants"},
    "service": {"accounts", "transfer", "rediagnosis", "agreements", "mail_queue", "edits", "benchmark"},
}
NEVER = ("diagnose.report", "diagnose.cli", "diagnose.charts", "netscan_app", "streamlit")


def module_name(path: Path) -> str:
    parts = path.relative_to(STORE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def imports(path: Path) -> set[str]:
    """Every module the file imports, anywhere in it (imports inside functions count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def store_imports(path: Path) -> set[str]:
    """The store modules the file imports, as top-level names of diagnose/store (transfer.x → transfer)."""
    names = set()
    for name in imports(path):
        if name.startswith("diagnose.store."):
            top = name.removeprefix("diagnose.store.").split(".")[0]
            if (STORE / f"{top}.py").exists() or (STORE / top).is_dir():
                names.add(top)
    return names


def below(room: str) -> set[str]:
    result: set[str] = set()
    for lower in ROOMS[room]:
        result |= {lower} | below(lower)
    return result


FILES = sorted(p for p in STORE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=module_name)
def test_each_store_module_imports_only_what_lies_below_it(path: Path) -> None:
    name = module_name(path)
    top = name.split(".")[0]
    used = store_imports(path) - {top}
    if top in BASE:
        assert used <= BASE, f"{name} is below every room but imports {sorted(used - BASE)}"
    elif top in ROOMS:
        allowed = BASE | below(top)
        assert used <= allowed, f"{name} may import {sorted(allowed)}, not {sorted(used - allowed)}"
    never = sorted(i for i in imports(path) if i.startswith(NEVER))
    assert not never, f"the store imports no report, CLI or app: {name} imports {never}"


def test_there_are_no_import_cycles_between_store_modules() -> None:
    graph = {module_name(p).split(".")[0]: set() for p in FILES}
    for path in FILES:
        graph[module_name(path).split(".")[0]] |= store_imports(path) - {module_name(path).split(".")[0]}
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, "import cycle: " + " → ".join((*path, node))
        if node not in done:
            for nxt in graph.get(node, set()):
                visit(nxt, (*path, node))
            done.add(node)

    for node in graph:
        visit(node, ())


@pytest.mark.parametrize("path", FILES, ids=module_name)
def test_store_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 500, f"{module_name(path)} has {lines} lines: split it by concern"


def test_no_room_hides_a_name_of_another() -> None:
    """Store inherits every room: a method defined twice would silently shadow the other one."""
    seen: dict[str, str] = {}
    for room in (
        Room,
        Audit,
        Accounts,
        Networks,
        Rounds,
        Responses,
        Diagnoses,
        Rediagnosis,
        Transfer,
        Agreements,
        Participants,
        MailQueue,
        Edits,
        Standing,
        Benchmark,
        Store,
    ):
        for name in vars(room):
            if not name.startswith("__"):
                assert name not in seen, f"{room.__name__}.{name} hides {seen[name]}.{name}"
                seen[name] = room.__name__


def test_a_room_works_on_its_own(db_url: str, bundle: Bundle) -> None:
    accounts = Accounts(Database.open(db_url, bundle=bundle))
    try:
        user = accounts.add_user("a@example.org", "lang genoeg")
        assert accounts.verify_password("a@example.org", "lang genoeg") == user
    finally:
        accounts.db.close()
