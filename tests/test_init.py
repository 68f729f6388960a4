"""The package itself: its version."""

import importlib.metadata
import subprocess
import sys

import pytest

import aigov


def test_version_is_the_installed_one() -> None:
    """aigov.__version__ is the version pip installed."""
    try:
        installed = importlib.metadata.version("aigov")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("aigov is not installed, only on the path")
    assert aigov.__version__ == installed


def test_version_of_a_tree_never_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source tree without metadata still has a version, one PEP 440 sorts first."""

    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    aigov._installed_version.cache_clear()
    try:
        assert aigov.__version__ == "0+unknown"
    finally:
        aigov._installed_version.cache_clear()


def test_version_is_importable_by_name() -> None:
    """``from aigov import __version__`` works, as tools expect."""
    from aigov import __version__  # noqa: PLC0415 - the import is what is tested

    assert __version__ == aigov.__version__


def test_other_missing_attributes_are_attribute_errors() -> None:
    """Reading the version lazily does not turn typos into anything but AttributeError."""
    with pytest.raises(AttributeError, match="no attribute 'Forums'"):
        getattr(aigov, "Forums")  # noqa: B009 - the name is what is tested


def test_import_does_not_read_the_metadata() -> None:
    """``import aigov`` leaves importlib.metadata unimported: it is slow to import."""
    code = "import sys, aigov; print('importlib.metadata' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
