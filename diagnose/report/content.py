"""The report's own texts as data (content.yaml): methods, questions, agenda, headings."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from diagnose.references import Citation
from diagnose.source import load_yaml, validate_model
from diagnose.text import Lang, LocalizedText

CONTENT_FILE = Path(__file__).with_name("content.yaml")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Method(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalizedText
    source: Citation
    purpose: LocalizedText
    steps: list[LocalizedText] = Field(min_length=1)
    tip: LocalizedText | None = None
    constructs: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)


class Questions(Strict):
    constructs: dict[str, LocalizedText]
    kinds: dict[str, LocalizedText]
    rules: dict[str, LocalizedText] = Field(default_factory=dict)


class AgendaText(Strict):
    title: LocalizedText
    text: LocalizedText


class AgendaItem(Strict):
    minutes: int = Field(gt=0, le=240)
    title: LocalizedText
    text: LocalizedText
    # an item only for a round with a card about members who differ; without one its minutes go
    # to the next item, so the meeting keeps its length
    when: Literal["disagreement"] | None = None
    # the item's title and text for a round whose summary holds no finding (a healthy network)
    without_findings: AgendaText | None = None


class ReportContent(Strict):
    methods: list[Method] = Field(min_length=1)
    questions: Questions
    agenda: list[AgendaItem] = Field(min_length=1)
    texts: dict[str, LocalizedText]

    @field_validator("methods")
    @classmethod
    def _unique_methods(cls, methods: list[Method]) -> list[Method]:
        ids = [m.id for m in methods]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate method id(s): {', '.join(duplicates)}")
        return methods

    def text(self, key: str, lang: Lang, **values: object) -> str:
        """A heading or sentence of the report; {placeholders} are filled from ``values``."""
        template = self.texts[key].get(lang)
        return template.format(**values) if values else template


@cache
def load_content(path: Path = CONTENT_FILE) -> ReportContent:
    """The validated report texts (a ValidationFailed names file, line and field on an error)."""
    source = load_yaml(path, str(path.name))
    return validate_model(ReportContent, source)
