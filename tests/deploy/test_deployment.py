"""The server deployment of deploy/, for real: PostgreSQL, PgBouncer in transaction mode, two app
processes and nginx with deploy/nginx/netwerkscan.conf over HTTPS; Debian Chromium through the proxy.

What an IT department relies on, each checked here:
- a respondent whose app process is killed (kill -9) goes on answering through the proxy, and no
  answer is lost, the first one after the failover included;
- downloads and uploads work every time with two processes (the sticky cookie keeps a browser on
  the process that holds its files);
- autosave through PgBouncer in transaction mode from several processes loses nothing;
- readiness (/_netscan/ready) says 503 when the database is gone, and respondents then see a Dutch
  page, not Streamlit's English error.
Screenshots: test-output/deploy/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from diagnose.store import Store
from diagnose.store.types import ExportBy
from netscan_app.answers import pages
from netscan_app.auth import COOKIE
from tests import pgtemp
from tests.app.browser import (
    PHONE,
    AppServer,
    browser,  # noqa: F401 (a fixture)
    free_port,
    settle,
    wait_text,
)
from tests.app.helpers import OUTPUT as APP_OUTPUT
from tests.app.helpers import PASSWORD, submit_responses, synthetic_answers
from tests.app.test_browser import answer
from tests.deploy.nginx import Nginx, NginxFiles

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

OUTPUT = APP_OUTPUT.parent / "deploy"
EMAIL = "coordinator@bestuur.nl"
ROOT = Path(__file__).resolve().parents[2]
PGBOUNCER_INI = ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini"


@dataclass
class Deployment:
    postgres: pgtemp.TempPostgres
    direct_url: str
    bouncer_url: str
    apps: list[AppServer]
    nginx: Nginx
    https_port: int
    store: Store  # through PgBouncer, like the apps

    @property
    def url(self) -> str:
        return f"https://localhost:{self.https_port}"

    def app_serving(self, prefix: str) -> AppServer:
        served = self.nginx.upstreams_for(prefix)
        assert served, f"nginx served no {prefix} request"
        port = int(served[-1].rsplit(":", 1)[1])
        return next(a for a in self.apps if a.port == port)


def _pgbouncer(root: Path, pg_port: int) -> tuple[subprocess.Popen[bytes], int]:
    """PgBouncer from Debian's package with deploy/pgbouncer/pgbouncer.ini, ports and auth made local."""
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(binary).exists():
        pytest.fail("pgbouncer is not installed: `make test` installs it (Debian's pgbouncer)")
    port = free_port()
    text = PGBOUNCER_INI.read_text(encoding="utf-8")
    text = text.replace(
        "host=127.0.0.1 port=5432 dbname=netwerkscan", f"host=127.0.0.1 port={pg_port} dbname=netwerkscan"
    )
    text = text.replace("listen_port = 6432", f"listen_port = {port}")
    text = text.replace("auth_type = scram-sha-256", "auth_type = trust")
    text = text.replace("/etc/pgbouncer/userlist.txt", str(root / "userlist.txt"))
    assert f"listen_port = {port}" in text and f"port={pg_port}" in text, (
        "deploy/pgbouncer/pgbouncer.ini changed shape"
    )
    text += f"unix_socket_dir =\nlogfile = {root}/pgbouncer.log\npidfile = {root}/pgbouncer.pid\n"
    (root / "userlist.txt").write_text('"postgres" ""\n', encoding="utf-8")
    ini = root / "pgbouncer.ini"
    ini.write_text(text, encoding="utf-8")
    extra: dict[str, Any] = {}
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        for path in root.iterdir():
            shutil.chown(path, "postgres", "postgres")
        extra = {"user": "postgres", "group": "postgres"}
    process = subprocess.Popen([binary, str(ini)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **extra)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return process, port
        if process.poll() is not None:
            raise RuntimeError(
                f"pgbouncer stopped: {process.stderr.read().decode() if process.stderr else ''}"
            )
        time.sleep(0.1)
    raise RuntimeError("pgbouncer did not listen in 10 s")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    root = tmp_path_factory.mktemp("deploy")
    server = pgtemp.start()
    bouncer: subprocess.Popen[bytes] | None = None
    bouncer_root = root
    try:
        direct = server.create_database("netwerkscan")
        migrate = Store.open(direct)
        migrate.ensure_schema()  # netwerkscan-upgrade.service: once, before the processes start
        migrate.close()
        # outside pytest's folder, which only root may enter: PgBouncer runs as postgres
        bouncer_root = Path(tempfile.mkdtemp(prefix="netscan-pgbouncer-"))
        bouncer, bouncer_port = _pgbouncer(bouncer_root, server.port)
        bouncer_url = f"postgresql+psycopg://postgres@127.0.0.1:{bouncer_port}/netwerkscan"
        store = Store.open(bouncer_url)
        env = {"NETSCAN_TRUST_PROXY": "1", "NETSCAN_NO_WARMUP": "1"}
        apps = [AppServer(bouncer_url, OUTPUT / f"app-{n}.log", extra_env=env) for n in (1, 2)]
        https_port, http_port = free_port(), free_port()
        files = NginxFiles.make(
            root / "nginx", app_ports=tuple(a.port for a in apps), https_port=https_port, http_port=http_port
        )
        with contextlib.ExitStack() as stack:
            for app in apps:
                stack.enter_context(app)
            nginx = stack.enter_context(Nginx(files))
            yield Deployment(server, direct, bouncer_url, apps, nginx, https_port, store)
        store.close()
    finally:
        if bouncer is not None:
            bouncer.terminate()
            bouncer.wait(10)
            shutil.rmtree(bouncer_root, ignore_errors=True)
        server.stop()


def _get(url: str) -> tuple[int, str]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with urllib.request.urlopen(url, timeout=15, context=context) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_autosave_through_pgbouncer_in_transaction_mode_loses_nothing(deployment: Deployment) -> None:
    """psycopg prepares a statement after five runs; PgBouncer (< 1.21) in transaction mode then sends
    the next run to another server connection, where it does not exist (52 of 480 saves lost before)."""
    store = deployment.store
    workspace = store.create_workspace("Autosave")
    network = store.create_network(workspace.id, "Netwerk PgBouncer")
    rnd = store.create_round(network.id, "2026 najaar")
    tokens = [i.token for i in store.create_invitations(rnd.id, 4)]
    responses = [store.open_response(token).response for token in tokens]
    assert all(r is not None for r in responses)
    ids = [r.id for r in responses if r is not None]
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    items = [i.id for i in q.items() if i.type == "scale"][:12]
    rounds = 10  # 120 saves per process: psycopg would prepare each statement after its fifth run
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.deploy.saver",
                deployment.bouncer_url,
                str(rid),
                str(rounds),
                *items,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for rid in ids
    ]
    results = [w.communicate(timeout=120)[0].strip() for w in workers]
    assert all(r.startswith("0") for r in results), f"saves lost through PgBouncer: {results}"
    for rid in ids:
        assert store.answers(rid) == dict.fromkeys(items, 1 + (rounds - 1 + rid) % 5)


def test_ready_through_the_proxy(deployment: Deployment) -> None:
    status, body = _get(f"{deployment.url}/_netscan/ready")
    assert status == 200, body
    assert "ok" in body and "PASSWORD" not in body


def test_downloads_uploads_and_the_sign_in_cookie_work_every_time_through_the_proxy(
    deployment: Deployment,
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Streamlit keeps a browser's uploads and downloads in one process's memory: with two processes
    and no sticky cookie, half of them failed (GET /media/… 404, PUT 400)."""
    chromium = browser
    store = deployment.store
    workspace = store.create_workspace("Bestuur Midden")
    store.add_user(EMAIL, PASSWORD, "Marieke de Vries", workspace_id=workspace.id, role="admin")
    network = store.create_network(workspace.id, "Netwerk Proxy")
    rnd = store.create_round(network.id, "2026 najaar")
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    submit_responses(store, rnd.id, synthetic_answers(q, 5, seed=3))
    sheet = tmp_path / "antwoorden.xlsx"
    sheet.write_bytes(store.export_round(rnd.id, "xlsx", by=ExportBy(None, "cli", "deploy test")))

    context = chromium.new_context(
        viewport={"width": 1366, "height": 900}, locale="nl-NL", ignore_https_errors=True
    )
    page = context.new_page()
    page.goto(deployment.url)
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als Marieke de Vries")
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["netwerkscan_route"]["secure"], "the proxy's route cookie"
    login = cookies[COOKIE]
    assert login["secure"] and login["httpOnly"], "behind HTTPS the login cookie is Secure and HttpOnly"

    page.get_by_role("link", name="Importeren en exporteren").click()
    wait_text(page, "Antwoorden importeren")
    for attempt in range(4):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Download ‘Bestuur Midden’").click()
        path = info.value.path()
        assert path is not None and Path(path).stat().st_size > 0, f"download {attempt + 1} of 4 failed"
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(sheet))
        settle(page)
        chip = page.locator('[data-testid="stFileChipName"]')
        chip.first.wait_for(state="visible", timeout=30_000)
        assert "antwoorden.xlsx" in chip.first.inner_text()
        deadline = time.monotonic() + 15
        while page.locator('[data-testid="stFileChipIconSpinner"]').count() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert page.locator('[data-testid="stFileChipIconError"]').count() == 0, (
            f"upload {attempt + 1} of 4 failed"
        )
    page.screenshot(path=str(OUTPUT / "proxy-uploads-downloads.png"))
    served = set(deployment.nginx.upstreams_for("/media/"))
    assert len(served) == 1, f"one browser's downloads came from several processes: {served}"
    context.close()


def test_a_respondent_loses_nothing_when_the_serving_process_is_killed(
    deployment: Deployment,
    browser: Any,  # noqa: F811
) -> None:
    chromium = browser
    store = deployment.store
    workspace = store.create_workspace("Bestuur Zuid")
    network = store.create_network(workspace.id, "Netwerk Failover")
    rnd = store.create_round(network.id, "2026 najaar")
    token = store.create_invitations(rnd.id, 1)[0].token
    context = chromium.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL", ignore_https_errors=True
    )
    page = context.new_page()
    page.goto(f"{deployment.url}/?t={token}")
    wait_text(page, "Beginnen")
    opened = store.open_response(token)
    assert opened.response is not None
    response_id = opened.response.id
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    wanted = synthetic_answers(q, 1, seed=11)[0]
    index, shown = next(
        (n, p) for n, p in enumerate(pages(q, {})) if sum(i.type == "scale" for i in p.items) >= 4
    )
    items = [i for i in shown.items if i.type == "scale" and i.id in wanted][:4]
    page.goto(f"{deployment.url}/?t={token}&p={index}")
    wait_text(page, f"Deel {index + 1} van")
    answer(page, q, items[0], wanted[items[0].id])
    settle(page)
    assert store.answers(response_id) == {items[0].id: wanted[items[0].id]}

    serving = deployment.app_serving("/_stcore/stream")
    assert serving.process is not None
    os.kill(serving.process.pid, signal.SIGKILL)
    serving.process.wait(10)
    OUTPUT.mkdir(parents=True, exist_ok=True)

    expected = {items[0].id: wanted[items[0].id]}
    for item in items[1:]:
        answer(page, q, item, wanted[item.id])
        expected[item.id] = wanted[item.id]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and store.answers(response_id) != expected:
            time.sleep(0.2)
        assert store.answers(response_id) == expected, f"lost after the failover: {item.id}"
    settle(page)
    page.screenshot(path=str(OUTPUT / "failover-after.png"))
    for item in items:  # every answer still shown on the page (none went blank)
        box = page.locator(f".st-key-q__{item.id}")
        checked = box.locator('[aria-checked="true"], input:checked')
        assert checked.count() == 1, f"{item.id} shows no answer after the failover"
    context.close()


def test_without_its_database_the_process_is_not_ready_and_respondents_read_dutch(
    deployment: Deployment,
    browser: Any,  # noqa: F811
) -> None:
    """Streamlit's /_stcore/health says 200 while PostgreSQL is down; the readiness route says 503."""
    chromium = browser
    store = deployment.store
    workspace = store.create_workspace("Bestuur West")
    rnd = store.create_round(store.create_network(workspace.id, "Netwerk Zonder Database").id, "2026 najaar")
    token = store.create_invitations(rnd.id, 1)[0].token
    deployment.postgres.stop()
    status, body = _get(f"{deployment.url}/_netscan/ready")
    assert status == 503, body
    assert "database unavailable" in body or "database does not answer" in body, body
    context = chromium.new_context(viewport=PHONE, is_mobile=True, locale="nl-NL", ignore_https_errors=True)
    page = context.new_page()
    page.goto(f"{deployment.url}/?t={token}")
    # PgBouncer holds a query for a server connection up to query_wait_timeout (15 s) first
    wait_text(page, "De vragenlijst is op dit moment niet bereikbaar", timeout=60_000)
    assert page.get_by_text("Error").count() == 0
    page.screenshot(path=str(OUTPUT / "database-gone-phone.png"))
    context.close()
