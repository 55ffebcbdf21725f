"""Netwerkscan's diagnostic core: answers in, a diagnosis with explained advice out. No I/O, no UI."""

from diagnose.bundle import Bundle, build_bundle, discover, load_bundle
from diagnose.diagnosis import Diagnosis, Finding, diagnose, score
from diagnose.problems import Problem, ValidationFailed
from diagnose.responses import Network, Response, ResponseFile, Round

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
