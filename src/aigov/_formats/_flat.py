"""Flat rows for analysis: one row per statement, speaker or organisation.

The rows are computed with the standard library only, so that the command
line's csv and json output needs no extra; :func:`statements_frame` and its
siblings turn the same rows into :class:`pyarrow.Table` objects (the
``arrow`` extra).  Every column is declared once, in :data:`STATEMENT_COLUMNS`,
:data:`SPEAKER_COLUMNS` and :data:`ORGANIZATION_COLUMNS`: the csv header, the
json keys and the Arrow schema all derive from those declarations.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from aigov._backend import gc_paused
from aigov._corpus import Corpus, forums_of
from aigov._countries import country_name
from aigov._formats._arrow import pyarrow as pyarrow_module
from aigov._model import (
    Forum,
    Organization,
    PartialDate,
    Role,
    Session,
    Speaker,
    Statement,
    StatementKind,
)
from aigov.exceptions import ArgumentTypeError, MissingExtraError

if TYPE_CHECKING:
    # pandas' types come from pandas-stubs (in the test extra); where they
    # are missing, DataFrame is Any rather than an error.
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import polars
    import pyarrow

__all__ = [
    "LIST_SEPARATOR",
    "ORGANIZATION_COLUMNS",
    "SPEAKER_COLUMNS",
    "STATEMENT_COLUMNS",
    "Cell",
    "Column",
    "ColumnType",
    "ForumFacts",
    "Row",
    "csv_cell",
    "organization_rows",
    "organizations_frame",
    "role_text",
    "schema_of",
    "speaker_rows",
    "speakers_frame",
    "statement_rows",
    "statements_frame",
    "to_pandas",
    "to_polars",
]


class ColumnType(enum.StrEnum):
    """The type of a flat column, named as Arrow names it."""

    STRING = "string"
    INT64 = "int64"
    STRINGS = "list<string>"


@attrs.frozen
class Column:
    """One column of a flat frame: its name, its type and what it holds."""

    name: str
    type: ColumnType
    help: str
    nullable: bool = False

    @property
    def type_text(self) -> str:
        """The type as the documentation writes it: ``string``, ``string or null``."""
        return f"{self.type.value} or null" if self.nullable else self.type.value


#: A cell of a flat row: text, a number, a list of texts (a tuple, so that
#: rows can share it) or nothing.
Cell = str | int | tuple[str, ...] | None
Row = tuple[Cell, ...]

#: What joins the values of a list cell in csv output: ``privacy; security``.
LIST_SEPARATOR: Final = "; "

_S = ColumnType.STRING
_I = ColumnType.INT64
_L = ColumnType.STRINGS

_FORUM_COLUMNS = (
    Column("forum_id", _S, "The forum's id, unique in a corpus."),
    Column("forum_name", _S, "The forum's name."),
    Column(
        "forum_date",
        _S,
        "When the forum began, in ISO 8601 reduced precision: 2021-12-04, "
        "2021-12 or 2021 (as precisely as the source gives it).",
        nullable=True,
    ),
)

_SPEAKER_COLUMNS = (
    Column("speaker_id", _S, "The speaker's id, unique in the forum."),
    Column("speaker_name", _S, "The speaker's name."),
    Column("speaker_kind", _S, "person, delegation or group."),
    Column(
        "speaker_country",
        _S,
        "The speaker's own country (ISO 3166-1 alpha-2), only where a source "
        "states it; not their affiliation, which is in countries.",
        nullable=True,
    ),
)

_AFFILIATION_COLUMNS = (
    Column("role_titles", _L, "The title of each of the speaker's roles, in order."),
    Column(
        "roles",
        _L,
        "Each role as aigov show writes it: its title, the organisation it is "
        "in and the organisations that one is part of (nearest first), and the "
        "state it serves, joined by commas.",
    ),
    Column(
        "organization_ids",
        _L,
        "The ids of the organisations of the speaker's roles and of the "
        "organisations those are part of, each once, nearest first.",
    ),
    Column(
        "organizations",
        _L,
        "The names of the same organisations, in the same order.",
    ),
    Column(
        "countries",
        _L,
        "The countries the speaker is affiliated with (ISO 3166-1 alpha-2), "
        "each once: each role's own country, then the countries of its "
        "organisation and of the organisations that one is part of.",
    ),
)

#: The columns of :func:`statement_rows` and :func:`statements_frame`.
STATEMENT_COLUMNS: Final = (
    *_FORUM_COLUMNS,
    Column("session_position", _I, "The session's position in the forum, from 0."),
    Column("session_id", _S, "The session's id, unique in the forum."),
    Column("session_title", _S, "The session's title."),
    Column(
        "session_kind",
        _S,
        "opening_ceremony, plenary, keynote, panel, closing or other.",
    ),
    Column(
        "session_date",
        _S,
        "When the session took place, as forum_date is written.",
        nullable=True,
    ),
    Column(
        "statement_position", _I, "The statement's position in its session, from 0."
    ),
    Column("statement_id", _S, "The statement's id, unique in the forum."),
    *_SPEAKER_COLUMNS,
    Column(
        "parts",
        _L,
        "The parts the speaker plays in the statement's session (chair, "
        "keynote, ...), in the session's order.",
    ),
    *_AFFILIATION_COLUMNS,
    Column("verb", _S, "The reporting verb: stressed, said.", nullable=True),
    Column("statement_kind", _S, "paraphrase or quote."),
    Column("topics", _L, "The statement's topics."),
    Column("text", _S, "What was said, in the source's wording."),
)

#: The columns of :func:`speaker_rows` and :func:`speakers_frame`.
SPEAKER_COLUMNS: Final = (
    *_FORUM_COLUMNS,
    Column("speaker_position", _I, "The speaker's position in the forum, from 0."),
    *_SPEAKER_COLUMNS,
    Column(
        "parts",
        _L,
        "The parts the speaker plays in any session, each once, in the "
        "order of the sessions.",
    ),
    *_AFFILIATION_COLUMNS,
    Column("statements", _I, "How many statements the speaker makes in the forum."),
)

#: The columns of :func:`organization_rows` and :func:`organizations_frame`.
ORGANIZATION_COLUMNS: Final = (
    *_FORUM_COLUMNS,
    Column(
        "organization_position",
        _I,
        "The organisation's position in the forum, from 0.",
    ),
    Column("organization_id", _S, "The organisation's id, unique in the forum."),
    Column("organization_name", _S, "The organisation's name."),
    Column(
        "organization_kind",
        _S,
        "ministry, government, university, ... (see OrganizationKind).",
    ),
    Column(
        "organization_country",
        _S,
        "The organisation's own country (ISO 3166-1 alpha-2).",
        nullable=True,
    ),
    Column(
        "countries",
        _L,
        "Its own country and those of the organisations it is part of, each "
        "once, nearest first: what aigov organizations --country matches.",
    ),
    Column("abbreviation", _S, "Its standard abbreviation.", nullable=True),
    Column(
        "parent_id",
        _S,
        "The id of the organisation it is part of.",
        nullable=True,
    ),
    Column(
        "parents",
        _L,
        "The names of the organisations it is part of, nearest first.",
    ),
    Column(
        "speakers",
        _I,
        "How many of the forum's speakers hold a role in it (not counting its units).",
    ),
)


# --- one forum's facts -------------------------------------------------------------


#: Each kind of statement's value, looked up faster than the enum gives it.
_KIND_VALUES: Final = {kind: kind.value for kind in StatementKind}


def _iso(when: datetime.date | PartialDate | None) -> str | None:
    return None if when is None else when.isoformat()


def role_text(role: Role, organizations: dict[str, Organization]) -> str:
    """A role with its organisation's chain and its state, nearest first.

    ``deputy director-general, Department of Arms Control, Ministry of
    Foreign Affairs``: the parents say what the unit is part of.
    """
    parts = [role.title]
    if role.organization_id is not None:
        parts.extend(o.name for o in _chain(role.organization_id, organizations))
    if role.country is not None:
        parts.append(country_name(role.country))
    return ", ".join(parts)


def _chain(
    organization_id: str, organizations: dict[str, Organization]
) -> Iterator[Organization]:
    """An organisation and those it is part of, nearest first."""
    current: str | None = organization_id
    # A Forum has no parent cycles, so the walk ends at a root.
    while current is not None:
        organization = organizations[current]
        yield organization
        current = organization.parent_id


@attrs.frozen
class _SpeakerCells:
    """A speaker's cells, the same in each of their rows: built once per speaker.

    Attributes:
        speaker: Id, name, kind and own country.
        affiliation: Role titles, roles, organisation ids and names, countries.
    """

    speaker: tuple[Cell, ...]
    affiliation: tuple[Cell, ...]


class ForumFacts:
    """What the rows of one forum need, each looked up or computed once."""

    def __init__(self, forum: Forum) -> None:
        self.forum = forum
        self.forum_cells: tuple[Cell, ...] = (
            forum.id,
            forum.name,
            _iso(forum.start_date),
        )
        self.organizations = {o.id: o for o in forum.organizations}
        self._speakers: dict[str, _SpeakerCells] = {}

    def speaker(self, speaker_id: str) -> _SpeakerCells:
        found = self._speakers.get(speaker_id)
        if found is None:
            found = self._describe(self.forum.speaker(speaker_id))
            self._speakers[speaker_id] = found
        return found

    def _describe(self, speaker: Speaker) -> _SpeakerCells:
        ids: dict[str, Organization] = {}
        countries: dict[str, None] = {}
        for role in speaker.roles:
            if role.country is not None:
                countries[role.country] = None
            if role.organization_id is not None:
                for organization in _chain(role.organization_id, self.organizations):
                    ids.setdefault(organization.id, organization)
                    if organization.country is not None:
                        countries[organization.country] = None
        return _SpeakerCells(
            speaker=(speaker.id, speaker.name, speaker.kind.value, speaker.country),
            affiliation=(
                tuple(role.title for role in speaker.roles),
                tuple(role_text(role, self.organizations) for role in speaker.roles),
                tuple(ids),
                tuple(organization.name for organization in ids.values()),
                tuple(countries),
            ),
        )

    @functools.cached_property
    def places(self) -> dict[str, tuple[int, Session, int]]:
        """Each statement's id with its session's position, the session, and its own position."""
        return {
            statement.id: (session_position, session, position)
            for session_position, session in enumerate(self.forum.sessions)
            for position, statement in enumerate(session.statements)
        }

    @functools.cached_property
    def _parts(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Per session id, each participant's parts in the session's order."""
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        for session in self.forum.sessions:
            parts: dict[str, list[str]] = {}
            for participant in session.participants:
                parts.setdefault(participant.speaker_id, []).append(
                    participant.part.value
                )
            found[session.id] = {k: tuple(v) for k, v in parts.items()}
        return found

    def parts_in(self, session: Session, speaker_id: str) -> tuple[str, ...]:
        return self._parts[session.id].get(speaker_id, ())

    def session_parts(self, session: Session) -> dict[str, tuple[str, ...]]:
        """Each participant of *session* with their parts in it."""
        return self._parts[session.id]

    @functools.cached_property
    def speaker_parts(self) -> dict[str, tuple[str, ...]]:
        """Per speaker id, their parts in any session, each once, in session order."""
        found: dict[str, dict[str, None]] = {}
        for session in self.forum.sessions:
            for participant in session.participants:
                found.setdefault(participant.speaker_id, {})[participant.part.value] = (
                    None
                )
        return {k: tuple(v) for k, v in found.items()}

    @functools.cached_property
    def statement_counts(self) -> Counter[str]:
        return Counter(s.speaker_id for s in self.forum.all_statements())

    @functools.cached_property
    def speaker_counts(self) -> Counter[str]:
        """Per organisation id, how many speakers hold a role in it."""
        counts: Counter[str] = Counter()
        for speaker in self.forum.speakers:
            counts.update(
                {r.organization_id for r in speaker.roles if r.organization_id}
            )
        return counts

    @functools.cached_property
    def speaker_positions(self) -> dict[str, int]:
        return {s.id: position for position, s in enumerate(self.forum.speakers)}

    @functools.cached_property
    def organization_positions(self) -> dict[str, int]:
        return {o.id: position for position, o in enumerate(self.forum.organizations)}

    # --- rows ---------------------------------------------------------------

    def statement_row(self, statement: Statement) -> Row:
        """The row of one of the forum's statements."""
        session_position, session, position = self.places[statement.id]
        speaker = self.speaker(statement.speaker_id)
        return (
            *self.forum_cells,
            session_position,
            session.id,
            session.title,
            session.kind.value,
            _iso(session.date),
            position,
            statement.id,
            *speaker.speaker,
            self.parts_in(session, statement.speaker_id),
            *speaker.affiliation,
            statement.verb,
            statement.kind.value,
            statement.topics,
            statement.text,
        )

    def speaker_row(self, speaker: Speaker, position: int | None = None) -> Row:
        """The row of one of the forum's speakers (its position found if not given)."""
        if position is None:
            position = self.speaker_positions[speaker.id]
        described = self.speaker(speaker.id)
        return (
            *self.forum_cells,
            position,
            *described.speaker,
            self.speaker_parts.get(speaker.id, ()),
            *described.affiliation,
            self.statement_counts[speaker.id],
        )

    def organization_row(
        self, organization: Organization, position: int | None = None
    ) -> Row:
        """The row of one of the forum's organisations (its position found if not given)."""
        if position is None:
            position = self.organization_positions[organization.id]
        chain = tuple(_chain(organization.id, self.organizations))
        countries = dict.fromkeys(o.country for o in chain if o.country is not None)
        return (
            *self.forum_cells,
            position,
            organization.id,
            organization.name,
            organization.kind.value,
            organization.country,
            tuple(countries),
            organization.abbreviation,
            organization.parent_id,
            tuple(o.name for o in chain[1:]),
            self.speaker_counts[organization.id],
        )


# --- rows of forums and corpora --------------------------------------------------


def statement_rows(data: Forum | Corpus) -> list[Row]:
    """One row per statement, forum by forum, session by session, in order."""
    rows: list[Row] = []
    # Rows hold no cycles: the collector would only walk the forums again.
    with gc_paused():
        for forum in forums_of(data):
            facts = ForumFacts(forum)
            rows.extend(facts.statement_row(s) for s in forum.all_statements())
    return rows


def speaker_rows(data: Forum | Corpus) -> list[Row]:
    """One row per speaker, forum by forum, in order."""
    rows: list[Row] = []
    with gc_paused():
        for forum in forums_of(data):
            facts = ForumFacts(forum)
            rows.extend(facts.speaker_row(s, i) for i, s in enumerate(forum.speakers))
    return rows


def organization_rows(data: Forum | Corpus) -> list[Row]:
    """One row per organisation, forum by forum, in order."""
    rows: list[Row] = []
    with gc_paused():
        for forum in forums_of(data):
            facts = ForumFacts(forum)
            rows.extend(
                facts.organization_row(o, i) for i, o in enumerate(forum.organizations)
            )
    return rows


def csv_cell(cell: Cell) -> str:
    """A cell as csv writes it: nothing as an empty cell, lists joined by ``; ``."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return LIST_SEPARATOR.join(cell)
    return str(cell)


def schema_of(columns: Sequence[Column]) -> pyarrow.Schema:
    """The Arrow schema of *columns*, each field described by its help text."""
    pa = pyarrow_module()
    types = {_S: pa.string(), _I: pa.int64(), _L: pa.list_(pa.string())}
    return pa.schema(
        [
            pa.field(
                column.name,
                types[column.type],
                nullable=column.nullable,
                metadata={"description": column.help},
            )
            for column in columns
        ]
    )


def _frame(columns: Sequence[Column], rows: list[Row]) -> pyarrow.Table:
    pa = pyarrow_module()
    schema = schema_of(columns)
    cells = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    arrays = [
        pa.array(values, type=field.type)
        for values, field in zip(cells, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


#: The columns of a statement's row that come from its forum, its session
#: and its speaker, by name: the frame takes them from one row per forum,
#: session or speaker rather than building them for every statement.
_FORUM_NAMES = tuple(c.name for c in _FORUM_COLUMNS)
_SESSION_NAMES = (
    "session_position",
    "session_id",
    "session_title",
    "session_kind",
    "session_date",
)
_SPEAKER_NAMES = tuple(c.name for c in (*_SPEAKER_COLUMNS, *_AFFILIATION_COLUMNS))


def _statements_table(forums: tuple[Forum, ...]) -> pyarrow.Table:
    """What :func:`statement_rows` gives, built column by column.

    A statement's forum, session and speaker cells are gathered once each
    and repeated by Arrow (``take``), which is several times quicker than
    converting them row by row; the rows stay the reference, and a property
    test checks that both give the same table.
    """
    pa = pyarrow_module()
    schema = schema_of(STATEMENT_COLUMNS)
    forum_cells: list[tuple[Cell, ...]] = []
    session_cells: list[tuple[Cell, ...]] = []
    speaker_cells: list[tuple[Cell, ...]] = []
    of_forum: list[int] = []
    of_session: list[int] = []
    of_speaker: list[int] = []
    own: dict[str, list[Cell]] = {
        name: []
        for name in (
            "statement_position",
            "statement_id",
            "parts",
            "verb",
            "statement_kind",
            "topics",
            "text",
        )
    }
    for forum_position, forum in enumerate(forums):
        facts = ForumFacts(forum)
        forum_cells.append(facts.forum_cells)
        first_speaker = len(speaker_cells)
        speaker_at = {}
        for position, speaker in enumerate(forum.speakers):
            described = facts.speaker(speaker.id)
            speaker_cells.append((*described.speaker, *described.affiliation))
            speaker_at[speaker.id] = first_speaker + position
        for session_position, session in enumerate(forum.sessions):
            statements = session.statements
            count = len(statements)
            of_forum.extend([forum_position] * count)
            of_session.extend([len(session_cells)] * count)
            session_cells.append(
                (
                    session_position,
                    session.id,
                    session.title,
                    session.kind.value,
                    _iso(session.date),
                )
            )
            parts = facts.session_parts(session)
            of_speaker.extend([speaker_at[s.speaker_id] for s in statements])
            own["statement_position"].extend(range(count))
            own["statement_id"].extend([s.id for s in statements])
            own["parts"].extend([parts.get(s.speaker_id, ()) for s in statements])
            own["verb"].extend([s.verb for s in statements])
            own["statement_kind"].extend([_KIND_VALUES[s.kind] for s in statements])
            own["topics"].extend([s.topics for s in statements])
            own["text"].extend([s.text for s in statements])
    columns: dict[str, Any] = {}
    for names, gathered, index in (
        (_FORUM_NAMES, forum_cells, of_forum),
        (_SESSION_NAMES, session_cells, of_session),
        (_SPEAKER_NAMES, speaker_cells, of_speaker),
    ):
        indices = pa.array(index, type=pa.int64())
        for position, name in enumerate(names):
            values = pa.array(
                [cells[position] for cells in gathered], type=schema.field(name).type
            )
            columns[name] = values.take(indices)
    for name, own_cells in own.items():
        columns[name] = pa.array(own_cells, type=schema.field(name).type)
    return pa.Table.from_arrays([columns[name] for name in schema.names], schema=schema)


def statements_frame(data: Forum | Corpus) -> pyarrow.Table:
    """One row per statement of a forum or a corpus, with its forum, session and speaker.

    Rows come in the corpus's order: forum by forum, session by session,
    each session's statements in order.  The columns and their exact types
    are listed in :doc:`frames`; the speaker's affiliation countries
    (``countries``) are apart from their own country (``speaker_country``).

    Args:
        data: A :class:`~aigov.Forum` or a :class:`~aigov.Corpus`.

    Returns:
        A :class:`pyarrow.Table` whose schema is always the same; each
        field's metadata holds its description.

    Raises:
        aigov.exceptions.MissingExtraError: If pyarrow (the ``arrow``
            extra) is not installed.
        aigov.exceptions.ArgumentTypeError: If *data* is neither a forum
            nor a corpus.

    .. versionadded:: 0.2.0
    """
    with gc_paused():
        return _statements_table(forums_of(data))


def speakers_frame(data: Forum | Corpus) -> pyarrow.Table:
    """One row per speaker of a forum or a corpus, with roles, affiliations and counts.

    Args:
        data: A :class:`~aigov.Forum` or a :class:`~aigov.Corpus`.

    Returns:
        A :class:`pyarrow.Table` with the columns listed in :doc:`frames`.

    Raises:
        aigov.exceptions.MissingExtraError: If pyarrow (the ``arrow``
            extra) is not installed.
        aigov.exceptions.ArgumentTypeError: If *data* is neither a forum
            nor a corpus.

    .. versionadded:: 0.2.0
    """
    with gc_paused():
        return _frame(SPEAKER_COLUMNS, speaker_rows(data))


def organizations_frame(data: Forum | Corpus) -> pyarrow.Table:
    """One row per organisation of a forum or a corpus, with its parents and countries.

    Args:
        data: A :class:`~aigov.Forum` or a :class:`~aigov.Corpus`.

    Returns:
        A :class:`pyarrow.Table` with the columns listed in :doc:`frames`.

    Raises:
        aigov.exceptions.MissingExtraError: If pyarrow (the ``arrow``
            extra) is not installed.
        aigov.exceptions.ArgumentTypeError: If *data* is neither a forum
            nor a corpus.

    .. versionadded:: 0.2.0
    """
    with gc_paused():
        return _frame(ORGANIZATION_COLUMNS, organization_rows(data))


def to_pandas(table: pyarrow.Table) -> pandas.DataFrame:
    """A :class:`pandas.DataFrame` of a flat frame (or any Arrow table).

    Text columns take pandas' default string type (``object`` in pandas 2,
    ``str`` in pandas 3) with pandas' own missing value where a cell is
    null, list columns hold NumPy arrays of :class:`str`, and numbers are
    ``int64``: what ``table.to_pandas()`` gives.

    Raises:
        aigov.exceptions.MissingExtraError: If pandas (the ``pandas`` extra)
            is not installed.

    .. versionadded:: 0.2.0
    """
    try:
        import pandas  # noqa: PLC0415, F401 - an optional extra, loaded when used
    except ImportError:
        raise MissingExtraError("to_pandas", "pandas", module="pandas") from None
    frame: pandas.DataFrame = table.to_pandas()
    return frame


def to_polars(table: pyarrow.Table) -> polars.DataFrame:
    """A :class:`polars.DataFrame` of a flat frame (or any Arrow table).

    Text columns become ``String``, list columns ``List(String)`` and
    numbers ``Int64``; polars shares the Arrow buffers where it can.

    Raises:
        aigov.exceptions.MissingExtraError: If polars (the ``polars`` extra)
            is not installed.

    .. versionadded:: 0.2.0
    """
    try:
        import polars  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError:
        raise MissingExtraError("to_polars", "polars", module="polars") from None
    frame = polars.from_arrow(table)
    if not isinstance(
        frame, polars.DataFrame
    ):  # pragma: no cover - a Table gives a frame
        msg = f"expected a pyarrow.Table, not {type(table).__name__}"
        raise ArgumentTypeError(msg)
    return frame
