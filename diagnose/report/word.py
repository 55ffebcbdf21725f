"""The report as an editable Word document (.docx, python-docx), for a consultant to rework.

Written from the same :class:`ReportModel` as the PDF and HTML (one model, three writers), in the
model's edition: real headings (Title, Heading 1–3, so Word's navigation pane and table of contents
work), real tables, numbered and bulleted lists, and the charts as PNG pictures. Plain Word styles
only: a consultant's house style applies by changing the styles, not by un-formatting the text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from PIL import Image

from diagnose.report.views import FindingView, ReportModel

__all__ = ["render_docx"]

GREY = RGBColor(0x44, 0x44, 0x44)
MARKS = {"strength": "●", "attention": "■", "concern": "◆", "position": "○", "hidden": "–"}
CHART_WIDTH = {"radar": Cm(13.5)}  # the rest: the text width


def render_docx(model: ReportModel) -> bytes:
    """The model's edition as a .docx file."""
    doc = Document()
    _page_setup(doc, model)
    _front(doc, model)
    if model.edition == "summary":
        _summary_edition(doc, model)
    else:
        _full_edition(doc, model)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- building blocks ----------------------------------------------------------------------------


def _page_setup(doc: DocxDocument, m: ReportModel) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    doc.core_properties.title = f"{m.title} · {m.network} · {m.round_label}"
    doc.core_properties.language = m.lang
    doc.core_properties.author = m.organisation or m.t("footer_product")
    header = section.header.paragraphs[0]
    header.text = f"{m.network} · {m.round_label}"
    footer = section.footer.paragraphs[0]
    footer.text = f"{m.t('footer_product')} · {m.t('page')} "
    _field(footer, "PAGE")
    footer.add_run(f" {m.t('of')} ")
    _field(footer, "NUMPAGES")
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size, run.font.color.rgb = Pt(8), GREY


def _field(paragraph: object, code: str) -> None:
    """A Word field (page number, number of pages) that Word fills in when it lays the page out."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = code
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _labelled(doc: DocxDocument, label: str, text: str, *, small: bool = False) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(text)
    if small:
        for run in p.runs:
            run.font.size, run.font.color.rgb = Pt(8.5), GREY


def _small(doc: DocxDocument, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.font.size, run.font.color.rgb = Pt(8.5), GREY


def _table(
    doc: DocxDocument,
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
) -> Table:
    columns = len(header) if header else max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        # the header row repeats on every page the table runs over
        properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    return table  # type: ignore[no-any-return]


def _chart(doc: DocxDocument, m: ReportModel, key: str) -> None:
    view = m.chart(key)
    if view is None or view.image is None:
        return
    png = io.BytesIO()
    # compression level 1: about a quarter less time than the default level 6, for files about 4% larger
    Image.open(io.BytesIO(view.image)).convert("RGB").save(png, "PNG", compress_level=1)
    png.seek(0)
    picture = doc.add_picture(png, width=CHART_WIDTH.get(key, Cm(17.0)))
    # the alternative text a screen reader reads (Word: "Alternatieve tekst"): what the chart shows
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", view.alt)
    doc_pr.set("title", view.title)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = doc.add_paragraph(view.title, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_break(doc: DocxDocument) -> None:
    doc.add_page_break()  # type: ignore[no-untyped-call]


def _notice(doc: DocxDocument, text: str) -> None:
    doc.add_paragraph(text, style="Intense Quote")


# --- shared parts ------------------------------------------------------------------------------


def _front(doc: DocxDocument, m: ReportModel) -> None:
    """Title, network and the round's facts: the cover of the full report, the top of the summary."""
    if m.organisation:
        _small(doc, m.organisation)
    edition = m.t(f"edition_{m.edition}")
    doc.add_paragraph(f"{m.t('footer_product')} · {edition}", style="Subtitle")
    doc.add_heading(m.network if m.edition == "summary" else m.title, level=0)
    if m.edition == "full":
        doc.add_paragraph(m.network, style="Subtitle")
    rows = [
        (m.t("round"), m.round_label + (f" · {m.round_date}" if m.round_date else "")),
        (m.t("respondents"), m.respondents),
    ]
    if m.previous:
        rows.append((m.t("previous_round"), m.previous))
    if m.edition == "full":
        rows += [(m.t("questionnaire"), m.questionnaire), (m.t("ruleset"), m.ruleset)]
    rows.append((m.t("generated"), m.generated))
    _table(doc, None, rows)
    if m.edited:
        _small(doc, m.edited.text)
    if m.opening_note:
        doc.add_heading(m.t("opening_note"), level=2)
        doc.add_paragraph(m.opening_note)
    if m.allowed and m.charts_missing:
        _notice(doc, m.charts_missing)


def _finding(doc: DocxDocument, m: ReportModel, f: FindingView, *, number: int | None, full: bool) -> None:
    title = f"{number}. {f.title}" if number is not None else f.title
    doc.add_heading(title, level=3 if full else 2)
    kind = doc.add_paragraph().add_run(f.kind_label + (f" · {m.t('severity', n=f.severity)}" if full else ""))
    kind.italic, kind.font.size, kind.font.color.rgb = True, Pt(8.5), GREY
    doc.add_paragraph(f.diagnosis)
    if f.members and full:
        _table(doc, [m.t("applies_to"), m.t("because")], [(label, why) for label, why in f.members])
    elif f.members:
        _labelled(doc, m.t("applies_to"), ", ".join(label for label, _ in f.members))
    if full and f.because:
        doc.add_paragraph(m.t("because")).runs[0].bold = True
        for line in f.because:
            doc.add_paragraph(line, style="List Bullet")
    if f.evidence and full:
        doc.add_paragraph(m.t("evidence_heading")).runs[0].bold = True
        for heading, why in f.evidence:
            doc.add_paragraph(f"{heading} — {why}" if why else heading, style="List Bullet")
    _labelled(doc, m.t("advice"), f.advice)
    if f.comment:
        _labelled(doc, m.t("comment"), f.comment)
    if full and f.sources:
        _labelled(doc, m.t("sources"), "; ".join(f.sources), small=True)


def _strengths(doc: DocxDocument, m: ReportModel, level: int) -> None:
    doc.add_heading(m.t("strengths"), level=level)
    doc.add_paragraph(
        f"{MARKS['strength']} {m.strengths_text}" if m.strengths_text else m.t("strengths_none")
    )


def _agenda(doc: DocxDocument, m: ReportModel, *, questions: int | None) -> None:
    doc.add_heading(m.t("agenda_heading"), level=2)
    _table(doc, None, [(a.minutes, a.title, a.text) for a in m.agenda])
    if m.questions:
        doc.add_heading(m.t("questions_heading"), level=2)
        for q in m.questions[:questions]:
            doc.add_paragraph(q.text, style="List Number")
            _small(doc, f"{m.t('question_from')}: {q.about}")


def _scores_table(doc: DocxDocument, m: ReportModel, *, compact: bool) -> None:
    if compact:
        header = [m.t("col_construct"), m.t("col_mean"), m.t("col_band")]
    else:
        header = [
            m.t("col_construct"),
            m.t("col_n"),
            m.t("col_mean"),
            m.t("col_sd"),
            m.t("col_range"),
            m.t("col_band"),
        ]
    rows: list[tuple[str, ...]] = []
    for group in m.score_groups:
        rows.append((group.title.upper(), *[""] * (len(header) - 1)))
        for r in group.rows:
            band = f"{MARKS.get(r.band, '')} {r.band_label}"
            rows.append((r.label, r.mean, band) if compact else (r.label, r.n, r.mean, r.sd, r.range, band))
    _table(doc, header, rows, numeric=(1,) if compact else (1, 2, 3, 4))


def _changes_table(doc: DocxDocument, m: ReportModel, *, marked_only: bool) -> None:
    rows = [
        (
            c.label,
            c.previous,
            c.current,
            (("▲ " if c.direction == "up" else "▼ ") if c.marked else "") + c.change,
        )
        for c in m.changes
        if c.marked or not marked_only
    ]
    if rows:
        header = [m.t("col_construct"), m.t("col_previous"), m.t("col_mean"), m.t("col_change")]
        _table(doc, header, rows, numeric=(1, 2, 3))


# --- the summary --------------------------------------------------------------------------------


def _summary_edition(doc: DocxDocument, m: ReportModel) -> None:
    if not m.allowed:
        _notice(doc, m.below_minimum)
    else:
        doc.add_heading(m.t("top_heading"), level=1)
        doc.add_paragraph(m.t("summary_intro") if m.summary else m.t("summary_none"))
        for number, f in enumerate(m.summary, 1):
            _finding(doc, m, f, number=number, full=False)
        _strengths(doc, m, 2)
        more = m.t("summary_more", n=m.other_findings) if m.other_findings > 0 else m.t("summary_more_none")
        doc.add_paragraph(more).runs[0].italic = True
        _page_break(doc)
        doc.add_heading(m.t("key_charts"), level=1)
        doc.add_paragraph(m.t("key_charts_intro"))
        _chart(doc, m, "radar")
        _chart(doc, m, "others")
        if m.chart("radar") is None:
            _scores_table(doc, m, compact=True)
        if m.previous:
            doc.add_heading(m.t("key_changes", previous=m.previous), level=2)
            if any(c.marked for c in m.changes):
                _changes_table(doc, m, marked_only=True)
            else:
                doc.add_paragraph(m.t("key_changes_none", previous=m.previous, change=m.limits["change"]))
        _benchmark(doc, m)
    _page_break(doc)
    doc.add_heading(m.t("s_meeting"), level=1)
    _agenda(doc, m, questions=4)
    _small(doc, m.t("confidential"))


# --- the full report ----------------------------------------------------------------------------


def _chapter(doc: DocxDocument, m: ReportModel, number: int | None, key: str) -> None:
    _page_break(doc)
    doc.add_heading(f"{number}. {m.t(key)}" if number is not None else m.t(key), level=1)


def _full_edition(doc: DocxDocument, m: ReportModel) -> None:
    _small(doc, m.t("confidential"))
    number = 1
    _chapter(doc, m, number, "s_summary")
    if not m.allowed:
        _notice(doc, m.below_minimum)
    else:
        doc.add_paragraph(m.t("summary_intro_full") if m.summary else m.t("summary_none"))
        for index, f in enumerate(m.summary, 1):
            doc.add_heading(f"{index}. {f.title}", level=3)
            _labelled(doc, m.t("advice"), f.advice)
            if f.comment:
                _labelled(doc, m.t("comment"), f.comment)
        _strengths(doc, m, 2)
        number = _full_results(doc, m, number)
    _agreements_before(doc, m, number)
    number += 1 if m.agreements and m.agreements.earlier else 0
    number += 1
    _chapter(doc, m, number, "s_meeting")
    doc.add_paragraph(m.t("meeting_intro"))
    _agenda(doc, m, questions=None)
    doc.add_heading(m.t("methods_heading"), level=2)
    doc.add_paragraph(m.t("methods_intro"))
    for method in m.methods:
        doc.add_heading(method.name, level=3)
        if method.recommended:
            _labelled(doc, m.t("recommended"), "; ".join(method.fits))
        doc.add_paragraph(method.purpose)
        for step in method.steps:
            doc.add_paragraph(step, style="List Number")
        if method.tip:
            _labelled(doc, m.t("tip"), method.tip)
        _labelled(doc, m.t("sources"), method.source, small=True)
    if m.agreements:
        _chapter(doc, m, number + 1, "s_agreements_new")
        doc.add_paragraph(m.t("agreements_new_intro"))
        rows = [(r.text, r.owner, r.due, r.about) for r in m.agreements.new]
        rows += [("", "", "", "")] * m.agreements.blank_lines
        header = [m.t("col_agreement"), m.t("col_owner"), m.t("col_due"), m.t("col_about")]
        _table(doc, header, rows)
    _appendix(doc, m)


def _full_results(doc: DocxDocument, m: ReportModel, number: int) -> int:
    """Chapters 2–5: scores, findings, differences, over time."""
    _chapter(doc, m, number + 1, "s_scores")
    doc.add_paragraph(m.t("scores_intro", strength=m.limits["strength"], concern=m.limits["concern"]))
    _scores_table(doc, m, compact=False)
    if m.not_measured:
        _small(doc, f"{m.t('not_measured')}: {', '.join(m.not_measured)}.")
    for key in ("radar", "pitfalls", "building_blocks", "perspectives", "leadership"):
        _chart(doc, m, key)
    if m.profile:
        doc.add_heading(m.t("profile_heading"), level=2)
        doc.add_paragraph(m.t("profile_intro"))
        _table(doc, None, [(p.label, p.value, p.share) for p in m.profile])
    _benchmark(doc, m)

    _chapter(doc, m, number + 2, "s_findings")
    doc.add_paragraph(m.t("findings_intro"))
    for group in m.finding_groups:
        doc.add_heading(group.title, level=2)
        for f in group.findings:
            _finding(doc, m, f, number=None, full=True)
        if not group.findings:
            doc.add_paragraph(m.t("g_none")).runs[0].italic = True

    _chapter(doc, m, number + 3, "s_differences")
    doc.add_paragraph(m.t("differences_intro", spread=m.limits["spread"]))
    _chart(doc, m, "spread")
    doc.add_heading(m.t("high_spread"), level=2)
    if m.high_spread:
        header = [m.t("col_construct"), m.t("col_mean"), m.t("col_sd"), m.t("col_range")]
        _table(doc, header, [(r.label, r.mean, r.sd, r.range) for r in m.high_spread], numeric=(1, 2, 3))
    else:
        doc.add_paragraph(m.t("high_spread_none", spread=m.limits["spread"]))
    doc.add_heading(m.t("by_role"), level=2)
    if m.role_table:
        doc.add_paragraph(m.t("by_role_intro", n=m.anonymity_minimum))
        _chart(doc, m, "roles")
        header = [m.t("col_construct"), *m.role_table.roles, m.t("largest_gap")]
        rows = [(label, *values, gap) for label, values, gap in m.role_table.rows]
        _table(doc, header, rows, numeric=tuple(range(1, len(header))))
    elif m.only_role:
        doc.add_paragraph(m.t("by_role_one", role=m.only_role, n=m.anonymity_minimum))
    else:
        doc.add_paragraph(m.t("by_role_none", n=m.anonymity_minimum))
    doc.add_heading(m.t("free_text"), level=2)
    if m.texts:
        doc.add_paragraph(m.t("free_text_intro"))
        for group_ in m.texts:
            doc.add_heading(group_.question, level=3)
            for answer in group_.answers:
                doc.add_paragraph(f"“{answer}”", style="List Bullet")
    else:
        doc.add_paragraph(m.t("free_text_none"))

    _chapter(doc, m, number + 4, "s_time")
    if m.has_history:
        doc.add_paragraph(m.t("time_intro", change=m.limits["change"]))
        if m.version_note:
            doc.add_paragraph(m.version_note).runs[0].italic = True
        _chart(doc, m, "trend")
        _chart(doc, m, "comparison")
        if m.changes:
            doc.add_heading(m.t("changes_heading"), level=2)
            _changes_table(doc, m, marked_only=False)
        if m.trend_table and m.chart("trend") is None:
            doc.add_heading(m.t("rounds_compared"), level=2)
            header = [m.t("col_construct"), *m.trend_table.rounds]
            rows = [(label, *values) for label, values in m.trend_table.rows]
            _table(doc, header, rows, numeric=tuple(range(1, len(header))))
    else:
        doc.add_paragraph(m.t("time_none"))
    return number + 4


def _agreements_before(doc: DocxDocument, m: ReportModel, number: int) -> None:
    a = m.agreements
    if not a or not a.earlier:
        return
    _chapter(doc, m, number + 1, "s_agreements_before")
    if not a.effects:
        doc.add_paragraph(m.t("agreements_before_none", earlier=a.earlier))
        return
    doc.add_paragraph(m.t("agreements_before_intro", earlier=a.earlier, change=m.limits["change"]))
    rows = []
    for e in a.effects:
        who = " · ".join(
            part
            for part in (
                f"{m.t('col_owner')}: {e.owner}" if e.owner else "",
                f"{m.t('col_due')}: {e.due}" if e.due else "",
            )
            if part
        )
        movement = "\n".join(f"{mv.label} {mv.text}" for mv in e.movements)
        rows.append(
            (e.text + (f"\n{who}" if who else ""), f"{e.status}\n{e.note}", f"{movement}\n{e.verdict}")
        )
    _table(doc, [m.t("col_agreement"), m.t("col_status"), m.t("col_movement")], rows)


def _appendix(doc: DocxDocument, m: ReportModel) -> None:
    _chapter(doc, m, None, "s_appendix")
    doc.add_heading(m.t("appendix_method"), level=2)
    doc.add_paragraph(m.t("method_text"))
    doc.add_heading(m.t("priority_heading"), level=2)
    doc.add_paragraph(m.priority_text)
    doc.add_heading(m.t("thresholds_heading"), level=2)
    _table(doc, [m.t("threshold_col"), m.t("value_col")], m.thresholds, numeric=(1,))
    doc.add_heading(m.t("anonymity_heading"), level=2)
    doc.add_paragraph(m.t("anonymity_text", n=m.anonymity_minimum))
    if m.omitted:
        doc.add_heading(m.t("omitted_heading"), level=2)
        doc.add_paragraph(m.t("omitted_intro"))
        _table(doc, [m.t("col_finding"), m.t("col_reason")], [(o.title, o.reason) for o in m.omitted])
    doc.add_heading(m.t("literature_heading"), level=2)
    for _, reference, used_for in m.literature:
        doc.add_paragraph(f"{reference} ({m.t('used_for')}: {used_for})", style="List Number")


def _benchmark(doc: DocxDocument, m: ReportModel) -> None:
    """ "Vergelijking met andere netwerken" (diagnose/report/benchmark.py), when the model has one."""
    b = m.benchmark
    if b is None:
        return
    doc.add_heading(b.heading, level=2)
    doc.add_paragraph(b.intro)
    _small(doc, b.scope)
    _chart(doc, m, "benchmark")
    rows = [(r.label, r.own, r.median, r.band, r.position) for r in b.rows]
    _table(doc, list(b.columns), rows, numeric=(1, 2, 3))
