"""Every import points down: cli and bench on top, then api and seeds, then graph and the drafter, then schema,
then jalin."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each package and the project packages it may import (besides itself).
BELOW = {
    "jalin": set(),
    "schema": {"jalin"},
    "graph": {"schema", "jalin"},
    "seeds": {"graph", "schema", "jalin"},
    "draft": {"schema", "jalin"},
    "api": {"draft", "graph", "schema", "jalin"},
    "cli": {"api", "seeds", "draft", "graph", "schema", "jalin"},
    "bench": {"api", "seeds", "draft", "graph", "schema", "jalin"},
}


def imported_packages(path: Path) -> set[str]:
    """Return the top-level project packages a module imports anywhere in it, functions included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(BELOW)


@pytest.mark.parametrize("package", sorted(BELOW))
def test_package_imports_only_the_floors_below_it(package: str) -> None:
    upward = {str(path.relative_to(ROOT)): sorted(imported_packages(path) - BELOW[package] - {package})
              for path in sorted((ROOT / package).glob("*.py"))}
    assert {module: names for module, names in upward.items() if names} == {}


def test_nothing_outside_graph_imports_its_statements() -> None:
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in ("graph", ".venv", "web", "lint") or path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8")
        if "graph.cypher" in text or "from graph import cypher" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
