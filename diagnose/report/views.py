"""The report model's types: everything the templates show, as plain data already written the Dutch
or English way, and how numbers and dates are written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from diagnose.report.content import ReportContent
from diagnose.text import Lang, format_number, long_date

if TYPE_CHECKING:
    from diagnose.report.agreements import AgreementsSection
    from diagnose.report.benchmark import BenchmarkSection


Edition = Literal["summary", "full"]
EDITIONS: tuple[Edition, ...] = ("summary", "full")
# What a download is when nobody asks for more: the steering group's four pages (issue 12).
DEFAULT_EDITION: Edition = "summary"
Format = Literal["pdf", "html", "md", "docx"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md", "docx")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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
    comment: str | None = None  # the consultant's comment on this finding (filled by the stored edit)


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
    size: float = 0.0  # how far it moved, either way (the summary shows the largest first)


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


@dataclass(frozen=True)
class EditMark:
    """Who adapted the report by hand, shown on the cover and in the summary of every format."""

    by: str
    at: str  # already formatted for the report's language ("3 december 2026")
    text: str  # the whole sentence: "Aangepast door Jan de Vries op 3 december 2026"


@dataclass(frozen=True)
class OmittedFinding:
    """A finding the consultant left out, with their reason; listed in the full edition's appendix."""

    title: str
    reason: str


@dataclass(frozen=True)
class Logo:
    """The workspace's logo on the cover: a PNG or an already sanitised SVG as a data: URI."""

    data_uri: str
    alt: str


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
    edition: Edition = "full"  # which edition this model was built for (its charts differ)
    charts_missing: str | None = None
    strengths_text: str = ""  # what goes well, in one or two sentences
    priority_text: str = ""  # the priority model in plain words, for the appendix
    version_note: str = ""  # rounds of another questionnaire version: since when, what is not compared
    only_role: str | None = None  # the one role with enough respondents, when there is just one
    agreements: AgreementsSection | None = None  # last time's agreements and the new ones
    benchmark: BenchmarkSection | None = None  # among other networks (report/benchmark.py), or None
    # The consultant's edit (filled from the stored edit by the caller; the report only shows it):
    opening_note: str | None = None  # a note for the whole report, shown before the findings
    edited: EditMark | None = None  # "aangepast door ...": set when anything was changed by hand
    omitted: list[OmittedFinding] = field(default_factory=list)  # left out, with reason (full edition)
    organisation: str | None = None  # on the cover, beside the network
    logo: Logo | None = None  # on the cover

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
    return long_date(dt.date.fromisoformat(value) if isinstance(value, str) else value, lang)
