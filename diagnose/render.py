"""Diagnosis output for people and programs: localized JSON and Markdown."""

from __future__ import annotations

from typing import Any

from diagnose import cards as grouping
from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis, Finding
from diagnose.explain import BAND_LABELS
from diagnose.references import References
from diagnose.text import Lang, LocalizedText, format_number


def finding_json(f: Finding, lang: Lang, references: References) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "kind": f.kind,
        "severity": f.severity,
        "title": f.title.get(lang),
        "diagnosis": f.diagnosis.get(lang),
        "advice": f.advice.get(lang),
        "because": [{"text": b.text.get(lang), **b.model_dump(exclude={"text"})} for b in f.because],
        "sources": [{**c.model_dump(), "text": references.cite(c, lang)} for c in f.sources],
        "constructs": f.constructs,
    }


def card_json(card: grouping.Card) -> dict[str, Any]:
    return {
        "lead": card.lead.rule,
        "evidence": [f.rule for f in card.evidence],
        "alike": [card_json(other) for other in card.alike],
        "priority": card.priority,
        "constructs": sorted(card.constructs),
    }


def to_json(d: Diagnosis, bundle: Bundle, lang: Lang) -> dict[str, Any]:
    labels = {c.id: c.label.get(lang) for c in bundle.constructs.constructs}
    return {
        "questionnaire": d.questionnaire.model_dump(),
        "ruleset": d.ruleset.model_dump(),
        "network": d.network,
        "round": d.round.model_dump(),
        "language": lang,
        "anonymity": d.anonymity.model_dump(),
        "thresholds": d.thresholds,
        "scores": {cid: {"label": labels.get(cid, cid), **s.model_dump()} for cid, s in d.scores.items()},
        "profile": {k: v.model_dump() for k, v in d.profile.items()},
        "derived": d.derived,
        "not_measured": d.not_measured,
        "previous": d.previous.model_dump() if d.previous else None,
        "summary": d.summary,
        "summary_reasons": {
            card.lead.rule: reason.get(lang)
            for card in grouping.summary_cards(d, bundle)
            if (reason := grouping.reason(d, bundle, card)) is not None
        },
        "strengths": d.strengths,
        "strengths_text": grouping.strengths_text(d, bundle, lang),
        "cards": [card_json(card) for card in grouping.cards(d, bundle)],
        "findings": [finding_json(f, lang, bundle.references) for f in d.findings],
        "by_role": d.by_role,
    }


HEADINGS: dict[str, LocalizedText] = {
    "title": LocalizedText(nl="Netwerkscan — diagnose", en="Netwerkscan — diagnosis"),
    "round": LocalizedText(nl="Meting", en="Round"),
    "respondents": LocalizedText(nl="respondenten", en="respondents"),
    "summary": LocalizedText(nl="De drie belangrijkste bevindingen", en="The three most important findings"),
    "strengths": LocalizedText(nl="Wat goed gaat", en="What goes well"),
    "scores": LocalizedText(nl="Scores", en="Scores"),
    "findings": LocalizedText(nl="Alle bevindingen", en="All findings"),
    "because": LocalizedText(nl="Waarom", en="Because"),
    "why_top": LocalizedText(nl="Waarom bovenaan", en="Why on top"),
    "evidence": LocalizedText(nl="Ook over dit onderdeel", en="Also about this part"),
    "alike": LocalizedText(nl="Hetzelfde geldt voor", en="The same holds for"),
    "advice": LocalizedText(nl="Advies", en="Advice"),
    "sources": LocalizedText(nl="Bronnen", en="Sources"),
    "construct": LocalizedText(nl="Onderdeel", en="Construct"),
    "mean": LocalizedText(nl="Gemiddelde", en="Mean"),
    "spread": LocalizedText(nl="Spreiding", en="Spread"),
    "band": LocalizedText(nl="Beoordeling", en="Rating"),
    "not_measured": LocalizedText(
        nl="Niet gemeten in deze vragenlijst", en="Not measured by this questionnaire"
    ),
    "below_minimum": LocalizedText(
        nl="Minder dan {n} respondenten: gemiddelden zijn niet anoniem en alleen indicatief.",
        en="Fewer than {n} respondents: means are not anonymous and only indicative.",
    ),
    "none": LocalizedText(nl="Geen bevindingen boven de drempels.", en="No findings past the thresholds."),
    "previous": LocalizedText(nl="Vergeleken met", en="Compared with"),
    "group": LocalizedText(nl="groepsantwoord", en="group answer"),
    "groups": LocalizedText(nl="groepsantwoorden", en="group answers"),
    "group_note": LocalizedText(
        nl="Ingevuld als één gezamenlijk antwoord van de groep: scores zeggen iets over het gesprek, niet over de spreiding tussen leden.",
        en="Filled in as one joint answer of the group: scores reflect the conversation, not the spread among members.",
    ),
    "before": LocalizedText(nl="Vorige", en="Previous"),
    "change": LocalizedText(nl="Verandering", en="Change"),
}


def to_markdown(d: Diagnosis, bundle: Bundle, lang: Lang) -> str:
    h = {key: text.get(lang) for key, text in HEADINGS.items()}
    labels = {c.id: c.label.get(lang) for c in bundle.constructs.constructs}
    lines = [f"# {h['title']}: {d.network or ''}".rstrip(": "), ""]
    if d.round.group_only:
        who = f"{d.round.respondents} {h['group'] if d.round.respondents == 1 else h['groups']}"
    else:
        who = f"{d.round.respondents} {h['respondents']}"
    lines.append(
        f"{h['round']}: **{d.round.label}**{' (' + d.round.date + ')' if d.round.date else ''} — "
        f"{who} — {d.questionnaire.id} {d.questionnaire.version}, {d.ruleset.id} {d.ruleset.version}"
    )
    if d.previous:
        lines.append(f"{h['previous']}: {d.previous.label}")
    if d.anonymity.group_only:
        lines += ["", f"> {h['group_note']}"]
    elif not d.results_allowed:
        lines += ["", f"> {h['below_minimum'].format(n=d.anonymity.minimum)}"]
    lines += ["", f"## {h['summary']}", ""]
    if not d.summary:
        lines.append(h["none"])
    for number, card in enumerate(grouping.summary_cards(d, bundle), 1):
        f = card.lead
        lines.append(f"{number}. **{f.title.get(lang)}** — {f.diagnosis.get(lang)}")
        reason = grouping.reason(d, bundle, card)
        if reason is not None:
            lines.append(f"   *{h['why_top']}:* {reason.get(lang)}")
        if card.evidence:
            lines.append(f"   *{h['evidence']}:* " + "; ".join(e.title.get(lang) for e in card.evidence))
        if card.alike:
            lines.append(f"   *{h['alike']}:* " + "; ".join(o.lead.title.get(lang) for o in card.alike))
        lines.append(f"   *{h['advice']}:* {f.advice.get(lang)}")
    strengths = grouping.strengths_text(d, bundle, lang)
    if strengths:
        lines += ["", f"## {h['strengths']}", "", strengths]
    columns = [h["construct"], "n", h["mean"], h["spread"]]
    if d.previous:
        columns += [h["before"], h["change"]]
    columns.append(h["band"])
    lines += [
        "",
        f"## {h['scores']}",
        "",
        "| " + " | ".join(columns) + " |",
        "|---|" + "---:|" * (len(columns) - 2) + "---|",
    ]
    for cid, s in d.scores.items():
        sd = format_number(s.sd, lang, 2) if s.sd is not None else "–"
        band = BAND_LABELS[s.band].get(lang) if s.band else "–"
        cells = [labels.get(cid, cid), str(s.n), format_number(s.mean, lang, 2), sd]
        if d.previous:
            before = d.previous.scores.get(cid)
            cells.append(format_number(before, lang, 2) if before is not None else "–")
            delta = s.mean - before if before is not None else None
            cells.append("–" if delta is None else ("+" if delta > 0 else "") + format_number(delta, lang, 2))
        lines.append("| " + " | ".join([*cells, band]) + " |")
    if d.not_measured:
        lines += ["", f"*{h['not_measured']}:* " + ", ".join(labels.get(c, c) for c in d.not_measured)]
    lines += ["", f"## {h['findings']}", ""]
    for card in grouping.cards(d, bundle):
        lines += _card_markdown(card, bundle, lang, h)
    return "\n".join(lines).rstrip() + "\n"


def _evidence_line(f: Finding, lang: Lang) -> str:
    because = "; ".join(b.text.get(lang) for b in f.because)
    return f"- **{f.title.get(lang)}**" + (f" — {because}" if because else "")


def _card_markdown(card: grouping.Card, bundle: Bundle, lang: Lang, h: dict[str, str]) -> list[str]:
    """One card: the lead finding with its reasons and advice, the other findings about the same
    construct and the same finding about other constructs nested under it."""
    f = card.lead
    kind = bundle.settings.kind_by_id[f.kind].label.get(lang)
    lines = [f"### {f.title.get(lang)}", "", f"*{kind}*", "", f.diagnosis.get(lang), ""]
    lines += [f"**{h['because']}:**"] + [f"- {b.text.get(lang)}" for b in f.because]
    if card.evidence:
        lines += ["", f"**{h['evidence']}:**"] + [_evidence_line(e, lang) for e in card.evidence]
    if card.alike:
        lines += ["", f"**{h['alike']}:**"]
        for other in card.alike:
            lines += [_evidence_line(x, lang) for x in (other.lead, *other.evidence)]
    sources = [s for x in card.findings for s in x.sources]
    lines += [
        "",
        f"**{h['advice']}:** {f.advice.get(lang)}",
        "",
        f"*{h['sources']}:* " + "; ".join(bundle.references.cite_all(sources, lang)),
        "",
    ]
    return lines
