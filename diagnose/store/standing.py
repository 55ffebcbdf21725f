"""Each round's standing: the construct means of its latest diagnosis kept as rows, for the
portfolio (one row per network) and the benchmark (other networks' latest means).

    store.latest_standings([network ids], last=2) -> {network id: [RoundStanding, newest first]}
    store.latest_open_means(questionnaire_id=..., version=..., exclude_network_id=...)
        -> {network id: RoundStanding}

**Filled lazily** (store/standing_fill.py). Every read first brings the rows of the rounds it
reads up to date from their latest snapshots' stored scores; after a re-diagnosis with an
unchanged scores digest only the snapshot id is moved on. Rounds deleted take their rows with
them (foreign keys, on delete cascade).

**Closed results are never handed out.** A round's results are open by the core's one rule
(`diagnose.diagnosis.results_open`: the anonymity minimum, or only group answers, and the round's
own response-rate threshold). The row keeps the verdict when it was filled (`results_open`, for
SQL), and every read asks the rule again with today's invited count and minimum, since links can
be issued after a diagnosis: a standing whose results are closed is left out of every answer.

**Only the rounds answered with are read.** Each network's newest standings are picked in SQL by
the store's round order (`row_number()` per network, `_newest_first`: chronology.round_sort_key
in SQL), the rule above is asked on them, and only a network with too few open ones among them has
its older ones read. A round's means come as one row, JSON objects by construct made in SQL, kept
column-wise (`Means`); a portfolio of 1,000 networks reads 2,000 of them, not 80,000 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pydantic_core import from_json
from sqlalchemy import Date, Index, Text, cast, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from diagnose.diagnosis import results_open
from diagnose.portfolio import LatestRound
from diagnose.store import models
from diagnose.store.db import among, id_slices
from diagnose.store.standing_fill import StandingFill

# Standings read per network beyond the `last` asked. Open results are decided in Python (today's
# invited count), so a network with too few open ones among its newest last + SPARE has its older
# ones read in a second query; with 0, only networks with a closed one among their newest `last`.
SPARE = 0


class ConstructMean(NamedTuple):
    mean: float | None  # None: the construct was not scored in the round
    respondents: int
    band: str | None  # "strength" / "attention" / "concern"; None for a signal or an unscored one


class Means(Mapping[str, ConstructMean]):
    """A round's construct means, read as {construct id: ConstructMean} but kept as three dicts
    by construct (`mean`, `respondents`, `band`), as SQL hands them over: a portfolio reads tens
    of thousands, and a tuple each cost more than the query (and the garbage collector's passes
    over them). The portfolio reads `mean` and `band` as they are."""

    __slots__ = ("band", "mean", "respondents")

    def __init__(
        self,
        mean: Mapping[str, float | None] | None = None,
        respondents: Mapping[str, int] | None = None,
        band: Mapping[str, str | None] | None = None,
    ) -> None:
        self.mean: Mapping[str, float | None] = mean or {}
        self.respondents: Mapping[str, int] = respondents or {}
        self.band: Mapping[str, str | None] = band or {}

    def __getitem__(self, construct_id: str) -> ConstructMean:
        return ConstructMean(self.mean[construct_id], self.respondents[construct_id], self.band[construct_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self.mean)

    def __len__(self) -> int:
        return len(self.mean)

    def __repr__(self) -> str:
        return f"Means({dict(self.items())!r})"


@dataclass(frozen=True)
class RoundStanding:
    """A round whose results are open, as its latest diagnosis scored it."""

    round_id: int
    network_id: int
    label: str
    date: dt.date | None  # the round's date (None: not set; ordered by when it was made)
    questionnaire_id: str
    questionnaire_version: str
    respondents: int
    means: Means = field(default_factory=Means)
    # the round's single-valued profile facts as answered, e.g. {"network_type": "learning"}
    facts: Mapping[str, str] = field(default_factory=dict)
    snapshot_id: int = 0  # the diagnosis these means are from (its latest)


class Standing(StandingFill):
    """Rounds' construct means as rows (see the module docstring)."""

    # --- reading -------------------------------------------------------------------------------

    def latest_standings(
        self, network_ids: Sequence[int], *, last: int = 2
    ) -> dict[int, list[RoundStanding]]:
        """Per network, its `last` most recent rounds whose results are open, newest first (in the
        store's round order: by date, undated rounds by when they were made), with their means. A
        network without such a round maps to [].

        Read in SQL by the round order (`row_number()` per network): each network's `last` +
        SPARE newest standings, then the core's rule on today's counts (`_open_only`); only for
        a network with too few open ones among them are its older standings read."""
        ids = list(dict.fromkeys(network_ids))
        self.refresh_standings(ids)
        with self.db.read() as s:
            found = self._newest_open(s, last, network_ids=ids)
            means = self._means(s, [row[0] for chosen in found.values() for row in chosen])
        return {
            nid: [_standing(row, means.get(row[0], _NO_MEANS)) for row in found.get(nid, [])] for nid in ids
        }

    def latest_open_means(
        self, *, questionnaire_id: str, version: str | None, exclude_network_id: int | None = None
    ) -> dict[int, RoundStanding]:
        """Per network in every workspace (but `exclude_network_id`), its most recent round with
        open results answered with this questionnaire and version (None: any version, the most
        recent of them), with its means: what a benchmark compares a network with. Networks
        without such a round are absent."""
        self.refresh_standings(None)
        S = models.RoundStanding
        where = [S.questionnaire_id == questionnaire_id]
        if version is not None:
            where.append(S.questionnaire_version == version)
        if exclude_network_id is not None:
            where.append(S.network_id != exclude_network_id)
        with self.db.read() as s:
            latest = {nid: rows[0] for nid, rows in self._newest_open(s, 1, where=where).items()}
            means = self._means(s, [row[0] for row in latest.values()])
        return {nid: _standing(row, means.get(row[0], _NO_MEANS)) for nid, row in latest.items()}

    def _newest_open(
        self,
        s: Session,
        last: int,
        *,
        network_ids: Sequence[int] | None = None,
        where: Sequence[ColumnElement[bool]] = (),
    ) -> dict[int, list[Any]]:
        """Per network (of `network_ids`; None: every network), its `last` newest standings (rows
        of _COLUMNS) meeting `where` whose results are open today, newest first; networks without
        one are absent. Ranked in SQL by the round order (`row_number()` per network), each
        network's `last` + SPARE newest are read and the core's rule asked on today's counts
        (`_open_only`); only a network with too few open ones among them has its older ones read."""
        cap = last + SPARE
        found: dict[int, list[Any]] = {}
        rows = self._ranked_standings(s, network_ids, where, above=0, upto=cap)
        read: dict[int, int] = {}
        for row in rows:
            read[row[_NETWORK]] = read.get(row[_NETWORK], 0) + 1
        for row in self._open_only(s, rows):
            kept = found.setdefault(row[_NETWORK], [])
            if len(kept) < last:
                kept.append(row)
        short = [nid for nid, n in read.items() if n == cap and len(found.get(nid, ())) < last]
        if short:
            for row in self._open_only(s, self._ranked_standings(s, short, where, above=cap, upto=None)):
                kept = found.setdefault(row[_NETWORK], [])
                if len(kept) < last:
                    kept.append(row)
        return found

    def _ranked_standings(
        self,
        s: Session,
        network_ids: Sequence[int] | None,
        where: Sequence[ColumnElement[bool]],
        *,
        above: int,
        upto: int | None,
    ) -> list[Any]:
        """The standing rows (_COLUMNS) meeting `where` of these networks (None: every network)
        whose rank in the round order, newest first, lies in (above, upto]; by network, newest
        first."""
        S = models.RoundStanding
        conn = s.connection()
        chunks: list[Sequence[int] | None] = (
            [None] if network_ids is None else list(id_slices(network_ids, self.db.dialect))
        )
        rows: list[Any] = []
        for chunk in chunks:
            rank = func.row_number().over(partition_by=S.network_id, order_by=self._newest_first())
            ranked = (
                select(*_COLUMNS, rank.label("rank")).join(S, S.round_id == models.Round.id).where(*where)
            )
            if chunk is not None:
                ranked = ranked.where(among(S.network_id, chunk, self.db.dialect))
            sub = ranked.subquery()
            query = select(*list(sub.c)[: len(_COLUMNS)]).where(sub.c.rank > above)
            if upto is not None:
                query = query.where(sub.c.rank <= upto)
            rows += conn.execute(query.order_by(sub.c.network_id, sub.c.rank)).all()
        return rows

    def _newest_first(self) -> list[UnaryExpression[Any]]:
        """The store's round order (chronology.round_sort_key) in SQL, newest first: by date, a
        round without one by the day it was made, then when it was made, then by id."""
        R = models.Round
        return [func.coalesce(R.date, self._made_day()).desc(), R.created_at.desc(), R.id.desc()]

    def _made_day(self) -> ColumnElement[dt.date]:
        """The day a round was made, in UTC as the store keeps its times (whatever the session's
        zone): `created_at.date()` in SQL."""
        R = models.Round
        if self.db.dialect == "postgresql":
            return cast(func.timezone("UTC", R.created_at), Date)
        return func.date(R.created_at, type_=Date)

    def latest_rounds(self, network_ids: Sequence[int]) -> dict[int, LatestRound]:
        """Per network, its most recent round whatever its state (the store's round order), with
        the links issued, the questionnaires handed in, why its results are closed (None: open;
        Rounds.closed_results) and its deadline. Networks without rounds are absent."""
        ids = list(dict.fromkeys(network_ids))
        latest: dict[int, Any] = {}
        R, Mail = models.Round, models.RoundMail
        with self.db.read() as s:
            conn = s.connection()
            for chunk in id_slices(ids, self.db.dialect):
                rank = func.row_number().over(partition_by=R.network_id, order_by=self._newest_first())
                ranked = (
                    select(
                        R.id,
                        R.network_id,
                        R.label,
                        R.date,
                        self._made_day().label("made"),
                        R.closed_at.is_(None).label("is_open"),
                        rank.label("rank"),
                    )
                    .where(among(R.network_id, chunk, self.db.dialect))
                    .subquery()
                )
                for rnd in conn.execute(
                    select(*list(ranked.c)[:-1], Mail.deadline)
                    .outerjoin(Mail, Mail.round_id == ranked.c.id)
                    .where(ranked.c.rank == 1)
                ):
                    latest[rnd.network_id] = rnd
        round_ids = [r.id for r in latest.values()]
        counts = self._counts(round_ids)
        closed = self.closed_results([r.id for r in latest.values() if not r.is_open])
        return {
            nid: LatestRound(
                label=rnd.label,
                date=rnd.date,
                created=rnd.made,
                is_open=bool(rnd.is_open),
                invited=counts[rnd.id].invited,
                submitted=counts[rnd.id].submitted,
                closed=closed.get(rnd.id),
                deadline=rnd.deadline,
                round_id=rnd.id,
            )
            for nid, rnd in latest.items()
        }

    def edit_versions(self, round_ids: Sequence[int]) -> dict[int, int]:
        """Per round, the version of the consultant's edit (rounds never edited are absent)."""
        E = models.RoundEdit
        found: dict[int, int] = {}
        with self.db.read() as s:
            for chunk in id_slices(round_ids, self.db.dialect):
                found |= {
                    int(rid): int(v)
                    for rid, v in s.execute(
                        select(E.round_id, func.max(E.version))
                        .where(among(E.round_id, chunk, self.db.dialect))
                        .group_by(E.round_id)
                    ).all()
                }
        return found

    def open_agreement_counts(self, network_ids: Sequence[int]) -> dict[int, int]:
        """Per network, its agreements still planned or under way (their latest status)."""
        ids = list(dict.fromkeys(network_ids))
        A, St = models.Agreement, models.AgreementStatus
        status: dict[int, tuple[dt.date, int, str, int]] = {}
        with self.db.read() as s:
            for chunk in id_slices(ids, self.db.dialect):
                for nid, aid, sid, date, state in s.execute(
                    select(models.Round.network_id, A.id, St.id, St.date, St.status)
                    .join(A, A.round_id == models.Round.id)
                    .join(St, St.agreement_id == A.id)
                    .where(among(models.Round.network_id, chunk, self.db.dialect))
                ):
                    known = status.get(aid)
                    if known is None or (date, sid) > known[:2]:
                        status[aid] = (date, sid, state, nid)
        found = dict.fromkeys(ids, 0)
        for _, _, state, nid in status.values():
            if state in ("planned", "under_way"):
                found[nid] += 1
        return found

    def _open_only(self, s: Session, rows: list[Any]) -> list[Any]:
        """The rows whose results are open today (the core's results_open, today's invited count)."""
        minimum = self.db.bundle.settings.anonymity_minimum
        with_rate = [row.id for row in rows if row.response_rate_minimum]
        invited: dict[int, int] = {}
        for chunk in id_slices(with_rate, self.db.dialect):
            invited |= self._invited(s, chunk)
        return [
            row
            for row in rows
            if results_open(
                row.respondents,
                row.group_only,
                minimum,
                invited=invited.get(row.id, 0),
                rate_minimum=row.response_rate_minimum,
            )
        ]

    def _means(self, s: Session, round_ids: Sequence[int]) -> dict[int, Means]:
        """Per round, its construct means: one row per round, with its means, respondents and
        bands each as a JSON object by construct made in SQL (_MEANS_DOCUMENTS), since a row per
        construct (16 a round: 32,000 for a portfolio of 1,000 networks) cost more than all the
        rest of the read. A round without means is absent."""
        M = models.RoundConstructMean
        mean, respondents, band = [literal_column(d, Text) for d in _MEANS_DOCUMENTS[self.db.dialect]]
        integral = self.db.dialect == "postgresql"  # its JSON writes the double 4.0 as 4
        found: dict[int, Means] = {}
        conn = s.connection()
        for chunk in id_slices(round_ids, self.db.dialect):
            for rid, means, counts, bands in conn.execute(
                select(M.round_id, mean, respondents, band)
                .where(among(M.round_id, chunk, self.db.dialect))
                .group_by(M.round_id)
            ):
                values = from_json(means)
                if integral:
                    values = {c: None if v is None else float(v) for c, v in values.items()}
                found[rid] = Means(values, from_json(counts), from_json(bands))
        return found


_COLUMNS = (
    models.Round.id,
    models.Round.label,
    models.Round.date,
    models.Round.response_rate_minimum,
    models.RoundStanding.network_id,
    models.RoundStanding.questionnaire_id,
    models.RoundStanding.questionnaire_version,
    models.RoundStanding.respondents,
    models.RoundStanding.group_only,
    models.RoundStanding.facts,
    models.RoundStanding.snapshot_id,
)
_NETWORK = 4  # the network's id in a row of _COLUMNS

# The portfolio counts the links and answers of every network's latest round at each view
# (Rounds._counts); this index holds all that count reads, so PostgreSQL no longer reads the whole
# response table for it (migration 0011). Declared beside its reason, like benchmark_rows.py, and
# attached to the table when the store is loaded.
Index(
    "ix_response_round_counts",
    models.Response.round_id,
    models.Response.status,
    models.Response.invitation_id,
    models.Response.id,
)


# A round's means, respondents and bands, each as a JSON object by construct id. A mean goes as
# SQLite's quote() writes it, which gives the double back exactly (its JSON functions keep only 15
# digits, which does not); PostgreSQL writes a double as the shortest text that gives it back.
# In no set order: nothing reads a round's means in order (the core orders by the catalogue).
_C = "round_construct_mean."
_MEANS_DOCUMENTS = {
    "sqlite": (
        f"'{{' || group_concat(json_quote({_C}construct_id) || ':' || CASE WHEN {_C}mean IS NULL"
        f" THEN 'null' ELSE quote({_C}mean) END, ',') || '}}'",
        f"json_group_object({_C}construct_id, {_C}respondents)",
        f"json_group_object({_C}construct_id, {_C}band)",
    ),
    "postgresql": (
        f"CAST(json_object_agg({_C}construct_id, {_C}mean) AS TEXT)",
        f"CAST(json_object_agg({_C}construct_id, {_C}respondents) AS TEXT)",
        f"CAST(json_object_agg({_C}construct_id, {_C}band) AS TEXT)",
    ),
}


def _standing(row: Any, means: Means) -> RoundStanding:
    # by position, in the order of _COLUMNS: a name costs 10x more, and a portfolio reads thousands
    rid, label, date, _, network_id, qid, version, respondents, _, facts, snapshot_id = row
    return RoundStanding(
        round_id=rid,
        network_id=network_id,
        label=label,
        date=date,
        questionnaire_id=qid,
        questionnaire_version=version,
        respondents=respondents,
        means=means,
        facts=dict(facts or {}),
        snapshot_id=snapshot_id,
    )


_NO_MEANS = Means()

__all__ = ["ConstructMean", "Means", "RoundStanding", "Standing"]
