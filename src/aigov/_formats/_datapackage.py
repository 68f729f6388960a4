"""A corpus as a Frictionless Data Package: one CSV file per table and ``datapackage.json``.

The tables are those of ``_formats._tables`` (without the ``topics`` list
column of ``statements``, which CSV cannot hold; ``statement_topics`` has the
same data).  The CSV files are written and read with the standard library,
so that the Data Package needs no extra.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from aigov import _files
from aigov._corpus import Corpus
from aigov._formats._tables import (
    FORMAT_VERSION,
    NOT_GIVEN,
    TABLES,
    Column,
    Row,
    TableSpec,
    as_corpus,
    check_version,
    corpus_from_rows,
    corpus_rows,
    replace_directory,
)
from aigov._io import _decode
from aigov._limits import MAX_DOCUMENT_SIZE
from aigov._model import Forum
from aigov._text import describe_value
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = ["datapackage_descriptor", "read_datapackage", "write_datapackage"]

DESCRIPTOR: Final = "datapackage.json"
#: The key of aigov's table format version in ``datapackage.json``.
VERSION_KEY: Final = "aigov_tables_version"

_FRICTIONLESS_TYPES: Final = {
    "string": "string",
    "enum": "string",
    "integer": "integer",
    "date": "date",
}
#: Integers as the writer writes them: no sign on 0, no leading zeros.
_INTEGER: Final = re.compile(r"(?:0|-?[1-9][0-9]*)\Z")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _csv_columns(spec: TableSpec) -> tuple[Column, ...]:
    return tuple(column for column in spec.columns if column.kind != "topics")


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _FRICTIONLESS_TYPES[column.kind],
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.kind == "enum":
        constraints["enum"] = list(column.values)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(spec: TableSpec) -> dict[str, Any]:
    foreign_keys = [
        {
            "fields": list(foreign.fields),
            "reference": {
                # A table that refers to itself names no resource.
                "resource": "" if foreign.table == spec.name else foreign.table,
                "fields": list(foreign.reference),
            },
        }
        for foreign in spec.foreign_keys
    ]
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in _csv_columns(spec)],
        "primaryKey": list(spec.primary_key),
        "missingValues": [""],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": spec.name,
        "path": f"{spec.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": spec.description,
        "schema": schema,
    }


def datapackage_descriptor() -> dict[str, Any]:
    """The ``datapackage.json`` that :func:`write_datapackage` writes: the same for every corpus."""
    return {
        "profile": "tabular-data-package",
        "name": "aigov-corpus",
        "title": "A corpus of AI-governance forums, as aigov's tables",
        VERSION_KEY: FORMAT_VERSION,
        "resources": [_resource(spec) for spec in TABLES],
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _csv_bytes(spec: TableSpec, rows: list[Row]) -> bytes:
    kept = [i for i, column in enumerate(spec.columns) if column.kind != "topics"]
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow([spec.columns[i].name for i in kept])
    writer.writerows([_cell(row[i]) for i in kept] for row in rows)
    return stream.getvalue().encode("utf-8")


def write_datapackage(
    data: Forum | Corpus, directory: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write a forum or corpus as a Frictionless Data Package.

    The directory gets one CSV file per table of :doc:`/tables` (UTF-8,
    comma-separated, a header row; an empty cell is a null) and a
    ``datapackage.json`` that gives every field's type, every table's
    primary key and foreign keys, the allowed values of every enum column,
    and aigov's table format version (``aigov_tables_version``).
    ``frictionless validate`` accepts it, and :func:`read_datapackage`
    reads it back as the same corpus.  No extra is needed.

    Args:
        data: A :class:`~aigov.Forum` or a :class:`~aigov.Corpus`.
        directory: Where to write; created if missing.
        overwrite: Replace a directory that is not empty.  The new package
            is written beside it first, so a failure leaves it as it was.

    Raises:
        FileExistsError: Without *overwrite*, if *directory* is not empty.
        OSError: If a file cannot be written.

    .. versionadded:: 0.2.0
    """
    rows = corpus_rows(as_corpus(data))

    def build(root: Path) -> None:
        descriptor = json.dumps(datapackage_descriptor(), indent=2, ensure_ascii=False)
        _files.write_atomic(root / DESCRIPTOR, descriptor.encode("utf-8") + b"\n")
        for spec in TABLES:
            _files.write_atomic(
                root / f"{spec.name}.csv", _csv_bytes(spec, rows[spec.name])
            )

    replace_directory(Path(directory), build, overwrite=overwrite)


def _read_descriptor(root: Path) -> dict[str, Any]:
    try:
        data = _files.read_at_most(root / DESCRIPTOR, MAX_DOCUMENT_SIZE)
    except (OSError, ValidationError) as exc:
        msg = f"cannot be read: {exc}"
        raise ValidationError.single(msg, location=DESCRIPTOR) from None
    try:
        # The JSON loaders' decoder: repeated keys, nesting too deep for the
        # stack and bad UTF-8 are refused as in a forum file.
        descriptor = _decode(data)
    except ValidationError as exc:
        located = [detail.within(DESCRIPTOR) for detail in exc.errors]
        raise ValidationError(located, subject=exc.subject) from None
    if not isinstance(descriptor, dict):
        msg = "is not a JSON object"
        raise ValidationError.single(msg, location=DESCRIPTOR)
    check_version(descriptor.get(VERSION_KEY), f"{DESCRIPTOR}.{VERSION_KEY}")
    return descriptor


def _parse(column: Column, cell: str) -> object:
    """A CSV cell as the value of *column*; raises ValueError if it is not one."""
    if cell == "":
        return None
    if column.kind == "integer":
        if not _INTEGER.match(cell):
            msg = f"{describe_value(cell)} is not an integer (digits, no leading zeros)"
            raise ValueError(msg)
        return int(cell)
    if column.kind == "date":
        if not _DATE.match(cell):
            msg = f"{describe_value(cell)} is not a date (YYYY-MM-DD)"
            raise ValueError(msg)
        try:
            return datetime.date.fromisoformat(cell)
        except ValueError:
            msg = f"{describe_value(cell)} is not a date (YYYY-MM-DD)"
            raise ValueError(msg) from None
    return cell


def _records(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        yield from csv.reader(stream, strict=True)


def _read_table(root: Path, spec: TableSpec, problems: list[ErrorDetail]) -> list[Row]:
    name = spec.name
    path = root / f"{name}.csv"
    columns = _csv_columns(spec)
    expected = [column.name for column in columns]
    has_topics = len(columns) != len(spec.columns)
    rows: list[Row] = []
    # A source's whole text is one cell: the csv module's limit (128 KiB)
    # is raised to a document's for the read, and then put back.
    previous_limit = csv.field_size_limit(MAX_DOCUMENT_SIZE)
    try:
        records = _records(path)
        header = next(records, None)
        if header != expected:
            problems.extend(_header_problems(name, expected, header or []))
            return []
        for number, record in enumerate(records):
            if len(record) != len(columns):
                msg = f"has {len(record)} cells, not {len(columns)}"
                problems.append(ErrorDetail(f"{name}[{number}]", msg))
                continue
            values: list[object] = []
            for column, cell in zip(columns, record, strict=True):
                try:
                    values.append(_parse(column, cell))
                except ValueError as exc:
                    location = f"{name}[{number}].{column.name}"
                    problems.append(ErrorDetail(location, str(exc), cell))
                    values.append(None)
            if has_topics:
                values.append(NOT_GIVEN)
            rows.append(tuple(values))
    except FileNotFoundError:
        problems.append(ErrorDetail(name, f"table is missing: no file {path.name}"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.append(ErrorDetail(name, f"cannot be read as CSV: {exc}"))
    finally:
        csv.field_size_limit(previous_limit)
    return rows


def _header_problems(
    name: str, expected: list[str], header: list[str]
) -> Iterator[ErrorDetail]:
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for column in missing:
        yield ErrorDetail(f"{name}.{column}", "column is missing")
    for column in extra:
        yield ErrorDetail(f"{name}.{column}", "is not a column of this table", column)
    if not missing and not extra:
        msg = f"columns are not in the order {', '.join(expected)}"
        yield ErrorDetail(name, msg, header)


def read_datapackage(directory: str | os.PathLike[str]) -> Corpus:
    """Read a corpus that :func:`write_datapackage` wrote.

    The format version in ``datapackage.json`` is checked first: a package
    written by a newer aigov is refused with a message naming both versions.
    Every CSV file is then read and checked as :func:`aigov.tables.from_arrow`
    checks tables.  No extra is needed.

    Args:
        directory: The directory :func:`write_datapackage` wrote.

    Returns:
        The corpus, exactly as written.

    Raises:
        ValidationError: If ``datapackage.json`` is missing, unreadable or of
            another version, a table or column is missing, a cell is not of
            its column's type, or the tables are invalid; every location
            names the table, the row (from 0) and the column.

    .. versionadded:: 0.2.0
    """
    root = Path(directory)
    _read_descriptor(root)
    problems: list[ErrorDetail] = []
    rows = {spec.name: _read_table(root, spec, problems) for spec in TABLES}
    if problems:
        raise ValidationError(problems, subject="Data Package")
    return corpus_from_rows(rows)
