"""Reading an answer table (CSV or XLSX: one row per respondent, one column per item) into a plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnose.item_types import AnswerError, answer_error, is_blank, parse_cell, parse_number
from diagnose.problems import Problem, did_you_mean
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import types as t
from diagnose.store.answer_checks import ordered_answers
from diagnose.store.responses import Responses
from diagnose.store.transfer import tables
from diagnose.store.transfer.plan import (
    DEFAULT_QUESTIONNAIRE,
    PlanNetwork,
    PlanResponse,
    PlanRound,
    PlanWorkspace,
    Problems,
    Target,
    check_name,
    existing_network,
    existing_round,
    find_questionnaire,
    respondents_in,
    role_options,
    target_workspace,
)
from diagnose.text import LocalizedText


@dataclass
class _RowGroup:
    network: str
    label: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def plan_table(store: Responses, table: tables.Table, target: Target) -> list[PlanWorkspace]:
    problems = Problems()
    file = table.file
    all_items = {item.id: item for q in store.db.bundle.questionnaires.values() for item in q.items()}
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
                        "questionnaire": ", ".join(q.ref for q in store.db.bundle.questionnaires.values()),
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

    for line, cells in table.rows:
        for key, index in columns.items():
            detail = tables.cell_problem(cells[index])
            if detail is not None:
                problems.add(
                    Problem("answer-value", file=file, line=line, id=key, params=_shown(cells[index], detail))
                )
    problems.raise_if_any()
    workspace = target_workspace(store, target, file)
    groups: dict[tuple[str, str], _RowGroup] = {}
    for line, cells in table.rows:
        network = text(cells, "network") or target.network
        label = text(cells, "round") or target.round_label
        if not network or not label:
            problems.add(Problem("no-round-target", file=file, line=line))
            continue
        check_name(problems, network, file=file, line=line, where="network")
        check_name(problems, label, file=file, line=line, where="round")
        group = groups.setdefault((network, label), _RowGroup(network, label))
        group.rows.append((line, {key: cells[index] for key, index in columns.items()}))
    problems.raise_if_any()

    networks: dict[str, PlanNetwork] = {}
    for group in groups.values():
        existing_net = existing_network(store, workspace.existing_id, group.network)
        plan_net = networks.get(group.network)
        if plan_net is None:
            plan_net = PlanNetwork(
                group.network, existing_net.id if existing_net else None, None if existing_net else {}
            )
            networks[group.network] = plan_net
            workspace.networks.append(plan_net)
        round_there = existing_round(store, existing_net, group.label)
        plan_round = _plan_table_round(store, group, round_there, target, file, problems)
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
    store: Responses,
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
    q = find_questionnaire(
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
    taken = respondents_in(store, plan.existing_id)
    seen: dict[str, int] = {}
    roles = role_options(q)
    role_item = q.fact_item(ROLE_CONSTRUCT)
    for line, cells in group.rows:
        respondent = cells.get("respondent")
        who = None if is_blank(respondent) else " ".join(str(parse_number(respondent)).split())
        if who is None:
            who = _free_label(taken | set(seen), len(seen) + 1)
        else:
            check_name(problems, who, file=file, line=line, where="respondent")
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
            value = parse_cell(item, raw, q)
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


def _shown(raw: Any, detail: LocalizedText) -> dict[str, Any]:
    text = repr(raw[:60] if isinstance(raw, str) else raw)
    shown = text if len(text) <= 60 else text[:57] + "..."
    fix = LocalizedText(nl="corrigeer of verwijder de waarde", en="correct or remove the value")
    return {"value": shown, "detail": detail, "fix": fix}


def _answer_problem(file: str, line: int | None, column: str, raw: Any, error: AnswerError) -> Problem:
    return Problem(
        "answer-value",
        file=file,
        line=line,
        id=column,
        params={**_shown(raw, error.what), "fix": error.fix},
    )
