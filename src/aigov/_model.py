"""The domain model: immutable, validated value objects about forums.

Every class is an ``attrs`` frozen, slotted, keyword-only class.  Constructors
check their own fields and raise :class:`~aigov.ValidationError` listing every
problem; :class:`Forum` also checks that every id it holds is unique and every
reference resolves.  Serialisation lives elsewhere (``_convert``): nothing here
knows about JSON.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

import attrs

from aigov import _index
from aigov._countries import alpha2_codes, normalize_code
from aigov._limits import MAX_PROBLEMS_PER_ARRAY, stopped_checking
from aigov._text import describe_value, join_location, slugify, stable_digest
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "Forum",
    "Identifier",
    "Organization",
    "OrganizationKind",
    "Role",
    "Session",
    "SessionKind",
    "Source",
    "Speaker",
    "Statement",
    "StatementKind",
]


class OrganizationKind(enum.StrEnum):
    """What kind of body an :class:`Organization` is.

    Members compare equal to their string values (``OrganizationKind.MINISTRY
    == "ministry"``), which is also how they are written in JSON.

    .. versionadded:: 0.1.0
    """

    MINISTRY = "ministry"
    """A government ministry (a department inside one is usually ``GOVERNMENT``)."""
    GOVERNMENT = "government"
    """Any other government body or unit."""
    LEGISLATURE = "legislature"
    """A parliament or congress."""
    ADVISORY = "advisory"
    """A consultative or advisory body."""
    UNIVERSITY = "university"
    """A university, or a school or college inside one."""
    INSTITUTE = "institute"
    """A research institute or centre."""
    INTERGOVERNMENTAL = "intergovernmental"
    """A body of states, such as the UN, its programmes and offices, or the OECD."""
    NGO = "ngo"
    """A non-governmental, non-profit organisation."""
    COMPANY = "company"
    """A business."""
    ASSOCIATION = "association"
    """A federation, society or professional association."""
    OTHER = "other"
    """Anything else."""


class StatementKind(enum.StrEnum):
    """How a source reports a :class:`Statement`.

    .. versionadded:: 0.1.0
    """

    PARAPHRASE = "paraphrase"
    """Reported speech, in the source's wording of what was said."""
    QUOTE = "quote"
    """The speaker's own words, verbatim."""


class SessionKind(enum.StrEnum):
    """What kind of part of a forum a :class:`Session` is.

    .. versionadded:: 0.1.0
    """

    OPENING_CEREMONY = "opening_ceremony"
    """The opening of the forum."""
    PLENARY = "plenary"
    """A session for all participants."""
    KEYNOTE = "keynote"
    """A session of keynote speeches."""
    PANEL = "panel"
    """A panel discussion."""
    CLOSING = "closing"
    """The closing of the forum."""
    OTHER = "other"
    """Anything else."""


# --- field checks ----------------------------------------------------------
#
# A check takes a field's value and yields (location, message) pairs, the
# location relative to the field ("" or "[2]").  Checks never raise: a class
# runs all of them and reports every problem at once.

_Problems = Iterator[tuple[str, str, object]]
_Check = Callable[[Any], _Problems]


def _type_name(value: object) -> str:
    return type(value).__name__


def _wrong_type(expected: str, value: object) -> tuple[str, str, object]:
    return ("", f"expected {expected}, got {_type_name(value)}", value)


def _is_valid_unicode(text: str) -> bool:
    # Lone surrogates can come from JSON ("\ud800") but cannot be written as
    # UTF-8; rejecting them here keeps every model object writable.
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_text(value: object) -> _Problems:
    """A non-blank string: names, titles, ids, statement text."""
    if type(value) is not str:
        yield _wrong_type("a string", value)
    elif not value.strip():
        yield ("", "must not be empty", value)
    elif not _is_valid_unicode(value):
        yield ("", "contains a lone surrogate, which is not valid Unicode text", value)


# The composite checks are small value objects rather than closures, so that
# the fast loader (``_fast``) can see what a field's check is made of.


@attrs.frozen
class _Optional:
    """``None``, or a value that passes *check*."""

    check: _Check

    def __call__(self, value: object) -> _Problems:
        if value is not None:
            yield from self.check(value)


def _check_country(value: object) -> _Problems:
    if type(value) is not str:
        yield _wrong_type("a string", value)
    elif value not in alpha2_codes():
        yield ("", f"{describe_value(value)} is not an ISO 3166-1 alpha-2 code", value)


def _check_topic(value: object) -> _Problems:
    yield from _check_text(value)
    if type(value) is str and value.lower() != value:
        yield ("", f"topic {describe_value(value)} must be lower case", value)


def _check_date(value: object) -> _Problems:
    # datetime is a subclass of date; a forum date with a time is a mistake.
    if type(value) is not datetime.date:
        yield _wrong_type("a datetime.date", value)


#: The largest count a model field holds: the largest integer that every
#: JSON reader (JavaScript's included) represents exactly (RFC 7493).
MAX_COUNT = 2**53 - 1


def _check_count(value: object) -> _Problems:
    if type(value) is not int:
        yield _wrong_type("an int", value)
    elif value < 0:
        yield ("", f"must not be negative, got {describe_value(value)}", value)
    elif value > MAX_COUNT:
        yield ("", f"must be at most {MAX_COUNT}, got {describe_value(value)}", value)


@attrs.frozen
class _IsA:
    """A value of exactly *cls*: an enum member or a nested model object."""

    cls: type

    def __call__(self, value: object) -> _Problems:
        if type(value) is not self.cls:
            yield _wrong_type(f"a {self.cls.__name__}", value)


@attrs.frozen
class _TupleOf:
    """A tuple whose items pass *check*, each item once if *unique*."""

    check: _Check
    unique: bool = False

    def __call__(self, value: object) -> _Problems:
        if type(value) is not tuple:
            yield _wrong_type("a tuple", value)
            return
        seen: set[object] = set()
        problems = 0
        for index, item in enumerate(value):
            if problems >= MAX_PROBLEMS_PER_ARRAY:
                yield f"[{index}]", stopped_checking(index, len(value)), None
                return
            for location, message, bad in self.check(item):
                problems += 1
                yield join_location(f"[{index}]", location), message, bad
            if self.unique:
                try:
                    duplicate = item in seen
                    seen.add(item)
                except TypeError:  # unhashable: already reported as a wrong type
                    continue
                if duplicate:
                    problems += 1
                    yield f"[{index}]", f"{describe_value(item)} is listed twice", item


def _run_checks(obj: object, checks: dict[str, _Check]) -> list[ErrorDetail]:
    return [
        ErrorDetail(join_location(name, location), message, value)
        for name, check in checks.items()
        for location, message, value in check(getattr(obj, name))
    ]


def _raise_if(errors: list[ErrorDetail], obj: object) -> None:
    if errors:
        raise ValidationError(errors, subject=type(obj).__name__)


def _normalize_codes(value: tuple[str, ...]) -> tuple[str, ...]:
    if type(value) is not tuple:
        return value  # left for the check to reject with a clear message
    return tuple(normalize_code(code) for code in value)  # type: ignore[misc]


def _normalize_country(value: str | None) -> str | None:
    return normalize_code(value)  # type: ignore[return-value]


def _slug_of(attribute: str) -> Callable[[Any], str]:
    def default_id(instance: Any) -> str:  # noqa: ANN401 - any model instance
        name = getattr(instance, attribute)
        # A bad name is reported by the checks; the id must not crash first.
        return slugify(name) if type(name) is str else ""

    return default_id


class _Validated:
    """Mixin: run the class's field checks after ``attrs`` has set the fields."""

    __slots__ = ()
    _checks: ClassVar[dict[str, _Check]]

    def __attrs_post_init__(self) -> None:
        _raise_if(_run_checks(self, self._checks), self)


_TEXT = _check_text
_OPTIONAL_TEXT = _Optional(_check_text)
_TEXTS = _TupleOf(_check_text)
_IDS = _TupleOf(_check_text, unique=True)
_OPTIONAL_COUNTRY = _Optional(_check_country)


# --- the model ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Identifier(_Validated):
    """An identifier of a speaker or organisation in an external scheme.

    Attributes:
        scheme: The scheme, in lower case by convention: ``"wikidata"``,
            ``"ror"``, ``"orcid"``.
        value: The identifier within the scheme: ``"Q16955"``.

    Raises:
        ValidationError: If either field is not a non-blank string.

    .. versionadded:: 0.1.0
    """

    scheme: str
    value: str

    _checks: ClassVar[dict[str, _Check]] = {"scheme": _TEXT, "value": _TEXT}


@attrs.frozen(kw_only=True)
class Organization(_Validated):
    """A body that speakers belong to, or that hosts or supports a forum.

    Attributes:
        name: The organisation's name, as commonly written in English.
        id: Unique among the forum's organisations; defaults to a slug of
            *name* (``"Ministry of Foreign Affairs"`` →
            ``"ministry-of-foreign-affairs"``).
        kind: What kind of body it is.
        country: ISO 3166-1 alpha-2 code of the state it belongs to, for
            national bodies; ``None`` for international ones or where unknown.
            Lower case is accepted and stored upper case.
        abbreviation: The standard abbreviation (``"MOST"``), if any.
        aliases: Other names the sources use for it (``"the IIT"``).
        parent_id: The id of the organisation it is part of: a department's
            ministry, an institute's university.  ``None`` for top-level bodies.
        identifiers: Its identifiers in external schemes.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    """

    name: str
    id: str = attrs.field(default=attrs.Factory(_slug_of("name"), takes_self=True))
    kind: OrganizationKind
    country: str | None = attrs.field(default=None, converter=_normalize_country)
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    parent_id: str | None = None
    identifiers: tuple[Identifier, ...] = ()

    _checks: ClassVar[dict[str, _Check]] = {
        "name": _TEXT,
        "id": _TEXT,
        "kind": _IsA(OrganizationKind),
        "country": _OPTIONAL_COUNTRY,
        "abbreviation": _OPTIONAL_TEXT,
        "aliases": _TEXTS,
        "parent_id": _OPTIONAL_TEXT,
        "identifiers": _TupleOf(_IsA(Identifier)),
    }


@attrs.frozen(kw_only=True)
class Role(_Validated):
    """One position a speaker holds.

    Attributes:
        title: The position, as the source words it: ``"vice-minister"``,
            ``"dean"``, ``"Turing Award winner"``.
        organization_id: The id of the organisation the position is in;
            ``None`` for a distinction held outside any organisation.

    Raises:
        ValidationError: If any field is invalid.  Whether the organisation
            exists is checked by the :class:`Forum` that holds the role.

    .. versionadded:: 0.1.0
    """

    title: str
    organization_id: str | None = None

    _checks: ClassVar[dict[str, _Check]] = {
        "title": _TEXT,
        "organization_id": _OPTIONAL_TEXT,
    }


@attrs.frozen(kw_only=True)
class Speaker(_Validated):
    """A person who takes part in a forum.

    Attributes:
        name: The person's name as the source writes it.
        id: Unique among the forum's speakers; defaults to a slug of *name*
            (``"Li Meng"`` → ``"li-meng"``).
        roles: The positions the person holds, in the source's order.
        country: The person's own country (ISO 3166-1 alpha-2), only where a
            source states it.  A speaker's *affiliation* comes from the
            organisations of their roles; queries by country use both.
        aliases: Other names the sources use for the person.
        identifiers: The person's identifiers in external schemes.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    """

    name: str
    id: str = attrs.field(default=attrs.Factory(_slug_of("name"), takes_self=True))
    roles: tuple[Role, ...] = ()
    country: str | None = attrs.field(default=None, converter=_normalize_country)
    aliases: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()

    _checks: ClassVar[dict[str, _Check]] = {
        "name": _TEXT,
        "id": _TEXT,
        "roles": _TupleOf(_IsA(Role)),
        "country": _OPTIONAL_COUNTRY,
        "aliases": _TEXTS,
        "identifiers": _TupleOf(_IsA(Identifier)),
    }


def _statement_id(statement: Any) -> str:  # noqa: ANN401 - a half-built Statement
    speaker_id, text = statement.speaker_id, statement.text
    if type(speaker_id) is not str or type(text) is not str:
        return ""  # the checks report the bad fields
    return f"{slugify(speaker_id)}-{stable_digest(speaker_id, text)}"


@attrs.frozen(kw_only=True)
class Statement(_Validated):
    """Something a speaker said, as a source reports it.

    Attributes:
        speaker_id: The id of the speaker who said it.
        text: What was said, in the source's own wording.  For reported
            speech this is what follows the reporting verb.
        id: Unique among all statements of the forum.  Defaults to the
            speaker id and a digest of *text*, the same in every process
            (``"li-meng-3f2a9c1e"``).
        verb: The reporting verb the source uses: ``"stressed"``,
            ``"pointed out"``.
        kind: Whether *text* is reported speech or a verbatim quote.
        topics: Lower-case topic tags (``"privacy"``, ``"security"``).

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    """

    speaker_id: str
    text: str
    id: str = attrs.field(default=attrs.Factory(_statement_id, takes_self=True))
    verb: str | None = None
    kind: StatementKind = StatementKind.PARAPHRASE
    topics: tuple[str, ...] = ()

    _checks: ClassVar[dict[str, _Check]] = {
        "speaker_id": _TEXT,
        "text": _TEXT,
        "id": _TEXT,
        "verb": _OPTIONAL_TEXT,
        "kind": _IsA(StatementKind),
        "topics": _TupleOf(_check_topic, unique=True),
    }


@attrs.frozen(kw_only=True)
class Session(_Validated):
    """A part of a forum: a ceremony, a plenary, a panel.

    Attributes:
        title: The session's title.
        id: Unique among the forum's sessions; defaults to a slug of *title*.
        kind: What kind of session it is.
        chair_ids: Ids of the speakers who chaired or hosted it.
        speaker_ids: Ids of the other speakers in it, such as keynote
            speakers whose words the source does not report.  Speakers of
            *statements* need not be listed again.
        statements: What was said in it, in order.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    """

    title: str
    id: str = attrs.field(default=attrs.Factory(_slug_of("title"), takes_self=True))
    kind: SessionKind
    chair_ids: tuple[str, ...] = ()
    speaker_ids: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()

    _checks: ClassVar[dict[str, _Check]] = {
        "title": _TEXT,
        "id": _TEXT,
        "kind": _IsA(SessionKind),
        "chair_ids": _IDS,
        "speaker_ids": _IDS,
        "statements": _TupleOf(_IsA(Statement)),
    }


@attrs.frozen(kw_only=True)
class Source(_Validated):
    """A document a forum's data comes from.

    Attributes:
        title: The document's title.
        url: Where it can be read, if known.
        publisher: Who published it.
        published: When it was published, if known.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    """

    title: str
    url: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None

    _checks: ClassVar[dict[str, _Check]] = {
        "title": _TEXT,
        "url": _OPTIONAL_TEXT,
        "publisher": _OPTIONAL_TEXT,
        "published": _Optional(_check_date),
    }


@attrs.frozen(kw_only=True)
class Forum(_Validated):
    """A forum: the aggregate that owns everything said and everyone in it.

    Organisations and speakers are stored once, here; sessions, statements,
    roles and the forum's hosts and supporters refer to them by id.

    Attributes:
        name: The forum's name.
        id: A stable id for the forum; defaults to a slug of *name*.
        start_date: The day it began.
        end_date: The day it ended, for forums of more than one day.
        location: Where it took place, as the source words it.
        host_ids: Ids of the organisations that hosted it.
        supporter_ids: Ids of the organisations that supported it.
        countries: Participating countries (ISO 3166-1 alpha-2), as the
            source lists them.
        attendance: How many people attended, where the source says; a
            lower bound where the source says "more than".
        organizations: Every organisation referred to in the forum.
        speakers: Everyone who took part.
        sessions: The forum's sessions, in order.
        sources: The documents the data comes from.

    Raises:
        ValidationError: If any field is invalid, an id is used twice for the
            same kind of object, an id refers to nothing, or organisations'
            ``parent_id`` links form a cycle.  Every problem is listed.

    .. versionadded:: 0.1.0
    """

    name: str
    id: str = attrs.field(default=attrs.Factory(_slug_of("name"), takes_self=True))
    start_date: datetime.date
    end_date: datetime.date | None = None
    location: str | None = None
    host_ids: tuple[str, ...] = ()
    supporter_ids: tuple[str, ...] = ()
    countries: tuple[str, ...] = attrs.field(default=(), converter=_normalize_codes)
    attendance: int | None = None
    organizations: tuple[Organization, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    sessions: tuple[Session, ...] = ()
    sources: tuple[Source, ...] = ()

    _checks: ClassVar[dict[str, _Check]] = {
        "name": _TEXT,
        "id": _TEXT,
        "start_date": _check_date,
        "end_date": _Optional(_check_date),
        "location": _OPTIONAL_TEXT,
        "host_ids": _IDS,
        "supporter_ids": _IDS,
        "countries": _TupleOf(_check_country, unique=True),
        "attendance": _Optional(_check_count),
        "organizations": _TupleOf(_IsA(Organization)),
        "speakers": _TupleOf(_IsA(Speaker)),
        "sessions": _TupleOf(_IsA(Session)),
        "sources": _TupleOf(_IsA(Source)),
    }

    def __attrs_post_init__(self) -> None:
        errors = _run_checks(self, self._checks)
        # Cross-references are only meaningful once every field has its type.
        if not errors:
            errors = list(_forum_integrity(self))
        _raise_if(errors, self)

    # Lookups, answered from indexes built on first use (see aigov.query).

    def organization(self, organization_id: str, /) -> Organization:
        """Return the organisation with id *organization_id*.

        Raises:
            ValidationError: If the forum has no organisation with that id;
                the message suggests the closest name.

        .. versionadded:: 0.1.0
        """
        return _index.organization(self, organization_id)

    def speaker(self, speaker_id: str, /) -> Speaker:
        """Return the speaker with id *speaker_id*.

        Raises:
            ValidationError: If the forum has no speaker with that id.

        .. versionadded:: 0.1.0
        """
        return _index.speaker(self, speaker_id)

    def session(self, session_id: str, /) -> Session:
        """Return the session with id *session_id*.

        Raises:
            ValidationError: If the forum has no session with that id.

        .. versionadded:: 0.1.0
        """
        return _index.session(self, session_id)

    def statement(self, statement_id: str, /) -> Statement:
        """Return the statement with id *statement_id*, from any session.

        Raises:
            ValidationError: If the forum has no statement with that id.

        .. versionadded:: 0.1.0
        """
        return _index.statement(self, statement_id)

    def all_statements(self) -> tuple[Statement, ...]:
        """Return every statement of the forum: session by session, in order.

        .. versionadded:: 0.1.0
        """
        return _index.all_statements(self)

    def affiliations(self, speaker: Speaker | str, /) -> tuple[Organization, ...]:
        """Return the organisations a speaker belongs to, with their ancestors.

        For each of the speaker's roles in turn: the role's organisation,
        then the organisation it is part of, and so on up to a top-level
        one.  Each organisation is listed once, where first reached.

        Args:
            speaker: A speaker of this forum, or a speaker's id.

        Raises:
            ValidationError: If *speaker* is an id no speaker of the forum
                has, or one of its roles is in an organisation the forum
                lacks.

        .. versionadded:: 0.1.0
        """
        return _index.affiliations(self, speaker)


#: Every model class, each after the classes it holds: generated code for a
#: class can then use that of its fields' classes.
MODEL_CLASSES: tuple[type, ...] = (
    Identifier,
    Role,
    Organization,
    Speaker,
    Statement,
    Session,
    Source,
    Forum,
)


# --- forum integrity -----------------------------------------------------------


def _unique_ids(items: Iterable[tuple[str, str]], noun: str) -> Iterator[ErrorDetail]:
    first_seen: dict[str, str] = {}
    for location, id_ in items:
        if id_ in first_seen:
            msg = f"duplicate {noun} id {describe_value(id_)} (first at {first_seen[id_]})"
            yield ErrorDetail(location, msg, id_)
        else:
            first_seen[id_] = location


def _dangling(
    location: str, id_: str | None, known: Iterable[str] | set[str], noun: str
) -> Iterator[ErrorDetail]:
    if id_ is not None and id_ not in known:
        yield ErrorDetail(location, f"{describe_value(id_)} refers to no {noun}", id_)


def _forum_integrity(forum: Forum) -> Iterator[ErrorDetail]:
    if forum.end_date is not None and forum.end_date < forum.start_date:
        msg = f"{forum.end_date.isoformat()} is before start_date {forum.start_date.isoformat()}"
        yield ErrorDetail("end_date", msg, forum.end_date)

    yield from _duplicate_ids(forum)
    yield from _dangling_references(forum)
    yield from _parent_cycles(forum.organizations)


def _duplicate_ids(forum: Forum) -> Iterator[ErrorDetail]:
    yield from _unique_ids(
        ((f"organizations[{i}].id", o.id) for i, o in enumerate(forum.organizations)),
        "organization",
    )
    yield from _unique_ids(
        ((f"speakers[{i}].id", s.id) for i, s in enumerate(forum.speakers)), "speaker"
    )
    yield from _unique_ids(
        ((f"sessions[{i}].id", s.id) for i, s in enumerate(forum.sessions)), "session"
    )
    yield from _unique_ids(
        (
            (f"sessions[{i}].statements[{j}].id", statement.id)
            for i, session in enumerate(forum.sessions)
            for j, statement in enumerate(session.statements)
        ),
        "statement",
    )


def _dangling_references(forum: Forum) -> Iterator[ErrorDetail]:
    orgs = {o.id for o in forum.organizations}
    speakers = {s.id for s in forum.speakers}

    for field in ("host_ids", "supporter_ids"):
        for i, org_id in enumerate(getattr(forum, field)):
            yield from _dangling(f"{field}[{i}]", org_id, orgs, "organization")
    for i, org in enumerate(forum.organizations):
        yield from _dangling(
            f"organizations[{i}].parent_id", org.parent_id, orgs, "organization"
        )
    for i, speaker in enumerate(forum.speakers):
        for j, role in enumerate(speaker.roles):
            yield from _dangling(
                f"speakers[{i}].roles[{j}].organization_id",
                role.organization_id,
                orgs,
                "organization",
            )
    for i, session in enumerate(forum.sessions):
        for field in ("chair_ids", "speaker_ids"):
            for j, speaker_id in enumerate(getattr(session, field)):
                yield from _dangling(
                    f"sessions[{i}].{field}[{j}]", speaker_id, speakers, "speaker"
                )
        for j, statement in enumerate(session.statements):
            yield from _dangling(
                f"sessions[{i}].statements[{j}].speaker_id",
                statement.speaker_id,
                speakers,
                "speaker",
            )


def _parent_cycles(organizations: tuple[Organization, ...]) -> Iterator[ErrorDetail]:
    # Walk each chain of parents once; an organisation already known to reach
    # a root (or a reported cycle) ends the walk, so the whole check is linear.
    by_id = {org.id: org for org in organizations}
    index_of = {org.id: i for i, org in enumerate(organizations)}
    settled: set[str] = set()
    for org in organizations:
        path: list[str] = []
        on_path: set[str] = set()
        current: Organization | None = org
        while current is not None and current.id not in settled:
            if current.id in on_path:
                cycle = [*path[path.index(current.id) :], current.id]
                msg = "parent_id links form a cycle: " + " -> ".join(cycle)
                location = f"organizations[{index_of[current.id]}].parent_id"
                yield ErrorDetail(location, msg, current.parent_id)
                break
            path.append(current.id)
            on_path.add(current.id)
            parent = current.parent_id
            current = by_id.get(parent) if parent is not None else None
        settled.update(path)
