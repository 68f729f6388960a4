"""Sphinx configuration for the aigov documentation."""

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
    ("py:func", "attrs.evolve"),
    # The type variable of from_dict/from_json/load's overloads: "an instance
    # of the class you pass"; it is private and documented in words.
    ("py:class", "aigov._convert.T"),
]

doctest_global_setup = """
import aigov
"""

html_theme = "furo"
html_title = f"aigov {release}"
