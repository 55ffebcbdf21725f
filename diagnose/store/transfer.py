"""Import and export: JSON (the core's response file, and the lossless archive), CSV and XLSX.

Import checks everything first and writes nothing unless all of it is valid; then it writes in one
transaction. Three shapes are read:
- an answer table (.csv, .xlsx): one row per respondent, one column per item id, plus `role` and
  optionally `respondent`, `group`, and `network`/`round`/`date`/`questionnaire` (else the target
  given by the caller). Rows go into the named round: created when new, added to when it exists.
- the core's response file (.json, docs/formats.md): its round is created or added to like a table;
  history rounds the network does not have yet are created, ones it has are left as they are.
- the archive (.json, diagnose.store.archive) from `export ... --format json` of a network or
  workspace: restored completely; a round that already exists is an error.

Export writes a round, a network or a workspace as CSV or XLSX (the table above, submitted answers),
or JSON: a round as the core's response file (with the earlier rounds of the same questionnaire as
history, so `netscan diagnose` reproduces the diagnosis), a network or workspace as the archive.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from diagnose.item_types import AnswerError, answer_error, is_blank, parse_cell, parse_number
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, Response, ResponseFile, Round, check_round
from diagnose.source import load_json_text, validate_model
from diagnose.store import archive as ar
from diagnose.store import models, tables
from diagnose.store import types as t
from diagnose.store.errors import Conflict, NotFound
from diagnose.store.models import utcnow
from diagnose.store.service import Store, ordered_answers, round_sort_key
from diagnose.text import LocalizedText

ExportFormat = Literal["json", "csv", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "xlsx")
MAX_TABLE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
MAX_PROBLEMS = 100
DEFAULT_QUESTIONNAIRE = "netwerkscan"


@dataclass(frozen=True)
class Target:
    """Where answers without their own network/round go (tables and response files)."""

    workspace_id: int | None = None
    network: str | None = None
    round_label: str | None = None
    round_date: dt.date | None = None
    questionnaire_id: str | None = None


@dataclass
class PlanResponse:
    respondent: str
    role: str | None
    group: bool
    answers: dict[str, Any]
    status: str = "submitted"
    invitation_ref: int | None = None
    resume_key_hash: str | None = None
    created_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None


@dataclass
class PlanRound:
    label: str
    date: dt.date | None
    questionnaire: Questionnaire
    existing_id: int | None = None
    keep: bool = False  # a history round the network already has: left alone
    responses: list[PlanResponse] = field(default_factory=list)
    results_visible: bool = False
    created_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    invitations: list[ar.ArchiveInvitation] = field(default_factory=list)
    snapshots: list[ar.ArchiveSnapshot] = field(default_factory=list)


@dataclass
class PlanNetwork:
    name: str
    existing_id: int | None
    profile: dict[str, Any] | None  # None: leave an existing network's profile as it is
    rounds: list[PlanRound] = field(default_factory=list)
    created_at: dt.datetime | None = None


@dataclass
class PlanWorkspace:
    name: str
    existing_id: int | None
    is_demo: bool = False
    networks: list[PlanNetwork] = field(default_factory=list)
    created_at: dt.datetime | None = None


class Problems:
    """Collects problems; stops collecting (but counts) after MAX_PROBLEMS."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, problem: Problem) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(problem)
        else:
            self.dropped += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            self.add(p)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        problems = list(self.items)
        if self.dropped:
            problems.append(
                Problem(
                    "invalid-value",
                    id="...",
                    params={
                        "detail": LocalizedText(
                            nl=f"en nog {self.dropped} problemen", en=f"and {self.dropped} more problems"
                        ),
                    },
                )
            )
        raise ValidationFailed(problems)


# ---- import ------------------------------------------------------------------------------------


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
    store: Store,
    data: bytes,
    filename: str,
    target: Target = Target(),
    *,
    max_rows: int = MAX_ROWS,
    max_table_bytes: int = MAX_TABLE_BYTES,
) -> t.ImportResult:
    """Validate the file completely, then write it in one transaction (see the module docstring)."""
    return apply(
        store, plan_import(store, data, filename, target, max_rows=max_rows, max_table_bytes=max_table_bytes)
    )


def plan_import(
    store: Store,
    data: bytes,
    filename: str,
    target: Target = Target(),
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
            return _plan_archive(store, validate_model(ar.Archive, source), filename, target)
        _size_limit(data, filename, MAX_JSON_BYTES)
        response_file = validate_model(ResponseFile, source)
        if len(response_file.round.responses) > max_rows:
            raise ValidationFailed([Problem("too-many-rows", file=filename, params={"limit": max_rows})])
        return _plan_response_file(store, response_file, filename, target)
    _size_limit(data, filename, max_table_bytes)
    if not data.strip():
        raise ValidationFailed([Problem("empty-file", file=filename)])
    table = (tables.read_csv if kind == "csv" else tables.read_xlsx)(data, filename, max_rows)
    return _plan_table(store, table, target)


def _workspace(store: Store, target: Target, filename: str) -> PlanWorkspace:
    if target.workspace_id is None:
        raise ValidationFailed([Problem("no-round-target", file=filename, id="workspace")])
    ws = store.get_workspace(target.workspace_id)
    return PlanWorkspace(ws.name, ws.id)


def _existing_network(store: Store, workspace_id: int | None, name: str) -> t.NetworkInfo | None:
    if workspace_id is None:
        return None
    clean = " ".join(name.split())
    return next((n for n in store.list_networks(workspace_id) if n.name == clean), None)


def _existing_round(store: Store, network: t.NetworkInfo | None, label: str) -> t.RoundInfo | None:
    if network is None:
        return None
    clean = " ".join(label.split())
    return next((r for r in store.list_rounds(network.id) if r.label == clean), None)


def _questionnaire(
    store: Store,
    qid: str,
    version: str | None,
    problems: Problems,
    *,
    file: str,
    line: int | None = None,
    where: str = "questionnaire",
) -> Questionnaire | None:
    try:
        return store.bundle.questionnaire(qid, version)
    except ValidationFailed as exc:
        problems.extend(Problem(p.code, file, line, where, p.field, p.params) for p in exc.problems)
        return None


def _respondents_in(store: Store, round_id: int | None) -> set[str]:
    if round_id is None:
        return set()
    return {r.respondent for r in store.list_responses(round_id)}


def _role_options(q: Questionnaire) -> list[str]:
    item = q.fact_item(ROLE_CONSTRUCT)
    return list(item.option_values) if item else []


# tables


@dataclass
class _RowGroup:
    network: str
    label: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _plan_table(store: Store, table: tables.Table, target: Target) -> list[PlanWorkspace]:
    problems = Problems()
    file = table.file
    all_items = {item.id: item for q in store.bundle.questionnaires.values() for item in q.items()}
    columns: dict[str, int] = {}
    for index, name in enumerate(table.header):
        key = tables.META_ALIASES.get(name, name)
        if not name:
            if any(not is_blank(cells[index]) for _, cells in table.rows):
                problems.add(Problem("empty-column", file=file, line=1, params={"index": index + 1}))
            continue
        if key in columns:
            problems.add(Problem("duplicate-column", file=file, line=1, id=name, params={"key": name}))
            continue
        if key not in tables.META_COLUMNS and key not in all_items:
            problems.add(
                Problem(
                    "unknown-item",
                    file=file,
                    line=1,
                    id=name,
                    params={
                        "key": name,
                        "suggestion": did_you_mean(name, [*all_items, *tables.META_ALIASES]),
                        "questionnaire": ", ".join(q.ref for q in store.bundle.questionnaires.values()),
                    },
                )
            )
            continue
        columns[key] = index
    if not any(c in all_items for c in columns) and not problems.items:
        default = target.questionnaire_id or DEFAULT_QUESTIONNAIRE
        problems.add(Problem("no-item-columns", file=file, line=1, params={"questionnaire": default}))
    problems.raise_if_any()

    def cell(cells: list[Any], key: str) -> Any:
        return cells[columns[key]] if key in columns else None

    def text(cells: list[Any], key: str) -> str | None:
        raw = cell(cells, key)
        return None if is_blank(raw) else " ".join(str(parse_number(raw)).split())

    workspace = _workspace(store, target, file)
    groups: dict[tuple[str, str], _RowGroup] = {}
    for line, cells in table.rows:
        network = text(cells, "network") or target.network
        label = text(cells, "round") or target.round_label
        if not network or not label:
            problems.add(Problem("no-round-target", file=file, line=line))
            continue
        group = groups.setdefault((network, label), _RowGroup(network, label))
        group.rows.append((line, {key: cells[index] for key, index in columns.items()}))
    problems.raise_if_any()

    networks: dict[str, PlanNetwork] = {}
    for group in groups.values():
        existing_net = _existing_network(store, workspace.existing_id, group.network)
        plan_net = networks.get(group.network)
        if plan_net is None:
            plan_net = PlanNetwork(
                group.network, existing_net.id if existing_net else None, None if existing_net else {}
            )
            networks[group.network] = plan_net
            workspace.networks.append(plan_net)
        existing_round = _existing_round(store, existing_net, group.label)
        plan_round = _plan_table_round(store, group, existing_round, target, file, problems)
        if plan_round is not None:
            plan_net.rounds.append(plan_round)
    problems.raise_if_any()
    return [workspace]


def _one_value(group: _RowGroup, key: str, parse: Any, problems: Problems, file: str) -> Any:
    """The single value a round-level column has over the group's rows (None when empty)."""
    values: dict[Any, int] = {}
    for line, cells in group.rows:
        raw = cells.get(key)
        if is_blank(raw):
            continue
        values.setdefault(parse(raw), line)
    if len(values) > 1:
        problems.add(
            Problem(
                "inconsistent-round",
                file=file,
                line=sorted(values.values())[1],
                id=key,
                params={
                    "key": group.label,
                    "detail": LocalizedText(nl=f"waarden in kolom '{key}'", en=f"values in column '{key}'"),
                },
            )
        )
    return next(iter(values), None)


def _plan_table_round(
    store: Store,
    group: _RowGroup,
    existing: t.RoundInfo | None,
    target: Target,
    file: str,
    problems: Problems,
) -> PlanRound | None:
    first_line = group.rows[0][0]
    qid = _one_value(group, "questionnaire", lambda v: str(v).strip(), problems, file)
    version = _one_value(group, "questionnaire_version", lambda v: str(v).strip(), problems, file)
    date = _one_value(group, "date", tables.parse_date, problems, file)
    if isinstance(date, str):
        problems.add(
            Problem(
                "invalid-value",
                file=file,
                line=first_line,
                id="date",
                params={
                    "detail": LocalizedText(
                        nl=f"'{date}' is geen datum (schrijf 2025-03-15)",
                        en=f"'{date}' is not a date (write 2025-03-15)",
                    ),
                },
            )
        )
        date = None
    if existing is not None:
        if (qid and qid != existing.questionnaire_id) or (
            version and version != existing.questionnaire_version
        ):
            given = f"{qid or existing.questionnaire_id} {version or ''}".strip()
            problems.add(
                Problem(
                    "round-questionnaire",
                    file=file,
                    line=first_line,
                    id="questionnaire",
                    params={
                        "key": group.label,
                        "existing": f"{existing.questionnaire_id} {existing.questionnaire_version}",
                        "given": given,
                    },
                )
            )
            return None
        qid, version = existing.questionnaire_id, existing.questionnaire_version
    q = _questionnaire(
        store,
        qid or target.questionnaire_id or DEFAULT_QUESTIONNAIRE,
        version,
        problems,
        file=file,
        line=first_line,
    )
    if q is None:
        return None
    plan = PlanRound(
        group.label,
        existing.date if existing else (date or target.round_date),
        q,
        existing.id if existing else None,
    )
    taken = _respondents_in(store, plan.existing_id)
    seen: dict[str, int] = {}
    roles = _role_options(q)
    role_item = q.fact_item(ROLE_CONSTRUCT)
    for line, cells in group.rows:
        respondent = cells.get("respondent")
        who = None if is_blank(respondent) else " ".join(str(parse_number(respondent)).split())
        if who is None:
            who = _free_label(taken | set(seen), len(seen) + 1)
        if who in seen or who in taken:
            problems.add(
                Problem(
                    "respondent-exists" if who in taken else "duplicate-respondent",
                    file=file,
                    line=line,
                    id="respondent",
                    params={"key": who, "round": group.label},
                )
            )
        seen[who] = line
        answers: dict[str, Any] = {}
        for key, raw in cells.items():
            if key in tables.META_COLUMNS or is_blank(raw):
                continue
            item = q.item_by_id.get(key)
            if item is None:
                problems.add(
                    Problem(
                        "unknown-item",
                        file=file,
                        line=line,
                        id=key,
                        params={"key": key, "suggestion": "", "questionnaire": q.ref},
                    )
                )
                continue
            value = parse_cell(item, raw)
            error = answer_error(q, item, value)
            if error:
                problems.add(_answer_problem(file, line, key, raw, error))
                continue
            if value is not None:
                answers[item.id] = value
        role_raw = cells.get("role")
        role = None
        if not is_blank(role_raw):
            role = parse_cell(role_item, role_raw) if role_item else str(role_raw).strip()
            if roles and role not in roles:
                problems.add(
                    Problem(
                        "unknown-role",
                        file=file,
                        line=line,
                        id="role",
                        params={
                            "key": role_raw,
                            "suggestion": did_you_mean(str(role), roles),
                            "allowed": ", ".join(roles),
                        },
                    )
                )
        group_flag = tables.parse_group(cells.get("group"))
        if group_flag is None:
            problems.add(
                Problem(
                    "invalid-value",
                    file=file,
                    line=line,
                    id="group",
                    params={
                        "detail": LocalizedText(
                            nl=f"'{cells.get('group')}' is geen ja/nee",
                            en=f"'{cells.get('group')}' is not yes/no",
                        ),
                    },
                )
            )
            group_flag = False
        plan.responses.append(
            PlanResponse(
                who, role if isinstance(role, str) else None, group_flag, ordered_answers(q, answers)
            )
        )
    return plan


def _free_label(taken: set[str], start: int) -> str:
    number = start
    while f"r{number:03d}" in taken:
        number += 1
    return f"r{number:03d}"


def _answer_problem(file: str, line: int | None, column: str, raw: Any, error: AnswerError) -> Problem:
    shown = repr(raw) if len(repr(raw)) <= 60 else repr(raw)[:57] + "..."
    return Problem(
        "answer-value",
        file=file,
        line=line,
        id=column,
        params={"value": shown, "detail": error.what, "fix": error.fix},
    )


# the core's response file


def _plan_response_file(store: Store, rf: ResponseFile, file: str, target: Target) -> list[PlanWorkspace]:
    problems = Problems()
    q = _questionnaire(store, rf.questionnaire.id, rf.questionnaire.version, problems, file=file)
    problems.raise_if_any()
    assert q is not None
    problems.extend(check_round(q, rf.round, file))
    for index, earlier in enumerate(rf.history):
        problems.extend(check_round(q, earlier, file, where=f"history[{index}]"))
    try:
        profile = store.check_profile(dict(rf.network.profile), file=file, where="network.profile")
    except ValidationFailed as exc:
        problems.extend(exc.problems)
        profile = {}
    problems.raise_if_any()
    workspace = _workspace(store, target, file)
    name = target.network or rf.network.name
    existing_net = _existing_network(store, workspace.existing_id, name)
    plan_net = PlanNetwork(name, existing_net.id if existing_net else None, profile)
    if existing_net is not None and existing_net.profile and profile and existing_net.profile != profile:
        plan_net.profile = None  # the network keeps the profile it has
    workspace.networks.append(plan_net)
    rounds = [*rf.history, rf.round]
    for index, rnd in enumerate(rounds):
        current = index == len(rounds) - 1
        label = target.round_label if current and target.round_label else rnd.label
        existing = _existing_round(store, existing_net, label)
        if existing is not None and not current:
            plan_net.rounds.append(PlanRound(label, rnd.date, q, existing.id, keep=True))
            continue
        if existing is not None and (existing.questionnaire_id, existing.questionnaire_version) != (
            q.id,
            q.version,
        ):
            problems.add(
                Problem(
                    "round-questionnaire",
                    file=file,
                    id="round",
                    params={
                        "key": label,
                        "existing": f"{existing.questionnaire_id} {existing.questionnaire_version}",
                        "given": q.ref,
                    },
                )
            )
            continue
        plan = PlanRound(
            label,
            existing.date if existing else (rnd.date or (target.round_date if current else None)),
            q,
            existing.id if existing else None,
        )
        taken = _respondents_in(store, plan.existing_id)
        for response in rnd.responses:
            if response.respondent in taken:
                problems.add(
                    Problem(
                        "respondent-exists",
                        file=file,
                        id=response.respondent,
                        field="respondent",
                        params={"key": response.respondent, "round": label},
                    )
                )
            plan.responses.append(
                PlanResponse(
                    response.respondent,
                    response.role,
                    response.group,
                    ordered_answers(q, _clean(response.answers)),
                )
            )
        plan_net.rounds.append(plan)
    problems.raise_if_any()
    return [workspace]


def _clean(answers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if v is not None}


# the archive


def _plan_archive(store: Store, archive: ar.Archive, file: str, target: Target) -> list[PlanWorkspace]:
    problems = Problems()
    plans: list[PlanWorkspace] = []
    into = store.get_workspace(target.workspace_id) if target.workspace_id is not None else None
    merged = PlanWorkspace(into.name, into.id) if into else None
    for wi, ws in enumerate(archive.workspaces):
        plan_ws = merged or PlanWorkspace(ws.name, None, ws.is_demo, created_at=ws.created_at)
        if merged is None:
            plans.append(plan_ws)
        for ni, net in enumerate(ws.networks):
            where = f"workspaces[{wi}].networks[{ni}]"
            existing_net = _existing_network(store, plan_ws.existing_id, net.name)
            if any(n.name == net.name for n in plan_ws.networks):
                problems.add(
                    Problem(
                        "duplicate-id",
                        file=file,
                        id=where,
                        field="name",
                        params={"key": net.name, "other_line": "-"},
                    )
                )
            try:
                profile = store.check_profile(dict(net.profile), file=file, where=f"{where}.profile")
            except ValidationFailed as exc:
                problems.extend(exc.problems)
                profile = {}
            plan_net = PlanNetwork(
                net.name,
                existing_net.id if existing_net else None,
                None if existing_net else profile,
                created_at=net.created_at,
            )
            plan_ws.networks.append(plan_net)
            for ri, rnd in enumerate(net.rounds):
                rwhere = f"{where}.rounds[{ri}]"
                if _existing_round(store, existing_net, rnd.label) is not None or any(
                    r.label == rnd.label for r in plan_net.rounds
                ):
                    problems.add(
                        Problem(
                            "round-exists",
                            file=file,
                            id=rwhere,
                            field="label",
                            params={"key": rnd.label, "network": net.name},
                        )
                    )
                    continue
                q = _questionnaire(
                    store,
                    rnd.questionnaire.id,
                    rnd.questionnaire.version,
                    problems,
                    file=file,
                    where=f"{rwhere}.questionnaire",
                )
                if q is None:
                    continue
                problems.extend(
                    check_round(
                        q,
                        Round.model_construct(
                            label=rnd.label,
                            date=rnd.date,
                            responses=[
                                Response.model_construct(
                                    respondent=r.respondent, role=r.role, group=r.group, answers=r.answers
                                )
                                for r in rnd.responses
                            ],
                        ),
                        file,
                        where=rwhere,
                    )
                    if rnd.responses
                    else []
                )
                refs = {inv.ref for inv in rnd.invitations}
                for resp in rnd.responses:
                    if resp.invitation is not None and resp.invitation not in refs:
                        problems.add(
                            Problem(
                                "invalid-value",
                                file=file,
                                id=rwhere,
                                field="invitation",
                                params={
                                    "detail": LocalizedText(
                                        nl=f"uitnodiging {resp.invitation} staat niet in deze ronde",
                                        en=f"invitation {resp.invitation} is not in this round",
                                    ),
                                },
                            )
                        )
                plan_net.rounds.append(
                    PlanRound(
                        rnd.label,
                        rnd.date,
                        q,
                        None,
                        responses=[
                            PlanResponse(
                                r.respondent,
                                r.role,
                                r.group,
                                ordered_answers(q, _clean(r.answers)),
                                r.status,
                                r.invitation,
                                r.resume_key_sha256,
                                r.created_at,
                                r.submitted_at,
                            )
                            for r in rnd.responses
                        ],
                        results_visible=rnd.results_visible_to_respondents,
                        created_at=rnd.created_at,
                        closed_at=rnd.closed_at,
                        invitations=list(rnd.invitations),
                        snapshots=list(rnd.snapshots),
                    )
                )
    if merged is not None:
        plans.append(merged)
    problems.raise_if_any()
    return plans


# writing the plan


def apply(store: Store, plans: Sequence[PlanWorkspace]) -> t.ImportResult:
    """Write a checked plan in one transaction: all of it or (on any error) nothing."""
    networks_created = rounds_created = responses = 0
    round_ids: list[int] = []
    now = utcnow()
    try:
        with store._write() as s:
            for pw in plans:
                ws_id = pw.existing_id
                if ws_id is None:
                    ws_row = models.Workspace(
                        name=pw.name, is_demo=pw.is_demo, created_at=pw.created_at or now
                    )
                    s.add(ws_row)
                    s.flush()
                    ws_id = ws_row.id
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
    return len(pr.responses)


# ---- export ------------------------------------------------------------------------------------


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


def _load(
    store: Store,
    *,
    workspace_ids: Sequence[int] = (),
    network_ids: Sequence[int] = (),
    round_ids: Sequence[int] = (),
    full: bool = True,
) -> _Loaded:
    with store._read() as s:
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
                    loaded.snapshots.setdefault(snap.round_id, []).append(store._snapshot(s, snap))
    return loaded


def _archive(store: Store, loaded: _Loaded) -> dict[str, Any]:
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
                    )
                )
            networks.append(
                ar.ArchiveNetwork(
                    name=net.name, profile=net.profile or {}, created_at=net.created_at, rounds=rounds
                )
            )
        workspaces.append(
            ar.ArchiveWorkspace(name=ws.name, is_demo=ws.is_demo, created_at=ws.created_at, networks=networks)
        )
    archive = ar.Archive(
        format=ar.FORMAT, format_version=ar.FORMAT_VERSION, exported_at=utcnow(), workspaces=workspaces
    )
    return archive.model_dump(mode="json")


def _table(store: Store, loaded: _Loaded, fmt: ExportFormat) -> bytes:
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


def _installed(store: Store, rnd: models.Round) -> Questionnaire | None:
    try:
        return store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    except ValidationFailed:
        return None


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export_round(store: Store, round_id: int, fmt: str) -> bytes:
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

    history: list[dict[str, Any]] = []
    for rnd in reversed(rounds[: rounds.index(current)]):
        if not any(r.status == "submitted" for r in loaded.responses.get(rnd.id, [])):
            continue
        if (rnd.questionnaire_id, rnd.questionnaire_version) != (
            current.questionnaire_id,
            current.questionnaire_version,
        ):
            break
        history.insert(0, core_round(rnd))
    return _dump(
        {
            "questionnaire": {"id": current.questionnaire_id, "version": current.questionnaire_version},
            "network": {"name": net.name, "profile": net.profile or {}},
            "round": core_round(current),
            "history": history,
        }
    )


def export_network(store: Store, network_id: int, fmt: str) -> bytes:
    kind = _check_format(fmt)
    store.get_network(network_id)
    loaded = _load(store, network_ids=[network_id], full=kind == "json")
    return _dump(_archive(store, loaded)) if kind == "json" else _table(store, loaded, kind)


def export_workspace(store: Store, workspace_id: int, fmt: str) -> bytes:
    kind = _check_format(fmt)
    store.get_workspace(workspace_id)
    loaded = _load(store, workspace_ids=[workspace_id], full=kind == "json")
    return _dump(_archive(store, loaded)) if kind == "json" else _table(store, loaded, kind)


def export_all(store: Store) -> bytes:
    """Every workspace as one archive (a full backup, without users)."""
    ids = [w.id for w in store.list_workspaces()]
    if not ids:
        raise NotFound("werkruimte", "workspace", "-")
    return _dump(_archive(store, _load(store, workspace_ids=ids, full=True)))
