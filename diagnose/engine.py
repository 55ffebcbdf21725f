"""Evaluating compiled rules with durable-rules, safely shared by every session of a process.

What durable-rules 2.0.28 does on this machine shapes this module (measured; see also
../shared/engineering-notes.md):
- a ruleset name can be registered once per process and is never freed: register once, under a
  name derived from the rules' content;
- working memory lives per sid, and creating and deleting a sid's state costs more than asserting
  a fact (~20 against ~4 µs of CPU per shard): a sid serves up to MAX_BATCH assessments, across
  calls, and is then deleted, or memory grows; one lock keeps threads apart;
- every rule is ANDed with a type guard, or a rule made of absent facts loops forever;
- deleting a sid in which no fact was handled crashes the process (double free), so a sid is
  opened in each shard with a fact of its own type that one rule there handles (a sentinel rule
  matching every assessment cost an action, the fact's JSON written out once more, per shard and
  assessment);
- `assert_facts` asserts a JSON array of facts in one call: each fact is matched on its own (the
  64 matches are per fact, not per call: 200 facts matching 60 rules each gave 12,000 actions),
  so a shard's assessments of a batch go in one call and its actions are then taken in one loop;
- one asserted fact may match at most 64 rules of a ruleset (error 303 beyond that), so the rule
  base is split into shards of at most SHARD_SIZE rules, each its own ruleset (a ruleset of all
  298 rules registers fine: the limit is on matches, not rules);
- the C engine parses every property of an asserted fact and tests it against the rules that
  read it (~0.45 µs each, ~0.15 of it parsing): each shard's fact carries only the properties its
  rules read, and rules that read the same facts share a shard; shorter property names made no
  measurable difference;
- an action writes out the matched fact's JSON again. A rule with `cap` n takes one action for up
  to n facts it matched (a JSON array of them), so a capped rule fires once per batch, not once
  per assessment (~1.4 instead of ~17 actions a round);
- the host's Python glue JSON-decodes the whole fact and the state for every rule that fires
  (~40 µs each, 2 ms for 50 firings). The driver below makes the C calls the host's
  `Ruleset.assert_facts`/`do_actions` make, but reads the fired rule and assessments straight
  from the message text: ~30× faster, same decisions (tests compare it with the conditions'
  Python reading and with the plain reference);
- `durable.engine.Host()` starts two threads that call `start_action` on every ruleset every
  0.2 s; one of them can take a pending firing between the assert and the action loop, and that
  rule silently goes missing (seen in the random-facts test). We use no timers, so our host
  starts no threads;
- the C engine never releases the GIL, so one lock around evaluation costs nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
import threading
from collections.abc import Sequence
from typing import Any

import durable_rules_engine as native
from durable import engine as durable
from pydantic_core import to_json

from diagnose.conditions import KEY_SEPARATOR, Condition, fact_refs, to_durable

FACT_TYPE = "assessment"
OPENED_TYPE = "opened"  # the fact that opens a sid in a shard (no rule of the rule base reads it)
SENTINEL = "_opened"  # the rule that handles it: not a valid rule id, so it cannot collide
SHARD_SIZE = 60  # stays under durable-rules' 64 matches per fact
MAX_BATCH = 32  # assessments per sid, across calls
_AID = re.compile(r'"aid":\s*(\d+)')

_host: durable.Host | None = None
_lock = threading.RLock()
_registered: dict[str, RuleEngine] = {}
_sids = itertools.count()


def _ignore(c: Any) -> None:
    del c


class _QuietHost(durable.Host):  # type: ignore[misc]
    """A host without the background dispatch threads, which would race our action loop."""

    def _run(self) -> None:
        return None


def _shared_host() -> durable.Host:
    global _host
    if _host is None:
        _host = _QuietHost()
    return _host


def durable_key(path: str) -> str:
    """A fact path as a durable-rules property: `score.x` becomes `score__x`."""
    return path.replace(".", KEY_SEPARATOR, 1)


def shard_rules(rules: Sequence[tuple[str, Condition]]) -> list[list[tuple[str, Condition]]]:
    """The rules in shards of at most SHARD_SIZE, rules that read the same facts together (the
    templates of one construct side by side), so a property is in as few shards' facts as can be:
    each shard's fact carries only what its rules read, and the C engine parses each property
    about once per round instead of once per shard. Which rules fire does not depend on the
    grouping; the order of the results is the rule base's."""
    ordered = sorted(rules, key=lambda rule: sorted(ref.name for ref in fact_refs(rule[1])))
    return [ordered[index : index + SHARD_SIZE] for index in range(0, max(len(ordered), 1), SHARD_SIZE)]


class _Shard:
    """One ruleset of the rule base and the properties its rules read (None: the whole fact)."""

    def __init__(self, handle: int, keys: frozenset[str] | None, paths: Sequence[str]):
        self.handle = handle
        self.keys = keys
        self._order = sorted(keys) if keys is not None else None
        # (fact path, property) of what this shard's facts carry, in the properties' order: a
        # round's facts (by path) become this shard's message without a durable copy of them all
        pairs = sorted({(path, durable_key(path)) for path in paths}, key=lambda pair: pair[1])
        self._paths = [path for path, _ in pairs]
        self._keys = [key for _, key in pairs]

    def messages(self, sid: str, first: int, batch: Sequence[dict[str, Any]], rounds: bool) -> str:
        """The JSON array of a batch's assessments as this shard reads them: each with only this
        shard's properties and its aid (`first` and on), type and sid. `rounds`: the batch holds
        rounds' facts as the core makes them (keyed by path; a None is absent), made straight
        from them: the same properties as from their durable copies (bundle.to_durable_facts).
        The shard's own properties are looked up in the fact, not the fact's ~200 properties in
        the shard's set; the order of properties means nothing to the engine."""
        order = self._order
        bodies: list[dict[str, Any]]
        if rounds:
            keys, paths = self._keys, self._paths
            bodies = [
                {
                    key: value
                    for key, value in zip(keys, map(facts.get, paths), strict=True)
                    if value is not None
                }
                for facts in batch
            ]
        elif order is None:
            bodies = [dict(facts) for facts in batch]
        else:
            bodies = [{key: facts[key] for key in order if key in facts} for facts in batch]
        for aid, body in enumerate(bodies, first):
            body["aid"] = aid
            body["t"] = FACT_TYPE
            body["sid"] = sid
        # pydantic-core's serialiser, one call per shard and batch: the same JSON as json.dumps
        # (shortest float repr), five times faster
        return to_json(bodies).decode()


class RuleEngine:
    """The rules of one rule base, registered once in this process's durable-rules host.

    An evaluation asserts each assessment once into every shard, in an open sid: a sid holds the
    assessments of up to MAX_BATCH evaluations (one call or several) and is then deleted, so the
    cost of creating and deleting a sid's state is shared and memory stays flat. Only the rules of
    a shard that read an assessment can match it (every rule has one pattern), its actions are all
    taken before the lock is released, and every action names the assessment (`aid`) it fired
    for, so evaluations that share a sid cannot see each other's results.

    `whole_facts`: the reference the tests compare with, evaluated the plain way: shards in the
    rule base's order, the whole fact asserted into every shard, a fresh sid per evaluation."""

    def __init__(self, name: str, rules: Sequence[tuple[str, Condition]], *, whole_facts: bool = False):
        self.name = name
        self.rule_ids = [rule_id for rule_id, _ in rules]
        self._position = {rule_id: index for index, rule_id in enumerate(self.rule_ids)}
        self.whole_facts = whole_facts
        self._shards: list[_Shard] = []
        host = _shared_host()
        shards = (
            [list(rules[i : i + SHARD_SIZE]) for i in range(0, max(len(rules), 1), SHARD_SIZE)]
            if whole_facts
            else shard_rules(rules)
        )
        for index, shard_rules_ in enumerate(shards):
            shard = f"{name}_{index}"
            # cap: one action per rule for all the assessments of a call it matched (the plain
            # reference: one per assessment)
            capped: dict[str, Any] = {} if whole_facts else {"cap": MAX_BATCH}
            definition: dict[str, Any] = {
                rule_id: {
                    "all": [{"m": {"$and": [{"t": FACT_TYPE}, to_durable(condition)]}}],
                    "run": _ignore,
                    **capped,
                }
                for rule_id, condition in shard_rules_
            }
            definition[SENTINEL] = {"all": [{"m": {"t": OPENED_TYPE}}], "run": _ignore}
            host.register_rulesets({shard: definition})
            paths = [ref.path for _, condition in shard_rules_ for ref in fact_refs(condition)]
            keys = frozenset(map(durable_key, paths))
            self._shards.append(_Shard(host.get_ruleset(shard)._handle, None if whole_facts else keys, paths))
        self._sid = ""
        self._in_sid = 0  # assessments asserted in the open sid
        self._touched = 0  # shards that have state in the open sid (deleting an untouched one crashes)

    @property
    def shard_keys(self) -> list[frozenset[str] | None]:
        """The properties each shard's facts carry (None: the whole fact)."""
        return [shard.keys for shard in self._shards]

    @classmethod
    def for_rules(
        cls, rules: Sequence[tuple[str, Condition]], label: str = "netwerkscan", *, whole_facts: bool = False
    ) -> RuleEngine:
        """The engine for these rules, registering them only the first time they are seen."""
        digest = hashlib.sha256(
            json.dumps([[rid, to_durable(cond)] for rid, cond in rules], sort_keys=True).encode()
        ).hexdigest()[:16]
        name = f"{label}_{'whole_' if whole_facts else ''}{digest}"
        with _lock:
            if name not in _registered:
                _registered[name] = cls(name, rules, whole_facts=whole_facts)
            return _registered[name]

    def evaluate(self, facts: dict[str, Any]) -> list[str]:
        """Ids of the rules whose conditions hold for one assessment, in rule-base order."""
        return self.evaluate_many([facts])[0]

    def evaluate_many(self, assessments: Sequence[dict[str, Any]]) -> list[list[str]]:
        """Ids of the rules whose conditions hold for each assessment (its durable properties)."""
        return self._evaluate(assessments, rounds=False)

    def evaluate_rounds(self, facts: Sequence[dict[str, Any]]) -> list[list[str]]:
        """`evaluate_many` of rounds' facts as the core makes them (keyed by fact path, not yet
        durable properties): each shard's message is made straight from them, the same JSON as
        from the durable copy (bundle.to_durable_facts) but without making that copy first. A
        reference engine (`whole_facts`) gets that copy of every property its rules read."""
        if self.whole_facts:
            paths = {p for shard in self._shards for p in shard._paths}
            return self._evaluate(
                [{durable_key(p): v for p in paths if (v := f.get(p)) is not None} for f in facts],
                rounds=False,
            )
        return self._evaluate(facts, rounds=True)

    def _evaluate(self, assessments: Sequence[dict[str, Any]], *, rounds: bool) -> list[list[str]]:
        results: list[set[str]] = [set() for _ in assessments]
        with _lock:
            for start in range(0, len(assessments), MAX_BATCH):
                batch = assessments[start : start + MAX_BATCH]
                first, fired = self._run_batch(batch, rounds)
                offset = start - first
                for rule_id, aids in fired:
                    for aid in aids:
                        results[offset + int(aid)].add(rule_id)
                if self.whole_facts:
                    self._close_sid()
        # An $or rule fires once per true branch: the sets de-duplicate, the order is the rule base's.
        position = self._position
        known = position.keys()
        return [sorted(fired & known, key=position.__getitem__) for fired in results]

    def _run_batch(
        self, batch: Sequence[dict[str, Any]], rounds: bool = False
    ) -> tuple[int, list[tuple[str, list[str]]]]:
        """The aid of the batch's first assessment, and each firing's rule id and the aids (as
        written) of the assessments it fired for (`rounds`: the batch holds rounds' facts by path,
        see evaluate_rounds). Call with the lock held."""
        if self._in_sid + len(batch) > MAX_BATCH:
            self._close_sid()
        try:
            if not self._sid:
                self._open_sid()
            sid, first = self._sid, self._in_sid
            self._in_sid += len(batch)
            fired: list[tuple[str, list[str]]] = []
            for shard in self._shards:
                handle = shard.handle
                messages = shard.messages(sid, first, batch, rounds)
                state = native.assert_facts(handle, messages)[1]
                result = native.start_action_for_state(handle, state)
                action = result[1] if result else None
                while action:
                    # {"<rule id>":{"m":{...,"aid":<aid>,...}} or, capped, {"<rule id>":[{"m":{...}},...]}
                    end = action.index('"', 2)
                    fired.append((action[2:end], _AID.findall(action, end)))
                    action = native.complete_and_start_action(handle, state)
        except BaseException:
            self._close_sid()  # a half-evaluated sid is never used again
            raise
        return first, fired

    def _open_sid(self) -> None:
        """A new sid, opened in every shard by a fact its sentinel handles (see the module's notes)."""
        self._sid = sid = f"s{next(_sids)}"
        opened = f'{{"t":"{OPENED_TYPE}","sid":"{sid}"}}'
        for index, shard in enumerate(self._shards):
            state = native.assert_fact(shard.handle, opened)[1]
            self._touched = index + 1
            result = native.start_action_for_state(shard.handle, state)
            while result:
                result = native.complete_and_start_action(shard.handle, state)

    def _close_sid(self) -> None:
        if self._sid:
            sid, touched = self._sid, self._touched
            self._sid, self._in_sid, self._touched = "", 0, 0
            for shard in self._shards[:touched]:
                # error 309, no state: the call failed before the shard's first assert
                with contextlib.suppress(native.error):
                    native.delete_state(shard.handle, sid)
