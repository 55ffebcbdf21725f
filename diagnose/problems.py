"""A problem a user can cause, located by file, line, element id and field, and its message.

The texts live in diagnose.catalogue, one entry per code in Dutch and English.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from diagnose.catalogue import CATALOGUE
from diagnose.text import Lang, LocalizedText


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return a ' (bedoelde je ...?)'-style suffix, language neutral: the caller wraps it."""
    options = sorted(set(candidates))
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    containing = [c for c in options if len(word) >= 3 and (word in c or c in word)]
    return min(containing, key=len) if containing else ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a user's file, located by file, line, element id and field."""

    code: str
    file: str = ""
    line: int | None = None
    id: str | None = None
    field: str | None = None
    params: dict[str, object] = dataclass_field(default_factory=dict, hash=False, compare=False)

    def what(self, lang: Lang) -> str:
        return _render(self.code, 0, lang, self.params)

    def fix(self, lang: Lang) -> str:
        return _render(self.code, 1, lang, self.params)

    def format(self, lang: Lang = "nl") -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file or "<input>"
        subject = ".".join(part for part in (self.id, self.field) if part) or "-"
        return f"{where}: [{self.code}] {subject}: {self.what(lang)} — {self.fix(lang)}"


_SUGGESTION = LocalizedText(nl=" (bedoel je '{suggestion}'?)", en=" (did you mean '{suggestion}'?)")


def _render(code: str, part: int, lang: Lang, params: dict[str, object]) -> str:
    message = CATALOGUE[code]
    template = (message.what if part == 0 else message.fix).get(lang)
    values = {k: v.get(lang) if isinstance(v, LocalizedText) else v for k, v in params.items()}
    suggestion = values.get("suggestion")
    values["suggestion"] = _SUGGESTION.get(lang).format(suggestion=suggestion) if suggestion else ""
    return template.format_map(_Default(values))


class _Default(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


class ValidationFailed(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def __str__(self) -> str:
        """The count and the first problems, located: what a traceback or a test's collection
        error shows, so that it names the file, line and rule instead of only a number."""
        shown = "\n".join(p.format("en") for p in self.problems[:20])
        more = f"\n... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        return f"{len(self.problems)} problem(s):\n{shown}{more}"

    def format(self, lang: Lang = "nl") -> str:
        return "\n".join(p.format(lang) for p in self.problems)
