"""The shape of the package: no import cycle in qca/ (function-level imports and imports
under ``if TYPE_CHECKING:`` included) and no module over 800 lines (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

QCA = Path(__file__).resolve().parent.parent / "qca"
MAX_LINES = 800


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(QCA.rglob("*.py")):
        parts = list(path.relative_to(QCA.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that ``path`` imports anywhere in it: at module level, inside
    a function, or under ``if TYPE_CHECKING:`` (a cycle of types is a cycle of concepts,
    and the project's before-stop checker counts it too). Importing ``a.b.c`` also runs the
    packages ``a.b`` and ``a`` (the top-level ``qca`` package, which imports everything
    public, is left out: nothing imports it inside the package; so are the module's own
    packages, which are being imported when it runs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            while target and target != "qca":
                found.add(target)
                target = target.rpartition(".")[0]
    # a module's own packages are already being imported when it runs
    ancestors = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 1)}
    return found - ancestors - {name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle():
    modules = _modules()
    graph = {name: _imports(path, name, modules) for name, path in modules.items()}
    graph = {name: targets - {"qca"} for name, targets in graph.items() if name != "qca"}
    # the graph is real: the CLI reaches the analysis, the analysis the pipeline
    assert "qca.analysis" in graph["qca.cli._app"]
    assert "qca._pipeline" in graph["qca.analysis"]
    assert "qca.minimize._remainders" in graph["qca.find_rows"]
    assert "qca.find_rows" not in graph["qca.minimize._minimize"]
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_is_found():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_function_level_and_type_checking_imports_count(tmp_path):
    modules = {"qca.x": tmp_path / "x.py", "qca.y": tmp_path / "y.py"}
    modules["qca.x"].write_text("def f():\n    from qca.y import g\n")
    assert _imports(modules["qca.x"], "qca.x", modules) == {"qca.y"}
    modules["qca.y"].write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import qca.x\n")
    assert _imports(modules["qca.y"], "qca.y", modules) == {"qca.x"}
    graph = {name: _imports(path, name, modules) for name, path in modules.items()}
    assert _cycle(graph) == ["qca.x", "qca.y", "qca.x"]


def _too_long(package: Path) -> dict[str, int]:
    """Modules of ``package`` (subpackages included) over MAX_LINES lines -> their length."""
    too_long = {}
    for path in sorted(package.rglob("*.py")):
        key = path.relative_to(package.parent).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[key] = lines
    return too_long


def test_no_module_is_over_800_lines():
    assert len(list(QCA.rglob("*.py"))) > 30  # the package is there, subpackages included
    too_long = _too_long(QCA)
    assert not too_long, f"modules over {MAX_LINES} lines: {too_long}"


def test_a_module_over_800_lines_is_found(tmp_path):
    package = tmp_path / "qca"
    (package / "minimize").mkdir(parents=True)
    (package / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (package / "minimize" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert _too_long(package) == {"qca/minimize/long.py": MAX_LINES + 1}
