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
    """Every construct is measured by some version; 1.0 measured each with 3–5 items, the newest
    measures what it banded with at least 3 (and keeps the 1.0-only constructs for stored rounds)."""
    measured: set[str] = set()
    for q in bundle.versions["netwerkscan"].values():
        counts = Counter(i.construct_id for i in q.items() if i.type != "text")
        measured |= set(counts)
        for construct in bundle.constructs.constructs:
            if construct.kind == "fact":
                assert counts[construct.id] == 1, (q.ref, construct.id)
            elif construct.kind == "score" and counts[construct.id]:
                assert 3 <= counts[construct.id] <= 5, (q.ref, construct.id, counts[construct.id])
    assert measured >= {c.id for c in bundle.constructs.constructs}
    old = bundle.questionnaire("netwerkscan", "1.0")
    old_counts = Counter(i.construct_id for i in old.items() if i.type != "text")
    assert all(old_counts[c.id] for c in bundle.constructs.constructs if c.id != "pitfall_drift")
    assert 60 <= sum(old_counts.values()) <= 85
    newest = bundle.questionnaire("netwerkscan")
    assert sum(1 for i in newest.items() if i.type == "scale") <= 50


def test_scale_items_offer_dont_know_and_reverse_items_exist(bundle: Bundle) -> None:
    """Every agree/disagree item offers "weet ik niet"; a bipolar position item (orientation, 2.0)
    has a real middle instead. Every pitfall and characteristic has a reverse-worded item."""
    for q in bundle.versions["netwerkscan"].values():
        kinds = {c.id: c.kind for c in bundle.constructs.constructs}
        for item in q.items():
            if item.type == "scale" and kinds[item.construct_id] == "score":
                assert q.scales[item.scale or ""].dont_know is not None, (q.ref, item.id)
        reverse = Counter(i.construct_id for i in q.items() if i.reverse)
        measured = {i.construct_id for i in q.items()}
        for construct in bundle.constructs.constructs:
            if construct.group in ("pitfall", "characteristic") and construct.id in measured:
                assert reverse[construct.id] >= 1, f"{q.ref}: {construct.id} has no reverse-worded item"


def test_every_item_and_rule_names_its_source(bundle: Bundle) -> None:
    for q in bundle.questionnaires.values():
        for item in q.items():
            assert item.source == "domain" or any(seed in item.source for seed in SEEDS), (q.id, item.id)
    files = {entry.file for entry in bundle.references.references}
    assert files == SEEDS  # one reference per seed text
    for rule in bundle.rules:
        entries = [bundle.references.entry(c) for c in rule.sources]
        assert entries and all(e is not None and e.file in SEEDS for e in entries), rule.id


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
    for name, version in (("quickscan_intake", "1.0"), ("quickscan_intake_v2", None)):
        q = bundle.questionnaire("quickscan", version)
        assert 15 <= len(list(q.items())) <= 25
        rf, _ = read_response_file(EXAMPLES / f"{name}.json")
        assert rf.questionnaire.version == q.version
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
