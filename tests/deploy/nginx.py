"""Run nginx with deploy/nginx/netwerkscan.conf as an IT department would, on free ports.

Only what a test machine must differ in is replaced: the listening ports, the app processes' ports,
the certificate (a fresh self-signed one) and the server name. The access log records which app
process (`$upstream_addr`) served each request, so a test can find and kill the serving process.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "deploy" / "nginx" / "netwerkscan.conf"
CERT = "/etc/ssl/certs/scan.example.org.pem"
KEY = "/etc/ssl/private/scan.example.org.key"


@dataclass
class NginxFiles:
    root: Path
    main_conf: Path
    access_log: Path
    error_log: Path
    temp: Path

    @classmethod
    def make(cls, root: Path, *, app_ports: tuple[int, ...], https_port: int, http_port: int) -> NginxFiles:
        root.mkdir(parents=True, exist_ok=True)
        cert, key = root / "cert.pem", root / "key.pem"
        openssl = [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
        ]
        subprocess.run(
            [*openssl, "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        text = SOURCE.read_text(encoding="utf-8")
        upstreams = [f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in app_ports]
        lines = [line for line in text.splitlines() if not line.strip().startswith("server 127.0.0.1:")]
        at = next(i for i, line in enumerate(lines) if "hash $netwerkscan_route" in line) + 1
        lines[at:at] = ["    " + u for u in upstreams]
        text = "\n".join(lines) + "\n"
        text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        text = text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        text = text.replace("listen [::]:443 ssl http2;\n", "").replace("listen [::]:80;\n", "")
        text = text.replace(CERT, str(cert)).replace(KEY, str(key))
        text = text.replace("server_name scan.example.org;", "server_name localhost;")
        assert f"127.0.0.1:{https_port}" in text and str(cert) in text, (
            "deploy/nginx/netwerkscan.conf changed shape"
        )
        site = root / "netwerkscan.conf"
        site.write_text(text, encoding="utf-8")
        access_log, error_log = root / "access.log", root / "error.log"
        # nginx's workers (www-data when started as root) write request bodies, e.g. an upload, to
        # its temporary folders: those live outside pytest's folder, which only root may enter
        temp = Path(tempfile.mkdtemp(prefix="netscan-nginx-"))
        temp.chmod(0o755)
        user = ""
        if os.geteuid() == 0:
            user = "user www-data;"
            shutil.chown(temp, "www-data", "www-data")
        main = root / "nginx.conf"
        main.write_text(
            f"""
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {error_log} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    log_format upstream '$request_method $uri $status upstream=$upstream_addr';
    access_log {access_log} upstream;
    include {site};
}}
""",
            encoding="utf-8",
        )
        return cls(root, main, access_log, error_log, temp)


class Nginx:
    def __init__(self, files: NginxFiles):
        self.files = files
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Nginx:
        nginx = shutil.which("nginx")
        if nginx is None:
            raise RuntimeError("nginx is not installed: `make test` installs it (Debian's nginx-light)")
        self.process = subprocess.Popen(
            [nginx, "-c", str(self.files.main_conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while not (self.files.root / "nginx.pid").exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"nginx did not start: {err}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.files.temp, ignore_errors=True)

    def upstreams_for(self, path_prefix: str) -> list[str]:
        """The app processes (host:port) that served requests whose path starts with path_prefix."""
        served = []
        for line in self.files.access_log.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 4 and parts[1].startswith(path_prefix):
                served.append(parts[3].removeprefix("upstream="))
        return served
