"""Tables for analysis tools: flat frames of statements, speakers and organisations.

Each frame is a :class:`pyarrow.Table` (the ``arrow`` extra) with one row per
statement, speaker or organisation of a :class:`~aigov.Forum` or a
:class:`~aigov.Corpus`, and a fixed schema; :func:`to_pandas` and
:func:`to_polars` hand a frame to pandas or polars.  See :doc:`frames`.

.. versionadded:: 0.2.0
"""

from aigov._formats._flat import (
    organizations_frame,
    speakers_frame,
    statements_frame,
    to_pandas,
    to_polars,
)

__all__ = [
    "organizations_frame",
    "speakers_frame",
    "statements_frame",
    "to_pandas",
    "to_polars",
]
