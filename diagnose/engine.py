"""Evaluating compiled rules with durable-rules, safely shared by every session of a process.

Facts from durable-rules' engineering notes (see ../shared/engineering-notes.md), which shape this:
- a ruleset name can be registered once per process and is never freed: register once, under a
  name derived from the rules' content;
- working memory lives per sid: every evaluation gets a fresh sid that is deleted afterwards, or
  memory grows and threads see each other's facts;
- every rule is ANDed with a type guard, or a rule made of absent facts loops forever;
- the C engine never releases the GIL, so one lock around evaluation costs nothing;
- deleting a sid in which no fact was handled crashes the process (double free, measured here),
  so a sentinel rule matches every assessment and every fact is always handled.
Several assessments go into one sid (each fact tagged with its own `aid`) to amortise the per-sid
cost; the batch is capped so a sid never holds too many facts.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Sequence
from typing import Any

from durable import engine as durable

from diagnose.conditions import Condition, to_durable

FACT_TYPE = "assessment"
MAX_BATCH = 64
SENTINEL = "_handled"  # not a valid rule id, so it cannot collide with the rule base

_host: durable.Host | None = None
_host_lock = threading.Lock()
_registered: dict[str, RuleEngine] = {}
_sids = itertools.count()


def _ignore(c: Any) -> None:
    del c


def _shared_host() -> durable.Host:
    global _host
    if _host is None:
        _host = durable.Host()
    return _host


class RuleEngine:
    """The rules of one rule base, registered once in this process's durable-rules host."""

    def __init__(self, name: str, rules: Sequence[tuple[str, Condition]]):
        self.name = name
        self.rule_ids = [rule_id for rule_id, _ in rules]
        self._fired: list[tuple[int, str]] = []
        self._lock = threading.Lock()
        definition = {
            rule_id: {
                "all": [{"m": {"$and": [{"t": FACT_TYPE}, to_durable(condition)]}}],
                "run": self._recorder(rule_id),
            }
            for rule_id, condition in rules
        }
        definition[SENTINEL] = {"all": [{"m": {"t": FACT_TYPE}}], "run": _ignore}
        _shared_host().register_rulesets({name: definition})

    @classmethod
    def for_rules(cls, rules: Sequence[tuple[str, Condition]], label: str = "netwerkscan") -> RuleEngine:
        """The engine for these rules, registering them only the first time they are seen."""
        digest = hashlib.sha256(
            json.dumps([[rid, to_durable(cond)] for rid, cond in rules], sort_keys=True).encode()
        ).hexdigest()[:16]
        name = f"{label}_{digest}"
        with _host_lock:
            if name not in _registered:
                _registered[name] = cls(name, rules)
            return _registered[name]

    def _recorder(self, rule_id: str) -> Callable[[Any], None]:
        fired = self._fired

        def record(c: Any) -> None:
            fired.append((int(c.m.aid), rule_id))

        return record

    def evaluate(self, facts: dict[str, Any]) -> list[str]:
        """Ids of the rules whose conditions hold for one assessment, in rule-base order."""
        return self.evaluate_many([facts])[0]

    def evaluate_many(self, assessments: Sequence[dict[str, Any]]) -> list[list[str]]:
        results: list[set[str]] = [set() for _ in assessments]
        for start in range(0, len(assessments), MAX_BATCH):
            batch = assessments[start : start + MAX_BATCH]
            for aid, rule_id in self._run_batch(batch):
                results[start + aid].add(rule_id)
        # An $or rule fires once per true branch: the sets de-duplicate, the order is the rule base's.
        return [[rid for rid in self.rule_ids if rid in fired] for fired in results]

    def _run_batch(self, batch: Sequence[dict[str, Any]]) -> list[tuple[int, str]]:
        with self._lock:
            sid = f"s{next(_sids)}"
            host = _shared_host()
            self._fired.clear()
            try:
                for aid, facts in enumerate(batch):
                    host.assert_fact(self.name, {**facts, "t": FACT_TYPE, "aid": aid, "sid": sid})
                return list(self._fired)
            finally:
                host.delete_state(self.name, sid)
                self._fired.clear()
