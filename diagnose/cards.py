"""One root, one card: the findings of a diagnosis grouped as a consultant tells them.

- Findings about the same construct (a concern, the gap between roles, the spread, the decline,
  and a pitfall that names it) form one card; the finding that matters most leads it and the
  others are its evidence.
- Cards that say the same thing about different constructs (one rule template, nothing else to
  add) are one card with the other constructs listed alike.
- The summary is the first three cards by priority (`diagnose.priority`) that name no construct
  twice, hold at most one disagreement and repeat no advice; each can say why it is on top.
- "What goes well" is one or two sentences over the strengths.

Pure and deterministic: a Diagnosis in, cards out. The dashboard, the report and `netscan
diagnose` all call these functions, so the grouping is decided here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diagnose.priority import scorer
from diagnose.text import Lang, LocalizedText, format_number

if TYPE_CHECKING:
    from diagnose.bundle import Bundle
    from diagnose.diagnosis import Diagnosis, Finding

    # One card before it is a Card: (lead, evidence, priority, constructs), findings by priority
    _Single = tuple[Finding, tuple[Finding, ...], float, frozenset[str]]
    # Cards led by one rule template merged: the first single and those listed alike with it
    _Merged = tuple[_Single, list[_Single]]

SUMMARY_SIZE = 3
MAX_STRENGTH_LABELS = 3


@dataclass(frozen=True)
class Card:
    lead: Finding
    evidence: tuple[Finding, ...]  # other findings about the same construct(s), by priority
    alike: tuple[Card, ...]  # cards led by the same rule template about other constructs, by priority
    priority: float
    constructs: frozenset[str]  # the score constructs the card is about

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (self.lead, *self.evidence, *(f for card in self.alike for f in card.findings))

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.findings]

    @property
    def is_strength(self) -> bool:
        return self.lead.kind == "strength"


def _scored(d: Diagnosis, bundle: Bundle, f: Finding) -> frozenset[str]:
    """The score constructs (not facts) a finding names."""
    return _union_keys(bundle, f)[0]


def _union_keys(bundle: Bundle, f: Finding) -> tuple[frozenset[str], list[str], list[str]]:
    """The finding's score constructs and the keys `cards` unites its cards by, for a finding
    that is not a strength and for one that is: made once per list of constructs."""
    by_id = bundle.constructs.by_id
    key = (id(by_id), *f.constructs)
    known = _keys_known.get(key)
    if known is None or known[0] is not by_id:
        scored = frozenset(c for c in f.constructs if c in by_id and by_id[c].kind != "fact")
        ordered = sorted(scored)
        if len(_keys_known) > 10_000:  # rule bases loaded one after another in a long-lived process
            _keys_known.clear()
        known = _keys_known[key] = (by_id, scored, ["-" + c for c in ordered], ["+" + c for c in ordered])
    return known[1], known[2], known[3]


_keys_known: dict[tuple[Any, ...], tuple[Mapping[str, Any], frozenset[str], list[str], list[str]]] = {}


def drop(d: Diagnosis, f: Finding) -> float | None:
    """How far the finding's construct fell since the previous round, for a change finding."""
    if f.kind != "trend" or d.previous is None or len(f.constructs) != 1:
        return None
    c = f.constructs[0]
    if c not in d.scores or c not in d.previous.scores:
        return None
    change = d.scores[c].mean - d.previous.scores[c]
    return round(-change, 4) if change < 0 else None


def falls(f: Finding) -> bool:
    """Whether a finding reports a decline: a change since the previous round below zero among its
    reasons. Shown with a falling icon wherever the finding is shown."""
    return any(
        b.fact.startswith("change.") and isinstance(b.value, int | float) and b.value < 0 for b in f.because
    )


def priority(d: Diagnosis, bundle: Bundle, f: Finding) -> float:
    """The finding's priority in the model of rules/ruleset.yaml (`priority`)."""
    return priorities(d, bundle, [f])[0]


def priorities(d: Diagnosis, bundle: Bundle, findings: Sequence[Finding]) -> list[float]:
    """`priority` of each finding, what the diagnosis gives them all read once (priority.scorer)."""
    spread = d.thresholds.get("spread")
    strength = d.thresholds["strength"]
    before_scores = d.previous.scores if d.previous is not None else None
    score = _scorer(bundle, d)
    result = []
    for f in findings:
        kind = f.kind
        if kind == "trend":  # drop() is None for any other kind, and only a drop reads was_strength
            fell = drop(d, f)
            constructs = f.constructs
            before = (
                before_scores.get(constructs[0])
                if fell is not None and before_scores is not None and len(constructs) == 1
                else None
            )
            was_strength = before is not None and before >= strength
        else:
            fell, was_strength = None, False
        own = f.spread
        result.append(
            score(
                kind,
                f.severity,
                f.margin,
                fell,
                was_strength,
                spread is not None and own is not None and own >= spread,
            )
        )
    return result


def _scorer(bundle: Bundle, d: Diagnosis) -> Callable[[str, int, float, float | None, bool, bool], float]:
    """priority.scorer for the diagnosis's round, made once per rule base's priority model and
    what the round gives it (respondents, group answer, questionnaire), not once per round."""
    p = bundle.settings.priority
    key = (id(p), d.anonymity.minimum, d.round.respondents, d.round.group_only, d.questionnaire.id)
    known = _scorers.get(key)
    if known is None or known[0] is not p:
        if len(_scorers) >= 10_000:
            _scorers.clear()
        known = _scorers[key] = (p, scorer(p, *key[1:]))
    return known[1]


_scorers: dict[tuple[int, int, int, bool, str], tuple[Any, Callable[..., float]]] = {}


def cards(d: Diagnosis, bundle: Bundle) -> list[Card]:
    """All findings as cards, the most important first (strength cards last)."""
    result = [_card(card, alike, _all_constructs(card, alike)) for card, alike in _merged(d, bundle)]
    return sorted(result, key=lambda c: c.is_strength)  # stable: priority order within each side


def _card(card: _Single, alike: list[_Single], constructs: frozenset[str]) -> Card:
    """The Card of a merged group: its lead single, those listed alike, all their constructs."""
    lead, evidence, score, _ = card
    listed = tuple(
        Card(lead=a_lead, evidence=a_evidence, alike=(), priority=a_score, constructs=a_constructs)
        for a_lead, a_evidence, a_score, a_constructs in alike
    )
    return Card(lead=lead, evidence=evidence, alike=listed, priority=score, constructs=constructs)


def _all_constructs(card: _Single, alike: list[_Single]) -> frozenset[str]:
    """The score constructs of a card and of the cards listed alike with it."""
    return frozenset(c for m in alike for c in m[3]) | card[3] if alike else card[3]


def _singles(d: Diagnosis, bundle: Bundle) -> list[_Single]:
    """The findings of one root as one card each, the most important first."""
    findings = d.findings
    score = priorities(d, bundle, findings)
    # At equal priority a point of attention nearer the concern threshold comes first (its margin
    # is the distance above that threshold); otherwise the diagnosis's own order. Each finding's
    # rank made once, by its place in the diagnosis, not once per comparison.
    ranks = [
        (-s, f.margin if f.kind == "attention" else 0.0, index)
        for index, (f, s) in enumerate(zip(findings, score, strict=True))
    ]

    # Union the findings that share a score construct (strengths apart from the rest).
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    by_id = bundle.constructs.by_id
    id_by = id(by_id)
    scored: list[frozenset[str]] = []
    first_keys: list[str] = []
    for f in findings:
        known = _keys_known.get((id_by, *f.constructs))
        constructs, minus, plus = (
            known[1:] if known is not None and known[0] is by_id else _union_keys(bundle, f)
        )
        scored.append(constructs)
        keys = (plus or ["+rule:" + f.rule]) if f.kind == "strength" else (minus or ["-rule:" + f.rule])
        first_keys.append(keys[0])
        if len(keys) > 1:
            top = root(keys[0])
            for key in keys[1:]:
                parent[root(key)] = top
    groups: dict[str, list[int]] = {}
    for index, first in enumerate(first_keys):
        groups.setdefault(root(first) if first in parent else first, []).append(index)

    single: list[tuple[tuple[float, float, int], _Single]] = []
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=ranks.__getitem__)
            lead = members[0]
            constructs = frozenset(c for m in members for c in scored[m])
            evidence = tuple(findings[m] for m in members[1:])
            single.append((ranks[lead], (findings[lead], evidence, score[lead], constructs)))
        else:
            lead = members[0]
            single.append((ranks[lead], (findings[lead], (), score[lead], scored[lead])))
    single.sort(key=lambda ranked: ranked[0])
    return [card for _, card in single]


def _merged(d: Diagnosis, bundle: Bundle) -> list[_Merged]:
    """Cards led by the same rule template (three improvements, eight points of attention) become
    one card: the first leads, the others are listed alike with their own evidence. In priority
    order, strengths not yet put last."""
    single = _singles(d, bundle)
    templates = _rule_templates(bundle)[0]
    keys = [
        (lead.kind, template) if (template := templates.get(lead.rule)) is not None else None
        for lead, *_ in single
    ]
    family: dict[tuple[str, str], list[_Single]] = {}
    for card, key in zip(single, keys, strict=True):
        if key is not None:
            family.setdefault(key, []).append(card)
    result: list[_Merged] = []
    for card, key in zip(single, keys, strict=True):
        members = family[key] if key is not None else None
        if members is None or len(members) < 2:
            result.append((card, []))
        elif members[0] is card:
            result.append((card, members[1:]))
    return result


def _rule_templates(bundle: Bundle) -> tuple[dict[str, str], dict[str, str]]:
    """Per rule of the rule base, made once per rule base: the template that makes its cards one
    family (a rule with no template of its own has none) and the template the summary names once
    (its own id when it has none)."""
    rules = bundle.rule_by_id
    known = _templates_known.get(id(rules))
    if known is None or known[0] is not rules:
        if len(_templates_known) > 100:  # rule bases loaded one after another in a long-lived process
            _templates_known.clear()
        known = _templates_known[id(rules)] = (
            rules,
            {r.id: r.template for r in rules.values() if r.template and r.template != r.id},
            {r.id: r.template or r.id for r in rules.values()},
        )
    return known[1], known[2]


_templates_known: dict[int, tuple[Mapping[str, Any], dict[str, str], dict[str, str]]] = {}


def _advice_key(f: Finding) -> str:
    return f.advice.nl.strip()


def summary_cards(d: Diagnosis, bundle: Bundle) -> list[Card]:
    """The cards a steering group reads first: by priority, no construct named twice, at most one
    disagreement, no advice (or rule template) twice. When a person chose the top
    (`Diagnosis.chosen_summary`, diagnose.edits): the card holding each chosen finding in the chosen
    order, then the computed top's other cards until there are three."""
    computed = [_card(*chosen) for chosen in _computed_summary(d, bundle)]
    if not d.chosen_summary:
        return computed
    every = cards(d, bundle)
    top: list[Card] = []
    for key in d.chosen_summary:
        card = next((c for c in every if key in c.rules), None)
        if card is not None and not card.is_strength and card not in top:
            top.append(card)
    top += [card for card in computed if card not in top]
    return top[:SUMMARY_SIZE]


def _computed_summary(d: Diagnosis, bundle: Bundle) -> list[tuple[_Single, list[_Single], frozenset[str]]]:
    """The summary's cards before they are Cards (lead card, those alike, all their constructs)."""
    chosen: list[tuple[_Single, list[_Single], frozenset[str]]] = []
    named: set[str] = set()
    advice: set[str] = set()
    templates: set[str] = set()
    disagreement = False
    template_of = _rule_templates(bundle)[1]
    for card, alike in _merged(d, bundle):
        lead = card[0]
        kind = lead.kind
        if kind == "strength":
            continue
        constructs = _all_constructs(card, alike)
        template = template_of.get(lead.rule, lead.rule)
        lead_advice = _advice_key(lead)
        if (
            constructs & named
            or (kind == "disagreement" and disagreement)
            or lead_advice in advice
            or template in templates
        ):
            continue
        chosen.append((card, alike, constructs))
        named |= constructs
        advice.add(lead_advice)
        templates.add(template)
        disagreement = disagreement or kind == "disagreement"
        if len(chosen) == SUMMARY_SIZE:
            break
    return chosen


def summary(d: Diagnosis, bundle: Bundle) -> list[str]:
    """The rule ids that lead the summary's cards (`summary_cards`)."""
    if d.chosen_summary:
        return [card.lead.rule for card in summary_cards(d, bundle)]
    return [card[0].rule for card, _, _ in _computed_summary(d, bundle)]


def _numbers(f: Finding) -> tuple[float, float] | None:
    for b in f.because:
        if isinstance(b.value, float) and isinstance(b.compared_to, float) and b.threshold is not None:
            return b.value, b.compared_to
    return None


def _fill(
    bundle: Bundle, key: str, value: float | None = None, threshold: float | None = None
) -> LocalizedText:
    text = bundle.settings.priority.reasons[key]

    def one(lang: Lang) -> str:
        return text.get(lang).format(
            value="" if value is None else format_number(value, lang, 2),
            threshold="" if threshold is None else format_number(threshold, lang, 2),
        )

    return LocalizedText(nl=one("nl"), en=one("en"))


def reason(d: Diagnosis, bundle: Bundle, card: Card) -> LocalizedText | None:
    """Why the card is on top, in the words of rules/ruleset.yaml (`priority.reasons`): the
    lead's reason, and the decline of its construct when the card holds one (a concern that also
    fell a full point is on top for both)."""
    first = _lead_reason(d, bundle, card.lead)
    fell = next((f for f in card.evidence if drop(d, f) is not None), None)
    second = (
        _change_reason(d, bundle, fell, [f for f in d.findings if f.kind != "strength"]) if fell else None
    )
    if first is None or second is None:
        return first or second
    return LocalizedText(nl=f"{first.nl}; {second.nl}", en=f"{first.en}; {second.en}")


def _lead_reason(d: Diagnosis, bundle: Bundle, lead: Finding) -> LocalizedText | None:
    findings = [f for f in d.findings if f.kind != "strength"]
    if lead.kind == "trend":
        return _change_reason(d, bundle, lead, findings)
    numbers = _numbers(lead)
    if lead.kind == "pitfall":
        return _fill(bundle, "pitfall")
    if lead.kind == "concern":
        if numbers is None:
            return None
        concerns = [f for f in findings if f.kind == "concern"]
        furthest = len(concerns) > 1 and lead.margin >= max(f.margin for f in concerns)
        return _fill(bundle, "furthest_concern" if furthest else "concern", *numbers)
    if lead.kind == "disagreement":
        widest = lead.margin >= max(f.margin for f in findings if f.kind == "disagreement")
        return _fill(bundle, "widest_gap" if widest else "disagreement")
    if lead.kind in ("fit", "leadership"):
        return _fill(bundle, "misfit")
    if lead.kind == "attention" and numbers is not None:
        return _fill(bundle, "attention", numbers[0])
    return None


# rules/agreements.yaml: findings on what last year's agreement did (action_worked_C, action_no_effect_C, …)
AGREEMENT_RULES = ("action_",)


def _gain(d: Diagnosis, f: Finding) -> float | None:
    """How far a trend finding's one construct rose since the previous round (None: not a rise)."""
    if f.kind != "trend" or d.previous is None or len(f.constructs) != 1 or drop(d, f) is not None:
        return None
    c = f.constructs[0]
    if c not in d.scores or c not in d.previous.scores or f.rule.startswith(AGREEMENT_RULES):
        return None
    return d.scores[c].mean - d.previous.scores[c]


def _change_reason(
    d: Diagnosis, bundle: Bundle, lead: Finding, findings: list[Finding]
) -> LocalizedText | None:
    if d.previous is None or len(lead.constructs) != 1:
        return None
    c = lead.constructs[0]
    if c not in d.scores or c not in d.previous.scores:
        return None
    if lead.rule.startswith(AGREEMENT_RULES):
        # the effect of last year's agreement is on top for the agreement, whichever way it moved
        return _fill(bundle, "agreement")
    fallen = drop(d, lead)
    if fallen is None:
        gain = d.scores[c].mean - d.previous.scores[c]
        if gain <= 0:
            return None
        gains = [g for f in findings if (g := _gain(d, f)) is not None]
        return _fill(
            bundle, "biggest_improvement" if gain >= max(gains, default=gain) else "improvement", gain
        )
    if d.previous.scores[c] >= d.thresholds["strength"]:
        return _fill(bundle, "former_strength", fallen)
    biggest = fallen >= max(x for f in findings if (x := drop(d, f)) is not None)
    return _fill(bundle, "biggest_drop" if biggest else "drop", fallen)


def subject(card: Card, bundle: Bundle) -> LocalizedText:
    """What a card is about, to list it under a card of the same template: its construct's name
    when the lead names one construct ("Organisatie", not "Aandachtspunt: Organisatie"), else
    the lead's title."""
    constructs = card.lead.constructs
    if len(constructs) == 1 and constructs[0] in bundle.constructs.by_id:
        return bundle.constructs.by_id[constructs[0]].label
    return card.lead.title


def strengths_text(d: Diagnosis, bundle: Bundle, lang: Lang) -> str:
    """What goes well, in one or two sentences: the strongest constructs and why that matters,
    then the strengths that are no score. Empty when there are none."""
    texts = bundle.settings.priority.strengths
    labels = bundle.constructs.by_id
    # A strength of a score (at or above the strength threshold) is named by its construct; the
    # others (a pitfall that is absent, a fitting type or leadership) by their titles.
    strong: list[tuple[float, str]] = []
    others: list[Finding] = []
    for f in (f for f in d.findings if f.kind == "strength"):
        scored = [
            c for c in _scored(d, bundle, f) if c in d.scores and d.scores[c].mean >= d.thresholds["strength"]
        ]
        if scored:
            strong += [(d.scores[c].mean, c) for c in scored if d.score_visible(c)]
        else:
            others.append(f)
    strong = sorted(set(strong), key=lambda x: (-x[0], x[1]))
    parts: list[str] = []
    if strong:
        named = [f"‘{labels[c].label.get(lang)}’" for _, c in strong[:MAX_STRENGTH_LABELS]]
        if len(strong) > MAX_STRENGTH_LABELS:
            named.append(texts["more"].get(lang).format(more=len(strong) - MAX_STRENGTH_LABELS))
        low, high = strong[-1][0], strong[0][0]
        span = (
            format_number(high, lang, 2)
            if low == high
            else f"{format_number(low, lang, 2)}–{format_number(high, lang, 2)}"
        )
        weaker = any(f.kind != "strength" for f in d.findings)
        parts.append(
            texts["one" if len(strong) == 1 else "several"]
            .get(lang)
            .format(
                labels=_join(named, texts["and"].get(lang)),
                range=span,
                why=texts["build" if weaker else "keep"].get(lang),
            )
        )
    if others:
        titles = [_lower_first(f.title.get(lang)) for f in others]
        # "Ook dit gaat goed" only follows the strongest scores; alone it opens without "ook"
        key = "others" if strong else "others_alone"
        parts.append(texts[key].get(lang).format(others=_join(titles, texts["and"].get(lang))))
    return " ".join(parts)


def _join(items: list[str], and_word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {and_word} {items[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
