"""What the report cites: real references, a literature list, never a seed file name or a rule id
(issue 11). Read back from the Markdown, the HTML's visible text and the PDF's text."""

from __future__ import annotations

import html

from diagnose.bundle import Bundle
from diagnose.report import Report
from tests.core.test_references import leaks
from tests.report.helpers import html_sections, pdf_text, squash

Reports = dict[tuple[str, str], Report]


def shown(reports: Reports, lang: str, fmt: str) -> str:
    content = reports[(lang, fmt)].content
    if fmt == "pdf":
        return pdf_text(content)
    if fmt == "html":
        return squash(" ".join(html_sections(content.decode("utf-8")).values()))
    # the Markdown escapes & as &amp; and [ as \[
    return squash(html.unescape(content.decode("utf-8")).replace("\\", ""))


def test_no_report_names_a_seed_file_or_a_rule_id(reports: Reports, bundle: Bundle) -> None:
    for lang, fmt in reports:
        text = shown(reports, lang, fmt)
        assert "Bronnen" in text or "Sources" in text, (lang, fmt)
        assert leaks(text, bundle) == [], (lang, fmt)


def test_findings_cite_authors_and_the_appendix_lists_every_reference(
    reports: Reports, bundle: Bundle
) -> None:
    for lang in ("nl", "en"):
        for fmt in ("pdf", "html", "md"):
            text = shown(reports, lang, fmt)
            assert "Dees, Klaster & Van Wendel de Joode — Netwerken in het onderwijs" in text, (lang, fmt)
            for entry in bundle.references.references:
                assert squash(entry.full.get(lang)) in text, (lang, fmt, entry.id)  # type: ignore[arg-type]


def test_the_4c_zone_thresholds_are_shown_with_their_own_decimals(reports: Reports) -> None:
    """3.25 and 3.75 once read as 3,2 and 3,8 in the appendix's table of thresholds."""
    for fmt in ("pdf", "html", "md"):
        text = shown(reports, "nl", fmt)
        assert "3,25" in text and "3,75" in text and "2,75" in text, fmt
