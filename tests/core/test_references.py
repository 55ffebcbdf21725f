"""Real references: rules cite rules/references.yaml by id and section; `netscan validate` rejects a
citation of an unknown reference or section and an unknown or unusable text placeholder (file,
line, fix); what users read names authors, title and section, never a seed file or a rule id."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from diagnose.bundle import Bundle, load_bundle
from diagnose.cli import main
from diagnose.diagnosis import diagnose
from diagnose.references import Citation
from diagnose.render import to_json, to_markdown
from diagnose.responses import ResponseFile
from tests.core.content_copy import replace_in
from tests.core.test_validate import LINE, MINI, line_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}")


def leaks(text: str, bundle: Bundle) -> list[str]:
    """Seed file names, raw rule ids and reference ids in a text a person reads."""
    found = SEED_FILE.findall(text)
    words = set(re.findall(r"[a-z][a-z0-9_]*_[a-z0-9_]+", text))
    return found + sorted(words & (set(bundle.rule_by_id) | set(bundle.references.by_id)))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def problems(capsys: pytest.CaptureFixture[str], mini: Path, lang: str = "nl") -> list[re.Match[str]]:
    code = main(["validate", str(mini), "--lang", lang])
    err = [line for line in capsys.readouterr().err.splitlines() if line]
    assert code == 2, err
    matches = [LINE.match(line) for line in err]
    assert all(matches), err
    return [m for m in matches if m]


def test_an_unknown_reference_is_located_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], mini: Path
) -> None:
    replace_in(mini / "rules" / "mini.yaml", "sources: [{ref: aps_stoll}]", "sources: [{ref: aps_stol}]")
    [problem] = problems(capsys, mini)
    assert problem["code"] == "unknown-reference"
    assert problem["line"] == line_of(mini / "rules" / "mini.yaml", "aps_stol}")
    assert problem["subject"] == "low_trust.sources"
    assert "bedoel je 'aps_stoll'" in problem["what"]
    assert "rules/references.yaml" in problem["fix"]


def test_an_unknown_section_names_the_sections_there_are(
    capsys: pytest.CaptureFixture[str], mini: Path
) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "sources: [{ref: aps_stoll}]",
        "sources: [{ref: aps_stoll, section: trst}]",
    )
    [problem] = problems(capsys, mini, "en")
    assert problem["code"] == "unknown-reference"
    assert "did you mean 'trust'" in problem["what"]
    assert "goal" in problem["fix"] and "architecture" in problem["fix"]


def test_a_misspelt_placeholder_is_located(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "diagnosis: {nl: Leden vertrouwen elkaar weinig., en: Members trust each other little.}",
        "diagnosis: {nl: 'Leden vertrouwen elkaar weinig ({scor}).', en: 'Members trust each other little ({score}).'}",
    )
    [problem] = problems(capsys, mini)
    assert problem["code"] == "unknown-placeholder"
    assert problem["subject"] == "low_trust.diagnosis.nl"
    assert problem["line"] == line_of(mini / "rules" / "mini.yaml", "{scor}")
    assert "bedoel je 'score'" in problem["what"]
    assert "{score}" in problem["fix"]


def test_a_placeholder_the_rule_cannot_fill_says_why(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "advice: {nl: Plan intervisie., en: Plan peer consultation.}",
        "advice: {nl: 'Plan intervisie ({change}).', en: 'Plan peer consultation ({change}).'}",
    )
    found = problems(capsys, mini, "en")
    assert {p["code"] for p in found} == {"unknown-placeholder"}
    assert {p["subject"] for p in found} == {"low_trust.advice.nl", "low_trust.advice.en"}
    assert "only in a rule about a change" in found[0]["what"]


def test_a_citation_reads_as_authors_title_and_section() -> None:
    refs = load_bundle().references
    cite = refs.cite(Citation(ref="dees_klaster_vanwendeldejoode", section="pitfall_3"), "nl")
    assert cite == (
        "Dees, Klaster & Van Wendel de Joode — Netwerken in het onderwijs worden steeds belangrijker, "
        "valkuil 3, Het is ons netwerk"
    )
    assert refs.cite(Citation(ref="eurlings_derksen", section="factor_7"), "en").startswith(
        "Eurlings & Derksen — Hoe kunnen we slim regionaal organiseren?, chapter 4, factor 7"
    )


def test_a_diagnosis_stored_with_file_names_still_reads_as_a_reference() -> None:
    """Snapshots written before references.yaml cite '000_….txt, section': shown as the reference."""
    refs = load_bundle().references
    old = Citation.model_validate("000_f471891b79fc4b92.txt, Het is ons netwerk (bestuur)")
    text = refs.cite(old, "nl")
    assert text.startswith("Dees, Klaster & Van Wendel de Joode — ") and not SEED_FILE.search(text)
    assert refs.cite(Citation.model_validate("domain"), "nl") == "bron niet meer in de regelbase"


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_markdown_names_no_seed_file_or_rule_id_and_json_keeps_the_ids(example: str) -> None:
    bundle = load_bundle()
    rf = ResponseFile.model_validate_json((EXAMPLES / example).read_text(encoding="utf-8"))
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    d = diagnose(bundle, q, rf.round, rf.history, rf.network)
    assert d.findings
    for lang in ("nl", "en"):
        markdown = to_markdown(d, bundle, lang)  # type: ignore[arg-type]
        assert leaks(markdown, bundle) == [], example
        data = to_json(d, bundle, lang)  # type: ignore[arg-type]
        assert [f["rule"] for f in data["findings"]] == [f.rule for f in d.findings]
        for f in data["findings"]:
            assert all(s["ref"] in bundle.references.by_id and s["text"] for s in f["sources"])
        assert not SEED_FILE.search(json.dumps([f["sources"] for f in data["findings"]]))


def test_the_leak_check_finds_what_it_looks_for() -> None:
    bundle = load_bundle()
    assert leaks("Bronnen: 000_f471891b79fc4b92.txt, aps_stoll · Regel: pitfall_not_our_network", bundle) == [
        "000_f471891b79fc4b92",
        "aps_stoll",
        "pitfall_not_our_network",
    ]
