"""`netscan benchmark export|import|list|remove|join|leave`: the anonymous benchmark across
installations (docs/benchmark.md)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from diagnose.cli.store import _common, _say, find_network, find_workspace, open_store


def register(sub: Any) -> None:
    p = sub.add_parser("benchmark", help="the anonymous benchmark: export, import and list reference sets")
    bench = p.add_subparsers(dest="benchmark_command", required=True, metavar="ACTION")
    export = bench.add_parser("export", help="write the anonymised means of the networks taking part")
    export.add_argument("file", type=Path, metavar="FILE", help="the JSON file to write")
    export.add_argument(
        "--questionnaire", default="netwerkscan", metavar="ID", help="questionnaire (default: netwerkscan)"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE when it exists")
    _common(export)
    export.set_defaults(handler=cmd_export)
    imp = bench.add_parser("import", help="add a benchmark file from another installation as a reference set")
    imp.add_argument("file", type=Path, metavar="FILE", help="a file made by `netscan benchmark export`")
    imp.add_argument("--name", metavar="NAME", help="what to call the set (default: the file's name)")
    _common(imp)
    imp.set_defaults(handler=cmd_import)
    listing = bench.add_parser("list", help="the reference sets imported (tab-separated)")
    _common(listing)
    listing.set_defaults(handler=cmd_list)
    remove = bench.add_parser("remove", help="remove an imported reference set")
    remove.add_argument("id", type=int, metavar="ID", help="the set's number, as `benchmark list` shows it")
    _common(remove)
    remove.set_defaults(handler=cmd_remove)
    for name, on in (("join", True), ("leave", False)):
        what = "starts taking part in" if on else "stops taking part in"
        part = bench.add_parser(name, help=f"a network {what} the benchmark")
        part.add_argument("network", metavar="NETWORK", help="the network's name or id")
        part.add_argument("--workspace", metavar="NAME|ID", help="the workspace (default: the only one)")
        _common(part)
        part.set_defaults(handler=cmd_take_part, on=on)


def cmd_export(args: argparse.Namespace) -> int:
    from diagnose.benchmark_file import dumps
    from diagnose.problems import Problem, ValidationFailed

    path: Path = args.file
    if path.exists() and not args.force:
        raise ValidationFailed([Problem("benchmark-file-exists", file=str(path))])
    store = open_store(args)
    f = store.benchmark_export(args.questionnaire)
    _write(path, dumps(f))
    _say(
        args,
        f"{len(f.networks)} netwerken geschreven naar {path} (vragenlijst {f.questionnaire.id} "
        f"{f.questionnaire.version}). Een export is een momentopname: wie zich later afmeldt, blijft "
        "in dit bestand.",
        f"Wrote {len(f.networks)} networks to {path} (questionnaire {f.questionnaire.id} "
        f"{f.questionnaire.version}). An export is a snapshot: a network that opts out later stays in "
        "this file.",
    )
    return 0


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a temporary file beside it, renamed over it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_import(args: argparse.Namespace) -> int:
    store = open_store(args)
    path: Path = args.file
    info = store.import_benchmark(path, name=args.name or path.stem, display=str(path))
    _say(
        args,
        f"Referentieset {info.id} ‘{info.name}’ toegevoegd: {info.networks} netwerken "
        f"(vragenlijst {info.questionnaire_id} {info.questionnaire_version}, gemaakt {info.created}).",
        f"Added reference set {info.id} ‘{info.name}’: {info.networks} networks "
        f"(questionnaire {info.questionnaire_id} {info.questionnaire_version}, made {info.created}).",
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    for r in store.benchmark_references():
        print(
            "\t".join(
                (
                    str(r.id),
                    r.name,
                    f"{r.questionnaire_id} {r.questionnaire_version}",
                    str(r.networks),
                    r.created.isoformat(),
                    r.imported_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                )
            )
        )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    info = store.remove_benchmark_reference(args.id)
    _say(
        args,
        f"Referentieset {info.id} ‘{info.name}’ verwijderd; ze telt in geen enkele vergelijking meer mee.",
        f"Removed reference set {info.id} ‘{info.name}’; it no longer counts in any benchmark.",
    )
    return 0


def cmd_take_part(args: argparse.Namespace) -> int:
    store = open_store(args)
    network = find_network(store, find_workspace(store, args.workspace), args.network)
    changed = store.set_benchmark_taking_part(network.id, args.on)
    if args.on:
        nl = "doet nu mee aan de vergelijking" if changed else "deed al mee aan de vergelijking"
        en = "now takes part in the benchmark" if changed else "already took part in the benchmark"
    else:
        nl = "doet niet meer mee aan de vergelijking" if changed else "deed al niet mee aan de vergelijking"
        en = "no longer takes part in the benchmark" if changed else "did not take part in the benchmark"
    _say(args, f"‘{network.name}’ {nl}.", f"‘{network.name}’ {en}.")
    return 0
