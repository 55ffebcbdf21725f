"""Where a network's construct means stand among other networks': decided here, once, without I/O.

Only aggregates of network means enter: each other network is one `Peer` (the means of its latest
round whose results are open, its sector and network type, and whether the viewer's workspace can
see it anyway). Per score construct the comparison gives the median, the middle half (P25–P75) and
"hoger dan X van de Y netwerken". What it guards against, and how, is in docs/benchmark.md; in short:

- G1 a construct is compared only with at least `minimum` other networks (never below 5);
- G2 the networks the viewer cannot see (other workspaces, imported reference sets) are none or at
  least `minimum`, so a consultant cannot subtract the networks of their own workspace;
- G3 filters (same sector, same network type) are offered only when every cell of the partition
  they make (in sector and type, out of sector and in type, …) is empty or safe by G1 and G2, per
  construct: any view and any difference of two views is then a union of safe cells;
- G4 no figure is one network's mean: a quartile that falls exactly on a network is the weighted
  mean of it and its two neighbours (1:2:1), otherwise the interpolation of two networks; figures
  are rounded to 0.1;
- G5 a construct whose other networks score alike (fewer than three different means at 0.1) is
  left out: the band would tell each network's score.

Peers answered with another version of the same questionnaire are read in this round's terms by
`diagnose.comparability`; another questionnaire (the quickscan) is not compared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diagnose.comparability import comparability
from diagnose.scores import Reference
from diagnose.text import LocalizedText

if TYPE_CHECKING:
    from diagnose.bundle import Bundle
    from diagnose.questionnaire import Questionnaire

#: the floor of `benchmark_minimum` in rules/ruleset.yaml: a deployment may raise it, never lower it
MINIMUM_FLOOR = 5
#: constructs with fewer different means (rounded to ROUNDING) among the others are left out (G5)
MIN_DISTINCT = 3
ROUNDING = 1  # decimals of every figure shown or exported

FILTERS = ("sector", "network_type")


@dataclass(frozen=True)
class Peer:
    """Another network, as the benchmark may know it: means only."""

    questionnaire: Reference
    means: Mapping[str, float]
    sector: str | None = None
    network_type: str | None = None
    # in the workspace of the network being compared: its people see this network's results anyway
    same_workspace: bool = False


@dataclass(frozen=True)
class Own:
    """The network being compared: its round's visible means and its profile."""

    questionnaire: Reference
    means: Mapping[str, float]
    sector: str | None = None
    network_type: str | None = None


@dataclass(frozen=True)
class Scope:
    """Which other networks: all, or those sharing the network's sector and/or type."""

    sector: bool = False
    network_type: bool = False

    @property
    def filters(self) -> tuple[str, ...]:
        return tuple(f for f in FILTERS if getattr(self, f))

    @classmethod
    def parse(cls, filters: Iterable[str]) -> Scope:
        chosen = set(filters)
        unknown = chosen - set(FILTERS)
        if unknown:
            raise ValueError(f"unknown benchmark filter(s): {', '.join(sorted(unknown))}")
        return cls(sector="sector" in chosen, network_type="network_type" in chosen)


ALL = Scope()


@dataclass(frozen=True)
class Band:
    """One construct: this network's mean among the others'."""

    construct: str
    own: float
    median: float
    low: float  # P25
    high: float  # P75
    above: int  # X in "hoger dan X van de Y netwerken": others with a lower mean
    networks: int  # Y


@dataclass(frozen=True)
class Comparison:
    """What the dashboard and the report show: the scope, how many networks, a band per construct."""

    scope: Scope
    networks: int  # other networks in the scope (each band may count fewer: those measuring it)
    bands: tuple[Band, ...]
    offered: tuple[Scope, ...]  # the scopes the viewer may choose between
    sector: str | None = None  # the own network's, for naming the filter
    network_type: str | None = None

    def heading_in(self, q: Questionnaire) -> LocalizedText:
        """The heading with the filter's values as the questionnaire names them."""
        return self.heading(_option(q, "sector", self.sector), _option(q, "network_type", self.network_type))

    def heading(self, sector: LocalizedText | None, network_type: LocalizedText | None) -> LocalizedText:
        """How many networks, and which filter: "Vergeleken met 12 andere netwerken (zelfde
        sector: po)". `sector` and `network_type` are the own network's values as people read them."""
        parts_nl: list[str] = []
        parts_en: list[str] = []
        if self.scope.sector and sector is not None:
            parts_nl.append(f"zelfde sector: {sector.nl}")
            parts_en.append(f"same sector: {sector.en}")
        if self.scope.network_type and network_type is not None:
            parts_nl.append(f"zelfde netwerktype: {network_type.nl}")
            parts_en.append(f"same network type: {network_type.en}")
        nl = f"Vergeleken met {self.networks} andere netwerken"
        en = f"Compared with {self.networks} other networks"
        if parts_nl:
            nl += f" ({'; '.join(parts_nl)})"
            en += f" ({'; '.join(parts_en)})"
        else:
            nl += " (alle sectoren en netwerktypen)"
            en += " (all sectors and network types)"
        return LocalizedText(nl=nl + ".", en=en + ".")


def _option(q: Questionnaire, fact: str, value: str | None) -> LocalizedText | None:
    item = q.fact_item(fact)
    if value is None:
        return None
    label = item.option_label(value) if item is not None else None
    return label or LocalizedText(nl=value, en=value)


def position_text(band: Band) -> LocalizedText:
    """ "hoger dan 7 van de 12 netwerken"."""
    return LocalizedText(
        nl=f"hoger dan {band.above} van de {band.networks} netwerken",
        en=f"higher than {band.above} of the {band.networks} networks",
    )


def checked_minimum(minimum: int) -> int:
    if minimum < MINIMUM_FLOOR:
        raise ValueError(f"the benchmark minimum is at least {MINIMUM_FLOOR}, not {minimum}")
    return minimum


def in_own_terms(bundle: Bundle, own: Reference, peers: Iterable[Peer]) -> list[Peer]:
    """The peers answered with the same questionnaire, their means under this round's construct
    ids (comparable ones only, diagnose.comparability); the others, and peers left with nothing
    comparable, are dropped."""
    found: list[Peer] = []
    for p in peers:
        if p.questionnaire.id != own.id:
            continue
        means = comparability(bundle, own, p.questionnaire).translate(p.means)
        if means:
            found.append(
                Peer(
                    own, means, sector=p.sector, network_type=p.network_type, same_workspace=p.same_workspace
                )
            )
    return found


def compare(own: Own, peers: Sequence[Peer], *, minimum: int, scope: Scope = ALL) -> Comparison | None:
    """The comparison of `own` with `peers` (already in own's terms: `in_own_terms`) in `scope`;
    None when the scope is not offered or no construct may be shown (G1–G5)."""
    minimum = checked_minimum(minimum)
    overall = _scopes(own, peers, minimum)
    offered = _distinct(overall, own, peers)
    if scope not in offered:
        return None
    members = [p for p in peers if _in_scope(p, own, scope)]
    bands: list[Band] = []
    for cid, mine in own.means.items():
        if not math.isfinite(mine):
            continue
        measuring = [p for p in peers if cid in p.means]
        # measured by every network: its cells are the overall ones, already counted
        scopes = overall if len(measuring) == len(peers) else _scopes(own, measuring, minimum)
        if scope not in scopes:
            continue
        values = sorted(p.means[cid] for p in members if cid in p.means)
        if len({round(v, ROUNDING) for v in values}) < MIN_DISTINCT:
            continue
        bands.append(
            Band(
                construct=cid,
                own=round(mine, ROUNDING),
                median=round(quartile(values, 0.5), ROUNDING),
                low=round(quartile(values, 0.25), ROUNDING),
                high=round(quartile(values, 0.75), ROUNDING),
                above=sum(1 for v in values if v < mine),
                networks=len(values),
            )
        )
    if not bands:
        return None
    return Comparison(
        scope, len(members), tuple(bands), tuple(offered), sector=own.sector, network_type=own.network_type
    )


def offered_scopes(own: Own, peers: Sequence[Peer], minimum: int) -> list[Scope]:
    """The scopes offered: the broadest filters whose cells are all empty or safe (G3), over the
    networks as a whole; a construct may be shown in fewer (its cells counted over the networks
    measuring it, in `compare`)."""
    return _distinct(_scopes(own, peers, minimum), own, peers)


def _scopes(own: Own, peers: Sequence[Peer], minimum: int) -> list[Scope]:
    usable = [f for f in FILTERS if getattr(own, f) is not None]
    for dims in _dimension_choices(usable):
        if all(_safe(cell, minimum) for cell in _cells(own, peers, dims)):
            if not _safe(peers, minimum, allow_empty=False):
                return []
            return [s for s in _all_scopes() if set(s.filters) <= set(dims)]
    return []


def _distinct(scopes: Sequence[Scope], own: Own, peers: Sequence[Peer]) -> list[Scope]:
    """The scopes that change what is compared: a filter that leaves out no network is not offered."""
    kept: list[tuple[Scope, int]] = []
    for s in scopes:
        count = sum(1 for p in peers if _in_scope(p, own, s))
        broader = [n for k, n in kept if set(k.filters) < set(s.filters)]
        if count and all(n != count for n in broader):
            kept.append((s, count))
    return [s for s, _ in kept]


def _dimension_choices(usable: Sequence[str]) -> list[tuple[str, ...]]:
    """Both filters, then each alone (sector first), then none."""
    choices: list[tuple[str, ...]] = []
    if len(usable) == 2:
        choices.append(tuple(usable))
    choices.extend((f,) for f in usable)
    choices.append(())
    return choices


def _all_scopes() -> list[Scope]:
    return [Scope(), Scope(sector=True), Scope(network_type=True), Scope(sector=True, network_type=True)]


def _in_scope(p: Peer, own: Own, scope: Scope) -> bool:
    return all(getattr(p, f) == getattr(own, f) for f in scope.filters)


def _cells(own: Own, peers: Sequence[Peer], dims: Sequence[str]) -> list[list[Peer]]:
    """The partition of `peers` by whether each filter in `dims` matches the own network."""
    cells: dict[tuple[bool, ...], list[Peer]] = {}
    for p in peers:
        key = tuple(getattr(p, f) == getattr(own, f) for f in dims)
        cells.setdefault(key, []).append(p)
    return list(cells.values())


def _safe(group: Sequence[Peer], minimum: int, *, allow_empty: bool = True) -> bool:
    """G1 and G2: empty (where allowed), or at least `minimum` networks of which those outside
    the viewer's workspace are none or at least `minimum`."""
    if not group:
        return allow_empty
    hidden = sum(1 for p in group if not p.same_workspace)
    return len(group) >= minimum and (hidden == 0 or hidden >= minimum)


def quartile(values: Sequence[float], p: float) -> float:
    """The p-quantile of sorted `values` that is never a single value (G4): between two networks,
    linear interpolation; exactly on one, the 1:2:1 weighted mean with its neighbours."""
    n = len(values)
    if n < 3:
        raise ValueError("a quartile needs at least three values")
    h = (n - 1) * p
    lo = math.floor(h)
    frac = h - lo
    if frac > 1e-9:
        return values[lo] + frac * (values[lo + 1] - values[lo])
    lo = min(max(lo, 1), n - 2)
    return (values[lo - 1] + 2 * values[lo] + values[lo + 1]) / 4
