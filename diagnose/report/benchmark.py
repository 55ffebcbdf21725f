"""The report's "Vergelijking met andere netwerken": a short block in the summary and the full report,
present only when the round's network takes part and enough other networks qualify (the core's
diagnose.benchmark decides; without a comparison there is no block, not even a heading)."""

from __future__ import annotations

from dataclasses import dataclass

from diagnose.benchmark import Comparison, position_text
from diagnose.bundle import Bundle
from diagnose.charts.benchmark import benchmark_chart
from diagnose.charts.style import num
from diagnose.questionnaire import Questionnaire
from diagnose.report.views import ChartView
from diagnose.text import Lang, LocalizedText

TEXTS = {
    "heading": LocalizedText(nl="Vergelijking met andere netwerken", en="Comparison with other networks"),
    "intro": LocalizedText(
        nl="Het netwerk doet mee aan de anonieme vergelijking. Per onderdeel staat de eigen score naast "
        "die van de andere deelnemende netwerken, elk met zijn laatste meting: de mediaan en de "
        "middelste helft (de helft van de netwerken scoort daartussen). Geen enkel ander netwerk is "
        "herkenbaar; een onderdeel met te weinig of te gelijke netwerken blijft weg.",
        en="The network takes part in the anonymous benchmark. Per construct its own score stands beside "
        "those of the other networks taking part, each with its latest round: the median and the middle "
        "half (half of the networks score within it). No other network can be recognised; a construct "
        "with too few networks, or networks scoring too much alike, is left out.",
    ),
    "col_construct": LocalizedText(nl="Onderdeel", en="Construct"),
    "col_own": LocalizedText(nl="Dit netwerk", en="This network"),
    "col_median": LocalizedText(nl="Mediaan", en="Median"),
    "col_band": LocalizedText(nl="Middelste helft", en="Middle half"),
    "col_position": LocalizedText(nl="Positie", en="Position"),
}


@dataclass(frozen=True)
class BenchmarkRow:
    label: str
    own: str
    median: str
    band: str  # "2,9–3,6"
    position: str  # "hoger dan 7 van de 12 netwerken"


@dataclass(frozen=True)
class BenchmarkSection:
    heading: str
    intro: str
    scope: str  # "Vergeleken met 12 andere netwerken (alle sectoren en netwerktypen)."
    columns: tuple[str, str, str, str, str]
    rows: tuple[BenchmarkRow, ...]


def benchmark_section(
    comparison: Comparison | None, bundle: Bundle, q: Questionnaire, lang: Lang
) -> BenchmarkSection | None:
    if comparison is None or not comparison.bands:
        return None
    labels = {c.id: c.label.get(lang) for c in bundle.constructs.constructs}
    rows = tuple(
        BenchmarkRow(
            label=labels.get(b.construct, b.construct),
            own=num(b.own, lang),
            median=num(b.median, lang),
            band=f"{num(b.low, lang)}–{num(b.high, lang)}",
            position=position_text(b).get(lang),
        )
        for b in comparison.bands
    )
    columns = tuple(
        TEXTS[k].get(lang) for k in ("col_construct", "col_own", "col_median", "col_band", "col_position")
    )
    return BenchmarkSection(
        heading=TEXTS["heading"].get(lang),
        intro=TEXTS["intro"].get(lang),
        scope=comparison.heading_in(q).get(lang),
        columns=(columns[0], columns[1], columns[2], columns[3], columns[4]),
        rows=rows,
    )


def benchmark_chart_view(comparison: Comparison | None, bundle: Bundle, lang: Lang) -> ChartView | None:
    if comparison is None or not comparison.bands:
        return None
    figure = benchmark_chart(comparison, bundle, lang)
    title = TEXTS["heading"].get(lang)
    return ChartView("benchmark", title, figure, title)


def benchmark_markdown(section: BenchmarkSection | None, level: str = "##") -> list[str]:
    if section is None:
        return []
    out = [f"{level} {section.heading}", "", section.intro, "", f"*{section.scope}*", ""]
    out += ["| " + " | ".join(section.columns) + " |", "|---|---:|---:|---:|---|"]
    out += [f"| {r.label} | {r.own} | {r.median} | {r.band} | {r.position} |" for r in section.rows]
    return [*out, ""]
