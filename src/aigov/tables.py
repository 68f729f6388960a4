"""A corpus as tables: Arrow, Parquet, Frictionless Data Packages and flat frames.

:func:`to_arrow` turns a forum or corpus into normalised tables (one per
kind of object, each row keyed by its forum's id and its own, each with its
position within its parent) and :func:`from_arrow` turns them back, exactly.
:func:`write_parquet` writes them as hive-partitioned Parquet datasets that
DuckDB, Dask, Spark, pandas and polars read; :func:`write_datapackage` writes
them as CSV files with a Frictionless ``datapackage.json``.  Each writer has
a reader that gives back the same corpus and checks what it reads, naming
the table, row and column of every problem.

For analysis without joins, :func:`statements_frame`, :func:`speakers_frame`
and :func:`organizations_frame` give one flat row per statement, speaker or
organisation, with the forum, session, roles, organisation chains and
affiliation countries as columns; :func:`to_pandas` and :func:`to_polars`
hand a frame to pandas or polars.

The Arrow, Parquet and frame functions need the ``arrow`` extra
(``pip install 'aigov[arrow]'``); the Data Package functions need no extra.
See :doc:`/tables` for the layout and :doc:`/frames` for the frames.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from aigov._formats._datapackage import read_datapackage, write_datapackage
from aigov._formats._flat import (
    organizations_frame,
    speakers_frame,
    statements_frame,
    to_pandas,
    to_polars,
)
from aigov._formats._tables import (
    from_arrow,
    partition_key,
    read_parquet,
    to_arrow,
    write_parquet,
)

__all__ = [
    "from_arrow",
    "organizations_frame",
    "partition_key",
    "read_datapackage",
    "read_parquet",
    "speakers_frame",
    "statements_frame",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "write_datapackage",
    "write_parquet",
]
