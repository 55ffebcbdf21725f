"""The exceptions that carry the store's messages to the user.

Every store error is a ValidationFailed: the CLI prints it as `file:line: [code] id.field: what — fix`
and exits 2; the app shows `exc.problems[0].what(lang)` (and `.fix(lang)`). Their texts are in the
core's one catalogue, diagnose.catalogue.
"""

from __future__ import annotations

from typing import ClassVar

from diagnose.problems import Problem, ValidationFailed
from diagnose.text import LocalizedText


class StoreError(ValidationFailed):
    """A user-facing problem raised by the store; `code` names it for programs."""

    def __init__(self, problem: Problem):
        super().__init__([problem])
        self.problem = problem

    @property
    def code(self) -> str:
        return self.problem.code


class NotFound(StoreError):
    THINGS: ClassVar[dict[str, LocalizedText]] = {
        "workspace": LocalizedText(nl="werkruimte", en="workspace"),
        "network": LocalizedText(nl="netwerk", en="network"),
        "round": LocalizedText(nl="ronde", en="round"),
        "response": LocalizedText(nl="antwoordset", en="response"),
        "invitation": LocalizedText(nl="uitnodiging", en="invitation"),
        "user": LocalizedText(nl="gebruiker", en="user"),
        "agreement": LocalizedText(nl="afspraak", en="agreement"),
        "participant": LocalizedText(nl="deelnemer", en="participant"),
    }

    def __init__(self, thing: str, key: object):
        """`thing` is one of THINGS (what was looked for), `key` the id or name asked for."""
        super().__init__(Problem("not-found", id=str(key), params={"kind": self.THINGS[thing], "key": key}))


class RoundClosed(StoreError):
    def __init__(self, label: str):
        super().__init__(Problem("round-closed", params={"key": label}))


class AlreadySubmitted(StoreError):
    def __init__(self) -> None:
        super().__init__(Problem("response-submitted"))


class InvitationInvalid(StoreError):
    STATES: ClassVar[dict[str, LocalizedText]] = {
        "revoked": LocalizedText(nl="ingetrokken", en="revoked"),
        "expired": LocalizedText(nl="verlopen", en="expired"),
        "unknown": LocalizedText(nl="onbekend", en="unknown"),
    }

    def __init__(self, state: str):
        shown = self.STATES.get(state, LocalizedText(nl=state, en=state))
        super().__init__(Problem("invitation-invalid", params={"state": shown}))
        self.state = state


class AccessDenied(StoreError):
    def __init__(self, workspace_id: int):
        super().__init__(Problem("access-denied", params={"key": workspace_id}))


class Conflict(StoreError):
    """A name, e-mail or label that must be unique is taken, or a change is no longer allowed."""


class DatabaseUnavailable(StoreError):
    """The database cannot do what was asked right now: locked by another writer for longer than the
    busy timeout, disk full, a read-only file or folder, or the server gone. Nothing was written; the
    same call may succeed later. `reason` is one of busy, full, read_only, unreachable."""

    def __init__(self, reason: str, url: str, detail: str):
        super().__init__(Problem("database-unavailable", file=url, params={"detail": detail}))
        self.reason = reason
