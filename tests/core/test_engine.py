"""The engine shared by every session: isolated per evaluation, thread-safe, flat in memory."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from diagnose import Bundle, diagnose
from diagnose.cli.content import read_response_file
from diagnose.render import to_json

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_assessment_where_no_rule_fires_is_safe() -> None:
    """Regression: deleting a durable-rules sid where no fact was handled crashed the process."""
    code = (
        "from diagnose import load_bundle\n"
        "b = load_bundle()\n"
        "print([b.engine.evaluate({}) for _ in range(50)][-1], b.engine.evaluate_many([{}, {}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[] [[], []]"


def diagnose_json(bundle: Bundle, path: Path) -> str:
    rf, _ = read_response_file(path)
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    return json.dumps(
        to_json(diagnose(bundle, q, rf.round, rf.history, rf.network), bundle, "nl"), sort_keys=True
    )


def test_threads_give_the_same_results_as_sequential(bundle: Bundle) -> None:
    paths = sorted(EXAMPLES.glob("*.json"))
    assert len(paths) >= 3
    expected = {p.name: diagnose_json(bundle, p) for p in paths}
    results: list[tuple[str, str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(offset: int) -> None:
        try:
            for i in range(25):
                path = paths[(offset + i) % len(paths)]
                out = diagnose_json(bundle, path)
                with lock:
                    results.append((path.name, out))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 8 * 25
    for name, out in results:
        assert out == expected[name], name


def test_same_input_same_findings_in_the_same_order(bundle: Bundle) -> None:
    path = EXAMPLES / "niet_meer_ons_netwerk.json"
    assert len({diagnose_json(bundle, path) for _ in range(5)}) == 1


def test_memory_stays_flat_over_100000_evaluations() -> None:
    """RSS after 100,000 evaluations in batches, then 19,200 one per call (a sid serves up to 32
    assessments across calls), stays within a few MB of the start."""
    code = (
        "import random, resource\n"
        "from diagnose import load_bundle\n"
        "from diagnose.bundle import to_durable_facts\n"
        "b = load_bundle()\n"
        "rng = random.Random(1)\n"
        "paths = sorted(b.referenced_facts)\n"
        "def facts():\n"
        "    return to_durable_facts(b, {p: rng.choice([2.5, 3.5, 4.5]) for p in paths"
        " if p.startswith(('score.', 'sd.', 'change.'))})\n"
        "batch = [facts() for _ in range(64)]\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * 4096 // 1024 // 1024\n"
        "for _ in range(200): b.engine.evaluate_many(batch)\n"
        "start = rss()\n"
        "done = 0\n"
        "while done < 100_000:\n"
        "    b.engine.evaluate_many(batch); done += len(batch)\n"
        "end = rss()\n"
        "for f in batch * 50: b.engine.evaluate(f)\n"  # one per call, as diagnose() does: sids shared
        "single = rss()\n"
        "for f in batch * 300: b.engine.evaluate(f)\n"
        "print(start, end, done, single, rss())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    start, end, done, single, single_end = map(int, result.stdout.split())
    assert done >= 100_000
    assert end - start <= 8, f"RSS grew from {start} MB to {end} MB"
    assert single_end - single <= 4, f"one per call: RSS grew from {single} MB to {single_end} MB"
