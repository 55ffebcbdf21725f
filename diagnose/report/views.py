"""The report model's types: everything the templates show, as plain data already written the Dutch
or English way, and how numbers and dates are written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diagnose.report.content import ReportContent
from diagnose.text import Lang, format_number

if TYPE_CHECKING:
    from diagnose.report.agreements import AgreementsSection


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
    # the other findings about the same construct, nested under this card: (title, why)
    evidence: list[tuple[str, str]] = field(default_factory=list)
    reason: str = ""  # why the card is on top of the summary


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
    literature: list[tuple[str, str, str]]  # anchor id (never shown), reference, used for
    charts_missing: str | None = None
    strengths_text: str = ""  # what goes well, in one or two sentences
    priority_text: str = ""  # the priority model in plain words, for the appendix
    version_note: str = ""  # rounds of another questionnaire version: since when, what is not compared
    only_role: str | None = None  # the one role with enough respondents, when there is just one
    agreements: AgreementsSection | None = None  # last time's agreements and the new ones

    def t(self, key: str, **values: object) -> str:
        return self.content.text(key, self.lang, **values)

    def chart(self, key: str) -> ChartView | None:
        view = self.charts.get(key)
        return view if view is not None and view.src is not None else None


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
