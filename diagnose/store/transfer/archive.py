"""The lossless JSON export ("netwerkscan-export"): workspaces, networks, rounds, invitations,
responses (drafts too), every diagnosis snapshot and the agreements made after each round, so a database can move (e.g. from SQLite to
PostgreSQL) and an old diagnosis stays readable. Users and passwords are not exported.

Invitation tokens are exported as their SHA-256 only (as stored): links sent out keep working in
the database the archive is imported into.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "netwerkscan-export"
FORMAT_VERSION = 1


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ref(Strict):
    id: str = Field(min_length=1)
    version: str = Field(min_length=1)


class ArchiveInvitation(Strict):
    ref: int
    kind: Literal["personal", "shared"]
    token_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    label: str | None = None
    role: str | None = None
    expires_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    created_at: dt.datetime | None = None


class ArchiveResponse(Strict):
    respondent: str = Field(min_length=1, max_length=200)
    role: str | None = None
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
    respondents: int
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


class Archive(Strict):
    format: Literal["netwerkscan-export"]
    format_version: Literal[1]
    exported_at: dt.datetime
    workspaces: list[ArchiveWorkspace]
