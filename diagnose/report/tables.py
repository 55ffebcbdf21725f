"""The report's tables: scores per construct group, the profile, roles side by side, the trend
over earlier rounds and the changes since the previous round. Every table shows only what the
diagnosis says may be shown (see `Diagnosis.score_visible`, `visible_roles`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diagnose import charts
from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis, PreviousRound, earlier_round
from diagnose.explain import BAND_LABELS
from diagnose.item_types import item_type
from diagnose.questionnaire import Questionnaire
from diagnose.report.content import ReportContent
from diagnose.report.views import ChangeRow, ProfileRow, RoleTable, ScoreGroup, ScoreRow, TrendTable, num
from diagnose.text import Lang

TOP_ROLE_GAPS = 8


def thresholds(d: Diagnosis, content: ReportContent, lang: Lang) -> list[tuple[str, str]]:
    rows = []
    for key, value in d.thresholds.items():
        label_key = f"threshold_{key}"
        label = (
            content.text(label_key, lang)
            if label_key in content.texts
            else key.replace("_", " ").capitalize()
        )
        # as many decimals as the value has (the 4C zones' 3.25 and 3.75 must not read as 3,2 and 3,8)
        decimals = 0 if float(value).is_integer() and key == "diverse_member_kinds" else 1
        while decimals < 3 and abs(round(value, decimals) - value) > 1e-9:
            decimals += 1
        rows.append((label, num(value, lang, decimals)))
    return rows


def score_groups(d: Diagnosis, bundle: Bundle, lang: Lang, content: ReportContent) -> list[ScoreGroup]:
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
        if not d.score_visible(c.id):
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
            row.change = signed(s.mean - before, lang)
        current.rows.append(row)
    return groups


def signed(change: float, lang: Lang) -> str:
    shown = round(change, 2)
    if shown == 0:
        return "±" + num(0.0, lang)
    return ("+" if shown > 0 else "−") + num(abs(shown), lang)


def profile(
    d: Diagnosis, q: Questionnaire, bundle: Bundle, lang: Lang, content: ReportContent
) -> list[ProfileRow]:
    rows = []
    for c in bundle.constructs.constructs:
        fact = d.profile.get(c.id)
        if fact is None or c.id == "respondent_role":
            continue
        item = q.fact_item(c.id)
        if fact.counts and item is not None and item_type(item).facts == "choices":
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
            elif item is not None and item_type(item).facts == "number":
                share = ""
            else:
                share = content.text("profile_share", lang, pct=round(100 * fact.share), n=fact.n)
        rows.append(ProfileRow(c.label.get(lang), value, share, fact.disagree))
    return rows


def _plain(text: str) -> Any:
    from diagnose.text import LocalizedText

    return LocalizedText(nl=text, en=text)


def role_table(d: Diagnosis, bundle: Bundle, lang: Lang) -> RoleTable | None:
    by_role = d.visible_roles()
    roles = list(by_role)
    if len(roles) < 2:  # one role is no comparison (and the model says which, see only_role)
        return None
    role_labels = charts.role_label_map(bundle, lang)
    rows = []
    gaps: list[float] = []
    for c in bundle.constructs.constructs:
        values = [by_role[r].get(c.id) for r in roles]
        present = [v for v in values if v is not None]
        if not present:
            continue
        gaps.append(max(present) - min(present) if len(present) > 1 else 0.0)
        gap = num(gaps[-1], lang) if len(present) > 1 else "–"
        rows.append((c.label.get(lang), [num(v, lang) if v is not None else "–" for v in values], gap))
    order = sorted(range(len(rows)), key=lambda i: -gaps[i])
    top = [rows[i] for i in order[:TOP_ROLE_GAPS] if gaps[i] > 0]
    return RoleTable([f"{role_labels.get(r, r)} (n={d.round.roles.get(r, 0)})" for r in roles], rows, top)


def trend_table(
    d: Diagnosis, history: Sequence[PreviousRound], bundle: Bundle, lang: Lang
) -> TrendTable | None:
    """Earlier rounds (oldest first; as they may be shown beside this round), then this round."""
    earlier = list(history) or ([d.previous] if d.previous is not None else [])
    shown = [e for r in earlier if (e := earlier_round(r, d.anonymity.minimum)) is not None]
    if not shown:
        return None
    rounds = [(r.label, r.scores) for r in shown]
    rounds.append((d.round.label, d.visible_scores()))
    rows = []
    for c in bundle.constructs.constructs:
        if c.kind == "fact":
            continue
        values = [means.get(c.id) for _, means in rounds]
        if all(v is None for v in values):
            continue
        rows.append((c.label.get(lang), [num(v, lang) if v is not None else "–" for v in values]))
    return TrendTable([label for label, _ in rounds], rows)


def changes(d: Diagnosis, bundle: Bundle, lang: Lang) -> list[ChangeRow]:
    if d.previous is None:
        return []
    limit = d.thresholds.get("change", 0.5)
    rows = []
    for c in bundle.constructs.constructs:
        s = d.scores.get(c.id)
        if s is None or c.id not in d.previous.scores or not d.score_visible(c.id):
            continue
        before = d.previous.scores[c.id]
        change = round(s.mean - before, 4)
        judged = charts.judged(bundle, c.id)  # a position moves, it never improves or declines
        direction = "up" if judged and change > 0 else "down" if judged and change < 0 else "flat"
        rows.append(
            ChangeRow(
                c.label.get(lang),
                num(before, lang),
                num(s.mean, lang),
                signed(change, lang),
                direction,
                judged and abs(change) >= limit,
                abs(change),
            )
        )
    return rows
