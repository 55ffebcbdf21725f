"""The report's own texts (diagnose/report/content.yaml) fit the rule base they talk about."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, ValidationFailed
from diagnose.report.content import ReportContent, load_content

SEEDS = ("000", "001", "002", "003", "004")


def test_content_loads_and_has_both_languages() -> None:
    content = load_content()
    assert {m.id for m in content.methods} == {
        "network_analysis",
        "theme_analysis",
        "network_programme",
        "step_plan",
        "annual_agenda",
    }
    for key, text in content.texts.items():
        assert text.nl.strip() and text.en.strip(), key


def test_everything_it_names_exists_in_the_rule_base(bundle: Bundle) -> None:
    content = load_content()
    constructs = set(bundle.constructs.by_id)
    kinds = {rule.kind for rule in bundle.rules}
    for method in content.methods:
        assert set(method.constructs) <= constructs, method.id
        assert set(method.kinds) <= kinds, method.id
        assert method.source.ref == "look_netwerklerende_school", method.id
        entry = bundle.references.by_id[method.source.ref]
        assert method.source.section in entry.sections, method.id
    assert set(content.questions.constructs) <= constructs
    assert set(content.questions.rules) <= set(bundle.rule_by_id)
    scored = {c.id for c in bundle.constructs.constructs if c.kind != "fact"}
    assert scored <= set(content.questions.constructs), "every measured construct has a discussion question"
    for name in bundle.thresholds:
        assert f"threshold_{name}" in content.texts, f"threshold {name!r} has no label in the report"


def test_an_unknown_key_is_an_error_that_names_the_place(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "diagnose" / "report" / "content.yaml"
    broken = tmp_path / "content.yaml"
    broken.write_text(
        source.read_text(encoding="utf-8").replace("    tip:\n", "    tipp:\n", 1), encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as failure:
        load_content.__wrapped__(broken)
    assert "tipp" in failure.value.format("en")


def test_literature_mentions_the_authors(bundle: Bundle) -> None:
    text = " ".join(entry.full.nl for entry in bundle.references.references)
    # the seed texts, and the product's own account of its measurement (rules/measurement.yaml)
    files = [e.file for e in bundle.references.references]
    assert [f[:3] for f in files if f.endswith(".txt")] == list(SEEDS)
    assert [f for f in files if not f.endswith(".txt")] == ["docs/formats.md"]
    for name in ("Dees", "Klaster", "Van Wendel de Joode", "Stoll", "Poorthuis", "Eurlings", "Derksen"):
        assert name in text
    assert isinstance(load_content(), ReportContent)


def test_every_threshold_of_the_rule_base_has_its_label_in_both_languages(bundle: Bundle) -> None:
    """The report's table of thresholds names each one in words, never by its id."""
    content = load_content()
    for name in bundle.settings.thresholds:
        assert f"threshold_{name}" in content.texts, name
