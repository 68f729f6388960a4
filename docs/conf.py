"""Sphinx configuration for the aigov documentation."""

import os
import sys
from importlib.metadata import version as _version

project = "aigov"
author = "The aigov maintainers"
copyright = "2026, The aigov maintainers"
release = _version("aigov")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "matplotlib.sphinxext.plot_directive",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]

autodoc_typehints = "description"
# Model classes document their fields under "Attributes:" (napoleon reads the
# types from the annotations); repeating them as untyped parameters would
# only list every field twice.
autodoc_typehints_description_target = "documented"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Keep a Changelog headings ("## [Unreleased]") get anchors, so that pages can
# link to a release's section.
myst_heading_anchors = 2

# Warnings are errors (-n -W): every cross-reference must resolve.
nitpicky = True
# Show "SessionKind", not the private "aigov._model.SessionKind", in types.
python_use_unqualified_type_names = True
# There is no network at build time, and we ship no third-party inventories,
# so intersphinx is off.  References to types outside aigov (which autodoc
# writes from annotations) cannot resolve; these are those types.  Builtins
# such as ``ValueError`` and ``str`` resolve without intersphinx.
nitpick_ignore = [
    ("py:class", "cattrs.Converter"),
    ("py:class", "cattrs.converters.Converter"),
    ("py:class", "datetime.date"),
    ("py:class", "hypothesis.strategies.DrawFn"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "os.PathLike"),
    # What aigov.tables returns and takes (the arrow, pandas and polars extras).
    ("py:class", "pandas.DataFrame"),
    ("py:class", "polars.DataFrame"),
    ("py:class", "pyarrow.Schema"),
    ("py:class", "pyarrow.Table"),
    ("py:func", "attrs.evolve"),
    # The type variable of from_dict/from_json/load's overloads: "an instance
    # of the class you pass"; it is private and documented in words.
    ("py:class", "aigov._io.T"),
    # The same for from_declarations: "an object of the class you pass".
    ("py:class", "aigov.strategies.T"),
    # The type of what a query.Found holds: a speaker, statement or organisation.
    ("py:class", "aigov._query.T"),
]

# The tutorial's chart (``.. plot::``) is drawn when the pages are built, on
# machines without a display: Agg renders to files only.
os.environ.setdefault("MPLBACKEND", "Agg")
# One PNG per chart, with no links to its source or to other formats: the
# code is shown on the page itself (``:include-source:``).
plot_formats = [("png", 100)]
plot_html_show_source_link = False
plot_html_show_formats = False
# Charts are drawn in the font matplotlib ships, whatever font the builder's
# matplotlibrc names, so that no font can be missing on a bare CI machine.
plot_rcparams = {"font.family": "DejaVu Sans", "figure.figsize": (7.0, 5.0)}
plot_apply_rcparams = True

doctest_global_setup = """
import aigov
"""

html_theme = "furo"
html_title = f"aigov {release}"


def _docstring_of_reexported_data(
    _app: object,
    what: str,
    name: str,
    obj: object,
    _options: object,
    lines: list[str],
) -> None:
    """Give a constant re-exported by ``aigov`` the docstring it was defined with.

    autodoc reads a constant's docstring from the source of the module it is
    documented in, ``aigov/__init__.py``, which only imports it; without this
    hook ``aigov.SCHEMA_VERSION`` would be described by ``int``'s docstring.
    """
    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415 - Sphinx is running

    if what != "data" or not name.startswith("aigov."):
        return
    attribute = name.rpartition(".")[2]
    # The private module that defines this very object and documents it.
    for module_name in sorted(m for m in sys.modules if m.startswith("aigov._")):
        if getattr(sys.modules[module_name], attribute, None) is not obj:
            continue
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        if ("", attribute) in docs:
            lines[:] = [*docs["", attribute], ""]
            return


def _signature_without_attrs_sentinel(
    _app: object,
    _what: str,
    _name: str,
    _obj: object,
    _options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """Show ``id=...`` for a default that is derived, not attrs' ``id=NOTHING``.

    attrs writes factory defaults (our derived ids) as its ``NOTHING``
    sentinel in ``__init__``'s signature, which reads as "no default".
    """
    if signature is not None:
        signature = signature.replace("=NOTHING", "=...")
    return signature, return_annotation


def setup(app: object) -> None:
    """Connect the hooks above."""
    app.connect("autodoc-process-docstring", _docstring_of_reexported_data)  # type: ignore[attr-defined]
    app.connect("autodoc-process-signature", _signature_without_attrs_sentinel)  # type: ignore[attr-defined]
