"""The report's agreements: last time's agreements beside the movement of their constructs, and the
page for the new ones, read back from the HTML and the PDF in both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from diagnose.agreements import Agreement, StatusChange, effects
from diagnose.report import ReportInput, build_model, render_html, render_markdown, render_report
from diagnose.text import format_number

from .conftest import GENERATED
from .helpers import html_sections, pdf_text, squash

DAY = dt.date(2025, 6, 1)


def agreement(text: str, status: str, constructs: tuple[str, ...], note: str = "") -> Agreement:
    history = [StatusChange(status="planned", date=DAY)]
    if status != "planned":
        history.append(StatusChange(status=status, note=note, date=DAY + dt.timedelta(days=120)))  # type: ignore[arg-type]
    return Agreement(
        round_label="vorige", text=text, owner="voorzitter", constructs=constructs, history=tuple(history)
    )


@pytest.fixture(scope="module")
def with_agreements(report_input: ReportInput) -> ReportInput:
    d = report_input.diagnosis
    assert d.previous is not None
    moved = sorted(
        (c for c in d.visible_scores() if c in d.previous.scores),
        key=lambda c: d.visible_scores()[c] - d.previous.scores[c],  # type: ignore[union-attr]
    )
    made = [
        agreement("Werkplaatsen in plaats van vergaderingen", "done", (moved[-1],), "vier werkplaatsen"),
        agreement("Jaaragenda met de besturen", "dropped", (moved[0],), "geen tijd"),
    ]
    new = [
        Agreement(
            round_label=d.round.label,
            text="Intervisie per kwartaal",
            owner="netwerkcoördinator",
            due=dt.date(2027, 3, 1),
            history=(StatusChange(status="planned", date=DAY),),
        )
    ]
    return dataclasses.replace(report_input, effects=effects(made, d), agreements=new)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_last_time_agreements_stand_beside_the_movement_of_their_constructs(
    with_agreements: ReportInput, lang: str
) -> None:
    d = with_agreements.diagnosis
    model = build_model(with_agreements, lang, generated=GENERATED)  # type: ignore[arg-type]
    sections = html_sections(render_html(model))
    assert list(sections)[-3:] == ["next-meeting", "agreements-new", "appendix"]
    before = sections["agreements-before"]
    first = with_agreements.effects[0].movements[0]
    assert first.before is not None and first.after is not None
    arrow = {"up": "▲", "down": "▼", "same": "="}[first.direction or "same"]
    shown = f"{format_number(first.before, lang)} → {format_number(first.after, lang)} {arrow}"  # type: ignore[arg-type]
    assert shown in before
    assert "Werkplaatsen in plaats van vergaderingen" in before and "Jaaragenda met de besturen" in before
    assert ("gedaan" if lang == "nl" else "done") in before
    assert ("vervallen" if lang == "nl" else "dropped") in before
    label = with_agreements.bundle.constructs.by_id[first.construct_id].label.get(lang)  # type: ignore[arg-type]
    assert label in before
    assert d.previous is not None and d.previous.label in before
    new = sections["agreements-new"]
    assert "Intervisie per kwartaal" in new and "netwerkcoördinator" in new
    markdown = render_markdown(model)
    assert "Werkplaatsen in plaats van vergaderingen" in markdown and "Intervisie per kwartaal" in markdown


def test_without_recorded_agreements_the_report_says_so_and_leaves_lines_to_write_on(
    report_input: ReportInput,
) -> None:
    model = build_model(report_input, "nl", generated=GENERATED)
    sections = html_sections(render_html(model))
    assert "geen afspraken vastgelegd" in sections["agreements-before"]
    assert model.agreements is not None and model.agreements.blank_lines > 0
    assert render_html(model).count('class="blank"') == model.agreements.blank_lines


def test_the_pdf_carries_both_agreement_parts(with_agreements: ReportInput) -> None:
    text = squash(
        pdf_text(render_report(with_agreements, "nl", "pdf", edition="full", generated=GENERATED).content)
    )
    assert "Afspraken van vorige keer en wat ervan terechtkwam" in text
    assert "Werkplaatsen in plaats van vergaderingen" in text
    assert "Nieuwe afspraken" in text and "Intervisie per kwartaal" in text
    first = with_agreements.effects[0].movements[0]
    assert first.before is not None and first.after is not None
    assert f"{format_number(first.before, 'nl')} → {format_number(first.after, 'nl')}" in text


def test_below_the_minimum_neither_movement_nor_findings_are_shown(with_agreements: ReportInput) -> None:
    d = with_agreements.diagnosis
    hidden = d.model_copy(update={"anonymity": d.anonymity.model_copy(update={"met": False})})
    finding = d.findings[0]
    new = [a.model_copy(update={"findings": (finding.rule,)}) for a in with_agreements.agreements]
    inp = dataclasses.replace(with_agreements, diagnosis=hidden, agreements=new)
    model = build_model(inp, "nl", generated=GENERATED)
    sections = html_sections(render_html(model))
    assert "agreements-before" not in sections
    assert "Intervisie per kwartaal" in sections["agreements-new"]
    assert finding.title.nl not in sections["agreements-new"]
