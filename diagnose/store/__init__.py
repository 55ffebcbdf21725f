"""Persistence for Netwerkscan: workspaces, networks, rounds, invitations, responses and diagnoses.

SQLite by default (./data/netwerkscan.sqlite), PostgreSQL with DATABASE_URL. The API the app and the
CLI use is described in diagnose.store.api. The store is made of rooms, each a class over one
shared database.Database; a room imports only what lies below it (tests/store/test_rooms.py):

    service.Store  every room at once: the façade the app, CLI and tests use (demo builds on it)
    transfer/      import (read a file → checked plan → write) and export    on responses, diagnoses
    rediagnosis    re-diagnosis in bulk, in worker processes                 on diagnoses
    agreements     the steering group's agreements per round and their status on diagnoses
    edits          the consultant's edit of a round (versions), workspace branding  on diagnoses
    benchmark      taking part in the benchmark, reference sets, other networks' means  on standing
    standing       rounds' latest construct means as rows (portfolio, benchmark)    on rounds
    responses      links opened, autosave, roles, submit, group answers      on rounds
    diagnoses      rounds as the core's, snapshots, network history          on rounds
    rounds         rounds, counts, invitations                               on networks
    networks       workspaces, networks, profiles
    accounts       users, passwords, memberships, login tokens
    (below all)    database, records, chronology (which earlier round is history), answer_checks,
                   models, types, errors, db, schema, credentials, round_scores, finding_texts,
                   edit_rows, logo (a logo checked before it is stored), benchmark_rows,
                   bulk (many rows at once: COPY on PostgreSQL), codec (compressed JSON)
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
