""" "Waarom bovenaan" must be true for the network it is written for. Regression: a card led by
"Afspraak uitgevoerd, maar geen beweging" said "grootste vooruitgang sinds de vorige meting (+0,46
punt)" — neither the biggest rise, nor a rise the finding itself counts as movement."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, Diagnosis, diagnose
from diagnose import cards as grouping
from diagnose.cli.content import file_actions, read_response_file

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))


def _diagnosis(bundle: Bundle, path: Path) -> Diagnosis:
    rf, _ = read_response_file(path)
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    return diagnose(bundle, q, rf.round, rf.history, rf.network, actions=file_actions(q, rf, path.name))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_reason_on_top_is_true_for_the_round(bundle: Bundle, path: Path) -> None:
    d = _diagnosis(bundle, path)
    reasons = bundle.settings.priority.reasons
    rises = {
        f.constructs[0]: d.scores[f.constructs[0]].mean - d.previous.scores[f.constructs[0]]
        for f in d.findings
        if d.previous is not None
        and f.kind == "trend"
        and len(f.constructs) == 1
        and f.constructs[0] in d.scores
        and f.constructs[0] in d.previous.scores
        and not f.rule.startswith(grouping.AGREEMENT_RULES)
    }
    for card in grouping.summary_cards(d, bundle):
        why = grouping.reason(d, bundle, card)
        if why is None:
            continue
        biggest = reasons["biggest_improvement"].nl.split(" (")[0]
        if card.lead.rule.startswith(grouping.AGREEMENT_RULES):
            assert why.nl.startswith(reasons["agreement"].nl), (card.lead.rule, why.nl)
        elif why.nl.startswith(biggest):
            c = card.lead.constructs[0]
            assert rises[c] == max(rises.values()), (path.name, card.lead.rule, why.nl, rises)
        assert "vooruitgang" not in why.nl or card.lead.kind == "trend", (card.lead.rule, why.nl)


def test_an_agreement_card_says_it_is_about_the_agreement(bundle: Bundle) -> None:
    path = next(p for p in EXAMPLES if p.stem == "werkplaatsen_in_plaats_van_vergaderingen_v2")
    d = _diagnosis(bundle, path)
    leads = [c for c in grouping.summary_cards(d, bundle) if c.lead.rule.startswith(grouping.AGREEMENT_RULES)]
    assert leads, "the case with an agreement that worked puts it in the summary"
    for card in leads:
        why = grouping.reason(d, bundle, card)
        assert why is not None and "afspraak" in why.nl and "grootste" not in why.nl
