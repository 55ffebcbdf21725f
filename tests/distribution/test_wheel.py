"""A built wheel installs into a fresh virtualenv and runs from any directory on its own content.

The wheel is built from a copy of the source tree (no build isolation: the dev venv's setuptools,
so no download) and installed with --no-deps. The heavy dependencies come from the dev venv through
a plain path in a .pth file: a path line adds the folder to sys.path but, unlike a site folder,
runs none of the .pth files in it, so the dev venv's editable-install finder (which maps `diagnose`
to this repository) is not active in the fresh venv. Each test checks the installed copy ran.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from diagnose import Bundle
from diagnose.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "den_bosch.json"
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "data", "test-output", "*.egg-info", "__pycache__", ".*_cache"
)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path  # a working directory outside the repository, holding a copy of one example
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / args[0]), *args[1:]],
            check=False,
            cwd=self.elsewhere,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (work / "dist").glob("netwerkscan-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run(
        [*pip, "--python", str(venv / "bin" / "python"), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dev_folders = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (Path(site) / "netscan-dev-dependencies.pth").write_text("\n".join(dev_folders) + "\n")
    elsewhere = work / "elsewhere"
    (elsewhere / "examples").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / EXAMPLE, elsewhere / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "NETSCAN_", "VIRTUAL_ENV"))}
    env.pop("DATABASE_URL", None)
    env["NETSCAN_DATA_DIR"] = str(work / "data")
    return Installed(wheel, venv, elsewhere, env)


def test_the_wheel_carries_content_templates_migrations_and_no_test_helpers(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {
        "diagnose/py.typed",
        "diagnose/report/content.yaml",
        "diagnose/store/migrations/script.py.mako",
        "diagnose/report/vendor/plotly-netscan.min.js",  # the charts' plotly.js (tools/plotly_bundle)
        "diagnose/report/vendor/LICENSE-plotly.js.txt",
    }
    expected |= {
        f"diagnose/report/templates/{p.name}" for p in (ROOT / "diagnose/report/templates").iterdir()
    }
    expected |= {
        f"diagnose/store/migrations/versions/{p.name}"
        for p in ROOT.glob("diagnose/store/migrations/versions/0*.py")
    }
    for folder, pattern in {"questionnaires": "*.yaml", "rules": "*.yaml", "schemas": "*.json"}.items():
        expected |= {f"diagnose/content/{folder}/{p.name}" for p in (ROOT / folder).glob(pattern)}
    assert expected - names == set()
    assert not [n for n in names if "pgtemp" in n or n.startswith(("tests/", "netscan_app/", "benchmarks/"))]


def test_the_installed_copy_is_imported_not_the_repository(installed: Installed) -> None:
    probe = (
        "import json, sys, diagnose, diagnose.bundle\n"
        "print(json.dumps({'module': diagnose.__file__, 'content': str(diagnose.bundle.PROJECT_ROOT),\n"
        "  'finders': [type(f).__name__ + repr(f) for f in sys.meta_path]}))\n"
    )
    found = json.loads(installed.run("python", "-c", probe).stdout)
    site = str(installed.venv.resolve())
    assert found["module"].startswith(site) and found["content"].startswith(site)
    assert not [f for f in found["finders"] if "editable" in f.lower()]


def test_netscan_validate_runs_on_the_installed_content(installed: Installed, bundle: Bundle) -> None:
    result = installed.run("netscan", "validate", "--lang", "en")
    assert (result.returncode, result.stderr) == (0, "")
    assert f"{len(bundle.rules)} rules" in result.stdout


def test_netscan_diagnose_gives_what_the_repository_gives(
    installed: Installed, capsys: pytest.CaptureFixture[str]
) -> None:
    result = installed.run("netscan", "diagnose", f"examples/{EXAMPLE}", "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert main(["diagnose", str(ROOT / "examples" / EXAMPLE), "--format", "json"]) == 0
    assert json.loads(result.stdout) == json.loads(capsys.readouterr().out)


def test_migrations_and_report_templates_work_when_installed(installed: Installed) -> None:
    upgraded = installed.run("netscan", "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    report = installed.run(
        "netscan", "report", f"examples/{EXAMPLE}", "--format", "html", "--no-charts", "-o", "report.html"
    )
    assert report.returncode == 0, report.stderr
    assert "<html" in (installed.elsewhere / "report.html").read_text(encoding="utf-8")
