"""axe-core in the real browser: the WCAG 2.0/2.1 A and AA rules over the page as it is now.

``scan(page, where)`` injects axe-core (bundled by the ``axe-playwright-python`` package, so no
network), runs the A/AA rules on the whole document and returns the violations that are not on the
allow-list (``tests/app/axe_allowlist.py``: Streamlit's own markup we cannot change, each entry with
its reason). A violation is kept per element: one rule on five elements is five ``Violation``\\ s, so
an allowed element never hides one of ours under the same rule.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT

from tests.app.axe_allowlist import ALLOWED

#: WCAG 2.0 and 2.1, levels A and AA (axe's tags); 2.2 and best practices are not what #17 asks
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# axe runs; then each offending element is looked up again to see whether an allow-list scope holds
# it (``closest``): a scope names Streamlit's own markup, never a selector of ours.
_RUN = """
async ([tags, allowed]) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const out = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      const selector = node.target[node.target.length - 1];
      const el = typeof selector === 'string' ? document.querySelector(selector) : null;
      const scope = allowed.find(a => a.rule === v.id && el && el.closest(a.scope));
      out.push({rule: v.id, impact: node.impact || v.impact || '', target: String(selector),
                html: (node.html || '').slice(0, 300), summary: node.failureSummary || '',
                allowed: scope ? scope.scope : null});
    }
  }
  return out;
}
"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    target: str
    html: str
    summary: str
    where: str
    allowed_by: str | None = None

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.rule} ({self.impact}) at {self.target}\n    {self.html}\n    {self.summary}"
        )


def scan_all(page: Any, where: str) -> list[Violation]:
    """Every A/AA violation on the page, allowed ones marked (``allowed_by``)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    allowed = [{"rule": a.rule, "scope": a.scope} for a in ALLOWED]
    found: list[dict[str, Any]] = page.evaluate(_RUN, [list(WCAG_TAGS), allowed])
    return [
        Violation(f["rule"], f["impact"], f["target"], f["html"], f["summary"], where, f["allowed"])
        for f in found
    ]


def scan(page: Any, where: str) -> list[Violation]:
    """The violations that are ours: every A/AA violation not on the allow-list."""
    return [v for v in scan_all(page, where) if v.allowed_by is None]


def by_rule(violations: list[Violation]) -> dict[str, int]:
    """How many elements break each rule (for the before/after table)."""
    return dict(sorted(Counter(v.rule for v in violations).items()))


def report(violations: list[Violation]) -> str:
    return "\n".join(str(v) for v in violations)


def dump(violations: list[Violation]) -> str:
    return json.dumps([v.__dict__ for v in violations], ensure_ascii=False, indent=1)
