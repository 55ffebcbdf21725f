"""The meeting chapter goes by card, on the example networks: one question per card and never two
about one construct, each card under one working method, an agenda of ninety minutes whose items
are true for the network (no "where we differ" when nobody differs, no "main findings" when the
summary holds none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle
from diagnose import cards as grouping
from diagnose.cli.content import read_response_file
from diagnose.report.content import load_content
from diagnose.report.findings import agenda, methods, question_cards, questions
from diagnose.report.inputs import ReportInput

from .conftest import prepared

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
CONTENT = load_content()


def example(bundle: Bundle, path: Path) -> ReportInput:
    rf, _ = read_response_file(path)
    return prepared(bundle, rf)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_meeting_goes_by_card(bundle: Bundle, path: Path, lang: str) -> None:
    d = example(bundle, path).diagnosis
    asked = question_cards(d, bundle, CONTENT, lang)  # type: ignore[arg-type]
    constructs = [c for card, _ in asked for c in card.constructs]
    assert len(constructs) == len(set(constructs)), [card.lead.rule for card, _ in asked]
    # the summary's cards are asked about first, in the summary's order
    summary = [card.lead.rule for card in grouping.summary_cards(d, bundle)]
    leads = [card.lead.rule for card, _ in asked]
    assert leads[: len(summary)] == summary[: len(leads)]
    shown = questions(d, bundle, CONTENT, lang)  # type: ignore[arg-type]
    assert len({q.text for q in shown}) == len(shown)

    offered = methods(d, bundle, CONTENT, lang)  # type: ignore[arg-type]
    fits = [title for m in offered for title in m.fits]
    assert len(fits) == len(set(fits)), fits
    assert [m.recommended for m in offered] == sorted((m.recommended for m in offered), reverse=True)

    items = agenda(d, bundle, CONTENT, lang, d.results_allowed)  # type: ignore[arg-type]
    assert sum(int(i.minutes.split()[0]) for i in items) == sum(a.minutes for a in CONTENT.agenda)
    differ_title = CONTENT.agenda[1].title.get(lang)  # type: ignore[arg-type]
    differ = any(c.lead.kind == "disagreement" for c in grouping.cards(d, bundle))
    assert (differ_title in [i.title for i in items]) == differ


def test_a_healthy_network_is_not_asked_about_concerns(bundle: Bundle) -> None:
    d = example(bundle, Path(__file__).resolve().parents[2] / "examples" / "gezond_netwerk.json").diagnosis
    assert grouping.summary_cards(d, bundle) == []
    items = [i.title for i in agenda(d, bundle, CONTENT, "nl", True)]
    assert "Wat het netwerk sterk maakt" in items and "De belangrijkste bevindingen" not in items
    texts = [q.text for q in questions(d, bundle, CONTENT, "nl")]
    assert texts and not any("zorgpunt" in t for t in texts)
    assert not any(m.recommended for m in methods(d, bundle, CONTENT, "nl"))
