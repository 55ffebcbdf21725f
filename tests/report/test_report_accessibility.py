"""The report for someone who cannot see its charts (issue 17): the PDF is tagged (structure tree,
language, title, headings, every chart a Figure with its text alternative), and the HTML, Word and
Markdown carry the same text alternative of every chart (diagnose.charts.describe)."""

from __future__ import annotations

import io
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject, IndirectObject

from diagnose.report import Report
from diagnose.report.markdown import md_escape

LANGS = ("nl", "en")


def structure(pdf: bytes) -> tuple[DictionaryObject, Counter[str], list[str]]:
    """The PDF's catalogue, the count of each structure type and the Alt of every Figure, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"].get_object()
    kinds: Counter[str] = Counter()
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if not isinstance(node, DictionaryObject):
            return  # a marked-content id: the leaf of the tree
        kind = node.get("/S")
        if kind is not None:
            kinds[str(kind)] += 1
            if kind == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        children = node.get("/K")
        for child in children if isinstance(children, list) else [children]:
            walk(child)

    assert "/StructTreeRoot" in root
    walk(root["/StructTreeRoot"])
    return root, kinds, alts


def chart_alts(report: Report) -> list[str]:
    return [view.alt for view in report.model.charts.values()]


@pytest.mark.parametrize("edition", ["summary", "full"])
def test_the_pdf_is_tagged_with_language_title_headings_and_chart_alt_texts(
    reports: dict[tuple[str, str], Report], summaries: dict[tuple[str, str], Report], edition: str
) -> None:
    made = summaries if edition == "summary" else reports
    for lang in LANGS:
        report = made[(lang, "pdf")]
        root, kinds, alts = structure(report.content)
        assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
        assert root["/Lang"] == lang
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(
            True
        )  # the title, not the file name
        title = PdfReader(io.BytesIO(report.content)).metadata.title  # type: ignore[union-attr]
        assert title and report.model.network in title and report.model.round_label in title
        assert kinds["/H1"] >= (3 if edition == "summary" else 8) and kinds["/H2"] >= 3, kinds
        assert kinds["/Table"] >= 1 and kinds["/TH"] >= 1 and kinds["/P"] >= 10, kinds
        # every chart is a Figure whose Alt says what it shows for this round, in this language
        assert len(report.model.charts) >= (2 if edition == "summary" else 8)
        assert sorted(alts) == sorted(chart_alts(report)), alts
        radar = report.model.charts["radar"].alt
        assert radar.startswith(report.model.charts["radar"].title + ". ")
        assert ("het hoogst" if lang == "nl" else "highest") in radar


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def test_every_image_in_the_html_has_its_text_alternative(
    reports: dict[tuple[str, str], Report], summaries: dict[tuple[str, str], Report]
) -> None:
    for made in (reports, summaries):
        for lang in LANGS:
            report = made[(lang, "html")]
            parser = Images()
            parser.feed(report.content.decode("utf-8"))
            assert all(parser.alts), parser.alts  # none missing, none empty
            for alt in chart_alts(report):
                assert alt in parser.alts


def test_markdown_says_in_words_what_each_chart_shows(
    reports: dict[tuple[str, str], Report], summaries: dict[tuple[str, str], Report]
) -> None:
    for made in (reports, summaries):
        for lang in LANGS:
            report = made[(lang, "md")]
            text = report.content.decode("utf-8")
            for alt in chart_alts(report):
                assert f"*{md_escape(alt)}*" in text


def picture_descriptions(content: bytes) -> list[tuple[str, str]]:
    """(title, description) of every picture in a Word file: Word's alternative text."""
    doc = Document(io.BytesIO(content))
    return [
        (shape._inline.docPr.get("title"), shape._inline.docPr.get("descr")) for shape in doc.inline_shapes
    ]


def test_every_chart_in_word_has_its_alternative_text(summaries: dict[tuple[str, str], Report]) -> None:
    for lang in LANGS:
        report = summaries[(lang, "docx")]
        described = picture_descriptions(report.content)
        assert described == [(view.title, view.alt) for view in report.model.charts.values()]
