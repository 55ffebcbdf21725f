"""Exporting answers per respondent (a round, a network or a workspace as CSV or XLSX, a round as
the core's response file) and the backup (a network, a workspace or everything as the archive).

Both are a workspace owner's deliberate, logged choice (transfer.export_log); the results of a
round (aggregates, open to every member) are exported by diagnose.store.results_export instead.
Neither ever carries a name, an e-mail address or a link label: respondents are numbered R1, R2, …
in an order that says nothing (by a hash of their stored id), group answers keep their label.
Per-respondent rows and free texts leave only for rounds whose results are open (the core's
`results_open`: the anonymity minimum and the round's response-rate threshold); other rounds are
left out, and asking for one such round alone is refused. The backup carries every round, drafts
included, because it must restore them; it is stated as such, made by an owner and logged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select

from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import models
from diagnose.store import types as t
from diagnose.store.chronology import response_file_history, round_sort_key
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.errors import NotFound, StoreError
from diagnose.store.models import utcnow
from diagnose.store.transfer import archive as ar
from diagnose.store.transfer import export_log, tables
from diagnose.store.transfer.agreements import file_agreements
from diagnose.store.transfer.agreements import load as load_agreements
from diagnose.store.transfer.edits import load as load_edits
from diagnose.store.transfer.edits import load_branding
from diagnose.text import LocalizedText

ExportFormat = Literal["json", "csv", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "xlsx")


def _check_format(fmt: str) -> ExportFormat:
    if fmt not in EXPORT_FORMATS:
        raise ValidationFailed([Problem("export-format", params={"key": fmt})])
    return fmt


CLOSED_REASON = {
    "none": LocalizedText(nl="er is nog niets ingestuurd", en="nothing has been submitted yet"),
    "minimum": LocalizedText(
        nl="minder respondenten dan het anonimiteitsminimum",
        en="fewer respondents than the anonymity minimum",
    ),
    "response_rate": LocalizedText(
        nl="de respons is lager dan de drempel van de meting",
        en="the response rate is below the round's threshold",
    ),
}


def pseudonyms(responses: Iterable[models.Response]) -> dict[int, str]:
    """Response id → the respondent as an export shows it: R1, R2, … in the order of a hash of the
    stored id (which tells nothing of who answered when, or through which link); a group answer
    keeps its label (the name of a session, not of a person)."""
    people = [r for r in responses if not r.is_group]
    people.sort(key=lambda r: (hashlib.sha256(r.respondent.encode("utf-8")).hexdigest(), r.id))
    names = {r.id: f"R{index}" for index, r in enumerate(people, start=1)}
    return {**names, **{r.id: r.respondent for r in responses if r.is_group}}


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
                names = pseudonyms(loaded.responses.get(rnd.id, []))
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
                                role=inv.role,
                                expires_at=inv.expires_at,
                                revoked_at=inv.revoked_at,
                                created_at=inv.created_at,
                            )
                            for inv in loaded.invitations.get(rnd.id, [])
                        ],
                        responses=[
                            ar.ArchiveResponse(
                                respondent=names[resp.id],
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


def _table(store: Diagnoses, loaded: _Loaded, fmt: ExportFormat, closed: Mapping[int, str]) -> bytes:
    """One row per respondent of the rounds whose results are open; the rounds in `closed` are
    left out (an XLSX lists them on a sheet of their own)."""
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
                if rnd.id in closed:
                    continue
                names = pseudonyms(r for r in loaded.responses.get(rnd.id, []) if r.status == "submitted")
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
                            names[resp.id],
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
    left_out = [
        [net.name, rnd.label, CLOSED_REASON[closed[rnd.id]].nl, CLOSED_REASON[closed[rnd.id]].en]
        for ws in loaded.workspaces
        for net in loaded.networks.get(ws.id, [])
        for rnd in loaded.rounds.get(net.id, [])
        if closed.get(rnd.id, "none") != "none"
    ]
    return tables.write_xlsx(header, rows, item_sheet, left_out=left_out)


def _installed(store: Diagnoses, rnd: models.Round) -> Questionnaire | None:
    try:
        return store.db.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    except ValidationFailed:
        return None


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _closed_round(info: t.RoundInfo, reason: str) -> StoreError:
    return StoreError(
        Problem("export-closed", id=info.label, params={"key": info.label, "reason": CLOSED_REASON[reason]})
    )


def export_round(store: Diagnoses, round_id: int, fmt: str, by: t.ExportBy) -> bytes:
    """A round's answers per respondent: CSV/XLSX rows, or JSON as the core's response file
    (earlier rounds whose results are open as history). Refused when its results are closed."""
    kind = _check_format(fmt)
    info = store.get_round(round_id)
    net_info = store.get_network(info.network_id)
    with store.db.read() as s:
        who = export_log.require_owner(s, by, [info.workspace_id])
    closed = store.closed_results([r.id for r in store.list_rounds(info.network_id)])
    if round_id in closed:
        raise _closed_round(info, closed[round_id])
    if kind != "json":
        loaded = _load(store, round_ids=[round_id], full=False)
        data = _table(store, loaded, kind, closed)
    else:
        loaded = _load(store, network_ids=[info.network_id], full=False)
        data = _response_file(store, loaded, round_id, closed)
    _log(
        store,
        by,
        who,
        "respondents",
        info.workspace_id,
        f"{net_info.name} / {info.label}",
        kind,
        [round_id],
        loaded,
        0,
    )
    return data


def _response_file(store: Diagnoses, loaded: _Loaded, round_id: int, closed: Mapping[int, str]) -> bytes:
    net = next(n for nets in loaded.networks.values() for n in nets)
    rounds = loaded.rounds.get(net.id, [])
    current = next(r for r in rounds if r.id == round_id)

    def core_round(rnd: models.Round) -> dict[str, Any]:
        submitted = [r for r in loaded.responses.get(rnd.id, []) if r.status == "submitted"]
        names = pseudonyms(submitted)
        return {
            "label": rnd.label,
            "date": rnd.date.isoformat() if rnd.date else None,
            "responses": [
                {
                    "respondent": names[r.id],
                    **({"role": r.role} if r.role else {}),
                    **({"group": True} if r.is_group else {}),
                    "answers": r.answers or {},
                }
                for r in submitted  # in the stored order, so the file's diagnosis is the stored one
            ],
        }

    answered = {rid for rid, responses in loaded.responses.items() if responses and rid not in closed}
    earlier = response_file_history(rounds, answered, current)
    return _dump(
        {
            "questionnaire": {"id": current.questionnaire_id, "version": current.questionnaire_version},
            "network": {"name": net.name, "profile": net.profile or {}},
            "round": core_round(current),
            "history": [core_round(rnd) for rnd in earlier],
            **(
                {"agreements": agreed}
                if earlier and (agreed := file_agreements(store, earlier[-1].id)) is not None
                else {}
            ),
        }
    )


def _log(
    store: Diagnoses,
    by: t.ExportBy,
    who: str,
    kind: export_log.Kind,
    workspace_id: int | None,
    scope: str,
    fmt: str,
    round_ids: Sequence[int],
    loaded: _Loaded,
    left_out: int,
) -> None:
    respondents = sum(
        1
        for rid in round_ids
        for r in loaded.responses.get(rid, [])
        if kind == "backup" or r.status == "submitted"
    )
    with store.db.write() as s:
        export_log.record(
            s,
            by,
            who,
            kind=kind,
            workspace_id=workspace_id,
            scope=scope,
            fmt=fmt,
            rounds=len(round_ids),
            respondents=respondents,
            left_out=left_out,
        )


def _export_many(
    store: Diagnoses,
    fmt: str,
    by: t.ExportBy,
    *,
    workspace_ids: Sequence[int],
    network_ids: Sequence[int],
    scope: str,
) -> bytes:
    """Per-respondent rows (CSV/XLSX) of the open rounds, or the backup (JSON), logged."""
    kind = _check_format(fmt)
    with store.db.read() as s:
        who = export_log.require_owner(s, by, workspace_ids)
    loaded = _load(
        store,
        workspace_ids=workspace_ids if not network_ids else (),
        network_ids=network_ids,
        full=kind == "json",
    )
    all_ids = [r.id for rounds in loaded.rounds.values() for r in rounds]
    if kind == "json":
        data = _dump(_archive(store, loaded))
        shown, left_out = all_ids, 0
    else:
        closed = store.closed_results(all_ids)
        data = _table(store, loaded, kind, dict(closed))
        shown = [rid for rid in all_ids if rid not in closed]
        left_out = sum(1 for reason in closed.values() if reason != "none")
    _log(
        store,
        by,
        who,
        "backup" if kind == "json" else "respondents",
        workspace_ids[0] if len(workspace_ids) == 1 else None,
        scope,
        kind,
        shown,
        loaded,
        left_out,
    )
    return data


def export_network(store: Diagnoses, network_id: int, fmt: str, by: t.ExportBy) -> bytes:
    net = store.get_network(network_id)
    return _export_many(
        store, fmt, by, workspace_ids=[net.workspace_id], network_ids=[network_id], scope=net.name
    )


def export_workspace(store: Diagnoses, workspace_id: int, fmt: str, by: t.ExportBy) -> bytes:
    ws = store.get_workspace(workspace_id)
    return _export_many(store, fmt, by, workspace_ids=[workspace_id], network_ids=(), scope=ws.name)


def export_all(store: Diagnoses, by: t.ExportBy) -> bytes:
    """Every workspace as one archive: the full backup (without users), logged."""
    ids = [w.id for w in store.list_workspaces()]
    if not ids:
        raise NotFound("workspace", "-")
    return _export_many(store, "json", by, workspace_ids=ids, network_ids=(), scope="*")


def export_log_of(store: Diagnoses, workspace_id: int | None = None) -> list[t.ExportRecord]:
    """The logged per-respondent exports and backups, newest first (of one workspace, or all)."""
    with store.db.read() as s:
        q = select(models.ExportLog).order_by(models.ExportLog.id.desc())
        if workspace_id is not None:
            q = q.where(models.ExportLog.workspace_id == workspace_id)
        return [export_log.to_record(row) for row in s.scalars(q)]
