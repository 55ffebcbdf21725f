"""Several versions of one questionnaire side by side: the newest is what new rounds use, earlier
ones stay loadable for stored rounds, and a `comparable` mapping is checked where it is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diagnose.bundle import Bundle, build_bundle, discover
from diagnose.problems import Problem, ValidationFailed
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"
MINI_2 = Path(__file__).parent / "versions" / "mini-2.0.yaml"


def two_versions(tmp_path: Path) -> Path:
    """tests/core/mini with its questionnaire moved to earlier/ and version 2.0 in its place."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    earlier = root / "questionnaires" / "earlier"
    earlier.mkdir()
    (root / "questionnaires" / "mini.yaml").rename(earlier / "mini-1.0.yaml")
    shutil.copy(MINI_2, root / "questionnaires" / "mini.yaml")
    return root


def load(root: Path) -> Bundle:
    return build_bundle(discover([root]))


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load(root)
    return caught.value.problems


def line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(needle)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return two_versions(tmp_path)


def test_newest_version_by_default_and_every_version_by_number(root: Path) -> None:
    bundle = load(root)
    assert bundle.questionnaire("mini").version == "2.0"
    assert bundle.questionnaire("mini", "1.0").version == "1.0"
    assert bundle.questionnaire("mini", "1.0").item_by_id["trust_a"].text.nl == "We vertrouwen elkaar."
    assert [q.ref for q in bundle.all_questionnaires()] == ["mini 1.0", "mini 2.0"]
    assert bundle.questionnaires["mini"].version == "2.0"


def test_a_version_that_is_not_there_is_refused_with_the_known_ones(root: Path) -> None:
    bundle = load(root)
    with pytest.raises(ValidationFailed) as caught:
        bundle.questionnaire("mini", "3.0")
    [problem] = caught.value.problems
    assert problem.code == "unknown-questionnaire"
    assert problem.params["allowed"] == "mini 1.0, mini 2.0"


def test_versions_are_ordered_as_numbers_not_as_text(tmp_path: Path) -> None:
    root = two_versions(tmp_path)
    newest = root / "questionnaires" / "mini.yaml"
    replace_in(newest, 'version: "2.0"', 'version: "1.10"')
    (root / "questionnaires" / "earlier" / "mini-1.9.yaml").write_text(
        (root / "questionnaires" / "earlier" / "mini-1.0.yaml")
        .read_text(encoding="utf-8")
        .replace('version: "1.0"', 'version: "1.9"'),
        encoding="utf-8",
    )
    bundle = load(root)
    assert bundle.questionnaire("mini").version == "1.10"
    assert list(bundle.versions["mini"]) == ["1.0", "1.9", "1.10"]


def test_the_same_version_twice_is_refused_naming_both_files(root: Path) -> None:
    copy = root / "questionnaires" / "earlier" / "mini-copy.yaml"
    shutil.copy(root / "questionnaires" / "earlier" / "mini-1.0.yaml", copy)
    [problem] = problems_of(root)
    assert problem.code == "duplicate-questionnaire"
    assert problem.params["key"] == "mini 1.0"
    named = {problem.file, str(problem.params["other"]).rsplit(":", 1)[0]}
    assert {Path(f).name for f in named} == {"mini-1.0.yaml", "mini-copy.yaml"}
    assert problem.line == line_of(copy, "version:")
    assert "questionnaires/earlier/" in problem.format("nl")


def test_new_fields_load(root: Path) -> None:
    q = load(root).questionnaire("mini")
    assert q.scales["agree5"].missing_codes == ["dk", "na"]
    assert [s.id for s in q.respondent_sections()] == ["profiel", "stellingen"]
    assert [i.id for i in q.coordinator_items()] == ["overlap", "omvang"]
    decide = q.item_by_id["decide_a"]
    assert q.shown_to(decide, "board") and not q.shown_to(decide, "teacher") and not q.shown_to(decide, None)
    assert q.shown_to(q.item_by_id["trust_a"], None)
    comparison = q.comparison_with("1.0")
    assert comparison is not None and comparison.constructs == {"lnc4_trust": "lnc4_trust"}
    assert q.comparison_with("0.9") is None


# --- the comparable mapping: every way to get it wrong, with file, line and fix ---------------------


def mapping_problem(root: Path, old: str, new: str, code: str) -> Problem:
    path = root / "questionnaires" / "mini.yaml"
    replace_in(path, old, new)
    problems = problems_of(root)
    assert [p.code for p in problems] == [code], [p.format("en") for p in problems]
    problem = problems[0]
    assert problem.file.endswith("questionnaires/mini.yaml")
    assert problem.field in ("constructs", "version")
    return problem


def test_mapping_an_earlier_version_that_does_not_exist(root: Path) -> None:
    problem = mapping_problem(root, '  - version: "1.0"', '  - version: "0.9"', "comparable-version")
    assert problem.line == line_of(root / "questionnaires" / "mini.yaml", '- version: "0.9"')
    assert "(wel: 1.0)" in problem.format("nl")
    assert "questionnaires/earlier/" in problem.format("en")


def test_mapping_a_construct_this_version_does_not_measure(root: Path) -> None:
    problem = mapping_problem(
        root, "      lnc4_trust: lnc4_trust", "      lnc4_trus: lnc4_trust", "comparable-construct"
    )
    assert problem.line == line_of(root / "questionnaires" / "mini.yaml", "lnc4_trus: lnc4_trust")
    assert problem.params["version"] == "2.0"
    assert "bedoel je 'lnc4_trust'" in problem.format("nl")


def test_mapping_a_construct_the_earlier_version_does_not_measure(root: Path) -> None:
    problem = mapping_problem(
        root, "      lnc4_trust: lnc4_trust", "      lnc4_trust: lnc1_goal_focus", "comparable-construct"
    )
    assert problem.params == problem.params | {"key": "lnc1_goal_focus", "version": "1.0"}
    assert "version 1.0" in problem.format("en")


def test_mapping_one_construct_twice(root: Path) -> None:
    path = root / "questionnaires" / "mini.yaml"
    problem = mapping_problem(
        root,
        "      lnc4_trust: lnc4_trust\n",
        "      lnc4_trust: lnc4_trust\n      joint_decision: lnc4_trust\n",
        "comparable-twice",
    )
    assert problem.line == line_of(path, "joint_decision: lnc4_trust")
    assert problem.params["other_line"] == line_of(path, "lnc4_trust: lnc4_trust")


def test_writing_one_construct_twice_on_the_left(root: Path) -> None:
    path = root / "questionnaires" / "mini.yaml"
    problem = mapping_problem(
        root,
        "      lnc4_trust: lnc4_trust\n",
        "      lnc4_trust: lnc4_trust\n      lnc4_trust: joint_decision\n",
        "comparable-twice",
    )
    assert problem.line == line_of(path, "lnc4_trust: joint_decision")
    assert problem.params["other_line"] == line_of(path, "lnc4_trust: lnc4_trust")


def test_mapping_constructs_of_different_kinds(root: Path) -> None:
    problem = mapping_problem(
        root, "      lnc4_trust: lnc4_trust", "      lnc4_trust: overlap", "comparable-kind"
    )
    assert "profielfeit" in problem.format("nl")


def test_mapping_constructs_measured_on_different_scales(root: Path) -> None:
    path = root / "questionnaires" / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    scale = text[text.index("  agree5:") : text.index("comparable:")]
    path.write_text(
        text.replace(scale, scale + scale.replace("agree5:", "often5:"), 1).replace(
            "scale: agree5\n        text: {nl: Ik vertrouw", "scale: often5\n        text: {nl: Ik vertrouw"
        ),
        encoding="utf-8",
    )
    problems = problems_of(root)
    assert [p.code for p in problems] == ["comparable-kind"]
    assert "agree5, often5 tegenover agree5" in problems[0].format("nl")


# --- roles and the coordinator's section ----------------------------------------------------------


def test_an_unknown_role_is_refused_with_the_roles_there_are(root: Path) -> None:
    path = root / "questionnaires" / "mini.yaml"
    replace_in(path, "roles: [board]", "roles: [bord]")
    [problem] = problems_of(root)
    assert problem.code == "item-roles"
    assert problem.line == line_of(path, "roles: [bord]")
    assert problem.id == "decide_a"
    assert "bedoel je 'board'" in problem.format("nl")
    assert "teacher, board" in problem.format("en")


def test_the_role_question_is_asked_of_everyone(root: Path) -> None:
    path = root / "questionnaires" / "mini.yaml"
    replace_in(
        path,
        "        construct: respondent_role\n",
        "        construct: respondent_role\n        roles: [board]\n",
    )
    [problem] = problems_of(root)
    assert (problem.code, problem.id, problem.field) == ("item-shape", "rol", "roles")


def test_the_coordinator_gives_facts_not_scores(root: Path) -> None:
    path = root / "questionnaires" / "mini.yaml"
    replace_in(path, "    asked_of: coordinator\n", "    asked_of: coordinator\n    roles: [board]\n")
    text = path.read_text(encoding="utf-8")
    trust = text[text.index("      - id: trust_c") : text.index("      - id: decide_a")]
    path.write_text(
        text.replace(trust, "").replace("      - id: overlap\n", trust + "      - id: overlap\n", 1),
        encoding="utf-8",
    )
    problems = problems_of(root)
    assert sorted((p.code, p.id, p.field) for p in problems) == [
        ("item-shape", "netwerk", "roles"),
        ("item-shape", "trust_c", "type"),
    ]
    assert all(p.line for p in problems)


def test_asked_of_takes_two_values(root: Path) -> None:
    replace_in(root / "questionnaires" / "mini.yaml", "asked_of: coordinator", "asked_of: coördinator")
    [problem] = problems_of(root)
    assert problem.code == "invalid-value"
    assert problem.field == "asked_of"
