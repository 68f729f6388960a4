"""Sphinx configuration for the aigov documentation."""

from importlib.metadata import version as _version

project = "aigov"
author = "The aigov maintainers"
copyright = "2026, The aigov maintainers"
release = _version("aigov")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
]
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = True
html_theme = "furo"
