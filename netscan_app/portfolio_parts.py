"""The portfolio table's words: each row's cells and its reasons for attention, in the session's
language, one way for the page and for the XLSX download (which holds exactly what the table shows)."""

from __future__ import annotations

from typing import Any

from diagnose.bundle import Bundle
from diagnose.portfolio import PortfolioRow, Reason, Trend
from diagnose.regions import REGION, REGIONS
from diagnose.text import Lang, format_number, long_date
from netscan_app.i18n import translate
from netscan_app.profile import PROFILE_QUESTIONNAIRE


def fact_label(bundle: Bundle, fact: str, value: str | None, lang: Lang) -> str:
    """A profile value as people read it (sector, region, network type); "" when not known."""
    if not value:
        return ""
    if fact == REGION:
        return REGIONS[value].get(lang) if value in REGIONS else value
    for q in (bundle.questionnaire(PROFILE_QUESTIONNAIRE), *bundle.questionnaires.values()):
        item = q.fact_item(fact)
        if item is not None and (label := item.option_label(value)) is not None:
            return label.get(lang)
    return value


def _constructs(bundle: Bundle, ids: list[str], lang: Lang) -> str:
    return ", ".join(
        bundle.constructs.by_id[c].label.get(lang) if c in bundle.constructs.by_id else c for c in ids
    )


def reason_text(bundle: Bundle, reason: Reason, lang: Lang) -> str:
    p = reason.params
    if reason.code == "overdue":
        return translate("portfolio.reason.overdue", lang, label=p["label"], date=long_date(p["date"], lang))
    if reason.code == "low_response":
        return translate(f"portfolio.reason.low_response.{p['reason']}", lang, label=p["label"])
    if reason.code == "new_concern":
        return translate(
            "portfolio.reason.new_concern", lang, constructs=_constructs(bundle, p["constructs"], lang)
        )
    if reason.code == "decline":
        parts = [
            f"{_constructs(bundle, [c], lang)} ({format_number(p['changes'][c], lang)})".replace("-", "−")
            for c in p["constructs"]
        ]
        return translate(
            "portfolio.reason.decline", lang, previous=p["previous"], constructs=", ".join(parts)
        )
    key = "portfolio.reason.no_recent_round" if p["has_round"] else "portfolio.reason.no_round"
    return translate(key, lang, date=long_date(p["date"], lang))


def trend_text(trend: Trend, lang: Lang) -> str:
    if trend.change is None:
        return "–"
    sign = "+" if trend.change > 0 else "−" if trend.change < 0 else ""
    return f"{trend.arrow} {sign}{format_number(abs(trend.change), lang)}"


def columns(bundle: Bundle, lang: Lang) -> list[str]:
    """The table's column headings, in order (the trend columns are the catalogue's groups)."""
    groups = [bundle.constructs.group_by_id[g].label.get(lang) for g in bundle.constructs.trend_groups]
    return [
        translate("portfolio.col.network", lang),
        translate("portfolio.col.attention", lang),
        translate("portfolio.col.latest", lang),
        translate("portfolio.col.date", lang),
        translate("portfolio.col.status", lang),
        translate("portfolio.col.response", lang),
        translate("portfolio.col.headline", lang),
        *groups,
        translate("portfolio.col.agreements", lang),
        translate("portfolio.col.sector", lang),
        translate("portfolio.col.region", lang),
        translate("portfolio.col.type", lang),
    ]


def cells(bundle: Bundle, r: PortfolioRow, lang: Lang) -> list[Any]:
    """One row's cells under `columns`: texts and numbers, nothing else (no answers, no ids)."""
    latest = r.latest
    when = latest.date if latest is not None else None
    return [
        r.name,
        "; ".join(reason_text(bundle, x, lang) for x in r.reasons),
        latest.label if latest is not None else "",
        when.strftime("%d-%m-%Y") if when is not None else "",
        translate(f"portfolio.status.{r.status}", lang),
        f"{r.response_rate}%" if r.response_rate is not None else "",
        r.headline.get(lang) if r.headline is not None else "",
        *(
            trend_text(x, lang)
            for x in r.trends or [Trend(g, None, "") for g in bundle.constructs.trend_groups]
        ),
        r.open_agreements,
        fact_label(bundle, "sector", r.sector, lang),
        fact_label(bundle, REGION, r.region, lang),
        fact_label(bundle, "network_type", r.network_type, lang),
    ]
