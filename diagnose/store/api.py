"""The store's Python API: everything the app and the CLI need, on SQLite or PostgreSQL.

    from diagnose.store import Store
    store = Store.open()            # DATABASE_URL, else ./data/netwerkscan.sqlite (NETSCAN_DATA_DIR)
    store.ensure_schema()           # migrate to the newest schema (safe from several processes at once)

One Store per process is enough (it holds a connection pool and is thread-safe: cache it with
st.cache_resource). Store is every room of the store at once (diagnose.store lists them); each
section below names its room, which can also be used alone, e.g. Accounts(Database.open(url)).
Set-up (diagnose.store.database): Store.open(url) / Store(engine, bundle=None); engine, bundle,
dialect, url; ensure_schema(); close(); is_empty() -> bool; table_counts() -> dict[str, int].
Methods take and return plain ids and frozen records (diagnose.store.types), never ORM objects.
User errors raise StoreError (a ValidationFailed, see diagnose.store.errors): NotFound,
RoundClosed, AlreadySubmitted, InvitationInvalid, AccessDenied, Conflict; invalid answers raise
ValidationFailed with the core's `answer-value` / `unknown-item` problems.

Users and access (accounts.Accounts)
    add_user(email, password, name="", *, workspace_id=None, role="member") -> User
    verify_password(email, password) -> User | None       (argon2; rehashes old parameters)
    get_user(user_id) -> User;  user_by_email(email) -> User | None;  list_users() -> list[User]
    set_password(user_id, password) -> None
    add_member(workspace_id, user_id, role="member") -> None      (adds or changes the role)
    remove_member(workspace_id, user_id) -> None
    membership(user_id, workspace_id) -> "admin" | "member" | None
    require_member(user_id, workspace_id, role=None) -> MemberRole   (raises AccessDenied)
    workspaces_of(user_id) -> list[Workspace];  members(workspace_id) -> list[Member]
    create_login_token(user_id, ttl=14 days) -> str   (a "remember me" token; only its hash is stored)
    user_for_login_token(token) -> User | None;  revoke_login_token(token) -> None

Workspaces and networks (networks.Networks); rounds (rounds.Rounds)
    create_workspace(name, *, owner_id=None, is_demo=False) -> Workspace   (owner becomes admin)
    get_workspace(id) -> Workspace;  list_workspaces() -> list[Workspace];  workspace_by_name(name)
    create_network(workspace_id, name, profile=None) -> NetworkInfo
        profile: facts nobody answers, e.g. {"size": 12, "sector": "po"}; checked (check_profile)
    update_network(network_id, *, name=None, profile=None) -> NetworkInfo
    get_network(id) -> NetworkInfo;  list_networks(workspace_id) -> list[NetworkInfo]
    delete_network(network_id) -> None;  delete_round(round_id) -> None
        with their rounds, responses, snapshots and agreements, no questions asked; the app calls
        delete_network_keeping_export / delete_round_keeping_export (transfer, below) instead
    deletion_scope(*, network_id=None, round_id=None) -> DeletionScope   (rounds, responses, agreements)
    create_round(network_id, label, *, date=None, questionnaire_id="netwerkscan",
                 questionnaire_version=None, results_visible_to_respondents=False,
                 identity="anonymous", response_rate_minimum=None) -> RoundInfo
        identity "anonymous" | "named" (op naam); response_rate_minimum: percent of the links issued
        below which results stay closed (diagnose.diagnosis.results_open; docs/store.md)
    get_round(id) -> RoundInfo;  list_rounds(network_id) -> list[RoundInfo]   (oldest first)
    update_round(round_id, *, label=None, date=None, questionnaire_id=None,
                 questionnaire_version=None, results_visible_to_respondents=None, identity=None,
                 response_rate_minimum=<unchanged>) -> RoundInfo
        response_rate_minimum=None removes the threshold; a round with answers cannot become named
    close_round(round_id) -> RoundInfo;  reopen_round(round_id) -> RoundInfo
    round_counts(round_id) -> RoundCounts            (invited / opened / started / submitted)
    closed_results(round_ids) -> {round id: "none" | "minimum" | "response_rate"}   (results closed)
    named_roles(round_id) -> {invitation id: role}   (a named round only; {} when anonymous)

Invitations (rounds.Rounds) and the respondent's flow (responses.Responses)
    create_invitations(round_id, count=1, *, expires_at=None, role=None, labels=None) -> list[NewInvitation]
    create_shared_link(round_id, *, expires_at=None, label=None) -> NewInvitation
        the plain token is in NewInvitation.token, returned once; put it in the link as /?t=TOKEN
    list_invitations(round_id) -> list[Invitation];  revoke_invitation(invitation_id) -> None
    open_response(token, resume_key=None) -> Opened
        status new / resumed / submitted / unknown / revoked / expired / closed (types.OpenStatus).
        A personal link has one response. A shared link starts one response per browser: on "new"
        keep Opened.resume_key in the browser and pass it back to resume that browser's draft.
    save_answer(response_id, item_id, value) -> None
        validated with the core's answer_error; ONE idempotent upsert; value None clears the answer
    answers(response_id) -> dict[str, Any]           (to restore widgets after a refresh)
    set_role(response_id, role) -> None;  missing_required(q, answers, role) -> list[str]
    submit(response_id) -> list[str]
        [] when submitted; else the ids of required items still unanswered (nothing changes)
    get_response(response_id) -> ResponseInfo;  list_responses(round_id) -> list[ResponseInfo]
    start_group_response(round_id, label, *, role=None) -> ResponseInfo
        a draft group answer filled in live at an intake: save_answer / submit as for anyone
    add_group_response(round_id, answers, *, role=None, respondent=None) -> ResponseInfo
        a group answer validated and submitted at once

Diagnosis (diagnoses.Diagnoses; rediagnose: rediagnosis.Rediagnosis)
    diagnose_round(round_id) -> Snapshot
        diagnoses the submitted responses, with the round history_round names as history, and
        stores a new snapshot (older snapshots are kept)
    history_round(round_id) -> RoundInfo | None
        the latest earlier round of the network whose results are open, whatever its questionnaire
        (the one rule, diagnose.store.chronology.history_rounds); None for a round without answers
    latest_snapshot(round_id) -> Snapshot | None;  snapshots(round_id) -> list[Snapshot]
    network_history(network_id) -> list[RoundHistory]    (rounds oldest first, counts, latest snapshot)
    round_as_core(round_id, *, include_drafts=False) -> diagnose.Round
    network_as_core(network_id) -> diagnose.Network
    rediagnose(*, workspace_id=None, network_id=None, round_id=None, workers=1, progress=None)
        -> RediagnoseReport: new snapshots with the current rule base for every round with submitted
        answers (workers=0: one process per core, for the CLI). A round whose scoring inputs are
        unchanged since its last snapshot reuses the scores kept there (round_scores.py).

Agreements (agreements.Agreements): the steering group's afspraken, as the core's Agreement records
    add_agreement(round_id, text, *, owner="", due=None, findings=(), constructs=(), status="planned",
                  note="", on=None, user_id=None) -> Agreement
        refused (ValidationFailed, nothing stored): no text, a due date before the round, a finding
        the round's latest diagnosis lacks, a construct its questionnaire does not measure; with
        user_id, a user who is not a member of the round's workspace (AccessDenied)
    update_agreement(agreement_id, *, text=None, owner=None, due=None, findings=None, constructs=None,
                     user_id=None) -> Agreement
    set_agreement_status(agreement_id, status, *, note="", on=None, user_id=None) -> Agreement
        status planned / under_way / done / dropped; every change is kept (Agreement.history)
    get_agreement(id) -> Agreement;  list_agreements(round_id) -> list[Agreement];
    delete_agreement(agreement_id, *, user_id=None);  network_agreements(network_id) -> {round id: [...]}

The consultant's edit and branding (edits.Edits; the edit itself is the core's diagnose.edits.Edit)
    round_edit(round_id) -> EditVersion          (version 0, empty, when never edited)
    edit_history(round_id) -> list[EditVersion]  (oldest first: who, when, what changed)
    save_edit(round_id, edit, *, version, user_id=None) -> EditVersion
        `version` is the one the person started from; EditChanged (carrying the newer version) when
        someone saved since; ValidationFailed for a finding the round's diagnosis lacks, a strength
        on top, a reason missing, a text too long; nothing stored on any refusal
    branding(workspace_id) -> Branding;  set_branding(workspace_id, *, organisation=None,
        logo=KEEP_LOGO | None | bytes, user_id=None) -> Branding   (PNG or SVG, checked: store.logo)

Standing: rounds' latest construct means as rows (standing.Standing), for the portfolio and the benchmark
    latest_standings(network_ids, *, last=2) -> {network id: [RoundStanding, newest first]}
        the `last` most recent rounds of each network whose results are open, with their means
        (RoundStanding.means: {construct id: ConstructMean(mean, respondents, band)})
    latest_open_means(*, questionnaire_id, version, exclude_network_id=None) -> {network id: RoundStanding}
        per network of every workspace, its most recent results-open round answered with that
        questionnaire version (None: any version; what a benchmark compares with)
    refresh_standings(network_ids=None) -> int   (both reads call it; rounds filled from their scores)
    latest_rounds(network_ids) -> {network id: diagnose.portfolio.LatestRound}   (whatever its state:
        links issued, handed in, why results are closed, deadline)
    open_agreement_counts(network_ids) -> {network id: agreements planned or under way}
    edit_versions(round_ids) -> {round id: version of the consultant's edit}   (never edited: absent)
    the portfolio's rows: diagnose.store.portfolio_view (portfolio_rows, with_headlines; docs/portfolio.md)
        rows are filled lazily from each round's latest snapshot's kept scores; an unchanged scores
        digest only moves the snapshot id on; closed results (diagnosis.results_open, asked again
        at every read) are never in an answer

The benchmark (benchmark.Benchmark; the comparison is the core's diagnose.benchmark, docs/benchmark.md)
    benchmark_taking_part(network_id) -> bool
    set_benchmark_taking_part(network_id, on, *, user_id=None) -> bool   (changed?; user_id: an admin
        of the network's workspace, else StoreError benchmark-not-admin; None: the command line)
    benchmark_for(round_id, diagnosis, scope=ALL) -> Comparison | None   (None: not taking part,
        results closed, or too few others; round_view.RoundView.benchmark is this with scope ALL)
    benchmark_peers(questionnaire_id, *, exclude_network_id=None, workspace_id=None) -> list[Peer]
    benchmark_export(questionnaire_id="netwerkscan") -> BenchmarkFile   (never re-exports references)
    import_benchmark(path, *, name, display=None) -> BenchmarkReferenceInfo   (all or nothing)
    benchmark_references() -> list[BenchmarkReferenceInfo];  remove_benchmark_reference(id)

Import and export (transfer.Transfer; the package diagnose.store.transfer reads, plans, writes)
    import_bytes(data, filename, *, workspace_id, network=None, round_label=None, round_date=None,
                 questionnaire_id=None) -> ImportResult      (JSON, CSV or XLSX; all or nothing)
    export_round(round_id, fmt, *, by) / export_network(network_id, fmt, *, by) /
    export_workspace(workspace_id, fmt, *, by) -> bytes, fmt in "json" | "csv" | "xlsx"
        answers per respondent (json of a network/workspace: the backup archive), never with names or
        link labels, only of rounds whose results are open; `by` (ExportBy) a workspace owner or the
        command line, else AccessDenied; every one logged. Results: diagnose.store.results_export
    export_log(workspace_id=None) -> list[ExportRecord]   (who exported what when, newest first)
    delete_network_keeping_export(network_id, *, folder=None, by=None) -> Path
    delete_round_keeping_export(round_id, *, folder=None, by=None) -> Path
        the network's archive written first (folder, default the data folder's exports/, named
        netwerkscan-<network>-<UTC time>.json; transfer.kept), then deleted; nothing is deleted
        when the file cannot be written (StoreError export-not-kept)
"""

from __future__ import annotations

from diagnose.store.service import Store

__all__ = ["Store"]
