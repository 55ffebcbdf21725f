"""The product's two languages. A module of its own, importing nothing, so that the command line can
offer `--lang` without loading pydantic (diagnose.text, which re-exports these names)."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")
DEFAULT_LANG: Lang = "nl"
