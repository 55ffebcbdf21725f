"""The findings as the report tells them: the cards of `diagnose.cards` placed in chapters (the
evidence about the same construct nested under its card, the same finding about other constructs
as one family card), the summary, the questions for the meeting and the recommended working
methods."""

from __future__ import annotations

import re

from diagnose import cards as grouping
from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis, Finding
from diagnose.report.content import ReportContent
from diagnose.report.views import AgendaView, FindingGroup, FindingView, MethodView, QuestionView
from diagnose.text import Lang, format_number

MAX_QUESTIONS = 6
MAX_DISAGREEMENT_QUESTIONS = 2

GROUP_ORDER = ("pitfalls", "characteristics", "fit", "disagreement", "trend", "strengths")


def finding_group(f: Finding, bundle: Bundle) -> str:
    if f.kind == "strength":
        return "strengths"
    if f.kind in ("fit", "leadership"):
        return "fit"
    if f.kind in ("disagreement", "trend"):
        return f.kind
    groups = {bundle.constructs.by_id[c].group for c in f.constructs if c in bundle.constructs.by_id}
    if f.kind == "pitfall" or (groups and groups <= {"pitfall"}):
        return "pitfalls"
    return "characteristics"


def finding_view(f: Finding, bundle: Bundle, content: ReportContent, lang: Lang) -> FindingView:
    kind = bundle.settings.kind_by_id[f.kind]
    return FindingView(
        rule=f.rule,
        kind=f.kind,
        kind_label=kind.label.get(lang),
        tone=kind.tone,
        title=f.title.get(lang),
        diagnosis=f.diagnosis.get(lang),
        advice=f.advice.get(lang),
        because=[b.text.get(lang) for b in f.because],
        sources=bundle.references.cite_all(f.sources, lang),
        severity=f.severity,
    )


def _why(f: Finding, lang: Lang) -> str:
    return "; ".join(b.text.get(lang) for b in f.because)


def card_view(card: grouping.Card, bundle: Bundle, content: ReportContent, lang: Lang) -> FindingView:
    """One card: the lead finding with the other findings about its construct nested under it;
    a family (the same rule about several constructs) as one card listing the constructs."""
    view = finding_view(card.lead, bundle, content, lang)
    view.evidence = [(e.title.get(lang), _why(e, lang)) for e in card.evidence]
    if card.alike:
        return _family_view(card, view, bundle, content, lang)
    view.sources = bundle.references.cite_all([s for f in card.findings for s in f.sources], lang)
    view.rules = card.rules
    return view


def _family_view(
    card: grouping.Card, first: FindingView, bundle: Bundle, content: ReportContent, lang: Lang
) -> FindingView:
    template = _template(card.lead, bundle, lang)
    count = content.text("n_constructs", lang, n=1 + len(card.alike))
    these = content.text("these_constructs", lang)
    members = []
    for member in (card, *card.alike):
        c = member.lead.constructs[0] if len(member.lead.constructs) == 1 else None
        label = bundle.constructs.by_id[c].label.get(lang) if c in bundle.constructs.by_id else first.title
        why = [_why(member.lead, lang)] + [f"{e.title.get(lang)}: {_why(e, lang)}" for e in member.evidence]
        members.append((label, "; ".join(w for w in why if w)))
    if template is None:
        title, diagnosis, advice = first.title, first.diagnosis, first.advice
    else:
        title, diagnosis, advice = template
        title = title.replace(PLACEHOLDER, count) if PLACEHOLDER in title else f"{first.kind_label}: {count}"
        diagnosis, advice = diagnosis.replace(PLACEHOLDER, these), advice.replace(PLACEHOLDER, these)
    return FindingView(
        rule=card.lead.rule,
        kind=card.lead.kind,
        kind_label=first.kind_label,
        tone=first.tone,
        title=title,
        diagnosis=diagnosis,
        advice=advice,
        because=[],
        sources=bundle.references.cite_all([s for f in card.findings for s in f.sources], lang),
        severity=max(f.severity for f in card.findings),
        members=members,
        rules=card.rules,
    )


def finding_groups(d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang) -> list[FindingGroup]:
    grouped: dict[str, list[FindingView]] = {key: [] for key in GROUP_ORDER}
    for card in grouping.cards(d, bundle):
        grouped[finding_group(card.lead, bundle)].append(card_view(card, bundle, content, lang))
    result = []
    for key in GROUP_ORDER:
        if key == "trend" and d.previous is None:
            continue
        result.append(FindingGroup(key, content.text(f"g_{key}", lang), grouped[key]))
    return result


def summary_views(d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang) -> list[FindingView]:
    """The summary's cards, each with why it is on top."""
    views = []
    for card in grouping.summary_cards(d, bundle):
        view = card_view(card, bundle, content, lang)
        reason = grouping.reason(d, bundle, card)
        view.reason = reason.get(lang) if reason is not None else ""
        views.append(view)
    return views


def priority_text(bundle: Bundle, content: ReportContent, lang: Lang) -> str:
    """The priority model of rules/ruleset.yaml in plain words, with its numbers."""
    p = bundle.settings.priority
    return content.text(
        "priority_text",
        lang,
        full=p.certainty.full_respondents,
        pitfall=format_number(p.kind["pitfall"], lang, 1),
        concern=format_number(p.kind["concern"], lang, 1),
        fit=format_number(p.kind["fit"], lang, 1),
        leadership=format_number(p.kind["leadership"], lang, 1),
        drop=format_number(p.drop, lang, 1),
        former=format_number(p.former_strength, lang, 1),
    )


PLACEHOLDER = "\x00"


def _without_data(text: str) -> str:
    """A text without its round data: "({score})" dropped, a sentence that states data left out."""
    text = re.sub(r"\s*\(\{[a-z_]+\}\)", "", text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(s for s in sentences if not re.search(r"\{[a-z_]+\}", s))


def _template(f: Finding, bundle: Bundle, lang: Lang) -> tuple[str, str, str] | None:
    """(title, diagnosis, advice) with the construct's name taken out, if the rule is one of a family
    of rules that say the same thing about different constructs; else None."""
    if len(f.constructs) != 1 or f.constructs[0] not in bundle.constructs.by_id:
        return None
    label = bundle.constructs.by_id[f.constructs[0]].label.get(lang)
    quoted = [f"‘{label}’", f"'{label}'", f"“{label}”"]
    # the rule's texts before the round's data filled them in: a family card speaks for all its
    # constructs, so the numbers stay with each member's own "why"
    rule = bundle.rule_by_id.get(f.rule)
    raw = (rule.title, rule.diagnosis, rule.advice) if rule else (f.title, f.diagnosis, f.advice)

    def strip(text: str) -> str:
        for q in quoted:
            text = text.replace(q, PLACEHOLDER)
        return _without_data(text)

    title, diagnosis, advice = (strip(t.get(lang)) for t in raw)
    if PLACEHOLDER not in diagnosis:
        return None
    if PLACEHOLDER not in title:
        title = title.replace(label, PLACEHOLDER)
    return title, diagnosis, advice


def _question_for(f: Finding, d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang) -> str | None:
    questions = content.questions
    if f.rule in questions.rules:
        return questions.rules[f.rule].get(lang)
    construct = next((c for c in f.constructs if c in bundle.constructs.by_id), None)
    label = bundle.constructs.by_id[construct].label.get(lang) if construct else ""
    if f.kind == "disagreement" and construct:
        return questions.kinds["disagreement"].get(lang).format(label=label)
    if (
        f.kind == "trend"
        and construct
        and d.previous is not None
        and construct in d.previous.scores
        and construct in d.scores
    ):
        key = "trend_up" if d.scores[construct].mean >= d.previous.scores[construct] else "trend_down"
        return questions.kinds[key].get(lang).format(label=label)
    if f.kind == "strength" and construct:
        return questions.kinds["strength"].get(lang).format(label=label)
    if construct and construct in questions.constructs:
        return questions.constructs[construct].get(lang)
    if f.kind in questions.kinds:
        template = questions.kinds[f.kind].get(lang)
        # a question about a construct needs one: never "‘’ is een sterk punt"
        return template.format(label=label) if label or "{label}" not in template else None
    return None


def agenda(
    d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang, allowed: bool
) -> list[AgendaView]:
    """The meeting's agenda: an item about where members differ only when a card says they do."""
    differ = allowed and any(c.lead.kind == "disagreement" for c in grouping.cards(d, bundle))
    none = allowed and not grouping.summary_cards(d, bundle)
    items: list[tuple[int, str, str]] = []
    carry = 0
    for a in content.agenda:
        if a.when == "disagreement" and not differ:
            carry += a.minutes
            continue
        said = a.without_findings if none and a.without_findings is not None else a
        items.append((a.minutes + carry, said.title.get(lang), said.text.get(lang)))
        carry = 0
    return [AgendaView(content.text("minutes", lang, n=m), title, text) for m, title, text in items]


def _card_question(
    card: grouping.Card, d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang
) -> str | None:
    """The card's one question: its lead's, else the first of its evidence that has one."""
    for f in (card.lead, *card.evidence):
        text = _question_for(f, d, bundle, content, lang)
        if text is not None:
            return text
    return None


def _about(card: grouping.Card, bundle: Bundle, content: ReportContent, lang: Lang) -> str:
    return card_view(card, bundle, content, lang).title


def _asked_about(card: grouping.Card, bundle: Bundle, content: ReportContent, lang: Lang) -> str:
    """What a question is about: a family card's question is its lead's, so it names the lead."""
    return card.lead.title.get(lang) if card.alike else _about(card, bundle, content, lang)


def questions(d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang) -> list[QuestionView]:
    return [
        QuestionView(text, _about(card, bundle, content, lang))
        for card, text in question_cards(d, bundle, content, lang)
    ]


def question_cards(
    d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang
) -> list[tuple[grouping.Card, str]]:
    """One question per card: the summary's cards first, then the other cards by priority (at
    most two about a disagreement, none about an improvement), then one strength. Never two
    questions about the same construct, never the same question twice."""
    all_cards = grouping.cards(d, bundle)
    summary = grouping.summary_cards(d, bundle)
    rest = [c for c in all_cards if not c.is_strength and c not in summary]
    rest = [c for c in rest if not (c.lead.kind == "trend" and grouping.drop(d, c.lead) is None)]
    result: list[tuple[grouping.Card, str]] = []
    asked: set[str] = set()
    disagreements = 0

    def ask(card: grouping.Card) -> bool:
        nonlocal disagreements
        if card.constructs & asked:
            return False
        if card.lead.kind == "disagreement" and disagreements >= MAX_DISAGREEMENT_QUESTIONS:
            return False
        text = _card_question(card, d, bundle, content, lang)
        if text is None or text in (t for _, t in result):
            return False
        asked.update(card.constructs)
        disagreements += card.lead.kind == "disagreement"
        result.append((card, text))
        return True

    for card in summary + rest:
        if len(result) >= MAX_QUESTIONS - 1:
            break
        ask(card)
    for card in (c for c in all_cards if c.is_strength):
        if ask(card):
            break
    return result


def methods(
    d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang, allowed: bool = True
) -> list[MethodView]:
    """The working methods, by card: each card that asks for work (not a strength, not an
    improvement) goes to the one method that fits it best, so no card is listed under two methods
    and no method is suggested twice. The methods holding the most important cards come first."""
    summary = grouping.summary_cards(d, bundle) if allowed else []
    ordered = summary + [c for c in grouping.cards(d, bundle) if c not in summary] if allowed else []
    held: dict[str, list[grouping.Card]] = {m.id: [] for m in content.methods}
    for card in ordered:
        if card.is_strength or (card.lead.kind == "trend" and grouping.drop(d, card.lead) is None):
            continue
        best = _best_method(card, content)
        if best is not None:
            held[best].append(card)
    first = {id(c): i for i, c in enumerate(ordered)}
    views: list[tuple[int, int, MethodView]] = []
    for index, method in enumerate(content.methods):
        cards_here = held[method.id]
        view = MethodView(
            id=method.id,
            name=method.name.get(lang),
            purpose=method.purpose.get(lang),
            steps=[s.get(lang) for s in method.steps],
            tip=method.tip.get(lang) if method.tip else None,
            source=bundle.references.cite(method.source, lang),
            recommended=bool(cards_here),
            fits=[_about(c, bundle, content, lang) for c in cards_here[:3]],
        )
        rank = first[id(cards_here[0])] if cards_here else len(ordered) + index
        views.append((rank, index, view))
    return [view for _, _, view in sorted(views, key=lambda x: (x[0], x[1]))]


def _best_method(card: grouping.Card, content: ReportContent) -> str | None:
    """The method whose list names the card's constructs earliest (the lead's before its
    evidence's); a method named for the card's kind when none names a construct."""
    for f in (card.lead, *card.evidence, *(m for a in card.alike for m in a.findings)):
        best: tuple[int, int, str] | None = None
        for index, method in enumerate(content.methods):
            places = [method.constructs.index(c) for c in f.constructs if c in method.constructs]
            if places and (best is None or (min(places), index) < best[:2]):
                best = (min(places), index, method.id)
        if best is not None:
            return best[2]
    return next((m.id for m in content.methods if card.lead.kind in m.kinds), None)
