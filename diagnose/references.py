"""The literature (rules/references.yaml) and how a rule cites it: one place that turns a citation
into what people read ("Dees, Klaster & Van Wendel de Joode — Netwerken in het onderwijs …,
valkuil 3, Het is ons netwerk") for the app, the report, the CLI and the Markdown alike."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from diagnose.problems import Problem, did_you_mean
from diagnose.source import SourceFile
from diagnose.text import Lang, LocalizedText

REFERENCES_FILE = "references.yaml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """A rule's source: a reference by id and, optionally, the section of it the rule rests on."""

    ref: str = Field(min_length=1)
    section: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        # diagnoses stored before references.yaml cite "000_….txt, section"; keep them readable
        if isinstance(value, str):
            ref, _, section = value.partition(",")
            return {"ref": ref.strip(), "section": section.strip()}
        return value


class LiteratureEntry(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    file: str = Field(min_length=1)
    short: LocalizedText
    title: str | None = None
    full: LocalizedText
    used_for: LocalizedText
    sections: dict[str, LocalizedText] = Field(default_factory=dict)


class References(Strict):
    references: list[LiteratureEntry] = Field(min_length=1)

    @cached_property
    def by_id(self) -> dict[str, LiteratureEntry]:
        return {r.id: r for r in self.references}

    @cached_property
    def _by_file(self) -> dict[str, LiteratureEntry]:
        return {r.file: r for r in self.references}

    def entry(self, citation: Citation) -> LiteratureEntry | None:
        return self.by_id.get(citation.ref) or self._by_file.get(citation.ref)

    def cite(self, citation: Citation, lang: Lang) -> str:
        """The citation as people read it; never a file name or an id."""
        entry = self.entry(citation)
        if entry is None:  # only a stored diagnosis can cite what the rule base no longer has
            return LocalizedText(
                nl="bron niet meer in de regelbase", en="source no longer in the rule base"
            ).get(lang)
        head = entry.short.get(lang) + (f" — {entry.title}" if entry.title else "")
        section = entry.sections.get(citation.section)
        if section is not None:
            return f"{head}, {section.get(lang)}"
        # a stored diagnosis's free-text section: shown when it names no file
        if citation.section and ".txt" not in citation.section:
            return f"{head}, {citation.section}"
        return head

    def cite_all(self, citations: list[Citation] | tuple[Citation, ...], lang: Lang) -> list[str]:
        return list(dict.fromkeys(self.cite(c, lang) for c in citations))


def check_citations(
    citations: list[Citation], references: References, source: SourceFile, loc: tuple[Any, ...], rule_id: str
) -> list[Problem]:
    """A citation of an unknown reference or section is a located problem with a 'did you mean'."""
    problems = []
    for index, citation in enumerate(citations):
        where = (*loc, index)
        entry = references.by_id.get(citation.ref)
        if entry is None:
            problem = source.problem(
                "unknown-reference",
                (*where, "ref"),
                "sources",
                key=citation.ref,
                suggestion=did_you_mean(citation.ref, references.by_id),
                allowed=", ".join(references.by_id),
            )
        elif citation.section and citation.section not in entry.sections:
            problem = source.problem(
                "unknown-reference",
                (*where, "section"),
                "sources",
                key=f"{citation.ref}: {citation.section}",
                suggestion=did_you_mean(citation.section, entry.sections),
                allowed=", ".join(entry.sections),
            )
        else:
            continue
        problems.append(Problem(problem.code, problem.file, problem.line, rule_id, "sources", problem.params))
    return problems
