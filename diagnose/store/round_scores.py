"""A round's scores kept with its snapshot, and the digest that says when they may be reused.

Scores depend on the answers and on the questionnaire, constructs and scoring settings, never on
the rules. Re-diagnosing every round after a rule change can therefore skip reading, checking and
scoring the answers of a round whose inputs are unchanged (scoring is most of a diagnosis' work).
The digest covers everything scoring reads: the questionnaire and construct catalogue as loaded,
the scoring settings, the network's profile, the round's label and date, each submitted response's
id, hand-in time, role and group flag (submitted answers are frozen: changing one means a new
response), and the source of the code that scores. Any change gives a new digest, so old scores
are never reused by mistake; at worst they are computed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, create_model
from pydantic_core import from_json
from sqlalchemy import ColumnElement, Index, Select, String, case, cast, extract, func, select
from sqlalchemy.orm import Session

from diagnose import item_types, profile_facts, questionnaire, responses, score_numbers, scores, scoring
from diagnose.built import built
from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis
from diagnose.questionnaire import Questionnaire
from diagnose.scores import RoundScores
from diagnose.store import codec, models
from diagnose.store.db import among, id_slices

# A submitted response as scoring sees it, as the database writes it (response_line), and its group flag
ResponseKey = tuple[str, bool]


def response_line(response: Any, dialect: str) -> ColumnElement[str]:
    """What identifies a submitted response's answers, as one line of text made in SQL: its id,
    hand-in time, role and group flag. The hand-in time as stored on SQLite (text) and as seconds
    since 1970 on PostgreSQL (whatever the session's time zone); a missing role or time is "-",
    a present one follows "=", so none reads as another."""
    R = response
    stamp = (
        cast(extract("epoch", R.submitted_at), String)
        if dialect == "postgresql"
        else cast(R.submitted_at, String)
    )
    return (
        cast(R.id, String)
        + "|"
        + func.coalesce("=" + stamp, "-")
        + "|"
        + func.coalesce("=" + R.role, "-")
        + "|"
        + case((R.is_group, "1"), else_="0")
    )


# What submitted_keys reads, all of it in one index, so that the database reads no response row
# (whose answers are most of it) to tell whether kept scores may be reused (migration 0013).
# Declared beside its reason, like standing.py's, and attached to the table when this is loaded.
Index(
    "ix_response_round_lines",
    models.Response.round_id,
    models.Response.status,
    models.Response.id,
    models.Response.submitted_at,
    models.Response.role,
    models.Response.is_group,
)


def submitted_keys(s: Session, dialect: str, round_ids: Iterable[int]) -> dict[int, list[ResponseKey]]:
    """Per round, what identifies each submitted response's answers, as one line made by the
    database (response_line): no datetime or other objects per response in Python. (On the
    session's connection: columns need none of the ORM's work on each row, ~10% of this.)"""
    result: dict[int, list[ResponseKey]] = {}
    conn = s.connection()
    for ids in id_slices(list(round_ids), dialect):
        for round_id, text, group in conn.execute(lines_query(dialect, ids)).all():
            result.setdefault(round_id, []).append((text, group))
    return result


def lines_query(dialect: str, round_ids: Sequence[int]) -> Select[int, str, bool]:
    """The response lines of these rounds' submitted responses, in order (submitted_keys)."""
    R = models.Response
    return (
        select(R.round_id, response_line(R, dialect), R.is_group)
        .where(among(R.round_id, round_ids, dialect), R.status == "submitted")
        .order_by(R.round_id, R.id)
    )


def kept(s: Session, dialect: str, round_ids: list[int]) -> dict[int, tuple[str, bytes]]:
    """Per round, the scores kept with its latest snapshot that has them, and their digest."""
    S = models.DiagnosisSnapshot
    result: dict[int, tuple[str, bytes]] = {}
    conn = s.connection()  # as in submitted_keys
    for ids in id_slices(round_ids, dialect):
        latest = (
            select(func.max(S.id))
            .where(among(S.round_id, ids, dialect), S.scores_inputs.is_not(None))
            .group_by(S.round_id)
        )
        for round_id, inputs, blob in conn.execute(
            select(S.round_id, S.scores_inputs, S.scores).where(S.id.in_(latest))
        ).all():
            if inputs and blob:
                result[round_id] = (inputs, blob)
    return result


def _code_digest() -> bytes:
    digest = hashlib.sha256()
    for module in (scoring, score_numbers, profile_facts, scores, responses, item_types, questionnaire):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.digest()


class ScoresDigest:
    """Digests of scoring inputs for one rule base; the fixed parts are hashed once."""

    def __init__(self, bundle: Bundle):
        s = bundle.settings
        base = hashlib.sha256(_code_digest())
        base.update(b"response lines 2")  # the form of response_line: another form, another digest
        base.update(bundle.constructs.model_dump_json().encode())
        base.update(
            json.dumps(
                [
                    s.thresholds["strength"],
                    s.thresholds["concern"],
                    s.anonymity_minimum,
                    s.profile_agreement,
                    s.min_items_per_respondent,
                    s.min_items_for_band,
                ]
            ).encode()
        )
        self._base = base
        self._questionnaires: dict[tuple[str, str], tuple[Questionnaire, Any]] = {}

    def _for_questionnaire(self, q: Questionnaire) -> Any:
        known = self._questionnaires.get((q.id, q.version))
        if known is None or known[0] is not q:
            digest = self._base.copy()
            digest.update(q.model_dump_json(by_alias=True).encode())
            known = (q, digest)
            self._questionnaires[(q.id, q.version)] = known
        return known[1]

    def of(
        self,
        q: Questionnaire,
        network_profile: dict[str, Any],
        label: str,
        date: dt.date | None,
        submitted: Iterable[ResponseKey],
    ) -> str:
        digest = self._for_questionnaire(q).copy()
        digest.update(
            json.dumps([network_profile, label, date.isoformat() if date else None], sort_keys=True).encode()
        )
        digest.update("".join(["\n" + line for line, _ in submitted]).encode())
        return str(digest.hexdigest())


def pack(scores: RoundScores) -> bytes:
    """The kept scores as stored: model_dump_json's UTF-8 (the bytes pydantic writes, not decoded
    to a str and encoded again), zlib level 1."""
    return codec.compress(_SCORES_JSON.to_json(scores))


_SCORES_JSON = RoundScores.__pydantic_serializer__


def unpack(blob: bytes) -> RoundScores:
    return RoundScores.model_validate_json(codec.decompress(blob))


# The kept scores as a re-diagnosis reads them for the rules: every field but the respondents' own
# scores, which the JSON still holds and this skips. Nothing the rules, findings or summary read
# comes from them; a diagnosis holds them only to show them, and its snapshot, stored with these
# kept scores, leaves them out of its JSON and reads them back from the same blob (FROM_SCORES).
# Validating and then freeing them was ~0.035 ms of a later round's ~1 ms (10,000 rounds, 2 workers).
_RESPONDENTS = "respondent_scores"
_FOR_RULES_FIELDS: dict[str, Any] = {
    name: (f.annotation, f) for name, f in RoundScores.model_fields.items() if name != _RESPONDENTS
}
_FOR_RULES = create_model("ScoresForRules", __config__=ConfigDict(extra="ignore"), **_FOR_RULES_FIELDS)
_SCORES_FIELDS = list(RoundScores.model_fields)


def unpack_for_rules(blob: bytes) -> RoundScores:
    """The kept scores with no respondents' own scores (an empty list; see _FOR_RULES): only for a
    diagnosis whose snapshot is stored with this blob and FROM_SCORES, never shown or handed out.
    Their part of the JSON is not validated here: the blob is reused only while its digest says
    that this scoring code wrote it (scores.py is part of the digest), and zlib's checksum refuses
    a damaged one."""
    lean = _FOR_RULES.model_validate_json(codec.decompress(blob))
    read = lean.__dict__
    return built(
        RoundScores,
        {name: [] if name == _RESPONDENTS else read[name] for name in _SCORES_FIELDS},
        lean.model_fields_set | {_RESPONDENTS},
    )


# A snapshot's diagnosis repeats half of its round's scores (~12 of ~25 KB of JSON): the construct
# scores, the profile, every respondent's scores, the scores by role and the unknown answers. A
# snapshot stored with its scores leaves them out of its JSON and names them under FROM_SCORES;
# reading puts them back from the scores kept in the same row, in the diagnosis' field order.
# Snapshots without the key (stored before, or imported from an archive) are read as they are.
# Written so since the release after main 2393bf4 (30 Nov 2026), the oldest release that reads both
# forms (docs/deployment.md: a rollback further back needs whole snapshots). Off, snapshots are
# written whole as before (tests use it to stand in for what older releases stored).
FROM_SCORES = "from_scores"
WRITE_FROM_SCORES = True
SHARED = {
    "scores": "constructs",
    "profile": "profile",
    "respondents": "respondent_scores",
    "by_role": "by_role",
    "unknown": "unknown",
}
_ORDER = [name for name, field in Diagnosis.model_fields.items() if not field.exclude]
_FROM_SCORES_JSON = f',"{FROM_SCORES}":{json.dumps(list(SHARED))}}}'.encode()


def shares_scores(d: Diagnosis, scores: RoundScores) -> bool:
    """Whether the diagnosis holds these scores' parts as they are (the same objects, as the core
    builds it, or equal ones), so its snapshot may leave them out."""
    return all(
        (mine := getattr(d, field)) is (kept := getattr(scores, part)) or mine == kept
        for field, part in SHARED.items()
    )


def mark_shared(body: bytes) -> bytes:
    """A diagnosis' JSON, made without the SHARED fields, with the FROM_SCORES key that says so."""
    return body[:-1] + _FROM_SCORES_JSON


def merge(data: dict[str, Any], blob: bytes | None) -> dict[str, Any]:
    """A snapshot's JSON with the parts it left out taken from its kept scores (see FROM_SCORES)."""
    names: list[str] | None = data.pop(FROM_SCORES, None)
    if names is None:
        return data
    if blob is None:
        raise LookupError("a snapshot that refers to its kept scores has none")
    unknown = [name for name in names if name not in SHARED]
    if unknown:  # SHARED's names are fixed: a later release may leave names out, never add one
        raise LookupError(
            f"a snapshot refers to parts of its kept scores this release does not know: {unknown}"
        )
    scores = unpack(blob)
    parts = from_json(scores.model_dump_json(include={SHARED[name] for name in names}))
    for name in names:
        data[name] = parts[SHARED[name]]
    ordered = {name: data[name] for name in _ORDER if name in data}
    ordered.update((name, value) for name, value in data.items() if name not in ordered)
    return ordered
