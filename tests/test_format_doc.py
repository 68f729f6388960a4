import doctest
from pathlib import Path

FORMAT = Path(__file__).parent.parent / "docs" / "format.rst"


def test_format_page_examples_run_as_shown() -> None:
    """Every example on docs/format.rst, errors included, gives the output shown."""
    result = doctest.testfile(str(FORMAT), module_relative=False, encoding="utf-8")
    assert result.attempted > 20
    assert result.failed == 0
