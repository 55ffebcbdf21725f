"""Anonymity: below the minimum the report shows no aggregates of individual answers, and says so."""

from __future__ import annotations

import json

import pytest

from diagnose import Bundle
from diagnose.report import build_model, render_html, render_report
from diagnose.report.content import load_content

from .conftest import GENERATED, SCRIPT, TEXTS, make_case, prepared, response_file, round_spec
from .helpers import html_sections, pdf_text


def small_round(bundle: Bundle, respondents: int = 2, **extra: object) -> object:
    spec = make_case(
        seed=9,
        rounds=[
            round_spec("2026 voorjaar", "2026-04-14", respondents, 0.0, texts=[SCRIPT, TEXTS[1]], **extra)
        ],
    )
    return prepared(bundle, response_file(bundle, spec))


@pytest.mark.parametrize("edition", ["summary", "full"])
def test_below_the_minimum_no_scores_findings_or_free_text(bundle: Bundle, edition: str) -> None:
    inp = small_round(bundle)
    d = inp.diagnosis  # type: ignore[attr-defined]
    assert not d.anonymity.met and d.round.respondents == 2
    notice = load_content().text("below_minimum", "nl", count=2, n=d.anonymity.minimum)
    report = render_report(inp, "nl", "pdf", edition=edition, generated=GENERATED)  # type: ignore[arg-type]
    text = pdf_text(report.content)
    assert notice in text
    assert report.model.charts == {} and not report.model.score_groups and not report.model.summary
    for f in d.findings:
        assert f.title.get("nl") not in text, f"finding {f.rule} shown below the anonymity minimum"
    thresholds = {round(v, 2) for v in d.thresholds.values()}  # the appendix lists them (3,25, 3,75)
    for s in d.scores.values():
        if round(s.mean, 2) not in thresholds:
            assert f"{s.mean:.2f}".replace(".", ",") not in text
    assert "alert" not in text and TEXTS[1] not in text
    model = build_model(inp, "nl", generated=GENERATED, edition=edition)  # type: ignore[arg-type]
    sections = html_sections(render_html(model))
    # the page for new agreements stays (the coordinator's own texts, no findings): see test_report_agreements
    expected = (
        {"summary", "next-meeting"}
        if edition == "summary"
        else {"cover", "summary", "next-meeting", "agreements-new", "appendix"}
    )
    assert set(sections) == expected
    assert load_content().text("s_meeting", "nl") in text  # the methods are still offered


def test_one_group_answer_shows_scores_but_no_spread(bundle: Bundle) -> None:
    inp = small_round(bundle, respondents=1, group=True)
    d = inp.diagnosis  # type: ignore[attr-defined]
    assert d.round.group_only
    model = build_model(inp, "nl", generated=GENERATED)  # type: ignore[arg-type]
    assert model.allowed and model.score_groups
    assert "spread" not in model.charts and "roles" not in model.charts
    assert model.respondents == load_content().text("group_answer", "nl")


def test_roles_below_the_minimum_are_not_broken_down(report_input: object) -> None:
    d = report_input.diagnosis  # type: ignore[attr-defined]
    assert d.round.roles["municipality"] == 2 < d.anonymity.minimum
    model = build_model(report_input, "nl", generated=GENERATED)  # type: ignore[arg-type]
    assert model.role_table is not None
    shown = [header.split(" (n=")[0] for header in model.role_table.roles]
    assert "Gemeente" not in shown and "Leraar of docent" in shown
    assert all(d.round.roles[role] >= d.anonymity.minimum for role in d.by_role)


def test_a_single_role_with_enough_respondents_is_no_comparison(bundle: Bundle) -> None:
    spec = make_case(
        seed=4,
        rounds=[
            round_spec(
                "2026 voorjaar", "2026-04-14", 12, 0.0, roles={"teacher": 9, "school_leader": 2, "board": 1}
            )
        ],
    )
    inp = prepared(bundle, response_file(bundle, spec))
    model = build_model(inp, "nl", generated=GENERATED)
    assert model.role_table is None and "roles" not in model.charts
    assert model.only_role == "Leraar of docent"
    assert "Alleen de rol ‘Leraar of docent’" in html_sections(render_html(model))["differences"]


def test_earlier_rounds_below_the_minimum_leave_the_trend_but_a_group_answer_stays(bundle: Bundle) -> None:
    spec = make_case(
        seed=6,
        rounds=[
            round_spec("2024 intake", "2024-03-01", 1, 0.0, group=True),
            round_spec("2024 najaar", "2024-11-01", 2, 0.0),
            round_spec("2025 voorjaar", "2025-04-14", 12, 0.2),
        ],
    )
    inp = prepared(bundle, response_file(bundle, spec))
    assert [r.label for r in inp.history] == ["2024 intake"]
    # the round of 2 respondents is nobody's history: the round is compared with the group answer
    assert inp.diagnosis.previous is not None and inp.diagnosis.previous.label == "2024 intake"
    model = build_model(inp, "nl", generated=GENERATED)
    assert model.trend_table is not None and model.trend_table.rounds == ["2024 intake", "2025 voorjaar"]
    assert "2024 najaar" not in json.dumps([c.figure.to_json() for c in model.charts.values()])
