"""Models built from values that already have their fields' types: what `model_construct` makes,
without pydantic's Python walk over the fields and without `object.__setattr__`'s check of the
class hierarchy on each of the four slots (a round's ~100 scores and its responses cost a fifth of
building them so). The caller makes sure of the values; tests compare what this builds with what
validation builds (tests/core/test_scoring_parity.py)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

_M = TypeVar("_M", bound=BaseModel)

_new = object.__new__
_slots = BaseModel.__dict__
_set_dict = _slots["__dict__"].__set__
_set_fields_set = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__


def built(cls: type[_M], fields: dict[str, Any], fields_set: set[str] | None = None) -> _M:
    """`cls` holding `fields` (every field, in the model's order) as they are. `fields_set`: the
    fields counted as set, when a default is among `fields` (else all of them). A caller may share
    one set among instances only if it holds every field: setting a field adds its name to it."""
    m = _new(cls)
    _set_dict(m, fields)
    _set_fields_set(m, set(fields) if fields_set is None else fields_set)
    _set_extra(m, None)
    _set_private(m, None)
    return m
