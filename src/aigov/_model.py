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
import functools
import operator
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, Generic, TypeVar

import attrs

from aigov._fields import (
    DERIVED,
    MAX_COUNT,
    MAX_PROBLEMS_PER_ARRAY,
    UNIQUE,
    Count,
    CountryCode,
    FieldSpec,
    Id,
    LongText,
    Text,
    Topic,
    derived,
    field_problems,
    fields_of,
)
from aigov._text import describe_value, slugify, stable_digest, suggestion
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "MAX_COUNT",
    "MODEL_CLASSES",
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


# --- how every class checks itself -----------------------------------------------

C = TypeVar("C", bound=type)


def _slug_of(attribute: str) -> Callable[[Any], str]:
    def default_id(instance: Any) -> str:  # noqa: ANN401 - any model instance
        name = getattr(instance, attribute)
        # A bad name is reported by the checks; the id must not crash first.
        return slugify(name) if type(name) is str else ""

    return default_id


def _checked(cls: C) -> C:
    """Make the attrs class *cls* check its fields, as declared, on construction.

    The generated ``__init__`` is wrapped: after attrs has set the fields,
    every field is normalised (country codes upper case, enum values as
    members), derived ids are filled in, and every field is checked against
    its declaration (see ``aigov._fields``); a class may add whole-object
    checks in ``_check_whole``.  Every problem is reported at once.  The
    checks live in ``__init__``, not in ``__attrs_post_init__``, so that the
    fast loaders, which build objects without calling ``__init__`` and check
    them in bulk, do not pay for them twice.
    """
    attrs_init = cls.__init__  # type: ignore[misc]
    fields = fields_of(cls)
    normalized = tuple(f for f in fields if f.spec.normalizes)
    derives = tuple(f for f in fields if f.derive is not None)
    whole = getattr(cls, "_check_whole", None)

    @functools.wraps(attrs_init)
    def __init__(self: Any, **kwargs: Any) -> None:  # noqa: ANN401, N807 - any model
        attrs_init(self, **kwargs)
        for field in normalized:
            value = getattr(self, field.name)
            new = field.spec.normalize(value)
            if new is not value:
                object.__setattr__(self, field.name, new)
        derive_ids(self, derives)
        errors = [ErrorDetail(*p) for p in field_problems(self, fields)]
        if not errors and whole is not None:
            errors = list(whole(self))
        if errors:
            raise ValidationError(errors, subject=cls.__name__)

    cls.__init__ = __init__  # type: ignore[misc]
    return cls


def derive_ids(obj: object, derives: Iterable[FieldSpec]) -> None:
    """Fill in the derived ids that *obj* was built without."""
    for field in derives:
        if getattr(obj, field.name) is DERIVED:
            object.__setattr__(obj, field.name, field.derive(obj))  # type: ignore[misc]


# --- the model ---------------------------------------------------------------


@_checked
@attrs.frozen(kw_only=True)
class Identifier:
    """An identifier of a speaker or organisation in an external scheme.

    Attributes:
        scheme: The scheme, in lower case by convention: ``"wikidata"``,
            ``"ror"``, ``"orcid"``.
        value: The identifier within the scheme: ``"Q16955"``.

    Raises:
        ValidationError: If either field is not a non-blank string.

    .. versionadded:: 0.1.0
    """

    scheme: Text
    value: Text


@_checked
@attrs.frozen(kw_only=True)
class Organization:
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

    name: Text
    id: Id = derived(_slug_of("name"))
    kind: OrganizationKind
    country: CountryCode | None = None
    abbreviation: Text | None = None
    aliases: tuple[Text, ...] = ()
    parent_id: Id | None = None
    identifiers: tuple[Identifier, ...] = ()


@_checked
@attrs.frozen(kw_only=True)
class Role:
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

    title: Text
    organization_id: Id | None = None


@_checked
@attrs.frozen(kw_only=True)
class Speaker:
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

    name: Text
    id: Id = derived(_slug_of("name"))
    roles: tuple[Role, ...] = ()
    country: CountryCode | None = None
    aliases: tuple[Text, ...] = ()
    identifiers: tuple[Identifier, ...] = ()


def _statement_id(statement: Any) -> str:  # noqa: ANN401 - a half-built Statement
    speaker_id, text = statement.speaker_id, statement.text
    if type(speaker_id) is not str or type(text) is not str:
        return ""  # the checks report the bad fields
    return f"{slugify(speaker_id)}-{stable_digest(speaker_id, text)}"


@_checked
@attrs.frozen(kw_only=True)
class Statement:
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

    speaker_id: Id
    text: LongText
    id: Id = derived(_statement_id)
    verb: Text | None = None
    kind: StatementKind = StatementKind.PARAPHRASE
    topics: Annotated[tuple[Topic, ...], UNIQUE] = ()


@_checked
@attrs.frozen(kw_only=True)
class Session:
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

    title: Text
    id: Id = derived(_slug_of("title"))
    kind: SessionKind
    chair_ids: Annotated[tuple[Id, ...], UNIQUE] = ()
    speaker_ids: Annotated[tuple[Id, ...], UNIQUE] = ()
    statements: tuple[Statement, ...] = ()


@_checked
@attrs.frozen(kw_only=True)
class Source:
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

    title: Text
    url: Text | None = None
    publisher: Text | None = None
    published: datetime.date | None = None


@_checked
@attrs.frozen(kw_only=True)
class Forum:
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

    name: Text
    id: Id = derived(_slug_of("name"))
    start_date: datetime.date
    end_date: datetime.date | None = None
    location: Text | None = None
    host_ids: Annotated[tuple[Id, ...], UNIQUE] = ()
    supporter_ids: Annotated[tuple[Id, ...], UNIQUE] = ()
    countries: Annotated[tuple[CountryCode, ...], UNIQUE] = ()
    attendance: Count | None = None
    organizations: tuple[Organization, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    sessions: tuple[Session, ...] = ()
    sources: tuple[Source, ...] = ()

    def _check_whole(self) -> Iterator[ErrorDetail]:
        # Cross-references are only meaningful once every field is valid.
        return _forum_integrity(self)

    # Lookups, answered from tables built on first use.

    def organization(self, organization_id: str, /) -> Organization:
        """Return the organisation with id *organization_id*.

        Raises:
            ValidationError: If the forum has no organisation with that id;
                the message suggests the closest name.

        .. versionadded:: 0.1.0
        """
        return _tables(self).organizations.find(organization_id)

    def speaker(self, speaker_id: str, /) -> Speaker:
        """Return the speaker with id *speaker_id*.

        Raises:
            ValidationError: If the forum has no speaker with that id.

        .. versionadded:: 0.1.0
        """
        return _tables(self).speakers.find(speaker_id)

    def session(self, session_id: str, /) -> Session:
        """Return the session with id *session_id*.

        Raises:
            ValidationError: If the forum has no session with that id.

        .. versionadded:: 0.1.0
        """
        return _tables(self).sessions.find(session_id)

    def statement(self, statement_id: str, /) -> Statement:
        """Return the statement with id *statement_id*, from any session.

        Raises:
            ValidationError: If the forum has no statement with that id.

        .. versionadded:: 0.1.0
        """
        return _tables(self).statements.find(statement_id)

    def all_statements(self) -> tuple[Statement, ...]:
        """Return every statement of the forum: session by session, in order.

        .. versionadded:: 0.1.0
        """
        return _tables(self).statements.items

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
        roles = (
            self.speaker(speaker).roles if isinstance(speaker, str) else speaker.roles
        )
        organizations = _tables(self).organizations
        found: dict[str, Organization] = {}
        for role in roles:
            current = role.organization_id
            # A Forum has no parent cycles, so every walk ends at a root.
            while current is not None and current not in found:
                organization = organizations.find(current)
                found[current] = organization
                current = organization.parent_id
        return tuple(found.values())


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

    # Each check stops after as many problems as an array does, so that a
    # document of 100,000 dangling references gives a short report.
    yield from _capped(_duplicate_ids(forum), "duplicate ids")
    yield from _capped(_dangling_references(forum), "references to nothing")
    yield from _capped(_parent_cycles(forum.organizations), "parent_id cycles")


def _capped(problems: Iterator[ErrorDetail], what: str) -> Iterator[ErrorDetail]:
    for count, problem in enumerate(problems):
        if count == MAX_PROBLEMS_PER_ARRAY:
            more = sum(1 for _ in problems) + 1
            msg = (
                f"stopped after {MAX_PROBLEMS_PER_ARRAY} {what}; {more} more not listed"
            )
            yield ErrorDetail("", msg)
            return
        yield problem


_ID = operator.attrgetter("id")


def _duplicate_ids(forum: Forum) -> Iterator[ErrorDetail]:
    statements = _tables(forum).statements.items
    # Counted in C first: locations are only built where a duplicate is.
    if _all_distinct(forum.organizations, forum.speakers, forum.sessions, statements):
        return
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


def _all_distinct(*groups: tuple[Any, ...]) -> bool:
    return all(len(set(map(_ID, group))) == len(group) for group in groups)


def _dangling_references(forum: Forum) -> Iterator[ErrorDetail]:  # noqa: C901 - one loop per kind of reference
    orgs = set(map(_ID, forum.organizations))
    speakers = set(map(_ID, forum.speakers))
    if _references_resolve(forum, orgs, speakers):
        return
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


def _references_resolve(forum: Forum, orgs: set[str], speakers: set[str]) -> bool:
    """Whether every reference resolves: in bulk, in C, for the usual valid forum."""
    org_refs: set[str | None] = {*forum.host_ids, *forum.supporter_ids}
    org_refs.update(map(operator.attrgetter("parent_id"), forum.organizations))
    org_refs.update(r.organization_id for s in forum.speakers for r in s.roles)
    org_refs.discard(None)
    speaker_refs = set(
        map(operator.attrgetter("speaker_id"), _tables(forum).statements.items)
    )
    for session in forum.sessions:
        speaker_refs.update(session.chair_ids, session.speaker_ids)
    return org_refs <= orgs and speaker_refs <= speakers


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
                msg = "parent_id links form a cycle: " + _describe_cycle(cycle)
                location = f"organizations[{index_of[current.id]}].parent_id"
                yield ErrorDetail(location, msg, current.parent_id)
                break
            path.append(current.id)
            on_path.add(current.id)
            parent = current.parent_id
            current = by_id.get(parent) if parent is not None else None
        settled.update(path)


# --- lookups -----------------------------------------------------------------------

_O = TypeVar("_O", Organization, Speaker, Session, Statement)

#: Forums with this many objects of a kind or fewer have them all listed
#: when an id is not found.
_LISTED_NAMES = 8


class _Table(Generic[_O]):
    """The objects of one kind of a forum, found by id."""

    def __init__(self, items: tuple[_O, ...], noun: str) -> None:
        self.items: tuple[_O, ...] = items
        self.noun = noun

    @functools.cached_property
    def by_id(self) -> dict[str, _O]:
        return {item.id: item for item in self.items}

    def find(self, id_: str) -> _O:
        found = self.by_id.get(id_)
        if found is not None:
            return found
        names = [_name_of(item) for item in self.items]
        # Callers without a type checker may look up anything.
        hint = suggestion(id_, names) if isinstance(id_, str) else ""  # type: ignore[redundant-expr]
        if not hint and 0 < len(names) <= _LISTED_NAMES:
            # Few enough to list: the user sees at once what there is.
            hint = "; it has " + ", ".join(repr(name) for name in names)
        msg = f"{describe_value(id_)} is the id of no {self.noun} in this forum{hint}"
        raise ValidationError.single(msg, id_, location=f"{self.noun}_id")


def _name_of(item: object) -> str:
    if isinstance(item, Statement):
        return item.id
    return str(getattr(item, "name", None) or getattr(item, "title", ""))


@attrs.frozen
class _Tables:
    organizations: _Table[Organization]
    speakers: _Table[Speaker]
    sessions: _Table[Session]
    statements: _Table[Statement]


#: Per live forum (by identity: hashing a forum costs time in its size), its
#: lookup tables; a weak reference, so that the cache keeps no forum alive.
_TABLES: dict[int, tuple[weakref.ref[Forum], _Tables]] = {}


def _tables(forum: Forum) -> _Tables:
    key = id(forum)
    entry = _TABLES.get(key)
    if entry is not None and entry[0]() is forum:
        return entry[1]
    statements = tuple(s for session in forum.sessions for s in session.statements)
    tables = _Tables(
        _Table(forum.organizations, "organization"),
        _Table(forum.speakers, "speaker"),
        _Table(forum.sessions, "session"),
        _Table(statements, "statement"),
    )
    _TABLES[key] = (weakref.ref(forum, functools.partial(_forget, key)), tables)
    return tables


def _forget(key: int, _: object) -> None:
    _TABLES.pop(key, None)


#: How many ids of a parent_id cycle a message names.
_LONGEST_CYCLE_SHOWN = 10


def _describe_cycle(cycle: list[str]) -> str:
    # Ids are quoted (and so escaped) and a long cycle is shortened: a
    # message must never carry terminal control codes or megabytes.
    shown = " -> ".join(describe_value(id_) for id_ in cycle[:_LONGEST_CYCLE_SHOWN])
    if len(cycle) > _LONGEST_CYCLE_SHOWN:
        shown += f" -> ... ({len(cycle) - 1} organizations in all)"
    return shown
