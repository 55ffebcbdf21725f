"""The `netscan` command line. Each module in COMMAND_MODULES adds its subcommands.

Every command builds the whole parser, so these modules import only the standard library and
diagnose.languages at the top; a handler imports what it needs (the core, the store, the report)
when it runs, so `netscan --help` loads neither pydantic nor numpy (tests/core/test_cli_startup.py
holds it so; benchmarks/bench_cli.py measures it).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from diagnose.languages import DEFAULT_LANG

COMMAND_MODULES = (
    "diagnose.cli.content",
    "diagnose.cli.store",
    "diagnose.cli.report",
    "diagnose.cli.synth",
    "diagnose.cli.mail",
    "diagnose.cli.audit",
    "diagnose.cli.benchmark",
)
EXIT_USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netscan",
        description="Netwerkscan: diagnose education networks from questionnaire answers.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", DEFAULT_LANG)
    from diagnose.problems import ValidationFailed

    try:
        result: int = args.handler(args)
        return result
    except ValidationFailed as exc:
        print(exc.format(lang), file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
