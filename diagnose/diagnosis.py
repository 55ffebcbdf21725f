"""The pure core: a round of answers (with history) in, a diagnosis with explained findings out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from diagnose import cards
from diagnose.bundle import Bundle
from diagnose.comparability import earlier_in_terms, previous_in_terms

# Finding re-exported (`X as X`): the views import it from here
from diagnose.findings import Finding as Finding  # noqa: PLC0414
from diagnose.findings import findings_of
from diagnose.item_types import item_type
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.responses import Network, Round, check_round, checked_round
from diagnose.rule_facts import round_facts
from diagnose.scores import ConstructScore, ProfileFact, Reference, RespondentScores, RoundScores, Unknown
from diagnose.scoring import Settings, score_round, score_rounds
from diagnose.text import trusted


class RoundInfo(BaseModel):
    label: str
    date: str | None
    respondents: int
    group_only: bool
    roles: dict[str, int]


def may_show(respondents: int, group_only: bool, minimum: int) -> bool:
    """The anonymity rule, for this round and for every earlier round shown beside it: a round's
    aggregates may be shown when at least `minimum` respondents answered, or when the round is
    group answers filled in together (live at an intake): such an answer is nobody's own."""
    return group_only or respondents >= minimum


def response_rate_met(respondents: int, invited: int, rate_minimum: int | None) -> bool:
    """A round's own response-rate threshold (percent), beside the anonymity minimum: met when
    the round sets none, when no invitation links were issued (the rate is unknown; the round page
    says so), or when at least `rate_minimum` percent of the `invited` answered."""
    return not rate_minimum or invited <= 0 or respondents * 100 >= rate_minimum * invited


def results_open(
    respondents: int, group_only: bool, minimum: int, *, invited: int = 0, rate_minimum: int | None = None
) -> bool:
    """Whether a round's results may be shown or exported at all: the anonymity rule (`may_show`)
    and the round's response-rate threshold (`response_rate_met`). Every view and export asks
    this (through `Diagnosis.results_allowed` where a diagnosis exists)."""
    return may_show(respondents, group_only, minimum) and response_rate_met(
        respondents, invited, rate_minimum
    )


class ResponseRate(BaseModel):
    """The round's response-rate threshold and whether it is met (see `response_rate_met`)."""

    invited: int
    minimum: int  # percent
    met: bool


class Anonymity(BaseModel):
    """`met` when the round may be shown (see `may_show`); `response_rate` when the round sets
    a response-rate threshold (added by the store's view, which knows the invited count)."""

    minimum: int
    met: bool
    group_only: bool = False
    response_rate: ResponseRate | None = None


class PreviousRound(BaseModel):
    label: str
    date: str | None
    scores: dict[str, float]
    questionnaire: Reference | None = None  # the version it was answered with (absent: as this round)
    # the version whose construct ids `scores` uses, once translated (diagnose.comparability)
    in_terms_of: Reference | None = None


class Diagnosis(BaseModel):
    questionnaire: Reference
    ruleset: Reference
    network: str | None
    round: RoundInfo
    anonymity: Anonymity
    thresholds: dict[str, float]
    scores: dict[str, ConstructScore]
    profile: dict[str, ProfileFact]
    derived: dict[str, str]
    not_measured: list[str]
    previous: PreviousRound | None
    findings: list[Finding]
    summary: list[str]
    strengths: list[str]
    respondents: list[RespondentScores]
    by_role: dict[str, dict[str, float]]
    # the findings a person chose for the top (diagnose.edits.apply); never stored or printed:
    # the diagnosis as computed has none, and `cards.summary_cards` is the one selection either way
    chosen_summary: list[str] | None = Field(default=None, exclude=True)
    # share of "weet ik niet" per construct (diagnoses stored before questionnaire 2.0 lack it)
    unknown: dict[str, Unknown] = {}

    def finding(self, rule_id: str) -> Finding | None:
        return next((f for f in self.findings if f.rule == rule_id), None)

    # --- What may be shown: decided here, once, for the dashboard, the report and the charts ---

    @property
    def results_allowed(self) -> bool:
        """Aggregates (scores, findings, charts, free texts) may be shown at all: the anonymity
        rule and the round's response-rate threshold, as `results_open` decides."""
        rate = self.anonymity.response_rate
        return (self.anonymity.met or self.round.group_only) and (rate is None or rate.met)

    def with_response_rate(self, invited: int, rate_minimum: int | None) -> Diagnosis:
        """This diagnosis under its round's response-rate threshold (percent; None: no threshold)
        with `invited` the round's invitation links issued. The store's view applies it, since the
        invited count changes without the answers changing."""
        rate = (
            ResponseRate(
                invited=invited,
                minimum=rate_minimum,
                met=response_rate_met(self.round.respondents, invited, rate_minimum),
            )
            if rate_minimum
            else None
        )
        return self.model_copy(
            update={"anonymity": self.anonymity.model_copy(update={"response_rate": rate})}
        )

    @property
    def response_rate_short(self) -> bool:
        """Closed by the round's response-rate threshold (while the anonymity minimum is met)."""
        rate = self.anonymity.response_rate
        return rate is not None and not rate.met

    def score_visible(self, cid: str) -> bool:
        """The construct's score may be shown: results allowed, and enough respondents answered
        its items (a group answer is shown whole)."""
        s = self.scores.get(cid)
        return s is not None and self.results_allowed and (self.round.group_only or not s.below_minimum)

    def visible_scores(self) -> dict[str, float]:
        """The construct means that may be shown."""
        return {cid: s.mean for cid, s in self.scores.items() if self.score_visible(cid)}

    def visible_unknown(self) -> dict[str, float]:
        """The share of "weet ik niet" per construct that may be shown: results allowed, and at
        least the anonymity minimum of respondents gave that answer (a group answer is shown whole)."""
        if not self.results_allowed:
            return {}
        return {
            cid: u.share
            for cid, u in self.unknown.items()
            if self.round.group_only or u.respondents >= self.anonymity.minimum
        }

    def visible_roles(self) -> dict[str, dict[str, float]]:
        """Mean per construct for each role chosen by at least the minimum number of respondents."""
        if not self.results_allowed:
            return {}
        return {
            role: means
            for role, means in self.by_role.items()
            if means and self.round.roles.get(role, 0) >= self.anonymity.minimum
        }

    def as_earlier(self, minimum: int) -> PreviousRound | None:
        """This round as an earlier round beside one whose anonymity minimum is `minimum`."""
        return earlier_round(self, minimum)

    def compared_with(self, earlier: Diagnosis, bundle: Bundle) -> Diagnosis:
        """This diagnosis with any earlier round as `previous` (side by side), as may be shown:
        across questionnaire versions only its comparable constructs (diagnose.comparability)."""
        shown = earlier.as_earlier(self.anonymity.minimum)
        if shown is not None:
            shown = earlier_in_terms(bundle, self.questionnaire, shown)
        return self.model_copy(update={"previous": shown if shown is None or shown.scores else None})

    def with_history(
        self, earlier: Sequence[Diagnosis | RoundScores], bundle: Bundle
    ) -> tuple[Diagnosis, list[PreviousRound]]:
        """This diagnosis with `previous` reduced to what may be shown, and the earlier rounds that
        may be shown beside it (oldest first). `earlier` is the round's history, oldest first; an
        earlier round below this round's anonymity minimum is left out, and an earlier round of
        another questionnaire version shows only the constructs comparable with this one, under
        this round's ids (diagnose.comparability). `previous` stays the round the diagnosis was
        compared with (found by label and date among the rounds shown), and is empty when that
        round may not be shown."""
        shown = [
            earlier_in_terms(bundle, self.questionnaire, e)
            for r in earlier
            if (e := earlier_round(r, self.anonymity.minimum)) is not None
        ]
        before = self.previous
        previous = next(
            (
                r
                for r in reversed(shown)
                if before is not None and (r.label, r.date) == (before.label, before.date)
            ),
            None,
        )
        return self.model_copy(update={"previous": previous}), shown


def earlier_round(r: Diagnosis | RoundScores | PreviousRound, minimum: int) -> PreviousRound | None:
    """An earlier round as it may be shown beside a round with anonymity minimum `minimum`: its
    construct means that pass that minimum, or None when the round may not be shown or shows
    nothing. A `PreviousRound` has already been reduced (it carries no counts)."""
    if isinstance(r, PreviousRound):
        return r if r.scores else None
    if isinstance(r, Diagnosis):
        label, date, respondents, group_only = (
            r.round.label,
            r.round.date,
            r.round.respondents,
            r.round.group_only,
        )
        constructs = r.scores
        questionnaire: Reference | None = r.questionnaire
    else:
        label, date, respondents, group_only = r.label, r.date, r.respondents, r.group_only
        constructs = r.constructs
        questionnaire = r.questionnaire
    if not may_show(respondents, group_only, minimum):
        return None
    scores = {
        cid: s.mean for cid, s in constructs.items() if group_only or (not s.below_minimum and s.n >= minimum)
    }
    return (
        PreviousRound(label=label, date=date, scores=scores, questionnaire=questionnaire) if scores else None
    )


def free_texts(q: Questionnaire, rnd: Round) -> dict[str, list[str]]:
    """Answers to the open questions per item, without respondent ids, in one order for every view
    (casefolded, so the order people answered in reveals no one). Show them only when the
    round's `results_allowed`."""
    result: dict[str, list[str]] = {}
    for item in q.items():
        if not item_type(item).free_text:
            continue
        answers = [
            str(r.answers[item.id]).strip() for r in rnd.responses if isinstance(r.answers.get(item.id), str)
        ]
        answers = [a for a in answers if a]
        if answers:
            result[item.id] = sorted(answers, key=str.casefold)
    return result


def score(
    bundle: Bundle, q: Questionnaire, rnd: Round, network: Network | None = None, *, checked: bool = False
) -> RoundScores:
    """The round's scores (`checked`: as scoring.score_round)."""
    return score_round(
        q,
        bundle.constructs,
        rnd,
        **vars(scoring_settings(bundle)),
        network_profile=network.profile if network else None,
        checked=checked,
    )


def scoring_settings(bundle: Bundle) -> Settings:
    """The rule base's settings that scoring reads."""
    s = bundle.settings
    return Settings(
        strength=s.thresholds["strength"],
        concern=s.thresholds["concern"],
        anonymity_minimum=s.anonymity_minimum,
        profile_agreement=s.profile_agreement,
        min_items_per_respondent=s.min_items_per_respondent,
        min_items_for_band=s.min_items_for_band,
    )


def check_and_score_many(
    bundle: Bundle, rounds: Sequence[tuple[Questionnaire, Round, Network | None, str]]
) -> list[RoundScores | ValidationFailed]:
    """check_and_score of each (questionnaire, round, network, file) without history: its scores,
    or the problems that keep it from being scored. The rounds of one questionnaire are scored
    together (scoring.score_rounds), each with the scores it gets alone: a first re-diagnosis
    scores every stored round."""
    result: list[RoundScores | ValidationFailed | None] = [None] * len(rounds)
    plain: list[bool] = []
    by_questionnaire: dict[int, tuple[Questionnaire, list[int]]] = {}
    for i, (q, rnd, _, file) in enumerate(rounds):
        problems, is_plain = checked_round(q, rnd, file)
        plain.append(is_plain)
        if problems:
            result[i] = ValidationFailed(problems)
        else:
            by_questionnaire.setdefault(id(q), (q, []))[1].append(i)
    settings = scoring_settings(bundle)
    for q, members in by_questionnaire.values():
        scored = score_rounds(
            q,
            bundle.constructs,
            [rounds[i][1] for i in members],
            settings,
            network_profiles=[network.profile if (network := rounds[i][2]) else None for i in members],
            checked=[plain[i] for i in members],
        )
        for i, scores in zip(members, scored, strict=True):
            result[i] = scores
    return [r for r in result if r is not None]


def diagnose(
    bundle: Bundle,
    q: Questionnaire,
    rnd: Round,
    history: Sequence[Round | RoundScores] = (),
    network: Network | None = None,
    *,
    file: str = "",
    actions: Mapping[str, str] | None = None,
) -> Diagnosis:
    """Answers in, diagnosis out. No I/O. Raises ValidationFailed naming respondent and item.
    `actions`: what was agreed after the previous round, per construct (diagnose.agreements.actions)."""
    current, previous = check_and_score(bundle, q, rnd, history, network, file=file)
    return diagnose_scores(bundle, q, current, previous, network, actions=actions)


def check_and_score(
    bundle: Bundle,
    q: Questionnaire,
    rnd: Round,
    history: Sequence[Round | RoundScores] = (),
    network: Network | None = None,
    *,
    file: str = "",
) -> tuple[RoundScores, RoundScores | None]:
    """The round's scores and its previous round's: the last earlier round that may be shown
    (`may_show`; one below the anonymity minimum is nobody's history). Raises ValidationFailed
    for bad answers."""
    problems, plain = checked_round(q, rnd, file)
    for index, earlier in enumerate(history):
        if isinstance(earlier, Round):
            problems += check_round(q, earlier, file, where=f"history[{index}]")
    if problems:
        raise ValidationFailed(problems)
    current = score(bundle, q, rnd, network, checked=plain)
    minimum = bundle.settings.anonymity_minimum
    for earlier in reversed(history):
        scores = earlier if isinstance(earlier, RoundScores) else score(bundle, q, earlier, network)
        if may_show(scores.respondents, scores.group_only, minimum):
            return current, scores
    return current, None


def diagnose_scores(
    bundle: Bundle,
    q: Questionnaire,
    current: RoundScores,
    previous: RoundScores | None = None,
    network: Network | None = None,
    *,
    actions: Mapping[str, str] | None = None,
) -> Diagnosis:
    """The rules over a round's scores (made by `score` from answers that passed check_round).
    Scores do not depend on the rules: a store re-diagnosing rounds after the rule base changed
    can keep the scores it computed before, if it knows the answers and scoring did not change.
    `previous` may come from another version of the questionnaire: only its comparable constructs
    count (diagnose.comparability)."""
    return diagnose_many(bundle, [Scored(q, current, previous, network, actions)])[0]


@dataclass(frozen=True)
class Scored:
    """One round's scores to diagnose, as diagnose_scores takes them."""

    q: Questionnaire
    current: RoundScores
    previous: RoundScores | None = None
    network: Network | None = None
    actions: Mapping[str, str] | None = None


def diagnose_many(bundle: Bundle, rounds: Sequence[Scored]) -> list[Diagnosis]:
    """diagnose_scores for several rounds: each diagnosis is the one diagnose_scores makes of its
    round alone, but the rules run in one durable-rules call for all of them. Between the calls of
    one round at a time, building findings pushed the engine's tables out of the processor's
    caches: ~170 against ~105 µs per round (benchmarks/bench_store.py re-diagnoses this way). The
    diagnoses are likewise made for every round, then the summaries."""
    facts = [_facts(bundle, r) for r in rounds]
    fired = bundle.engine.evaluate_rounds([f for f, _, _ in facts])
    diagnoses = [
        _diagnosis(bundle, r, f, previous, derived, set(ids))
        for r, (f, previous, derived), ids in zip(rounds, facts, fired, strict=True)
    ]
    for d in diagnoses:  # each stage for every round before the next: ~7% less than round by round
        # The summary: the leads of the first cards in the priority model of rules/ruleset.yaml.
        d.summary = cards.summary(d, bundle)
    return diagnoses


def _facts(bundle: Bundle, r: Scored) -> tuple[dict[str, Any], RoundScores | None, dict[str, Any]]:
    """The facts the rules see, the previous round in this round's terms, and the derived facts."""
    q, current, previous = r.q, r.current, r.previous
    if previous is not None:
        previous = previous_in_terms(bundle, Reference(id=q.id, version=q.version), previous)
    facts = round_facts(current, previous, anonymity_minimum=bundle.settings.anonymity_minimum)
    if r.actions is not None and previous is not None:  # agreements are known: `none` means none made
        for cid in current.constructs:
            facts[f"action.{cid}"] = r.actions.get(cid, "none")
    derived = {}
    for name, cases in bundle.derived_cases:  # Derived.value, compiled
        value = next((value for test, value in cases if test(facts)), None)
        if value is not None:
            facts["derived." + name] = value
            derived[name] = value
    return facts, previous, derived


def _diagnosis(
    bundle: Bundle,
    r: Scored,
    facts: dict[str, Any],
    previous: RoundScores | None,
    derived: dict[str, Any],
    fired: set[str],
) -> Diagnosis:
    q, current, network = r.q, r.current, r.network
    findings = findings_of(bundle, q, facts, fired, current)
    # Built from validated parts (the round's kept scores, the rule base's settings, the findings)
    # without validating them again, which gave back the same values: containers are copied as
    # validation copies them, so the diagnosis shares none with the scores it was made from
    questionnaire = trusted(Reference, {"id": q.id, "version": q.version})
    settings = bundle.settings
    minimum = settings.anonymity_minimum
    before = None
    if previous is not None:
        before = trusted(
            PreviousRound,
            {
                "label": previous.label,
                "date": previous.date,
                "scores": {c: s.mean for c, s in previous.constructs.items()},
                "questionnaire": previous.questionnaire,
                "in_terms_of": trusted(Reference, {"id": q.id, "version": q.version})
                if previous.questionnaire
                else None,
            },
        )
    return trusted(
        Diagnosis,
        {
            "questionnaire": questionnaire,
            "ruleset": trusted(Reference, {"id": settings.id, "version": settings.version}),
            "network": network.name if network else None,
            "round": trusted(
                RoundInfo,
                {
                    "label": current.label,
                    "date": current.date,
                    "respondents": current.respondents,
                    "group_only": current.group_only,
                    "roles": dict(current.roles),
                },
            ),
            "anonymity": trusted(
                Anonymity,
                {
                    "minimum": minimum,
                    "met": may_show(current.respondents, current.group_only, minimum),
                    "group_only": current.group_only,
                    "response_rate": None,
                },
                _UNSET_RATE,
            ),
            "thresholds": dict(bundle.thresholds),
            "scores": dict(current.constructs),
            "profile": dict(current.profile),
            "derived": derived,
            "not_measured": [
                c.id
                for c in bundle.constructs.constructs
                if c.kind != "fact" and c.id not in current.constructs
            ],
            "previous": before,
            "findings": findings,
            "summary": [],
            "strengths": [f.rule for f in findings if f.kind == "strength"],
            "respondents": list(current.respondent_scores),
            "by_role": {role: dict(means) for role, means in current.by_role.items()},
            "chosen_summary": None,
            "unknown": dict(current.unknown),
        },
        _UNSET_CHOSEN,
    )


_UNSET_RATE = frozenset({"response_rate"})
_UNSET_CHOSEN = frozenset({"chosen_summary"})
