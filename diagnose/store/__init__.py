"""Persistence for Netwerkscan: workspaces, networks, rounds, invitations, responses and diagnoses.

SQLite by default (./data/netwerkscan.sqlite), PostgreSQL with DATABASE_URL. The API the app and the
CLI use is described in diagnose.store.api.
"""

from diagnose.store.errors import (
    AccessDenied,
    AlreadySubmitted,
    Conflict,
    InvitationInvalid,
    NotFound,
    RoundClosed,
    StoreError,
)
from diagnose.store.service import Store

__all__ = [
    "AccessDenied",
    "AlreadySubmitted",
    "Conflict",
    "InvitationInvalid",
    "NotFound",
    "RoundClosed",
    "Store",
    "StoreError",
]
