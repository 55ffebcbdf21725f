"""Exporting a round, a network or a workspace: CSV or XLSX (submitted answers, one row per
respondent), or JSON: a round as the core's response file, a network or workspace as the archive."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select

from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import models
from diagnose.store import types as t
from diagnose.store.chronology import response_file_history, round_sort_key
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.errors import NotFound
from diagnose.store.models import utcnow
from diagnose.store.transfer import archive as ar
from diagnose.store.transfer import tables
from diagnose.store.transfer.agreements import file_agreements
from diagnose.store.transfer.agreements import load as load_agreements
from diagnose.store.transfer.edits import load as load_edits
from diagnose.store.transfer.edits import load_branding

ExportFormat = Literal["json", "csv", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "xlsx")


def _check_format(fmt: str) -> ExportFormat:
    if fmt not in EXPORT_FORMATS:
        raise ValidationFailed([Problem("export-format", params={"key": fmt})])
    return fmt


@dataclass
class _Loaded:
    workspaces: list[models.Workspace]
    networks: dict[int, list[models.Network]]  # workspace id → networks
    rounds: dict[int, list[models.Round]]  # network id → rounds, oldest first
    responses: dict[int, list[models.Response]]  # round id → responses
    drafts: dict[int, dict[str, Any]]  # response id → autosaved answers
    invitations: dict[int, list[models.Invitation]]
    snapshots: dict[int, list[t.Snapshot]]  # with every finding's texts in place
    agreements: dict[int, list[ar.ArchiveAgreement]] = field(default_factory=dict)  # round id → agreements
    edits: dict[int, list[ar.ArchiveEditVersion]] = field(default_factory=dict)  # round id → versions
    branding: dict[int, ar.ArchiveBranding | None] = field(default_factory=dict)  # workspace id → branding


def _load(
    store: Diagnoses,
    *,
    workspace_ids: Sequence[int] = (),
    network_ids: Sequence[int] = (),
    round_ids: Sequence[int] = (),
    full: bool = True,
) -> _Loaded:
    with store.db.read() as s:
        nets_q = select(models.Network)
        if network_ids:
            nets_q = nets_q.where(models.Network.id.in_(network_ids))
        elif workspace_ids:
            nets_q = nets_q.where(models.Network.workspace_id.in_(workspace_ids))
        if round_ids:
            nets_q = nets_q.where(
                models.Network.id.in_(select(models.Round.network_id).where(models.Round.id.in_(round_ids)))
            )
        nets = list(s.scalars(nets_q.order_by(models.Network.name, models.Network.id)))
        ws_ids = sorted({n.workspace_id for n in nets} | set(workspace_ids))
        workspaces = list(
            s.scalars(
                select(models.Workspace).where(models.Workspace.id.in_(ws_ids)).order_by(models.Workspace.id)
            )
        )
        rounds_q = select(models.Round).where(models.Round.network_id.in_([n.id for n in nets]))
        if round_ids:
            rounds_q = rounds_q.where(models.Round.id.in_(round_ids))
        all_rounds = sorted(s.scalars(rounds_q), key=round_sort_key)
        rids = [r.id for r in all_rounds]
        loaded = _Loaded(workspaces, {}, {}, {}, {}, {}, {})
        for n in nets:
            loaded.networks.setdefault(n.workspace_id, []).append(n)
        for r in all_rounds:
            loaded.rounds.setdefault(r.network_id, []).append(r)
        for start in range(0, len(rids), 500):
            chunk = rids[start : start + 500]
            response_q = select(models.Response).where(models.Response.round_id.in_(chunk))
            if not full:
                response_q = response_q.where(models.Response.status == "submitted")
            for resp in s.scalars(response_q.order_by(models.Response.id)):
                loaded.responses.setdefault(resp.round_id, []).append(resp)
            if full:
                for aid, item_id, value in s.execute(
                    select(models.Answer.response_id, models.Answer.item_id, models.Answer.value)
                    .join(models.Response, models.Response.id == models.Answer.response_id)
                    .where(models.Response.round_id.in_(chunk))
                ):
                    loaded.drafts.setdefault(aid, {})[item_id] = value
                for inv in s.scalars(
                    select(models.Invitation)
                    .where(models.Invitation.round_id.in_(chunk))
                    .order_by(models.Invitation.id)
                ):
                    loaded.invitations.setdefault(inv.round_id, []).append(inv)
                for snap in s.scalars(
                    select(models.DiagnosisSnapshot)
                    .where(models.DiagnosisSnapshot.round_id.in_(chunk))
                    .order_by(models.DiagnosisSnapshot.id)
                ):
                    loaded.snapshots.setdefault(snap.round_id, []).append(store.snapshot_from_row(s, snap))
                loaded.agreements.update(load_agreements(s, chunk))
                loaded.edits.update(load_edits(s, chunk))
        if full:
            loaded.branding = {ws.id: load_branding(s, ws.id) for ws in workspaces}
    return loaded


def _archive(store: Diagnoses, loaded: _Loaded) -> dict[str, Any]:
    workspaces = []
    for ws in loaded.workspaces:
        networks = []
        for net in loaded.networks.get(ws.id, []):
            rounds = []
            for rnd in loaded.rounds.get(net.id, []):
                refs = {
                    inv.id: index for index, inv in enumerate(loaded.invitations.get(rnd.id, []), start=1)
                }
                rounds.append(
                    ar.ArchiveRound(
                        label=rnd.label,
                        date=rnd.date,
                        questionnaire=ar.Ref(id=rnd.questionnaire_id, version=rnd.questionnaire_version),
                        results_visible_to_respondents=rnd.results_visible_to_respondents,
                        created_at=rnd.created_at,
                        closed_at=rnd.closed_at,
                        invitations=[
                            ar.ArchiveInvitation(
                                ref=refs[inv.id],
                                kind="shared" if inv.kind == "shared" else "personal",
                                token_sha256=inv.token_hash,
                                label=inv.label,
                                role=inv.role,
                                expires_at=inv.expires_at,
                                revoked_at=inv.revoked_at,
                                created_at=inv.created_at,
                            )
                            for inv in loaded.invitations.get(rnd.id, [])
                        ],
                        responses=[
                            ar.ArchiveResponse(
                                respondent=resp.respondent,
                                role=resp.role,
                                group=resp.is_group,
                                status="submitted" if resp.status == "submitted" else "draft",
                                invitation=refs.get(resp.invitation_id)
                                if resp.invitation_id is not None
                                else None,
                                resume_key_sha256=resp.resume_key_hash,
                                created_at=resp.created_at,
                                submitted_at=resp.submitted_at,
                                answers=resp.answers
                                if resp.answers is not None
                                else loaded.drafts.get(resp.id, {}),
                            )
                            for resp in loaded.responses.get(rnd.id, [])
                        ],
                        snapshots=[
                            ar.ArchiveSnapshot(
                                created_at=snap.created_at,
                                questionnaire=ar.Ref(
                                    id=snap.questionnaire_id, version=snap.questionnaire_version
                                ),
                                ruleset=ar.Ref(id=snap.ruleset_id, version=snap.ruleset_version),
                                respondents=snap.respondents,
                                diagnosis=snap.data,
                            )
                            for snap in loaded.snapshots.get(rnd.id, [])
                        ],
                        agreements=loaded.agreements.get(rnd.id, []),
                        edits=loaded.edits.get(rnd.id, []),
                    )
                )
            networks.append(
                ar.ArchiveNetwork(
                    name=net.name, profile=net.profile or {}, created_at=net.created_at, rounds=rounds
                )
            )
        workspaces.append(
            ar.ArchiveWorkspace(
                name=ws.name,
                is_demo=ws.is_demo,
                created_at=ws.created_at,
                networks=networks,
                branding=loaded.branding.get(ws.id),
            )
        )
    archive = ar.Archive(
        format=ar.FORMAT,
        format_version=ar.FORMAT_VERSION,
        netwerkscan_version=ar.product_version(),
        exported_at=utcnow(),
        workspaces=workspaces,
    )
    return archive.model_dump(mode="json")


def _table(store: Diagnoses, loaded: _Loaded, fmt: ExportFormat) -> bytes:
    questionnaires = []
    for rounds in loaded.rounds.values():
        for rnd in rounds:
            q = _installed(store, rnd)
            if q is not None and q not in questionnaires:
                questionnaires.append(q)
    items = tables.item_columns(questionnaires)
    header = [*tables.EXPORT_META, *items]
    rows: list[list[Any]] = []
    for ws in loaded.workspaces:
        for net in loaded.networks.get(ws.id, []):
            for rnd in loaded.rounds.get(net.id, []):
                for resp in loaded.responses.get(rnd.id, []):
                    if resp.status != "submitted":
                        continue
                    answers = resp.answers or {}
                    rows.append(
                        [
                            net.name,
                            rnd.label,
                            rnd.date.isoformat() if rnd.date else None,
                            rnd.questionnaire_id,
                            rnd.questionnaire_version,
                            resp.respondent,
                            resp.role,
                            1 if resp.is_group else 0,
                            *(answers.get(i) for i in items),
                        ]
                    )
    if fmt == "csv":
        return tables.write_csv(header, rows)
    item_sheet = []
    seen: set[str] = set()
    for q in questionnaires:
        for item in q.items():
            if item.id in seen:
                continue
            seen.add(item.id)
            item_sheet.append(
                [
                    item.id,
                    item.construct_id,
                    item.type,
                    item.text.nl,
                    item.text.en,
                    "; ".join(item.option_values),
                ]
            )
    return tables.write_xlsx(header, rows, item_sheet)


def _installed(store: Diagnoses, rnd: models.Round) -> Questionnaire | None:
    try:
        return store.db.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    except ValidationFailed:
        return None


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export_round(store: Diagnoses, round_id: int, fmt: str) -> bytes:
    """A round: CSV/XLSX rows, or JSON as the core's response file (earlier rounds as history)."""
    kind = _check_format(fmt)
    info = store.get_round(round_id)
    if kind != "json":
        return _table(store, _load(store, round_ids=[round_id], full=False), kind)
    loaded = _load(store, network_ids=[info.network_id], full=False)
    net = next(n for nets in loaded.networks.values() for n in nets)
    rounds = loaded.rounds.get(net.id, [])
    current = next(r for r in rounds if r.id == round_id)

    def core_round(rnd: models.Round) -> dict[str, Any]:
        return {
            "label": rnd.label,
            "date": rnd.date.isoformat() if rnd.date else None,
            "responses": [
                {
                    "respondent": r.respondent,
                    **({"role": r.role} if r.role else {}),
                    **({"group": True} if r.is_group else {}),
                    "answers": r.answers or {},
                }
                for r in loaded.responses.get(rnd.id, [])
                if r.status == "submitted"
            ],
        }

    answered = {rid for rid, responses in loaded.responses.items() if responses}
    earlier = response_file_history(rounds, answered, current)
    history = [core_round(rnd) for rnd in earlier]
    return _dump(
        {
            "questionnaire": {"id": current.questionnaire_id, "version": current.questionnaire_version},
            "network": {"name": net.name, "profile": net.profile or {}},
            "round": core_round(current),
            "history": history,
            **(
                {"agreements": agreed}
                if earlier and (agreed := file_agreements(store, earlier[-1].id)) is not None
                else {}
            ),
        }
    )


def export_network(store: Diagnoses, network_id: int, fmt: str) -> bytes:
    kind = _check_format(fmt)
    store.get_network(network_id)
    loaded = _load(store, network_ids=[network_id], full=kind == "json")
    return _dump(_archive(store, loaded)) if kind == "json" else _table(store, loaded, kind)


def export_workspace(store: Diagnoses, workspace_id: int, fmt: str) -> bytes:
    kind = _check_format(fmt)
    store.get_workspace(workspace_id)
    loaded = _load(store, workspace_ids=[workspace_id], full=kind == "json")
    return _dump(_archive(store, loaded)) if kind == "json" else _table(store, loaded, kind)


def export_all(store: Diagnoses) -> bytes:
    """Every workspace as one archive (a full backup, without users)."""
    ids = [w.id for w in store.list_workspaces()]
    if not ids:
        raise NotFound("workspace", "-")
    return _dump(_archive(store, _load(store, workspace_ids=ids, full=True)))
