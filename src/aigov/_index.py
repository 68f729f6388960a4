"""Lookup tables over a forum, built once per forum on first use.

A :class:`~aigov.Forum` is immutable, so every table derived from it stays
valid for its lifetime.  :func:`index_of` keeps one :class:`ForumIndex` per
live forum, found by identity: hashing a forum would cost time proportional
to its size on every query, which is what the index is there to avoid.  The
cache holds only a weak reference to each forum, so it never keeps one alive.

Each table is a :func:`functools.cached_property`: a query pays only for the
tables it uses, once.  Positions (indexes into the forum's tuples) stand for
objects, so that results can be put back in forum order cheaply.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from aigov._match import fold, suggestion, word_string, words
from aigov._text import describe_value
from aigov.exceptions import ValidationError

if TYPE_CHECKING:
    from aigov._model import (
        Forum,
        Organization,
        OrganizationKind,
        Session,
        Speaker,
        Statement,
    )

Positions = frozenset[int]
K = TypeVar("K")
_NOTHING: Positions = frozenset()
_LISTED_NAMES = 8


class PhraseIndex:
    """Find the items whose text holds a phrase of whole words.

    *texts* holds, per item, its text as :func:`~aigov._match.word_string`
    gives it (several texts of one item joined by newlines, which no phrase
    can span).  Candidates come from the postings of the phrase's rarest word,
    so a search costs time proportional to that word's items, not to all.
    """

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        postings: dict[str, list[int]] = {}
        for position, text in enumerate(texts):
            for word in set(text.split()):
                postings.setdefault(word, []).append(position)
        self._postings = postings

    def find(self, phrase: tuple[str, ...]) -> Positions:
        """Return the positions of the items whose text holds *phrase*."""
        lists = [self._postings.get(word, []) for word in phrase]
        rarest = min(lists, key=len)
        if len(phrase) == 1:
            return frozenset(rarest)
        needle = " " + " ".join(phrase) + " "
        return frozenset(i for i in rarest if needle in self._texts[i])


class NameIndex:
    """Resolve what a user calls something to the items it names.

    An exact match (after case folding) of any of an item's *keys* (id,
    name, abbreviation, aliases) wins; failing that, the items whose *name*
    holds the value's words as a phrase.
    """

    def __init__(self, keys: list[Iterable[str | None]], names: list[str]) -> None:
        exact: dict[str, list[int]] = {}
        for position, item_keys in enumerate(keys):
            for key in item_keys:
                if key is not None:
                    exact.setdefault(fold(key).strip(), []).append(position)
        self._exact = {key: frozenset(found) for key, found in exact.items()}
        self._names = names
        self._phrases = PhraseIndex([word_string(name) for name in names])

    def find(self, value: str) -> Positions:
        """Return the positions of the items *value* names (maybe none)."""
        exact = self._exact.get(fold(value).strip())
        if exact is not None:
            return exact
        phrase = words(value)
        return self._phrases.find(phrase) if phrase else _NOTHING

    def suggest(self, value: str, among: Iterable[int] | None = None) -> str:
        """Return a "did you mean" hint for *value*, or ``""``."""
        names = self._names if among is None else [self._names[i] for i in among]
        hint = suggestion(value, names)
        if not hint and 0 < len(names) <= _LISTED_NAMES:
            # Few enough to list: the user sees at once what there is.
            hint = "; it has " + ", ".join(repr(name) for name in names)
        return hint


def _positions_of(ids: Iterable[str]) -> dict[str, int]:
    return {id_: position for position, id_ in enumerate(ids)}


def _freeze(table: dict[str, set[int]]) -> dict[str, Positions]:
    return {key: frozenset(found) for key, found in table.items()}


class ForumIndex:
    """The lookup tables of one forum.  Build it with :func:`index_of`."""

    def __init__(self, forum: Forum) -> None:
        # Only the forum's parts are kept, never the forum: the cache in
        # index_of maps forums to indexes and must not keep forums alive.
        self.organizations: tuple[Organization, ...] = forum.organizations
        self.speakers: tuple[Speaker, ...] = forum.speakers
        self.sessions: tuple[Session, ...] = forum.sessions

    # --- objects by id -----------------------------------------------------

    @functools.cached_property
    def organization_position(self) -> dict[str, int]:
        """Organisation id to position."""
        return _positions_of(o.id for o in self.organizations)

    @functools.cached_property
    def speaker_position(self) -> dict[str, int]:
        """Speaker id to position."""
        return _positions_of(s.id for s in self.speakers)

    @functools.cached_property
    def session_position(self) -> dict[str, int]:
        """Session id to position."""
        return _positions_of(s.id for s in self.sessions)

    @functools.cached_property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement of the forum, session by session, in order."""
        return tuple(st for session in self.sessions for st in session.statements)

    @functools.cached_property
    def statement_position(self) -> dict[str, int]:
        """Statement id to position in :attr:`statements`."""
        return _positions_of(s.id for s in self.statements)

    @functools.cached_property
    def session_statements(self) -> tuple[range, ...]:
        """Per session, the positions of its statements: a range, in order."""
        ranges = []
        start = 0
        for session in self.sessions:
            ranges.append(range(start, start + len(session.statements)))
            start += len(session.statements)
        return tuple(ranges)

    # --- organisation trees ---------------------------------------------------

    @functools.cached_property
    def lineage(self) -> tuple[tuple[int, ...], ...]:
        """Per organisation: its position and its ancestors', nearest first."""
        parent = [
            None if o.parent_id is None else self.organization_position[o.parent_id]
            for o in self.organizations
        ]
        lineages: list[tuple[int, ...]] = []
        for position in range(len(self.organizations)):
            chain = []
            current: int | None = position
            # A Forum has no parent cycles, so every walk ends at a root.
            while current is not None:
                chain.append(current)
                current = parent[current]
            lineages.append(tuple(chain))
        return tuple(lineages)

    @functools.cached_property
    def organizations_within(self) -> tuple[Positions, ...]:
        """Per organisation: it and every organisation inside it, at any depth."""
        within: list[set[int]] = [set() for _ in self.organizations]
        for position, chain in enumerate(self.lineage):
            for ancestor in chain:
                within[ancestor].add(position)
        return tuple(frozenset(found) for found in within)

    @functools.cached_property
    def organizations_by_country(self) -> dict[str, Positions]:
        """Country to the organisations of it or inside one of it."""
        table: dict[str, set[int]] = {}
        for position, chain in enumerate(self.lineage):
            for ancestor in chain:
                country = self.organizations[ancestor].country
                if country is not None:
                    table.setdefault(country, set()).add(position)
        return _freeze(table)

    @functools.cached_property
    def organizations_by_kind(self) -> dict[OrganizationKind, Positions]:
        """Kind to the organisations of it or inside one of it."""
        table: dict[OrganizationKind, set[int]] = {}
        for position, chain in enumerate(self.lineage):
            for ancestor in chain:
                kind = self.organizations[ancestor].kind
                table.setdefault(kind, set()).add(position)
        return {kind: frozenset(found) for kind, found in table.items()}

    @functools.cached_property
    def organization_names(self) -> NameIndex:
        """Organisations by id, name, abbreviation, alias or words of the name."""
        return NameIndex(
            [(o.id, o.name, o.abbreviation, *o.aliases) for o in self.organizations],
            [o.name for o in self.organizations],
        )

    @functools.cached_property
    def ministries(self) -> tuple[int, ...]:
        """The positions of the organisations that are ministries themselves."""
        return tuple(
            i for i, o in enumerate(self.organizations) if o.kind == "ministry"
        )

    @functools.cached_property
    def ministry_names(self) -> NameIndex:
        """Ministries (numbered as in :attr:`ministries`) by name, as above."""
        ministries = [self.organizations[i] for i in self.ministries]
        return NameIndex(
            [(o.id, o.name, o.abbreviation, *o.aliases) for o in ministries],
            [o.name for o in ministries],
        )

    # --- speakers --------------------------------------------------------------

    @functools.cached_property
    def speaker_organizations(self) -> tuple[tuple[int, ...], ...]:
        """Per speaker: the positions of their roles' organisations, in order."""
        position = self.organization_position
        return tuple(
            tuple(
                dict.fromkeys(
                    position[r.organization_id]
                    for r in speaker.roles
                    if r.organization_id is not None
                )
            )
            for speaker in self.speakers
        )

    def _speakers_by_organization_table(
        self, keys: Callable[[int], Iterable[K]]
    ) -> dict[K, Positions]:
        # A speaker is filed under every key of every organisation they hold
        # a role in; keys(o) already covers o's ancestors.
        table: dict[K, set[int]] = {}
        for speaker, organizations in enumerate(self.speaker_organizations):
            for organization in organizations:
                for key in keys(organization):
                    table.setdefault(key, set()).add(speaker)
        return {key: frozenset(found) for key, found in table.items()}

    @functools.cached_property
    def speakers_within(self) -> dict[int, Positions]:
        """Organisation position to the speakers with a role in it or inside it."""
        return self._speakers_by_organization_table(lambda o: self.lineage[o])

    @functools.cached_property
    def speakers_by_kind(self) -> dict[OrganizationKind, Positions]:
        """Kind to the speakers with a role in an organisation of it or inside one."""
        return self._speakers_by_organization_table(
            lambda o: {self.organizations[a].kind for a in self.lineage[o]}
        )

    @functools.cached_property
    def speakers_by_country(self) -> dict[str, Positions]:
        """Country to the speakers of it, by their own country or affiliation."""
        table: dict[str, set[int]] = {}
        for speaker, organizations in enumerate(self.speaker_organizations):
            own = self.speakers[speaker].country
            if own is not None:
                table.setdefault(own, set()).add(speaker)
            for organization in organizations:
                for ancestor in self.lineage[organization]:
                    country = self.organizations[ancestor].country
                    if country is not None:
                        table.setdefault(country, set()).add(speaker)
        return _freeze(table)

    @functools.cached_property
    def speaker_titles(self) -> PhraseIndex:
        """Speakers by the words of their roles' titles."""
        return PhraseIndex(
            ["\n".join(word_string(r.title) for r in s.roles) for s in self.speakers]
        )

    @functools.cached_property
    def speaker_names(self) -> NameIndex:
        """Speakers by id, name, alias or words of the name."""
        return NameIndex(
            [(s.id, s.name, *s.aliases) for s in self.speakers],
            [s.name for s in self.speakers],
        )

    @functools.cached_property
    def speakers_by_session(self) -> tuple[Positions, ...]:
        """Per session: the speakers who chair it, speak in it or make statements."""
        position = self.speaker_position
        return tuple(
            frozenset(
                position[id_]
                for id_ in (
                    *session.chair_ids,
                    *session.speaker_ids,
                    *(st.speaker_id for st in session.statements),
                )
            )
            for session in self.sessions
        )

    # --- sessions and statements ---------------------------------------------

    @functools.cached_property
    def session_names(self) -> NameIndex:
        """Sessions by id, title or words of the title."""
        return NameIndex(
            [(s.id, s.title) for s in self.sessions], [s.title for s in self.sessions]
        )

    @functools.cached_property
    def statements_by_speaker(self) -> tuple[tuple[int, ...], ...]:
        """Per speaker: the positions of their statements, in order."""
        table: list[list[int]] = [[] for _ in self.speakers]
        position = self.speaker_position
        for index, statement in enumerate(self.statements):
            table[position[statement.speaker_id]].append(index)
        return tuple(tuple(found) for found in table)

    @functools.cached_property
    def statements_by_topic(self) -> dict[str, Positions]:
        """Topic tag to the statements that carry it."""
        table: dict[str, set[int]] = {}
        for index, statement in enumerate(self.statements):
            for topic in statement.topics:
                table.setdefault(topic, set()).add(index)
        return _freeze(table)

    @functools.cached_property
    def statement_texts(self) -> PhraseIndex:
        """Statements by the words of their text."""
        return PhraseIndex([word_string(s.text) for s in self.statements])

    def statements_of_speakers(self, speakers: Iterable[int]) -> Positions:
        """The statements made by any of *speakers* (positions)."""
        by_speaker = self.statements_by_speaker
        return frozenset(i for s in speakers for i in by_speaker[s])


# --- one index per live forum --------------------------------------------------

_INDEXES: dict[int, tuple[weakref.ref[Forum], ForumIndex]] = {}


def _forget(key: int, ref: weakref.ref[Forum]) -> None:
    entry = _INDEXES.get(key)
    if entry is not None and entry[0] is ref:
        del _INDEXES[key]


def index_of(forum: Forum) -> ForumIndex:
    """Return the index of *forum*, building it on first use."""
    key = id(forum)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is forum:
        return entry[1]
    index = ForumIndex(forum)
    _INDEXES[key] = (weakref.ref(forum, functools.partial(_forget, key)), index)
    return index


# --- lookups behind the Forum methods ------------------------------------------


def _unknown(noun: str, value: object, names: NameIndex) -> ValidationError:
    hint = names.suggest(value) if isinstance(value, str) else ""
    msg = f"{describe_value(value)} is the id of no {noun} in this forum{hint}"
    return ValidationError.single(msg, value, location=f"{noun}_id")


def organization(forum: Forum, organization_id: str) -> Organization:
    """The organisation with *organization_id*; see :meth:`Forum.organization`."""
    index = index_of(forum)
    position = index.organization_position.get(organization_id)
    if position is None:
        raise _unknown("organization", organization_id, index.organization_names)
    return index.organizations[position]


def speaker(forum: Forum, speaker_id: str) -> Speaker:
    """The speaker with *speaker_id*; see :meth:`Forum.speaker`."""
    index = index_of(forum)
    position = index.speaker_position.get(speaker_id)
    if position is None:
        raise _unknown("speaker", speaker_id, index.speaker_names)
    return index.speakers[position]


def session(forum: Forum, session_id: str) -> Session:
    """The session with *session_id*; see :meth:`Forum.session`."""
    index = index_of(forum)
    position = index.session_position.get(session_id)
    if position is None:
        raise _unknown("session", session_id, index.session_names)
    return index.sessions[position]


def statement(forum: Forum, statement_id: str) -> Statement:
    """The statement with *statement_id*; see :meth:`Forum.statement`."""
    index = index_of(forum)
    position = index.statement_position.get(statement_id)
    if position is None:
        hint = suggestion(statement_id, index.statement_position)
        msg = f"{describe_value(statement_id)} is the id of no statement in this forum{hint}"
        raise ValidationError.single(msg, statement_id, location="statement_id")
    return index.statements[position]


def all_statements(forum: Forum) -> tuple[Statement, ...]:
    """Every statement in order; see :meth:`Forum.all_statements`."""
    return index_of(forum).statements


def affiliations(forum: Forum, who: Speaker | str) -> tuple[Organization, ...]:
    """A speaker's organisations with their ancestors; see :meth:`Forum.affiliations`."""
    index = index_of(forum)
    roles = speaker(forum, who).roles if isinstance(who, str) else who.roles
    found: dict[int, None] = {}
    for role in roles:
        if role.organization_id is None:
            continue
        position = index.organization_position.get(role.organization_id)
        if position is None:
            raise _unknown(
                "organization", role.organization_id, index.organization_names
            )
        found.update(dict.fromkeys(index.lineage[position]))
    return tuple(index.organizations[position] for position in found)
