"""Netwerkscan's diagnostic core: answers in, a diagnosis with explained advice out. No I/O, no UI.

The names below are imported on first use (PEP 562), not with the package: every `netscan` command
and every submodule import starts here, and `netscan --help` should not pay for pydantic, numpy and
the rule engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diagnose.bundle import Bundle, build_bundle, discover, load_bundle
    from diagnose.diagnosis import Diagnosis, Finding, diagnose, score
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.responses import Network, Response, ResponseFile, Round

# public name → the module that defines it
_HOME = {
    "Bundle": "diagnose.bundle",
    "build_bundle": "diagnose.bundle",
    "discover": "diagnose.bundle",
    "load_bundle": "diagnose.bundle",
    "Diagnosis": "diagnose.diagnosis",
    "Finding": "diagnose.diagnosis",
    "diagnose": "diagnose.diagnosis",
    "score": "diagnose.diagnosis",
    "Problem": "diagnose.problems",
    "ValidationFailed": "diagnose.problems",
    "Network": "diagnose.responses",
    "Response": "diagnose.responses",
    "ResponseFile": "diagnose.responses",
    "Round": "diagnose.responses",
}

__all__ = [
    "Bundle",
    "Diagnosis",
    "Finding",
    "Network",
    "Problem",
    "Response",
    "ResponseFile",
    "Round",
    "ValidationFailed",
    "build_bundle",
    "diagnose",
    "discover",
    "load_bundle",
    "score",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'diagnose' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
