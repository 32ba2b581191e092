"""Package layout: imports inside medlint go one way (no circles), and development tooling (corpus
golden files, claim evaluation) stays outside the installed package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "medlint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _runtime_nodes(tree: ast.AST):
    """Every node that runs at some point (function bodies too), minus `if TYPE_CHECKING:` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The medlint modules that ``name`` imports; `from pkg import sub` counts as importing pkg.sub."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
    return {module for module in found if module in modules and module != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_the_cycle_finder_sees_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_sees_known_edges():
    graph = _graph()
    assert "medlint.nlp" in graph["medlint.engine.matching"]  # from ..nlp import inflections
    assert "medlint.structure.data" in graph["medlint.structure.sections"]  # from . import data
    assert "medlint.plugins" in graph["medlint.engine.rule"]  # imported inside a function


def test_medlint_modules_import_without_circles():
    assert _cycles(_graph()) == []


@pytest.mark.parametrize(("low", "high"), [("medlint.nlp", "medlint.engine"), ("medlint.engine", "medlint.cli")])
def test_lower_layers_never_import_higher_ones(low, high):
    graph = _graph()
    offenders = {name: sorted(m for m in deps if m == high or m.startswith(high + "."))
                 for name, deps in graph.items() if name == low or name.startswith(low + ".")}
    assert {name: deps for name, deps in offenders.items() if deps} == {}


def test_development_tooling_is_outside_the_package():
    assert not (PACKAGE / "corpus_golden.py").exists()
    assert not (PACKAGE / "claims" / "evaluation.py").exists()
    assert (REPO / "scripts" / "corpus_golden.py").is_file()
    assert (REPO / "scripts" / "claims_evaluation.py").is_file()
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        assert "corpus_golden" not in text and "claims_evaluation" not in text, name
