"""Scoring on the mini questionnaire, where every number can be worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, Network, Response, Round, ValidationFailed, diagnose, load_bundle

MINI = Path(__file__).parent / "mini"


@pytest.fixture(scope="module")
def mini() -> Bundle:
    return load_bundle([MINI])


def rnd(*answers: dict[str, object], roles: list[str] | None = None) -> Round:
    return Round(
        label="2026",
        responses=[
            Response(respondent=f"r{i}", role=(roles[i] if roles else None), answers=dict(a))
            for i, a in enumerate(answers)
        ],
    )


def test_reverse_scoring_and_dont_know(mini: Bundle) -> None:
    q = mini.questionnaire("mini")
    d = diagnose(
        mini,
        q,
        rnd(
            {"rol": "teacher", "trust_a": 5, "trust_b": 1, "decide_a": "dk"},
            {"rol": "teacher", "trust_a": 2, "trust_b": 4, "decide_a": 3},
            {"rol": "board", "trust_a": 4, "trust_b": "dk", "decide_a": 4},
        ),
    )
    trust = d.scores["lnc4_trust"]
    # respondent means: (5 + 5)/2 = 5, (2 + 2)/2 = 2, 4 (don't know left out)
    assert (trust.mean, trust.n, trust.min, trust.max) == (pytest.approx(11 / 3, abs=1e-4), 3, 2.0, 5.0)
    assert trust.sd == pytest.approx(1.5275, abs=1e-4)
    assert trust.band == "attention"
    decide = d.scores["joint_decision"]
    assert (decide.mean, decide.n, decide.sd) == (3.5, 2, pytest.approx(0.7071, abs=1e-4))
    assert decide.below_minimum
    assert not trust.below_minimum


@pytest.mark.parametrize(
    ("answers", "band"), [((4, 2), "strength"), ((3, 3), "attention"), ((2, 3), "concern")]
)
def test_bands_at_the_thresholds(mini: Bundle, answers: tuple[int, int], band: str) -> None:
    q = mini.questionnaire("mini")
    a, b = answers
    d = diagnose(mini, q, rnd({"trust_a": a, "trust_b": b}))
    assert d.scores["lnc4_trust"].band == band


def test_profile_mode_disagreement_and_network_profile(mini: Bundle) -> None:
    q = mini.questionnaire("mini")
    d = diagnose(
        mini,
        q,
        rnd(
            {"overlap": "partial", "trust_a": 3},
            {"overlap": "partial", "trust_a": 3},
            {"overlap": "low", "trust_a": 3},
        ),
        network=Network(name="N", profile={"size": 12, "overlap": "high"}),
    )
    overlap = d.profile["overlap"]
    assert (overlap.value, overlap.share, overlap.disagree) == (
        "partial",
        pytest.approx(0.6667, abs=1e-4),
        True,
    )
    assert d.profile["size"].value == 12 and d.profile["size"].from_network


def test_anonymity_and_role_breakdown(mini: Bundle) -> None:
    q = mini.questionnaire("mini")
    answers = [{"trust_a": 4}] * 3 + [{"trust_a": 2}] * 2
    d = diagnose(mini, q, rnd(*answers, roles=["teacher"] * 3 + ["board"] * 2))
    assert d.anonymity.met
    assert d.by_role == {"teacher": {"lnc4_trust": 4.0}}  # board has 2 < 3 respondents
    small = diagnose(mini, q, rnd({"trust_a": 4}, {"trust_a": 2}))
    assert not small.anonymity.met
    assert all(s.below_minimum for s in small.scores.values())


def test_findings_because_and_trend(mini: Bundle) -> None:
    q = mini.questionnaire("mini")
    before = rnd({"trust_a": 4, "trust_b": 2}, {"trust_a": 4, "trust_b": 2}, {"trust_a": 4, "trust_b": 2})
    now = rnd(
        {"trust_a": 1, "trust_b": 5, "overlap": "partial", "decide_a": 2},
        {"trust_a": 5, "trust_b": 1, "overlap": "partial", "decide_a": 2},
        {"trust_a": 2, "trust_b": 4, "overlap": "partial", "decide_a": 2},
    )
    d = diagnose(mini, q, now, [before])
    rules = [f.rule for f in d.findings]
    # ranked: concerns by severity, attention, disagreement, trend
    assert rules == [
        "partial_overlap_decisions",
        "low_trust",
        "overlap_kind_partial",
        "trust_disagreement",
        "trust_declined",
    ]
    low = d.finding("low_trust")
    assert low is not None
    assert [(b.fact, b.value, b.op, b.compared_to, b.threshold) for b in low.because] == [
        ("score.lnc4_trust", pytest.approx(2.6667, abs=1e-4), "<", 3.0, "concern")
    ]
    # one line per fact: its value, the bound it met and its band (issue 11)
    assert low.because[0].text.nl == "gemiddelde score ‘Vertrouwen’: 2,67 — onder 3,00, zorgpunt"
    assert low.because[0].text.en == "mean score ‘Trust’: 2.67 — below 3.00, concern"
    declined = d.finding("trust_declined")
    assert declined is not None and declined.because[0].threshold == "-change"
    # trust fell 1.33 points and members disagree on its mean: the decline leads trust's card
    assert d.summary == ["partial_overlap_decisions", "trust_declined", "overlap_kind_partial"]
    assert d.previous is not None and d.previous.scores == {"lnc4_trust": 4.0}


def test_invalid_answers_name_respondent_and_item(mini: Bundle) -> None:
    q = mini.questionnaire("mini")
    bad = rnd(
        {"trust_a": 6, "trsut_b": 3, "rol": "teacher"}, {"overlap": "some", "omvang": 1000, "trust_a": True}
    )
    with pytest.raises(ValidationFailed) as error:
        diagnose(mini, q, bad)
    lines = [p.format("en") for p in error.value.problems]
    assert any(line.startswith(": [answer-value] r0.trust_a") or "r0.trust_a" in line for line in lines)
    assert any("[unknown-item] r0.trsut_b" in line and "did you mean 'trust_b'?" in line for line in lines)
    assert any("[answer-value] r1.overlap" in line and "low, partial, high" in line for line in lines)
    assert any("[answer-value] r1.omvang" in line and "2 to 100" in line for line in lines)
    assert any("[answer-value] r1.trust_a" in line for line in lines)
    assert len(lines) == 5


def test_unknown_role_and_duplicate_respondent(mini: Bundle) -> None:
    q = mini.questionnaire("mini")
    bad = Round(
        label="x",
        responses=[Response(respondent="a", role="teachr", answers={}), Response(respondent="a", answers={})],
    )
    with pytest.raises(ValidationFailed) as error:
        diagnose(mini, q, bad)
    codes = sorted(p.code for p in error.value.problems)
    assert codes == ["duplicate-respondent", "unknown-role"]
    assert "teacher" in error.value.problems[0].format("nl") + error.value.problems[1].format("nl")
