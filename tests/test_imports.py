"""aigov's modules import each other without cycles, and only downwards through the layers.

The imports are read from the source with :mod:`ast`, so that imports inside
functions (deferred to keep ``import aigov`` quick) and
``importlib.import_module("aigov....")`` calls count as much as those at the
top of a module.
"""

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "aigov"

#: aigov's modules from the ground floor up: each may import its own layer
#: and those below it, never one above.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(f"aigov.{name}" if name else "aigov" for name in layer)
    for layer in (
        # The vocabulary and what it needs.
        ("exceptions", "_text", "_countries", "_fields"),
        # The model.
        ("_model",),
        # Converting and checking.
        ("_convert", "_backend", "_msgspec", "_bulk"),
        # Reading, writing, describing and generating documents.
        ("_io", "_files", "_limits", "_schema", "strategies"),
        # Queries.
        (
            "_index",
            "_match",
            "_query",
            "_filters",
            "query",
            "_scoring",
            "_corpus",
            "_people",
            "_links",
        ),
        # Reading and writing many forums.
        ("_corpus_io",),
        # Formats other tools read; they build and return corpora.
        (
            "_formats",
            "_formats._arrow",
            "_formats._datapackage",
            "_formats._flat",
            "_formats._jsonld",
            "_formats._popolo",
            "_formats._tables",
            "jsonld",
            "popolo",
            "tables",
        ),
        # Bundled data.
        ("datasets",),
        # Extraction from press reports.
        (
            "_extraction",
            "_extraction._adapter",
            "_extraction._engine",
            "_extraction._forum",
            "_extraction._html",
            "_extraction._records",
            "_extraction._rules",
            "_extraction._segment",
            "extract",
        ),
        # The package itself, and the command line.
        ("", "_cli", "_table", "__main__"),
    )
)


def module_files() -> dict[str, Path]:
    """Every module of the aigov package, by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(
    module: str, source: str, modules: set[str], *, package: bool = False
) -> set[str]:
    """The modules of *modules* that *source*, the module *module*, imports anywhere.

    ``from aigov import _io`` imports the module ``aigov._io``; ``from aigov
    import to_json`` imports the package ``aigov`` itself (its
    ``__init__``).  *package* says whether *module* is a package, for
    relative imports.
    """
    here = module.split(".") if package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                start = here[: len(here) - node.level + 1]
                origin = ".".join([*start, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                found.add(submodule if submodule in modules else origin)
        elif (
            isinstance(node, ast.Call)
            and _called_name(node.func) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return {name for name in found if name in modules and name != module}


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


@functools.cache
def import_graph() -> dict[str, frozenset[str]]:
    """Each aigov module with the aigov modules it imports."""
    files = module_files()
    modules = set(files)
    return {
        module: frozenset(
            imports_of(
                module,
                path.read_text(encoding="utf-8"),
                modules,
                package=path.name == "__init__.py",
            )
        )
        for module, path in files.items()
    }


def reachable(graph: dict[str, frozenset[str]], start: str) -> set[str]:
    """The modules that importing *start* imports, directly or not."""
    seen: set[str] = set()
    stack = list(graph.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The import cycles of *graph*: each group of modules that reach one another."""
    reach = {node: reachable(graph, node) for node in graph}
    found: list[list[str]] = []
    for node in sorted(graph):
        if node in reach[node]:
            group = sorted(n for n in reach[node] if node in reach.get(n, set()))
            if group not in found:
                found.append(group)
    return found


def layer_of(module: str) -> int:
    for number, layer in enumerate(LAYERS):
        if module in layer:
            return number
    msg = f"{module} is in no layer of LAYERS; add it where it belongs"
    raise AssertionError(msg)


def test_imports_inside_functions_and_by_name_are_found() -> None:
    """Deferred imports and import_module calls with a constant name count."""
    source = """
import importlib
from aigov import _fields

def later():
    from aigov._model import Forum
    import aigov.exceptions
    return importlib.import_module("aigov._msgspec")
"""
    modules = {
        "aigov",
        "aigov._fields",
        "aigov._model",
        "aigov.exceptions",
        "aigov._msgspec",
        "aigov._io",
    }
    assert imports_of("aigov._io", source, modules) == modules - {"aigov", "aigov._io"}


def test_importing_a_name_from_the_package_is_an_import_of_it() -> None:
    """``from aigov import to_json`` runs the package's __init__: an edge to it."""
    modules = {"aigov", "aigov._io", "aigov._x"}
    source = "from aigov import to_json\nfrom aigov import _io"
    assert imports_of("aigov._x", source, modules) == {"aigov", "aigov._io"}


def test_relative_imports_are_resolved() -> None:
    """``from . import x`` and ``from ._y import z`` are imports of aigov modules."""
    modules = {"aigov", "aigov._y", "aigov.datasets", "aigov.datasets._z"}
    source = "from .. import _y\nfrom ._z import thing"
    found = imports_of("aigov.datasets", source, modules, package=True)
    assert found == {"aigov._y", "aigov.datasets._z"}


def test_cycles_are_found() -> None:
    """The cycle finder reports a cycle through three modules, and a self-import."""
    graph = {
        "a": frozenset({"b"}),
        "b": frozenset({"c"}),
        "c": frozenset({"a"}),
        "d": frozenset({"d"}),
        "e": frozenset({"a"}),
    }
    assert cycles(graph) == [["a", "b", "c"], ["d"]]


def test_the_graph_holds_every_module() -> None:
    """The graph is read from every module of the package, subpackages included."""
    graph = import_graph()
    assert {"aigov", "aigov._model", "aigov.datasets", "aigov._cli"} <= set(graph)
    # Deferred and by-name imports of the real code are in it too.
    assert "aigov._msgspec" in graph["aigov._io"]


def test_no_module_imports_itself_through_others() -> None:
    """No aigov module imports itself through others, deferred imports included."""
    assert cycles(dict(import_graph())) == []


@pytest.mark.parametrize("module", sorted(module_files()))
def test_modules_import_only_their_layer_or_lower(module: str) -> None:
    """Each module imports only modules of its own layer or of a lower one."""
    upward = sorted(
        target
        for target in import_graph()[module]
        if layer_of(target) > layer_of(module)
    )
    assert upward == []
