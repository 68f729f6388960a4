"""pyarrow, the ``arrow`` extra, imported when a function first needs it."""

from __future__ import annotations

from typing import Any

from aigov.exceptions import MissingExtraError


def pyarrow() -> Any:  # noqa: ANN401 - pyarrow is untyped
    """The ``pyarrow`` module; :class:`MissingExtraError` without the extra.

    Imported on use so that ``import aigov`` (and the standard-library csv of
    the command line) never pays for it.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError:
        raise MissingExtraError(
            "aigov.tables' Arrow, Parquet and frame functions",
            "arrow",
            module="pyarrow",
        ) from None
    return pa
