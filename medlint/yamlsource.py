"""YAML loading that remembers where each mapping and key came from, for error messages."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyYAML is imported on first use: a check whose data comes from the build cache
    import yaml    # and whose articles have no front matter (or plain front matter) never needs it


class SourceError(Exception):
    """A problem in a user-supplied file (config, rule pack, knowledge base): ``path:line: what``."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def _mapping(loader: Any, node: "yaml.MappingNode") -> LineDict:
    import yaml

    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark)
        if key in result:  # YAML forbids it; silently keeping the last would hide a mistake
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {result.key_lines[str(key)]})",
                key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _sequence(loader: Any, node: "yaml.SequenceNode") -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def safe_loader() -> type:
    """PyYAML's safe loader, on LibYAML's parser when PyYAML was built with it (the wheels are):
    ten times faster to start. PyYAML is imported here, on first use."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def line_loader() -> type:
    """The loader of :func:`load_yaml`: :func:`safe_loader` with LineDict and LineList containers."""
    import yaml

    class _Loader(safe_loader()):  # type: ignore[misc]
        pass

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    return _Loader


#: the most nodes a document may expand to through aliases ("billion laughs": nine levels of ten
#: aliases each are 10^9 nodes in a few hundred bytes)
MAX_EXPANDED_NODES = 100_000


@functools.lru_cache(maxsize=None)
def too_large_error() -> type:
    """TooLarge: a YAML error (``yaml.YAMLError``) for a document whose aliases expand beyond
    MAX_EXPANDED_NODES; made with PyYAML's first use."""
    import yaml

    class TooLarge(yaml.YAMLError):
        def __init__(self, mark: Any, size: int) -> None:
            self.problem_mark = mark
            self.problem = (f"its aliases expand to more than {MAX_EXPANDED_NODES:,} values ({size:,}); "
                            "write the values out, or use fewer aliases")
            super().__init__(self.problem)

    return TooLarge


def expanded_size(root: "yaml.Node") -> int:
    """How many nodes a composed document stands for once every alias is expanded, counted in
    time linear in the document (each node's count is kept), and without recursion."""
    import yaml

    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if children_done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(root), 1)


def load_bounded(text: str, loader_class: type) -> Any:
    """One YAML document, refused (TooLarge) when its aliases would expand it past the limit.
    Deep nesting that exhausts the stack is reported as a YAML error too."""
    import yaml

    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = expanded_size(node)
        if size > MAX_EXPANDED_NODES:
            raise too_large_error()(node.start_mark, size)
        return loader.construct_document(node)
    except RecursionError:
        raise yaml.YAMLError("values are nested too deeply") from None
    finally:
        loader.dispose()


def load_yaml_documents(text: str, path: str | Path) -> list[Any]:
    """All documents of a YAML stream, with line-aware containers. Raises SourceError."""
    import yaml

    try:
        return [doc for doc in yaml.load_all(text, Loader=line_loader()) if doc is not None]
    except yaml.YAMLError as exc:
        raise _as_source_error(exc, path) from None


def load_yaml(text: str, path: str | Path) -> Any:
    import yaml

    try:
        return load_bounded(text, line_loader())
    except yaml.YAMLError as exc:
        raise _as_source_error(exc, path) from None


def read_yaml_file(path: Path) -> Any:
    return load_yaml(_read(path), path)


def read_yaml_documents(path: Path) -> list[Any]:
    return load_yaml_documents(_read(path), path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc.strerror or exc}") from None


def _as_source_error(exc: "yaml.YAMLError", path: str | Path) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    detail = f"{context}: {problem}" if context else problem
    return SourceError(path, line, f"invalid YAML: {detail}")


_PLAIN = (str, int, float, bool, type(None))


def to_plain(value: Any) -> Any:
    """Parsed YAML as plain data for the build cache: mappings, lists and dates become tagged
    tuples (no YAML value is a tuple), with their lines."""
    if isinstance(value, LineDict):
        return ("map", value.line, [(key, value.key_lines.get(str(key), value.line), to_plain(item))
                                    for key, item in value.items()])
    if isinstance(value, LineList):
        return ("list", value.line, list(value.item_lines), [to_plain(item) for item in value])
    if type(value) is date:
        return ("date", value.isoformat())
    if type(value) in _PLAIN:
        return value
    raise TypeError(f"cannot store {type(value).__name__}")


def from_plain(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    tag = value[0]
    if tag == "map":
        result = LineDict()
        result.line, result.key_lines = value[1], {}
        for key, line, item in value[2]:
            result[key] = from_plain(item)
            result.key_lines[str(key)] = line
        return result
    if tag == "list":
        restored = LineList(from_plain(item) for item in value[3])
        restored.line, restored.item_lines = value[1], list(value[2])
        return restored
    if tag == "date":
        return date.fromisoformat(value[1])
    raise ValueError(tag)
