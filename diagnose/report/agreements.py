"""The report's two agreement parts: "Afspraken van vorige keer en wat ervan terechtkwam" (last
round's agreements beside the movement of their constructs) and, at the end, the page for the new
agreements (the recorded ones, else empty lines to write on).

Built from the core's `Effect`s and `Agreement`s (diagnose.agreements), which carry what may be
shown; the texts are in content.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from diagnose.agreements import ARROWS, STATUSES, Agreement, Effect
from diagnose.bundle import Bundle
from diagnose.report.content import ReportContent
from diagnose.report.inputs import ReportInput
from diagnose.report.views import format_date, num
from diagnose.text import Lang

BLANK_LINES = 5  # empty agreements to write on when none are recorded yet


@dataclass(frozen=True)
class MovementView:
    label: str
    text: str  # "2,2 → 3,1 ▲", or why it cannot be compared
    direction: str  # up / down / same / unknown


@dataclass(frozen=True)
class EffectView:
    text: str
    owner: str
    due: str
    status: str  # its name: gedaan, vervallen ...
    status_key: str
    note: str  # the last change's note and date
    movements: list[MovementView]
    verdict: str  # what the status and the movement together say


@dataclass(frozen=True)
class AgreementRow:
    text: str
    owner: str
    due: str
    about: str  # the findings it answers, by their titles


@dataclass
class AgreementsSection:
    earlier: str  # the round the effects' agreements were made after ("" when none compared)
    effects: list[EffectView]
    new: list[AgreementRow]
    blank_lines: int


def agreements_section(inp: ReportInput, content: ReportContent, lang: Lang) -> AgreementsSection:
    d = inp.diagnosis
    # below the anonymity minimum nothing of the findings or the movement may be shown
    allowed = d.results_allowed
    by_rule = {f.rule: f for f in d.findings} if allowed else {}
    return AgreementsSection(
        earlier=d.previous.label if d.previous is not None and allowed else "",
        effects=[_effect(e, inp.bundle, content, lang) for e in inp.effects] if allowed else [],
        new=[
            AgreementRow(
                text=a.text,
                owner=a.owner,
                due=format_date(a.due, lang),
                about="; ".join(by_rule[r].title.get(lang) for r in a.findings if r in by_rule),
            )
            for a in inp.agreements
            if a.status != "dropped"
        ],
        blank_lines=0 if inp.agreements else BLANK_LINES,
    )


def _effect(e: Effect, bundle: Bundle, content: ReportContent, lang: Lang) -> EffectView:
    a: Agreement = e.agreement
    labels = bundle.constructs.by_id
    movements = []
    for m in e.movements:
        label = labels[m.construct_id].label.get(lang) if m.construct_id in labels else m.construct_id
        if m.before is None or m.after is None or m.direction is None:
            movements.append(MovementView(label, content.text("agreement_not_compared", lang), "unknown"))
        else:
            text = f"{num(m.before, lang, 1)} → {num(m.after, lang, 1)} {ARROWS[m.direction]}"
            movements.append(MovementView(label, text, m.direction))
    last = a.last_change
    note = format_date(last.date, lang) + (f": {last.note}" if last.note else "")
    verdict = e.verdict or "unknown"
    key = {"done": "done", "dropped": "dropped"}.get(a.status, "open")
    return EffectView(
        text=a.text,
        owner=a.owner,
        due=format_date(a.due, lang),
        status=STATUSES[a.status].get(lang),
        status_key=a.status,
        note=note,
        movements=movements,
        verdict=content.text(f"agreement_verdict_{key}_{verdict}", lang),
    )


def agreements_markdown(
    section: AgreementsSection | None, t: Callable[..., str], e: Callable[[str], str]
) -> list[str]:
    """The two parts in the Markdown edition (`t` the model's texts, `e` Markdown escaping)."""
    if section is None:
        return []
    out: list[str] = []
    if section.earlier:
        out += [f"## {t('s_agreements_before')}", ""]
        if not section.effects:
            out += [e(t("agreements_before_none", earlier=section.earlier)), ""]
        for view in section.effects:
            out += [f"- **{e(view.text)}** — {e(view.status)} ({e(view.note)})"]
            out += [f"  - {e(mv.label)}: {e(mv.text)}" for mv in view.movements]
            out += [f"  - *{e(view.verdict)}*"]
        out.append("")
    out += [f"## {t('s_agreements_new')}", "", e(t("agreements_new_intro")), ""]
    for row in section.new:
        extra = "; ".join(x for x in (row.owner, row.due, row.about) if x)
        out.append(f"- {e(row.text)}" + (f" ({e(extra)})" if extra else ""))
    out += ["- …"] * min(section.blank_lines, 3)
    return [*out, ""]
