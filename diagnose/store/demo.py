"""Demo data: a clearly labelled workspace of fictitious networks, three yearly rounds each.

Four stories a newcomer recognises at once in the trend charts:
- a learning network of teachers that improves year on year;
- a passend-onderwijs partnership whose ownership and trust decline;
- a technology pact whose board and support office have taken the network over (pitfall 3);
- a regional teacher-shortage approach where boards and teachers see the network very differently;
- a quality network of vocational colleges that answered questionnaire 1.0 in 2024 and 2025 and 2.0
  in 2026: its trend shows only the constructs the two versions can compare, and 2.0 tells the two
  faces of pitfall 1 (a goal fixed once, activities drifting away from it) apart.

Answers are generated from the questionnaire itself (diagnose.synthetic), so every item id is
valid whatever the questionnaire's current content (the newest version, unless a story names the
version of each year); the facts the newest version asks of the coordinator are the network's
profile; the random generator is seeded, so the demo
is the same every time. The newest round of every network stays open, with personal invitations
for the people who have not answered yet.

The yearly loop shows too (AGREEMENTS): the learning network agrees workshops instead of meetings
after its first round, carries them out and improves; the partnership agrees nothing after its
first round, drops the one thing it agrees after the second, and declines.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from diagnose.bundle import Bundle
from diagnose.problems import Problem
from diagnose.questionnaire import Questionnaire
from diagnose.responses import check_round
from diagnose.store import credentials
from diagnose.store import types as t
from diagnose.store.demo_programme import build_programme_office
from diagnose.store.errors import StoreError
from diagnose.store.service import Store
from diagnose.store.transfer.archive import ArchiveAgreement, ArchiveInvitation, ArchiveStatus
from diagnose.store.transfer.importing import apply
from diagnose.store.transfer.plan import PlanNetwork, PlanResponse, PlanRound, PlanWorkspace
from diagnose.synthetic import RoundSpec, coordinator_facts, generate_round

WORKSPACE_NAME = "Demo — fictieve netwerken"
DEMO_EMAIL = "demo@netwerkscan.nl"
DEMO_PASSWORD = "demo"
DEMO_NAME = "Demo-gebruiker"
SEED = 2026
YEARS = (2024, 2025, 2026)


def _agreement(
    text: str, owner: str, constructs: list[str], steps: list[tuple[str, str, dt.date]], due: dt.date
) -> ArchiveAgreement:
    return ArchiveAgreement(
        text=text,
        owner=owner,
        due=due,
        constructs=constructs,
        history=[ArchiveStatus(status=status, note=note, date=day) for status, note, day in steps],
    )


# story → year index → the agreements the steering group made after that round
AGREEMENTS: dict[str, dict[int, list[ArchiveAgreement]]] = {
    "Lerend netwerk Rivierenland (fictief)": {
        0: [
            _agreement(
                "Werkplaatsen in plaats van vergaderingen: elke bijeenkomst maken leraren samen iets voor hun lessen",
                "voorzitter stuurgroep",
                ["lnc3_practice_development"],
                [
                    ("planned", "", dt.date(2024, 4, 10)),
                    ("under_way", "eerste twee werkplaatsen gehouden", dt.date(2024, 10, 2)),
                    ("done", "zes werkplaatsen; de opkomst steeg", dt.date(2025, 2, 12)),
                ],
                dt.date(2025, 2, 1),
            ),
            _agreement(
                "Elke bijeenkomst begint met een onderzoeksvraag uit de eigen praktijk",
                "netwerkcoördinator",
                ["lnc2_inquiry"],
                [
                    ("planned", "", dt.date(2024, 4, 10)),
                    ("done", "vast onderdeel van de agenda", dt.date(2025, 1, 20)),
                ],
                dt.date(2024, 12, 1),
            ),
        ],
        1: [
            _agreement(
                "Het netwerk koppelen aan de schoolplannen van de deelnemende scholen",
                "schoolleiders",
                ["lnc1_goal_focus"],
                [
                    ("planned", "", dt.date(2025, 4, 8)),
                    ("under_way", "drie van de vijf scholen", dt.date(2025, 11, 5)),
                ],
                dt.date(2026, 3, 1),
            ),
        ],
    },
    "Samenwerkingsverband Passend Onderwijs Noord (fictief)": {
        1: [
            _agreement(
                "Scholen maken zelf de agenda van het ondersteuningsplanoverleg",
                "directeur samenwerkingsverband",
                ["lnc5_ownership", "joint_decision"],
                [
                    ("planned", "", dt.date(2025, 4, 15)),
                    ("dropped", "geen tijd naast de herverdeling", dt.date(2025, 9, 30)),
                ],
                dt.date(2025, 12, 1),
            ),
        ],
    },
}


@dataclass(frozen=True)
class Story:
    name: str
    profile: dict[str, Any]
    facts: dict[str, Any]
    roles: dict[str, int]
    # construct → target mean in each of the three years ("default" for the rest)
    scores: dict[str, tuple[float, float, float]]
    spread: float = 0.5
    role_offsets: dict[str, dict[str, float]] | None = None
    texts: tuple[str, ...] = ()
    # the questionnaire version of each year's round; None: the newest for every year
    versions: tuple[str | None, str | None, str | None] | None = None


STORIES = (
    Story(
        name="Lerend netwerk Rivierenland (fictief)",
        profile={"size": 9, "age_years": 3},
        facts={
            "sector": "po",
            "origin": "voluntary",
            "has_board": "no",
            "support": "facilitator",
            "member_kinds": ["po_school", "teacher_education"],
            "network_type": "learning",
            "task_type": "knowledge_exchange",
            "overlap": "low",
            "leadership_role": "connecting",
        },
        roles={"teacher": 7, "school_leader": 4, "teacher_education": 2, "support_office": 1},
        scores={
            "default": (2.9, 3.4, 3.95),
            "lnc2_inquiry": (2.4, 3.1, 3.9),
            "lnc3_practice_development": (2.3, 3.2, 4.1),
            "lnc4_trust": (3.3, 3.8, 4.3),
            "lnc1_goal_focus": (2.6, 3.3, 4.0),
        },
        spread=0.45,
        texts=(
            "We maken nu echt samen lesmateriaal.",
            "Meer tijd voor intervisie graag.",
            "Koppel het netwerk aan de schoolplannen.",
        ),
    ),
    Story(
        name="Samenwerkingsverband Passend Onderwijs Noord (fictief)",
        profile={"size": 24, "age_years": 11},
        facts={
            "sector": "vo",
            "origin": "legally_required",
            "has_board": "yes",
            "support": "bureau",
            "member_kinds": ["vo_school", "municipality", "youth_care"],
            "network_type": "organisation",
            "task_type": "complex_problem",
            "overlap": "partial",
            "leadership_role": "consulting",
        },
        roles={"school_leader": 6, "board": 3, "municipality": 2, "support_office": 2, "teacher": 4},
        scores={
            "default": (3.7, 3.35, 2.95),
            "lnc5_ownership": (3.9, 3.7, 2.3),
            "lnc4_trust": (3.9, 3.5, 2.4),
            "joint_decision": (3.6, 3.0, 2.4),
            # the decline is in ownership, trust and decisions; the pitfalls show only signals
            # (pitfall 3 through the board and the bureau)
            "pitfall_fixed_goal": (3.7, 3.6, 3.5),
            "pitfall_drift": (3.7, 3.6, 3.5),
            "pitfall_everyone_everything": (3.7, 3.5, 3.4),
            "pitfall_not_our_network": (3.6, 3.4, 3.1),
        },
        spread=0.5,
        texts=("Geldverdeling overschaduwt alles.", "We vermijden de lastige gesprekken."),
    ),
    Story(
        name="Techniekpact Oost (fictief)",
        profile={"size": 16, "age_years": 7},
        facts={
            "sector": "mixed",
            "origin": "subsidised",
            "has_board": "yes",
            "support": "bureau",
            "member_kinds": ["vo_school", "mbo_school", "employer", "municipality"],
            "network_type": "chain",
            "task_type": "shared_service",
            "overlap": "high",
            "leadership_role": "consulting",
        },
        roles={"school_leader": 5, "teacher": 4, "employer": 3, "board": 2, "support_office": 2},
        scores={
            "default": (3.4, 3.45, 3.5),
            "pitfall_not_our_network": (2.6, 2.2, 1.9),
            "lnc5_ownership": (2.9, 2.6, 2.3),
            "lnc6_shared_leadership": (2.8, 2.5, 2.3),
        },
        spread=0.45,
        role_offsets={
            "board": {"pitfall_not_our_network": 1.5, "lnc5_ownership": 1.3, "lnc6_shared_leadership": 1.2},
            "support_office": {"pitfall_not_our_network": 1.4, "lnc5_ownership": 1.2},
        },
        texts=("Het bureau regelt alles, wij schuiven aan.", "Bedrijven haken af als het te lang duurt."),
    ),
    Story(
        name="Regionale aanpak lerarentekort West (fictief)",
        profile={"size": 31, "age_years": 4},
        facts={
            "sector": "mixed",
            "origin": "subsidised",
            "has_board": "no",
            "support": "rotating",
            "member_kinds": ["po_school", "vo_school", "teacher_education", "municipality"],
            "network_type": "learning",
            "task_type": "complex_problem",
            "overlap": "partial",
            "leadership_role": "none",
        },
        roles={"board": 4, "teacher": 6, "school_leader": 4, "teacher_education": 2, "municipality": 1},
        scores={
            "default": (3.3, 3.3, 3.4),
            "pitfall_everyone_everything": (2.9, 2.6, 2.5),
            "realisation": (3.0, 2.9, 3.0),
        },
        spread=0.9,
        role_offsets={
            "board": {"lnc5_ownership": 1.3, "lnc1_goal_focus": 1.2, "realisation": 1.2},
            "teacher": {"lnc5_ownership": -1.0, "lnc1_goal_focus": -0.8, "realisation": -0.9},
        },
        texts=("Iedereen moet overal bij zijn; het gaat te traag.", "Kleine coalities zouden sneller gaan."),
    ),
    Story(
        name="Kwaliteitsnetwerk mbo Midden (fictief)",
        profile={"size": 22, "age_years": 8},
        facts={
            "sector": "mbo",
            "origin": "voluntary",
            "has_board": "no",
            "support": "facilitator",
            "member_kinds": ["mbo_school", "employer"],
            "network_type": "learning",
            "task_type": "knowledge_exchange",
            "overlap": "low",
            "leadership_role": "catalysing",
        },
        roles={"teacher": 6, "school_leader": 5, "board": 2, "employer": 2, "support_office": 1},
        # 1.0 measured cohesion and one mixed pitfall 1; 2.0 reads cohesion in identity and splits
        # pitfall 1 into a fixed goal and drift (a construct a version does not measure is ignored)
        scores={
            "default": (3.3, 3.45, 3.6),
            "lnc4_trust": (3.2, 3.6, 4.1),
            "lnc3_practice_development": (3.0, 3.4, 3.9),
            "identity": (3.8, 3.5, 3.0),
            "cohesion": (3.9, 3.6, 3.6),
            "pitfall_fixed_goal": (3.4, 3.0, 2.6),
            "pitfall_drift": (3.3, 3.3, 2.4),
            "pitfall_everyone_everything": (3.7, 3.7, 3.7),
            "pitfall_not_our_network": (3.8, 3.8, 4.0),
            "orientation": (3.6, 3.6, 3.4),
        },
        spread=0.5,
        texts=(
            "Er komen steeds nieuwe scholen bij met hun eigen wensen.",
            "Waar zijn we ook alweer voor begonnen?",
        ),
        versions=("1.0", "1.0", None),
    ),
)


def story_questionnaire(bundle: Bundle, story: Story, year_index: int) -> Questionnaire:
    """The questionnaire version a story's round of that year was answered with."""
    version = story.versions[year_index] if story.versions else None
    return bundle.questionnaire("netwerkscan", version)


def story_profile(bundle: Bundle, story: Story) -> dict[str, Any]:
    """The network's profile: the story's, with the facts the newest version asks of the coordinator."""
    return {**story.profile, **coordinator_facts(bundle.questionnaire("netwerkscan"), story.facts)}


@dataclass(frozen=True)
class DemoResult:
    workspace: t.Workspace
    user: t.User
    networks: int
    rounds: int
    responses: int
    shared_link_token: str


def _spread(roles: dict[str, int], total: int, rng: random.Random) -> dict[str, int]:
    """The story's role mix scaled to `total` respondents, at least one of each role."""
    weight = sum(roles.values())
    counts = {role: max(1, round(n * total / weight)) for role, n in roles.items()}
    while sum(counts.values()) > total:
        biggest = max(counts, key=lambda r: counts[r])
        counts[biggest] -= 1
    while sum(counts.values()) < total:
        counts[rng.choice(list(roles))] += 1
    return counts


def _round_spec(story: Story, year_index: int, rng: random.Random) -> RoundSpec:
    respondents = rng.randint(8, 20)
    scores = {construct: values[year_index] for construct, values in story.scores.items()}
    return RoundSpec(
        label=f"{YEARS[year_index]} voorjaar",
        date=dt.date(YEARS[year_index], 3, 10 + rng.randint(0, 14)),
        respondents=respondents,
        roles=_spread(story.roles, respondents, rng),
        facts=story.facts,
        scores=scores,
        spread={"default": story.spread},
        role_offsets=story.role_offsets or {},
        dont_know=0.04,
        texts=list(story.texts),
    )


def build_demo(store: Store) -> DemoResult:
    """Fill an EMPTY database with the demo workspace and user; refuses on any existing data."""
    if not store.is_empty():
        counts = store.table_counts()
        detail = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
        raise StoreError(Problem("database-not-empty", file=store.url, params={"detail": detail}))
    rng = random.Random(SEED)
    plan = PlanWorkspace(WORKSPACE_NAME, None, is_demo=True)
    for story in STORIES:
        network = PlanNetwork(story.name, None, store.check_profile(story_profile(store.bundle, story)))
        for year_index in range(len(YEARS)):
            q = story_questionnaire(store.bundle, story, year_index)
            generated = generate_round(q, _round_spec(story, year_index, rng), rng)
            problems = check_round(q, generated, f"demo: {story.name}")
            if problems:
                raise StoreError(problems[0])
            submitted_at = dt.datetime.combine(
                generated.date or dt.date(YEARS[year_index], 3, 15), dt.time(12), tzinfo=dt.timezone.utc
            )
            sent = submitted_at - dt.timedelta(days=20)
            not_answered = rng.randint(2, 6)  # a response rate of 70-90%, as in real rounds
            invitations = [
                ArchiveInvitation(
                    ref=ref,
                    kind="personal",
                    token_sha256=credentials.token_hash(credentials.new_token()),
                    created_at=sent,
                )
                for ref in range(1, len(generated.responses) + not_answered + 1)
            ]
            network.rounds.append(
                PlanRound(
                    generated.label,
                    generated.date,
                    q,
                    responses=[
                        PlanResponse(
                            r.respondent,
                            r.role,
                            r.group,
                            r.answers,
                            submitted_at=submitted_at,
                            created_at=sent + dt.timedelta(days=1),
                            invitation_ref=ref,
                        )
                        for ref, r in enumerate(generated.responses, start=1)
                    ],
                    created_at=sent - dt.timedelta(days=1),
                    closed_at=None if year_index == len(YEARS) - 1 else submitted_at + dt.timedelta(days=14),
                    invitations=invitations,
                    agreements=AGREEMENTS.get(story.name, {}).get(year_index, []),
                )
            )
        plan.networks.append(network)
    result = apply(store, [plan])
    workspace = next(w for w in store.list_workspaces() if w.is_demo and w.name == WORKSPACE_NAME)
    user = store.add_user(
        DEMO_EMAIL,
        DEMO_PASSWORD,
        DEMO_NAME,
        workspace_id=workspace.id,
        role="admin",
        min_password_length=len(DEMO_PASSWORD),
    )
    first = store.list_networks(workspace.id)[0]
    shared = store.create_shared_link(store.list_rounds(first.id)[-1].id, label="Demo: gedeelde link")
    store.rediagnose(workspace_id=workspace.id)
    build_programme_office(store, user.id)  # the portfolio's demo: 30 networks (demo_programme.py)
    return DemoResult(
        workspace, user, result.networks_created, result.rounds_created, result.responses, shared.token
    )
