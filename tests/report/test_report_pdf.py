"""The PDF as a reader gets it: sections, findings and numbers in the text; A4 pages; page images."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from diagnose.report import Report, ReportInput
from diagnose.report.content import load_content
from diagnose.text import format_number

from .helpers import pdf_pages, pdf_text, squash

SECTIONS = ("s_summary", "s_scores", "s_findings", "s_differences", "s_time", "s_meeting", "s_appendix")
A4 = (595.0, 842.0)  # points


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_has_every_section_in_order(reports: dict[tuple[str, str], Report], lang: str) -> None:
    text = pdf_text(reports[(lang, "pdf")].content)
    content = load_content()
    positions = []
    for key in SECTIONS:
        heading = content.text(key, lang)  # type: ignore[arg-type]
        found = list(_all(text, heading))
        assert found, f"section heading {heading!r} missing from the {lang} PDF"
        positions.append(found[-1])  # the last occurrence is the chapter (the first is in the contents)
    assert positions == sorted(positions), "chapters out of order"


def _all(text: str, needle: str) -> list[int]:
    start, found = 0, []
    while (index := text.find(needle, start)) >= 0:
        found.append(index)
        start = index + 1
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_names_every_finding_with_why_advice_and_sources(
    reports: dict[tuple[str, str], Report], report_input: ReportInput, lang: str
) -> None:
    report = reports[(lang, "pdf")]
    text = pdf_text(report.content)
    d = report_input.diagnosis
    assert d.findings, "the test round should produce findings"
    covered: list[str] = []
    for group in report.model.finding_groups:
        for view in group.findings:
            covered += view.rules or [view.rule]
            assert squash(view.title) in text, view.title
            assert squash(view.advice)[:80] in text, f"advice of {view.rule} missing"
            for why in view.because + [why for _, why in view.members]:
                # a word with a hyphen broken at the line end comes out of the PDF with a space
                # after the hyphen ("decision- making"): compare with that space closed
                assert squash(why)[:60] in text.replace("- ", "-"), why
            for source in view.sources:
                assert squash(source)[:40] in text, source
    assert sorted(covered) == sorted(f.rule for f in d.findings), "every finding appears exactly once"
    for f in d.findings:  # grouped or not, every finding's construct or title is named
        name = (
            f.title.get(lang)
            if not f.constructs
            else report_input.bundle.constructs.by_id[f.constructs[0]].label.get(lang)
        )  # type: ignore[arg-type]
        assert squash(name) in text, f.rule
    assert [s.rule for s in report.model.summary] == d.summary[:3]
    for top in report.model.summary:
        assert squash(top.advice)[:80] in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_carries_the_numbers_of_the_input(
    reports: dict[tuple[str, str], Report], report_input: ReportInput, lang: str
) -> None:
    text = pdf_text(reports[(lang, "pdf")].content)
    d = report_input.diagnosis
    assert f" {d.round.respondents} " in f" {text} "
    for cid, s in d.scores.items():
        mean = format_number(s.mean, lang, 2)  # type: ignore[arg-type]
        assert mean in text, f"mean of {cid} ({mean}) missing"
        if s.sd is not None:
            assert format_number(s.sd, lang, 2) in text  # type: ignore[arg-type]
    if lang == "nl":
        assert "3.87" not in text or "3,87" in text  # Dutch writes the decimal comma
    for label in (d.round.label, d.questionnaire.version, d.ruleset.version):
        assert label in text


def test_pdf_is_a4_with_page_numbers(reports: dict[tuple[str, str], Report]) -> None:
    pdf = reports[("nl", "pdf")].content
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert 8 <= pages <= 40
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (round(A4[0]), round(A4[1]))
    texts = pdf_pages(pdf)
    for number, page_text in enumerate(texts[1:], start=2):  # the cover has no page number
        assert f"Pagina {number} van {pages}" in squash(page_text)


def test_dutch_diacritics_survive(reports: dict[tuple[str, str], Report]) -> None:
    text = pdf_text(reports[("nl", "pdf")].content)
    for word in ("Eén gezamenlijke ambitie", "café-avond", "Oriëntatie", "coördinator"):
        assert word in text, word


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_renders_to_page_images(
    reports: dict[tuple[str, str], Report], output_dir: Path, lang: str
) -> None:
    """Every page rasterises (poppler); the PNGs stay in test-output/report/ for a human to look at.
    Without pdftoppm this fails, like the other fixtures that need a system package: a skipped
    check passes unseen (issue 19)."""
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is missing: run `make system-deps`"
    pdf_path = output_dir / f"report-{lang}.pdf"
    pages_dir = output_dir / f"pages-{lang}"
    shutil.rmtree(pages_dir, ignore_errors=True)
    pages_dir.mkdir()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf_path), str(pages_dir / "page")], check=True)
    images = sorted(pages_dir.glob("page-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert all(image.stat().st_size > 5_000 for image in images)


def test_charts_are_in_the_pdf(reports: dict[tuple[str, str], Report]) -> None:
    report = reports[("nl", "pdf")]
    assert report.charts_missing is None, report.charts_missing
    # WeasyPrint shares one resource dictionary between pages: count distinct images
    images = {image.name for page in PdfReader(io.BytesIO(report.content)).pages for image in page.images}
    assert len(images) == len(report.model.charts) >= 7
    # laid out before the charts were drawn: each real image took its placeholder's place, unchanged
    for view in report.model.charts.values():
        assert view.image is not None and view.image in report.content, view.key
