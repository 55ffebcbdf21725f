"""Scoring that fits the instrument: "weet ik niet" and "niet van toepassing" apart, two answered
items per respondent, a signal (no band) below three items, the share of "weet ik niet" as a fact,
and the two rules of rules/measurement.yaml on the real rule base."""

from __future__ import annotations

import pytest

from diagnose import Bundle, Response, Round, ValidationFailed, diagnose, load_bundle
from diagnose.bundle import build_bundle, discover
from diagnose.diagnosis import score
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.rule_facts import round_facts
from tests.core.content_copy import replace_in
from tests.core.test_versions import two_versions


@pytest.fixture(scope="module")
def mini2(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The mini with version 2.0 and the product's scoring settings (2 answered items, 3 for a band)."""
    root = two_versions(tmp_path_factory.mktemp("mini2"))
    replace_in(root / "rules" / "ruleset.yaml", "min_items_per_respondent: 1", "min_items_per_respondent: 2")
    replace_in(root / "rules" / "ruleset.yaml", "min_items_for_band: 1", "min_items_for_band: 3")
    return build_bundle(discover([root]))


def rnd(*answers: dict[str, object]) -> Round:
    return Round(
        label="2027", responses=[Response(respondent=f"r{i}", answers=dict(a)) for i, a in enumerate(answers)]
    )


def test_dont_know_and_not_applicable_are_two_answers_outside_every_mean(mini2: Bundle) -> None:
    q = mini2.questionnaire("mini")
    scores = score(
        mini2,
        q,
        rnd(
            {"trust_a": 5, "trust_b": 1, "trust_c": DONT_KNOW},
            {"trust_a": 3, "trust_b": NOT_APPLICABLE, "trust_c": 3},
            {"trust_a": DONT_KNOW, "trust_b": 2, "trust_c": 4},
        ),
    )
    assert scores.items["trust_c"].model_dump() == {"mean": 3.5, "n": 2, "dont_know": 1, "not_applicable": 0}
    assert scores.items["trust_b"].model_dump() == {"mean": 4.5, "n": 2, "dont_know": 0, "not_applicable": 1}
    # respondent means: (5 + 5)/2, (3 + 3)/2, (4 + 4)/2 — neither code counted as a value
    trust = scores.constructs["lnc4_trust"]
    assert (trust.mean, trust.n, trust.min, trust.max) == (4.0, 3, 3.0, 5.0)
    # "weet ik niet" among the answers that apply: 2 of 8 (the "n.v.t." is not one of them)
    assert scores.unknown["lnc4_trust"].model_dump() == {"share": 0.25, "respondents": 2}


def test_a_respondent_score_needs_two_answered_items(mini2: Bundle) -> None:
    q = mini2.questionnaire("mini")
    scores = score(
        mini2,
        q,
        rnd(
            {"trust_a": 1, "trust_b": DONT_KNOW, "trust_c": NOT_APPLICABLE},  # one answer: no score
            {"trust_a": 4, "trust_c": 4},
            {"trust_a": 5, "trust_b": 1, "trust_c": 5},
        ),
    )
    assert [r.scores.get("lnc4_trust") for r in scores.respondent_scores] == [None, 4.0, 5.0]
    assert scores.constructs["lnc4_trust"].n == 2
    assert scores.items["trust_a"].n == 3  # the item still counts the single answer


def test_too_few_items_make_a_signal_without_a_band(mini2: Bundle) -> None:
    q = mini2.questionnaire("mini")
    answers = {"rol": "board", "trust_a": 2, "trust_b": 4, "trust_c": 2, "decide_a": 2, "decide_b": 1}
    scores = score(mini2, q, rnd(answers, answers, answers))
    trust, decide = scores.constructs["lnc4_trust"], scores.constructs["joint_decision"]
    assert (trust.signal, trust.items, trust.band) == (False, 3, "concern")
    assert (decide.signal, decide.items, decide.band, decide.mean) == (True, 2, None, 1.5)
    facts = round_facts(scores, None, anonymity_minimum=3)
    assert facts["score.lnc4_trust"] == 2.0 and facts["band.lnc4_trust"] == "concern"
    assert facts["signal.joint_decision"] == 1.5
    assert not [k for k in facts if k.endswith(".joint_decision") and not k.startswith("signal.")]


def test_unknown_share_is_a_fact_only_from_the_anonymity_minimum(mini2: Bundle) -> None:
    q = mini2.questionnaire("mini")
    knows = {"trust_a": 4, "trust_b": 2, "trust_c": 4}
    unsure = {"trust_a": DONT_KNOW, "trust_b": DONT_KNOW, "trust_c": 4}
    two = score(mini2, q, rnd(unsure, unsure, knows, knows))
    assert two.unknown["lnc4_trust"].respondents == 2
    assert "unknown.lnc4_trust" not in round_facts(two, None, anonymity_minimum=3)
    three = score(mini2, q, rnd(unsure, unsure, unsure, knows))
    assert round_facts(three, None, anonymity_minimum=3)["unknown.lnc4_trust"] == 0.5


def test_the_mini_keeps_its_hand_worked_settings() -> None:
    """The 1-and-1 settings of tests/core/mini are the mini's own; the product scores with 2 and 3."""
    product = load_bundle().settings
    assert (product.min_items_per_respondent, product.min_items_for_band) == (2, 3)
    assert product.thresholds["dont_know_share"] == 0.3


# --- the rules of rules/measurement.yaml on the real content ----------------------------------------


def answer_all(q: Questionnaire, value: object, **by_construct: object) -> dict[str, object]:
    """Every scale item the questionnaire asks, with `value` or the construct's own value."""
    answers: dict[str, object] = {
        item.id: by_construct.get(item.construct_id, value) for item in q.items() if item.type == "scale"
    }
    role = q.fact_item(ROLE_CONSTRUCT)
    if role is not None:
        answers[role.id] = role.option_values[0]
    return answers


def test_members_do_not_know_is_reported_with_its_share() -> None:
    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    unsure = answer_all(q, 4, lnc4_trust=DONT_KNOW)
    knows = answer_all(q, 4)
    d = diagnose(bundle, q, rnd(unsure, unsure, unsure, knows, knows, knows))
    finding = d.finding("unknown_lnc4_trust")
    assert finding is not None and finding.kind == "attention"
    assert "was 50% van de antwoorden ‘weet ik niet’" in finding.diagnosis.nl
    assert "50% of the answers were ‘I don't know’" in finding.diagnosis.en
    assert d.visible_unknown() == {"lnc4_trust": 0.5}
    # two of six do not know: below the anonymity minimum of three, no finding and nothing shown
    d = diagnose(bundle, q, rnd(unsure, unsure, knows, knows, knows, knows))
    assert d.finding("unknown_lnc4_trust") is None
    assert d.visible_unknown() == {}


def test_a_quickscan_construct_with_too_few_items_is_a_signal_to_explore() -> None:
    bundle = load_bundle()
    q = bundle.questionnaire("quickscan")
    few = [
        cid
        for cid, items in q.items_by_construct.items()
        if bundle.constructs.by_id[cid].kind == "score"
        and sum(i.type == "scale" for i in items) < bundle.settings.min_items_for_band
    ]
    assert few, "the quickscan measures some constructs with fewer than three items"
    answers = answer_all(q, 4)
    for cid in few:  # scored 1 on every item: 1, or 5 where the statement is reverse-worded
        answers.update({i.id: 5 if i.reverse else 1 for i in q.items_by_construct[cid] if i.type == "scale"})
    d = diagnose(bundle, q, rnd(answers, answers, answers))
    for cid in few:
        assert d.scores[cid].signal and d.scores[cid].band is None
        finding = d.finding(f"signal_{cid}")
        assert finding is not None, cid
        assert "signaal, geen oordeel" in finding.diagnosis.nl
    assert not [
        f.rule
        for f in d.findings
        if any(f.rule.endswith(cid) for cid in few) and not f.rule.startswith(("signal_", "unknown_"))
    ]


def test_not_applicable_is_an_answer_only_where_the_scale_offers_it(mini2: Bundle) -> None:
    from diagnose.item_types import answer_error, parse_cell

    new, old = mini2.questionnaire("mini"), mini2.questionnaire("mini", "1.0")
    assert answer_error(new, new.item_by_id["trust_a"], NOT_APPLICABLE) is None
    error = answer_error(old, old.item_by_id["trust_a"], NOT_APPLICABLE)
    assert error is not None
    assert error.what.nl == "deze schaal kent geen 'niet van toepassing'"
    assert error.fix.nl == 'geef 1 t/m 5 of "dk" (weet ik niet)'
    fix = answer_error(new, new.item_by_id["trust_a"], 7)
    assert (
        fix is not None and fix.fix.nl == 'geef 1 t/m 5 of "dk" (weet ik niet) of "na" (niet van toepassing)'
    )
    # a spreadsheet cell: "n.v.t." is its own answer in 2.0, and 1.0's one answer for both
    assert parse_cell(new.item_by_id["trust_a"], "n.v.t.", new) == NOT_APPLICABLE
    assert parse_cell(old.item_by_id["trust_a"], "n.v.t.", old) == DONT_KNOW
    assert parse_cell(new.item_by_id["trust_a"], "Weet ik niet", new) == DONT_KNOW
    with pytest.raises(Exception) as caught:
        diagnose(mini2, old, rnd({"trust_a": NOT_APPLICABLE}))
    assert "r0.trust_a" in str(caught.value)


def test_dont_know_on_a_scale_without_it_is_refused_and_never_generated() -> None:
    """Regression: 'dk' on a bipolar position item (its scale has a real middle, no 'weet ik niet')
    passed check_round's fast path, and the synthetic generator wrote it into the 2.0 cases."""
    from diagnose.synthetic import RoundSpec, generate_round

    bundle = load_bundle()
    q = bundle.questionnaire("netwerkscan")
    bipolar = next(i for i in q.items() if i.type == "scale" and q.scales[i.scale or ""].dont_know is None)
    answers = answer_all(q, 4)
    answers[bipolar.id] = DONT_KNOW
    with pytest.raises(ValidationFailed) as caught:
        diagnose(bundle, q, rnd(answers, answers, answers))
    assert [p.field for p in caught.value.problems] == [bipolar.id] * 3
    import random

    generated = generate_round(q, RoundSpec(label="x", respondents=40, dont_know=0.5), random.Random(1))
    assert all(r.answers.get(bipolar.id) != DONT_KNOW for r in generated.responses)
    assert any(r.answers.get(i.id) == DONT_KNOW for r in generated.responses for i in q.items())
