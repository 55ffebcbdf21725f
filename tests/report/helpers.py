"""Reading reports back: PDF text with pypdf, HTML text section by section."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from pypdf import PdfReader

BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "tr",
    "th",
    "td",
    "figcaption",
    "div",
    "article",
    "section",
    "table",
    "ul",
    "ol",
    "nav",
    "q",
}


def squash(text: str) -> str:
    """Whitespace collapsed, so text broken over lines by the PDF still matches; a word broken at
    its own hyphen ("decision-" / "making") is joined again, on both sides of a comparison."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", re.sub(r"\s+", " ", text).strip())


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return squash(" ".join(pdf_pages(pdf)))


class SectionText(HTMLParser):
    """Text of every <section data-section=...>, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[str]] = {}
        self.current: str | None = None
        self.depth = 0
        self.line: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "title"):
            self.skip += 1
            return
        if tag == "section":
            name = dict(attrs).get("data-section")
            if self.current is None and name:
                self.current, self.depth = name, 0
                self.sections[name] = []
            elif self.current is not None:
                self.depth += 1
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self.skip -= 1
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "section" and self.current is not None:
            if self.depth == 0:
                self.current = None
            else:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skip:
            self.line.append(data)

    def flush(self) -> None:
        if self.current is not None:
            text = squash("".join(self.line))
            if text:
                self.sections[self.current].append(text)
        self.line = []


def html_sections(html: str) -> dict[str, str]:
    parser = SectionText()
    parser.feed(html)
    parser.close()
    return {name: "\n".join(lines) for name, lines in parser.sections.items()}
