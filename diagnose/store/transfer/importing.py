"""Importing a file: read and check all of it into a plan, then write the plan in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath

from sqlalchemy import insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from diagnose.problems import Problem, ValidationFailed
from diagnose.responses import ResponseFile
from diagnose.source import load_json_text, validate_model
from diagnose.store import models
from diagnose.store import types as t
from diagnose.store.database import Room
from diagnose.store.errors import Conflict
from diagnose.store.models import utcnow
from diagnose.store.responses import Responses
from diagnose.store.transfer import archive as ar
from diagnose.store.transfer import tables
from diagnose.store.transfer.agreements import write as write_agreements
from diagnose.store.transfer.edits import write as write_edits
from diagnose.store.transfer.edits import write_branding
from diagnose.store.transfer.plan import (
    MAX_ARCHIVE_BYTES,
    MAX_JSON_BYTES,
    MAX_ROWS,
    MAX_TABLE_BYTES,
    NO_TARGET,
    PlanRound,
    PlanWorkspace,
    Target,
)
from diagnose.store.transfer.read_json import plan_archive, plan_response_file
from diagnose.store.transfer.read_tables import plan_table
from diagnose.text import LocalizedText


def kind_of(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    kinds = {".json": "json", ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
    if suffix not in kinds:
        raise ValidationFailed([Problem("unknown-format", file=filename, params={"key": suffix or filename})])
    return kinds[suffix]


def _size_limit(data: bytes, filename: str, limit: int) -> None:
    if len(data) > limit:
        raise ValidationFailed(
            [Problem("file-too-large", file=filename, params={"limit": f"{limit // (1024 * 1024)} MB"})]
        )


def import_bytes(
    store: Responses,
    data: bytes,
    filename: str,
    target: Target = NO_TARGET,
    *,
    max_rows: int = MAX_ROWS,
    max_table_bytes: int = MAX_TABLE_BYTES,
) -> t.ImportResult:
    """Validate the file completely, then write it in one transaction (see the module docstring)."""
    return apply(
        store, plan_import(store, data, filename, target, max_rows=max_rows, max_table_bytes=max_table_bytes)
    )


def plan_import(
    store: Responses,
    data: bytes,
    filename: str,
    target: Target = NO_TARGET,
    *,
    max_rows: int = MAX_ROWS,
    max_table_bytes: int = MAX_TABLE_BYTES,
) -> list[PlanWorkspace]:
    """Everything import_bytes would write, checked; raises ValidationFailed, writes nothing."""
    kind = kind_of(filename)
    if kind == "json":
        _size_limit(data, filename, MAX_ARCHIVE_BYTES)
        if not data.strip():
            raise ValidationFailed([Problem("empty-file", file=filename)])
        source = load_json_text(tables.decode_text(data, filename), filename)
        if isinstance(source.data, dict) and "format" in source.data:
            newer = ar.newer_than_this(source.data)
            if newer is not None:
                raise ValidationFailed(
                    [
                        Problem(
                            "archive-newer",
                            file=filename,
                            params={"given": newer, "current": ar.product_version()},
                        )
                    ]
                )
            return plan_archive(store, validate_model(ar.Archive, source), filename, target)
        _size_limit(data, filename, MAX_JSON_BYTES)
        response_file = validate_model(ResponseFile, source)
        if len(response_file.round.responses) > max_rows:
            raise ValidationFailed([Problem("too-many-rows", file=filename, params={"limit": max_rows})])
        return plan_response_file(store, response_file, filename, target)
    _size_limit(data, filename, max_table_bytes)
    if not data.strip():
        raise ValidationFailed([Problem("empty-file", file=filename)])
    table = (tables.read_csv if kind == "csv" else tables.read_xlsx)(data, filename, max_rows)
    return plan_table(store, tables.without_explanation(table), target)


def apply(store: Room, plans: Sequence[PlanWorkspace]) -> t.ImportResult:
    """Write a checked plan in one transaction: all of it or (on any error) nothing."""
    networks_created = rounds_created = responses = 0
    round_ids: list[int] = []
    now = utcnow()
    try:
        with store.db.write() as s:
            for pw in plans:
                ws_id = pw.existing_id
                if ws_id is None:
                    ws_row = models.Workspace(
                        name=pw.name, is_demo=pw.is_demo, created_at=pw.created_at or now
                    )
                    s.add(ws_row)
                    s.flush()
                    ws_id = ws_row.id
                    write_branding(s, ws_id, pw.branding)
                for pn in pw.networks:
                    net_id = pn.existing_id
                    if net_id is None:
                        net_row = models.Network(
                            workspace_id=ws_id,
                            name=pn.name,
                            profile=pn.profile or {},
                            created_at=pn.created_at or now,
                        )
                        s.add(net_row)
                        s.flush()
                        net_id = net_row.id
                        networks_created += 1
                    elif pn.profile:
                        current = s.get(models.Network, net_id)
                        if current is not None and not current.profile:
                            current.profile = pn.profile
                    for pr in pn.rounds:
                        if pr.keep:
                            continue
                        round_id = pr.existing_id
                        if round_id is None:
                            round_row = models.Round(
                                network_id=net_id,
                                label=pr.label,
                                date=pr.date,
                                questionnaire_id=pr.questionnaire.id,
                                questionnaire_version=pr.questionnaire.version,
                                results_visible_to_respondents=pr.results_visible,
                                created_at=pr.created_at or now,
                                closed_at=pr.closed_at,
                            )
                            s.add(round_row)
                            s.flush()
                            round_id = round_row.id
                            rounds_created += 1
                        round_ids.append(round_id)
                        responses += _write_round(s, round_id, pr, now)
    except DataError as exc:  # a value the checks let through but the database refuses: a bug, told plainly
        raise Conflict(
            Problem(
                "invalid-value",
                params={
                    "detail": LocalizedText(
                        nl="de database weigert een waarde uit dit bestand; er is niets geschreven",
                        en="the database refuses a value from this file; nothing was written",
                    ),
                },
            )
        ) from exc
    except IntegrityError as exc:
        raise Conflict(
            Problem(
                "invalid-value",
                params={
                    "detail": LocalizedText(
                        nl="de database veranderde tijdens het importeren; er is niets geschreven, probeer het opnieuw",
                        en="the database changed during the import; nothing was written, try again",
                    ),
                },
            )
        ) from exc
    return t.ImportResult(networks_created, rounds_created, responses, round_ids)


def _write_round(s: Session, round_id: int, pr: PlanRound, now: dt.datetime) -> int:
    invitation_ids: dict[int, int] = {}
    for inv in pr.invitations:
        row = models.Invitation(
            round_id=round_id,
            token_hash=inv.token_sha256,
            kind=inv.kind,
            label=inv.label,
            role=inv.role,
            expires_at=inv.expires_at,
            revoked_at=inv.revoked_at,
            created_at=inv.created_at or now,
        )
        s.add(row)
        s.flush()
        invitation_ids[inv.ref] = row.id
    submitted = [r for r in pr.responses if r.status == "submitted"]
    if submitted:
        s.execute(
            insert(models.Response),
            [
                {
                    "round_id": round_id,
                    "respondent": r.respondent,
                    "role": r.role,
                    "is_group": r.group,
                    "status": "submitted",
                    "answers": r.answers,
                    "created_at": r.created_at or now,
                    "submitted_at": r.submitted_at or now,
                    "invitation_id": invitation_ids.get(r.invitation_ref)
                    if r.invitation_ref is not None
                    else None,
                    "resume_key_hash": r.resume_key_hash,
                }
                for r in submitted
            ],
        )
    for r in pr.responses:
        if r.status == "submitted":
            continue
        draft = models.Response(
            round_id=round_id,
            respondent=r.respondent,
            role=r.role,
            is_group=r.group,
            status="draft",
            created_at=r.created_at or now,
            resume_key_hash=r.resume_key_hash,
            invitation_id=invitation_ids.get(r.invitation_ref) if r.invitation_ref is not None else None,
        )
        s.add(draft)
        s.flush()
        if r.answers:
            s.execute(
                insert(models.Answer),
                [
                    {"response_id": draft.id, "item_id": k, "value": v, "updated_at": now}
                    for k, v in r.answers.items()
                ],
            )
    if pr.snapshots:
        s.execute(
            insert(models.DiagnosisSnapshot),
            [
                {
                    "round_id": round_id,
                    "created_at": snap.created_at,
                    "questionnaire_id": snap.questionnaire.id,
                    "questionnaire_version": snap.questionnaire.version,
                    "ruleset_id": snap.ruleset.id,
                    "ruleset_version": snap.ruleset.version,
                    "respondents": snap.respondents,
                    "data": snap.diagnosis,
                }
                for snap in pr.snapshots
            ],
        )
    write_agreements(s, round_id, pr.agreements)
    write_edits(s, round_id, pr.edits)
    return len(pr.responses)
