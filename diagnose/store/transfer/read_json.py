"""Reading JSON into a plan: the core's response file (docs/formats.md), or the archive of networks
and workspaces (diagnose.store.transfer.archive), restored completely."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from diagnose.diagnosis import Diagnosis
from diagnose.problems import Problem, ValidationFailed
from diagnose.responses import Response, ResponseFile, Round, check_round
from diagnose.store import finding_texts, round_scores
from diagnose.store.answer_checks import ordered_answers
from diagnose.store.responses import Responses
from diagnose.store.transfer import archive as ar
from diagnose.store.transfer import edits
from diagnose.store.transfer.plan import (
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
    new_workspace,
    respondents_in,
    target_workspace,
)
from diagnose.text import LocalizedText


def plan_response_file(store: Responses, rf: ResponseFile, file: str, target: Target) -> list[PlanWorkspace]:
    problems = Problems()
    q = find_questionnaire(store, rf.questionnaire.id, rf.questionnaire.version, problems, file=file)
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
    name = target.network or rf.network.name
    check_name(problems, name, file=file, where="network", field="name")
    for index, rnd in enumerate([*rf.history, rf.round]):
        where = "round" if index == len(rf.history) else f"history[{index}]"
        check_name(problems, rnd.label, file=file, where=where, field="label")
        for response in rnd.responses:
            check_name(problems, response.respondent, file=file, where=where, field="respondent")
    if target.round_label:
        check_name(problems, target.round_label, file=file, where="round", field="label")
    problems.raise_if_any()
    workspace = target_workspace(store, target, file)
    existing_net = existing_network(store, workspace.existing_id, name)
    plan_net = PlanNetwork(name, existing_net.id if existing_net else None, profile)
    if existing_net is not None and existing_net.profile and profile and existing_net.profile != profile:
        plan_net.profile = None  # the network keeps the profile it has
    workspace.networks.append(plan_net)
    rounds = [*rf.history, rf.round]
    for index, rnd in enumerate(rounds):
        current = index == len(rounds) - 1
        label = target.round_label if current and target.round_label else rnd.label
        existing = existing_round(store, existing_net, label)
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
        taken = respondents_in(store, plan.existing_id)
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


def _check_snapshot(problems: Problems, data: dict[str, Any], file: str, where: str) -> None:
    """A stored diagnosis must read back as one, or that round's results page would fail for good.
    An archive's snapshots are whole: a key that refers to rows of the database it came from (its
    finding texts, its kept scores) would be looked up in this one when the round is read."""
    try:
        Diagnosis.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])[:100]
        nl, en = f"veld '{place}' klopt niet", f"{place}: {str(first['msg'])[:100]}"
    else:
        inner = [k for k in (round_scores.FROM_SCORES, finding_texts.KEY) if k in data]
        if not inner:
            return
        nl = f"veld '{inner[0]}' verwijst naar gegevens die niet in dit bestand staan"
        en = f"{inner[0]}: refers to data this file does not carry"
    problems.add(
        Problem(
            "snapshot-invalid",
            file=file,
            id=where,
            field="diagnosis",
            params={"detail": LocalizedText(nl=nl, en=en)},
        )
    )


def _clean(answers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if v is not None}


# the archive


def plan_archive(store: Responses, archive: ar.Archive, file: str, target: Target) -> list[PlanWorkspace]:
    problems = Problems()
    plans: list[PlanWorkspace] = []
    into = store.get_workspace(target.workspace_id) if target.workspace_id is not None else None
    merged = PlanWorkspace(into.name, into.id) if into else None
    if merged is None and target.workspace_name is not None:
        merged = new_workspace(target.workspace_name, file)
    taken = {w.name for w in store.list_workspaces()} if merged is None else set()
    for wi, ws in enumerate(archive.workspaces):
        plan_ws = merged or PlanWorkspace(
            ws.name, None, ws.is_demo, created_at=ws.created_at, branding=ws.branding
        )
        if merged is None:
            edits.check_branding(problems, ws.branding, file, f"workspaces[{wi}]")
        if merged is None:
            check_name(problems, ws.name, file=file, where=f"workspaces[{wi}]", field="name")
            if ws.name in taken or any(p.name == ws.name for p in plans):
                problems.add(
                    Problem(
                        "workspace-exists",
                        file=file,
                        id=f"workspaces[{wi}]",
                        field="name",
                        params={"key": ws.name},
                    )
                )
            plans.append(plan_ws)
        for ni, net in enumerate(ws.networks):
            where = f"workspaces[{wi}].networks[{ni}]"
            existing_net = existing_network(store, plan_ws.existing_id, net.name)
            check_name(problems, net.name, file=file, where=where, field="name")
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
                check_name(problems, rnd.label, file=file, where=rwhere, field="label")
                edits.check(problems, rnd, file, rwhere)
                for resp in rnd.responses:
                    check_name(problems, resp.respondent, file=file, where=rwhere, field="respondent")
                for inv in rnd.invitations:
                    if inv.label is not None:
                        check_name(problems, inv.label, file=file, where=rwhere, field="invitations.label")
                for si, snap in enumerate(rnd.snapshots):
                    _check_snapshot(problems, snap.diagnosis, file, f"{rwhere}.snapshots[{si}]")
                if existing_round(store, existing_net, rnd.label) is not None or any(
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
                q = find_questionnaire(
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
                        agreements=list(rnd.agreements),
                        edits=list(rnd.edits),
                    )
                )
    if merged is not None:
        plans.append(merged)
    problems.raise_if_any()
    return plans
