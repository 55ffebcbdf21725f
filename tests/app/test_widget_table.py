"""The form has one widget per item type of the core's registry."""

from __future__ import annotations

from diagnose.item_types import ITEM_TYPES
from netscan_app.form import WIDGETS


def test_every_item_type_has_one_widget() -> None:
    assert set(WIDGETS) == set(ITEM_TYPES)
