"""The lossless JSON export ("netwerkscan-export"): workspaces, networks, rounds, invitations,
responses (drafts too), every diagnosis snapshot, the agreements made after each round, every
version of the consultant's edit and each workspace's branding, so a database can move (e.g. from
SQLite to PostgreSQL) and an old diagnosis stays readable. Users and passwords are not exported.

Invitation tokens are exported as their SHA-256 only (as stored): links sent out keep working in
the database the archive is imported into.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import metadata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from diagnose.edits import Edit

FORMAT = "netwerkscan-export"
FORMAT_VERSION = 1


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ref(Strict):
    id: str = Field(min_length=1, max_length=100)  # the column widths in diagnose/store/models.py
    version: str = Field(min_length=1, max_length=50)


class ArchiveInvitation(Strict):
    ref: int
    kind: Literal["personal", "shared"]
    token_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    label: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=50)
    expires_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    created_at: dt.datetime | None = None


class ArchiveResponse(Strict):
    respondent: str = Field(min_length=1, max_length=200)
    role: str | None = Field(default=None, max_length=50)
    group: bool = False
    status: Literal["draft", "submitted"] = "submitted"
    invitation: int | None = None
    resume_key_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    created_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None
    answers: dict[str, Any] = Field(default_factory=dict)


class ArchiveSnapshot(Strict):
    created_at: dt.datetime
    questionnaire: Ref
    ruleset: Ref
    respondents: int = Field(ge=0)
    diagnosis: dict[str, Any]


class ArchiveStatus(Strict):
    status: Literal["planned", "under_way", "done", "dropped"]
    note: str = Field(default="", max_length=500)
    date: dt.date


class ArchiveAgreement(Strict):
    """An agreement of the steering group after the round (diagnose.agreements), with its history."""

    text: str = Field(min_length=1, max_length=500)
    owner: str = Field(default="", max_length=200)
    due: dt.date | None = None
    findings: list[str] = Field(default_factory=list)
    constructs: list[str] = Field(default_factory=list)
    created_at: dt.datetime | None = None
    history: list[ArchiveStatus] = Field(min_length=1)


class ArchiveEditVersion(Strict):
    """One saved version of the consultant's edit of the round (diagnose.edits), oldest first."""

    version: int = Field(ge=1)
    edit: Edit
    by: str = Field(default="", max_length=200)
    created_at: dt.datetime | None = None


class ArchiveBranding(Strict):
    """The workspace's organisation name and logo (base64; checked again on import)."""

    organisation: str = Field(default="", max_length=200)
    logo_base64: str | None = Field(default=None, max_length=700_000)
    by: str = Field(default="", max_length=200)
    updated_at: dt.datetime | None = None


class ArchiveRound(Strict):
    label: str = Field(min_length=1, max_length=200)
    date: dt.date | None = None
    questionnaire: Ref
    results_visible_to_respondents: bool = False
    created_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    invitations: list[ArchiveInvitation] = Field(default_factory=list)
    responses: list[ArchiveResponse] = Field(default_factory=list)
    snapshots: list[ArchiveSnapshot] = Field(default_factory=list)
    agreements: list[ArchiveAgreement] = Field(default_factory=list)
    edits: list[ArchiveEditVersion] = Field(default_factory=list)


class ArchiveNetwork(Strict):
    name: str = Field(min_length=1, max_length=200)
    profile: dict[str, str | float | list[str]] = Field(default_factory=dict)
    created_at: dt.datetime | None = None
    rounds: list[ArchiveRound] = Field(default_factory=list)


class ArchiveWorkspace(Strict):
    name: str = Field(min_length=1, max_length=200)
    is_demo: bool = False
    created_at: dt.datetime | None = None
    networks: list[ArchiveNetwork] = Field(default_factory=list)
    branding: ArchiveBranding | None = None


class Archive(Strict):
    format: Literal["netwerkscan-export"]
    format_version: Literal[1]
    netwerkscan_version: str | None = Field(default=None, max_length=50)  # the product that wrote it
    exported_at: dt.datetime
    workspaces: list[ArchiveWorkspace]


def product_version() -> str:
    try:
        return metadata.version("netwerkscan")
    except metadata.PackageNotFoundError:
        return "0"


def version_tuple(text: str) -> tuple[int, ...]:
    """ "1.2.3" → (1, 2, 3); the digits leading each part, so "1.3rc1" → (1, 3)."""
    parts = []
    for part in text.split(".")[:4]:
        digits = re.match(r"[0-9]{1,6}", part)
        parts.append(int(digits.group()) if digits else 0)
    return tuple(parts)


def newer_than_this(data: dict[str, Any]) -> str | None:
    """The version an archive says it was written by, when that is newer than this product (its
    format or its product version): such an archive may hold what this version cannot read."""
    fmt = data.get("format_version")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
        return f"format {fmt}"
    written_by = data.get("netwerkscan_version")
    if isinstance(written_by, str) and version_tuple(written_by) > version_tuple(product_version()):
        return written_by[:50]
    return None
