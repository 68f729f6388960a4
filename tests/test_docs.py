"""The built documentation gives every public name a target other projects can link to.

Other projects refer to aigov's names through intersphinx (``:py:class:`aigov.Speaker```),
which reads the ``objects.inv`` the HTML build writes.  These tests build the
HTML documentation once (skipped without the docs extra) and read that
inventory, and look for the chart the build draws in the tutorial.  The install commands are also checked against the README's.
"""

import importlib
import inspect
import pkgutil
import re
import warnings
import zlib
from pathlib import Path
from types import ModuleType

import pytest

import aigov

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"

# One line of a version 2 inventory: "name domain:role priority uri display-name".
_ENTRY = re.compile(r"(?P<name>.+?)\s+(?P<role>\S+?:\S+)\s+-?\d+\s+\S*\s+.*")


def read_inventory(path: Path) -> dict[str, set[str]]:
    """Return each Python name in a Sphinx inventory with its roles (``py:class``)."""
    with path.open("rb") as stream:
        header = stream.readline()
        assert header == b"# Sphinx inventory version 2\n", header
        for _ in range(3):  # project, version, compression note
            stream.readline()
        body = zlib.decompress(stream.read()).decode("utf-8")
    names: dict[str, set[str]] = {}
    for line in body.splitlines():
        entry = _ENTRY.fullmatch(line)
        assert entry is not None, line
        if entry["role"].startswith("py:"):
            names.setdefault(entry["name"], set()).add(entry["role"])
    return names


def public_submodules() -> list[ModuleType]:
    """Every public submodule of aigov: those whose name has no leading underscore."""
    return [
        importlib.import_module(f"aigov.{info.name}")
        for info in pkgutil.iter_modules(aigov.__path__)
        if not info.name.startswith("_")
    ]


def public_names() -> dict[str, object]:
    """Every documented public name, with the object it names."""
    names: dict[str, object] = {f"aigov.{n}": getattr(aigov, n) for n in aigov.__all__}
    for module in public_submodules():
        names[module.__name__] = module
        names.update(
            {f"{module.__name__}.{n}": getattr(module, n) for n in module.__all__}
        )
    return names


def expected_roles(obj: object) -> set[str]:
    """The inventory roles under which *obj* can be cross-referenced."""
    if inspect.ismodule(obj):
        return {"py:module"}
    if inspect.isclass(obj):
        return {"py:exception"} if issubclass(obj, BaseException) else {"py:class"}
    if inspect.isfunction(obj):
        return {"py:function"}
    # Constants and hypothesis' composite strategies (callables, not functions).
    return {"py:data", "py:function"}


def install_commands(text: str) -> list[str]:
    """The one-line commands in *text* that start from a new virtual environment."""
    return re.findall(r"^ *(python3 -m venv .+)$", text, flags=re.MULTILINE)


def test_installation_matches_the_readme() -> None:
    """The docs' installation section gives the README's two commands, verbatim."""
    readme = install_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    overview = install_commands((DOCS / "overview.rst").read_text(encoding="utf-8"))
    assert len(readme) == 2
    assert overview == readme


@pytest.fixture(name="html", scope="module")
def fixture_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory the HTML documentation is built into, once per module."""
    build = pytest.importorskip("sphinx.cmd.build", reason="needs the docs extra")
    pytest.importorskip("furo", reason="needs the docs extra")
    pytest.importorskip("myst_parser", reason="needs the docs extra")
    pytest.importorskip("matplotlib", reason="needs the docs extra")
    out = tmp_path_factory.mktemp("html")
    with warnings.catch_warnings():
        # Sphinx's own extensions use APIs that Sphinx deprecates (napoleon in
        # Sphinx 9); the test suite turns warnings into errors, but those are
        # Sphinx's to fix.  Documentation warnings are caught by CI's -W build.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        status = build.build_main(["-b", "html", "-q", "-E", str(DOCS), str(out)])
    assert status == 0, "the HTML documentation did not build"
    return out


@pytest.fixture(name="inventory", scope="module")
def fixture_inventory(html: Path) -> dict[str, set[str]]:
    return read_inventory(html / "objects.inv")


def test_every_public_name_is_in_the_inventory(inventory: dict[str, set[str]]) -> None:
    """Each name of aigov.__all__ and of the public submodules' __all__ has a target."""
    missing = sorted(set(public_names()) - set(inventory))
    assert missing == []


def test_public_names_have_the_role_of_what_they_name(
    inventory: dict[str, set[str]],
) -> None:
    """Classes are py:class, exceptions py:exception, functions py:function.

    A name listed under the wrong role does not resolve from the role other
    projects naturally use (``:py:class:`aigov.Forum```).
    """
    wrong = {
        name: inventory[name]
        for name, obj in public_names().items()
        if name in inventory and not inventory[name] & expected_roles(obj)
    }
    assert wrong == {}


def test_model_fields_can_be_linked(inventory: dict[str, set[str]]) -> None:
    """Every field of every model class is an attribute target (aigov.Speaker.country)."""
    fields = {
        f"aigov.{name}.{field}"
        for name in aigov.__all__
        if inspect.isclass(cls := getattr(aigov, name))
        and hasattr(cls, "__attrs_attrs__")
        for field in (a.name for a in cls.__attrs_attrs__)
    }
    assert fields  # the model has attrs classes; an empty set would prove nothing
    assert sorted(f for f in fields if "py:attribute" not in inventory.get(f, ())) == []


def test_the_tutorial_shows_a_chart_drawn_by_the_build(html: Path) -> None:
    """The tutorial's chart is a PNG the HTML build drew, with the code beside it.

    The chart is drawn from ``statements_frame`` when the pages are built
    (matplotlib's plot directive), so it always shows the bundled data.
    """
    page = (html / "tutorial.html").read_text(encoding="utf-8")
    charts = re.findall(r'<img [^>]*class="plot-directive" src="([^"]+)"', page)
    assert len(charts) == 1, charts
    assert (html / charts[0]).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    # :include-source: shows the code that drew it, highlighted token by token.
    code = re.sub(r"<[^>]+>", "", page)
    assert "tables.statements_frame(aigov.datasets.corpus())" in code
