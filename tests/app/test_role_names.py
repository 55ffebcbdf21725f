"""Every leadership role the 4C reading can derive has a short name on the dashboard's fit panel.

Regression: the undecided zone's `central_open` was shown as its raw id ("Past volgens 4C-model:
central_open") because the app had no name for it.
"""

from __future__ import annotations

from diagnose import Bundle
from netscan_app.messages import MESSAGES


def test_every_derivable_leadership_role_has_a_name_in_both_languages(bundle: Bundle) -> None:
    [derived] = [d for d in bundle.derived if d.name == "fitting_leadership_role"]
    values = {value for _, value in derived.cases if value is not None} | set(derived.value_labels)
    assert "central_open" in values
    for value in sorted(values):
        text = MESSAGES.get(f"results.role_{value}")
        assert text is not None, value
        assert all(x and "_" not in x and x != value for x in (text.nl, text.en)), value
