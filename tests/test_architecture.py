"""The package's stages import one way, down the flow of a draft, with no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "claimcheck"
# The stages in the order a draft flows through them: a module may import from its own
# stage and from stages before it, never from one after it.
STAGES = ("core", "ruleset", "source", "nlp", "match", "analysis", "checks", "filters", "run", "fix", "output")
FRONT_ENDS = ("cli", "__main__", "lsp")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> list[tuple[str, bool]]:
    """(name, at module level) of every claimcheck import in a file; `if TYPE_CHECKING:` counts as module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[int] = set()
    for node in tree.body:
        top.add(id(node))
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            top.update(id(inner) for inner in node.body)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimcheck"):
            found += [(f"{node.module}.{alias.name}", id(node) in top) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names if alias.name.startswith("claimcheck")]
    return found


def resolve(name: str, known: dict[str, Path]) -> str | None:
    """The module an imported name lives in (`claimcheck.run.lint.lint_text` -> `claimcheck.run.lint`)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def rank(module: str) -> int:
    if module == "claimcheck":
        return 0  # the package itself holds only its version
    name = stage(module)
    return STAGES.index(name) if name in STAGES else len(STAGES)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {}
    for module, path in known.items():
        targets = {resolve(name, known) for name, _ in imports(path)}
        edges[module] = {t for t in targets if t and t != module}
    return edges


def test_every_module_belongs_to_a_stage_or_is_a_front_end():
    loose = [m for m in modules() if m != "claimcheck" and stage(m) not in STAGES + FRONT_ENDS]
    assert loose == []


def test_imports_point_down_the_flow():
    upward = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in sorted(targets)
        if rank(target) > rank(module) and stage(module) not in FRONT_ENDS
    ]
    assert upward == []


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [module, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


# Imports made lazily on purpose, to keep start-up fast: the front ends load a command's
# machinery when it runs, and the text output does not load the HTML and SARIF writers.
LAZY_ON_PURPOSE = {
    "claimcheck.output.formatters": {"claimcheck.output.html", "claimcheck.output.sarif"},
    "claimcheck.ruleset.config": {"claimcheck.ruleset.parse"},
}


def test_no_claimcheck_import_hides_inside_a_function():
    # Any other function-local import of a claimcheck module could only dodge a cycle.
    known = modules()
    hidden = [
        f"{module}: {name}"
        for module, path in known.items()
        for name, at_top in imports(path)
        if not at_top and stage(module) not in FRONT_ENDS and resolve(name, known) not in LAZY_ON_PURPOSE.get(module, ())
    ]
    assert hidden == []


def test_the_checker_sees_an_upward_import(tmp_path):
    # The walk must really read imports: one made-up upward import is found.
    path = tmp_path / "x.py"
    path.write_text("from claimcheck.output.formatters import render_json\n", encoding="utf-8")
    assert ("claimcheck.output.formatters.render_json", True) in imports(path)
    assert rank("claimcheck.output.formatters") > rank("claimcheck.core.findings")
