"""The product's own content meets the promises of the content issue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from diagnose import Bundle, diagnose
from diagnose.cli.content import read_response_file

SEEDS = {
    "000_f471891b79fc4b92.txt",
    "001_387ec5260a2d8f56.txt",
    "002_cc1d003ec2c96c2c.txt",
    "003_f93f595442e4f8ca.txt",
    "004_3e2da15fe975bb00.txt",
}
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_full_scan_measures_every_construct(bundle: Bundle) -> None:
    """Every construct is measured by some version of the full scan; the newest measures each of its
    constructs with 2 to 5 items (a position with 2, a score with at least 3) and each fact once."""
    newest = bundle.questionnaire("netwerkscan")
    counts = Counter(i.construct_id for i in newest.items() if i.type != "text")
    measured_by_some_version = {
        i.construct_id for q in bundle.all_questionnaires() if q.id == "netwerkscan" for i in q.items()
    }
    for construct in bundle.constructs.constructs:
        assert construct.id in measured_by_some_version, construct.id
        if construct.id not in counts:
            continue  # measured only by an earlier version (constructs.yaml says which and why)
        if construct.kind == "fact":
            assert counts[construct.id] == 1, construct.id
        else:
            assert 2 <= counts[construct.id] <= 5, (construct.id, counts[construct.id])
    assert 40 <= sum(counts.values()) <= 85


def test_scale_items_offer_dont_know_and_reverse_items_exist(bundle: Bundle) -> None:
    q = bundle.questionnaire("netwerkscan")
    for item in q.items():
        # a score's scale offers "weet ik niet"; a position's bipolar scale has a real middle instead
        if item.type == "scale" and bundle.constructs.by_id[item.construct_id].kind == "score":
            assert q.scales[item.scale or ""].dont_know is not None, item.id
    reverse = Counter(i.construct_id for i in q.items() if i.reverse)
    for cid in {i.construct_id for i in q.items() if i.type == "scale"}:
        if bundle.constructs.by_id[cid].group in ("pitfall", "characteristic"):
            assert reverse[cid] >= 1, f"{cid} has no reverse-worded item"


def test_every_item_and_rule_names_its_source(bundle: Bundle) -> None:
    for q in bundle.questionnaires.values():
        for item in q.items():
            assert item.source == "domain" or any(seed in item.source for seed in SEEDS), (q.id, item.id)
    files = [entry.file for entry in bundle.references.references]
    # one reference per seed text, and the product's own account of its measurement
    assert sorted(files) == sorted([*SEEDS, "docs/formats.md"])
    for rule in bundle.rules:
        entries = [bundle.references.entry(c) for c in rule.sources]
        assert entries and all(e is not None for e in entries), rule.id
        assert any(e.file in SEEDS for e in entries if e is not None), f"{rule.id} cites no literature"


def test_domain_diagnoses_are_covered(bundle: Bundle) -> None:
    kinds = Counter(rule.kind for rule in bundle.rules)
    for kind in ("pitfall", "concern", "attention", "strength", "fit", "leadership", "disagreement", "trend"):
        assert kinds[kind] >= 1, kind
    referenced = {ref for rule in bundle.rules for ref in (rule.when,)}
    text = " ".join(referenced)
    for needle in (
        "score.pitfall_fixed_goal",
        "score.pitfall_everyone_everything",
        "score.pitfall_not_our_network",
        "derived.expected_network_type",
        "derived.fitting_leadership_role",
        "profile.overlap == partial",
        "profile.has_board",
        "profile.support",
        "count.member_kinds",
        "sd.",
        "change.",
        "role_gap.",
    ):
        assert needle in text, needle


def test_quickscan_is_short_and_reports_what_it_did_not_measure(bundle: Bundle) -> None:
    assert 15 <= len(list(bundle.questionnaire("quickscan").items())) <= 25
    rf, _ = read_response_file(EXAMPLES / "quickscan_intake.json")
    # the example keeps the version it was answered with
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    d = diagnose(bundle, q, rf.round, rf.history, rf.network)
    assert "lnc2_inquiry" in d.not_measured and "lnc4_trust" in d.not_measured
    assert not any(c in d.not_measured for f in d.findings for c in f.constructs)


def test_dutch_and_english_texts_differ(bundle: Bundle) -> None:
    """A text copied into both languages unchanged is an untranslated text."""
    same = [
        rule.id for rule in bundle.rules if rule.advice.nl == rule.advice.en or rule.title.nl == rule.title.en
    ]
    assert same == []
    for q in bundle.questionnaires.values():
        assert [i.id for i in q.items() if i.text.nl == i.text.en] == []
