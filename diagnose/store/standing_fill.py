"""Filling the standing rows (store/standing.py reads them): a round's latest snapshot's means,
respondents and profile facts as rows, filled lazily when read.

A round whose latest snapshot is not the one its row was made from is filled again from that
snapshot's stored scores (`diagnosis_snapshot.scores`, round_scores.py; a snapshot from before
scores were kept: the scores in its diagnosis). When the snapshot's scores digest (`scores_inputs`)
is the one the row was made from, the means cannot have changed and only the snapshot id is moved
on: a re-diagnosis of every round after a rule change reads no score blob again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic_core import from_json
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from diagnose.diagnosis import results_open
from diagnose.store import codec, models
from diagnose.store.models import utcnow
from diagnose.store.rounds import Rounds

FILL_BATCH = 200  # snapshots whose scores are read in one query


class StandingFill(Rounds):
    """Bringing the standing rows up to date with the rounds' latest snapshots."""

    def refresh_standings(self, network_ids: Sequence[int] | None = None) -> int:
        """Bring the standing rows of these networks' rounds (None: every network) up to date with
        their latest snapshots; returns how many rounds were filled from their scores (rounds whose
        digest was unchanged only move their snapshot id and are not counted)."""
        stale = self._stale(network_ids)
        if not stale:
            return 0
        moved = {rid: sid for rid, (sid, inputs, known) in stale.items() if inputs and inputs == known}
        refill = [rid for rid in stale if rid not in moved]
        if moved:
            now = utcnow()
            with self.db.write() as s:
                s.execute(
                    update(models.RoundStanding),
                    [{"round_id": rid, "snapshot_id": sid, "computed_at": now} for rid, sid in moved.items()],
                )
        for start in range(0, len(refill), FILL_BATCH):
            self._fill(refill[start : start + FILL_BATCH], {rid: stale[rid][0] for rid in refill})
        return len(refill)

    def _stale(self, network_ids: Sequence[int] | None) -> dict[int, tuple[int, str | None, str | None]]:
        """Rounds whose latest snapshot is not their standing's: round id → (that snapshot's id,
        its scores digest, the digest the standing row was made from)."""
        D, S = models.DiagnosisSnapshot, models.RoundStanding
        found: dict[int, tuple[int, str | None, str | None]] = {}
        chunks: Iterable[Sequence[int] | None] = (
            [None]
            if network_ids is None
            else [network_ids[i : i + 500] for i in range(0, len(network_ids), 500)]
        )
        with self.db.read() as s:
            for chunk in chunks:
                latest = select(D.round_id, func.max(D.id).label("sid")).group_by(D.round_id)
                if chunk is not None:
                    latest = latest.join(models.Round, models.Round.id == D.round_id).where(
                        models.Round.network_id.in_(chunk)
                    )
                sub = latest.subquery()
                rows = s.execute(
                    select(sub.c.round_id, sub.c.sid, D.scores_inputs, S.scores_inputs)
                    .join(D, D.id == sub.c.sid)
                    .outerjoin(S, S.round_id == sub.c.round_id)
                    .where(or_(S.round_id.is_(None), S.snapshot_id != sub.c.sid))
                )
                for rid, sid, inputs, known in rows:
                    found[rid] = (sid, inputs, known)
        return found

    def _fill(self, round_ids: list[int], snapshot_of: Mapping[int, int]) -> None:
        D = models.DiagnosisSnapshot
        minimum = self.db.bundle.settings.anonymity_minimum
        standings: list[dict[str, Any]] = []
        means: list[dict[str, Any]] = []
        now = utcnow()
        with self.db.read() as s:
            snaps = s.execute(
                select(
                    D.id, D.round_id, D.scores, D.scores_inputs, D.questionnaire_id, D.questionnaire_version
                ).where(D.id.in_([snapshot_of[rid] for rid in round_ids]))
            ).all()
            rounds = {r.id: r for r in s.scalars(select(models.Round).where(models.Round.id.in_(round_ids)))}
            with_rate = [rid for rid, r in rounds.items() if r.response_rate_minimum]
            invited = self._invited(s, with_rate) if with_rate else {}
            for sid, rid, blob, inputs, qid, qversion in snaps:
                scores = _scores(blob) if blob else _scores_in_diagnosis(s, sid)
                respondents = int(scores.get("respondents", 0))
                group_only = bool(scores.get("group_only", False))
                rnd = rounds[rid]
                standings.append(
                    {
                        "round_id": rid,
                        "network_id": rnd.network_id,
                        "snapshot_id": sid,
                        "scores_inputs": inputs,
                        "questionnaire_id": qid,
                        "questionnaire_version": qversion,
                        "respondents": respondents,
                        "group_only": group_only,
                        "results_open": results_open(
                            respondents,
                            group_only,
                            minimum,
                            invited=invited.get(rid, 0),
                            rate_minimum=rnd.response_rate_minimum,
                        ),
                        "facts": _facts(scores),
                        "computed_at": now,
                    }
                )
                for cid, c in (scores.get("constructs") or {}).items():
                    mean = c.get("mean")
                    means.append(
                        {
                            "round_id": rid,
                            "construct_id": cid,
                            "mean": float(mean) if mean is not None else None,
                            "respondents": int(c.get("n") or 0),
                            "band": None if c.get("signal") else c.get("band"),
                        }
                    )
        try:
            with self.db.write() as s:
                S, M = models.RoundStanding, models.RoundConstructMean
                ids = [row["round_id"] for row in standings]
                s.execute(delete(M).where(M.round_id.in_(ids)))
                s.execute(delete(S).where(S.round_id.in_(ids)))
                # a round deleted since it was read has no row to point to: leave it out
                alive = set(s.scalars(select(models.Round.id).where(models.Round.id.in_(ids))))
                if alive:
                    s.execute(insert(S), [row for row in standings if row["round_id"] in alive])
                    kept = [row for row in means if row["round_id"] in alive]
                    if kept:
                        s.execute(insert(M), kept)
        except IntegrityError:
            # another process filled these rounds at the same moment, or one was deleted meanwhile:
            # nothing is lost (the rows are derived), and the next read fills what is still stale
            return


def _scores(blob: bytes) -> dict[str, Any]:
    """The parts of stored RoundScores a standing needs, without building the model (which would
    also build every respondent's scores)."""
    data: dict[str, Any] = from_json(codec.decompress(blob))
    return data


def _facts(scores: dict[str, Any]) -> dict[str, str]:
    """The round's profile facts that have one value (a choice), as the rules see them."""
    found: dict[str, str] = {}
    for fact, p in (scores.get("profile") or {}).items():
        value = p.get("value") if isinstance(p, dict) else None
        if isinstance(value, str):
            found[fact] = value
    return found


def _scores_in_diagnosis(s: Session, snapshot_id: int) -> dict[str, Any]:
    """A snapshot from before scores were kept: the round's scores as its diagnosis has them."""
    D = models.DiagnosisSnapshot
    data = s.scalar(select(D.data).where(D.id == snapshot_id)) or {}
    rnd = data.get("round") or {}
    return {
        "respondents": rnd.get("respondents", 0),
        "group_only": rnd.get("group_only", False),
        "constructs": data.get("scores") or {},
        "profile": data.get("profile") or {},
    }


__all__ = ["StandingFill"]
