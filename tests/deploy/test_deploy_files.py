"""The files an IT department copies from deploy/ name only things that exist in the product.

Registry base images cannot be pulled on these machines, so the container image is not built here:
instead every path it copies, every command it runs, every port and every variable it names is
checked against the repository. nginx's configuration is checked by nginx itself (`nginx -t`), and
run for real by tests/deploy/test_deployment.py.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path

import pytest
import yaml

from diagnose import settings
from diagnose.cli import build_parser
from netscan_app.session_routes import READY_PATH

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX_CONF = DEPLOY / "nginx" / "netwerkscan.conf"
CONTAINERFILE = DEPLOY / "container" / "Containerfile"
COMPOSE = DEPLOY / "compose.yaml"
UNIT = DEPLOY / "systemd" / "netwerkscan@.service"
UPGRADE_UNIT = DEPLOY / "systemd" / "netwerkscan-upgrade.service"
ENV_EXAMPLE = DEPLOY / "netwerkscan.env.example"
LOCK = DEPLOY / "requirements.lock"
STREAMLIT_FLAGS = ("--server.headless", "--server.fileWatcherType", "--browser.gatherUsageStats")


def _upload_limit_mb() -> int:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    found = re.search(r"^maxUploadSize\s*=\s*(\d+)", config, re.MULTILINE)
    assert found, ".streamlit/config.toml sets no maxUploadSize"
    return int(found[1])


def _netscan_command_parses(words: list[str]) -> None:
    """`netscan db upgrade` …: the command exists in the CLI the package installs."""
    assert words[0] == "netscan", words
    build_parser().parse_args(words[1:])


def _streamlit_command(words: list[str]) -> None:
    assert words[:3] == ["streamlit", "run", "serve.py"], words
    assert (ROOT / "serve.py").is_file()
    for flag in STREAMLIT_FLAGS:
        assert flag in words, f"{flag} missing from {' '.join(words)}"
    assert words[words.index("--server.fileWatcherType") + 1] == "none"  # no file watching in production


def test_nginx_lets_every_upload_the_app_accepts_through() -> None:
    text = NGINX_CONF.read_text(encoding="utf-8")
    size = re.search(r"client_max_body_size\s+(\d+)m;", text)
    assert size, "client_max_body_size missing"
    assert int(size[1]) > _upload_limit_mb(), "nginx would answer 413 before the app can explain the limit"


def test_nginx_keeps_a_browser_on_one_process_by_cookie_not_by_address() -> None:
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert "ip_hash" not in re.sub(r"#.*", "", text), (
        "ip_hash puts a whole school behind one NAT on one process"
    )
    assert "hash $netwerkscan_route consistent;" in text
    assert "netwerkscan_route=$netwerkscan_route" in text  # the cookie is set
    assert f"location = {READY_PATH}" in text
    assert "Strict-Transport-Security" in text


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.fail("nginx is not installed: `make test` installs it (Debian's nginx-light)")
    from tests.deploy.nginx import NginxFiles

    files = NginxFiles.make(tmp_path, app_ports=(18501, 18502), https_port=18443, http_port=18080)
    result = subprocess.run(
        [nginx, "-t", "-c", str(files.main_conf)], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_systemd_units_run_commands_that_exist() -> None:
    unit = UNIT.read_text(encoding="utf-8")
    start = re.search(r"ExecStart=(.+?)(?<!\\)\n", unit, re.DOTALL)
    assert start
    words = shlex.split(start[1].replace("\\\n", " "))
    assert words[0] == "/srv/netwerkscan/.venv/bin/streamlit"
    _streamlit_command(["streamlit", *words[1:]])
    assert words[words.index("--server.port") + 1] == "%i"
    assert "EnvironmentFile=/etc/netwerkscan/netwerkscan.env" in unit
    upgrade = re.search(r"ExecStart=(.+)", UPGRADE_UNIT.read_text(encoding="utf-8"))
    assert upgrade
    command = shlex.split(upgrade[1])
    assert command[0] == "/srv/netwerkscan/.venv/bin/netscan"
    _netscan_command_parses(["netscan", *command[1:]])


def test_the_nginx_upstreams_are_the_ports_the_units_and_compose_use() -> None:
    upstream_ports = re.findall(r"server 127\.0\.0\.1:(\d+)", NGINX_CONF.read_text(encoding="utf-8"))
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    app_ports = [
        service["command"][service["command"].index("--server.port") + 1]
        for name, service in compose["services"].items()
        if name.startswith("app")
    ]
    assert sorted(app_ports) == sorted(upstream_ports)


def test_the_container_image_copies_and_runs_only_what_exists() -> None:
    text = CONTAINERFILE.read_text(encoding="utf-8")
    for line in re.findall(r"^COPY (.+)$", text, re.MULTILINE):
        *sources, _target = line.split()
        for source in sources:
            assert (ROOT / source).exists(), f"Containerfile copies {source}, which is not in the repository"
    assert "requirements.lock" in text and LOCK.is_file()
    cmd = re.search(r"^CMD (\[.+\])$", text, re.MULTILINE)
    assert cmd
    words = yaml.safe_load(cmd[1])
    _streamlit_command(words)
    port = words[words.index("--server.port") + 1]
    assert f"EXPOSE {port}" in text
    assert f"127.0.0.1:{port}{READY_PATH}" in text  # the health check asks the readiness route
    for name in re.findall(r"\b([A-Z][A-Z0-9_]+)=", text.split("ENV", 1)[1].split("USER", 1)[0]):
        if name != "PATH":
            assert name in settings.BY_NAME, f"Containerfile sets {name}, which the product does not read"


def test_compose_runs_the_image_with_known_commands_and_variables() -> None:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "upgrade", "proxy", "app1", "app2"} <= set(services)
    _netscan_command_parses(services["upgrade"]["command"])
    for name in ("app1", "app2"):
        _streamlit_command(services[name]["command"])
        assert READY_PATH in " ".join(services[name]["healthcheck"]["test"])
        for variable in services[name].get("environment", {}):
            assert variable in settings.BY_NAME
    for volume in services["proxy"]["volumes"]:
        source, target = volume.split(":")[:2]
        if source.startswith("./nginx/"):
            assert (DEPLOY / source).is_file()
        if target.startswith("/etc/ssl/"):
            assert target in NGINX_CONF.read_text(encoding="utf-8"), f"{target} is not where nginx looks"


def test_the_environment_template_names_only_real_settings() -> None:
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#?\s*([A-Z][A-Z0-9_]+)=", line)
        if match:
            assert match[1] in settings.BY_NAME, f"{ENV_EXAMPLE.name} names {match[1]}, which nothing reads"
    assert "NETSCAN_DEMO=1" not in [
        line.strip() for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    ]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_closure() -> set[str]:
    """Every distribution the product needs at run time: its dependencies and theirs, without extras."""
    seen: set[str] = set()
    todo = ["netwerkscan"]
    while todo:
        name = todo.pop()
        for requirement in requires(name) or []:
            if "extra ==" in requirement:
                continue
            marker = requirement.split(";", 1)
            if len(marker) == 2 and not _marker_holds(marker[1]):
                continue
            dependency = _canonical(re.split(r"[\s\[<>=!~;(]", requirement.strip(), maxsplit=1)[0])
            if dependency not in seen:
                seen.add(dependency)
                todo.append(dependency)
    return seen


def _marker_holds(marker: str) -> bool:
    from packaging.markers import Marker

    return Marker(marker).evaluate({"extra": ""})


def test_the_lock_file_holds_everything_the_product_needs() -> None:
    locked = {
        _canonical(line.split("==")[0])
        for line in LOCK.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    missing = sorted(_runtime_closure() - locked)
    assert not missing, (
        f"{LOCK.name} lacks {', '.join(missing)}: the container would install without them; "
        "refresh the lock as its header says"
    )


def test_the_lock_file_is_what_the_tests_run_with() -> None:
    drift = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, pinned = line.split("==")
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "not installed"
        if installed != pinned:
            drift.append(f"{name}: lock {pinned}, tested with {installed}")
    assert not drift, "deploy/requirements.lock differs from the test environment: " + "; ".join(drift)
