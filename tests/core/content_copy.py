"""A writable copy of the project's content, so a test can break one file and validate the lot."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_content(tmp_path: Path) -> Path:
    for folder in ("questionnaires", "rules"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
