"""A list of participants from a CSV or XLSX file, or pasted text: naam, e-mail, rol (and taal).

The importer's bounded readers do the reading (tables.read_csv and read_xlsx: size and row limits,
UTF-8 with or without BOM, the delimiter , ; or tab taken from the header, so a Dutch Excel
semicolon file works). Column names are Dutch or English, any case. Pasted text without a header
(the first line already holds an address) is read as naam, e-mail, rol.
"""

from __future__ import annotations

from typing import Any

from diagnose.item_types import is_blank
from diagnose.problems import Problem, ValidationFailed
from diagnose.store.participants import MAX_PARTICIPANTS, NewParticipant
from diagnose.store.transfer import tables
from diagnose.store.transfer.importing import _size_limit, kind_of

MAX_BYTES = 2 * 1024 * 1024
COLUMNS: dict[str, tuple[str, ...]] = {
    "naam": ("naam", "name", "volledige naam", "full name"),
    "e-mail": ("e-mail", "email", "e-mailadres", "emailadres", "mail", "e-mail address", "email address"),
    "rol": ("rol", "role", "functie"),
    "taal": ("taal", "language", "lang"),
}
ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
REQUIRED = ("naam", "e-mail")


def read_participants(data: bytes, filename: str) -> list[NewParticipant]:
    _size_limit(data, filename, MAX_BYTES)
    kind = kind_of(filename)
    if kind == "json":
        raise ValidationFailed([Problem("unknown-format", file=filename, params={"key": ".json"})])
    if not data.strip():
        raise ValidationFailed([Problem("participants-empty", file=filename)])
    table = (tables.read_csv if kind == "csv" else tables.read_xlsx)(data, filename, MAX_PARTICIPANTS)
    return _rows(table)


def read_pasted(text: str, label: str) -> list[NewParticipant]:
    """Pasted lines: with a header row (naam;e-mail;rol), or without one as naam, e-mail, rol."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValidationFailed([Problem("participants-empty", file=label)])
    headerless = "@" in lines[0]
    delimiter = max((",", ";", "\t"), key=lines[0].count)
    if headerless:  # pasted from a list: rows may leave the role out
        width = min(max(line.count(delimiter) for line in lines) + 1, len(COLUMNS))
        padded = [line + delimiter * max(width - 1 - line.count(delimiter), 0) for line in lines]
        text = delimiter.join(list(COLUMNS)[:width]) + "\n" + "\n".join(padded)
    table = tables.read_csv(text.encode("utf-8"), label, MAX_PARTICIPANTS)
    return _rows(table, shift=-1 if headerless else 0)


def _rows(table: tables.Table, shift: int = 0) -> list[NewParticipant]:
    columns: dict[str, int] = {}
    for index, name in enumerate(table.header):
        key = ALIASES.get(name)
        if key is not None and key not in columns:
            columns[key] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ValidationFailed(
            [
                Problem(
                    "participants-missing-column",
                    file=table.file,
                    line=1 if not shift else None,
                    params={
                        "key": ", ".join(missing),
                        "found": ", ".join(h for h in table.header if h) or "-",
                    },
                )
            ]
        )

    def cell(cells: list[Any], key: str) -> str:
        raw = cells[columns[key]] if key in columns else None
        return "" if raw is None or is_blank(raw) else str(raw).strip()

    return [
        NewParticipant(
            name=cell(cells, "naam"),
            email=cell(cells, "e-mail"),
            role=cell(cells, "rol") or None,
            lang=cell(cells, "taal").lower() or "nl",
            line=line + shift,
        )
        for line, cells in table.rows
    ]
