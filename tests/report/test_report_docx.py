"""The Word edition (python-docx): opens, has real headings, tables and the charts as PNG pictures,
and holds the three findings' titles and advice, in both editions."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from diagnose.report import Report, ReportInput, render_report

from .conftest import GENERATED
from .helpers import squash


def document_text(doc: object) -> str:
    paragraphs = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]  # type: ignore[attr-defined]
    return squash(" ".join(paragraphs + cells))


def headings(doc: object, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]  # type: ignore[attr-defined]


def test_the_summary_in_word_has_the_findings_advice_and_charts(
    summaries: dict[tuple[str, str], Report],
) -> None:
    for lang in ("nl", "en"):
        report = summaries[(lang, "docx")]
        assert report.filename.endswith(".docx") and report.media_type.startswith("application/vnd.openxml")
        doc = Document(io.BytesIO(report.content))
        text = document_text(doc)
        assert len(report.model.summary) == 3
        for number, f in enumerate(report.model.summary, 1):
            assert f"{number}. {f.title}" in headings(doc, 2)
            assert squash(f.advice) in text and squash(f.diagnosis) in text
        assert report.model.t("key_charts") in headings(doc, 1) and report.model.t("s_meeting") in headings(
            doc, 1
        )
        pictures = [r for r in doc.part.rels.values() if "image" in r.reltype]
        assert len(pictures) == 2 and all(r.target_part.content_type == "image/png" for r in pictures)
        assert all(r.target_part.blob.startswith(b"\x89PNG") for r in pictures)
        assert any(a.minutes in text and squash(a.title) in text for a in report.model.agenda)


def test_the_full_report_in_word_has_every_chapter_finding_and_table(report_input: ReportInput) -> None:
    report = render_report(report_input, "nl", "docx", edition="full", generated=GENERATED)
    doc = Document(io.BytesIO(report.content))
    text = document_text(doc)
    chapters = headings(doc, 1)
    for key in ("s_summary", "s_scores", "s_findings", "s_differences", "s_time", "s_meeting"):
        assert any(h.endswith(report.model.t(key)) for h in chapters), key
    assert chapters[-1] == report.model.t("s_appendix")
    findings = [f for g in report.model.finding_groups for f in g.findings]
    level3 = headings(doc, 3)
    for f in findings:
        assert f.title in level3 and squash(f.advice) in text, f.rule
    scores = doc.tables[1]
    assert scores.rows[0].cells[0].text == report.model.t("col_construct")
    assert len(scores.rows) > len([r for g in report.model.score_groups for r in g.rows])
    pictures = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(pictures) == len(report.model.charts) >= 8
    # every picture's alternative text is its chart's (tests/report/test_report_accessibility.py)
    assert [s._inline.docPr.get("descr") for s in doc.inline_shapes] == [
        v.alt for v in report.model.charts.values()
    ]


def test_word_without_charts_says_so(report_input: ReportInput) -> None:
    report = render_report(report_input, "en", "docx", charts=False, generated=GENERATED)
    doc = Document(io.BytesIO(report.content))
    assert report.charts_missing and report.charts_missing in document_text(doc)
    assert not [r for r in doc.part.rels.values() if "image" in r.reltype]


LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice is not installed: this check runs only where it is"
)
def test_word_converts_to_pdf_only_where_libreoffice_is_installed(
    summaries: dict[tuple[str, str], Report], tmp_path: Path
) -> None:
    source = tmp_path / "summary.docx"
    source.write_bytes(summaries[("nl", "docx")].content)
    done = subprocess.run(
        [str(LIBREOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(tmp_path / "summary.pdf").pages) >= 2
