"""Import and export: JSON (the core's response file, and the lossless archive), CSV and XLSX.

Import checks everything first and writes nothing unless all of it is valid; then it writes in one
transaction. Three shapes are read:
- an answer table (.csv, .xlsx; read_tables): one row per respondent, one column per item id, plus
  `role` and optionally `respondent`, `group`, and `network`/`round`/`date`/`questionnaire` (else
  the target given by the caller). Rows go into the named round: created when new, added to when
  it exists.
- the core's response file (.json, docs/formats.md; read_json): its round is created or added to
  like a table; history rounds the network does not have yet are created, ones it has are left as
  they are.
- the archive (.json, transfer.archive; read_json) from `export ... --format json` of a network or
  workspace: restored completely; a round that already exists is an error.
Each reader turns its file into a checked plan (transfer.plan); importing writes the plan.

Export (exporting) writes answers per respondent: a round, a network or a workspace as CSV or
XLSX (the table above, submitted answers of the rounds whose results are open), or a round as the
core's response file (with the earlier rounds of the same questionnaire as history, so `netscan
diagnose` reproduces the diagnosis); and the backup: a network, a workspace or everything as the
archive. Each is a workspace owner's deliberate choice, logged (export_log); none carries a name,
an e-mail address or a link label. Results (aggregates) are exported by store.results_export.

The modules here import the rooms below them (responses, diagnoses); nothing below imports them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diagnose.problems import Problem, ValidationFailed
from diagnose.store import types as t
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.responses import Responses
from diagnose.store.transfer import exporting, importing, kept, template
from diagnose.store.transfer.exporting import export_all
from diagnose.store.transfer.plan import Target
from diagnose.text import Lang

__all__ = ["Transfer", "export_all"]


class Transfer(Responses, Diagnoses):
    """Files in and out of the store."""

    def import_bytes(
        self,
        data: bytes,
        filename: str,
        *,
        workspace_id: int | None = None,
        network: str | None = None,
        round_label: str | None = None,
        round_date: dt.date | None = None,
        questionnaire_id: str | None = None,
        workspace_name: str | None = None,
    ) -> t.ImportResult:
        """Import a JSON, CSV or XLSX file (by its name's suffix): all of it, or nothing.
        workspace_name (without workspace_id): a new workspace, made only when the file is valid."""
        target = Target(workspace_id, network, round_label, round_date, questionnaire_id, workspace_name)
        return importing.import_bytes(self, data, filename, target)

    def answer_template(self, questionnaire_id: str, fmt: str, lang: Lang = "nl") -> bytes:
        """An empty answer table (CSV or XLSX) for the questionnaire's current version, with a row
        of explanations the importer skips (transfer.template)."""
        q = self.db.bundle.questionnaire(questionnaire_id)
        if fmt == "csv":
            return template.answer_template(q, "csv", lang)
        if fmt == "xlsx":
            return template.answer_template(q, "xlsx", lang)
        raise ValidationFailed([Problem("unknown-format", params={"key": fmt})])

    def export_round(self, round_id: int, fmt: str, *, by: t.ExportBy) -> bytes:
        """A round's answers per respondent (csv, xlsx, or json: the core's response file), by a
        workspace owner or the command line, logged; refused when the round's results are closed."""
        return exporting.export_round(self, round_id, fmt, by)

    def export_network(self, network_id: int, fmt: str, *, by: t.ExportBy) -> bytes:
        """csv/xlsx: answers per respondent of the rounds whose results are open; json: the backup."""
        return exporting.export_network(self, network_id, fmt, by)

    def export_workspace(self, workspace_id: int, fmt: str, *, by: t.ExportBy) -> bytes:
        """As export_network, for every network of the workspace."""
        return exporting.export_workspace(self, workspace_id, fmt, by)

    def export_log(self, workspace_id: int | None = None) -> list[t.ExportRecord]:
        """Per-respondent exports and backups made, newest first (of one workspace, or all)."""
        return exporting.export_log_of(self, workspace_id)

    def delete_network_keeping_export(
        self, network_id: int, *, folder: Path | None = None, by: t.ExportBy | None = None
    ) -> Path:
        """Delete the network after writing its archive (agreements included) to `folder`, default
        the data folder's exports/ (transfer.kept); returns the file. Nothing is deleted when the
        archive cannot be written. The kept copy is a backup on the server, logged as such, with
        `by` when known."""
        data = self.export_network(network_id, "json", by=_kept(by))
        path = kept.keep(data, self.get_network(network_id).name, folder)
        self.delete_network(network_id)
        return path

    def delete_round_keeping_export(
        self, round_id: int, *, folder: Path | None = None, by: t.ExportBy | None = None
    ) -> Path:
        """Delete one round after writing its network's archive (every round, so the deleted
        round's place in the history comes back with an import); as delete_network_keeping_export."""
        rnd = self.get_round(round_id)
        name = f"{self.get_network(rnd.network_id).name} {rnd.label}"
        path = kept.keep(self.export_network(rnd.network_id, "json", by=_kept(by)), name, folder)
        self.delete_round(round_id)
        return path


def _kept(by: t.ExportBy | None) -> t.ExportBy:
    """The copy kept before a delete stays on the server (it is not handed to anyone): logged as
    `kept`, without an owner check (whoever may delete may keep the copy)."""
    return t.ExportBy(None, "kept", by.who if by else "")
