"""Trends across questionnaire versions: only what the newer version's `comparable` mapping lists is
compared (change and previous facts, the rounds shown beside a round), and the note says what not."""

from __future__ import annotations

import pytest

from diagnose import Bundle, Response, Round, diagnose
from diagnose.bundle import build_bundle, discover
from diagnose.comparability import comparability, version_change
from diagnose.diagnosis import score
from diagnose.scores import Reference
from tests.core.content_copy import replace_in
from tests.core.test_versions import two_versions

OLD = {"rol": "teacher", "trust_a": 5, "trust_b": 1, "decide_a": 5}  # trust 5, decisions 5
NEW = {"rol": "board", "trust_a": 3, "trust_b": 3, "trust_c": 3, "decide_a": 1, "decide_b": 1}


def rnd(label: str, answers: dict[str, object], n: int = 3) -> Round:
    return Round(
        label=label, responses=[Response(respondent=f"r{i}", answers=dict(answers)) for i in range(n)]
    )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return build_bundle(discover([two_versions(tmp_path_factory.mktemp("cmp"))]))


def test_the_change_since_a_round_of_another_version_covers_mapped_constructs_only(bundle: Bundle) -> None:
    old, new = bundle.questionnaire("mini", "1.0"), bundle.questionnaire("mini")
    before = score(bundle, old, rnd("2026", OLD))
    d = diagnose(bundle, new, rnd("2027", NEW), [before])
    assert d.previous is not None
    assert d.previous.scores == {"lnc4_trust": 5.0}  # joint_decision changed meaning: not compared
    assert d.previous.questionnaire == Reference(id="mini", version="1.0")
    assert d.finding("trust_declined") is not None  # 5.0 → 3.0 on the mapped construct
    assert all("joint_decision" not in b.fact for f in d.findings if f.kind == "trend" for b in f.because)


def test_without_a_mapping_nothing_is_compared_across_versions(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = two_versions(tmp_path_factory.mktemp("nomap"))
    path = root / "questionnaires" / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("comparable:")] + text[text.index("sections:") :], encoding="utf-8")
    bundle = build_bundle(discover([root]))
    before = score(bundle, bundle.questionnaire("mini", "1.0"), rnd("2026", OLD))
    d = diagnose(bundle, bundle.questionnaire("mini"), rnd("2027", NEW), [before])
    assert d.previous is not None and d.previous.scores == {}
    assert d.finding("trust_declined") is None


def test_the_same_version_compares_by_id_and_a_mapping_reads_both_ways(bundle: Bundle) -> None:
    two, one = Reference(id="mini", version="2.0"), Reference(id="mini", version="1.0")
    assert comparability(bundle, two, two).constructs is None
    assert comparability(bundle, Reference(id="other", version="1.0"), one).constructs is None
    forward = comparability(bundle, two, one)
    assert dict(forward.constructs or {}) == {"lnc4_trust": "lnc4_trust"}
    assert forward.note is not None and forward.note.nl.startswith("Vertrouwen meten we nu")
    # a 1.0 round answered after a 2.0 round reads the same mapping backwards
    assert dict(comparability(bundle, one, two).constructs or {}) == {"lnc4_trust": "lnc4_trust"}


def test_a_renamed_construct_is_shown_under_the_new_id(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = two_versions(tmp_path_factory.mktemp("rename"))
    replace_in(
        root / "questionnaires" / "mini.yaml",
        "      lnc4_trust: lnc4_trust",
        "      joint_decision: lnc4_trust",
    )
    replace_in(root / "rules" / "ruleset.yaml", "min_items_for_band: 1", "min_items_for_band: 2")
    bundle = build_bundle(discover([root]))
    before = score(bundle, bundle.questionnaire("mini", "1.0"), rnd("2026", OLD))
    d = diagnose(bundle, bundle.questionnaire("mini"), rnd("2027", NEW), [before])
    assert d.previous is not None and d.previous.scores == {"joint_decision": 5.0}


def test_history_and_the_note_beside_a_round_of_the_new_version(bundle: Bundle) -> None:
    old, new = bundle.questionnaire("mini", "1.0"), bundle.questionnaire("mini")
    first = diagnose(bundle, old, rnd("2025", OLD))
    second = diagnose(bundle, old, rnd("2026", OLD))
    third = diagnose(bundle, new, rnd("2027", NEW), [score(bundle, old, rnd("2026", OLD))])
    now = diagnose(bundle, new, rnd("2028", NEW), [score(bundle, new, rnd("2027", NEW))])
    shown_now, history = now.with_history([first, second, third], bundle)
    assert [(h.label, h.scores) for h in history] == [
        ("2025", {"lnc4_trust": 5.0}),
        ("2026", {"lnc4_trust": 5.0}),
        ("2027", {"lnc4_trust": 3.0, "joint_decision": 1.0}),
    ]
    change = version_change(bundle, shown_now, history)
    assert change is not None
    assert (change.since, change.version, change.left_out) == ("2027", "2.0", ("joint_decision",))
    labels = {c.id: c.label for c in bundle.constructs.constructs}
    text = change.text(labels)
    assert text.nl == (
        "Vanaf ‘2027’ gemeten met vragenlijst 2.0; niet vergelijkbaar met eerdere metingen: "
        "‘Gezamenlijke besluitvorming’. Vertrouwen meten we nu met drie vragen."
    )
    assert text.en.startswith(
        "From ‘2027’ on, measured with questionnaire 2.0; not comparable with earlier rounds:"
    )
    # rounds of one version only: nothing to say
    assert version_change(bundle, now, [h for h in history if h.label == "2027"]) is None
    # compared side by side (the dashboard's comparison of two rounds) the same rule holds
    assert now.compared_with(first, bundle).previous is not None
    assert now.compared_with(first, bundle).previous.scores == {"lnc4_trust": 5.0}  # type: ignore[union-attr]


def test_stored_diagnoses_without_versions_still_load(bundle: Bundle) -> None:
    """JSON written before questionnaire 2.0 lacks signal, items, unknown and questionnaire."""
    d = diagnose(bundle, bundle.questionnaire("mini", "1.0"), rnd("2026", OLD))
    data = d.model_dump(mode="json")
    data.pop("unknown")
    for s in data["scores"].values():
        s.pop("signal")
        s.pop("items")
    if data["previous"]:
        data["previous"].pop("questionnaire")
    again = type(d).model_validate(data)
    assert again.scores["lnc4_trust"].signal is False and again.unknown == {}
