"""Diagnoses: a round's submitted answers as the core's Round, diagnosed with its history (see
diagnose.store.chronology) and kept as snapshots; the network's history of rounds for trends."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from diagnose import diagnosis as core_diagnosis
from diagnose.agreements import Agreement, actions
from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.responses import Network, Response, Round, kept_response
from diagnose.scores import RoundScores
from diagnose.store import agreement_rows, bulk, models, records, round_scores
from diagnose.store import types as t
from diagnose.store.chronology import history_rounds, round_sort_key
from diagnose.store.db import among, id_slices
from diagnose.store.errors import NotFound
from diagnose.store.finding_texts import FindingTexts, Texts
from diagnose.store.models import utcnow
from diagnose.store.rounds import Rounds

# Core, not ORM (bulk.insert_rows): the ORM's bulk insert inspects each row's dict on the way (~10 µs per round)
_SNAPSHOTS = cast(Table, models.DiagnosisSnapshot.__table__)


class Diagnoses(Rounds):
    """Rounds as the core sees them, diagnosed and kept as snapshots."""

    def _submitted(self, s: Session, round_ids: Iterable[int]) -> dict[int, list[Response]]:
        R = models.Response
        result: dict[int, list[Response]] = {}
        conn = s.connection()  # plain columns: none of the ORM's work on each of ~14 rows a round
        for ids in id_slices(list(round_ids), self.db.dialect):
            rows = conn.execute(
                select(R.round_id, R.respondent, R.role, R.is_group, R.answers)
                .where(among(R.round_id, ids, self.db.dialect), R.status == "submitted")
                .order_by(R.round_id, R.id)
            )
            for round_id, respondent, role, group, answers in rows:
                result.setdefault(round_id, []).append(kept_response(respondent, role, group, answers or {}))
        return result

    def _drafts(self, s: Session, round_id: int) -> list[Response]:
        R, A = models.Response, models.Answer
        drafts = s.execute(
            select(R.id, R.respondent, R.role, R.is_group)
            .where(R.round_id == round_id, R.status == "draft")
            .order_by(R.id)
        ).all()
        answers: dict[int, dict[str, Any]] = {}
        for response_id, item_id, value in s.execute(
            select(A.response_id, A.item_id, A.value)
            .join(R, R.id == A.response_id)
            .where(R.round_id == round_id, R.status == "draft")
        ):
            answers.setdefault(response_id, {})[item_id] = value
        return [
            Response.model_construct(respondent=who, role=role, group=group, answers=answers[rid])
            for rid, who, role, group in drafts
            if rid in answers
        ]

    @staticmethod
    def _core_round(row: records.RoundRead, responses: list[Response]) -> Round:
        return Round.model_construct(label=row.label, date=row.date, responses=responses)

    def round_as_core(self, round_id: int, *, include_drafts: bool = False) -> Round:
        """The round as the core's Round: submitted responses (and drafts with answers if asked)."""
        with self.db.read() as s:
            row, _ = records.round_row(s, round_id)
            responses = self._submitted(s, [round_id]).get(round_id, [])
            if include_drafts:
                responses += self._drafts(s, round_id)
        return self._core_round(row, responses)

    def network_as_core(self, network_id: int) -> Network:
        info = self.get_network(network_id)
        return Network(name=info.name, profile=info.profile)

    def _questionnaire_for(self, row: records.RoundRead) -> Questionnaire:
        return self.db.bundle.questionnaire(row.questionnaire_id, row.questionnaire_version)

    def diagnose_round(self, round_id: int) -> t.Snapshot:
        """Diagnose the round's submitted answers (previous round as history); store a new snapshot.
        Raises ValidationFailed when the round has no submitted answers or cannot be scored."""
        with self.db.read() as s:
            row, _ = records.round_row(s, round_id)
        results, _ = self._diagnose_networks([(row.network_id, {round_id})], raise_errors=True)
        return self._store_snapshots(results)[0]

    @cached_property
    def _scores_digest(self) -> round_scores.ScoresDigest:
        return round_scores.ScoresDigest(self.db.bundle)

    @cached_property
    def _finding_texts(self) -> FindingTexts:
        return FindingTexts()

    def snapshot_from_row(self, s: Session, row: models.DiagnosisSnapshot) -> t.Snapshot:
        """A stored snapshot with its finding texts in place (for rooms that read snapshots in
        their own session, such as export)."""
        return records.to_snapshot(
            row, round_scores.merge(self._finding_texts.unpack(s, row.data), row.scores)
        )

    def _snapshot_values(self, results: Iterable[Diagnosed]) -> _SnapshotBatch:
        """The rows of these rounds' snapshots, and the finding texts they refer to. `results` is
        gone through once: a re-diagnosis hands them over one by one (drained), so each round's
        diagnosis and scores are let go of as soon as its row is made, while they are still in
        the processor's cache from being serialised."""
        now = utcnow()
        texts: Texts = {}
        values = []
        for r in results:
            d = r.diagnosis
            if round_scores.WRITE_FROM_SCORES and round_scores.shares_scores(d, r.current):
                data, used = self._finding_texts.pack(d, round_scores.SHARED)
                data = round_scores.mark_shared(data)
            elif r.lean:  # its respondents' scores are only in the kept scores
                raise RuntimeError(f"round {r.round_id}: a lean diagnosis stored without its kept scores")
            else:
                data, used = self._finding_texts.pack(d)
            texts.update(used)
            values.append(
                {
                    "round_id": r.round_id,
                    "created_at": now,
                    "questionnaire_id": d.questionnaire.id,
                    "questionnaire_version": d.questionnaire.version,
                    "ruleset_id": d.ruleset.id,
                    "ruleset_version": d.ruleset.version,
                    "respondents": d.round.respondents,
                    "data": data,  # serialised by pydantic-core: ~5x faster than json.dumps
                    "scores": r.scores,
                    "scores_inputs": r.scores_inputs,
                }
            )
        return _SnapshotBatch(values, texts)

    def _store_snapshots(self, results: Sequence[Diagnosed]) -> list[t.Snapshot]:
        batch = self._snapshot_values(results)
        if len(batch.values) == 1:
            with self.db.write() as s:
                self._finding_texts.store(s, batch.texts)
                row = models.DiagnosisSnapshot(**batch.values[0])
                s.add(row)
                s.flush()
                # the ORM object holds the JSON text it was given; hand out the parsed document
                snapshot = records.to_snapshot(row, results[0].diagnosis.model_dump(mode="json"))
            self._finding_texts.stored(batch.texts.keys())
            return [snapshot]
        self._insert_snapshots(batch)
        return []

    def _insert_snapshots(self, batch: _SnapshotBatch) -> None:
        if batch.values:
            with self.db.write() as s:
                self._finding_texts.store(s, batch.texts)
                bulk.insert_rows(s, _SNAPSHOTS, batch.values)
            self._finding_texts.stored(batch.texts.keys())

    def latest_snapshot(self, round_id: int) -> t.Snapshot | None:
        with self.db.read() as s:
            row = s.scalars(
                select(models.DiagnosisSnapshot)
                .where(models.DiagnosisSnapshot.round_id == round_id)
                .order_by(models.DiagnosisSnapshot.id.desc())
                .limit(1)
            ).first()
            return self.snapshot_from_row(s, row) if row else None

    def snapshots(self, round_id: int) -> list[t.Snapshot]:
        """Every stored diagnosis of the round, oldest first."""
        with self.db.read() as s:
            return [
                self.snapshot_from_row(s, r)
                for r in s.scalars(
                    select(models.DiagnosisSnapshot)
                    .where(models.DiagnosisSnapshot.round_id == round_id)
                    .order_by(models.DiagnosisSnapshot.id)
                )
            ]

    def network_history(self, network_id: int) -> list[t.RoundHistory]:
        """The network's rounds oldest first, each with its counts and latest snapshot (trend charts)."""
        rounds = self.list_rounds(network_id)
        ids = [r.id for r in rounds]
        counts = self._counts(ids)
        S = models.DiagnosisSnapshot
        with self.db.read() as s:
            latest = select(func.max(S.id)).where(S.round_id.in_(ids)).group_by(S.round_id).scalar_subquery()
            snaps = {
                row.round_id: self.snapshot_from_row(s, row)
                for row in s.scalars(select(S).where(S.id.in_(latest)))
            }
        return [t.RoundHistory(r, counts[r.id], snaps.get(r.id)) for r in rounds]

    def history_round(self, round_id: int) -> t.RoundInfo | None:
        """The round whose scores are this round's history when it is diagnosed (the rule is
        chronology.history_rounds); None for a round without submitted answers or without an
        earlier round that has them."""
        with self.db.read() as s:
            row, workspace_id = records.round_row(s, round_id)
            siblings = self._rounds_in_order(s, row.network_id)
            keys = round_scores.submitted_keys(s, self.db.dialect, [r.id for r in siblings])
            minimum = self.db.bundle.settings.anonymity_minimum
            rates = self._rates(s, siblings)
            before = history_rounds([r.id for r in siblings], keys, minimum, rates).get(round_id)
            return next((records.to_round(r, workspace_id) for r in siblings if r.id == before), None)

    def _rates(self, s: Session, rounds: Sequence[records.RoundRead]) -> dict[int, tuple[int, int | None]]:
        """(invited, threshold) of the rounds that set a response-rate threshold (for history_rounds)."""
        with_rate = [r for r in rounds if r.response_rate_minimum]
        if not with_rate:
            return {}
        invited = self._invited(s, [r.id for r in with_rate])
        return {r.id: (invited.get(r.id, 0), r.response_rate_minimum) for r in with_rate}

    @staticmethod
    def _rounds_in_order(s: Session, network_id: int) -> list[models.Round]:
        rows = s.scalars(select(models.Round).where(models.Round.network_id == network_id))
        return sorted(rows, key=round_sort_key)

    def _diagnose_networks(
        self, items: Sequence[tuple[int, set[int]]], *, raise_errors: bool = False, lean: bool = False
    ) -> tuple[list[Diagnosed], list[tuple[int, str]]]:
        """Diagnose the wanted rounds of these networks, each network oldest first, each round with
        its history round's scores (chronology.history_rounds; made with that round's own
        questionnaire, none when that round cannot be scored). Everything is read in one session
        with a handful of queries for all the networks together (_read_networks), then diagnosed
        without the database. A round whose kept scores still match their inputs is not scored
        again. A wanted round that cannot be diagnosed is listed with the reason, or with
        raise_errors its ValidationFailed is raised. `lean`: kept scores are read without the
        respondents' own scores (round_scores.unpack_for_rules), for diagnoses that go only into
        snapshots stored with their kept scores (a re-diagnosis; _snapshot_values checks it)."""
        with self.db.read() as s:
            read = self._read_networks(s, items)
        self._score_answers(read)
        pending: list[_Pending] = []
        skipped: list[tuple[int, str]] = []
        for network in read:
            self._diagnose_read(network, pending, skipped, raise_errors=raise_errors, lean=lean)
        return self._diagnose_pending(pending, skipped, raise_errors=raise_errors), skipped

    def _diagnose_pending(
        self, pending: list[_Pending], skipped: list[tuple[int, str]], *, raise_errors: bool
    ) -> list[Diagnosed]:
        """The rules over every pending round in one call (core_diagnosis.diagnose_many); if that
        fails, round by round, so that one round that cannot be diagnosed does not hold up the others."""
        try:
            diagnoses = core_diagnosis.diagnose_many(self.db.bundle, [p.scored for p in pending])
        except ValidationFailed:
            if len(pending) == 1 or raise_errors:
                raise
        else:
            return [
                Diagnosed(p.round_id, d, p.scores_inputs, p.blob(), p.scored.current, p.lean)
                for p, d in zip(pending, diagnoses, strict=True)
            ]
        results: list[Diagnosed] = []
        for p in pending:
            try:
                results += self._diagnose_pending([p], skipped, raise_errors=True)
            except ValidationFailed as exc:
                skipped.append((p.round_id, exc.format("en")))
        return results

    def _read_networks(self, s: Session, items: Sequence[tuple[int, set[int]]]) -> list[_NetworkRead]:
        """What diagnosing the wanted rounds of these networks needs from the database: the same
        few queries however many networks (store/db.py id_slices)."""
        net_ids = [net_id for net_id, _ in items]
        nets = {
            row.id: row
            for ids in id_slices(net_ids, self.db.dialect)
            for row in s.scalars(select(models.Network).where(among(models.Network.id, ids, self.db.dialect)))
        }
        for net_id in net_ids:
            if net_id not in nets:
                raise NotFound("network", net_id)
        siblings_of: dict[int, list[records.RoundRead]] = {net_id: [] for net_id in net_ids}
        conn = s.connection()  # the columns re-diagnosis reads, not ORM objects (~15 µs a round)
        for ids in id_slices(net_ids, self.db.dialect):
            for columns in conn.execute(
                records.ROUND_COLUMNS.where(among(models.Round.network_id, ids, self.db.dialect))
            ):
                siblings_of[columns.network_id].append(cast(records.RoundRead, columns))
        every_round = [row for rows in siblings_of.values() for row in rows]
        keys = round_scores.submitted_keys(s, self.db.dialect, [r.id for r in every_round])
        rates = self._rates(s, every_round)
        minimum = self.db.bundle.settings.anonymity_minimum
        read: list[_NetworkRead] = []
        for net_id, wanted in items:
            siblings = sorted(siblings_of[net_id], key=round_sort_key)
            history = history_rounds([r.id for r in siblings], keys, minimum, rates)
            needed = {rid for rid in wanted if rid in history}
            needed |= {before for rid in needed if (before := history[rid]) is not None}
            net = nets[net_id]
            read.append(
                _NetworkRead(
                    net.name,
                    Network(name=net.name, profile=net.profile or {}),
                    siblings,
                    wanted,
                    history,
                    needed,
                )
            )
        every_needed = [rid for n in read for rid in n.needed]
        kept = round_scores.kept(s, self.db.dialect, every_needed)
        # what was agreed after each wanted round's history round: its `action.C` facts
        made = agreement_rows.agreements_of(
            s, sorted({b for n in read for rid in n.wanted if (b := n.history.get(rid)) is not None})
        )
        to_score: list[int] = []
        for n in read:
            n.kept = {rid: kept[rid] for rid in n.needed if rid in kept}
            n.made = made
            for row in n.siblings:
                if row.id in n.needed:
                    try:
                        q = self._questionnaire_for(row)
                    except ValidationFailed:
                        continue  # reported where the round is diagnosed
                    n.inputs[row.id] = self._scores_digest.of(
                        q, n.network.profile, row.label, row.date, keys[row.id]
                    )
            to_score += [rid for rid in n.needed if n.kept.get(rid, ("", b""))[0] != n.inputs.get(rid)]
        answers = self._submitted(s, to_score)
        for n in read:
            n.answers = {rid: answers[rid] for rid in n.needed if rid in answers}
        return read

    def _diagnose_read(
        self,
        n: _NetworkRead,
        pending: list[_Pending],
        skipped: list[tuple[int, str]],
        *,
        raise_errors: bool,
        lean: bool = False,
    ) -> None:
        """One network's wanted rounds, from what _read_networks read (no database), scored and
        ready for the rules (`lean`: see _diagnose_networks)."""
        scored: dict[int, RoundScores] = {}
        for row in n.siblings:
            if row.id not in n.history:
                if row.id in n.wanted:
                    if raise_errors:
                        raise ValidationFailed(
                            [Problem("no-responses", file=f"{n.name} / {row.label}", id="round")]
                        )
                    skipped.append((row.id, "no submitted responses"))
                continue
            if row.id not in n.needed:
                continue
            try:
                q = self._questionnaire_for(row)
                blob: bytes | None = None
                if row.id in n.kept and n.kept[row.id][0] == n.inputs[row.id]:
                    blob = n.kept[row.id][1]
                    scores = round_scores.unpack_for_rules(blob) if lean else round_scores.unpack(blob)
                elif row.id in n.fresh:
                    scores = n.fresh[row.id].scores()
                else:
                    scores, _ = core_diagnosis.check_and_score(
                        self.db.bundle,
                        q,
                        self._core_round(row, n.answers.get(row.id, [])),
                        network=n.network,
                        file=f"{n.name} / {row.label}",
                    )
                scored[row.id] = scores
                if row.id in n.wanted:
                    before = n.history[row.id]
                    previous = scored.get(before) if before is not None else None
                    # agreements are known once any were recorded after the history round
                    agreed = (
                        actions(n.made[before], self.db.bundle)
                        if before is not None and n.made[before]
                        else None
                    )
                    pending.append(
                        _Pending(
                            row.id,
                            core_diagnosis.Scored(q, scores, previous, n.network, agreed),
                            n.inputs[row.id],
                            blob,
                            lean and blob is not None,
                        )
                    )
            except ValidationFailed as exc:
                if row.id in n.wanted:
                    if raise_errors:
                        raise
                    skipped.append((row.id, exc.format("en")))

    def _score_answers(self, read: list[_NetworkRead]) -> None:
        """Every round read with its answers (no kept scores to reuse) checked and scored in one
        call, the rounds of a questionnaire together (core check_and_score_many): each its own
        scores, or the problems that keep it from being scored (raised where it is diagnosed)."""
        todo: list[tuple[_NetworkRead, int]] = []
        entries = []
        for n in read:
            for row in n.siblings:
                if row.id in n.answers:
                    try:
                        q = self._questionnaire_for(row)
                    except ValidationFailed:
                        continue  # reported where the round is diagnosed
                    todo.append((n, row.id))
                    entries.append(
                        (q, self._core_round(row, n.answers[row.id]), n.network, f"{n.name} / {row.label}")
                    )
        for (n, round_id), result in zip(
            todo, core_diagnosis.check_and_score_many(self.db.bundle, entries), strict=True
        ):
            n.fresh[round_id] = _Fresh(result)


@dataclasses.dataclass
class _NetworkRead:
    """One network's rounds and what diagnosing its wanted rounds needs, as read (see _read_networks)."""

    name: str
    network: Network
    siblings: list[records.RoundRead]  # oldest first (chronology.round_sort_key)
    wanted: set[int]
    history: dict[int, int | None]  # chronology.history_rounds
    needed: set[int]  # the wanted rounds that can be diagnosed, and their history rounds
    inputs: dict[int, str] = dataclasses.field(default_factory=dict)  # scores digest per needed round
    kept: dict[int, tuple[str, bytes]] = dataclasses.field(default_factory=dict)
    made: dict[int, list[Agreement]] = dataclasses.field(default_factory=dict)
    answers: dict[int, list[Response]] = dataclasses.field(default_factory=dict)
    fresh: dict[int, _Fresh] = dataclasses.field(default_factory=dict)  # scored from `answers`


@dataclasses.dataclass(frozen=True)
class _Fresh:
    """A round's scores made from its answers, or the problems that kept it from being scored."""

    result: RoundScores | ValidationFailed

    def scores(self) -> RoundScores:
        if isinstance(self.result, ValidationFailed):
            raise self.result
        return self.result


@dataclasses.dataclass(frozen=True)
class _SnapshotBatch:
    values: list[dict[str, Any]]
    texts: Texts  # the finding texts the snapshots refer to, by digest


@dataclasses.dataclass(frozen=True)
class _Pending:
    """A round scored and ready for the rules, with its kept scores if they were reused."""

    round_id: int
    scored: core_diagnosis.Scored
    scores_inputs: str
    kept: bytes | None
    lean: bool = False  # its scores read without the respondents' own (round_scores.unpack_for_rules)

    def blob(self) -> bytes:
        return self.kept or round_scores.pack(self.scored.current)


@dataclasses.dataclass(frozen=True)
class Diagnosed:
    """One round diagnosed, with the scores to keep in its snapshot."""

    round_id: int
    diagnosis: core_diagnosis.Diagnosis
    scores_inputs: str
    scores: bytes
    current: RoundScores  # what `scores` holds (lean: but the respondents' own scores)
    lean: bool = False
