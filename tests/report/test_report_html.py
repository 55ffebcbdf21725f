"""The HTML report: text section by section against golden files; self-contained; escaped."""

from __future__ import annotations

import re

import pytest

from diagnose.report import Report, ReportInput, build_model, render_html, render_markdown
from diagnose.report.markdown import md_escape

from .conftest import GENERATED, GOLDEN, SCRIPT, update_golden
from .helpers import html_sections, pdf_text

SECTIONS = [
    "cover",
    "summary",
    "scores",
    "findings",
    "differences",
    "over-time",
    "agreements-before",
    "next-meeting",
    "agreements-new",
    "appendix",
]


def golden_text(report_input: ReportInput, lang: str) -> dict[str, str]:
    # The model without chart images: the text is the same whether or not Chromium is present.
    model = build_model(report_input, lang, generated=GENERATED)  # type: ignore[arg-type]
    return html_sections(render_html(model))


def read_golden(lang: str) -> dict[str, str]:
    path = GOLDEN / f"report_{lang}.txt"
    sections: dict[str, str] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"=== (\S+) ===", line):
            current = match[1]
            sections[current] = ""
        elif current is not None:
            sections[current] += ("\n" if sections[current] else "") + line
    return sections


def write_golden(lang: str, sections: dict[str, str]) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    text = "".join(f"=== {name} ===\n{body}\n" for name, body in sections.items())
    (GOLDEN / f"report_{lang}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_sections_match_the_golden_text(report_input: ReportInput, lang: str) -> None:
    """Refresh after an intended change with NETSCAN_UPDATE_GOLDEN=1 and review the diff."""
    sections = golden_text(report_input, lang)
    assert list(sections) == SECTIONS
    if update_golden() or not (GOLDEN / f"report_{lang}.txt").exists():
        write_golden(lang, sections)
        if not update_golden():
            pytest.fail(
                f"golden file report_{lang}.txt was missing and has been written; review and commit it"
            )
    golden = read_golden(lang)
    assert list(golden) == SECTIONS
    for name in SECTIONS:
        assert sections[name] == golden[name], (
            f"section '{name}' ({lang}) differs from tests/report/golden/report_{lang}.txt; "
            "if the change is intended, run with NETSCAN_UPDATE_GOLDEN=1"
        )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_is_self_contained(reports: dict[tuple[str, str], Report], lang: str) -> None:
    html = reports[(lang, "html")].content.decode("utf-8")
    assert f'<html lang="{lang}">' in html
    assert "<link" not in html and "http://" not in html and "https://" not in html
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images and all(src.startswith("data:image/jpeg;base64,") for src in images)
    assert len(images) == len(reports[(lang, "html")].model.charts)


def test_script_in_free_text_stays_text_in_html_pdf_and_markdown(
    reports: dict[tuple[str, str], Report],
) -> None:
    html = reports[("nl", "html")].content.decode("utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt; &amp; meer" in html
    assert html_sections(html)["differences"].count(SCRIPT) == 1
    assert SCRIPT in pdf_text(reports[("nl", "pdf")].content)
    markdown = reports[("nl", "md")].content.decode("utf-8")
    assert "<script" not in markdown and "&lt;script&gt;" in markdown


def test_free_text_has_no_names(report_input: ReportInput, reports: dict[tuple[str, str], Report]) -> None:
    html = reports[("nl", "html")].content.decode("utf-8")
    respondents = {f"r{i:02d}" for i in range(1, 31)}
    assert not any(re.search(rf"\b{r}\b", html) for r in respondents)


def test_markdown_has_the_same_findings(report_input: ReportInput) -> None:
    model = build_model(report_input, "en", generated=GENERATED)
    text = render_markdown(model)
    for group in model.finding_groups:
        for view in group.findings:
            assert md_escape(view.title) in text
            assert all(md_escape(label) in text for label, _ in view.members)
    assert text.startswith("# Advice report: ")
