"""Issue 16: `netscan --help` and every command's help start light. Each builds the whole parser,
so if one command module imported the core, the store or the report at the top, all of them would
pay for it. A behaviour check on what is imported (`python -X importtime`), not a timing: the times
are in benchmarks/bench_cli.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import diagnose

# what a help text must not load: pydantic (and so every model of the core), numpy, the rule engine,
# YAML, the store's and the report's libraries, the app, and the heavy parts of diagnose itself
HEAVY = (
    "pydantic",
    "pydantic_core",
    "numpy",
    "pandas",
    "yaml",
    "durable",
    "durable_rules_engine",
    "sqlalchemy",
    "alembic",
    "argon2",
    "openpyxl",
    "plotly",
    "kaleido",
    "weasyprint",
    "jinja2",
    "docx",
    "streamlit",
    "diagnose.text",
    "diagnose.problems",
    "diagnose.bundle",
    "diagnose.diagnosis",
    "diagnose.engine",
    "diagnose.store",
    "diagnose.report",
    "diagnose.mail",
)
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)\s*$", re.MULTILINE)
# `python -m diagnose ARGS`, then the names in sys.modules: -X importtime does not list a module
# imported through importlib.import_module (as cli/__init__ imports the command modules)
RUN = (
    "import json, runpy, sys\n"
    "sys.argv = ['netscan', *json.loads(sys.argv[1])]\n"
    "try:\n"
    "    runpy.run_module('diagnose', run_name='__main__', alter_sys=True)\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "print('modules: ' + json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def imports_of(
    *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """What `netscan ARGS` imports, as -X importtime reports it and as sys.modules holds it at exit."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", RUN, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    listed = set(IMPORTED.findall(result.stderr))
    held = re.search(r"^modules: (.+)$", result.stderr, re.MULTILINE)
    assert listed and held, result.stderr[-2000:]
    return result, listed | set(json.loads(held[1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("diagnose", "--help"),
        ("validate", "--help"),
        ("report", "--help"),
        ("db", "status", "--help"),
        ("participants", "add", "--help"),
    ],
    ids=" ".join,
)
def test_help_imports_none_of_the_heavy_modules(args: tuple[str, ...]) -> None:
    result, modules = imports_of(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("usage: netscan")
    assert {"diagnose.cli", "diagnose.cli.content", "diagnose.cli.store", "argparse"} <= modules
    assert heavy(modules) == []


def test_a_command_still_loads_what_it_needs(tmp_path: Path) -> None:
    # the other side of the check above: the list of imports is read right, and a command loads
    # the core when it runs; PyYAML only when it reads the content, not with the kept bundle
    env = {"NETSCAN_CACHE_DIR": str(tmp_path / "cache")}
    first, modules = imports_of("rules", "--lang", "en", env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert {"pydantic", "yaml", "diagnose.bundle", "diagnose.engine"} <= modules
    assert "sqlalchemy" not in modules and "weasyprint" not in modules
    second, modules = imports_of("rules", "--lang", "en", env=env)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert {"pydantic", "diagnose.bundle", "diagnose.engine"} <= modules
    assert "yaml" not in modules


def test_the_package_resolves_its_public_names_on_first_use() -> None:
    code = (
        "import json, sys\n"
        "import diagnose\n"
        "light = sorted(m for m in ('pydantic', 'numpy', 'diagnose.bundle') if m in sys.modules)\n"
        "from diagnose import Bundle, ValidationFailed, diagnose as run, load_bundle\n"
        "import diagnose.bundle, diagnose.diagnosis, diagnose.problems\n"
        "same = [Bundle is diagnose.bundle.Bundle, run is diagnose.diagnosis.diagnose,\n"
        "        load_bundle is diagnose.bundle.load_bundle,\n"
        "        ValidationFailed is diagnose.problems.ValidationFailed]\n"
        "try:\n"
        "    diagnose.no_such_name\n"
        "    missing = 'no error'\n"
        "except AttributeError as exc:\n"
        "    missing = str(exc)\n"
        "print(json.dumps({'light': light, 'same': same, 'missing': missing,\n"
        "                  'dir': sorted(set(diagnose.__all__) - set(dir(diagnose)))}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    assert found["light"] == []
    assert found["same"] == [True, True, True, True]
    assert "no_such_name" in found["missing"]
    assert found["dir"] == []


def test_every_public_name_is_found() -> None:
    for name in diagnose.__all__:
        assert getattr(diagnose, name).__module__.startswith("diagnose."), name
