"""The two editions (issue 12): the summary fits four A4 pages for every demo round and every
literature case; no page of either edition is nearly empty except a chapter's last; both read back
with the findings, advice and the consultant's edit; nothing internal shows."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from diagnose import Bundle
from diagnose.cli.content import read_response_file
from diagnose.report import (
    EditMark,
    Logo,
    OmittedFinding,
    Report,
    ReportInput,
    ReportModel,
    input_from_view,
    prepare,
    render_report,
)
from diagnose.report.content import load_content
from diagnose.store import Store
from diagnose.store.db import database_url, make_engine
from diagnose.store.demo import build_demo
from diagnose.store.round_view import round_view
from diagnose.store.schema import upgrade

from .conftest import GENERATED, OUTPUT, ROOT
from .helpers import html_sections, pdf_pages, squash
from .layout import chapter_ends, sparse_pages, stranded_headings

CASES = sorted((ROOT / "examples").glob("*.json"))


def leaks(text: str, bundle: Bundle) -> list[str]:
    """Empty placeholders, template braces, rule ids or file names in a text people read."""
    found = [mark for mark in ("‘’", "“”", "{", "}") if mark in text]
    found += [f"rule id {r.id}" for r in bundle.rules if re.search(rf"\b{re.escape(r.id)}\b", text)]
    found += [name for name in (".yaml", ".json", ".j2", "netscan-chart:") if name in text]
    # the seed texts' file names (references.yaml traces each source to one; never shown)
    found += [ref.file for ref in bundle.references.references if ref.file and ref.file in text]
    found += re.findall(r"\b\d{3}_[0-9a-f]{16}\b", text)
    return found


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def summary_pdf(inp: ReportInput) -> Report:
    return render_report(inp, "nl", "pdf", edition="summary", generated=GENERATED)


@pytest.fixture(scope="module")
def demo_inputs(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ReportInput]]:
    """Every round of the demo workspace, as the app's download builds it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    engine = make_engine(database_url(url))
    upgrade(engine)
    engine.dispose()
    store = Store.open(url, bundle=bundle)
    try:
        result = build_demo(store)
        inputs = []
        for network in store.list_networks(result.workspace.id):
            for rnd in store.list_rounds(network.id):
                view = round_view(store, rnd.id)
                assert view is not None, rnd.label
                inputs.append(input_from_view(view, bundle))
        yield inputs
    finally:
        store.close()


def test_the_summary_of_every_demo_round_fits_four_pages(
    bundle: Bundle, demo_inputs: list[ReportInput]
) -> None:
    assert len(demo_inputs) == 15  # five networks, three rounds each (one switched questionnaire version)
    for inp in demo_inputs:
        report = summary_pdf(inp)
        pages = pdf_pages(report.content)
        name = f"{report.model.network} / {report.model.round_label}"
        (OUTPUT / f"summary-demo-{len(pages)}p-{slug(name)}.pdf").write_bytes(report.content)
        assert 2 <= len(pages) <= 4, f"{name}: {len(pages)} pages"
        text = squash(" ".join(pages))
        assert leaks(text, bundle) == [], name
        for f in report.model.summary:
            assert squash(f.title) in text and squash(f.advice) in text, f"{name}: {f.rule}"
        assert set(report.model.charts) == {"radar", "others"} and report.charts_missing is None
        assert sparse_pages(report.content) == [], name


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_the_summary_of_every_literature_case_fits_four_pages(bundle: Bundle, case: Path) -> None:
    rf, src = read_response_file(case)
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    inp = prepare(bundle, q, rf.round, rf.history, rf.network, file=src.path)
    report = summary_pdf(inp)
    pages = pdf_pages(report.content)
    assert 2 <= len(pages) <= 4, f"{case.name}: {len(pages)} pages"
    text = squash(" ".join(pages))
    assert leaks(text, bundle) == [] and case.stem not in text
    assert sparse_pages(report.content) == []


def test_no_page_is_nearly_empty_except_a_chapters_last(
    reports: dict[tuple[str, str], Report], summaries: dict[tuple[str, str], Report]
) -> None:
    for (lang, fmt), report in [*reports.items(), *summaries.items()]:
        if fmt != "pdf":
            continue
        # every chapter of the full report begins on a page of its own: the ends are read from the PDF
        if report.model.edition == "full":
            assert len(chapter_ends(report.content)) >= 9, lang
        assert sparse_pages(report.content) == [], f"{report.model.edition} {lang}"


def test_the_summary_has_its_parts_in_order(summaries: dict[tuple[str, str], Report], bundle: Bundle) -> None:
    content = load_content()
    for lang in ("nl", "en"):
        report = summaries[(lang, "pdf")]
        pages = [squash(p) for p in pdf_pages(report.content)]
        assert len(pages) <= 4
        text = " ".join(pages)
        order = ["top_heading", "strengths", "key_charts", "agenda_heading", "questions_heading"]
        positions = [text.find(content.text(key, lang)) for key in order]  # type: ignore[arg-type]
        assert -1 not in positions and positions == sorted(positions), positions
        assert report.model.respondents in text and report.model.network in text
        assert len(report.model.summary) == 3
        for f in report.model.summary:
            assert squash(f.title) in text and squash(f.advice) in text
        assert leaks(text, bundle) == []
        # the full report's chapters are not in the summary
        assert (
            content.text("s_appendix", lang) not in text and content.text("methods_heading", lang) not in text
        )  # type: ignore[arg-type]
        html = summaries[(lang, "html")].content.decode()
        assert "http://" not in html and "https://" not in html and html.count("data:image/jpeg;base64,") == 2


def test_the_full_report_does_not_repeat_the_top_three_in_full(
    reports: dict[tuple[str, str], Report],
) -> None:
    for lang in ("nl", "en"):
        report = reports[(lang, "pdf")]
        text = squash(" ".join(pdf_pages(report.content)))
        for f in report.model.summary:
            assert text.count(squash(f.diagnosis)) == 1, f.rule
        sections = html_sections(reports[(lang, "html")].content.decode())
        for f in report.model.summary:
            assert (
                squash(f.diagnosis) not in sections["summary"] and squash(f.diagnosis) in sections["findings"]
            )
        # the summary points at the page where the finding is worked out
        page_word = load_content().text("page", lang).lower()  # type: ignore[arg-type]
        assert re.search(rf"{load_content().text('worked_out', lang)}, {page_word} \d+", text)  # type: ignore[arg-type]


def edit(model: ReportModel) -> None:
    """What the consultant's stored edit fills in (r12k applies it the same way)."""
    model.opening_note = "Dit rapport bespreken we op 12 mei met de stuurgroep."
    model.edited = EditMark(
        "Jan de Vries", "3 december 2026", "Aangepast door Jan de Vries op 3 december 2026"
    )
    model.organisation = "Adviesbureau Voorbeeld"
    model.logo = Logo(
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
        "Logo van Adviesbureau Voorbeeld",
    )
    model.summary[0].comment = "Speelt vooral bij de twee grootste besturen."
    model.omitted = [
        OmittedFinding("Netwerkvorm past niet", "Bij de intake besproken: de vorm is bewust gekozen.")
    ]


@pytest.mark.parametrize("edition", ["summary", "full"])
def test_the_consultants_edit_shows_in_every_format(report_input: ReportInput, edition: str) -> None:
    marks = [
        "Dit rapport bespreken we op 12 mei met de stuurgroep.",
        "Aangepast door Jan de Vries op 3 december 2026",
        "Adviesbureau Voorbeeld",
        "Speelt vooral bij de twee grootste besturen.",
    ]
    omitted = ["Weggelaten bevindingen", "Bij de intake besproken: de vorm is bewust gekozen."]
    for fmt in ("pdf", "html", "md", "docx"):
        report = render_report(
            report_input,
            "nl",
            fmt,
            edition=edition,
            charts=False,
            generated=GENERATED,
            adapt=edit,  # type: ignore[arg-type]
        )
        if fmt == "pdf":
            text = squash(" ".join(pdf_pages(report.content)))
        elif fmt == "docx":
            from docx import Document

            doc = Document(io.BytesIO(report.content))
            cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
            text = squash(" ".join([p.text for p in doc.paragraphs] + cells))
        else:
            text = squash(report.content.decode())
        for mark in marks:
            assert squash(mark) in text, (fmt, mark)
        for mark in omitted:  # the appendix of omitted findings is in the full edition only
            assert (squash(mark) in text) == (edition == "full"), (fmt, edition, mark)
        if fmt == "html":
            assert 'alt="Logo van Adviesbureau Voorbeeld"' in report.content.decode()


def test_the_stranded_heading_check_finds_a_heading_at_the_foot_of_a_page() -> None:
    filler = "<p>" + "Tekst van het rapport. " * 40 + "</p>"
    html = (
        "<style>@page { size: A4; margin: 20mm } h2 { break-after: auto }</style>"
        f"{filler * 7}<h2>Werkvormen om te proberen</h2><div style='break-inside: avoid'>{filler * 3}</div>"
    )
    assert [text for _, text in stranded_headings(html)] == ["Werkvormen om te proberen"]
    assert stranded_headings(html.replace("break-after: auto", "break-after: avoid")) == []


def test_no_heading_ends_a_page(
    reports: dict[tuple[str, str], Report], summaries: dict[tuple[str, str], Report]
) -> None:
    """As the PDF is laid out (the HTML with its chart images): h1–h3 always have content under them."""
    for report in (reports[("nl", "html")], summaries[("nl", "html")], summaries[("en", "html")]):
        assert stranded_headings(report.content.decode()) == [], report.model.edition
