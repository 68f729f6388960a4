"""Popolo JSON: forums as events, speakers as persons, statements as speeches.

Writing maps every field Popolo has a property for onto that property and
puts the rest in one extension object per item, under :data:`EXTENSION`, so
that reading an aigov export gives back exactly the forums written.  Reading
also takes Popolo that aigov did not write: every value it cannot hold is
reported as a :class:`PopoloNote`, and every invalid one is a
:class:`~aigov.ValidationError` located in the Popolo document.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

from aigov import _files
from aigov._convert import SCHEMA_VERSION, parse_when
from aigov._corpus import Corpus, forums_of
from aigov._fields import DERIVED
from aigov._io import _decode, from_dict, to_dict
from aigov._limits import MAX_DOCUMENT_SIZE
from aigov._model import (
    Count,
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
from aigov._text import describe_key, describe_value, join_location
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "EXTENSION",
    "PopoloImport",
    "PopoloNote",
    "from_popolo",
    "read_popolo",
    "to_popolo",
    "write_popolo",
]

#: The key of the extension object aigov adds to every item it writes.
EXTENSION: Final = "aigov"

#: The arrays of a Popolo document that aigov reads, in the order it writes them.
ARRAYS: Final = ("persons", "organizations", "memberships", "events", "speeches")

#: The keys each kind of item's extension may hold.
EXTENSION_KEYS: Final[Mapping[str, frozenset[str]]] = {
    "forum": frozenset(
        {
            "schema_version",
            "id",
            "host_ids",
            "supporter_ids",
            "countries",
            "attendance",
            "sources",
            "series",
            "partial",
        }
    ),
    "session": frozenset(
        {"schema_version", "id", "participants", "partial", "evidence"}
    ),
    "person": frozenset(
        {
            "schema_version",
            "forum",
            "id",
            "kind",
            "country",
            "name_languages",
            "roles",
            "evidence",
        }
    ),
    "organization": frozenset(
        {"schema_version", "forum", "id", "country", "name_languages", "evidence"}
    ),
    "membership": frozenset({"schema_version", "country", "evidence"}),
    "speech": frozenset({"schema_version", "id", "verb", "kind", "topics", "evidence"}),
}

#: Organization classifications common in Popolo files (EveryPolitician's
#: parties, the specification's own example) that are no aigov kind, with the
#: kind they are read as; the reading is noted.  Any other classification
#: that is not an aigov kind is an error.
POPOLO_CLASSIFICATIONS: Final[Mapping[str, OrganizationKind]] = {
    "party": OrganizationKind.OTHER,
    "committee": OrganizationKind.OTHER,
}

#: The note that marks an organisation's abbreviation among its ``other_names``.
ABBREVIATION_NOTE: Final = "abbreviation"

#: The speech role of a statement whose speaker chairs its session.
CHAIR_ROLE: Final = "chair"
#: The speech role of any other statement.
SPEAKER_ROLE: Final = "speaker"


@attrs.frozen(kw_only=True)
class PopoloNote:
    """Something of a Popolo document that aigov could not carry.

    Attributes:
        location: Where it is in the Popolo document:
            ``"memberships[3].start_date"``.
        message: What it is and what became of it.

    .. versionadded:: 0.2.0
    """

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location or '(top level)'}: {self.message}"


@attrs.frozen(kw_only=True)
class PopoloImport:
    """What :func:`from_popolo` reads from a Popolo document.

    Attributes:
        corpus: One forum per event that is part of no other event, with
            its sub-events as sessions and their speeches as statements.
        persons: Every person of the document as a :class:`~aigov.Speaker`,
            whether or not they spoke: ids, and the organisation ids of their
            roles, are the document's own.  For
            :meth:`Corpus.people(reference=...) <aigov.Corpus.people>`.
        notes: What could not be carried, item by item, in document order.

    .. versionadded:: 0.2.0
    """

    corpus: Corpus
    persons: tuple[Speaker, ...] = ()
    notes: tuple[PopoloNote, ...] = ()


# --- writing ---------------------------------------------------------------------------


def escape_id(id_: str) -> str:
    """*id_* with ``%`` and ``/`` percent-encoded, so that ``/`` can join ids."""
    return id_.replace("%", "%25").replace("/", "%2F")


def _extension(**fields: object) -> dict[str, Any]:
    found: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    found.update(
        (key, value) for key, value in fields.items() if value not in (None, [], ())
    )
    return found


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [to_dict(passage) for passage in evidence]


def _other_names(
    leading: Iterable[dict[str, str]], aliases: tuple[str, ...], names: tuple[Name, ...]
) -> tuple[list[dict[str, str]], list[str | None]]:
    """Popolo ``other_names`` and, for the extension, each one's language."""
    entries = [*leading, *({"name": alias} for alias in aliases)]
    languages: list[str | None] = [None] * len(entries)
    entries.extend({"name": name.text} for name in names)
    languages.extend(name.lang for name in names)
    return entries, languages


def _identifiers(identifiers: tuple[Identifier, ...]) -> list[dict[str, str]]:
    return [{"scheme": i.scheme, "identifier": i.value} for i in identifiers]


def _put(item: dict[str, Any], key: str, value: object) -> None:
    if value not in (None, [], ()):
        item[key] = value


class _Writer:
    """The Popolo items of one forum, appended to a document's arrays."""

    def __init__(self, forum: Forum, document: dict[str, list[dict[str, Any]]]) -> None:
        self.forum = forum
        self.document = document
        self.event_id = escape_id(forum.id)

    def popolo_id(self, kind: str, id_: str) -> str:
        return f"{self.event_id}/{kind}/{escape_id(id_)}"

    def write(self) -> None:
        forum = self.forum
        org_ids = {
            o.id: self.popolo_id("organization", o.id) for o in forum.organizations
        }
        person_ids = {s.id: self.popolo_id("person", s.id) for s in forum.speakers}
        self.document["events"].append(self.forum_event(org_ids))
        for organization in forum.organizations:
            self.document["organizations"].append(
                self.organization(organization, org_ids)
            )
        for speaker in forum.speakers:
            self.document["persons"].append(self.person(speaker, person_ids))
            for position, role in enumerate(speaker.roles):
                if role.organization_id is not None:
                    self.document["memberships"].append(
                        self.membership(speaker, position, role, person_ids, org_ids)
                    )
        for session in forum.sessions:
            self.document["events"].append(self.session(session, person_ids))
            chairs = {
                p.speaker_id for p in session.participants if p.part is Part.CHAIR
            }
            event_id = self.popolo_id("session", session.id)
            for position, statement in enumerate(session.statements):
                self.document["speeches"].append(
                    self.speech(statement, position, event_id, chairs, person_ids)
                )

    def forum_event(self, org_ids: dict[str, str]) -> dict[str, Any]:
        forum = self.forum
        event: dict[str, Any] = {"id": self.event_id, "name": forum.name}
        _put(event, "start_date", _when(forum.start_date))
        _put(event, "end_date", _when(forum.end_date))
        _put(event, "location", forum.location)
        if forum.host_ids:
            event["organization_id"] = org_ids[forum.host_ids[0]]
        links = [
            {"url": source.url, "note": source.title}
            for source in forum.sources
            if source.url is not None
        ]
        _put(event, "sources", links)
        event[EXTENSION] = _extension(
            id=forum.id,
            host_ids=[org_ids[id_] for id_ in forum.host_ids[1:]],
            supporter_ids=[org_ids[id_] for id_ in forum.supporter_ids],
            countries=list(forum.countries),
            attendance=None if forum.attendance is None else to_dict(forum.attendance),
            sources=[to_dict(source) for source in forum.sources],
            series=forum.series,
            partial=list(forum.partial),
        )
        return event

    def organization(
        self, organization: Organization, org_ids: dict[str, str]
    ) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": org_ids[organization.id],
            "name": organization.name,
            "classification": organization.kind.value,
        }
        if organization.parent_id is not None:
            item["parent_id"] = org_ids[organization.parent_id]
        leading = (
            [{"name": organization.abbreviation, "note": ABBREVIATION_NOTE}]
            if organization.abbreviation is not None
            else []
        )
        other_names, languages = _other_names(
            leading, organization.aliases, organization.names
        )
        _put(item, "other_names", other_names)
        _put(item, "identifiers", _identifiers(organization.identifiers))
        item[EXTENSION] = _extension(
            forum=self.event_id,
            id=organization.id,
            country=organization.country,
            name_languages=languages if any(languages) else None,
            evidence=_evidence(organization.evidence),
        )
        return item

    def person(self, speaker: Speaker, person_ids: dict[str, str]) -> dict[str, Any]:
        item: dict[str, Any] = {"id": person_ids[speaker.id], "name": speaker.name}
        other_names, languages = _other_names((), speaker.aliases, speaker.names)
        _put(item, "other_names", other_names)
        _put(item, "identifiers", _identifiers(speaker.identifiers))
        roles = [
            {"position": position, **to_dict(role)}
            for position, role in enumerate(speaker.roles)
            if role.organization_id is None
        ]
        for role in roles:
            del role["organization_id"]
        item[EXTENSION] = _extension(
            forum=self.event_id,
            id=speaker.id,
            kind=None if speaker.kind is SpeakerKind.PERSON else speaker.kind.value,
            country=speaker.country,
            name_languages=languages if any(languages) else None,
            roles=roles,
            evidence=_evidence(speaker.evidence),
        )
        return item

    def membership(
        self,
        speaker: Speaker,
        position: int,
        role: Role,
        person_ids: dict[str, str],
        org_ids: dict[str, str],
    ) -> dict[str, Any]:
        assert role.organization_id is not None  # noqa: S101 - only such roles come here
        return {
            "id": f"{self.popolo_id('membership', speaker.id)}/{position}",
            "person_id": person_ids[speaker.id],
            "organization_id": org_ids[role.organization_id],
            "role": role.title,
            EXTENSION: _extension(
                country=role.country, evidence=_evidence(role.evidence)
            ),
        }

    def session(self, session: Session, person_ids: dict[str, str]) -> dict[str, Any]:
        event: dict[str, Any] = {
            "id": self.popolo_id("session", session.id),
            "name": session.title,
            "classification": session.kind.value,
            "parent_id": self.event_id,
        }
        _put(event, "start_date", _when(session.date))
        event[EXTENSION] = _extension(
            id=session.id,
            participants=[
                {"person_id": person_ids[p.speaker_id], "part": p.part.value}
                for p in session.participants
            ],
            partial=list(session.partial),
            evidence=_evidence(session.evidence),
        )
        return event

    def speech(
        self,
        statement: Statement,
        position: int,
        event_id: str,
        chairs: set[str],
        person_ids: dict[str, str],
    ) -> dict[str, Any]:
        return {
            "id": self.popolo_id("statement", statement.id),
            "creator_id": person_ids[statement.speaker_id],
            "role": CHAIR_ROLE if statement.speaker_id in chairs else SPEAKER_ROLE,
            "text": statement.text,
            "position": position,
            "event_id": event_id,
            EXTENSION: _extension(
                id=statement.id,
                verb=statement.verb,
                kind=None
                if statement.kind is StatementKind.PARAPHRASE
                else statement.kind.value,
                topics=list(statement.topics),
                evidence=_evidence(statement.evidence),
            ),
        }


def _when(value: datetime.date | PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def to_popolo(data: Forum | Corpus) -> dict[str, Any]:
    """Return *data* as a Popolo JSON document.

    The document is one object with the arrays ``persons``,
    ``organizations``, ``memberships``, ``events`` and ``speeches``: each
    forum is an event, each of its sessions an event whose ``parent_id`` is
    the forum's, each speaker a person, each organisation an organization,
    each role in an organisation a membership and each statement a speech.
    Ids are prefixed with the forum's id (``forum/person/li-meng``), so that
    they are unique across a corpus.  What Popolo has no property for is in
    each item's ``"aigov"`` extension object; see :doc:`/popolo`.

    Args:
        data: A forum, or a corpus of forums.

    Returns:
        A new ``dict`` of JSON-native values; :func:`from_popolo` reads it
        back as the same forums.

    Raises:
        aigov.exceptions.ArgumentTypeError: If *data* is neither a
            :class:`~aigov.Forum` nor a :class:`~aigov.Corpus` (a
            :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    document: dict[str, list[dict[str, Any]]] = {key: [] for key in ARRAYS}
    for forum in forums_of(data):
        _Writer(forum, document).write()
    return dict(document)


def write_popolo(
    data: Forum | Corpus, path: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write *data* to *path* as an indented UTF-8 Popolo JSON file.

    The file is written atomically, as :func:`aigov.dump` writes.

    Args:
        data: A forum, or a corpus of forums.
        path: The file to write.
        overwrite: Replace the file if it exists.

    Raises:
        FileExistsError: Without *overwrite*, if *path* exists.
        OSError: If the file cannot be written.
        aigov.exceptions.ArgumentTypeError: If *data* is neither a
            :class:`~aigov.Forum` nor a :class:`~aigov.Corpus` (a
            :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    document = to_popolo(data)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _files.write_new(path, text.encode("utf-8"), overwrite=overwrite)


def read_popolo(
    path: str | os.PathLike[str], *, max_size: int = MAX_DOCUMENT_SIZE
) -> PopoloImport:
    """Read a Popolo JSON file, as :func:`from_popolo` reads its content.

    A key given twice in one object is an error, as in aigov's own files.

    Args:
        path: The file to read.
        max_size: Refuse files larger than this many bytes, without reading
            more of them; see :data:`aigov.MAX_DOCUMENT_SIZE`.

    Returns:
        The forums, persons and notes of the document.

    Raises:
        OSError: If the file cannot be opened or read.
        ValidationError: If it is not UTF-8 JSON, or not a Popolo document
            aigov can read; every problem is located in the document.

    .. versionadded:: 0.2.0
    """
    return from_popolo(_decode(_files.read_at_most(path, max_size)))


# --- reading -------------------------------------------------------------------------

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: A date-time in Popolo's pattern: the date is kept, the time noted.
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T.*", re.DOTALL)

#: The most problems one error lists.
_MOST_PROBLEMS: Final = 100

#: The kind of item in each array, as messages name it.
_KINDS: Final = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "events": "event",
    "speeches": "speech",
}

_HEAD = re.compile(r"[^.\[]*")


class _Invalid(Exception):  # noqa: N818 - a signal inside the reader, never raised out
    """The document has problems; they are in the reader's list."""


@attrs.define
class _Item:
    """One Popolo object: where it is, its keys, and those read so far."""

    location: str
    data: dict[str, Any]
    kind: str
    extension: dict[str, Any] | None = None
    read: set[str] = attrs.Factory(set)


@attrs.define
class _Forum:
    """What one forum is built from while the document is read."""

    event: _Item
    id: str | None
    #: Each session: its event's Popolo id and item; ``(root id, None)`` for
    #: the session holding the speeches made at the top-level event itself.
    sessions: list[tuple[str | None, _Item | None]] = attrs.Factory(list)
    #: Whether speeches at the top-level event itself have a session yet.
    own_session: bool = False
    hosts: list[str] = attrs.Factory(list)
    supporters: list[str] = attrs.Factory(list)
    #: Per session (by its event's Popolo id): (order, position, statement).
    speeches: dict[str, list[tuple[int, int | None, Statement]]] = attrs.Factory(dict)
    #: Per session: persons whose speeches there have the role "chair".
    chairs: dict[str, list[str]] = attrs.Factory(dict)
    person_ids: set[str] = attrs.Factory(set)
    org_ids: set[str] = attrs.Factory(set)


def _type_name(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _relocated(
    detail: ErrorDetail, where: str, renames: Mapping[str, str]
) -> ErrorDetail:
    """*detail*, about an aigov object, located in the Popolo object at *where*.

    The first part of its location is the aigov field; *renames* gives the
    Popolo key that holds it.  A field without one is shown after a colon:
    ``events[0]: speakers[1].id``.
    """
    match = _HEAD.match(detail.location)
    head = match[0] if match else ""
    if head in renames:
        location = join_location(where, renames[head] + detail.location[len(head) :])
    elif detail.location:
        location = f"{where}: {detail.location}" if where else detail.location
    else:
        location = where
    return attrs.evolve(detail, location=location)


_ITEM = re.compile(r"([^.\[]*)(?:\[([0-9]+)\])?")


def _note_order(keys: list[str], note: PopoloNote) -> tuple[int, int]:
    """Where the item a note is about comes in the document: its array, its index."""
    match = _ITEM.match(note.location)
    head, index = (match[1], match[2]) if match else ("", None)
    position = keys.index(head) if head in keys else len(keys)
    return position, -1 if index is None else int(index)


class _Reader:
    """Reads one Popolo document; problems and notes collect as it goes."""

    def __init__(self, data: object) -> None:
        self.data = data
        self.problems: list[ErrorDetail] = []
        self.notes: list[PopoloNote] = []
        self.items: dict[str, list[_Item]] = {}
        self.index: dict[str, dict[str, int]] = {}

    # -- problems and notes

    def fail(self, location: str, message: str, value: object = None) -> None:
        self.problems.append(ErrorDetail(location, message, value))

    def check(self) -> None:
        if self.problems:
            raise _Invalid

    def note(self, location: str, message: str) -> None:
        self.notes.append(PopoloNote(location=location, message=message))

    def build(
        self, where: str, renames: Mapping[str, str], make: Callable[[], T]
    ) -> T | None:
        """``make()``, or ``None`` with its problems located under *where*."""
        try:
            return make()
        except ValidationError as exc:
            self.problems.extend(_relocated(d, where, renames) for d in exc.errors)
            return None

    def model(self, value: object, cls: type[T], where: str) -> T | None:
        """*value*, in aigov's own JSON form, as a *cls*; ``None`` if invalid."""

        def make() -> T:
            return from_dict(value, cls)

        return self.build(where, {}, make)

    # -- values of items

    def value(self, item: _Item, key: str) -> object:
        item.read.add(key)
        return item.data.get(key)

    def wrong_type(self, where: str, expected: str, value: object) -> None:
        self.fail(where, f"expected {expected}, got {_type_name(value)}", value)

    def text(self, item: _Item, key: str, *, required: bool = False) -> str | None:
        value = self.value(item, key)
        where = join_location(item.location, key)
        if value is None:
            if required:
                self.fail(where, f"a {item.kind} needs a {key} (a string)")
            return None
        if type(value) is not str:
            self.wrong_type(where, "a string", value)
            return None
        return value

    def array(self, value: object, where: str) -> list[Any]:
        if value is None:
            return []
        if type(value) is not list:
            self.wrong_type(where, "an array", value)
            return []
        return value

    def objects(self, value: object, where: str, kind: str) -> list[_Item]:
        found = []
        for index, entry in enumerate(self.array(value, where)):
            entry_where = f"{where}[{index}]"
            if type(entry) is dict:
                found.append(_Item(entry_where, entry, kind))
            else:
                self.wrong_type(entry_where, "an object", entry)
        return found

    def when(self, item: _Item, key: str) -> datetime.date | PartialDate | None:
        value = self.text(item, key)
        if value is None:
            return None
        where = join_location(item.location, key)
        match = _DATE_TIME.fullmatch(value)
        if match is not None:
            self.note(where, "aigov keeps the date without its time of day")
            value = match[1]
        when = self.build(where, {}, functools.partial(parse_when, value, PartialDate))
        return when  # type: ignore[return-value]  # noqa: RET504 - parse_when is untyped

    def reference(self, item: _Item, key: str, array: str) -> str | None:
        """The id at *key* of *item*, which must be of an item of *array*."""
        id_ = self.text(item, key)
        if id_ is not None and id_ not in self.index[array]:
            self.dangling(join_location(item.location, key), id_, array)
            return None
        return id_

    def dangling(self, where: str, id_: object, array: str) -> None:
        msg = f"{describe_value(id_)} is the id of no {_KINDS[array]} in the document"
        self.fail(where, msg, id_)

    def unread(self, item: _Item, what: str) -> None:
        """Note each key of *item* that holds something and was not read."""
        for key, value in item.data.items():
            if key in item.read or key == EXTENSION:
                continue
            if value is None or value in ("", [], {}):  # nothing is lost
                continue
            name = describe_key(key)
            self.note(
                join_location(item.location, name),
                f"aigov has no field for {what}'s {name}; not carried",
            )

    # -- values of extensions

    def ext(self, item: _Item, key: str) -> object:
        return None if item.extension is None else item.extension.get(key)

    def ext_where(self, item: _Item, key: str) -> str:
        return join_location(join_location(item.location, EXTENSION), key)

    def ext_text(self, item: _Item, key: str) -> str | None:
        value = self.ext(item, key)
        if value is not None and type(value) is not str:
            self.wrong_type(self.ext_where(item, key), "a string", value)
            return None
        return value

    def ext_texts(self, item: _Item, key: str) -> tuple[str, ...]:
        where = self.ext_where(item, key)
        found = []
        for index, value in enumerate(self.array(self.ext(item, key), where)):
            if type(value) is str:
                found.append(value)
            else:
                self.wrong_type(f"{where}[{index}]", "a string", value)
        return tuple(found)

    def ext_models(self, item: _Item, key: str, cls: type[T]) -> tuple[T, ...]:
        where = self.ext_where(item, key)
        found = []
        for index, value in enumerate(self.array(self.ext(item, key), where)):
            built = self.model(value, cls, f"{where}[{index}]")
            if built is not None:
                found.append(built)
        return tuple(found)

    def ext_id(self, item: _Item) -> str:
        """Where an item's aigov id is: its extension's ``id``, or its own."""
        return "aigov.id" if self.ext(item, "id") is not None else "id"

    def extension_of(self, item: _Item, kind: str) -> None:
        """Check the extension of *item*, a *kind*, and keep it on the item."""
        extension = item.data.get(EXTENSION)
        if extension is None:
            return
        where = join_location(item.location, EXTENSION)
        if type(extension) is not dict:
            self.wrong_type(where, "an object", extension)
            return
        version = extension.get("schema_version")
        if type(version) is not int or version != SCHEMA_VERSION:
            msg = f"aigov reads extensions of schema_version {SCHEMA_VERSION}, not {describe_value(version)}"
            self.fail(join_location(where, "schema_version"), msg, version)
            return
        allowed = EXTENSION_KEYS[kind]
        unknown = [key for key in extension if key not in allowed]
        for key in unknown:
            msg = f"a {kind}'s extension has no key {describe_value(key)}; it has {', '.join(sorted(allowed))}"
            self.fail(join_location(where, describe_key(key)), msg, key)
        if not unknown:
            item.extension = extension

    # -- the document

    def read(self) -> PopoloImport:
        try:
            return self.document()
        except _Invalid:
            pass
        raise ValidationError(self.problems[:_MOST_PROBLEMS], subject="Popolo document")

    def document(self) -> PopoloImport:
        data = self.data
        if type(data) is not dict:
            msg = f"a Popolo document is an object, not {_type_name(data)}"
            self.fail("", msg, data)
            raise _Invalid
        for array, kind in _KINDS.items():
            self.items[array] = self.objects(data.get(array), array, kind)
        self.other_arrays(data)
        self.check()
        for array, items in self.items.items():
            self.index[array] = self.ids(items)
        for array in ("persons", "organizations", "memberships", "speeches"):
            for item in self.items[array]:
                self.extension_of(item, _KINDS[array])
        self.check()
        forums = self.forums()
        self.check()
        for forum in forums:
            self.hosts(forum)
        self.place_speeches(forums)
        self.check()
        organizations = self.organizations()
        speakers = self.speakers(self.roles())
        self.check()
        self.place_people(forums, speakers, organizations)
        self.check()
        built = [self.forum(forum, speakers, organizations) for forum in forums]
        self.check()
        self.notes_of_the_rest(forums)
        # Grouped by item, items in document order (the checks above visit
        # them in several passes); the sort is stable within an item.
        self.notes.sort(
            key=functools.partial(_note_order, [describe_key(k) for k in data])
        )
        corpus = self.build(
            "", {}, functools.partial(Corpus, forums=[f for f in built if f])
        )
        self.check()
        assert corpus is not None  # noqa: S101 - check() raised otherwise
        return PopoloImport(
            corpus=corpus,
            persons=tuple(s for s in speakers if s is not None),
            notes=tuple(self.notes),
        )

    def other_arrays(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if key in _KINDS or value is None or value in ("", {}):
                continue
            name = describe_key(key)
            msg = f"aigov has no place for a document's {name}; not carried"
            if type(value) is list:
                for index in range(len(value)):
                    self.note(f"{name}[{index}]", msg)
            else:
                self.note(name, msg)

    def ids(self, items: list[_Item]) -> dict[str, int]:
        """Each item's id with its position; a repeated or mistyped id is a problem."""
        found: dict[str, int] = {}
        for position, item in enumerate(items):
            id_ = self.text(item, "id")
            if id_ is None:
                continue
            first = found.setdefault(id_, position)
            if first != position:
                msg = f"{describe_value(id_)} is also the id of {items[first].location}"
                self.fail(join_location(item.location, "id"), msg, id_)
        return found

    def notes_of_the_rest(self, forums: list[_Forum]) -> None:
        held = set().union(*(forum.org_ids for forum in forums))
        for item in self.items["organizations"]:
            if item.data.get("id") not in held:
                self.note(
                    item.location,
                    "an organization of no forum (no speaker of a forum is a member); not carried",
                )
        for array in _KINDS:
            what = "an " if _KINDS[array][0] in "aeiou" else "a "
            for item in self.items[array]:
                self.unread(item, what + _KINDS[array])

    # -- events

    def forums(self) -> list[_Forum]:
        events = self.items["events"]
        parents = [self.reference(item, "parent_id", "events") for item in events]
        self.check()
        roots: dict[int, _Forum] = {}
        taken: dict[str, str] = {}
        for position, item in enumerate(events):
            if parents[position] is not None:
                continue
            self.extension_of(item, "forum")
            id_ = self.ext_text(item, "id") or self.text(item, "id")
            if id_ is not None:
                first = taken.setdefault(id_, item.location)
                if first != item.location:
                    self.fail(
                        join_location(item.location, self.ext_id(item)),
                        f"forum id {describe_value(id_)} is also that of {first}",
                        id_,
                    )
            roots[position] = _Forum(item, id_)
        for position, item in enumerate(events):
            if position in roots:
                continue
            self.extension_of(item, "session")
            root = self.root_of(position, parents)
            if root is None:
                continue
            if parents[position] != events[root].data.get("id"):
                self.note(
                    join_location(item.location, "parent_id"),
                    "aigov sessions hold no sessions: kept as a session of the top-level event",
                )
            key = item.data.get("id")
            roots[root].sessions.append((key if type(key) is str else None, item))
        return [roots[position] for position in sorted(roots)]

    def root_of(self, position: int, parents: list[str | None]) -> int | None:
        seen = {position}
        current = position
        while True:
            parent = parents[current]
            if parent is None:
                return current
            current = self.index["events"][parent]
            if current in seen:
                where = join_location(
                    self.items["events"][position].location, "parent_id"
                )
                self.fail(where, "the parent_id links of events form a cycle", parent)
                return None
            seen.add(current)

    def hosts(self, forum: _Forum) -> None:
        item = forum.event
        first = self.reference(item, "organization_id", "organizations")
        if first is not None:
            forum.hosts.append(first)
        for key, found in (
            ("host_ids", forum.hosts),
            ("supporter_ids", forum.supporters),
        ):
            where = self.ext_where(item, key)
            for index, value in enumerate(self.array(self.ext(item, key), where)):
                if type(value) is str and value in self.index["organizations"]:
                    found.append(value)
                else:
                    self.dangling(f"{where}[{index}]", value, "organizations")

    # -- speeches

    def place_speeches(self, forums: list[_Forum]) -> None:  # noqa: C901 - one check per key of a speech
        by_event: dict[str, _Forum] = {}
        for forum in forums:
            root_id = forum.event.data.get("id")
            if type(root_id) is str:
                by_event[root_id] = forum
            for key, _ in forum.sessions:
                if key is not None:
                    by_event[key] = forum
        for order, item in enumerate(self.items["speeches"]):
            event_id = self.reference(item, "event_id", "events")
            creator_id = self.reference(item, "creator_id", "persons")
            text = self.text(item, "text")
            role = self.text(item, "role")
            position = self.value(item, "position")
            if position is not None and type(position) is not int:
                self.wrong_type(
                    join_location(item.location, "position"), "an integer", position
                )
                continue
            missing = [
                key
                for key in ("event_id", "creator_id", "text")
                if item.data.get(key) is None
            ]
            if missing:
                self.note(
                    item.location,
                    f"a speech without {' or '.join(missing)} is no aigov statement; not carried",
                )
                continue
            if event_id is None or creator_id is None or text is None:
                continue  # the problem is reported
            statement = self.statement(item, creator_id, text)
            if statement is None:
                continue
            forum = by_event[event_id]
            if event_id == forum.event.data.get("id"):
                self.note(
                    join_location(item.location, "event_id"),
                    "a speech at a top-level event: kept in a session of its own",
                )
                if not forum.own_session:
                    forum.own_session = True
                    forum.sessions.insert(0, (event_id, None))
            forum.speeches.setdefault(event_id, []).append((order, position, statement))
            forum.person_ids.add(creator_id)
            if item.extension is None:
                self.speech_role(item, forum, event_id, creator_id, role)

    def speech_role(
        self,
        item: _Item,
        forum: _Forum,
        event_id: str,
        creator_id: str,
        role: str | None,
    ) -> None:
        """A foreign speech's role: a chair is a participant, a speaker nothing more."""
        if role == CHAIR_ROLE:
            chairs = forum.chairs.setdefault(event_id, [])
            if creator_id not in chairs:
                chairs.append(creator_id)
        elif role is not None and role != SPEAKER_ROLE:
            self.note(
                join_location(item.location, "role"),
                f"aigov keeps the speech roles {CHAIR_ROLE!r} and {SPEAKER_ROLE!r}, not {describe_value(role)}; not carried",
            )

    def statement(self, item: _Item, creator_id: str, text: str) -> Statement | None:
        id_ = self.ext_text(item, "id") or self.text(item, "id")
        renames = {
            "speaker_id": "creator_id",
            "text": "text",
            "id": self.ext_id(item),
            "verb": "aigov.verb",
            "kind": "aigov.kind",
            "topics": "aigov.topics",
        }
        make = functools.partial(
            Statement,
            speaker_id=creator_id,
            text=text,
            id=DERIVED if id_ is None else id_,
            verb=self.ext_text(item, "verb"),
            # A value the model turns into a member, or reports.
            kind=self.ext_text(item, "kind") or StatementKind.PARAPHRASE,  # type: ignore[arg-type]
            topics=self.ext_texts(item, "topics"),
            evidence=self.ext_models(item, "evidence", Evidence),
        )
        return self.build(item.location, renames, make)

    # -- organisations and persons

    def names(
        self, item: _Item, *, abbreviations: bool
    ) -> tuple[str | None, tuple[str, ...], tuple[Name, ...]]:
        """An item's abbreviation, aliases and tagged names, from its other_names."""
        where = join_location(item.location, "other_names")
        entries = self.objects(self.value(item, "other_names"), where, "other name")
        languages: list[object] = []
        if self.ext(item, "name_languages") is not None:
            languages_where = self.ext_where(item, "name_languages")
            languages = self.array(self.ext(item, "name_languages"), languages_where)
            if len(languages) != len(entries):
                msg = f"gives {len(languages)} languages for {len(entries)} other_names"
                self.fail(languages_where, msg, len(languages))
                return None, (), ()
        abbreviation: str | None = None
        aliases: list[str] = []
        names: list[Name] = []
        for index, entry in enumerate(entries):
            text = self.text(entry, "name", required=True)
            note = self.text(entry, "note")
            lang: object = languages[index] if languages else None
            lang_where = f"{self.ext_where(item, 'name_languages')}[{index}]"
            if item.extension is None and "lang" in entry.data:
                # EveryPolitician's way of tagging a name's language.
                lang = self.value(entry, "lang")
                lang_where = join_location(entry.location, "lang")
            if text is not None and lang is not None:
                name = self.build(
                    lang_where,
                    {"lang": "", "text": "name"},
                    functools.partial(Name, text=text, lang=lang),  # type: ignore[arg-type]
                )
                if name is not None:
                    names.append(name)
            elif (
                text is not None
                and abbreviations
                and note == ABBREVIATION_NOTE
                and abbreviation is None
            ):
                abbreviation = text
            elif text is not None:
                aliases.append(text)
                entry.read.discard("note")
            self.unread(entry, "an other name")
        return abbreviation, tuple(aliases), tuple(names)

    def identifiers(self, item: _Item) -> tuple[Identifier, ...]:
        where = join_location(item.location, "identifiers")
        found = []
        for entry in self.objects(self.value(item, "identifiers"), where, "identifier"):
            value = self.text(entry, "identifier", required=True)
            scheme = self.text(entry, "scheme")
            self.unread(entry, "an identifier")
            if value is None:
                continue
            if scheme is None:
                if entry.data.get("scheme") is None:
                    self.note(
                        entry.location, "an identifier without a scheme; not carried"
                    )
                continue
            built = self.build(
                entry.location,
                {"scheme": "scheme", "value": "identifier"},
                functools.partial(Identifier, scheme=scheme, value=value),
            )
            if built is not None:
                found.append(built)
        return tuple(found)

    def kind(self, item: _Item, enum: type[E], noun: str) -> E | None:
        classification = self.text(item, "classification")
        if classification is None:
            return enum("other")
        if enum is OrganizationKind and classification in POPOLO_CLASSIFICATIONS:
            kind = POPOLO_CLASSIFICATIONS[classification]
            self.note(
                join_location(item.location, "classification"),
                f"aigov has no kind {describe_value(classification)}; read as {kind.value!r}",
            )
            return enum(kind.value)
        try:
            return enum(classification)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.fail(
                join_location(item.location, "classification"),
                f"{describe_value(classification)} is no {noun} classification aigov knows; use one of {allowed}",
                classification,
            )
            return None

    def organizations(self) -> list[Organization | None]:
        found: list[Organization | None] = []
        renames = {
            "name": "name",
            "id": "id",
            "kind": "classification",
            "country": "aigov.country",
            "abbreviation": "other_names",
            "aliases": "other_names",
            "names": "other_names",
        }
        for item in self.items["organizations"]:
            id_ = self.text(item, "id")
            name = self.text(item, "name", required=True)
            kind = self.kind(item, OrganizationKind, "organization")
            parent_id = self.reference(item, "parent_id", "organizations")
            abbreviation, aliases, names = self.names(item, abbreviations=True)
            make = functools.partial(
                Organization,
                name=name,  # type: ignore[arg-type]
                id=DERIVED if id_ is None else id_,
                kind=kind,  # type: ignore[arg-type]
                country=self.ext_text(item, "country"),
                abbreviation=abbreviation,
                aliases=aliases,
                parent_id=parent_id,
                identifiers=self.identifiers(item),
                names=names,
                evidence=self.ext_models(item, "evidence", Evidence),
            )
            ok = name is not None and kind is not None
            found.append(self.build(item.location, renames, make) if ok else None)
        return found

    def roles(self) -> dict[str, list[Role]]:
        """Each person's roles from memberships, in document order, by person id."""
        found: dict[str, list[Role]] = {}
        for item in self.items["memberships"]:
            person_id = self.reference(item, "person_id", "persons")
            org_id = self.reference(item, "organization_id", "organizations")
            title = self.text(item, "role")
            label = self.text(item, "label")
            if person_id is None:
                if item.data.get("person_id") is None:
                    self.note(
                        item.location,
                        "a membership of no person (an organization's, say) is no aigov role; not carried",
                    )
                continue
            if title is None and label is not None:
                title = label
            elif label is not None:
                item.read.discard("label")
            make = functools.partial(
                Role,
                title=title or "member",
                organization_id=org_id,
                country=self.ext_text(item, "country"),
                evidence=self.ext_models(item, "evidence", Evidence),
            )
            renames = {"title": "role", "country": "aigov.country"}
            role = self.build(item.location, renames, make)
            if role is not None:
                found.setdefault(person_id, []).append(role)
        return found

    def speakers(self, roles: dict[str, list[Role]]) -> list[Speaker | None]:
        """Every person as a speaker, with the document's ids."""
        found: list[Speaker | None] = []
        renames = {
            "name": "name",
            "id": "id",
            "kind": "aigov.kind",
            "country": "aigov.country",
            "aliases": "other_names",
            "names": "other_names",
            "roles": "aigov.roles",
        }
        for item in self.items["persons"]:
            id_ = self.text(item, "id")
            name = self.text(item, "name", required=True)
            _, aliases, names = self.names(item, abbreviations=False)
            person_roles = list(roles.get(id_, ())) if id_ is not None else []
            self.merge_roles(item, person_roles)
            make = functools.partial(
                Speaker,
                name=name,  # type: ignore[arg-type]
                id=DERIVED if id_ is None else id_,
                roles=tuple(person_roles),
                country=self.ext_text(item, "country"),
                aliases=aliases,
                identifiers=self.identifiers(item),
                kind=self.ext_text(item, "kind") or SpeakerKind.PERSON,  # type: ignore[arg-type]
                names=names,
                evidence=self.ext_models(item, "evidence", Evidence),
            )
            found.append(self.build(item.location, renames, make) if name else None)
        return found

    def merge_roles(self, item: _Item, roles: list[Role]) -> None:
        """Put the extension's roles without an organisation at their positions."""
        where = self.ext_where(item, "roles")
        for entry in self.objects(self.ext(item, "roles"), where, "role"):
            fields = dict(entry.data)
            position = fields.pop("position", None)
            if type(position) is not int or not 0 <= position <= len(roles):
                self.fail(
                    join_location(entry.location, "position"),
                    f"expected a position from 0 to {len(roles)}, got {describe_value(position)}",
                    position,
                )
                continue
            if fields.get("organization_id") is not None:
                self.fail(
                    join_location(entry.location, "organization_id"),
                    "a role in an organization is written as a membership",
                )
                continue
            role = self.model(fields, Role, entry.location)
            if role is not None:
                roles.insert(position, role)

    def participants(self, session: _Item) -> list[tuple[str, str, str]]:
        """A session's (person id, part, location) from its extension."""
        where = self.ext_where(session, "participants")
        found = []
        for entry in self.objects(
            self.ext(session, "participants"), where, "participant"
        ):
            person_id = entry.data.get("person_id")
            part = entry.data.get("part")
            extra = sorted(set(entry.data) - {"person_id", "part"}, key=str)
            if type(person_id) is not str or person_id not in self.index["persons"]:
                self.dangling(
                    join_location(entry.location, "person_id"), person_id, "persons"
                )
            elif type(part) is not str:
                self.wrong_type(join_location(entry.location, "part"), "a string", part)
            elif extra:
                self.fail(
                    join_location(entry.location, describe_key(extra[0])),
                    "a participant has only a person_id and a part",
                )
            else:
                found.append((person_id, part, entry.location))
        return found

    def place_people(  # noqa: C901 - extensions first, then what each forum refers to
        self,
        forums: list[_Forum],
        speakers: list[Speaker | None],
        organizations: list[Organization | None],
    ) -> None:
        """Which persons and organisations each forum holds."""
        by_event = {
            forum.event.data["id"]: forum
            for forum in forums
            if type(forum.event.data.get("id")) is str
        }
        for array in ("persons", "organizations"):
            for item in self.items[array]:
                event_id = self.ext(item, "forum")
                if event_id is None:
                    continue
                forum = by_event.get(event_id) if type(event_id) is str else None
                if forum is None:
                    self.fail(
                        self.ext_where(item, "forum"),
                        f"{describe_value(event_id)} is the id of no top-level event",
                        event_id,
                    )
                    continue
                id_ = item.data.get("id")
                if type(id_) is not str:
                    msg = f"a {_KINDS[array]} of a forum needs an id (a string)"
                    self.fail(join_location(item.location, "id"), msg, id_)
                    continue
                held = forum.person_ids if array == "persons" else forum.org_ids
                held.add(id_)
        persons, orgs = self.index["persons"], self.index["organizations"]
        for forum in forums:
            for _, session in forum.sessions:
                if session is not None:
                    forum.person_ids.update(p for p, _, _ in self.participants(session))
            for person_id in forum.person_ids:
                speaker = speakers[persons[person_id]]
                if speaker is not None:
                    forum.org_ids.update(
                        role.organization_id
                        for role in speaker.roles
                        if role.organization_id is not None
                    )
            forum.org_ids.update(forum.hosts)
            forum.org_ids.update(forum.supporters)
            pending = list(forum.org_ids)
            while pending:  # every parent of an organisation held is held
                organization = organizations[orgs[pending.pop()]]
                parent = None if organization is None else organization.parent_id
                if parent is not None and parent not in forum.org_ids:
                    forum.org_ids.add(parent)
                    pending.append(parent)

    # -- forums

    def aigov_ids(
        self, array: str, ids: Iterable[str], built: list[Any]
    ) -> dict[str, str]:
        """Each Popolo id in *ids* with the id its item has in aigov."""
        index = self.index[array]
        found = {}
        for id_ in ids:
            item = self.items[array][index[id_]]
            given = self.ext_text(item, "id")
            found[id_] = given if given is not None else built[index[id_]].id
        return found

    def forum(
        self,
        forum: _Forum,
        speakers: list[Speaker | None],
        organizations: list[Organization | None],
    ) -> Forum | None:
        item = forum.event
        held_orgs = sorted(forum.org_ids, key=self.index["organizations"].__getitem__)
        held_people = sorted(forum.person_ids, key=self.index["persons"].__getitem__)
        org_ids = self.aigov_ids("organizations", held_orgs, organizations)
        person_ids = self.aigov_ids("persons", held_people, speakers)
        forum_orgs = []
        for id_ in held_orgs:
            organization = organizations[self.index["organizations"][id_]]
            assert organization is not None  # noqa: S101 - problems were raised
            parent = organization.parent_id
            forum_orgs.append(
                attrs.evolve(
                    organization,
                    id=org_ids[id_],
                    parent_id=None if parent is None else org_ids[parent],
                )
            )
        forum_people = []
        for id_ in held_people:
            speaker = speakers[self.index["persons"][id_]]
            assert speaker is not None  # noqa: S101 - problems were raised
            roles = tuple(
                role
                if role.organization_id is None
                else attrs.evolve(role, organization_id=org_ids[role.organization_id])
                for role in speaker.roles
            )
            forum_people.append(attrs.evolve(speaker, id=person_ids[id_], roles=roles))
        sessions = self.sessions(forum, person_ids)
        name = self.text(item, "name", required=True)
        if self.text(item, "classification") is not None:
            self.note(
                join_location(item.location, "classification"),
                "a forum has no classification in aigov; not carried",
            )
        attendance = self.ext(item, "attendance")
        if name is None:
            return None
        make = functools.partial(
            Forum,
            name=name,
            id=DERIVED if forum.id is None else forum.id,
            start_date=self.when(item, "start_date"),
            end_date=self.when(item, "end_date"),
            location=self.text(item, "location"),
            host_ids=tuple(org_ids[id_] for id_ in forum.hosts),
            supporter_ids=tuple(org_ids[id_] for id_ in forum.supporters),
            countries=self.ext_texts(item, "countries"),
            attendance=None
            if attendance is None
            else self.model(attendance, Count, self.ext_where(item, "attendance")),
            organizations=tuple(forum_orgs),
            speakers=tuple(forum_people),
            sessions=tuple(sessions),
            sources=self.sources(item),
            series=self.ext_text(item, "series"),
            partial=self.ext_texts(item, "partial"),
        )
        renames = {
            "name": "name",
            "start_date": "start_date",
            "end_date": "end_date",
            "location": "location",
            "countries": "aigov.countries",
            "partial": "aigov.partial",
            "series": "aigov.series",
            "id": self.ext_id(item),
        }
        if self.problems:
            return None
        return self.build(item.location, renames, make)

    def sources(self, item: _Item) -> tuple[Source, ...]:
        where = join_location(item.location, "sources")
        links = self.objects(self.value(item, "sources"), where, "link")
        if item.extension is not None:
            # aigov's own: the extension has every source, the links only some.
            return self.ext_models(item, "sources", Source)
        found = []
        for link in links:
            url = self.text(link, "url", required=True)
            note = self.text(link, "note")
            self.unread(link, "a link")
            if url is None:
                continue
            source = self.build(
                link.location,
                {"url": "url", "title": "note" if note else "url"},
                functools.partial(Source, title=note or url, url=url),
            )
            if source is not None:
                found.append(source)
        return tuple(found)

    def sessions(self, forum: _Forum, person_ids: dict[str, str]) -> list[Session]:
        found: list[Session] = []
        for key, item in forum.sessions:
            speeches = forum.speeches.get(key, []) if key is not None else []
            if all(position is not None for _, position, _ in speeches):
                speeches = sorted(speeches, key=lambda entry: entry[1] or 0)
            statements = tuple(
                attrs.evolve(statement, speaker_id=person_ids[statement.speaker_id])
                for _, _, statement in speeches
            )
            participants = self.session_participants(forum, key, item, person_ids)
            if item is None:  # the speeches at the top-level event itself
                make = functools.partial(
                    Session,
                    title=self.text(forum.event, "name") or str(key),
                    id=str(key),
                    kind=SessionKind.OTHER,
                    participants=participants,
                    statements=statements,
                )
                session = self.build(forum.event.location, {}, make)
            else:
                session = self.session(item, key, participants, statements)
            if session is not None:
                found.append(session)
        return found

    def session_participants(
        self,
        forum: _Forum,
        key: str | None,
        item: _Item | None,
        person_ids: dict[str, str],
    ) -> tuple[Participant, ...]:
        found: list[Participant] = []
        for person_id, part, where in self.participants(item) if item else []:
            make = functools.partial(
                Participant,
                speaker_id=person_ids[person_id],
                part=part,  # type: ignore[arg-type]  # the model turns it into a member
            )
            built = self.build(where, {"part": "part"}, make)
            if built is not None:
                found.append(built)
        for person_id in forum.chairs.get(key, []) if key is not None else []:
            chair = Participant(speaker_id=person_ids[person_id], part=Part.CHAIR)
            if chair not in found:
                found.append(chair)
        return tuple(found)

    def session(
        self,
        item: _Item,
        key: str | None,
        participants: tuple[Participant, ...],
        statements: tuple[Statement, ...],
    ) -> Session | None:
        title = self.text(item, "name", required=True)
        kind = self.kind(item, SessionKind, "session")
        if title is None or kind is None:
            return None
        id_ = self.ext_text(item, "id") or key
        make = functools.partial(
            Session,
            title=title,
            id=DERIVED if id_ is None else id_,
            kind=kind,
            participants=participants,
            statements=statements,
            date=self.when(item, "start_date"),
            partial=self.ext_texts(item, "partial"),
            evidence=self.ext_models(item, "evidence", Evidence),
        )
        renames = {
            "title": "name",
            "kind": "classification",
            "date": "start_date",
            "id": self.ext_id(item),
            "partial": "aigov.partial",
            "participants": "aigov.participants",
        }
        return self.build(item.location, renames, make)


def from_popolo(data: object) -> PopoloImport:
    """Read a Popolo document: forums, persons, and what could not be carried.

    Each event that is part of no other event becomes a forum, its
    sub-events (at any depth) its sessions, and their speeches its
    statements, in ``position`` order where every speech of a session has
    one.  A forum holds the persons who speak in it, the organisations of
    their memberships, with every parent, and its ``organization_id``.
    Items aigov wrote are read back exactly through their ``"aigov"``
    extension; see :doc:`/popolo`.

    Args:
        data: A Popolo document, as decoded from JSON.

    Returns:
        The corpus, every person as a speaker, and a note for each value
        aigov could not carry (a membership's dates, a post, an area, ...).

    Raises:
        ValidationError: If *data* is not a Popolo document aigov can read:
            a value of the wrong type, an id given twice or referring to
            nothing, an unknown classification, an invalid extension.
            Every problem is located in the document: ``events[3].parent_id``.

    .. versionadded:: 0.2.0
    """
    return _Reader(data).read()
