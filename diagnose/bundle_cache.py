"""The project's compiled content kept between processes, so that `netscan diagnose`, each
re-diagnosis worker and each app process does not parse, validate and test the same content again:
reading the content and running every rule's examples is most of a command's work after its imports.

Key: the SHA-256 of the content files (path and bytes), the core's source (diagnose/*.py), and the
Python, pydantic, PyYAML and durable-rules in use. Any change to one of them is a miss, and the
content is built, checked and its examples run as before; only a bundle that passed is kept.

Where: NETSCAN_CACHE_DIR; else $XDG_CACHE_HOME/netwerkscan; else ~/.cache/netwerkscan. `off`
turns it off. One file per installation (content folder and package folder), rewritten when the
key changes, so the folder does not grow with every edit.

Why this is safe: the file is a pickle, and reading a pickle can run code, so it is read only from
a folder and a file that belong to this user and that no one else may write: the trust Python
gives its own __pycache__. A file is written under a temporary name and renamed, so processes side
by side read the old bundle or the new one, never half of one. Where nothing can be written (a
read-only install, a container without a home folder, a systemd unit with ProtectHome) there is no
cache and no error: long-running processes load the content once anyway. The rule engine is not
in the file: durable-rules keeps its rulesets in the process, so the loader registers them again
(about a millisecond).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnose import settings

if TYPE_CHECKING:
    from diagnose.bundle import ContentFiles

FORMAT = b"netwerkscan-bundle-1"
CORE = Path(__file__).resolve().parent
# the libraries whose behaviour a compiled bundle depends on: the validator, the YAML reader, the
# rule engine that ran the examples
LIBRARIES = ("pydantic", "pydantic_core", "yaml", "durable", "durable_rules_engine")
OFF = ("off", "0", "no", "false", "none")


def cache_dir() -> Path | None:
    """The folder to keep the bundle in, or None when the cache is off."""
    configured = settings.value("NETSCAN_CACHE_DIR")
    if configured.lower() in OFF:
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netwerkscan"


def key(files: ContentFiles) -> tuple[str, str]:
    """The file name for this installation, and the digest of everything the bundle depends on."""
    paths = [files.constructs, files.settings, files.references, *files.questionnaires, *files.rules]
    digest = hashlib.sha256(FORMAT)
    digest.update(f"{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)  # where it is, without importing it
        where = Path(spec.origin if spec is not None and spec.origin else name)
        info = where.stat()
        digest.update(f"{name}\0{where}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    for source in sorted(CORE.glob("*.py")):
        digest.update(f"{source.name}\0".encode())
        digest.update(source.read_bytes())
    for path in paths:
        digest.update(f"\0{path}\0".encode())
        if path is not None:
            digest.update(path.read_bytes())
    place = hashlib.sha256(f"{CORE}\0{files.constructs}".encode()).hexdigest()[:16]
    return f"bundle-{place}.pickle", digest.hexdigest()


def _owned_and_private(info: os.stat_result) -> bool:
    """Belongs to this user and no one else may write it."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(files: ContentFiles) -> dict[str, Any] | None:
    """The kept bundle's fields (all but the engine) when the key matches, else None."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return None
    try:
        name, digest = key(files)
        if not _owned_and_private(folder.stat()):
            return None
        fd = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _owned_and_private(info):
            return None
        if handle.readline().rstrip(b"\n") != digest.encode():
            return None
        try:
            fields = pickle.load(handle)
        except Exception:  # a damaged file is a miss; it is rewritten after the build
            return None
    return fields if isinstance(fields, dict) else None


def write(files: ContentFiles, fields: dict[str, Any]) -> None:
    """Keep a bundle that passed every check; any failure to write leaves things as they were."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return
    temporary: str | None = None
    try:
        name, digest = key(files)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owned_and_private(folder.stat()):
            return
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".bundle-", suffix=".tmp")  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(digest.encode() + b"\n")
            pickle.dump(fields, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
        temporary = None
    except Exception:  # a folder that cannot be written, or a part that cannot be pickled: not kept
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
