"""A throwaway PostgreSQL server for the test suite and the benchmark (not for production).

Started from the Debian binaries (/usr/lib/postgresql/*/bin): initdb as the `postgres` user when
run as root (PostgreSQL refuses to run as root), trust authentication, fsync off, listening on
127.0.0.1 on a free port with its socket in a private temporary folder; stopped and deleted after.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text


class PostgresUnavailable(RuntimeError):
    pass


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise PostgresUnavailable(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): "
            "run `make test` (it installs them) or `apt-get install postgresql`"
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    extra: dict[str, Any] = {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **extra)


@dataclass
class TempPostgres:
    bindir: Path
    root: Path
    port: int

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        admin.dispose()
        return self.url(name)

    def drop_database(self, name: str) -> None:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            _run(
                [str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"]
            )
        shutil.rmtree(self.root, ignore_errors=True)


def start(*, fsync: bool = False) -> TempPostgres:
    """Start a fresh server; raises PostgresUnavailable with the reason when it cannot."""
    binaries = bindir()
    root = Path(tempfile.mkdtemp(prefix="netscan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, sock, log = root / "data", root / "sock", root / "server.log"
    port = _free_port()
    try:
        _run(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        _run(["mkdir", "-p", str(sock)])
        options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c max_connections=200 " + (
            "" if fsync else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        _run(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        logged = log.read_text() if log.exists() else ""
        detail = exc.stderr if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"could not start a throwaway PostgreSQL: {detail}\n{logged}") from exc
    return TempPostgres(binaries, root, port)
