"""Diagnosis output for people and programs: localized JSON and Markdown."""

from __future__ import annotations

from typing import Any

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
        "strengths": d.strengths,
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
    by_id = {f.rule: f for f in d.findings}
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
    for number, rule_id in enumerate(d.summary, 1):
        f = by_id[rule_id]
        lines += [
            f"{number}. **{f.title.get(lang)}** — {f.diagnosis.get(lang)}",
            f"   *{h['advice']}:* {f.advice.get(lang)}",
        ]
    if d.strengths:
        lines += ["", f"## {h['strengths']}", ""]
        lines += [f"- **{by_id[r].title.get(lang)}** — {by_id[r].diagnosis.get(lang)}" for r in d.strengths]
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
    for f in d.findings:
        kind = bundle.settings.kind_by_id[f.kind].label.get(lang)
        lines += [f"### {f.title.get(lang)}", "", f"*{kind}*", "", f.diagnosis.get(lang), ""]
        lines += [f"**{h['because']}:**"] + [f"- {b.text.get(lang)}" for b in f.because]
        lines += [
            "",
            f"**{h['advice']}:** {f.advice.get(lang)}",
            "",
            f"*{h['sources']}:* " + "; ".join(bundle.references.cite_all(f.sources, lang)),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"
