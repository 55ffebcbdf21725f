"""The results of a round, a network or a workspace as a file: what the results page shows of each
round (diagnose.store.round_view), nothing more. Open to every member of the workspace.

    from diagnose.store.results_export import export_results
    data = export_results(store, "xlsx", network_id=7)

Per round: its respondents and invited count, whether its results are open, and when they are, the
construct scores that may be shown (mean, spread, how many answered, band), the means per role
chosen by at least the anonymity minimum, and (XLSX, JSON) the open answers without names in the
one casefolded order. A round whose results are closed (fewer respondents than the minimum, or a
response rate below the round's threshold) is a line saying so and why, without a single value.
Answers per respondent are a different export (transfer.exporting): an owner's logged choice.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from diagnose.problems import Problem, ValidationFailed
from diagnose.store import Store
from diagnose.store.round_view import RoundView, round_view
from diagnose.store.transfer import tables
from diagnose.store.types import NetworkInfo, RoundInfo
from diagnose.text import LocalizedText

FORMATS = ("csv", "xlsx", "json")
STATUS = {
    "open": LocalizedText(nl="open", en="open"),
    "none": LocalizedText(nl="gesloten: nog niets ingestuurd", en="closed: nothing submitted yet"),
    "minimum": LocalizedText(
        nl="gesloten: minder respondenten dan het anonimiteitsminimum",
        en="closed: fewer respondents than the anonymity minimum",
    ),
    "response_rate": LocalizedText(
        nl="gesloten: respons lager dan de drempel van de meting",
        en="closed: response rate below the round's threshold",
    ),
}
HEADER = (
    "network",
    "round",
    "date",
    "questionnaire",
    "questionnaire_version",
    "respondents",
    "invited",
    "results",
    "construct",
    "label_nl",
    "label_en",
    "mean",
    "sd",
    "n",
    "band",
)


@dataclass(frozen=True)
class _Round:
    network: NetworkInfo
    round: RoundInfo
    view: RoundView | None
    status: str  # a key of STATUS

    def meta(self) -> list[Any]:
        r = self.round
        respondents = self.view.diagnosis.round.respondents if self.view else 0
        invited = self.view.counts.invited if self.view else None
        return [
            self.network.name,
            r.label,
            r.date.isoformat() if r.date else None,
            r.questionnaire_id,
            r.questionnaire_version,
            respondents,
            invited or None,
            STATUS[self.status].nl,
        ]


def _status(view: RoundView | None) -> str:
    if view is None:
        return "none"
    if view.results_allowed:
        return "open"
    return (
        "response_rate" if view.diagnosis.response_rate_short and view.diagnosis.anonymity.met else "minimum"
    )


def _rounds(
    store: Store, round_id: int | None, network_id: int | None, workspace_id: int | None
) -> list[_Round]:
    if round_id is not None:
        info = store.get_round(round_id)
        networks = [store.get_network(info.network_id)]
        wanted: set[int] | None = {round_id}
    elif network_id is not None:
        networks, wanted = [store.get_network(network_id)], None
    elif workspace_id is not None:
        store.get_workspace(workspace_id)
        networks, wanted = store.list_networks(workspace_id), None
    else:
        raise ValueError("give a round, a network or a workspace")
    found = []
    for net in networks:
        for rnd in store.list_rounds(net.id):
            if wanted is None or rnd.id in wanted:
                view = round_view(store, rnd.id)
                found.append(_Round(net, rnd, view, _status(view)))
    return found


def _labels(store: Store) -> dict[str, LocalizedText]:
    return {c.id: c.label for c in store.bundle.constructs.constructs}


def _score_rows(store: Store, rounds: Sequence[_Round]) -> list[list[Any]]:
    labels = _labels(store)
    rows: list[list[Any]] = []
    for r in rounds:
        if r.view is None or r.status != "open":
            rows.append([*r.meta(), *[None] * 7])
            continue
        d = r.view.diagnosis
        for cid, score in d.scores.items():
            if not d.score_visible(cid):
                continue
            label = labels.get(cid)
            rows.append(
                [
                    *r.meta(),
                    cid,
                    label.nl if label else cid,
                    label.en if label else cid,
                    round(score.mean, 2),
                    round(score.sd, 2) if score.sd is not None else None,
                    score.n,
                    score.band,
                ]
            )
    return rows


def _role_rows(store: Store, rounds: Sequence[_Round]) -> list[list[Any]]:
    rows = []
    for r in rounds:
        if r.view is None or r.status != "open":
            continue
        for role, means in r.view.diagnosis.visible_roles().items():
            for cid, mean in means.items():
                rows.append([r.network.name, r.round.label, role, cid, round(mean, 2)])
    return rows


def _text_rows(store: Store, rounds: Sequence[_Round]) -> list[list[Any]]:
    rows = []
    for r in rounds:
        if r.view is None or r.status != "open":
            continue
        q = store.bundle.questionnaire(r.round.questionnaire_id, r.round.questionnaire_version)
        questions = {item.id: item.text for item in q.items()}
        for item_id, texts in r.view.texts.items():
            question = questions.get(item_id)
            for text in texts:
                rows.append([r.network.name, r.round.label, question.nl if question else item_id, text])
    return rows


def _json(store: Store, rounds: Sequence[_Round]) -> bytes:
    labels = _labels(store)
    out = []
    for r in rounds:
        entry: dict[str, Any] = {
            "network": r.network.name,
            "round": r.round.label,
            "date": r.round.date.isoformat() if r.round.date else None,
            "questionnaire": {"id": r.round.questionnaire_id, "version": r.round.questionnaire_version},
            "respondents": r.view.diagnosis.round.respondents if r.view else 0,
            "invited": (r.view.counts.invited or None) if r.view else None,
            "results": r.status,
            "results_text": STATUS[r.status].model_dump(),
        }
        if r.view is not None and r.status == "open":
            d = r.view.diagnosis
            entry["scores"] = {
                cid: {
                    "label": labels[cid].model_dump() if cid in labels else None,
                    "mean": round(s.mean, 2),
                    "sd": round(s.sd, 2) if s.sd is not None else None,
                    "n": s.n,
                    "band": s.band,
                }
                for cid, s in d.scores.items()
                if d.score_visible(cid)
            }
            entry["by_role"] = {
                role: {cid: round(m, 2) for cid, m in means.items()}
                for role, means in d.visible_roles().items()
            }
            entry["open_answers"] = {item: list(texts) for item, texts in r.view.texts.items()}
            entry["findings"] = [f.rule for f in d.findings]
        out.append(entry)
    document = {"format": "netwerkscan-results", "format_version": 1, "rounds": out}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _xlsx(store: Store, rounds: Sequence[_Round]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheets: list[tuple[str, Sequence[str], list[list[Any]]]] = [
        ("uitkomsten", HEADER, _score_rows(store, rounds)),
        ("per rol", ("network", "round", "role", "construct", "mean"), _role_rows(store, rounds)),
        ("open antwoorden", ("network", "round", "question", "answer"), _text_rows(store, rounds)),
    ]
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append([tables.xlsx_cell(v) for v in header])
        for row in rows:
            sheet.append([tables.xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_results(
    store: Store,
    fmt: str,
    *,
    round_id: int | None = None,
    network_id: int | None = None,
    workspace_id: int | None = None,
) -> bytes:
    """The results of one round, every round of a network, or of a workspace, as CSV (construct
    scores), XLSX (scores, per role, open answers) or JSON (all of it)."""
    if fmt not in FORMATS:
        raise ValidationFailed([Problem("export-format", params={"key": fmt})])
    rounds = _rounds(store, round_id, network_id, workspace_id)
    if fmt == "json":
        return _json(store, rounds)
    if fmt == "csv":
        return tables.write_csv(HEADER, _score_rows(store, rounds))
    return _xlsx(store, rounds)
