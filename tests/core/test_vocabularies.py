"""Closed vocabularies are declared once, as data: adding a rule kind is a change to the rule base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diagnose import Bundle
from diagnose.bundle import build_bundle, discover
from diagnose.problems import ValidationFailed
from diagnose.render import to_markdown
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"

NEW_KIND = """
  - id: opportunity
    label: {nl: Kans, en: Opportunity}
    tone: strength
    icon: ":material/lightbulb:"
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def test_every_rule_kind_is_declared_once_in_the_rule_base(bundle: Bundle) -> None:
    kinds = bundle.settings.kind_order
    assert len(kinds) == len(set(kinds))
    assert {rule.kind for rule in bundle.rules} <= set(kinds)
    assert kinds[0] == "pitfall" and kinds[-1] == "strength"
    assert bundle.settings.kind_by_id["concern"].label.get("en") == "Concern"
    assert bundle.settings.kind_by_id["pitfall"].tone == "concern"


def test_a_new_rule_kind_is_a_data_change(mini: Path) -> None:
    replace_in(mini / "rules" / "ruleset.yaml", "kinds:\n", "kinds:" + NEW_KIND)
    replace_in(mini / "rules" / "ruleset.yaml", "  kind:\n", "  kind:\n    opportunity: 4.0\n")
    replace_in(mini / "rules" / "mini.yaml", "kind: concern", "kind: opportunity")
    bundle = build_bundle(discover([mini]))
    assert bundle.settings.kind_order[0] == "opportunity"  # listed first, ranked first
    rule = bundle.rule_by_id["low_trust"]
    assert rule.kind == "opportunity"

    from diagnose.diagnosis import diagnose
    from diagnose.responses import Response, Round

    q = next(iter(bundle.questionnaires.values()))
    answers = {item.id: 5 if item.reverse else 1 for item in q.items() if item.type == "scale"}
    rnd = Round(label="2026", responses=[Response(respondent=f"r{i}", answers=answers) for i in range(3)])
    d = diagnose(bundle, q, rnd)
    assert "low_trust" in {f.rule for f in d.findings}
    assert "*Kans*\n" in to_markdown(d, bundle, "nl")  # the kind's label; the rule id stays in the JSON
    assert "*Opportunity*\n" in to_markdown(d, bundle, "en")


def test_an_undeclared_kind_is_named_with_a_suggestion(mini: Path) -> None:
    replace_in(mini / "rules" / "mini.yaml", "kind: concern", "kind: concer")
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    (problem,) = caught.value.problems
    assert (problem.code, problem.id, problem.field) == ("invalid-value", "low_trust", "kind")
    assert "did you mean 'concern'?" in problem.what("en")
    assert "bedoel je 'concern'?" in problem.what("nl")


def test_a_kind_declared_twice_is_a_duplicate(mini: Path) -> None:
    replace_in(
        mini / "rules" / "ruleset.yaml", "kinds:\n", "kinds:" + NEW_KIND.replace("opportunity", "trend")
    )
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    assert [(p.code, p.params["key"]) for p in caught.value.problems] == [("duplicate-id", "trend")]


def test_a_kind_without_english_label_does_not_load(mini: Path) -> None:
    replace_in(mini / "rules" / "ruleset.yaml", "label: {nl: Zorgpunt, en: Concern}", "label: {nl: Zorgpunt}")
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    assert [(p.code, p.params["key"]) for p in caught.value.problems] == [("missing-language", "en")]


def test_construct_groups_are_declared_once_with_their_titles_and_charts(bundle: Bundle) -> None:
    groups = bundle.constructs.group_by_id
    assert {c.group for c in bundle.constructs.constructs} == set(groups)
    assert groups["characteristic"].chart == "radar"
    assert groups["pitfall"].title.get("en").startswith("The three pitfalls")
    assert bundle.constructs.trend_groups == ["characteristic", "pitfall", "building_block", "perspective"]


def test_a_construct_in_an_undeclared_group_is_named_with_a_suggestion(mini: Path) -> None:
    replace_in(mini / "questionnaires" / "constructs.yaml", "group: decision", "group: decisions")
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    (problem,) = caught.value.problems
    assert (problem.code, problem.id, problem.field) == ("invalid-value", "joint_decision", "group")
    assert "did you mean 'decision'?" in problem.what("en")


def test_a_new_group_is_a_data_change(mini: Path) -> None:
    new_group = "  - id: climate\n    label: {nl: Klimaat, en: Climate}\n    title: {nl: Het klimaat, en: The climate}\n    chart: bars\n"
    replace_in(mini / "questionnaires" / "constructs.yaml", "groups:\n", "groups:\n" + new_group)
    replace_in(mini / "questionnaires" / "constructs.yaml", "group: decision", "group: climate")
    bundle = build_bundle(discover([mini]))
    assert bundle.constructs.by_id["joint_decision"].group == "climate"

    from diagnose import charts
    from diagnose.diagnosis import diagnose
    from diagnose.responses import Response, Round

    q = next(iter(bundle.questionnaires.values()))
    answers = {item.id: 4 for item in q.items() if item.type == "scale"}
    rnd = Round(label="2026", responses=[Response(respondent=f"r{i}", answers=answers) for i in range(3)])
    figure = charts.construct_bars(diagnose(bundle, q, rnd), bundle, "en", ("climate",))
    assert figure.layout.title.text == "The climate"


def test_every_item_type_of_the_format_has_one_entry_in_the_registry() -> None:
    from typing import get_args

    from diagnose.item_types import ITEM_TYPES
    from diagnose.questionnaire import ItemType

    assert set(ITEM_TYPES) == set(get_args(ItemType))
    assert all(name == spec.name for name, spec in ITEM_TYPES.items())


@pytest.mark.parametrize(
    ("item_id", "raw", "answer"),
    [
        ("act_weet_waarom", " 4 ", 4),
        ("act_weet_waarom", 4.0, 4),
        ("act_weet_waarom", "Weet niet", "dk"),
        ("act_weet_waarom", "", None),
        ("profiel_omvang", "12,5", 12.5),
        ("profiel_sector", "Primair onderwijs (po)", "po"),
        ("profiel_sector", " vo ", "vo"),
        ("profiel_soorten_partners", "po_school; Mbo-instellingen", ["po_school", "mbo_school"]),
        ("profiel_soorten_partners", "po_school;", ["po_school"]),
        ("open_ambitie_oppakken", 12, "12"),
    ],
)
def test_a_cell_means_the_answer_its_item_type_reads_in_it(
    bundle: Bundle, item_id: str, raw: object, answer: object
) -> None:
    from diagnose.item_types import parse_cell

    q = bundle.questionnaire("netwerkscan", "1.0")  # the labels of stored 1.0 rounds' spreadsheets
    assert parse_cell(q.item_by_id[item_id], raw) == answer


def test_an_invalid_answer_is_explained_in_both_languages(bundle: Bundle) -> None:
    from diagnose.item_types import answer_error

    q = bundle.questionnaires["netwerkscan"]
    item = next(item for item in q.items() if item.type == "single")
    error = answer_error(q, item, "nonsense")
    assert error is not None
    assert (error.what.nl, error.what.en) == ("geen van de opties", "not one of the options")
    assert error.fix.en.startswith("choose from: ")
    assert answer_error(q, item, None) is None


def test_an_unknown_fact_in_a_condition_is_explained_in_dutch_too(mini: Path) -> None:
    # regression: the fix part was ConditionSyntaxError's English message in both languages
    replace_in(
        mini / "rules" / "mini.yaml",
        "score.lnc4_trust < threshold.concern",
        "score.lnc4_trus < threshold.concern",
    )
    with pytest.raises(ValidationFailed) as caught:
        build_bundle(discover([mini]))
    (problem,) = caught.value.problems
    assert problem.code == "unknown-fact"
    assert problem.fix("nl") == "gebruik een feit dat de scoring oplevert"
    assert problem.fix("en") == "use a fact the scoring produces"
