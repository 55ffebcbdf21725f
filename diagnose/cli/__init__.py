"""The `netscan` command line. Each module in COMMAND_MODULES adds its subcommands."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from diagnose.problems import ValidationFailed
from diagnose.text import DEFAULT_LANG

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
    try:
        result: int = args.handler(args)
        return result
    except ValidationFailed as exc:
        print(exc.format(lang), file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
