"""Report fixtures: a realistic round (30 respondents, three earlier rounds, open answers with markup),
rendered once per session. The rendered files are kept under test-output/report/ to look at."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diagnose import Bundle, ResponseFile
from diagnose.report import Report, ReportInput, prepare, render_report
from diagnose.synthetic import CaseSpec, build_case, case_json

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "report"
GOLDEN = Path(__file__).resolve().parent / "golden"
GENERATED = dt.date(2026, 4, 20)
SCRIPT = "<script>alert('x')</script> <b>vet</b> & meer"
NETWORK = "Samenwerkingsverband Zuid-Oost Brabant"
TEXTS = [
    SCRIPT,
    "Meer samen doen en minder vergaderen.",
    "Eén gezamenlijke ambitie kiezen: één jaar, één thema, één café-avond per kwartaal.",
    "Meer tijd voor elkaar; ruimte voor intervisie.",
]


def round_spec(label: str, date: str, respondents: int, shift: float, **extra: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "label": label,
        "date": date,
        "respondents": respondents,
        "roles": {"teacher": 12, "school_leader": 8, "board": 4, "municipality": 2, "support_office": 4}
        if respondents >= 30
        else {"teacher": respondents // 2, "school_leader": respondents - respondents // 2},
        "facts": {
            "sector": "po",
            "origin": "voluntary",
            "has_board": "no",
            "support": "facilitator",
            "member_kinds": ["po_school", "municipality"],
            "network_type": {"learning": 20, "chain": 10},
            "task_type": "shared_service",
            "overlap": "partial",
            "leadership_role": "connecting",
        },
        "scores": {
            "default": 3.45 + shift,
            "lnc4_trust": 2.6 + shift,
            "pitfall_everyone_everything": 2.5,
            "lnc1_goal_focus": 4.3,
            "identity": 4.2 - 2 * shift,
        },
        "spread": {"default": 0.5, "lnc5_ownership": 1.3},
        "role_offsets": {"board": {"lnc5_ownership": 1.2}},
    }
    spec.update(extra)
    return spec


def make_case(seed: int = 5, rounds: list[dict[str, Any]] | None = None, name: str = NETWORK) -> CaseSpec:
    rounds = rounds or [
        round_spec("2023 najaar", "2023-11-07", 20, -0.4),
        round_spec("2024 najaar", "2024-11-12", 22, -0.2),
        round_spec("2025 voorjaar", "2025-04-15", 24, 0.0),
        round_spec("2026 voorjaar", "2026-04-14", 30, 0.3, texts=list(TEXTS)),
    ]
    return CaseSpec.model_validate(
        {
            "title": "report test",
            "story": "a network measured four times",
            "source": "tests",
            "seed": seed,
            "network": {"name": name, "profile": {"size": 14}},
            "rounds": rounds,
        }
    )


def response_file(bundle: Bundle, spec: CaseSpec | None = None) -> ResponseFile:
    return build_case(spec or make_case(), bundle.questionnaire("netwerkscan"))


def ensure_texts(bundle: Bundle, rf: ResponseFile) -> ResponseFile:
    """Make sure every answer in TEXTS is in the round (the generator places them at random)."""
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    item = next(i.id for i in q.items() if i.type == "text")
    present = {v for r in rf.round.responses for v in r.answers.values() if isinstance(v, str)}
    missing = [t for t in TEXTS if t not in present]
    free = [r for r in rf.round.responses if item not in r.answers]
    for response, text in zip(free[: len(missing)], missing, strict=True):
        response.answers[item] = text
    return rf


def prepared(bundle: Bundle, rf: ResponseFile) -> ReportInput:
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    return prepare(bundle, q, rf.round, rf.history, rf.network)


@pytest.fixture(scope="session")
def case_file(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The main test round as a JSON response file (what `netscan report FILE` reads)."""
    path = tmp_path_factory.mktemp("report") / "network.json"
    path.write_text(case_json(ensure_texts(bundle, response_file(bundle))), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def report_input(bundle: Bundle) -> ReportInput:
    return prepared(bundle, ensure_texts(bundle, response_file(bundle)))


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def reports(report_input: ReportInput, output_dir: Path) -> Iterator[dict[tuple[str, str], Report]]:
    """The full edition: PDF, HTML and Markdown, Dutch and English, with charts; written to
    test-output/report/."""
    made: dict[tuple[str, str], Report] = {}
    for lang in ("nl", "en"):
        for fmt in ("pdf", "html", "md"):
            report = render_report(report_input, lang, fmt, edition="full", generated=GENERATED)  # type: ignore[arg-type]
            (output_dir / f"report-{lang}.{fmt}").write_bytes(report.content)
            made[(lang, fmt)] = report
    yield made


@pytest.fixture(scope="session")
def summaries(report_input: ReportInput, output_dir: Path) -> dict[tuple[str, str], Report]:
    """The summary edition in every format and language, with charts; written to test-output/report/."""
    made: dict[tuple[str, str], Report] = {}
    for lang in ("nl", "en"):
        for fmt in ("pdf", "html", "md", "docx"):
            report = render_report(report_input, lang, fmt, edition="summary", generated=GENERATED)  # type: ignore[arg-type]
            (output_dir / f"summary-{lang}.{fmt}").write_bytes(report.content)
            made[(lang, fmt)] = report
    return made


def update_golden() -> bool:
    return os.environ.get("NETSCAN_UPDATE_GOLDEN") == "1"
