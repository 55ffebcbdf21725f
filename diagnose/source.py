"""Reading data files with the line of every element, and turning pydantic errors into Problems."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.text import LocalizedText

if TYPE_CHECKING:
    import yaml

# PyYAML is imported by the functions that read YAML: a command that reads only JSON and the kept
# bundle (netscan diagnose, see bundle_cache.py) does not need it.

Loc = tuple[str | int, ...]


@dataclass
class SourceFile:
    """Parsed data plus the line where every key and list element starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    # a key written twice in one mapping (YAML keeps the last silently): its path → its first line
    repeated_keys: dict[Loc, int] = field(default_factory=dict)

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


def _fastest_loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    """libyaml's C loader when PyYAML was built with it and the library refuses deep nesting itself
    (libyaml 0.2.5 and later stop at 1,000 levels; its parser is recursive C, so an older one could
    overflow the C stack on a hostile file); else the pure-Python loader, which is ten times slower
    but gives the same data, marks and messages."""
    import yaml

    if not yaml.__with_libyaml__:
        return yaml.SafeLoader
    from yaml import _yaml  # the compiled part, present with libyaml

    version: tuple[int, int, int] = _yaml.get_version()
    return yaml.CSafeLoader if version >= (0, 2, 5) else yaml.SafeLoader


YAML_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] | None = None  # None: the fastest there is


def yaml_loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    global YAML_LOADER
    if YAML_LOADER is None:
        YAML_LOADER = _fastest_loader()
    return YAML_LOADER


def load_yaml(path: Path, display: str | None = None) -> SourceFile:
    """Parse a YAML file once: compose the node tree (which carries every line), refuse alias bombs,
    note the line of every key and element, then construct the data from the same tree."""
    import yaml

    display = display or str(path)
    text = read_text(path, display)
    lines: dict[Loc, int] = {}
    repeated: dict[Loc, int] = {}
    loader_class = yaml_loader()
    loader = None
    try:
        loader = loader_class(text)  # the Python reader refuses control characters here already
        node = loader.get_single_node()
        data: Any = None
        if node is not None:
            # before constructing: a merge key (<<) rewrites its mapping's node in place
            lines, repeated = _map_lines(node, display)
            try:
                data = loader.construct_document(node)
            except (ValueError, OverflowError) as exc:  # a date such as 2024-13-45
                line = _unreadable_scalar_line(loader, node)
                raise ValidationFailed(
                    [Problem("yaml-syntax", file=display, line=line, params={"detail": str(exc)})]
                ) from exc
    except RecursionError as exc:
        raise ValidationFailed(
            [
                Problem(
                    "yaml-syntax",
                    file=display,
                    params={
                        "detail": LocalizedText(
                            nl="te diep genest of een anker dat naar zichzelf verwijst",
                            en="nested too deep, or an anchor that refers to itself",
                        )
                    },
                )
            ]
        ) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        # libyaml counts the position in UTF-8 bytes, the Python reader in characters
        if loader_class is yaml.CSafeLoader:
            line = text.encode()[: exc.position].count(b"\n") + 1
        else:
            line = text[: exc.position].count("\n") + 1
        detail = f"{exc.reason} (#x{exc.character:04x})" if isinstance(exc.character, int) else exc.reason
        raise ValidationFailed(
            [Problem("yaml-syntax", file=display, line=line, params={"detail": detail})]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = str(getattr(exc, "problem", None) or exc).strip()
        raise ValidationFailed(
            [Problem("yaml-syntax", file=display, line=line, params={"detail": detail})]
        ) from exc
    finally:
        if loader is not None:
            loader.dispose()
    return SourceFile(display, data, lines, repeated)


def _unreadable_scalar_line(loader: yaml.SafeLoader | yaml.CSafeLoader, root: yaml.Node) -> int | None:
    """The line of the first value the constructor refuses (after a whole-document ValueError)."""
    import yaml

    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, OverflowError, yaml.YAMLError):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(reversed([part for pair in node.value for part in pair]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _alias_problem(display: str, node: yaml.Node | None) -> ValidationFailed:
    return ValidationFailed(
        [
            Problem(
                "yaml-aliases",
                file=display,
                line=node.start_mark.line + 1 if node is not None else None,
                params={"limit": f"{MAX_ALIAS_NODES:,}".replace(",", ".")},
            )
        ]
    )


def _map_lines(root: yaml.Node, display: str) -> tuple[dict[Loc, int], dict[Loc, int]]:
    """The line of every key and list element by its path, and every key written twice in one
    mapping (YAML keeps the last silently), from one walk over the composed tree. The same walk
    refuses a file whose aliases (*name) would add more than MAX_ALIAS_NODES nodes, or that refers
    to itself: it counts each visit of a node it has seen before and stops at the limit, so a
    400-byte "billion laughs" file is refused before anything expands it."""
    import yaml

    lines: dict[Loc, int] = {}
    repeated: dict[Loc, int] = {}
    seen: set[int] = set()
    open_nodes: set[int] = set()  # the nodes on the path from the root: meeting one again is a loop
    added = 0

    def walk(node: yaml.Node, loc: Loc) -> None:
        nonlocal added
        key = id(node)
        if key in seen:
            if key in open_nodes:
                raise _alias_problem(display, node)
            added += 1
            if added > MAX_ALIAS_NODES:
                raise _alias_problem(display, None)
        else:
            seen.add(key)
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return
        open_nodes.add(key)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
                path = (*loc, name)
                if path in lines:
                    repeated.setdefault(path, lines[path])
                lines[path] = key_node.start_mark.line + 1
                walk(value_node, path)
        else:
            for index, child in enumerate(node.value):
                path = (*loc, index)
                lines[path] = child.start_mark.line + 1
                walk(child, path)
        open_nodes.discard(key)

    walk(root, ())
    return lines, repeated


MAX_DEPTH = 32  # our formats nest about 10 deep; deeper is a damaged or hostile file
MAX_NUMBER_DIGITS = 30
MAX_ALIAS_NODES = 10_000  # the nodes YAML aliases may add; anchors are for repeats, not for bombs


class _Refused(ValueError):
    def __init__(self, nl: str, en: str) -> None:
        super().__init__(en)
        self.detail = LocalizedText(nl=nl, en=en)


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Refused(
            f"een getal van meer dan {MAX_NUMBER_DIGITS} cijfers",
            f"a number of more than {MAX_NUMBER_DIGITS} digits",
        )
    return int(text)


def _json_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS * 2:
        raise _Refused(
            f"een getal van meer dan {MAX_NUMBER_DIGITS * 2} tekens",
            f"a number of more than {MAX_NUMBER_DIGITS * 2} characters",
        )
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"'{text[:20]}' is geen eindig getal", f"'{text[:20]}' is not a finite number")
    return value


def _json_constant(text: str) -> Any:
    raise _Refused(
        f"'{text}' is geen getal in JSON; laat het antwoord weg of geef een getal",
        f"'{text}' is not a number in JSON; leave the answer out or give a number",
    )


def _depth_problem(data: Any, display: str) -> Problem | None:
    """Walks the parsed data without recursion; a Problem when it nests deeper than MAX_DEPTH."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _nesting_problem(display)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return None


def _nesting_problem(display: str, line: int | None = None) -> Problem:
    return Problem(
        "json-syntax",
        file=display,
        line=line,
        params={
            "detail": LocalizedText(
                nl=f"dieper genest dan {MAX_DEPTH} niveaus", en=f"nested deeper than {MAX_DEPTH} levels"
            )
        },
    )


def load_json_text(text: str, display: str) -> SourceFile:
    """Parse JSON strictly: no NaN or Infinity, no numbers past MAX_NUMBER_DIGITS, no nesting past
    MAX_DEPTH; every refusal a located Problem (never a RecursionError or ValueError)."""
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(
            [Problem("json-syntax", file=display, line=exc.lineno, params={"detail": exc.msg})]
        ) from exc
    except _Refused as exc:
        raise ValidationFailed([Problem("json-syntax", file=display, params={"detail": exc.detail})]) from exc
    except RecursionError as exc:
        raise ValidationFailed([_nesting_problem(display)]) from exc
    problem = _depth_problem(data, display)
    if problem is not None:
        raise ValidationFailed([problem])
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
