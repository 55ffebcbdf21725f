"""The demo's programme office: a workspace of 30 generated, fictitious networks, so the portfolio
(the overview of a workspace with many networks) can be seen and tried.

Varied sectors, regions and network types, one or two yearly rounds each; several networks need
attention, each for its own reason (diagnose/portfolio.py): a decline, a new concern, too few
responses, no round for over a year, a round still open after its deadline. Dates are counted
back from the day the demo is built, so those reasons hold on that day; the random generator is
seeded, so the networks and answers are the same every time. Built with the demo only
(NETSCAN_DEMO=1 or `netscan demo`), in one import.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from diagnose.problems import Problem
from diagnose.regions import REGION, REGIONS
from diagnose.responses import check_round
from diagnose.store import credentials
from diagnose.store.errors import StoreError
from diagnose.store.service import Store
from diagnose.store.transfer.archive import ArchiveInvitation
from diagnose.store.transfer.importing import apply
from diagnose.store.transfer.plan import PlanNetwork, PlanResponse, PlanRound, PlanWorkspace
from diagnose.synthetic import RoundSpec, coordinator_facts, generate_round

PROGRAMME_NAME = "Programmabureau — fictieve netwerken"
SEED = 2015
THEMES = (
    "Leernetwerk",
    "Samenwerkingsverband",
    "Regionale aanpak lerarentekort",
    "Kennisnetwerk",
    "Techniekpact",
    "Netwerk passend onderwijs",
    "Opleidingsschool",
    "Netwerk doorlopende leerlijn",
)
PLACES = (
    "Achterhoek",
    "Kempen",
    "Westland",
    "Noordoost-Fryslân",
    "Zuid-Limburg",
    "Gooi en Vecht",
    "Drechtsteden",
    "Salland",
    "Veluwe",
    "Zeeuws-Vlaanderen",
    "Eemland",
    "Hondsrug",
    "Flevopolder",
    "Betuwe",
    "Groene Hart",
)
SECTORS = ("po", "vo", "mbo", "hbo", "mixed")
TYPES = ("learning", "chain", "organisation")
ROLES = {"teacher": 4, "school_leader": 3, "board": 1, "support_office": 1}
# what happens to each network, in the order they are made (30 in all)
KINDS = (
    *["steady"] * 11,
    *["decline"] * 4,
    *["concern"] * 4,
    *["low_response"] * 3,
    *["stale"] * 3,
    *["overdue"] * 3,
    *["running"] * 2,
)
# constructs moved for a story, per kind: (earlier mean, latest mean)
STORY_SCORES = {
    "decline": {"lnc4_trust": (4.3, 3.4), "lnc5_ownership": (4.2, 3.4)},
    "concern": {"lnc7_architecture": (3.3, 2.4)},
}


def _label(day: dt.date) -> str:
    return f"{day.year} {'voorjaar' if day.month <= 6 else 'najaar'}"


def _round(
    store: Store,
    name: str,
    facts: dict[str, Any],
    day: dt.date,
    respondents: int,
    scores: dict[str, float],
    rng: random.Random,
    *,
    closed: bool,
) -> PlanRound:
    q = store.bundle.questionnaire("netwerkscan")
    spec = RoundSpec(
        label=_label(day),
        date=day,
        respondents=respondents,
        roles={r: n for r, n in ROLES.items() if n <= respondents} or {"teacher": respondents},
        facts=facts,
        scores=scores,
        spread={"default": 0.3},
        dont_know=0.03,
    )
    generated = generate_round(q, spec, rng)
    problems = check_round(q, generated, f"demo: {name}")
    if problems:
        raise StoreError(problems[0])
    handed_in = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)
    sent = handed_in - dt.timedelta(days=14)
    issued = len(generated.responses) + (8 if respondents < 3 else rng.randint(1, 4))
    return PlanRound(
        generated.label,
        day,
        q,
        responses=[
            PlanResponse(
                r.respondent,
                r.role,
                r.group,
                r.answers,
                submitted_at=handed_in,
                created_at=sent,
                invitation_ref=ref,
            )
            for ref, r in enumerate(generated.responses, start=1)
        ],
        created_at=sent - dt.timedelta(days=1),
        closed_at=handed_in + dt.timedelta(days=7) if closed else None,
        invitations=[
            ArchiveInvitation(
                ref=ref,
                kind="personal",
                token_sha256=credentials.token_hash(credentials.new_token()),
                created_at=sent,
            )
            for ref in range(1, issued + 1)
        ],
    )


def build_programme_office(store: Store, user_id: int, *, today: dt.date | None = None) -> int:
    """Add the programme office's workspace (the user its administrator); returns its id."""
    today = today or dt.date.today()
    rng = random.Random(SEED)
    q = store.bundle.questionnaire("netwerkscan")
    regions = [r for r in REGIONS if r != "landelijk"]
    plan = PlanWorkspace(PROGRAMME_NAME, None, is_demo=True)
    deadlines: dict[str, dt.date] = {}
    for index, kind in enumerate(KINDS):
        name = f"{THEMES[index % len(THEMES)]} {PLACES[index % len(PLACES)]} (fictief)"
        facts: dict[str, Any] = {
            "sector": SECTORS[index % len(SECTORS)],
            "network_type": TYPES[index % len(TYPES)],
        }
        region = "landelijk" if index % 10 == 9 else regions[(index * 5) % len(regions)]
        profile = {**coordinator_facts(q, facts), REGION: region, "size": rng.randint(4, 30)}
        network = PlanNetwork(name, None, store.check_profile(profile))
        latest = today - dt.timedelta(days=rng.randint(40, 220))
        if kind == "stale":
            latest = today - dt.timedelta(days=rng.randint(400, 560))
        if kind in ("overdue", "running"):
            latest = today - dt.timedelta(days=rng.randint(5, 20))
        base = {"default": round(rng.uniform(3.45, 3.95), 2)}
        story = STORY_SCORES.get(kind, {})
        rounds = 1 if kind in ("stale", "running") or index % 7 == 3 else 2
        for year in range(rounds):
            day = latest - dt.timedelta(days=365 * (rounds - 1 - year))
            last = year == rounds - 1
            scores = {**base, **{c: values[1 if last else 0] for c, values in story.items()}}
            respondents = 2 if kind == "low_response" and last else rng.randint(9, 13)
            still_open = last and kind in ("overdue", "running")
            network.rounds.append(
                _round(store, name, facts, day, respondents, scores, rng, closed=not still_open)
            )
        if kind in ("overdue", "running"):
            deadlines[name] = (
                today - dt.timedelta(days=10) if kind == "overdue" else today + dt.timedelta(days=14)
            )
        plan.networks.append(network)
    apply(store, [plan])
    workspace = store.workspace_by_name(PROGRAMME_NAME)
    if workspace is None:
        raise StoreError(Problem("database-not-empty", params={"detail": PROGRAMME_NAME}))
    store.add_member(workspace.id, user_id, "admin")
    for net in store.list_networks(workspace.id):
        if net.name in deadlines:
            store.set_mail_settings(store.list_rounds(net.id)[-1].id, deadline=deadlines[net.name])
    store.rediagnose(workspace_id=workspace.id)
    return workspace.id
