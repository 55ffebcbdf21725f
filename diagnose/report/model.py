"""The report model: everything the templates show, resolved for one language, built from a Diagnosis.

No I/O and no rendering here: :func:`prepare` runs the core on a round, :func:`build_model` turns the
result into plain data (strings already formatted the Dutch or English way) plus the Plotly figures
whose images the renderer fills in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from diagnose import charts
from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis, Finding, PreviousRound, diagnose, score
from diagnose.explain import BAND_LABELS
from diagnose.questionnaire import Questionnaire
from diagnose.report.content import ReportContent, load_content
from diagnose.responses import Network, Round
from diagnose.scoring import RoundScores
from diagnose.text import Lang, format_number

MAX_QUESTIONS = 6
TOP_ROLE_GAPS = 8
MAX_DISAGREEMENT_QUESTIONS = 2
SEVERE_KINDS = ("pitfall", "concern", "fit", "leadership")


@dataclass
class ReportInput:
    """What a report is made from: a diagnosis and what the diagnosis itself does not carry."""

    diagnosis: Diagnosis
    bundle: Bundle
    questionnaire: Questionnaire
    history: list[RoundScores | PreviousRound] = field(default_factory=list)  # earlier rounds, oldest first
    texts: dict[str, list[str]] = field(default_factory=dict)  # text item id → answers (no names)
    invited: int | None = None  # invitations sent, when known (response rate)


def prepare(
    bundle: Bundle,
    q: Questionnaire,
    rnd: Round,
    history: Sequence[Round] = (),
    network: Network | None = None,
    *,
    invited: int | None = None,
    file: str = "",
) -> ReportInput:
    """Diagnose a round (with its earlier rounds) and collect what the report needs besides."""
    d = diagnose(bundle, q, rnd, history, network, file=file)
    earlier: list[RoundScores | PreviousRound] = [score(bundle, q, r, network) for r in history]
    return ReportInput(
        diagnosis=d,
        bundle=bundle,
        questionnaire=q,
        history=earlier,
        texts=free_texts(q, rnd),
        invited=invited,
    )


def free_texts(q: Questionnaire, rnd: Round) -> dict[str, list[str]]:
    """Answers to the open questions per item, without respondent ids, sorted so order reveals no one."""
    result: dict[str, list[str]] = {}
    for item in q.items():
        if item.type != "text":
            continue
        answers = [
            str(r.answers[item.id]).strip() for r in rnd.responses if isinstance(r.answers.get(item.id), str)
        ]
        answers = [a for a in answers if a]
        if answers:
            result[item.id] = sorted(answers, key=str.casefold)
    return result


# --- The view model -----------------------------------------------------------------------------


@dataclass
class ChartView:
    key: str
    title: str
    figure: Any  # plotly Figure
    alt: str
    image: bytes | None = None
    src: str | None = None  # what the <img> points at: a data: URI, or a netscan-chart: reference
    wide: bool = True


@dataclass
class FindingView:
    rule: str
    kind: str
    kind_label: str
    tone: str  # concern | attention | strength | trend: the css class
    title: str
    diagnosis: str
    advice: str
    because: list[str]
    sources: list[str]
    severity: int
    # a card that stands for several findings with the same text (one per construct):
    members: list[tuple[str, str]] = field(default_factory=list)  # (construct label, why)
    rules: list[str] = field(default_factory=list)


@dataclass
class FindingGroup:
    key: str
    title: str
    findings: list[FindingView]


@dataclass
class ScoreRow:
    cid: str
    label: str
    n: str
    mean: str
    sd: str
    range: str
    band: str  # strength | attention | concern | position | hidden
    band_label: str
    previous: str = ""
    change: str = ""


@dataclass
class ScoreGroup:
    title: str
    rows: list[ScoreRow]


@dataclass
class ProfileRow:
    label: str
    value: str
    share: str
    disagree: bool


@dataclass
class RoleTable:
    roles: list[str]
    rows: list[tuple[str, list[str], str]]  # construct label, mean per role, largest gap
    top_rows: list[tuple[str, list[str], str]]  # the rows with the largest gaps, largest first


@dataclass
class TextGroup:
    question: str
    answers: list[str]


@dataclass
class TrendTable:
    rounds: list[str]
    rows: list[tuple[str, list[str]]]


@dataclass
class ChangeRow:
    label: str
    previous: str
    current: str
    change: str
    direction: str  # up | down | flat
    marked: bool


@dataclass
class QuestionView:
    text: str
    about: str


@dataclass
class MethodView:
    id: str
    name: str
    purpose: str
    steps: list[str]
    tip: str | None
    source: str
    recommended: bool
    fits: list[str]


@dataclass
class AgendaView:
    minutes: str
    title: str
    text: str


@dataclass
class ReportModel:
    lang: Lang
    content: ReportContent
    title: str
    network: str
    round_label: str
    round_date: str
    respondents: str
    questionnaire: str
    ruleset: str
    previous: str
    generated: str
    allowed: bool  # aggregates may be shown (anonymity minimum met, or one group answer)
    below_minimum: str
    summary: list[FindingView]
    other_findings: int
    strengths: list[FindingView]
    score_groups: list[ScoreGroup]
    not_measured: list[str]
    profile: list[ProfileRow]
    charts: dict[str, ChartView]
    finding_groups: list[FindingGroup]
    high_spread: list[ScoreRow]
    role_table: RoleTable | None
    texts: list[TextGroup]
    has_history: bool
    trend_table: TrendTable | None
    changes: list[ChangeRow]
    agenda: list[AgendaView]
    questions: list[QuestionView]
    methods: list[MethodView]
    thresholds: list[tuple[str, str]]
    limits: dict[str, str]  # threshold name → value as written in the text (4,0)
    anonymity_minimum: int
    literature: list[tuple[str, str, str]]  # id, reference, used for
    charts_missing: str | None = None
    only_role: str | None = None  # the one role with enough respondents, when there is just one

    def t(self, key: str, **values: object) -> str:
        return self.content.text(key, self.lang, **values)

    def chart(self, key: str) -> ChartView | None:
        view = self.charts.get(key)
        return view if view is not None and view.src is not None else None


# --- Building it --------------------------------------------------------------------------------


def num(value: float, lang: Lang, decimals: int = 2) -> str:
    return format_number(value, lang, decimals)


def format_date(value: str | dt.date | None, lang: Lang) -> str:
    if value is None:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    months = MONTHS_NL if lang == "nl" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

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


def format_source(source: str, content: ReportContent, lang: Lang) -> str:
    """'000_….txt, section' → 'Dees, Klaster & Van Wendel de Joode [000], section'."""
    file, _, rest = source.partition(",")
    by_file = {entry.file: entry for entry in content.literature}
    entry = by_file.get(file.strip())
    if entry is None:
        if file.strip() == "domain":
            return "Netwerkscan" + (f", {rest.strip()}" if rest.strip() else "")
        return source
    head = f"{entry.short.get(lang)} [{entry.id}]"
    return f"{head}, {rest.strip()}" if rest.strip() else head


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
        sources=[format_source(s, content, lang) for s in f.sources],
        severity=f.severity,
    )


def build_model(
    inp: ReportInput, lang: Lang, *, generated: dt.date | None = None, content: ReportContent | None = None
) -> ReportModel:
    content = content or load_content()
    d, bundle = inp.diagnosis, inp.bundle

    def t(key: str, **values: object) -> str:
        return content.text(key, lang, **values)

    labels = {c.id: c.label.get(lang) for c in bundle.constructs.constructs}
    allowed = d.anonymity.met or d.round.group_only
    by_rule = {f.rule: f for f in d.findings}

    respondents = str(d.round.respondents)
    if d.round.group_only:
        respondents = t("group_answer")
    elif inp.invited:
        pct = round(100 * d.round.respondents / inp.invited)
        respondents = t("response_rate", n=d.round.respondents, invited=inp.invited, pct=pct)

    model = ReportModel(
        lang=lang,
        content=content,
        title=t("report_title"),
        network=d.network or t("unnamed_network"),
        round_label=d.round.label,
        round_date=format_date(d.round.date, lang),
        respondents=respondents,
        questionnaire=f"{inp.questionnaire.title.get(lang)} ({d.questionnaire.id} {d.questionnaire.version})",
        ruleset=f"{d.ruleset.id} {d.ruleset.version}",
        previous=(
            f"{d.previous.label}" + (f" ({format_date(d.previous.date, lang)})" if d.previous.date else "")
        )
        if d.previous
        else "",
        generated=format_date(generated or dt.date.today(), lang),
        allowed=allowed,
        below_minimum=t("below_minimum", count=d.round.respondents, n=d.anonymity.minimum),
        summary=[],
        other_findings=0,
        strengths=[],
        score_groups=[],
        not_measured=[],
        profile=[],
        charts={},
        finding_groups=[],
        high_spread=[],
        role_table=None,
        texts=[],
        has_history=False,
        trend_table=None,
        changes=[],
        agenda=[
            AgendaView(t("minutes", n=a.minutes), a.title.get(lang), a.text.get(lang)) for a in content.agenda
        ],
        questions=[],
        methods=[],
        thresholds=_thresholds(d, content, lang),
        limits={key: num(value, lang, 1) for key, value in d.thresholds.items()},
        anonymity_minimum=d.anonymity.minimum,
        literature=[(e.id, e.reference.get(lang), e.used_for.get(lang)) for e in content.literature],
    )
    model.methods = _methods(d, content, lang, by_rule if allowed else {})
    if not allowed:
        return model

    model.summary = [finding_view(by_rule[r], bundle, content, lang) for r in d.summary if r in by_rule]
    model.other_findings = len([f for f in d.findings if f.kind != "strength"]) - len(model.summary)
    model.strengths = [finding_view(by_rule[r], bundle, content, lang) for r in d.strengths if r in by_rule]
    model.score_groups = _score_groups(d, bundle, lang, content)
    model.not_measured = [labels.get(c, c) for c in d.not_measured]
    model.profile = _profile(d, inp.questionnaire, bundle, lang, content)
    model.finding_groups = _finding_groups(d, bundle, content, lang)
    rows = {row.cid: row for group in model.score_groups for row in group.rows}
    spread = d.thresholds.get("spread", 1.0)
    model.high_spread = sorted(
        (
            rows[c]
            for c, s in d.scores.items()
            if c in rows and s.sd is not None and s.sd >= spread and rows[c].band != "hidden"
        ),
        key=lambda r: -(d.scores[r.cid].sd or 0.0),
    )
    model.role_table = _role_table(d, bundle, lang)
    only = [r for r, means in d.by_role.items() if means]
    if model.role_table is None and len(only) == 1:
        model.only_role = charts.role_label_map(bundle, lang).get(only[0], only[0])
    model.texts = [
        TextGroup(inp.questionnaire.item_by_id[iid].text.get(lang), answers)
        for iid, answers in inp.texts.items()
        if iid in inp.questionnaire.item_by_id
    ]
    model.has_history = bool(inp.history) or d.previous is not None
    model.trend_table = _trend_table(d, inp.history, bundle, lang)
    model.changes = _changes(d, bundle, lang)
    model.questions = _questions(d, bundle, content, lang)
    model.charts = _charts(d, inp, lang)
    return model


def _thresholds(d: Diagnosis, content: ReportContent, lang: Lang) -> list[tuple[str, str]]:
    rows = []
    for key, value in d.thresholds.items():
        label_key = f"threshold_{key}"
        label = (
            content.text(label_key, lang)
            if label_key in content.texts
            else key.replace("_", " ").capitalize()
        )
        decimals = 0 if float(value).is_integer() and key == "diverse_member_kinds" else 1
        rows.append((label, num(value, lang, decimals)))
    return rows


def _score_groups(d: Diagnosis, bundle: Bundle, lang: Lang, content: ReportContent) -> list[ScoreGroup]:
    groups: list[ScoreGroup] = []
    titles = {g.id: g.title.get(lang) for g in bundle.constructs.groups}
    current: ScoreGroup | None = None
    for c in bundle.constructs.constructs:
        s = d.scores.get(c.id)
        if c.kind == "fact" or s is None:
            continue
        title = titles.get(c.group, c.group)
        if current is None or current.title != title:
            current = ScoreGroup(title, [])
            groups.append(current)
        label = c.label.get(lang)
        if s.below_minimum and not d.round.group_only:
            current.rows.append(
                ScoreRow(c.id, label, str(s.n), "–", "–", "–", "hidden", content.text("too_few", lang))
            )
            continue
        band = s.band or "position"
        band_label = BAND_LABELS[s.band].get(lang) if s.band else content.text("position_band", lang)
        row = ScoreRow(
            c.id,
            label,
            str(s.n),
            num(s.mean, lang),
            num(s.sd, lang) if s.sd is not None else "–",
            f"{num(s.min, lang, 1)}–{num(s.max, lang, 1)}",
            band,
            band_label,
        )
        if d.previous is not None and c.id in d.previous.scores:
            before = d.previous.scores[c.id]
            row.previous = num(before, lang)
            row.change = _signed(s.mean - before, lang)
        current.rows.append(row)
    return groups


def _signed(change: float, lang: Lang) -> str:
    shown = round(change, 2)
    if shown == 0:
        return "±" + num(0.0, lang)
    return ("+" if shown > 0 else "−") + num(abs(shown), lang)


def _profile(
    d: Diagnosis, q: Questionnaire, bundle: Bundle, lang: Lang, content: ReportContent
) -> list[ProfileRow]:
    rows = []
    for c in bundle.constructs.constructs:
        fact = d.profile.get(c.id)
        if fact is None or c.id == "respondent_role":
            continue
        item = q.fact_item(c.id)
        if fact.counts and item is not None and item.type == "multi":
            value = ", ".join(
                f"{(item.option_label(o) or _plain(o)).get(lang)} ({n})" for o, n in fact.counts.items()
            )
            share = ""
        else:
            if fact.value is None:
                continue
            if isinstance(fact.value, float):
                value = num(fact.value, lang, 0)
            else:
                option = item.option_label(str(fact.value)) if item is not None else None
                value = option.get(lang) if option else str(fact.value)
            if fact.from_network:
                share = content.text("profile_from_network", lang)
            elif item is not None and item.type == "number":
                share = ""
            else:
                share = content.text("profile_share", lang, pct=round(100 * fact.share), n=fact.n)
        rows.append(ProfileRow(c.label.get(lang), value, share, fact.disagree))
    return rows


def _plain(text: str) -> Any:
    from diagnose.text import LocalizedText

    return LocalizedText(nl=text, en=text)


def _finding_groups(d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang) -> list[FindingGroup]:
    grouped: dict[str, list[Finding]] = {key: [] for key in GROUP_ORDER}
    for f in d.findings:
        grouped[finding_group(f, bundle)].append(f)
    titles = {
        "pitfalls": "g_pitfalls",
        "characteristics": "g_characteristics",
        "fit": "g_fit",
        "disagreement": "g_disagreement",
        "trend": "g_trend",
        "strengths": "g_strengths",
    }
    result = []
    for key in GROUP_ORDER:
        if key == "trend" and d.previous is None:
            continue
        views = _merge_alike(grouped[key], bundle, content, lang)
        result.append(FindingGroup(key, content.text(titles[key], lang), views))
    return result


PLACEHOLDER = "\x00"


def _template(f: Finding, bundle: Bundle, lang: Lang) -> tuple[str, str, str] | None:
    """(title, diagnosis, advice) with the construct's name taken out, if the rule is one of a family
    of rules that say the same thing about different constructs; else None."""
    if len(f.constructs) != 1 or f.constructs[0] not in bundle.constructs.by_id:
        return None
    label = bundle.constructs.by_id[f.constructs[0]].label.get(lang)
    quoted = [f"‘{label}’", f"'{label}'", f"“{label}”"]

    def strip(text: str) -> str:
        for q in quoted:
            text = text.replace(q, PLACEHOLDER)
        return text

    title, diagnosis, advice = (
        strip(f.title.get(lang)),
        strip(f.diagnosis.get(lang)),
        strip(f.advice.get(lang)),
    )
    if PLACEHOLDER not in diagnosis:
        return None
    if PLACEHOLDER not in title:
        title = title.replace(label, PLACEHOLDER)
    return title, diagnosis, advice


def _merge_alike(
    findings: list[Finding], bundle: Bundle, content: ReportContent, lang: Lang
) -> list[FindingView]:
    """One card for findings that say the same about different constructs (e.g. fifteen 'attention'
    findings), so the chapter reads as advice rather than as a list of near-identical paragraphs."""
    families: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        template = _template(f, bundle, lang)
        if template is not None:
            families.setdefault((f.kind, *template), []).append(f)
    views: list[FindingView] = []
    done: set[str] = set()
    for f in findings:
        if f.rule in done:
            continue
        template = _template(f, bundle, lang)
        family = families.get((f.kind, *template), []) if template is not None else []
        if template is None or len(family) < 2:
            views.append(finding_view(f, bundle, content, lang))
            continue
        title, diagnosis, advice = template
        these = content.text("these_constructs", lang)
        count = content.text("n_constructs", lang, n=len(family))
        first = finding_view(f, bundle, content, lang)
        members = []
        for member in family:
            label = bundle.constructs.by_id[member.constructs[0]].label.get(lang)
            members.append((label, "; ".join(b.text.get(lang) for b in member.because)))
            done.add(member.rule)
        sources = list(dict.fromkeys(format_source(s, content, lang) for m in family for s in m.sources))
        views.append(
            FindingView(
                rule=f.rule,
                kind=f.kind,
                kind_label=first.kind_label,
                tone=first.tone,
                title=title.replace(PLACEHOLDER, count)
                if PLACEHOLDER in title
                else f"{first.kind_label}: {count}",
                diagnosis=diagnosis.replace(PLACEHOLDER, these),
                advice=advice.replace(PLACEHOLDER, these),
                because=[],
                sources=sources,
                severity=max(m.severity for m in family),
                members=members,
                rules=[m.rule for m in family],
            )
        )
    return views


def _role_table(d: Diagnosis, bundle: Bundle, lang: Lang) -> RoleTable | None:
    roles = [r for r, means in d.by_role.items() if means]
    if len(roles) < 2:  # one role is no comparison (and the model says which, see only_role)
        return None
    role_labels = charts.role_label_map(bundle, lang)
    rows = []
    gaps: list[float] = []
    for c in bundle.constructs.constructs:
        values = [d.by_role[r].get(c.id) for r in roles]
        present = [v for v in values if v is not None]
        if not present:
            continue
        gaps.append(max(present) - min(present) if len(present) > 1 else 0.0)
        gap = num(gaps[-1], lang) if len(present) > 1 else "–"
        rows.append((c.label.get(lang), [num(v, lang) if v is not None else "–" for v in values], gap))
    order = sorted(range(len(rows)), key=lambda i: -gaps[i])
    top = [rows[i] for i in order[:TOP_ROLE_GAPS] if gaps[i] > 0]
    return RoleTable([f"{role_labels.get(r, r)} (n={d.round.roles.get(r, 0)})" for r in roles], rows, top)


def _means(r: RoundScores | PreviousRound) -> dict[str, float]:
    if isinstance(r, RoundScores):
        return {c: s.mean for c, s in r.constructs.items()}
    return dict(r.scores)


def _trend_table(
    d: Diagnosis, history: Sequence[RoundScores | PreviousRound], bundle: Bundle, lang: Lang
) -> TrendTable | None:
    earlier = list(history)
    if not earlier and d.previous is not None:
        earlier = [d.previous]
    if not earlier:
        return None
    minimum = d.anonymity.minimum
    earlier = [
        r for r in earlier if not isinstance(r, RoundScores) or r.respondents >= minimum or r.group_only
    ]
    if not earlier:
        return None
    rounds = [(r.label, _means(r)) for r in earlier]
    rounds.append(
        (d.round.label, {c: s.mean for c, s in d.scores.items() if not s.below_minimum or d.round.group_only})
    )
    rows = []
    for c in bundle.constructs.constructs:
        if c.kind == "fact":
            continue
        values = [means.get(c.id) for _, means in rounds]
        if all(v is None for v in values):
            continue
        rows.append((c.label.get(lang), [num(v, lang) if v is not None else "–" for v in values]))
    return TrendTable([label for label, _ in rounds], rows)


def _changes(d: Diagnosis, bundle: Bundle, lang: Lang) -> list[ChangeRow]:
    if d.previous is None:
        return []
    limit = d.thresholds.get("change", 0.5)
    rows = []
    for c in bundle.constructs.constructs:
        s = d.scores.get(c.id)
        if s is None or c.id not in d.previous.scores or (s.below_minimum and not d.round.group_only):
            continue
        before = d.previous.scores[c.id]
        change = round(s.mean - before, 4)
        direction = "up" if change > 0 else "down" if change < 0 else "flat"
        rows.append(
            ChangeRow(
                c.label.get(lang),
                num(before, lang),
                num(s.mean, lang),
                _signed(change, lang),
                direction,
                abs(change) >= limit,
            )
        )
    return rows


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
        return questions.kinds[f.kind].get(lang).format(label=label)
    return None


def _questions(d: Diagnosis, bundle: Bundle, content: ReportContent, lang: Lang) -> list[QuestionView]:
    by_rule = {f.rule: f for f in d.findings}
    ordered: list[Finding] = [by_rule[r] for r in d.summary if r in by_rule]
    ordered += [f for f in d.findings if f.kind in SEVERE_KINDS and f not in ordered]
    disagreements = sorted(
        (f for f in d.findings if f.kind == "disagreement"), key=lambda f: -(f.spread or 0.0)
    )
    ordered += [f for f in disagreements[:MAX_DISAGREEMENT_QUESTIONS] if f not in ordered]
    ordered += [f for f in d.findings if f.kind == "trend" and f not in ordered]
    ordered += [f for f in d.findings if f.kind == "attention" and f not in ordered]
    result: list[QuestionView] = []
    seen: set[str] = set()
    for f in ordered:
        text = _question_for(f, d, bundle, content, lang)
        if text is None or text in seen:
            continue
        seen.add(text)
        result.append(QuestionView(text, f.title.get(lang)))
        if len(result) >= MAX_QUESTIONS - 1:
            break
    strength = next((by_rule[r] for r in d.strengths if r in by_rule), None)
    if strength is not None:
        text = _question_for(strength, d, bundle, content, lang)
        if text is not None and text not in seen:
            result.append(QuestionView(text, strength.title.get(lang)))
    return result


def _methods(
    d: Diagnosis, content: ReportContent, lang: Lang, by_rule: Mapping[str, Finding]
) -> list[MethodView]:
    scored: list[tuple[int, int, MethodView]] = []
    for index, method in enumerate(content.methods):
        matched = [
            f
            for f in by_rule.values()
            if f.kind != "strength" and (set(f.constructs) & set(method.constructs) or f.kind in method.kinds)
        ]
        matched.sort(key=lambda f: -f.severity)
        weight = sum(f.severity for f in matched)
        view = MethodView(
            id=method.id,
            name=method.name.get(lang),
            purpose=method.purpose.get(lang),
            steps=[s.get(lang) for s in method.steps],
            tip=method.tip.get(lang) if method.tip else None,
            source=format_source(method.source, content, lang),
            recommended=weight > 0,
            fits=list(dict.fromkeys(f.title.get(lang) for f in matched))[:3],
        )
        scored.append((-weight, index, view))
    return [view for _, _, view in sorted(scored, key=lambda x: (x[0], x[1]))]


def _charts(d: Diagnosis, inp: ReportInput, lang: Lang) -> dict[str, ChartView]:
    bundle = inp.bundle
    views: dict[str, ChartView] = {}

    def add(key: str, figure: Any, wide: bool = True) -> None:
        if charts.has_data(figure):
            title = figure.layout.title.text or key
            views[key] = ChartView(key, title, figure, title, wide=wide)

    add("radar", charts.radar_characteristics(d, bundle, lang))
    add("pitfalls", charts.pitfall_bars(d, bundle, lang))
    add("building_blocks", charts.building_block_bars(d, bundle, lang))
    add("perspectives", charts.perspective_bars(d, bundle, lang))
    add("leadership", charts.leadership_bars(d, bundle, lang))
    add("spread", charts.spread_chart(d, bundle, lang))
    if sum(1 for means in d.by_role.values() if means) >= 2:
        add("roles", charts.role_chart(d, bundle, lang))
    if inp.history:
        add("trend", charts.trend_chart(d, bundle, lang, inp.history))
    if d.previous is not None:
        add("comparison", charts.comparison_chart(d, bundle, lang))
    return views
