"""A corpus as normalised tables: Arrow tables and a hive-partitioned Parquet dataset.

The layout (which tables, their columns, keys and column types) is declared
once, here, in plain Python: :data:`TABLES`.  The Arrow schemas are built from
it on first use, and so is the Frictionless schema of the Data Package in
``_formats._datapackage``, which shares the rows and their reading back.

A corpus becomes columns (lists of cells in the declared column order) by
:func:`corpus_columns`, or rows (tuples) by :func:`corpus_rows`;
:func:`corpus_from_rows` checks rows of any origin (Arrow, Parquet, CSV)
against the layout, locating every problem by table, row and column, and
builds the corpus with every check of the model: first without the
constructors, checked in bulk by ``aigov._bulk.valid`` as the fast JSON
loaders are, and where that fails through the constructors, which say what
is wrong.  Arrow tables (from :func:`from_arrow` and :func:`read_parquet`)
first take a faster path still, column by column straight into the model,
that only answers whether the tables are valid; where it cannot vouch for
them, :func:`corpus_from_rows` reads them and says where they are not.
pyarrow is imported only by the functions that need it (the ``arrow``
extra).
"""

from __future__ import annotations

import datetime
import enum
import functools
import itertools
import operator
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import attrs

from aigov._backend import gc_paused
from aigov._bulk import valid
from aigov._corpus import Corpus, forums_of
from aigov._corpus_io import file_name_for
from aigov._fields import fields_of
from aigov._formats._arrow import pyarrow as pyarrow_module
from aigov._model import (
    Count,
    CountRelation,
    Evidence,
    Forum,
    Identifier,
    Name,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Participant,
    Role,
    Session,
    SessionKind,
    Source,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
)
from aigov._text import describe_value
from aigov.exceptions import (
    ArgumentTypeError,
    ErrorDetail,
    ValidationError,
)

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "FORMAT_VERSION",
    "TABLES",
    "arrow_schemas",
    "as_corpus",
    "corpus_columns",
    "corpus_from_rows",
    "corpus_rows",
    "from_arrow",
    "partition_key",
    "read_parquet",
    "replace_directory",
    "to_arrow",
    "write_parquet",
]

#: The version of the table layout that this aigov writes and reads.  It goes
#: up whenever a table or column changes meaning, appears or goes away.
FORMAT_VERSION: Final = 1

#: The key of the format version in Parquet key-value metadata.
VERSION_KEY: Final = "aigov_tables_version"

#: How many problems a reader reports before it stops looking.
_MAX_PROBLEMS: Final = 100

Kind = Literal["string", "integer", "date", "enum", "topics"]

_PRECISIONS: Final = ("day", "month", "year")
_NAMED_HOLDERS: Final = ("organization", "speaker")
_EVIDENCE_HOLDERS: Final = ("organization", "speaker", "role", "session", "statement")


def _values(enum_class: type[Any]) -> tuple[str, ...]:
    return tuple(member.value for member in enum_class)


@attrs.frozen
class Column:
    """One column of a table: its name, kind and whether it may be null."""

    name: str
    kind: Kind = "string"
    required: bool = False
    #: The allowed values of an ``enum`` column.
    values: tuple[str, ...] = ()
    description: str = ""


@attrs.frozen
class ForeignKey:
    """Columns of a table that refer to the primary key of another (or the same) table."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@attrs.frozen
class TableSpec:
    """A table: its columns in order, its keys and what its positions count within."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: The columns that name a row's parent: ``position`` counts from 0
    #: among the rows with the same values in them.
    within: tuple[str, ...] = ("forum_id",)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _id(name: str, description: str) -> Column:
    return Column(name, required=True, description=description)


def _text(name: str, description: str, *, required: bool = False) -> Column:
    return Column(name, required=required, description=description)


def _enum(
    name: str, values: tuple[str, ...], description: str, *, required: bool = True
) -> Column:
    return Column(
        name, "enum", required=required, values=values, description=description
    )


def _date(name: str, what: str) -> tuple[Column, Column]:
    return (
        Column(name, "date", description=f"{what} (of a month or year: its first day)"),
        _enum(
            f"{name}_precision",
            _PRECISIONS,
            f"how much of {name} the source gives",
            required=False,
        ),
    )


_FORUM_ID = _id("forum_id", "the forum's id")


def _position(within: str) -> Column:
    return Column("position", "integer", required=True, description=f"order {within}")


def _to_forum() -> ForeignKey:
    return ForeignKey(("forum_id",), "forums", ("forum_id",))


def _to(table: str, column: str, *, via: str = "forum_id") -> ForeignKey:
    return ForeignKey((via, column), table, ("forum_id", column))


def _holder_columns(holders: tuple[str, ...]) -> tuple[Column, ...]:
    return (
        _FORUM_ID,
        _enum("holder", holders, "what kind of object the row belongs to"),
        _id("holder_id", "the id of that object (for a role: its speaker's id)"),
    )


#: Every table of the layout, each after the tables it refers to.
TABLES: Final[tuple[TableSpec, ...]] = (
    TableSpec(
        "forums",
        "One row per forum.",
        (
            _FORUM_ID,
            _position("in the corpus"),
            _text("name", "the forum's name", required=True),
            *_date("start_date", "when it began"),
            *_date("end_date", "when it ended"),
            _text("location", "where it took place"),
            Column("attendance", "integer", description="how many attended"),
            _enum(
                "attendance_relation",
                _values(CountRelation),
                "how the true number relates to attendance",
                required=False,
            ),
            _text("series", "the recurring event it is an edition of"),
        ),
        ("forum_id",),
        within=(),
    ),
    TableSpec(
        "organizations",
        "One row per organisation of a forum.",
        (
            _FORUM_ID,
            _id("organization_id", "the organisation's id"),
            _position("in the forum"),
            _text("name", "its name", required=True),
            _enum("kind", _values(OrganizationKind), "what kind of body it is"),
            _text("country", "ISO 3166-1 alpha-2 code of its state"),
            _text("abbreviation", "its abbreviation"),
            _text("parent_id", "the organisation it is part of"),
            _text(
                "parent_forum_id",
                "forum_id where parent_id is given, else null: the foreign key "
                "(parent_forum_id, parent_id) is then wholly null for a top-level body",
            ),
        ),
        ("forum_id", "organization_id"),
        (
            _to_forum(),
            ForeignKey(
                ("parent_forum_id", "parent_id"),
                "organizations",
                ("forum_id", "organization_id"),
            ),
        ),
    ),
    TableSpec(
        "forum_hosts",
        "The organisations that hosted a forum.",
        (_FORUM_ID, _position("among the hosts"), _id("organization_id", "a host")),
        ("forum_id", "position"),
        (_to_forum(), _to("organizations", "organization_id")),
    ),
    TableSpec(
        "forum_supporters",
        "The organisations that supported a forum.",
        (
            _FORUM_ID,
            _position("among the supporters"),
            _id("organization_id", "a supporter"),
        ),
        ("forum_id", "position"),
        (_to_forum(), _to("organizations", "organization_id")),
    ),
    TableSpec(
        "forum_countries",
        "The participating countries of a forum.",
        (
            _FORUM_ID,
            _position("among the countries"),
            _text("country", "ISO 3166-1 alpha-2 code", required=True),
        ),
        ("forum_id", "position"),
        (_to_forum(),),
    ),
    TableSpec(
        "forum_partial_fields",
        "The list fields of a forum that its source says are incomplete.",
        (
            _FORUM_ID,
            _position("among the partial fields"),
            _text("field", "the name of a list field of Forum", required=True),
        ),
        ("forum_id", "position"),
        (_to_forum(),),
    ),
    TableSpec(
        "speakers",
        "One row per speaker of a forum.",
        (
            _FORUM_ID,
            _id("speaker_id", "the speaker's id"),
            _position("in the forum"),
            _text("name", "the name as the source writes it", required=True),
            _enum("kind", _values(SpeakerKind), "person, delegation or group"),
            _text("country", "the speaker's own country, where a source states it"),
        ),
        ("forum_id", "speaker_id"),
        (_to_forum(),),
    ),
    TableSpec(
        "roles",
        "One row per role of a speaker.",
        (
            _FORUM_ID,
            _id("speaker_id", "whose role it is"),
            _position("among the speaker's roles"),
            _text("title", "the position, as the source words it", required=True),
            _text("organization_id", "the organisation the position is in"),
            _text(
                "organization_forum_id",
                "forum_id where organization_id is given, else null (see parent_forum_id)",
            ),
            _text("country", "the state the position serves"),
        ),
        ("forum_id", "speaker_id", "position"),
        (
            _to("speakers", "speaker_id"),
            _to("organizations", "organization_id", via="organization_forum_id"),
        ),
        within=("forum_id", "speaker_id"),
    ),
    TableSpec(
        "aliases",
        "Other names of speakers and organisations.",
        (
            *_holder_columns(_NAMED_HOLDERS),
            _position("among the holder's aliases"),
            _text("alias", "the other name", required=True),
        ),
        ("forum_id", "holder", "holder_id", "position"),
        (_to_forum(),),
        within=("forum_id", "holder", "holder_id"),
    ),
    TableSpec(
        "identifiers",
        "Identifiers of speakers and organisations in external schemes.",
        (
            *_holder_columns(_NAMED_HOLDERS),
            _position("among the holder's identifiers"),
            _text("scheme", "the scheme: wikidata, ror, orcid", required=True),
            _text("value", "the identifier within the scheme", required=True),
        ),
        ("forum_id", "holder", "holder_id", "position"),
        (_to_forum(),),
        within=("forum_id", "holder", "holder_id"),
    ),
    TableSpec(
        "names",
        "Names of speakers and organisations in other languages or scripts.",
        (
            *_holder_columns(_NAMED_HOLDERS),
            _position("among the holder's names"),
            _text("text", "the name", required=True),
            _text("lang", "its BCP 47 language tag", required=True),
        ),
        ("forum_id", "holder", "holder_id", "position"),
        (_to_forum(),),
        within=("forum_id", "holder", "holder_id"),
    ),
    TableSpec(
        "sessions",
        "One row per session of a forum.",
        (
            _FORUM_ID,
            _id("session_id", "the session's id"),
            _position("in the forum"),
            _text("title", "its title", required=True),
            _enum("kind", _values(SessionKind), "what kind of session it is"),
            *_date("date", "when it took place"),
        ),
        ("forum_id", "session_id"),
        (_to_forum(),),
    ),
    TableSpec(
        "session_partial_fields",
        "The list fields of a session that its source says are incomplete.",
        (
            _FORUM_ID,
            _id("session_id", "the session"),
            _position("among the partial fields"),
            _text("field", "the name of a list field of Session", required=True),
        ),
        ("forum_id", "session_id", "position"),
        (_to("sessions", "session_id"),),
        within=("forum_id", "session_id"),
    ),
    TableSpec(
        "participants",
        "Who took part in a session, in which part.",
        (
            _FORUM_ID,
            _id("session_id", "the session"),
            _position("among the session's participants"),
            _id("speaker_id", "the speaker"),
            _enum("part", _values(Part), "the part they play"),
        ),
        ("forum_id", "session_id", "position"),
        (_to("sessions", "session_id"), _to("speakers", "speaker_id")),
        within=("forum_id", "session_id"),
    ),
    TableSpec(
        "statements",
        "One row per statement, with its session and speaker.",
        (
            _FORUM_ID,
            _id("statement_id", "the statement's id, unique in its forum"),
            _id("session_id", "the session it was made in"),
            _position("in the session"),
            _id("speaker_id", "who said it"),
            _text("text", "what was said", required=True),
            _text("verb", "the reporting verb"),
            _enum("kind", _values(StatementKind), "paraphrase or quote"),
            Column(
                "topics",
                "topics",
                required=True,
                description="its topics, as in statement_topics (Arrow and Parquet only)",
            ),
        ),
        ("forum_id", "statement_id"),
        (_to("sessions", "session_id"), _to("speakers", "speaker_id")),
        within=("forum_id", "session_id"),
    ),
    TableSpec(
        "statement_topics",
        "One row per topic of a statement.",
        (
            _FORUM_ID,
            _id("statement_id", "the statement"),
            _position("among the statement's topics"),
            _text("topic", "a lower-case topic tag", required=True),
        ),
        ("forum_id", "statement_id", "position"),
        (_to("statements", "statement_id"),),
        within=("forum_id", "statement_id"),
    ),
    TableSpec(
        "sources",
        "The documents a forum's data comes from.",
        (
            _FORUM_ID,
            _id("source_id", "the source's id"),
            _position("in the forum"),
            _text("title", "the document's title", required=True),
            _text("url", "where it can be read"),
            _text("publisher", "who published it"),
            *_date("published", "when it was published"),
            _text("text", "its full text, where kept"),
        ),
        ("forum_id", "source_id"),
        (_to_forum(),),
    ),
    TableSpec(
        "evidence",
        "Passages of sources that state a fact about an object.",
        (
            *_holder_columns(_EVIDENCE_HOLDERS),
            Column(
                "role_position",
                "integer",
                description="for a role's evidence, the role's position; else null",
            ),
            _position("among the holder's evidence"),
            _id("source_id", "the source of the passage"),
            Column("start_offset", "integer", description="where the passage starts"),
            Column("end_offset", "integer", description="where it ends (exclusive)"),
            _text("text", "the passage", required=True),
        ),
        ("forum_id", "holder", "holder_id", "role_position", "position"),
        (_to("sources", "source_id"),),
        within=("forum_id", "holder", "holder_id", "role_position"),
    ),
)

TABLE_NAMES: Final = tuple(spec.name for spec in TABLES)
_SPECS: Final = {spec.name: spec for spec in TABLES}
_TOPICS_AT: Final = _SPECS["statements"].names.index("topics")


# --- partial dates and partition keys -----------------------------------------------


DateValue = datetime.date | PartialDate | None


def split_date(when: DateValue) -> tuple[datetime.date | None, str | None]:
    """A complete or partial date as its first day and its precision."""
    if when is None:
        return None, None
    if isinstance(when, PartialDate):
        return when.first_day, "year" if when.month is None else "month"
    return when, "day"


def join_date(
    day: datetime.date | None, precision: str | None
) -> tuple[DateValue, str | None]:
    """The date a first day and a precision stand for, or ``(None, problem)``."""
    if day is None or precision is None:
        if day is None and precision is None:
            return None, None
        return None, "a date and its precision are given together or not at all"
    if precision == "day":
        return day, None
    month = day.month if precision == "month" else None
    # A month or year is written as its first day, and only so.
    if day != datetime.date(day.year, month or 1, 1):
        return None, f"a {precision} is written as its first day, not {day.isoformat()}"
    return PartialDate(year=day.year, month=month), None


def partition_key(forum_id: str) -> str:
    """The Parquet partition key of the forum with id *forum_id*.

    An ASCII slug of the id (lower-case letters, digits and hyphens, at most
    60 characters; ``forum`` where the id has none), a hyphen and ten hex
    digits of a BLAKE2b digest of the exact id: ``"Paris/2025"`` gives
    ``"paris-2025-"`` and its digest.  It is the name
    :func:`aigov.dump_corpus` gives the forum's file, without ``.json``, so
    that it holds no path separator, stays short and tells apart ids that
    differ only in case or in non-ASCII letters.

    .. versionadded:: 0.2.0
    """
    return file_name_for(forum_id).removesuffix(".json")


# --- a corpus as rows -------------------------------------------------------------------

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]

#: Stands for the ``topics`` list column where a format has none (CSV): the
#: topics then come from ``statement_topics`` alone.
NOT_GIVEN: Final[Any] = object()


def as_corpus(data: object) -> Corpus:
    """*data* as a corpus: a forum becomes a corpus of one."""
    return data if isinstance(data, Corpus) else Corpus(forums=forums_of(data))


def corpus_rows(corpus: Corpus) -> Rows:
    """Every row of every table for *corpus*, in the declared column order."""
    columns, _ = corpus_columns(corpus)
    # Topics as lists, as Arrow gives them back.
    statements = columns["statements"]
    statements[_TOPICS_AT] = list(map(list, statements[_TOPICS_AT]))
    return {name: list(zip(*lists, strict=True)) for name, lists in columns.items()}


#: Each table's columns, each a list of cells, in the declared order.
TableColumns = dict[str, list[list[Any]]]


def corpus_columns(corpus: Corpus) -> tuple[TableColumns, list[dict[str, int]]]:
    """Every column of every table for *corpus*, and where each forum's rows end.

    Columns, not rows: lists of cells are built by comprehensions over the
    model, with no tuple per row for the garbage collector to walk.  Row
    ``ends[k][table]`` is the first of each table that is not forum *k*'s.
    """
    columns: TableColumns = {spec.name: [[] for _ in spec.columns] for spec in TABLES}
    ends = []
    for position, forum in enumerate(corpus.forums):
        _forum_columns(forum, position, columns)
        ends.append({name: len(lists[0]) for name, lists in columns.items()})
    return columns, ends


def _add(lists: list[list[Any]], *cells: Sequence[Any]) -> None:
    for column, values in zip(lists, cells, strict=True):
        column.extend(values)


def _add_row(lists: list[list[Any]], row: Row) -> None:
    for column, value in zip(lists, row, strict=True):
        column.append(value)


def _forum_columns(forum: Forum, position: int, columns: TableColumns) -> None:
    fid = forum.id
    start, start_precision = split_date(forum.start_date)
    end, end_precision = split_date(forum.end_date)
    attendance = forum.attendance
    _add_row(
        columns["forums"],
        (
            fid,
            position,
            forum.name,
            start,
            start_precision,
            end,
            end_precision,
            forum.location,
            None if attendance is None else attendance.value,
            None if attendance is None else attendance.relation.value,
            forum.series,
        ),
    )
    for table, values in (
        ("forum_hosts", forum.host_ids),
        ("forum_supporters", forum.supporter_ids),
        ("forum_countries", forum.countries),
        ("forum_partial_fields", forum.partial),
    ):
        _add(columns[table], [fid] * len(values), range(len(values)), values)
    orgs = forum.organizations
    _add(
        columns["organizations"],
        [fid] * len(orgs),
        [org.id for org in orgs],
        range(len(orgs)),
        [org.name for org in orgs],
        [org.kind.value for org in orgs],
        [org.country for org in orgs],
        [org.abbreviation for org in orgs],
        [org.parent_id for org in orgs],
        [None if org.parent_id is None else fid for org in orgs],
    )
    speakers = forum.speakers
    _add(
        columns["speakers"],
        [fid] * len(speakers),
        [speaker.id for speaker in speakers],
        range(len(speakers)),
        [speaker.name for speaker in speakers],
        [speaker.kind.value for speaker in speakers],
        [speaker.country for speaker in speakers],
    )
    roles = [role for speaker in speakers for role in speaker.roles]
    _add(
        columns["roles"],
        [fid] * len(roles),
        [speaker.id for speaker in speakers for _ in speaker.roles],
        [j for speaker in speakers for j in range(len(speaker.roles))],
        [role.title for role in roles],
        [role.organization_id for role in roles],
        [None if role.organization_id is None else fid for role in roles],
        [role.country for role in roles],
    )
    for holder, objects in (("organization", orgs), ("speaker", speakers)):
        _named_columns(columns, fid, holder, objects)
    evidence = columns["evidence"]
    for org in orgs:
        _evidence_rows(evidence, fid, ("organization", org.id, None), org.evidence)
    for speaker in speakers:
        _evidence_rows(evidence, fid, ("speaker", speaker.id, None), speaker.evidence)
        for j, role in enumerate(speaker.roles):
            _evidence_rows(evidence, fid, ("role", speaker.id, j), role.evidence)
    _session_columns(columns, fid, forum.sessions)
    sources = forum.sources
    published = [split_date(source.published) for source in sources]
    _add(
        columns["sources"],
        [fid] * len(sources),
        [source.id for source in sources],
        range(len(sources)),
        [source.title for source in sources],
        [source.url for source in sources],
        [source.publisher for source in sources],
        [day for day, _ in published],
        [precision for _, precision in published],
        [source.text for source in sources],
    )


def _session_columns(
    columns: TableColumns, fid: str, sessions: tuple[Session, ...]
) -> None:
    dates = [split_date(session.date) for session in sessions]
    _add(
        columns["sessions"],
        [fid] * len(sessions),
        [session.id for session in sessions],
        range(len(sessions)),
        [session.title for session in sessions],
        [session.kind.value for session in sessions],
        [day for day, _ in dates],
        [precision for _, precision in dates],
    )
    for table, attribute in (
        ("session_partial_fields", "partial"),
        ("participants", "participants"),
    ):
        items = [item for s in sessions for item in getattr(s, attribute)]
        cells = (
            (
                [p.speaker_id for p in items],
                [p.part.value for p in items],
            )
            if table == "participants"
            else (items,)
        )
        _add(
            columns[table],
            [fid] * len(items),
            [s.id for s in sessions for _ in getattr(s, attribute)],
            [k for s in sessions for k in range(len(getattr(s, attribute)))],
            *cells,
        )
    said = [statement for session in sessions for statement in session.statements]
    _add(
        columns["statements"],
        [fid] * len(said),
        [statement.id for statement in said],
        [session.id for session in sessions for _ in session.statements],
        [j for session in sessions for j in range(len(session.statements))],
        [statement.speaker_id for statement in said],
        [statement.text for statement in said],
        [statement.verb for statement in said],
        [statement.kind.value for statement in said],
        [statement.topics for statement in said],
    )
    topics = [topic for statement in said for topic in statement.topics]
    _add(
        columns["statement_topics"],
        [fid] * len(topics),
        [statement.id for statement in said for _ in statement.topics],
        [k for statement in said for k in range(len(statement.topics))],
        topics,
    )
    evidence = columns["evidence"]
    for session in sessions:
        _evidence_rows(evidence, fid, ("session", session.id, None), session.evidence)
        for statement in session.statements:
            if statement.evidence:
                _evidence_rows(
                    evidence,
                    fid,
                    ("statement", statement.id, None),
                    statement.evidence,
                )


def _named_columns(
    columns: TableColumns,
    fid: str,
    holder: str,
    objects: tuple[Organization, ...] | tuple[Speaker, ...],
) -> None:
    for table, attribute in (
        ("aliases", "aliases"),
        ("identifiers", "identifiers"),
        ("names", "names"),
    ):
        items = [item for obj in objects for item in getattr(obj, attribute)]
        if table == "aliases":
            cells: tuple[list[Any], ...] = (items,)
        elif table == "identifiers":
            cells = ([i.scheme for i in items], [i.value for i in items])
        else:
            cells = ([n.text for n in items], [n.lang for n in items])
        _add(
            columns[table],
            [fid] * len(items),
            [holder] * len(items),
            [obj.id for obj in objects for _ in getattr(obj, attribute)],
            [k for obj in objects for k in range(len(getattr(obj, attribute)))],
            *cells,
        )


def _evidence_rows(
    lists: list[list[Any]],
    fid: str,
    holder: tuple[str, str, int | None],
    evidence: tuple[Evidence, ...],
) -> None:
    for k, e in enumerate(evidence):
        _add_row(lists, (fid, *holder, k, e.source_id, e.start, e.end, e.text))


# --- rows back into a corpus -----------------------------------------------------------


class _Problems:
    """Problems found in tables, each located as ``table[row].column``."""

    def __init__(self) -> None:
        self.found: list[ErrorDetail] = []

    def add(
        self, table: str, row: int | None, column: str, message: str, value: object
    ) -> None:
        if len(self.found) >= _MAX_PROBLEMS:
            return
        where = table if row is None else f"{table}[{row}]"
        location = f"{where}.{column}" if column else where
        self.found.append(ErrorDetail(location, message, value))

    def raise_any(self) -> None:
        if self.found:
            if len(self.found) >= _MAX_PROBLEMS:
                msg = f"stopped after {_MAX_PROBLEMS} problems"
                self.found.append(ErrorDetail("", msg))
            raise ValidationError(self.found, subject="tables")


def _check_cells(spec: TableSpec, rows: list[Row], problems: _Problems) -> None:
    """Required cells are given, enum cells hold a value of their enum."""
    checks = [
        (index, column)
        for index, column in enumerate(spec.columns)
        if column.required or column.kind == "enum"
    ]
    for number, row in enumerate(rows):
        for index, column in checks:
            value = row[index]
            if value is None:
                if column.required:
                    problems.add(spec.name, number, column.name, "is missing", None)
            elif column.kind == "enum" and value not in column.values:
                allowed = ", ".join(column.values)
                msg = f"{describe_value(value)} is not one of {allowed}"
                problems.add(spec.name, number, column.name, msg, value)


def _key_getter(spec: TableSpec, columns: Sequence[str]) -> Callable[[Row], Row]:
    indexes = [spec.names.index(name) for name in columns]
    if len(indexes) > 1:
        # In C: keys are built for every row of every table.
        return operator.itemgetter(*indexes)
    if indexes:
        index = indexes[0]
        return lambda row: (row[index],)
    return lambda _: ()


def _check_keys(rows: Rows, problems: _Problems) -> None:
    """Primary keys are unique; foreign keys refer to a row."""
    keys: dict[str, dict[Row, int]] = {}
    for spec in TABLES:
        key_of = _key_getter(spec, spec.primary_key)
        seen: dict[Row, int] = {}
        for number, row in enumerate(rows[spec.name]):
            key = key_of(row)
            first = seen.setdefault(key, number)
            if first != number:
                msg = f"duplicate key {describe_value(key)} (first at row {first})"
                problems.add(spec.name, number, spec.primary_key[-1], msg, key)
        keys[spec.name] = seen
    for spec in TABLES:
        for foreign in spec.foreign_keys:
            target = keys[foreign.table]
            key_of = _key_getter(spec, foreign.fields)
            noun = foreign.table.removesuffix("s").replace("_", " ")
            for number, row in enumerate(rows[spec.name]):
                key = key_of(row)
                if any(part is None for part in key) or key[0] != row[0]:
                    # Wholly null: no reference.  Half null, or another
                    # forum: the redundant column is wrong, reported below.
                    continue
                if key not in target:
                    value = key[-1]
                    msg = f"{describe_value(value)} refers to no {noun}"
                    problems.add(spec.name, number, foreign.fields[-1], msg, value)
    _check_redundant(rows, problems)


def _check_redundant(rows: Rows, problems: _Problems) -> None:
    for table, given, copy in (
        ("organizations", "parent_id", "parent_forum_id"),
        ("roles", "organization_id", "organization_forum_id"),
    ):
        names = _SPECS[table].names
        given_at, copy_at = names.index(given), names.index(copy)
        for number, row in enumerate(rows[table]):
            expected = None if row[given_at] is None else row[0]
            if row[copy_at] != expected:
                msg = f"must be {describe_value(expected)}: forum_id where {given} is given, else empty"
                problems.add(table, number, copy, msg, row[copy_at])


def _grouped(
    spec: TableSpec, rows: list[Row], problems: _Problems
) -> dict[Row, list[tuple[int, Row]]]:
    """The rows of a table by parent, each parent's in order of position.

    The positions within a parent must run 0, 1, 2, ... each once, so that
    rows read back write out again exactly as they were.
    """
    group_of = _key_getter(spec, spec.within)
    position_at = spec.names.index("position")
    groups: dict[Row, list[tuple[int, Row]]] = {}
    for number, row in enumerate(rows):
        groups.setdefault(group_of(row), []).append((number, row))
    for members in groups.values():
        members.sort(key=lambda member: member[1][position_at])
        for expected, (number, row) in enumerate(members):
            if row[position_at] != expected:
                msg = (
                    f"position {row[position_at]} where {expected} was expected: "
                    "positions within a parent count 0, 1, 2, ... each once"
                )
                problems.add(spec.name, number, "position", msg, row[position_at])
                break
    return groups


def _holders(rows: Rows, problems: _Problems) -> None:
    """Rows of aliases, identifiers, names and evidence belong to an object of their forum."""
    known: dict[str, set[Row]] = {
        "organization": {(r[0], r[1]) for r in rows["organizations"]},
        "speaker": {(r[0], r[1]) for r in rows["speakers"]},
        "session": {(r[0], r[1]) for r in rows["sessions"]},
        "statement": {(r[0], r[1]) for r in rows["statements"]},
    }
    roles = {(r[0], r[1], r[2]) for r in rows["roles"]}
    for table in ("aliases", "identifiers", "names", "evidence"):
        for number, row in enumerate(rows[table]):
            fid, holder, holder_id = row[:3]
            role_position = row[3] if table == "evidence" else None
            if holder == "role":
                found = (fid, holder_id, role_position) in roles
                noun = f"role (speaker {describe_value(holder_id)}, position {role_position})"
                if not found:
                    msg = f"{noun} is no role of a speaker of this forum"
                    problems.add(table, number, "role_position", msg, role_position)
                continue
            if role_position is not None:
                msg = f"only a role's evidence has a role_position, not a {holder}'s"
                problems.add(table, number, "role_position", msg, role_position)
            if holder in known and (fid, holder_id) not in known[holder]:
                msg = f"{describe_value(holder_id)} refers to no {holder}"
                problems.add(table, number, "holder_id", msg, holder_id)


def corpus_from_rows(rows: Mapping[str, list[Row]]) -> Corpus:
    """The corpus that *rows* describe, checked as the layout and the model require.

    *rows* holds every table of :data:`TABLES`, each row a tuple of Python
    values (``str``, ``int``, :class:`datetime.date`, ``list`` or ``None``)
    in the declared column order.

    Raises:
        ValidationError: If any row breaks the layout or the model; every
            location names the table, the row (counted from 0) and the column.
    """
    problems = _Problems()
    tables: Rows = {name: list(rows[name]) for name in TABLE_NAMES}
    for spec in TABLES:
        _check_cells(spec, tables[spec.name], problems)
    problems.raise_any()
    _check_keys(tables, problems)
    _holders(tables, problems)
    groups = {spec.name: _grouped(spec, tables[spec.name], problems) for spec in TABLES}
    problems.raise_any()
    # First without the constructors, checked in bulk as the fast JSON
    # loaders do; anything that fails is built again through them, which
    # locates every problem.
    fast = _Builder(groups, _Problems(), fast=True)
    corpus = fast.corpus()
    if not fast.failures and all(map(valid, corpus.forums)):
        # valid() demands every value in the form the model stores, so
        # nothing was normalised: the corpus writes back what was read.
        return corpus
    corpus = _Builder(groups, problems).corpus()
    problems.raise_any()
    _check_written_back(tables, corpus, problems)
    problems.raise_any()
    return corpus


@functools.cache
def _enum_fields(cls: type) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The enum fields of a model class, each with its members by value."""
    return tuple(
        (
            field.name,
            {
                member.value: member
                for member in cast("type[enum.Enum]", field.spec.type)
            },
        )
        for field in fields_of(cls)
        if field.spec.form == "enum"
    )


def _unchecked(cls: type, fields: dict[str, Any]) -> Any | None:  # noqa: ANN401 - any model class
    """An instance of *cls* with *fields*, built without its constructor; ``None`` if it cannot be.

    Enum values become members, as the constructors make them; an empty id,
    which a constructor would replace by a derived one, is left to them.
    """
    if fields.get("id") == "":
        return None
    obj: Any = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
    for name, members in _enum_fields(cls):
        member = members.get(fields[name])
        if member is None:
            return None
        object.__setattr__(obj, name, member)
    return obj


def _check_written_back(tables: Rows, corpus: Corpus, problems: _Problems) -> None:
    """Every cell is what the corpus read from it writes back.

    The model normalises some values (``"cn"`` is stored as ``"CN"``, a
    language tag in its standard case); a table holding such a value would
    not be written out again as it is, so the value is refused, with the
    form it would take.
    """
    again = corpus_rows(corpus)
    for spec in TABLES:
        key_of = _key_getter(spec, spec.primary_key)
        rebuilt = {key_of(row): row for row in again[spec.name]}
        for number, row in enumerate(tables[spec.name]):
            other = rebuilt.get(key_of(row))
            if other is None:
                msg = "is not read back: its key changes when it is read"
                problems.add(spec.name, number, spec.primary_key[-1], msg, None)
                continue
            for column, given, read in zip(spec.columns, row, other, strict=True):
                if given is not NOT_GIVEN and given != read:
                    msg = f"{describe_value(given)} is read as {describe_value(read)}; write it so"
                    problems.add(spec.name, number, column.name, msg, given)


#: Model fields whose column has another name.
_RENAMED: Final = {
    ("evidence", "start"): "start_offset",
    ("evidence", "end"): "end_offset",
    ("forums", "value"): "attendance",
    ("forums", "relation"): "attendance_relation",
}
#: The column of each table of plain values that holds the value.
_VALUE_COLUMNS: Final = {
    "aliases": "alias",
    "statement_topics": "topic",
    "forum_partial_fields": "field",
    "session_partial_fields": "field",
    "forum_hosts": "organization_id",
    "forum_supporters": "organization_id",
    "forum_countries": "country",
}
_LIST_ITEM: Final = re.compile(r"(\w+)\[(\d+)\](.*)\Z", re.DOTALL)

#: A model list field, with the table of its items and their row numbers.
Lists = dict[str, tuple[str, list[int]]]


class _Builder:
    """Builds model objects from rows grouped by parent, bottom up.

    A problem the model finds is located at the row it comes from: a field
    of the object at its column, an item of a list field at the item's own
    row (``statement_topics[7].topic``).  An object one of whose parts
    failed is not built, so each problem is reported once.
    """

    def __init__(
        self,
        groups: dict[str, dict[Row, list[tuple[int, Row]]]],
        problems: _Problems,
        *,
        fast: bool = False,
    ) -> None:
        self.groups = groups
        self.problems = problems
        self.failures = 0
        #: Build without the constructors (the caller checks in bulk).
        self.fast = fast

    def _members(self, table: str, *parent: object) -> list[tuple[int, Row]]:
        return self.groups[table].get(parent, [])

    def _build(
        self,
        at: tuple[str, int, int],
        cls: type[Any],
        lists: Lists | None = None,
        **fields: Any,  # noqa: ANN401 - any model field
    ) -> Any:  # noqa: ANN401 - any model class
        """``cls(**fields)`` for row *at* (table, row, failures before its parts)."""
        table, number, failures_before = at
        if self.failures > failures_before:
            return None  # a part failed, and was reported
        if self.fast:
            built = _unchecked(cls, fields)
            if built is None:
                self.failures += 1
            return built
        try:
            return cls(**fields)
        except ValidationError as exc:
            self.failures += 1
            for detail in exc.errors:
                location = self._location(detail.location, table, number, lists or {})
                self.problems.add(location, None, "", detail.message, detail.value)
            return None

    def _location(self, location: str, table: str, number: int, lists: Lists) -> str:
        item = _LIST_ITEM.match(location)
        if item is not None and item[1] in lists:
            child, numbers = lists[item[1]]
            index = int(item[2])
            if index < len(numbers):
                rest = item[3]
                if not rest and child in _VALUE_COLUMNS:
                    rest = f".{_VALUE_COLUMNS[child]}"
                return f"{child}[{numbers[index]}]{rest}"
        head, dot, tail = location.partition(".")
        head = _RENAMED.get((table, head), head)
        return f"{table}[{number}]" + (f".{head}{dot}{tail}" if head else "")

    def _start(self, table: str, number: int) -> tuple[str, int, int]:
        return table, number, self.failures

    def _date(self, table: str, number: int, column: str, row: Row, at: int) -> Any:  # noqa: ANN401 - a date of either kind
        when, problem = join_date(row[at], row[at + 1])
        if problem is not None:
            self.failures += 1
            self.problems.add(table, number, column, problem, row[at])
        return when

    def _evidence(
        self, fid: str, holder: str, holder_id: str, role: int | None = None
    ) -> tuple[Evidence, ...]:
        built = []
        for number, row in self._members("evidence", fid, holder, holder_id, role):
            *_, source_id, start, end, text = row
            built.append(
                self._build(
                    self._start("evidence", number),
                    Evidence,
                    source_id=source_id,
                    start=start,
                    end=end,
                    text=text,
                )
            )
        return tuple(built)

    def _named(
        self, fid: str, holder: str, holder_id: str
    ) -> tuple[dict[str, Any], Lists]:
        aliases = self._members("aliases", fid, holder, holder_id)
        identifiers = self._members("identifiers", fid, holder, holder_id)
        names = self._members("names", fid, holder, holder_id)
        evidence = self._members("evidence", fid, holder, holder_id, None)
        fields = {
            "aliases": tuple(row[4] for _, row in aliases),
            "identifiers": tuple(
                self._build(
                    self._start("identifiers", n), Identifier, scheme=r[4], value=r[5]
                )
                for n, r in identifiers
            ),
            "names": tuple(
                self._build(self._start("names", n), Name, text=r[4], lang=r[5])
                for n, r in names
            ),
            "evidence": self._evidence(fid, holder, holder_id),
        }
        lists = {
            "aliases": ("aliases", [n for n, _ in aliases]),
            "identifiers": ("identifiers", [n for n, _ in identifiers]),
            "names": ("names", [n for n, _ in names]),
            "evidence": ("evidence", [n for n, _ in evidence]),
        }
        return fields, lists

    def corpus(self) -> Corpus:
        forums = [self._forum(number, row) for number, row in self._members("forums")]
        if self.failures:
            return Corpus()
        return Corpus(forums=[forum for forum in forums if forum is not None])

    def _plain(
        self, table: str, fid: str, *parent: object
    ) -> tuple[tuple[Any, ...], tuple[str, list[int]]]:
        """A list field of plain values: the values, and the table and rows they are in."""
        members = self._members(table, fid, *parent)
        at = _SPECS[table].names.index(_VALUE_COLUMNS[table])
        return tuple(r[at] for _, r in members), (table, [n for n, _ in members])

    def _forum(self, number: int, row: Row) -> Forum | None:
        fid, _, name, *_, location, attendance, relation, series = row
        at = self._start("forums", number)
        start = self._date("forums", number, "start_date", row, 3)
        end = self._date("forums", number, "end_date", row, 5)
        count = None
        if relation is None and attendance is not None:
            self.failures += 1
            self.problems.add(
                "forums", number, "attendance_relation", "is missing", None
            )
        elif relation is not None:
            count = self._build(
                self._start("forums", number),
                Count,
                value=attendance,
                relation=relation,
            )
        members = {
            table: self._members(table, fid)
            for table in ("organizations", "speakers", "sessions", "sources")
        }
        organizations = [self._organization(n, r) for n, r in members["organizations"]]
        speakers = [self._speaker(n, r) for n, r in members["speakers"]]
        sessions = [self._session(n, r) for n, r in members["sessions"]]
        sources = [self._source(n, r) for n, r in members["sources"]]
        hosts, hosts_at = self._plain("forum_hosts", fid)
        supporters, supporters_at = self._plain("forum_supporters", fid)
        countries, countries_at = self._plain("forum_countries", fid)
        partial, partial_at = self._plain("forum_partial_fields", fid)
        lists: Lists = {
            table: (table, [n for n, _ in rows]) for table, rows in members.items()
        }
        lists.update(
            host_ids=hosts_at,
            supporter_ids=supporters_at,
            countries=countries_at,
            partial=partial_at,
        )
        return self._build(  # type: ignore[no-any-return]
            at,
            Forum,
            lists,
            id=fid,
            name=name,
            start_date=start,
            end_date=end,
            location=location,
            host_ids=hosts,
            supporter_ids=supporters,
            countries=countries,
            attendance=count,
            organizations=tuple(organizations),
            speakers=tuple(speakers),
            sessions=tuple(sessions),
            sources=tuple(sources),
            series=series,
            partial=partial,
        )

    def _organization(self, number: int, row: Row) -> Organization | None:
        fid, oid, _, name, kind, country, abbreviation, parent_id, _ = row
        at = self._start("organizations", number)
        named, lists = self._named(fid, "organization", oid)
        return self._build(  # type: ignore[no-any-return]
            at,
            Organization,
            lists,
            id=oid,
            name=name,
            kind=kind,
            country=country,
            abbreviation=abbreviation,
            parent_id=parent_id,
            **named,
        )

    def _speaker(self, number: int, row: Row) -> Speaker | None:
        fid, sid, _, name, kind, country = row
        at = self._start("speakers", number)
        members = self._members("roles", fid, sid)
        roles = tuple(
            self._build(
                self._start("roles", n),
                Role,
                title=r[3],
                organization_id=r[4],
                country=r[6],
                evidence=self._evidence(fid, "role", sid, r[2]),
            )
            for n, r in members
        )
        named, lists = self._named(fid, "speaker", sid)
        lists["roles"] = ("roles", [n for n, _ in members])
        return self._build(  # type: ignore[no-any-return]
            at,
            Speaker,
            lists,
            id=sid,
            name=name,
            kind=kind,
            country=country,
            roles=roles,
            **named,
        )

    def _session(self, number: int, row: Row) -> Session | None:
        fid, sid, _, title, kind, *_ = row
        at = self._start("sessions", number)
        date = self._date("sessions", number, "date", row, 5)
        taking_part = self._members("participants", fid, sid)
        participants = tuple(
            self._build(
                self._start("participants", n), Participant, speaker_id=r[3], part=r[4]
            )
            for n, r in taking_part
        )
        said = self._members("statements", fid, sid)
        statements = tuple(self._statement(n, r) for n, r in said)
        partial, partial_at = self._plain("session_partial_fields", fid, sid)
        evidence = self._members("evidence", fid, "session", sid, None)
        lists: Lists = {
            "participants": ("participants", [n for n, _ in taking_part]),
            "statements": ("statements", [n for n, _ in said]),
            "partial": partial_at,
            "evidence": ("evidence", [n for n, _ in evidence]),
        }
        return self._build(  # type: ignore[no-any-return]
            at,
            Session,
            lists,
            id=sid,
            title=title,
            kind=kind,
            date=date,
            participants=participants,
            statements=statements,
            partial=partial,
            evidence=self._evidence(fid, "session", sid),
        )

    def _statement(self, number: int, row: Row) -> Statement | None:
        fid, stid, _, _, speaker_id, text, verb, kind, listed = row
        at = self._start("statements", number)
        topics, topics_at = self._plain("statement_topics", fid, stid)
        if listed is not NOT_GIVEN and tuple(listed) != topics:
            self.failures += 1
            msg = f"{describe_value(listed)} differs from the statement's rows of statement_topics {describe_value(list(topics))}"
            self.problems.add("statements", number, "topics", msg, listed)
        evidence = self._members("evidence", fid, "statement", stid, None)
        lists: Lists = {
            "topics": topics_at,
            "evidence": ("evidence", [n for n, _ in evidence]),
        }
        return self._build(  # type: ignore[no-any-return]
            at,
            Statement,
            lists,
            id=stid,
            speaker_id=speaker_id,
            text=text,
            verb=verb,
            kind=kind,
            topics=topics,
            evidence=self._evidence(fid, "statement", stid),
        )

    def _source(self, number: int, row: Row) -> Source | None:
        _, sid, _, title, url, publisher, *_, text = row
        at = self._start("sources", number)
        published = self._date("sources", number, "published", row, 6)
        return self._build(  # type: ignore[no-any-return]
            at,
            Source,
            id=sid,
            title=title,
            url=url,
            publisher=publisher,
            published=published,
            text=text,
        )


# --- the fast path: columns straight into the model ------------------------------------


class _Unproven(Exception):  # noqa: N818 - a signal, not an error anyone sees
    """The fast path cannot vouch for the tables: the checked path takes over."""


def _maker(cls: type, *names: str) -> Callable[..., Any]:
    """Build a *cls* from the values of *names*, in that order, without its constructor."""
    if set(names) != {field.name for field in attrs.fields(cls)}:  # pragma: no cover
        msg = f"{cls.__name__} has fields {attrs.fields(cls)}, not {names}"
        raise AssertionError(msg)
    # Generated, as attrs generates its __init__: a loop over the names
    # would take twice as long per object.
    arguments = ", ".join(f"_{index}" for index in range(len(names)))
    lines = [f"def make({arguments}):", "    obj = new(cls)"]
    lines.extend(f"    assign(obj, {name!r}, _{i})" for i, name in enumerate(names))
    lines.append("    return obj")
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "assign": object.__setattr__,
        "cls": cls,
    }
    exec("\n".join(lines), namespace)  # noqa: S102 - our own code, from field names
    return cast("Callable[..., Any]", namespace["make"])


_MAKE_EVIDENCE: Final = _maker(Evidence, "source_id", "start", "end", "text")
_MAKE_IDENTIFIER: Final = _maker(Identifier, "scheme", "value")
_MAKE_NAME: Final = _maker(Name, "text", "lang")
_MAKE_COUNT: Final = _maker(Count, "value", "relation")
_MAKE_PARTICIPANT: Final = _maker(Participant, "speaker_id", "part")
_MAKE_ROLE: Final = _maker(Role, "title", "organization_id", "country", "evidence")
_MAKE_STATEMENT: Final = _maker(
    Statement, "speaker_id", "text", "id", "verb", "kind", "topics", "evidence"
)
_MAKE_SESSION: Final = _maker(
    Session,
    *("title", "id", "kind", "participants", "statements", "date", "partial"),
    "evidence",
)
_MAKE_SOURCE: Final = _maker(
    Source, "title", "id", "url", "publisher", "published", "text"
)
_MAKE_ORGANIZATION: Final = _maker(
    Organization,
    *("name", "id", "kind", "country", "abbreviation", "aliases", "parent_id"),
    *("identifiers", "names", "evidence"),
)
_MAKE_SPEAKER: Final = _maker(
    Speaker,
    *("name", "id", "roles", "country", "aliases", "identifiers", "kind", "names"),
    "evidence",
)
_MAKE_FORUM: Final = _maker(
    Forum,
    *("name", "id", "start_date", "end_date", "location", "host_ids"),
    *("supporter_ids", "countries", "attendance", "organizations", "speakers"),
    *("sessions", "sources", "series", "partial"),
)

Columns = dict[str, dict[str, list[Any]]]


def _python_columns(tables: object) -> tuple[Columns, bool]:
    """Every column of every table as a list, if each table is exactly as laid out.

    Required cells are given and enum cells hold a value of their enum, as
    :func:`corpus_from_rows` demands.  Where ``statement_topics`` is the
    statements' ``topics`` flattened, row for row (as the writers make it),
    its lists are left empty and the second value is true.
    """
    pa = pyarrow_module()
    if not isinstance(tables, Mapping) or tables.keys() != set(TABLE_NAMES):
        raise _Unproven
    schemas = arrow_schemas()
    for spec in TABLES:
        table = tables[spec.name]
        if not isinstance(table, pa.Table) or table.column_names != list(spec.names):
            raise _Unproven
        for column, field in zip(spec.columns, schemas[spec.name], strict=True):
            array = table.column(column.name)
            if array.type != field.type or (column.required and array.null_count):
                raise _Unproven
    mirrored = _topics_mirrored(tables["statements"], tables["statement_topics"])
    columns: Columns = {}
    for spec in TABLES:
        if mirrored and spec.name == "statement_topics":
            columns[spec.name] = {name: [] for name in spec.names}
        else:
            columns[spec.name] = _python_lists(spec, tables[spec.name])
    return columns, mirrored


def _python_lists(spec: TableSpec, table: pyarrow.Table) -> dict[str, list[Any]]:
    lists: dict[str, list[Any]] = {}
    for column in spec.columns:
        array = table.column(column.name)
        try:
            values = (
                _dictionary_cells(array) if column.kind == "enum" else array.to_pylist()
            )
        except (ValueError, OverflowError):  # a date beyond year 9999
            raise _Unproven from None
        if column.kind == "enum" and not set(values) <= {None, *column.values}:
            raise _Unproven
        lists[column.name] = values
    return lists


def _topics_mirrored(statements: pyarrow.Table, rows: pyarrow.Table) -> bool:
    """Whether *rows* of ``statement_topics`` are the *statements*' topics, flattened in order.

    Then each row is the topic at its position in its statement's list, and
    nothing in the table needs checking on its own: compared in Arrow, not
    cell by cell.
    """
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415 - an optional extra

    topics = statements.column("topics").combine_chunks()
    flat = pc.list_flatten(topics)
    if len(flat) != rows.num_rows:
        return False
    parents = pc.list_parent_indices(topics)
    lengths = pc.cast(pc.list_value_length(topics), pa.int64())
    starts = pc.subtract(pc.cumulative_sum(lengths), lengths)
    positions = pc.subtract(
        pa.array(range(len(flat)), pa.int64()), starts.take(parents)
    )
    expected = {
        "forum_id": statements.column("forum_id").combine_chunks().take(parents),
        "statement_id": statements.column("statement_id")
        .combine_chunks()
        .take(parents),
        "position": positions,
        "topic": flat,
    }
    return all(
        rows.column(name).combine_chunks().equals(values)
        for name, values in expected.items()
    )


def _dictionary_cells(column: pyarrow.ChunkedArray) -> list[str | None]:
    """The cells of a dictionary-encoded column, each word made once.

    pyarrow's own ``to_pylist`` makes a new string per cell, and is far slower.
    """
    cells: list[str | None] = []
    for chunk in column.chunks:
        words: dict[int | None, str | None] = dict(
            enumerate(chunk.dictionary.to_pylist())
        )
        words[None] = None
        try:
            cells.extend(map(words.__getitem__, chunk.indices.to_pylist()))
        except KeyError:  # an index beyond the dictionary
            raise _Unproven from None
    return cells


def _runs(
    keys: Iterable[object], positions: Sequence[int], items: Iterable[Any]
) -> dict[Any, tuple[Any, ...]]:
    """*items* by the parent *keys* they belong to, if each parent's come in order of position.

    Rows out of order are left to the checked path, which sorts them.
    """
    groups: dict[Any, list[Any]] = {}
    for key, position, item in zip(keys, positions, items, strict=True):
        members = groups.get(key)
        if members is None:
            members = groups[key] = []
        if position != len(members):
            raise _Unproven
        members.append(item)
    return {key: tuple(members) for key, members in groups.items()}


def _enum_members(values: list[str | None], enum_class: type[enum.Enum]) -> list[Any]:
    members: dict[str | None, Any] = {member.value: member for member in enum_class}
    members[None] = None  # an optional enum cell left empty
    try:
        return [members[value] for value in values]
    except KeyError:
        raise _Unproven from None


def _joined_dates(days: list[Any], precisions: list[Any]) -> list[DateValue]:
    joined = []
    for day, precision in zip(days, precisions, strict=True):
        when, problem = join_date(day, precision)
        if problem is not None:
            raise _Unproven
        joined.append(when)
    return joined


def _unique_keys(columns: Columns) -> dict[str, set[Row]]:
    """The primary keys of the tables others refer to, if each is unique."""
    keys: dict[str, set[Row]] = {}
    for spec in TABLES:
        if spec.primary_key == (*spec.within, "position"):
            continue  # unique where the positions in each parent are
        lists = columns[spec.name]
        found = set(zip(*(lists[name] for name in spec.primary_key), strict=True))
        if len(found) != len(lists["forum_id"]):
            raise _Unproven
        keys[spec.name] = found
    return keys


def _check_fast_references(columns: Columns, keys: dict[str, set[Row]]) -> None:
    """Redundant forum ids right, foreign keys found."""
    for table, given, copy in (
        ("organizations", "parent_id", "parent_forum_id"),
        ("roles", "organization_id", "organization_forum_id"),
    ):
        lists = columns[table]
        for fid, reference, fid_copy in zip(
            lists["forum_id"], lists[given], lists[copy], strict=True
        ):
            if fid_copy != (None if reference is None else fid):
                raise _Unproven
    for spec in TABLES:
        lists = columns[spec.name]
        for foreign in spec.foreign_keys:
            target = keys[foreign.table]
            cells = [lists[name] for name in foreign.fields]
            # With the redundant forum ids right, a key is wholly null or
            # wholly given.
            for key in set(zip(*cells, strict=True)):
                if None not in key and key not in target:
                    raise _Unproven


def _check_fast_holders(columns: Columns, keys: dict[str, set[Row]]) -> None:
    """Aliases, identifiers, names and evidence belong to an object of their forum."""
    named = {
        (fid, holder, oid)
        for holder, table in _NAMED_TABLES
        for fid, oid in keys[table]
    }
    for table in ("aliases", "identifiers", "names"):
        lists = columns[table]
        cells = [lists["forum_id"], lists["holder"], lists["holder_id"]]
        if not set(zip(*cells, strict=True)) <= named:
            raise _Unproven
    evidence = columns["evidence"]
    if not evidence["forum_id"]:
        return
    holders: set[Row] = {(*key, None) for key in named}
    for holder, table in (("session", "sessions"), ("statement", "statements")):
        holders.update((fid, holder, oid, None) for fid, oid in keys[table])
    roles = columns["roles"]
    holders.update(
        zip(
            roles["forum_id"],
            itertools.repeat("role"),
            roles["speaker_id"],
            roles["position"],
            strict=False,
        )
    )
    cells = [evidence[name] for name in ("forum_id", "holder", "holder_id")]
    cells.append(evidence["role_position"])
    if not set(zip(*cells, strict=True)) <= holders:
        raise _Unproven


_NAMED_TABLES: Final = (("organization", "organizations"), ("speaker", "speakers"))


def _topics_of(
    statements: dict[str, list[Any]], rows: dict[Any, tuple[Any, ...]] | None
) -> list[tuple[str, ...]]:
    """Each statement's topics, which must be its rows of statement_topics (if not known to be)."""
    topics: list[tuple[str, ...]] = list(map(tuple, statements["topics"]))
    if rows is not None:
        keys = zip(statements["forum_id"], statements["statement_id"], strict=True)
        if topics != [rows.get(key, ()) for key in keys]:
            raise _Unproven
    return topics


def _fast_corpus(columns: Columns, mirrored: bool) -> Corpus:  # noqa: FBT001 - private
    """The corpus *columns* describe, built without the constructors.

    Raises:
        _Unproven: If the tables break the layout anywhere; the caller then
            takes the checked path, which says where.
    """
    primary = _unique_keys(columns)
    _check_fast_references(columns, primary)
    _check_fast_holders(columns, primary)
    for table in (
        "forums",
        "organizations",
        "speakers",
        "sessions",
        "statements",
        "sources",
    ):
        if "" in columns[table][_SPECS[table].primary_key[-1]]:
            raise _Unproven  # a constructor would derive the id

    def holder_keys(table: str, holder: str) -> list[Row]:
        lists = columns[table]
        return list(
            zip(
                lists["forum_id"],
                itertools.repeat(holder),
                lists[_SPECS[table].primary_key[-1]],
                strict=False,
            )
        )

    def grouped(table: str, items: Iterable[Any]) -> dict[Any, tuple[Any, ...]]:
        lists = columns[table]
        within = _SPECS[table].within
        keys: Iterable[object] = (
            lists["forum_id"]
            if within == ("forum_id",)
            else zip(*(lists[name] for name in within), strict=True)
        )
        return _runs(keys, lists["position"], items)

    e = columns["evidence"]
    evidence = grouped(
        "evidence",
        map(
            _MAKE_EVIDENCE,
            e["source_id"],
            e["start_offset"],
            e["end_offset"],
            e["text"],
        ),
    )
    a, i, n = columns["aliases"], columns["identifiers"], columns["names"]
    aliases = grouped("aliases", a["alias"])
    identifiers = grouped("identifiers", map(_MAKE_IDENTIFIER, i["scheme"], i["value"]))
    names = grouped("names", map(_MAKE_NAME, n["text"], n["lang"]))

    def holder_evidence(keys: list[Row]) -> list[tuple[Evidence, ...]]:
        if not evidence:
            return [()] * len(keys)
        return [evidence.get((*key, None), ()) for key in keys]

    def named(keys: list[Row]) -> tuple[list[Any], ...]:
        return (
            [aliases.get(key, ()) for key in keys],
            [identifiers.get(key, ()) for key in keys],
            [names.get(key, ()) for key in keys],
            holder_evidence(keys),
        )

    r = columns["roles"]
    role_keys = list(
        zip(
            r["forum_id"],
            itertools.repeat("role"),
            r["speaker_id"],
            r["position"],
            strict=False,
        )
    )
    roles_evidence = (
        [evidence.get(key, ()) for key in role_keys]
        if evidence
        else [()] * len(role_keys)
    )
    roles = grouped(
        "roles",
        map(_MAKE_ROLE, r["title"], r["organization_id"], r["country"], roles_evidence),
    )

    s = columns["speakers"]
    keys = holder_keys("speakers", "speaker")
    s_aliases, s_identifiers, s_names, s_evidence = named(keys)
    speakers = grouped(
        "speakers",
        map(
            _MAKE_SPEAKER,
            s["name"],
            s["speaker_id"],
            [
                roles.get(key, ())
                for key in zip(s["forum_id"], s["speaker_id"], strict=True)
            ],
            s["country"],
            s_aliases,
            s_identifiers,
            _enum_members(s["kind"], SpeakerKind),
            s_names,
            s_evidence,
        ),
    )

    o = columns["organizations"]
    keys = holder_keys("organizations", "organization")
    o_aliases, o_identifiers, o_names, o_evidence = named(keys)
    organizations = grouped(
        "organizations",
        map(
            _MAKE_ORGANIZATION,
            o["name"],
            o["organization_id"],
            _enum_members(o["kind"], OrganizationKind),
            o["country"],
            o["abbreviation"],
            o_aliases,
            o["parent_id"],
            o_identifiers,
            o_names,
            o_evidence,
        ),
    )

    st = columns["statements"]
    statement_topics = _topics_of(
        st,
        None
        if mirrored
        else grouped("statement_topics", columns["statement_topics"]["topic"]),
    )
    statements = grouped(
        "statements",
        map(
            _MAKE_STATEMENT,
            st["speaker_id"],
            st["text"],
            st["statement_id"],
            st["verb"],
            _enum_members(st["kind"], StatementKind),
            statement_topics,
            holder_evidence(holder_keys("statements", "statement")),
        ),
    )

    p = columns["participants"]
    participants = grouped(
        "participants",
        map(_MAKE_PARTICIPANT, p["speaker_id"], _enum_members(p["part"], Part)),
    )
    session_partial = grouped(
        "session_partial_fields", columns["session_partial_fields"]["field"]
    )
    se = columns["sessions"]
    session_keys = list(zip(se["forum_id"], se["session_id"], strict=True))
    sessions = grouped(
        "sessions",
        map(
            _MAKE_SESSION,
            se["title"],
            se["session_id"],
            _enum_members(se["kind"], SessionKind),
            [participants.get(key, ()) for key in session_keys],
            [statements.get(key, ()) for key in session_keys],
            _joined_dates(se["date"], se["date_precision"]),
            [session_partial.get(key, ()) for key in session_keys],
            holder_evidence(holder_keys("sessions", "session")),
        ),
    )

    so = columns["sources"]
    sources = grouped(
        "sources",
        map(
            _MAKE_SOURCE,
            so["title"],
            so["source_id"],
            so["url"],
            so["publisher"],
            _joined_dates(so["published"], so["published_precision"]),
            so["text"],
        ),
    )
    plain = {
        table: grouped(table, columns[table][_VALUE_COLUMNS[table]])
        for table in ("forum_hosts", "forum_supporters", "forum_countries")
    }
    plain["forum_partial_fields"] = grouped(
        "forum_partial_fields", columns["forum_partial_fields"]["field"]
    )

    return Corpus(
        forums=_fast_forums(
            columns["forums"],
            organizations=organizations,
            speakers=speakers,
            sessions=sessions,
            sources=sources,
            **plain,
        )
    )


def _fast_forums(
    f: dict[str, list[Any]], **members: dict[Any, tuple[Any, ...]]
) -> list[Forum]:
    """The forums of table *f* in order of position, with their *members* by forum id."""
    order = sorted(range(len(f["position"])), key=f["position"].__getitem__)
    if [f["position"][row] for row in order] != list(range(len(order))):
        raise _Unproven
    relations = _enum_members(f["attendance_relation"], CountRelation)
    counts = []
    for value, relation in zip(f["attendance"], relations, strict=True):
        if relation is None and value is not None:
            raise _Unproven
        counts.append(None if relation is None else _MAKE_COUNT(value, relation))
    start = _joined_dates(f["start_date"], f["start_date_precision"])
    end = _joined_dates(f["end_date"], f["end_date_precision"])
    forums = []
    for row in order:
        fid = f["forum_id"][row]
        forums.append(
            _MAKE_FORUM(
                f["name"][row],
                fid,
                start[row],
                end[row],
                f["location"][row],
                members["forum_hosts"].get(fid, ()),
                members["forum_supporters"].get(fid, ()),
                members["forum_countries"].get(fid, ()),
                counts[row],
                members["organizations"].get(fid, ()),
                members["speakers"].get(fid, ()),
                members["sessions"].get(fid, ()),
                members["sources"].get(fid, ()),
                f["series"][row],
                members["forum_partial_fields"].get(fid, ()),
            )
        )
    return forums


def _fast_from_arrow(tables: object) -> Corpus | None:
    """The corpus of *tables* if they are valid, built the fast way; else ``None``.

    Only answers yes or no, as ``aigov._bulk.valid`` does: where it says no,
    :func:`corpus_from_rows` reads the tables again and locates every problem.
    """
    try:
        corpus = _fast_corpus(*_python_columns(tables))
    except _Unproven:
        return None
    # valid() demands every value in the form the model stores, so the
    # corpus writes back exactly what was read.
    return corpus if all(map(valid, corpus.forums)) else None


# --- Arrow ------------------------------------------------------------------------------


def _arrow_type(column: Column) -> Any:  # noqa: ANN401 - a pyarrow type
    pa = pyarrow_module()
    if column.kind == "integer":
        return pa.int64()
    if column.kind == "date":
        return pa.date32()
    if column.kind == "enum":
        return pa.dictionary(pa.int8(), pa.string())
    if column.kind == "topics":
        return pa.list_(pa.string())
    return pa.string()


@functools.cache
def arrow_schemas() -> dict[str, pyarrow.Schema]:
    """The Arrow schema of every table, with aigov's format version in its metadata."""
    pa = pyarrow_module()
    metadata = {VERSION_KEY: str(FORMAT_VERSION)}
    return {
        spec.name: pa.schema(
            [
                pa.field(c.name, _arrow_type(c), nullable=not c.required)
                for c in spec.columns
            ],
            metadata=metadata,
        )
        for spec in TABLES
    }


def _arrow_tables(columns: TableColumns) -> dict[str, pyarrow.Table]:
    pa = pyarrow_module()
    schemas = arrow_schemas()
    tables = {}
    for spec in TABLES:
        schema = schemas[spec.name]
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(columns[spec.name], schema, strict=True)
        ]
        tables[spec.name] = pa.Table.from_arrays(arrays, schema=schema)
    return tables


def to_arrow(data: Forum | Corpus) -> dict[str, pyarrow.Table]:
    """A forum or corpus as normalised Arrow tables, one per kind of object.

    Every table has a ``forum_id`` column; every object's key is its
    forum's id and its own id, unique across a corpus; every row holds its
    ``position`` within its parent.  The tables and their schemas are fixed
    (see :doc:`/tables`): an empty corpus gives the same columns, with no rows.

    Args:
        data: A :class:`~aigov.Forum` or a :class:`~aigov.Corpus`.

    Returns:
        Each table by name, in the order :doc:`/tables` lists them.

    Raises:
        aigov.exceptions.MissingExtraError: If pyarrow (the ``arrow``
            extra) is not installed.
        aigov.exceptions.ArgumentTypeError: If *data* is neither.

    .. versionadded:: 0.2.0
    """
    corpus = as_corpus(data)
    with gc_paused():
        return _arrow_tables(corpus_columns(corpus)[0])


def _rows_of_arrow(
    tables: Mapping[str, pyarrow.Table], where: str = ""
) -> dict[str, list[Row]]:
    """The rows of Arrow tables, after checking their names, columns and types."""
    pa = pyarrow_module()
    problems = _Problems()
    if not isinstance(tables, Mapping):
        msg = f"expected a mapping of table names to pyarrow Tables, not {type(tables).__name__}"  # type: ignore[unreachable]
        raise ArgumentTypeError(msg)
    schemas = arrow_schemas()
    for name in tables:
        if name not in schemas:
            problems.add(
                f"{where}{name}", None, "", "is not a table of aigov's layout", name
            )
    rows: dict[str, list[Row]] = {}
    for spec in TABLES:
        table = tables.get(spec.name)
        label = f"{where}{spec.name}"
        if table is None:
            problems.add(label, None, "", "table is missing", None)
            continue
        if not isinstance(table, pa.Table):
            msg = f"is a {type(table).__name__}, not a pyarrow Table"
            problems.add(label, None, "", msg, None)
            continue
        rows[spec.name] = _checked_rows(spec, table, label, problems)
    problems.raise_any()
    return rows


def _checked_rows(
    spec: TableSpec, table: pyarrow.Table, label: str, problems: _Problems
) -> list[Row]:
    schema = arrow_schemas()[spec.name]
    given = set(table.column_names)
    for extra in table.column_names:
        if extra not in spec.names:
            problems.add(label, None, extra, "is not a column of this table", extra)
    columns = []
    for field in schema:
        if field.name not in given:
            problems.add(label, None, field.name, "column is missing", None)
            continue
        if table.column_names.count(field.name) > 1:
            problems.add(label, None, field.name, "column is given twice", None)
            continue
        column = table.column(field.name)
        if column.type != field.type:
            msg = f"has type {column.type}, not {field.type}"
            problems.add(label, None, field.name, msg, str(column.type))
            continue
        try:
            columns.append(column.to_pylist())
        except (ValueError, OverflowError) as exc:  # a date beyond year 9999
            problems.add(label, None, field.name, f"cannot be read: {exc}", None)
    if len(columns) != len(spec.columns):
        return []
    return list(zip(*columns, strict=True))


def from_arrow(tables: Mapping[str, pyarrow.Table]) -> Corpus:
    """The corpus that tables written by :func:`to_arrow` describe: its exact inverse.

    ``from_arrow(to_arrow(corpus)) == corpus``.  The tables are checked
    against the layout (every table and column present, with its type;
    keys unique; foreign keys and positions consistent) and every object
    gets every check its constructor makes.  A value the model would store
    in another form (``"cn"`` for ``"CN"``) is refused, so that what is read
    writes back unchanged.

    Args:
        tables: Every table of the layout, by name.

    Returns:
        The corpus, its forums in the order of ``forums.position``.

    Raises:
        ValidationError: If a table or column is missing, a column has the
            wrong type, a key is duplicated or refers to nothing, a position
            is out of order, a value is not one of its enum's, or an object
            is invalid.  Every location names the table, the row (from 0)
            and the column: ``statements[12].speaker_id``.
        aigov.exceptions.MissingExtraError: If pyarrow is not installed.

    .. versionadded:: 0.2.0
    """
    with gc_paused():
        fast = _fast_from_arrow(tables)
        if fast is not None:
            return fast
        return corpus_from_rows(_rows_of_arrow(tables))


# --- directories -----------------------------------------------------------------------


def replace_directory(
    target: Path, build: Callable[[Path], None], *, overwrite: bool
) -> None:
    """Have *build* fill a new directory, then put it in place of *target*.

    The new content is built in a temporary directory beside *target*, so
    that a failed write leaves *target* as it was; an existing *target* is
    moved aside, replaced and then removed.  An empty directory is filled
    in place instead, and emptied again if the write fails.

    Raises:
        FileExistsError: Without *overwrite*, if *target* exists and is not
            an empty directory.
    """
    # Absolute and normalised: "." and ".." name no entry that can be renamed.
    target = Path(os.path.abspath(target))  # noqa: PTH100 - Path.absolute keeps ".."
    exists = target.exists() or target.is_symlink()
    if exists and not target.is_dir():
        msg = f"{target} exists and is not a directory"
        raise FileExistsError(msg)
    if exists and any(target.iterdir()) and not overwrite:
        msg = f"{target} is not empty; pass overwrite=True to replace it"
        raise FileExistsError(msg)
    if exists and not any(target.iterdir()):
        # An empty directory (the working directory, perhaps) is kept and
        # filled; a failed write empties it again.
        try:
            build(target)
        except BaseException:
            for entry in target.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
            raise
        return
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.aigov-", dir=parent))
    try:
        build(fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if not exists:
        fresh.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.aigov-old-", dir=parent))
    target.replace(old / "content")
    try:
        fresh.rename(target)
    except BaseException:
        (old / "content").replace(target)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


# --- Parquet ---------------------------------------------------------------------------

_PART_FILE: Final = "part-0.parquet"
_COMMON_METADATA: Final = "_common_metadata"


def write_parquet(
    data: Forum | Corpus, directory: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write a forum or corpus as Parquet datasets, one per table, partitioned by forum.

    Each table is the directory ``directory/<table>``, holding a
    ``_common_metadata`` file (the table's schema, for empty corpora too) and
    a ``forum=<key>/part-0.parquet`` file for each forum with rows in the
    table (hive partitioning; ``<key>`` is :func:`partition_key` of the
    forum's id); a table without rows has one file without rows, in the
    first forum's partition.  ``forum_id`` is a column of every table.  Every file records
    aigov's table format version in its key-value metadata.
    :func:`read_parquet` reads the directory back as the same corpus.

    Args:
        data: A :class:`~aigov.Forum` or a :class:`~aigov.Corpus`.
        directory: Where to write; created if missing.
        overwrite: Replace a directory that is not empty.  The new dataset
            is written beside it first, so a failure leaves it as it was.

    Raises:
        FileExistsError: Without *overwrite*, if *directory* is not empty.
        OSError: If a file cannot be written.
        aigov.exceptions.MissingExtraError: If pyarrow is not installed.

    .. versionadded:: 0.2.0
    """
    corpus = as_corpus(data)
    pyarrow_module()
    target = Path(directory)

    def build(root: Path) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra

        for name, schema in arrow_schemas().items():
            (root / name).mkdir()
            pq.write_metadata(schema, root / name / _COMMON_METADATA)
        # The rows of all forums become one Arrow table per table (a few
        # large arrays, not many small ones), cut into each forum's slice.
        columns, ends = corpus_columns(corpus)
        tables = _arrow_tables(columns)
        starts = [dict.fromkeys(TABLE_NAMES, 0), *ends]
        files = []
        for number, (forum, start, end) in enumerate(
            zip(corpus.forums, starts, ends, strict=False)
        ):
            key = partition_key(forum.id)
            for name, table in tables.items():
                rows = end[name] - start[name]
                # A forum without rows in a table has no file there, but a
                # table without rows has one, in the first forum's
                # partition: a glob over a table's files never comes up
                # empty.
                if not rows and (number or table.num_rows):
                    continue
                piece = table.slice(start[name], rows)
                files.append((piece, root / name / f"forum={key}"))

        def write(file: tuple[pyarrow.Table, Path]) -> None:
            piece, partition = file
            partition.mkdir()
            pq.write_table(piece, partition / _PART_FILE)

        # On threads: pyarrow encodes and writes without the GIL, and the
        # file system's latency is waited for in parallel.
        with ThreadPoolExecutor(_threads()) as pool:
            for _ in pool.map(write, files):
                pass

    with gc_paused():
        replace_directory(target, build, overwrite=overwrite)


def check_version(found: object, where: str) -> None:
    """Refuse a table format version other than one this aigov reads."""
    if found == str(FORMAT_VERSION) or found == FORMAT_VERSION:
        return
    if found is None:
        msg = (
            f"states no aigov table format version (this aigov writes {FORMAT_VERSION})"
        )
    elif (
        isinstance(found, str | int)
        and str(found).isdigit()
        and int(found) > FORMAT_VERSION
    ):
        msg = (
            f"has aigov table format version {found}, but this aigov reads versions "
            f"up to {FORMAT_VERSION}; upgrade aigov to read it"
        )
    else:
        msg = f"has aigov table format version {describe_value(found)}, which this aigov does not read (it reads {FORMAT_VERSION})"
    raise ValidationError.single(msg, found, location=where)


def _file_version(metadata: Mapping[bytes, bytes] | None) -> str | None:
    if not metadata or VERSION_KEY.encode() not in metadata:
        return None
    return metadata[VERSION_KEY.encode()].decode("utf-8", "replace")


def read_parquet(directory: str | os.PathLike[str]) -> Corpus:
    """Read a corpus that :func:`write_parquet` wrote.

    Every file's format version is checked first: a dataset written by a
    newer aigov is refused with a message naming both versions.  The tables
    are then checked as :func:`from_arrow` checks them, and every row must
    be in the partition of its ``forum_id``.

    Args:
        directory: The directory :func:`write_parquet` wrote.

    Returns:
        The corpus, exactly as written.

    Raises:
        ValidationError: If a table, column or file is missing, a file
            cannot be read, states another format version, or the tables are
            invalid (see :func:`from_arrow`); locations name the table (or
            file), the row and the column.
        aigov.exceptions.MissingExtraError: If pyarrow is not installed.

    .. versionadded:: 0.2.0
    """
    arrow = pyarrow_module()
    import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra

    root = Path(directory)
    if not root.is_dir():
        msg = "is not a directory of Parquet tables"
        raise ValidationError.single(msg, str(root), location=str(root))
    schemas = arrow_schemas()
    partitions = {
        name: sorted((root / name).glob("forum=*")) if (root / name).is_dir() else []
        for name in schemas
    }

    def read(path: Path) -> pyarrow.Table | str:
        try:
            # One file, not a dataset: a third of read_table's time.
            with pq.ParquetFile(path) as part:
                return part.read()
        except (OSError, arrow.ArrowException) as exc:
            return f"cannot be read as Parquet: {exc}"

    # The files are read on threads (pyarrow decodes without the GIL) and
    # checked in order, so that the first problem is the one reported.
    with ThreadPoolExecutor(_threads()) as pool:
        pending = {
            name: [pool.submit(read, folder / _PART_FILE) for folder in folders]
            for name, folders in partitions.items()
        }
        tables: dict[str, pyarrow.Table] = {}
        for name, schema in schemas.items():
            _check_common_metadata(root, name)
            pieces = []
            for partition, piece in zip(partitions[name], pending[name], strict=True):
                where = f"{name}/{partition.name}/{_PART_FILE}"
                table = piece.result()
                if isinstance(table, str):
                    raise ValidationError.single(table, location=where)
                check_version(_file_version(table.schema.metadata), where)
                pieces.append(table)
            keys = [folder.name.removeprefix("forum=") for folder in partitions[name]]
            if not _all_in_their_partitions(pieces, keys):
                # File by file, to name the first row that is not.
                for partition, table, key in zip(
                    partitions[name], pieces, keys, strict=True
                ):
                    _check_partition(
                        table, key, f"{name}/{partition.name}/{_PART_FILE}"
                    )
            pieces = [
                piece.replace_schema_metadata(schema.metadata) for piece in pieces
            ]
            tables[name] = _concatenated(pieces, schema, name)
    with gc_paused():
        fast = _fast_from_arrow(tables)
        if fast is not None:
            return fast
        return corpus_from_rows(_rows_of_arrow(tables))


def _threads() -> int:
    """How many files to read or write at once: as many as pyarrow has threads."""
    threads: int = pyarrow_module().cpu_count()
    return max(1, threads)


def _check_common_metadata(root: Path, name: str) -> None:
    """The table's ``_common_metadata`` is there, readable and of this format version."""
    arrow = pyarrow_module()
    import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra

    common = root / name / _COMMON_METADATA
    if not common.is_file():
        raise ValidationError.single("table is missing", location=f"{name}")
    try:
        common_schema = pq.read_schema(common)
    except (OSError, arrow.ArrowException) as exc:
        msg = f"cannot be read as Parquet metadata: {exc}"
        raise ValidationError.single(
            msg, location=f"{name}/{_COMMON_METADATA}"
        ) from None
    check_version(_file_version(common_schema.metadata), f"{name}/{_COMMON_METADATA}")


#: partition_key, remembered: a reader meets each forum once in every table.
_cached_partition_key: Final = functools.lru_cache(maxsize=4096)(partition_key)


def _all_in_their_partitions(pieces: list[pyarrow.Table], keys: list[str]) -> bool:
    """Whether every row of every piece has a ``forum_id`` of the piece's partition *key*.

    One comparison for a whole table, in Arrow; :func:`_check_partition`,
    file by file, says where a row is not.
    """
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415 - an optional extra

    try:
        columns = [piece.column("forum_id") for piece in pieces]
        ids = pa.chunked_array(
            [chunk for column in columns for chunk in column.chunks], pa.string()
        ).combine_chunks()
    except (KeyError, TypeError, pa.ArrowException):  # missing, or not strings
        return False
    # Each distinct id digested once; a null id has a null key, found wrong.
    encoded = pc.dictionary_encode(ids)
    found = pa.array(
        map(_cached_partition_key, encoded.dictionary.to_pylist()), pa.string()
    )
    # The partition key of each row, as runs: one per file.
    runs = [
        (key, p.num_rows) for p, key in zip(pieces, keys, strict=True) if p.num_rows
    ]
    if not runs:
        return True
    expected = pc.run_end_decode(
        pa.RunEndEncodedArray.from_arrays(
            pa.array(itertools.accumulate(rows for _, rows in runs), pa.int64()),
            pa.array([key for key, _ in runs], pa.string()),
        )
    )
    return bool(found.take(encoded.indices).equals(expected))


def _check_partition(table: pyarrow.Table, key: str, where: str) -> None:
    if "forum_id" not in table.column_names:
        return  # reported with the table's other columns
    column = table.column("forum_id")
    # Each distinct id once: a digest per row would cost a million for a
    # large table.
    for forum_id in column.unique().to_pylist():
        if not isinstance(forum_id, str) or _cached_partition_key(forum_id) != key:
            number = column.to_pylist().index(forum_id)
            msg = f"{describe_value(forum_id)} is not a forum of partition {key}"
            raise ValidationError.single(
                msg, forum_id, location=f"{where}[{number}].forum_id"
            )


def _concatenated(
    pieces: list[pyarrow.Table], schema: pyarrow.Schema, name: str
) -> pyarrow.Table:
    arrow = pyarrow_module()
    if not pieces:
        return schema.empty_table()
    for piece in pieces:
        if not piece.schema.equals(schema):
            # The column-by-column check names what differs.
            return piece
    try:
        return arrow.concat_tables(pieces)
    except arrow.ArrowException as exc:  # pragma: no cover - schemas are equal
        raise ValidationError.single(str(exc), location=name) from None
