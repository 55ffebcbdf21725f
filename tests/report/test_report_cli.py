"""`netscan report` as a user runs it: from a response file, from a stored round, without a browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from diagnose import Bundle
from diagnose.cli import main
from diagnose.report.content import load_content

from .helpers import html_sections, pdf_text

ROOT = Path(__file__).resolve().parents[2]


def test_report_from_a_response_file_without_a_database(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETSCAN_DATA_DIR", str(tmp_path / "no-database-here"))
    out = tmp_path / "rapport.html"
    args = ["report", str(case_file), "--format", "html", "--edition", "full", "--lang", "en", "-o", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == str(out)
    sections = html_sections(out.read_text(encoding="utf-8"))
    assert (
        "Advice report" in sections["cover"] and "Samenwerkingsverband Zuid-Oost Brabant" in sections["cover"]
    )
    assert not (tmp_path / "no-database-here").exists()


def test_markdown_to_stdout(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(case_file), "--format", "md", "--edition", "full", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Adviesrapport: Samenwerkingsverband Zuid-Oost Brabant")
    assert "## 6. Voor het volgende overleg" in out


def test_the_summary_is_the_default_edition_and_the_cli_knows_the_editions(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from diagnose.cli import report as cli_report
    from diagnose.report import DEFAULT_EDITION, EDITIONS

    assert (cli_report.EDITIONS, cli_report.DEFAULT_EDITION) == (EDITIONS, DEFAULT_EDITION)
    assert main(["report", str(case_file), "--format", "md", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Samenwerkingsverband Zuid-Oost Brabant: samenvatting")
    assert "## De drie belangrijkste bevindingen" in out and "## Bijlage" not in out


def test_word_from_the_cli(case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    out = tmp_path / "rapport.docx"
    assert main(["report", str(case_file), "--format", "docx", "--no-charts", "-o", str(out)]) == 0
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings[:2] == ["De drie belangrijkste bevindingen", "De scores in beeld"]


def test_a_missing_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_without_a_browser_the_pdf_still_builds_and_says_so(case_file: Path, tmp_path: Path) -> None:
    """BROWSER_PATH pointing nowhere (a machine without Chromium): tables only, and a notice."""
    out = tmp_path / "rapport.pdf"
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-such-chromium")}
    result = subprocess.run(
        [sys.executable, "-m", "diagnose", "report", str(case_file), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    lead = load_content().text("charts_missing", "nl", reason="X").split("(")[0].strip()
    assert lead in text and "no-such-chromium" in text
    assert lead in result.stderr
    # the summary's page of charts holds the scores as a table instead
    assert (
        load_content().text("key_charts", "nl") in text and "Gemiddelde" in text and "aandachtspunt" in text
    )


def test_report_for_a_round_in_the_database(case_file: Path, tmp_path: Path, bundle: Bundle) -> None:
    from diagnose.store import Store

    url = f"sqlite:///{tmp_path / 'netscan.sqlite'}"
    store = Store.open(url, bundle=bundle)
    store.ensure_schema()
    workspace = store.create_workspace("Adviesbureau")
    result = store.import_bytes(case_file.read_bytes(), case_file.name, workspace_id=workspace.id)
    rounds = {store.get_round(r).label: r for r in result.round_ids}
    assert len(rounds) == 4
    round_id = rounds["2026 voorjaar"]
    store.close()
    out = tmp_path / "from-db.html"
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "diagnose",
            "report",
            str(round_id),
            "--format",
            "html",
            "--edition",
            "full",
            "--no-charts",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    sections = html_sections(out.read_text(encoding="utf-8"))
    assert "Samenwerkingsverband Zuid-Oost Brabant" in sections["cover"]
    # the three earlier rounds come from the database and show in the trend table
    for label in ("2023 najaar", "2024 najaar", "2025 voorjaar", "2026 voorjaar"):
        assert label in sections["over-time"]
