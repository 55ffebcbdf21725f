"""The summary: what a steering group reads first, chosen by the priority model of rules/ruleset.yaml
and told as one card per root (diagnose/cards.py)."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from diagnose import Bundle, Diagnosis, Finding, build_bundle, diagnose, discover
from diagnose import cards as grouping
from diagnose.priority import Facts, points
from diagnose.problems import ValidationFailed
from diagnose.responses import Network, Round
from diagnose.store import demo
from diagnose.synthetic import generate_round
from diagnose.text import LocalizedText
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"


def demo_rounds(bundle: Bundle, name: str) -> tuple[list[Round], Network]:
    """The three yearly rounds of a demo network and its profile, generated as `netscan demo` does."""
    rng = random.Random(demo.SEED)
    for story in demo.STORIES:
        rounds = []
        for year in range(len(demo.YEARS)):
            q = demo.story_questionnaire(bundle, story, year)
            rounds.append(generate_round(q, demo._round_spec(story, year, rng), rng))
            rng.randint(2, 6)  # the invitations build_demo draws between rounds
        if name in story.name:
            return rounds, Network(name=story.name, profile=demo.story_profile(bundle, story))
    raise AssertionError(name)


def demo_diagnosis(bundle: Bundle, name: str) -> Diagnosis:
    rounds, network = demo_rounds(bundle, name)
    return diagnose(bundle, bundle.questionnaire("netwerkscan"), rounds[-1], rounds[:-1], network)


def summary_constructs(d: Diagnosis, bundle: Bundle) -> set[str]:
    return {c for card in grouping.summary_cards(d, bundle) for c in card.constructs}


def test_the_declines_of_trust_and_ownership_are_in_the_summary_of_noord(bundle: Bundle) -> None:
    """Regression (issue 11): trust fell 1.10 and ownership 1.01 in one year in the demo network
    'Samenwerkingsverband Passend Onderwijs Noord'; neither was in its summary."""
    d = demo_diagnosis(bundle, "Noord")
    assert d.previous is not None
    fell = {c: d.previous.scores[c] - d.scores[c].mean for c in ("lnc4_trust", "lnc5_ownership")}
    assert all(drop >= 0.9 for drop in fell.values()), fell
    assert {"lnc4_trust", "lnc5_ownership"} <= summary_constructs(d, bundle)
    reasons = [grouping.reason(d, bundle, card) for card in grouping.summary_cards(d, bundle)]
    assert any(r is not None and "grootste daling sinds de vorige meting" in r.nl for r in reasons)
    assert any(r is not None and "biggest drop since the previous round" in r.en for r in reasons)


def test_board_and_bureau_drawing_ownership_is_one_card_not_two_summary_lines(bundle: Bundle) -> None:
    """Regression: 'Het bestuur trekt…' and 'Het bureau trekt…' both filled the summary of Noord."""
    d = demo_diagnosis(bundle, "Noord")
    led = [f.rule for f in d.findings if f.rule in d.summary]
    assert not {"board_draws_ownership", "bureau_draws_ownership"} <= set(led)
    card = next(c for c in grouping.cards(d, bundle) if "bureau_draws_ownership" in c.rules)
    assert {"board_draws_ownership", "concern_lnc5_ownership"} <= set(card.rules)


def test_the_summary_never_names_a_construct_twice_nor_holds_two_disagreements(bundle: Bundle) -> None:
    for name in ("Rivierenland", "Noord", "Techniekpact", "West"):
        d = demo_diagnosis(bundle, name)
        chosen = grouping.summary_cards(d, bundle)
        named = [c for card in chosen for c in card.constructs]
        assert len(named) == len(set(named)), (name, named)
        assert sum(card.lead.kind == "disagreement" for card in chosen) <= 1
        advice = [card.lead.advice.nl for card in chosen]
        assert len(advice) == len(set(advice))
        assert [card.lead.rule for card in chosen] == d.summary


def facts(kind: str, severity: int, **more: object) -> Facts:
    values: dict[str, object] = {
        "margin": 0.0,
        "drop": None,
        "was_strength": False,
        "respondents": 12,
        "group_only": False,
        "questionnaire": "netwerkscan",
        "spread_high": False,
    }
    values.update(more)
    return Facts(kind=kind, severity=severity, **values)  # type: ignore[arg-type]


def test_a_misfit_never_outranks_a_concern_on_kind_alone(bundle: Bundle) -> None:
    p = bundle.settings.priority
    for severity in range(1, 6):
        concern = points(p, facts("concern", severity), 3)
        for kind in ("fit", "leadership"):
            assert points(p, facts(kind, severity), 3) < concern


def test_a_drop_of_a_full_point_outranks_the_signals_of_a_pitfall(bundle: Bundle) -> None:
    p = bundle.settings.priority
    signals = max(points(p, facts("attention", 2, margin=m / 10), 3) for m in range(0, 6))
    assert points(p, facts("trend", 3, drop=1.0), 3) > signals
    assert points(p, facts("trend", 4, drop=0.5, was_strength=True), 3) > points(
        p, facts("trend", 3, drop=0.5), 3
    )


def test_less_certain_rounds_weigh_less(bundle: Bundle) -> None:
    p = bundle.settings.priority
    sure = points(p, facts("concern", 4, margin=0.5), 3)
    assert points(p, facts("concern", 4, margin=0.5, respondents=3), 3) < sure
    assert points(p, facts("concern", 4, margin=0.5, group_only=True), 3) < sure
    assert points(p, facts("concern", 4, margin=0.5, questionnaire="quickscan"), 3) < sure
    assert points(p, facts("concern", 4, margin=0.5, spread_high=True), 3) < sure


def test_what_goes_well_is_one_or_two_sentences(bundle: Bundle) -> None:
    d = demo_diagnosis(bundle, "Rivierenland")
    assert len([f for f in d.findings if f.kind == "strength"]) >= 5
    for lang in ("nl", "en"):
        text = grouping.strengths_text(d, bundle, lang)
        sentences = re.split(r"(?<=\.) (?=[A-Z])", text)
        assert 1 <= len(sentences) <= 2 and text.endswith("."), text
    nl = grouping.strengths_text(d, bundle, "nl")
    assert "Sterk zijn vooral ‘" in nl and "andere onderdelen" in nl and "daarop kan het netwerk bouwen" in nl


def finding(bundle: Bundle, rule_id: str, advice: str = "") -> Finding:
    rule = bundle.rule_by_id[rule_id]
    return Finding(
        rule=rule_id,
        kind=rule.kind,
        severity=rule.severity,
        title=rule.title,
        diagnosis=rule.diagnosis,
        advice=LocalizedText(nl=advice, en=advice) if advice else rule.advice,
        because=[],
        sources=list(rule.sources),
        constructs=list(rule.constructs),
        spread=None,
    )


def test_one_template_fills_one_summary_line(bundle: Bundle) -> None:
    """Regression: three disagreement findings of one template filled the summary with one advice."""
    d = demo_diagnosis(bundle, "West")
    rules = [
        "disagreement_lnc6_shared_leadership",
        "disagreement_lnc5_ownership",
        "role_gap_foundation",
        "trend_up_lnc1_goal_focus",
        "strength_lnc4_trust",
        "attention_identity",
        "attention_actors",
    ]
    d = d.model_copy(update={"findings": [finding(bundle, r) for r in rules]})
    # the gap between roles weighs more than the spread (severity 4 to 3); one disagreement only
    assert grouping.summary(d, bundle) == [
        "role_gap_foundation",
        "trend_up_lnc1_goal_focus",
        "attention_identity",
    ]


def test_the_same_advice_is_not_given_twice(bundle: Bundle) -> None:
    d = demo_diagnosis(bundle, "West")
    rules = ["concern_lnc3_practice_development", "concern_lnc1_goal_focus", "concern_motivation"]
    found = [finding(bundle, r, advice="Zelfde advies." if r != "concern_motivation" else "") for r in rules]
    d = d.model_copy(update={"findings": found})
    assert grouping.summary(d, bundle) == ["concern_lnc3_practice_development", "concern_motivation"]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def test_a_misfit_weighed_above_concerns_does_not_load(mini: Path) -> None:
    replace_in(mini / "rules" / "ruleset.yaml", "    leadership: 3.0", "    leadership: 5.5")
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    (problem,) = caught.value.problems
    assert problem.code == "ruleset-settings" and problem.line is not None
    assert "may not outrank a concern on kind alone" in problem.what("en")
    assert "zorgpunt" in problem.what("nl")


def test_a_kind_without_weight_and_a_misspelled_weight_are_named(mini: Path) -> None:
    replace_in(mini / "rules" / "ruleset.yaml", "    attention: 1.0", "    atention: 1.0")
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    texts = [p.what("en") for p in caught.value.problems]
    assert any("kind 'attention' has no weight" in t for t in texts), texts
    assert any("'atention' is not a kind" in t and "did you mean 'attention'?" in t for t in texts), texts


def test_points_of_attention_are_led_by_the_one_nearest_the_concern_threshold(bundle: Bundle) -> None:
    """Regression: 'Aandachtspunt: architectuur (3,94)' led the attention card over scores of 3,2."""
    d = demo_diagnosis(bundle, "West")
    found = []
    for rule, score in (
        ("attention_lnc7_architecture", 3.94),
        ("attention_identity", 3.2),
        ("attention_actors", 3.5),
    ):
        f = finding(bundle, rule)
        found.append(f.model_copy(update={"margin": round(score - 3.0, 4)}))
    d = d.model_copy(update={"findings": found})
    (card,) = grouping.cards(d, bundle)
    assert card.lead.rule == "attention_identity"
    assert [other.lead.rule for other in card.alike] == ["attention_actors", "attention_lnc7_architecture"]
