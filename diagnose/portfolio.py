"""The consultant's portfolio: one row per network, from stored data, with a "needs attention" flag.

Pure: what the store keeps of each network goes in (`NetworkFacts`), rows come out (`PortfolioRow`);
no I/O, no texts (the app words the reasons from their codes and parameters). The store side is
`diagnose.store.standing` (stored construct means per round) and the app's page reads both.

**Trend per construct group.** For each group the catalogue offers over time (`trend: true`: the
seven characteristics, pitfalls, building blocks, perspectives): the mean of the group's banded
constructs in the latest round with open results, against the same constructs in the round before
it with open results, compared as `diagnose.comparability` says (1.0 → 2.0: only the constructs the
newer version declares comparable, under its ids). ▲ / ▼ from a change of `TREND_STEP` (0.1) up or
down, ＝ below it; no arrow without a comparable earlier round.

**Needs attention** when any of these holds; each reason is kept with its facts, for the words:
- `new_concern`: a construct (any group) is a concern in the latest round with open results and
  was not one in the round before it (comparable constructs only); in a network's first round
  every concern is new, since nobody has acted on it yet.
- `decline`: a banded construct fell by at least the rule base's `threshold.change` (0.5, the
  movement the rules and the summary call a real change, rules/ruleset.yaml) since the round
  before; decided there, read here.
- `low_response`: the latest round is closed and its results stay closed: nothing handed in,
  fewer respondents than the anonymity minimum, or below the round's own response-rate threshold.
- `no_recent_round`: the latest round (its date, else when it was made) lies more than
  `STALE_AFTER` (365 days) back; a network without rounds counts from when it was made.
- `overdue`: the latest round is still open after its deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from diagnose.bundle import Bundle
from diagnose.comparability import comparability
from diagnose.scores import Reference
from diagnose.text import LocalizedText

TREND_STEP = 0.1  # the smallest change of a group's mean shown as ▲ or ▼ (one decimal shown)
STALE_AFTER = dt.timedelta(days=365)  # "no round for over a year"

Status = Literal["none", "open", "closed", "results_closed"]
ReasonCode = Literal["new_concern", "decline", "low_response", "no_recent_round", "overdue"]
REASONS: tuple[ReasonCode, ...] = ("overdue", "low_response", "new_concern", "decline", "no_recent_round")
STATUSES: tuple[Status, ...] = ("open", "closed", "results_closed", "none")
# The profile facts a portfolio filters on (the network profile's keys)
FILTER_FACTS = ("sector", "region", "network_type")


@dataclass(frozen=True)
class Measured:
    """A round whose results are open, as its latest diagnosis scored it."""

    label: str
    date: dt.date | None
    questionnaire: Reference
    means: Mapping[str, float | None]
    bands: Mapping[str, str | None] = field(default_factory=dict)  # strength / attention / concern
    round_id: int = 0
    facts: Mapping[str, str] = field(default_factory=dict)  # profile facts as answered (network_type)
    snapshot_id: int = 0  # the stored diagnosis the means are from


@dataclass(frozen=True)
class LatestRound:
    """The network's most recent round, whatever its state."""

    label: str
    date: dt.date | None
    created: dt.date
    is_open: bool
    invited: int
    submitted: int
    closed: str | None = None  # results closed: "none" / "minimum" / "response_rate"; None: open
    deadline: dt.date | None = None
    round_id: int = 0


@dataclass(frozen=True)
class NetworkFacts:
    network_id: int
    name: str
    profile: Mapping[str, Any]
    created: dt.date
    latest: LatestRound | None
    measured: Sequence[Measured]  # rounds with open results, newest first (two are enough)
    open_agreements: int = 0


class Trend(NamedTuple):  # a tuple: a portfolio holds thousands, and the collector skips these
    group: str
    change: float | None  # None: no comparable earlier round
    arrow: str  # "▲", "▼", "＝" or "" (nothing to compare)


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    # the facts the words need: constructs (ids), changes (id → change), label, date, previous,
    # reason (why results are closed), respondents
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PortfolioRow:
    network_id: int
    name: str
    sector: str | None
    region: str | None
    network_type: str | None
    latest: LatestRound | None
    status: Status
    response_rate: int | None  # percent of the links issued; None when no links were issued
    measured: Measured | None  # the latest round with open results (its headline is the view's)
    trends: tuple[Trend, ...]
    open_agreements: int
    reasons: tuple[Reason, ...]
    headline: LocalizedText | None = None  # the top finding's title, filled in by the view

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)


def status_of(latest: LatestRound | None) -> Status:
    if latest is None:
        return "none"
    if latest.is_open:
        return "open"
    return "results_closed" if latest.closed else "closed"


def response_rate(latest: LatestRound | None) -> int | None:
    if latest is None or latest.invited <= 0:
        return None
    return round(100 * latest.submitted / latest.invited)


def _comparable(bundle: Bundle, now: Measured, before: Measured) -> dict[str, float | None]:
    """The earlier round's means under the current round's construct ids, comparable ones only."""
    return comparability(bundle, now.questionnaire, before.questionnaire).translate(before.means)


_BANDED: dict[int, tuple[Any, dict[str, str], dict[str, list[str]]]] = {}


def _banded(bundle: Bundle) -> dict[str, str]:
    """Banded (score) constructs and their group."""
    return _catalogue(bundle)[0]


def _catalogue(bundle: Bundle) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(banded construct → group, trend group → its banded constructs), worked out once per catalogue."""
    known = _BANDED.get(id(bundle.constructs))
    if known is None or known[0] is not bundle.constructs:
        banded = {c.id: c.group for c in bundle.constructs.constructs if c.kind == "score"}
        groups = {
            g: [cid for cid, group in banded.items() if group == g] for g in bundle.constructs.trend_groups
        }
        known = (bundle.constructs, banded, groups)
        _BANDED[id(bundle.constructs)] = known
    return known[1], known[2]


def trends(bundle: Bundle, measured: Sequence[Measured]) -> tuple[Trend, ...]:
    if not measured:
        return ()
    now = measured[0]
    before = _comparable(bundle, now, measured[1]) if len(measured) > 1 else None
    found = []
    for group, members in _catalogue(bundle)[1].items():
        ids = [cid for cid in members if now.means.get(cid) is not None]
        pairs = [(now.means[cid], before.get(cid)) for cid in ids] if before is not None else []
        pairs_known = [(a, b) for a, b in pairs if a is not None and b is not None]
        if not pairs_known:
            found.append(Trend(group, None, ""))
            continue
        change = round(sum(a - b for a, b in pairs_known) / len(pairs_known), 2)
        arrow = "▲" if change >= TREND_STEP else "▼" if change <= -TREND_STEP else "＝"
        found.append(Trend(group, change, arrow))
    return tuple(found)


def reasons(bundle: Bundle, facts: NetworkFacts, today: dt.date) -> tuple[Reason, ...]:
    """Why the network needs attention, most urgent first (REASONS order); () when it does not."""
    found: list[Reason] = []
    latest = facts.latest
    if latest is not None and latest.is_open and latest.deadline is not None and latest.deadline < today:
        found.append(Reason("overdue", {"label": latest.label, "date": latest.deadline}))
    if latest is not None and not latest.is_open and latest.closed:
        found.append(
            Reason(
                "low_response",
                {"label": latest.label, "reason": latest.closed, "respondents": latest.submitted},
            )
        )
    if facts.measured:
        now = facts.measured[0]
        before = _comparable(bundle, now, facts.measured[1]) if len(facts.measured) > 1 else None
        previous_label = facts.measured[1].label if len(facts.measured) > 1 else None
        concerns = [cid for cid, band in now.bands.items() if band == "concern"]
        if before is not None:
            earlier_bands = comparability(
                bundle, now.questionnaire, facts.measured[1].questionnaire
            ).translate(facts.measured[1].bands)
            concerns = [cid for cid in concerns if earlier_bands.get(cid) != "concern"]
        if concerns:
            found.append(
                Reason("new_concern", {"constructs": _ordered(bundle, concerns), "label": now.label})
            )
        if before is not None:
            limit = bundle.settings.thresholds["change"]
            banded = _banded(bundle)
            changes = {
                cid: round(mean - old, 2)
                for cid, mean in now.means.items()
                if cid in banded
                and mean is not None
                and (old := before.get(cid)) is not None
                and mean - old <= -limit + 1e-9
            }
            if changes:
                # the largest fall first; equal falls in the catalogue's order (not the order the
                # store happened to read the means in)
                ordered = sorted(_ordered(bundle, list(changes)), key=lambda c: changes[c])
                found.append(
                    Reason(
                        "decline",
                        {
                            "constructs": ordered,
                            "changes": changes,
                            "previous": previous_label,
                            "label": now.label,
                        },
                    )
                )
    last = (latest.date or latest.created) if latest is not None else facts.created
    if today - last > STALE_AFTER:
        found.append(Reason("no_recent_round", {"date": last, "has_round": latest is not None}))
    return tuple(sorted(found, key=lambda r: REASONS.index(r.code)))


def _ordered(bundle: Bundle, ids: Sequence[str]) -> list[str]:
    order = {c.id: i for i, c in enumerate(bundle.constructs.constructs)}
    return sorted(ids, key=lambda cid: order.get(cid, len(order)))


def row(bundle: Bundle, facts: NetworkFacts, today: dt.date) -> PortfolioRow:
    profile = facts.profile

    def fact(key: str) -> str | None:
        value = profile.get(key)
        return str(value) if isinstance(value, str) and value else None

    return PortfolioRow(
        network_id=facts.network_id,
        name=facts.name,
        sector=fact("sector"),
        region=fact("region"),
        # the type the members recognise in the latest round, else the one the profile gives
        network_type=(facts.measured[0].facts.get("network_type") if facts.measured else None)
        or fact("network_type"),
        latest=facts.latest,
        status=status_of(facts.latest),
        response_rate=response_rate(facts.latest),
        measured=facts.measured[0] if facts.measured else None,
        trends=trends(bundle, facts.measured),
        open_agreements=facts.open_agreements,
        reasons=reasons(bundle, facts, today),
    )


def portfolio(bundle: Bundle, networks: Sequence[NetworkFacts], today: dt.date) -> list[PortfolioRow]:
    """Every network's row, those that need attention first, then by name (the default order)."""
    return sort_rows([row(bundle, facts, today) for facts in networks], "attention")


SortKey = Literal["attention", "name", "latest", "response"]
SORTS: tuple[SortKey, ...] = ("attention", "name", "latest", "response")


def sort_rows(rows: Sequence[PortfolioRow], by: SortKey) -> list[PortfolioRow]:
    """attention: needing attention first (most reasons first), then by name; latest: most recent
    round first; response: lowest response rate first (no rate last); name: alphabetical."""

    def name(r: PortfolioRow) -> str:
        return r.name.casefold()

    if by == "name":
        return sorted(rows, key=name)
    if by == "latest":
        return sorted(
            rows,
            key=lambda r: (
                -(r.latest.date or r.latest.created).toordinal() if r.latest else 0,
                name(r),
            ),
        )
    if by == "response":
        return sorted(rows, key=lambda r: (r.response_rate is None, r.response_rate or 0, name(r)))
    return sorted(rows, key=lambda r: (not r.needs_attention, -len(r.reasons), name(r)))


@dataclass(frozen=True)
class Filter:
    """What the table shows: every value chosen per fact (empty: any), statuses, attention only."""

    sector: frozenset[str] = frozenset()
    region: frozenset[str] = frozenset()
    network_type: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()
    attention_only: bool = False

    def keeps(self, r: PortfolioRow) -> bool:
        return (
            (not self.sector or (r.sector or "") in self.sector)
            and (not self.region or (r.region or "") in self.region)
            and (not self.network_type or (r.network_type or "") in self.network_type)
            and (not self.status or r.status in self.status)
            and (not self.attention_only or r.needs_attention)
        )


def filtered(rows: Sequence[PortfolioRow], f: Filter) -> list[PortfolioRow]:
    return [r for r in rows if f.keeps(r)]


def page(rows: Sequence[PortfolioRow], number: int, size: int) -> list[PortfolioRow]:
    """Page `number` (from 1) of `size` rows; a number past the end gives the last page."""
    pages = max(1, -(-len(rows) // size))
    number = min(max(1, number), pages)
    return list(rows[(number - 1) * size : number * size])
