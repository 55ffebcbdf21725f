"""Figures and lists in README.md and docs/*.md that the code can produce, kept current.

A generated region is written `<!-- gen NAME ARG... -->text<!-- /gen -->`; NAME is a key of
GENERATORS, which makes the text from the loaded content or the CLI. `make docs` rewrites every
region; tests/test_docs.py fails when one is stale. Inside a code block a marker would show, so lists
there (`group: characteristic   # profile | building_block | ...`) are checked instead: LISTED says
which line lists which closed set.

    .venv/bin/python -m tests.docs_figures            # rewrite the regions
    .venv/bin/python -m tests.docs_figures --check    # exit 1 naming the stale files
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.questionnaire_evidence import burden_markdown, completion_minutes, evidence_markdown
from diagnose import Bundle, load_bundle
from diagnose.cli import build_parser
from diagnose.schemas import render_schemas

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# left out of the command table, where nearly every row would repeat them; the README names them
SHARED_OPTIONS = ("-h", "--lang {nl,en}", "--database URL")
REGION = re.compile(r"<!-- gen (?P<spec>[^>]*?) -->(?P<body>.*?)<!-- /gen -->", re.DOTALL)


def _number(value: float, lang: str = "en") -> str:
    text = str(value)  # as the YAML has it: 4.0, 0.5, 0.67
    return text.replace(".", ",") if lang == "nl" else text


@contextmanager
def _wide_terminal() -> Iterator[None]:
    """argparse wraps usage lines at the terminal's width: make it wide enough not to."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "1000"
    try:
        yield
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def _commands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str]]:
    """(usage without SHARED_OPTIONS, help) for every leaf command, in the parser's order."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, sub in action.choices.items():
            if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                yield from _commands(sub)
                continue
            usage = sub.format_usage().removeprefix("usage: ")
            for shared in SHARED_OPTIONS:
                usage = usage.replace(f" [{shared}]", "")
            yield " ".join(usage.split()), helps.get(name, "")


def command_table(_: Bundle) -> str:
    with _wide_terminal():
        rows = list(_commands(build_parser()))
    lines = ["", "| command | what it does |", "|---|---|"]
    lines += ["| `" + usage.replace("|", "\\|") + f"` | {text} |" for usage, text in rows]
    return "\n".join(lines) + "\n"


def _threshold(bundle: Bundle, name: str, lang: str = "en") -> str:
    return _number(bundle.settings.thresholds[name], lang)


GENERATORS: dict[str, Callable[..., str]] = {
    "rules": lambda bundle: str(len(bundle.rules)),
    "items": lambda bundle, qid: str(len(list(bundle.questionnaire(qid).items()))),
    "constructs": lambda bundle: str(len(bundle.constructs.constructs)),
    "threshold": _threshold,
    "anonymity-minimum": lambda bundle: str(bundle.settings.anonymity_minimum),
    "commands": command_table,
    # docs/questionnaire.md: words, readability, reverse-worded share and completion time (issue 18)
    "questionnaire-evidence": lambda bundle, qid: evidence_markdown(bundle.questionnaire(qid), bundle),
    "questionnaire-burden": lambda bundle, qid, version: burden_markdown(bundle.questionnaire(qid, version)),
    "completion-minutes": lambda bundle, qid: str(completion_minutes(bundle.questionnaire(qid))),
}


def refresh(text: str, bundle: Bundle) -> str:
    def generate(match: re.Match[str]) -> str:
        name, *args = match["spec"].split()
        if name not in GENERATORS:
            raise KeyError(f"unknown generated region {name!r}: one of {', '.join(GENERATORS)}")
        return f"<!-- gen {match['spec']} -->{GENERATORS[name](bundle, *args)}<!-- /gen -->"

    return REGION.sub(generate, text)


def _enum(schema_file: str, *path: str) -> list[str]:
    node: Any = json.loads(render_schemas()[schema_file])
    for key in path:
        node = node[key]
    values: list[str] = node["enum"]
    return values


@dataclass(frozen=True)
class Listed:
    """A line in a code block whose comment lists a closed set: `key: value   # a | b (note) | c`."""

    file: str
    line_start: str
    values: Callable[[], list[str]]

    def found(self, text: str) -> list[str] | None:
        for line in text.splitlines():
            if line.strip().startswith(self.line_start) and "#" in line:
                comment = line.split("#", 1)[1]
                return [part.split()[0].rstrip(":") for part in comment.split(" | ")]
        return None


LISTED = [
    Listed(
        "docs/formats.md",
        "group: characteristic",
        lambda: [group.id for group in load_bundle().constructs.groups],
    ),
    Listed(
        "docs/formats.md",
        "kind: score",
        lambda: _enum("constructs.schema.json", "$defs", "Construct", "properties", "kind"),
    ),
    Listed(
        "docs/formats.md",
        "type: scale",
        lambda: _enum("questionnaire.schema.json", "$defs", "Item", "properties", "type"),
    ),
    Listed(
        "docs/formats.md",
        "kind: pitfall",
        lambda: load_bundle().settings.kind_order,
    ),
]


def stale_files(bundle: Bundle) -> list[str]:
    return [
        str(p.relative_to(ROOT))
        for p in DOCS
        if refresh(p.read_text(encoding="utf-8"), bundle) != p.read_text(encoding="utf-8")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.docs_figures",
        description="Refresh the generated regions of README.md and docs/*.md.",
    )
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1)")
    args = parser.parse_args(argv)
    bundle = load_bundle()
    stale = stale_files(bundle)
    if args.check:
        for name in stale:
            print(f"{name} is stale: run `make docs`", file=sys.stderr)
        return 1 if stale else 0
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        path.write_text(refresh(text, bundle), encoding="utf-8")
    print("\n".join(stale) or "docs are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
