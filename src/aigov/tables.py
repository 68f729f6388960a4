"""A corpus as tables: Arrow, Parquet and Frictionless Data Packages.

:func:`to_arrow` turns a forum or corpus into normalised tables (one per
kind of object, each row keyed by its forum's id and its own, each with its
position within its parent) and :func:`from_arrow` turns them back, exactly.
:func:`write_parquet` writes them as hive-partitioned Parquet datasets that
DuckDB, Dask, Spark, pandas and polars read; :func:`write_datapackage` writes
them as CSV files with a Frictionless ``datapackage.json``.  Each writer has
a reader that gives back the same corpus and checks what it reads, naming
the table, row and column of every problem.

The Arrow and Parquet functions need the ``arrow`` extra
(``pip install 'aigov[arrow]'``); the Data Package functions need no extra.
See :doc:`/tables` for the layout.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from aigov._formats._datapackage import read_datapackage, write_datapackage
from aigov._formats._tables import (
    from_arrow,
    partition_key,
    read_parquet,
    to_arrow,
    write_parquet,
)

__all__ = [
    "from_arrow",
    "partition_key",
    "read_datapackage",
    "read_parquet",
    "to_arrow",
    "write_datapackage",
    "write_parquet",
]
