"""Reading data files with the line of every element, and turning pydantic errors into Problems."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from diagnose.problems import Problem, ValidationFailed, did_you_mean

Loc = tuple[str | int, ...]


@dataclass
class SourceFile:
    """Parsed data plus the line where every key and list element starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Iterable[str | int]) -> int | None:
        parts = tuple(loc)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get(())

    def id_at(self, loc: Iterable[str | int]) -> str | None:
        """The id of the innermost element on the path, for messages like `lnc1_a.text`."""
        node = self.data
        found: str | None = None
        for part in loc:
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                found = node["id"]
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        return found

    def problem(
        self, code: str, loc: Iterable[str | int], field_name: str | None = None, **params: object
    ) -> Problem:
        loc = tuple(loc)
        return Problem(
            code=code,
            file=self.path,
            line=self.line_of(loc),
            id=self.id_at(loc),
            field=field_name,
            params=params,
        )


def read_text(path: Path, display: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [Problem("file-unreadable", file=display, params={"detail": exc.strerror})]
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed([Problem("file-encoding", file=display)]) from exc


def load_yaml(path: Path, display: str | None = None) -> SourceFile:
    display = display or str(path)
    text = read_text(path, display)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = str(getattr(exc, "problem", None) or exc).strip()
        raise ValidationFailed(
            [Problem("yaml-syntax", file=display, line=line, params={"detail": detail})]
        ) from exc
    source = SourceFile(display, data)
    if node is not None:
        _map_lines(node, (), source.lines)
    return source


def _map_lines(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _map_lines(value_node, (*loc, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            lines[(*loc, index)] = child.start_mark.line + 1
            _map_lines(child, (*loc, index), lines)


def load_json_text(text: str, display: str) -> SourceFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(
            [Problem("json-syntax", file=display, line=exc.lineno, params={"detail": exc.msg})]
        ) from exc
    return SourceFile(display, data)


M = TypeVar("M", bound=BaseModel)


def validate_model(model: type[M], source: SourceFile, data: Any = None) -> M:
    """Validate with pydantic; on failure raise every error as a located Problem."""
    try:
        return model.model_validate(source.data if data is None else data)
    except ValidationError as exc:
        raise ValidationFailed(problems_from_pydantic(exc, source, model)) from exc


def problems_from_pydantic(
    exc: ValidationError, source: SourceFile, model: type[BaseModel] | None = None, prefix: Loc = ()
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc: Loc = (*prefix, *(p for p in error["loc"] if not _is_union_tag(p)))
        kind = error["type"]
        last = loc[-1] if loc else ""
        parent = loc[:-1]
        if kind == "extra_forbidden":
            allowed = _allowed_keys(model, loc[len(prefix) : -1]) if model else []
            problems.append(
                source.problem(
                    "unknown-key", loc, str(last), key=last, suggestion=did_you_mean(str(last), allowed)
                )
            )
        elif kind == "missing" and last in ("nl", "en"):
            problems.append(source.problem("missing-language", parent, _field_name(parent), key=last))
        elif kind == "missing":
            problems.append(source.problem("missing-field", parent, str(last), key=last))
        elif kind == "string_type" and isinstance(error.get("input"), bool):
            problems.append(source.problem("yes-no-unquoted", loc, _field_name(loc)))
        else:
            problems.append(source.problem("invalid-value", loc, _field_name(loc), detail=error["msg"]))
    return problems


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _field_name(loc: Loc) -> str | None:
    names = [str(p) for p in loc if isinstance(p, str)]
    return ".".join(names[-2:]) if names and names[-1] in ("nl", "en") else (names[-1] if names else None)


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found by walking `loc` from the root model, for "did you mean"."""
    current: Any = model
    for part in loc:
        if get_origin(current) is dict or (get_origin(current) in (list, tuple) and isinstance(part, int)):
            current = _element_type(current)
            continue
        current = _model_in(current)
        if current is None:
            return []
        if isinstance(part, str):
            info = current.model_fields.get(part)
            if info is None:
                return []
            current = info.annotation
        else:
            current = _element_type(current)
    current = _model_in(current)
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _element_type(annotation: Any) -> Any:
    if get_origin(annotation) in (list, tuple, dict):
        args = get_args(annotation)
        return args[-1] if args else None
    return annotation
