"""The consultant's edit in every format of the report: the top in the chosen order, a finding left
out (listed with its reason in the full edition), a comment on a card, the opening note, the mark
"Aangepast door ..." and the workspace's organisation and logo on the cover. Built from a stored
round through the round view, as the app's download and `netscan report ROUND` are."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from diagnose import Bundle
from diagnose import cards as grouping
from diagnose.edits import Edit
from diagnose.report import input_from_view, render_report
from diagnose.store import Store
from diagnose.store.round_view import round_view
from tests.store.test_edits import png

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTE = "Dit rapport is besproken met de stuurgroep op 2 december."
COMMENT = "Dit herkennen wij: het speelt vooral bij de vo-scholen."
REASON = "Het bestuur is in september vervangen; dit speelt niet meer."


@dataclass
class Edited:
    store: Store
    round_id: int
    chosen: list[str]  # the top as chosen
    hidden: str
    hidden_title: str
    commented_title: str


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory, bundle: Bundle) -> Iterator[Edited]:
    folder = tmp_path_factory.mktemp("edited")
    store = Store.open(f"sqlite:///{folder / 'netwerkscan.sqlite'}", bundle=bundle)
    store.ensure_schema()
    ws = store.create_workspace("Adviesbureau")
    result = store.import_bytes(
        (EXAMPLES / "den_bosch_jaar2.json").read_bytes(), "den_bosch_jaar2.json", workspace_id=ws.id
    )
    rid = max(result.round_ids)
    user = store.add_user("jan@example.org", "lang genoeg wachtwoord", "Jan de Vries", workspace_id=ws.id)
    view = round_view(store, rid)
    assert view is not None
    d = view.diagnosis
    computed = grouping.summary(d, bundle)
    rest = [f.rule for f in d.findings if f.kind != "strength" and f.rule not in computed]
    chosen = [computed[2], rest[0], computed[0]]
    hidden = computed[1]
    store.save_edit(
        rid,
        Edit(
            summary=tuple(chosen), hidden={hidden: REASON}, comments={computed[0]: COMMENT}, opening_note=NOTE
        ),
        version=0,
        user_id=user.id,
    )
    store.set_branding(ws.id, organisation="Adviesbureau Noord", logo=png(200, 60))
    finding = d.finding(hidden)
    commented = d.finding(computed[0])
    assert finding is not None and commented is not None
    yield Edited(store, rid, chosen, hidden, finding.title.nl, commented.title.nl)
    store.close()


def _input(e: Edited):  # type: ignore[no-untyped-def]
    view = round_view(e.store, e.round_id)
    assert view is not None
    return input_from_view(view, e.store.bundle)


def test_the_summary_shows_the_edit_in_html_with_the_cover_and_the_mark(edited: Edited) -> None:
    report = render_report(_input(edited), "nl", "html", edition="summary", charts=False)
    html = report.content.decode("utf-8")
    assert "Aangepast door Jan de Vries op " in html
    assert NOTE in html and COMMENT in html
    assert "Adviesbureau Noord" in html and 'src="data:image/png;base64,' in html
    titles = [f.title for f in report.model.summary]
    assert [key in f.rules for key, f in zip(edited.chosen, report.model.summary, strict=True)] == [True] * 3
    assert report.model.summary[0].rule == edited.chosen[0]
    assert edited.hidden not in {r for f in report.model.summary for r in f.rules}
    assert edited.hidden_title not in titles
    assert [f.comment for f in report.model.summary if f.comment] == [COMMENT]


def test_the_full_report_lists_what_was_left_out_with_the_reason(edited: Edited) -> None:
    report = render_report(_input(edited), "en", "html", edition="full", charts=False)
    html = report.content.decode("utf-8")
    assert "Edited by Jan de Vries on " in html
    assert [(o.reason) for o in report.model.omitted] == [REASON]
    assert REASON in html
    grouped = {r for g in report.model.finding_groups for f in g.findings for r in f.rules}
    assert edited.hidden not in grouped


def test_the_summary_pdf_read_back_holds_the_edit(edited: Edited) -> None:
    report = render_report(_input(edited), "nl", "pdf", edition="summary", charts=False)
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    )
    assert "Aangepast door Jan de Vries" in text
    assert "besproken met de stuurgroep" in text
    assert "vooral bij de vo-scholen" in text
    assert "Adviesbureau Noord" in text


def test_the_word_document_holds_the_edit(edited: Edited) -> None:
    report = render_report(_input(edited), "nl", "docx", edition="summary", charts=False)
    doc = Document(io.BytesIO(report.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells
    )
    assert "Aangepast door Jan de Vries" in text
    assert NOTE in text and COMMENT in text and "Adviesbureau Noord" in text


def test_an_unedited_round_has_no_mark(edited: Edited, bundle: Bundle) -> None:
    current = edited.store.round_edit(edited.round_id)
    edited.store.save_edit(edited.round_id, Edit(), version=current.version)
    try:
        report = render_report(_input(edited), "nl", "html", edition="summary", charts=False)
        html = report.content.decode("utf-8")
        assert "Aangepast door" not in html and NOTE not in html
        assert report.model.edited is None and report.model.omitted == []
        assert "Adviesbureau Noord" in html  # the cover is the workspace's, edited or not
    finally:
        edited.store.save_edit(edited.round_id, current.edit, version=current.version + 1)


def test_an_svg_logo_goes_onto_the_cover_as_an_image_never_inline(edited: Edited) -> None:
    from tests.store.test_edits import SVG

    ws = edited.store.get_round(edited.round_id).workspace_id
    before = edited.store.branding(ws)
    edited.store.set_branding(ws, logo=SVG)
    try:
        html = render_report(_input(edited), "nl", "html", edition="summary", charts=False).content.decode()
        assert 'src="data:image/svg+xml;base64,' in html
        assert "linearGradient" not in html  # the file is in the data: URI, never inline markup
        pdf = render_report(_input(edited), "nl", "pdf", edition="summary", charts=False).content
        assert "Adviesbureau Noord" in re.sub(r"\s+", " ", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    finally:
        edited.store.set_branding(ws, logo=before.logo)
