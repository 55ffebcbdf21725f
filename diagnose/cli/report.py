"""`netscan report`: the advice report (summary or full; PDF, HTML, Word or Markdown) for a response
file or a stored round."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from diagnose.languages import LANGUAGES, Lang

# diagnose.report.views.EDITIONS and DEFAULT_EDITION, written out so that `netscan` does not import
# the report (and WeasyPrint) for every command; tests/report/test_report_cli.py holds them equal.
EDITIONS = ("summary", "full")
DEFAULT_EDITION = "summary"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="the advice report for a round: PDF, self-contained HTML, Word or Markdown",
        description="Make the advice report for the next steering-group meeting: the summary (at most "
        "four pages, the default) or the full report. ROUND_OR_FILE is a JSON response file (no database "
        "needed) or the id of a round in the database (DATABASE_URL, else ./data/netwerkscan.sqlite).",
    )
    p.add_argument(
        "source", metavar="ROUND_OR_FILE", help="a JSON response file, or a round id from the database"
    )
    p.add_argument(
        "--edition",
        choices=EDITIONS,
        default=DEFAULT_EDITION,
        help=f"summary (at most four pages) or full (default: {DEFAULT_EDITION})",
    )
    p.add_argument(
        "--format",
        choices=("pdf", "html", "docx", "md"),
        default="pdf",
        help="output format; docx is an editable Word document (default: pdf)",
    )
    p.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of the report (default: nl)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="file to write (default: a name made from network and round; '-' for stdout)",
    )
    p.add_argument(
        "--no-charts", action="store_true", help="leave the charts out (tables only; no Chromium needed)"
    )
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from diagnose.report import exporter, render_report

    lang: Lang = args.lang
    if args.format != "md" and not args.no_charts:
        exporter().start()  # Chromium starts while the content loads and the round is diagnosed
    inp = _input_from(args.source)
    report = render_report(inp, lang, args.format, edition=args.edition, charts=not args.no_charts)
    if args.output is not None and str(args.output) == "-":
        sys.stdout.buffer.write(report.content)
        sys.stdout.buffer.flush()
    else:
        out = args.output or Path(report.filename)
        out.write_bytes(report.content)
        print(out)
    if report.charts_missing:
        print(report.charts_missing, file=sys.stderr)
    return 0


def _input_from(source: str) -> Any:
    from diagnose.bundle import load_bundle
    from diagnose.cli.content import read_response_file
    from diagnose.report import prepare

    path = Path(source)
    if path.exists() or not source.isdigit():
        response_file, src = read_response_file(path)
        bundle = load_bundle()
        q = bundle.questionnaire(response_file.questionnaire.id, response_file.questionnaire.version)
        return prepare(
            bundle, q, response_file.round, response_file.history, response_file.network, file=src.path
        )
    return _input_from_store(int(source))


def _input_from_store(round_id: int) -> Any:
    """A stored round as the app shows it (see diagnose.store.round_view for which earlier rounds
    count as its history)."""
    from diagnose.problems import Problem, ValidationFailed

    try:
        from diagnose.store import Store
        from diagnose.store.round_view import round_view
    except ImportError as exc:  # pragma: no cover - the store ships with the product
        raise ValidationFailed(
            [
                Problem(
                    "file-unreadable",
                    file=str(round_id),
                    params={"detail": f"geen database beschikbaar ({exc}) / no database available"},
                )
            ]
        ) from exc
    from diagnose.report import input_from_view

    store = Store.open()
    view = round_view(store, round_id)
    if view is None:
        info = store.get_round(round_id)
        network = store.get_network(info.network_id)
        raise ValidationFailed([Problem("no-responses", file=f"{network.name} / {info.label}", id="round")])
    return input_from_view(view, store.bundle)
