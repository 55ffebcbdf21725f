"""What the store hands out: plain frozen records, never live ORM objects.

Streamlit reruns a script in a new thread and keeps objects across reruns; ORM instances would be
detached from their session by then. These records are safe to cache, compare and pass around.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from diagnose.diagnosis import Diagnosis
from diagnose.edits import Stale

MemberRole = Literal["admin", "member"]
InvitationKind = Literal["personal", "shared"]
ResponseStatus = Literal["draft", "submitted"]
# What opening an invitation link gave:
#   new        a response was started (a shared link also returns a fresh resume_key)
#   resumed    the respondent's own draft was found again
#   submitted  this respondent already submitted (the app may show results if the round allows)
#   unknown    no invitation has this token
#   revoked    the invitation was withdrawn
#   expired    the invitation's expiry has passed
#   closed     the round no longer takes answers
RoundIdentity = Literal["anonymous", "named"]
ROUND_IDENTITIES: tuple[RoundIdentity, ...] = ("anonymous", "named")
ClosedReason = Literal["none", "minimum", "response_rate"]  # why a round's results are closed
OpenStatus = Literal["new", "resumed", "submitted", "unknown", "revoked", "expired", "closed"]


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Workspace:
    id: int
    name: str
    is_demo: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Member:
    user: User
    role: MemberRole


@dataclass(frozen=True)
class NetworkInfo:
    id: int
    workspace_id: int
    name: str
    profile: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True)
class RoundInfo:
    id: int
    network_id: int
    workspace_id: int
    label: str
    date: dt.date | None
    questionnaire_id: str
    questionnaire_version: str
    is_open: bool
    results_visible_to_respondents: bool
    created_at: dt.datetime
    closed_at: dt.datetime | None
    identity: RoundIdentity = "anonymous"
    response_rate_minimum: int | None = None  # percent; results stay closed below it

    @property
    def named(self) -> bool:
        return self.identity == "named"


@dataclass(frozen=True)
class RoundCounts:
    """invited: personal links issued, not revoked (a revoked link whose response was handed in
    still counts: that member was invited and answered); opened: responses begun by opening a
    link that still works, or handed in, or imported; started: those with at least one answer;
    submitted: responses handed in. A draft behind a revoked link can never be handed in and is
    not counted, so submitted ≤ started ≤ opened and the response rate stays true."""

    invited: int
    opened: int
    started: int
    submitted: int


ExportVia = Literal["app", "cli", "kept"]


@dataclass(frozen=True)
class ExportBy:
    """Who makes a per-respondent export or a backup: a workspace owner signed in to the app
    (`user_id`), or the server's operator on the command line (`user_id` None, `who` the OS
    account). Such an export is refused to anyone else and is logged (ExportRecord)."""

    user_id: int | None
    via: ExportVia
    who: str = ""


@dataclass(frozen=True)
class ExportRecord:
    """One logged per-respondent export or backup: who, what, when, how much."""

    id: int
    created_at: dt.datetime
    workspace_id: int | None
    who: str
    via: str
    kind: Literal["respondents", "backup"]
    scope: str
    format: str
    rounds: int
    respondents: int
    left_out: int


@dataclass(frozen=True)
class Invitation:
    id: int
    round_id: int
    kind: InvitationKind
    label: str | None
    role: str | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    created_at: dt.datetime
    responses: int

    def state(self, now: dt.datetime) -> Literal["active", "revoked", "expired"]:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


@dataclass(frozen=True)
class NewInvitation:
    """The plain token exists only here: the database keeps its SHA-256 hash."""

    invitation: Invitation
    token: str


@dataclass(frozen=True)
class ResponseInfo:
    id: int
    round_id: int
    invitation_id: int | None
    respondent: str
    role: str | None
    group: bool
    status: ResponseStatus
    created_at: dt.datetime
    submitted_at: dt.datetime | None


@dataclass(frozen=True)
class Opened:
    """The outcome of opening an invitation link; see OpenStatus."""

    status: OpenStatus
    round: RoundInfo | None = None
    response: ResponseInfo | None = None
    resume_key: str | None = None  # shared links, status "new": keep it in the browser to resume

    @property
    def ok(self) -> bool:
        """True when the respondent may answer (a new or resumed draft)."""
        return self.status in ("new", "resumed")


@dataclass(frozen=True)
class Snapshot:
    """One stored diagnosis of a round, as computed then (rediagnosis adds a new one)."""

    id: int
    round_id: int
    created_at: dt.datetime
    questionnaire_id: str
    questionnaire_version: str
    ruleset_id: str
    ruleset_version: str
    respondents: int
    data: dict[str, Any] = field(repr=False, compare=False)

    def diagnosis(self) -> Diagnosis:
        return Diagnosis.model_validate(self.data)


@dataclass(frozen=True)
class RoundHistory:
    """A round with its counts and latest diagnosis, for overviews and trend charts."""

    round: RoundInfo
    counts: RoundCounts
    snapshot: Snapshot | None


@dataclass(frozen=True)
class DeletionScope:
    """What deleting a network or a round takes with it: named before anyone confirms."""

    rounds: int
    responses: int  # submitted answers and drafts
    agreements: int


@dataclass(frozen=True)
class RediagnoseReport:
    diagnosed: int
    skipped: list[tuple[int, str]]  # (round id, reason)
    seconds: float
    # the consultant's edits that name findings the new diagnosis no longer has (diagnose.edits);
    # the rest of each edit still applies
    stale_edits: dict[int, tuple[Stale, ...]] = field(default_factory=dict)  # round id → parts


@dataclass(frozen=True)
class ImportResult:
    networks_created: int
    rounds_created: int
    responses: int
    round_ids: list[int]
