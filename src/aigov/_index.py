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
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from aigov._match import (
    ascii_phrase_pattern,
    fold,
    folded,
    has_spaceless_mark,
    is_spaceless_word,
    phrase_in,
    phrase_pattern,
    suggestion,
    words,
)
from aigov._text import describe_value
from aigov.exceptions import ValidationError

if TYPE_CHECKING:
    from aigov._model import (
        Forum,
        Organization,
        OrganizationKind,
        Part,
        Session,
        Speaker,
        SpeakerKind,
        Statement,
    )

Positions = frozenset[int]
K = TypeVar("K")
_NOTHING: Positions = frozenset()
_LISTED_NAMES = 8
_KEPT_PHRASES = 64


class PhraseIndex:
    """Find the items whose text holds a phrase of whole words.

    Nothing is split into words up front: that costs a Python string per word
    (per character, in Chinese), several times a plain scan of the texts.
    The first search folds every text once.  Each word gets its postings (the
    items it is a word of) the first time a phrase asks for it: a substring
    test of every folded text, then an exact test of the texts that hold it.
    A phrase of several words is tested, with one compiled pattern, only on
    the items that hold all of its words, and its answer is kept.  So a search
    for words asked before costs time in proportion to their items, and a new
    word one pass of substring tests.

    *owners*, if given, maps each text to the item it belongs to (an item with
    several texts, such as a speaker's role titles, holds a phrase when one
    of its texts does: no phrase spans two texts).
    """

    def __init__(
        self, texts: Sequence[str], owners: Sequence[int] | None = None
    ) -> None:
        self._texts = texts
        self._owners = owners
        self._folded: list[str] = []
        # Texts whose folded form only the splitting path reads right.
        self._marked: frozenset[int] = frozenset()
        self._postings: dict[str, Positions] = {}
        self._phrases: dict[tuple[str, ...], Positions] = {}

    def _folds(self) -> list[str]:
        if not self._folded and self._texts:
            texts = [folded(text) for text in self._texts]
            # Marked first: a thread that sees the folded texts sees the marks.
            self._marked = frozenset(
                i for i, text in enumerate(texts) if has_spaceless_mark(text)
            )
            self._folded = texts
        return self._folded

    def _holding(self, candidates: Iterable[int], phrase: tuple[str, ...]) -> Positions:
        """The *candidates* whose text holds *phrase*."""
        texts, marked = self._folds(), self._marked
        in_ascii = ascii_phrase_pattern(phrase)
        # The full pattern costs a table of marks; only non-ASCII text needs it.
        in_any: re.Pattern[str] | None = None
        found = []
        for i in candidates:
            text = texts[i]
            if text.isascii():
                holds = in_ascii is not None and in_ascii.search(text) is not None
            elif i not in marked and (in_any := in_any or phrase_pattern(phrase)):
                holds = in_any.search(text) is not None
            else:
                holds = phrase_in(phrase, self._texts[i])
            if holds:
                found.append(i)
        return frozenset(found)

    def _word(self, word: str) -> Positions:
        found = self._postings.get(word)
        if found is None:
            candidates = [i for i, text in enumerate(self._folds()) if word in text]
            if is_spaceless_word(word):
                # Such a character is a word wherever it stands.
                found = frozenset(candidates)
            else:
                found = self._holding(candidates, (word,))
            self._postings[word] = found
        return found

    def find(self, phrase: tuple[str, ...]) -> Positions:
        """Return the positions of the items whose text holds *phrase*."""
        found = self._phrases.get(phrase)
        if found is None:
            postings = sorted((self._word(word) for word in phrase), key=len)
            found = postings[0].intersection(*postings[1:])
            if len(phrase) > 1:
                found = self._holding(found, phrase)
                if len(self._phrases) >= _KEPT_PHRASES:
                    # Forget the oldest answer: a long session of varied
                    # queries must not keep them all.
                    self._phrases.pop(next(iter(self._phrases), phrase), None)
                self._phrases[phrase] = found
        if self._owners is None:
            return found
        owners = self._owners
        return frozenset(owners[i] for i in found)


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
        self._phrases = PhraseIndex(names)

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


def _freeze(table: dict[K, set[int]]) -> dict[K, Positions]:
    return {key: frozenset(found) for key, found in table.items()}


def _invert(keys_of: Iterable[tuple[int, frozenset[K]]]) -> dict[K, Positions]:
    """Map each key to the positions whose keys hold it."""
    table: dict[K, set[int]] = {}
    for position, keys in keys_of:
        for key in keys:
            table.setdefault(key, set()).add(position)
    return _freeze(table)


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
    #
    # No table holds every organisation's ancestors or descendants: a forum
    # whose organisations form one long chain would make that quadratic.
    # Inherited properties are shared sets instead, and units inside an
    # organisation are found by walking down from it, at the cost of what
    # is found.

    @functools.cached_property
    def parents(self) -> tuple[int | None, ...]:
        """Per organisation: the position of its parent, or ``None``."""
        position = self.organization_position
        return tuple(
            None if o.parent_id is None else position[o.parent_id]
            for o in self.organizations
        )

    @functools.cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        """Per organisation: the positions of the units directly inside it."""
        found: list[list[int]] = [[] for _ in self.organizations]
        for position, parent in enumerate(self.parents):
            if parent is not None:
                found[parent].append(position)
        return tuple(tuple(units) for units in found)

    def lineage(self, position: int) -> Iterator[int]:
        """An organisation's position, then its ancestors', nearest first."""
        current: int | None = position
        # A Forum has no parent cycles, so every walk ends at a root.
        while current is not None:
            yield current
            current = self.parents[current]

    def subtree(self, position: int) -> list[int]:
        """An organisation's position and those of every unit inside it."""
        found, stack = [], [position]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children[current])
        return found

    def _inherited(
        self, own: Callable[[Organization], K | None]
    ) -> tuple[frozenset[K], ...]:
        # Per organisation: own(o) for it and all its ancestors.  A unit that
        # adds nothing shares its parent's set, so a long chain costs little.
        parents = self.parents
        result: list[frozenset[K] | None] = [None] * len(parents)
        for start in range(len(parents)):
            path: list[int] = []
            current: int | None = start
            while current is not None and result[current] is None:
                path.append(current)
                current = parents[current]
            inherited = frozenset() if current is None else result[current]
            assert inherited is not None  # noqa: S101 - set before it is reached
            for position in reversed(path):
                value = own(self.organizations[position])
                if value is not None and value not in inherited:
                    inherited = inherited | {value}
                result[position] = inherited
        return tuple(found for found in result if found is not None)

    @functools.cached_property
    def organization_countries(self) -> tuple[frozenset[str], ...]:
        """Per organisation: its country and its ancestors' countries."""
        return self._inherited(lambda o: o.country)

    @functools.cached_property
    def organization_kinds(self) -> tuple[frozenset[OrganizationKind], ...]:
        """Per organisation: its kind and its ancestors' kinds."""
        return self._inherited(lambda o: o.kind)

    @functools.cached_property
    def organizations_by_country(self) -> dict[str, Positions]:
        """Country to the organisations of it or inside one of it."""
        return _invert(enumerate(self.organization_countries))

    @functools.cached_property
    def organizations_by_kind(self) -> dict[OrganizationKind, Positions]:
        """Kind to the organisations of it or inside one of it."""
        return _invert(enumerate(self.organization_kinds))

    def organizations_within(self, position: int) -> Positions:
        """An organisation and every organisation inside it, at any depth."""
        return frozenset(self.subtree(position))

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

    @functools.cached_property
    def direct_speakers(self) -> tuple[tuple[int, ...], ...]:
        """Per organisation: the speakers with a role directly in it."""
        found: list[list[int]] = [[] for _ in self.organizations]
        for speaker, organizations in enumerate(self.speaker_organizations):
            for organization in organizations:
                found[organization].append(speaker)
        return tuple(tuple(people) for people in found)

    def speakers_within(self, position: int) -> Positions:
        """The speakers with a role in an organisation or a unit inside it."""
        direct = self.direct_speakers
        return frozenset(s for o in self.subtree(position) for s in direct[o])

    def _speakers_by(self, keys: tuple[frozenset[K], ...]) -> dict[K, Positions]:
        # A speaker is filed under the keys of every organisation they hold a
        # role in; keys[o] already covers o's ancestors.
        return _invert(
            (speaker, frozenset().union(*(keys[o] for o in organizations)))
            for speaker, organizations in enumerate(self.speaker_organizations)
        )

    @functools.cached_property
    def speakers_by_kind(self) -> dict[OrganizationKind, Positions]:
        """Kind to the speakers with a role in an organisation of it or inside one."""
        return self._speakers_by(self.organization_kinds)

    @functools.cached_property
    def speakers_by_country(self) -> dict[str, Positions]:
        """Country to the speakers of it: their own, a role's, or an affiliation's."""
        by_organizations = self._speakers_by(self.organization_countries)
        table = {country: set(found) for country, found in by_organizations.items()}
        for position, speaker in enumerate(self.speakers):
            own = (speaker.country, *(role.country for role in speaker.roles))
            for country in own:
                if country is not None:
                    table.setdefault(country, set()).add(position)
        return _freeze(table)

    @functools.cached_property
    def speakers_by_speaker_kind(self) -> dict[SpeakerKind, Positions]:
        """Speaker kind (person, delegation, group) to the speakers of it."""
        return _invert(
            (position, frozenset((speaker.kind,)))
            for position, speaker in enumerate(self.speakers)
        )

    @functools.cached_property
    def speaker_titles(self) -> PhraseIndex:
        """Speakers by the words of their roles' titles."""
        titles = [
            (i, role.title) for i, s in enumerate(self.speakers) for role in s.roles
        ]
        return PhraseIndex([title for _, title in titles], [i for i, _ in titles])

    @functools.cached_property
    def speaker_names(self) -> NameIndex:
        """Speakers by id, name, alias or words of the name."""
        return NameIndex(
            [(s.id, s.name, *s.aliases) for s in self.speakers],
            [s.name for s in self.speakers],
        )

    @functools.cached_property
    def speakers_by_session(self) -> tuple[Positions, ...]:
        """Per session: the speakers who take part in it or make statements in it."""
        position = self.speaker_position
        return tuple(
            frozenset(
                position[id_]
                for id_ in (
                    *(p.speaker_id for p in session.participants),
                    *(st.speaker_id for st in session.statements),
                )
            )
            for session in self.sessions
        )

    @functools.cached_property
    def speakers_by_part(self) -> dict[Part, Positions]:
        """Part to the speakers who play it in some session."""
        position = self.speaker_position
        table: dict[Part, set[int]] = {}
        for session in self.sessions:
            for participant in session.participants:
                table.setdefault(participant.part, set()).add(
                    position[participant.speaker_id]
                )
        return _freeze(table)

    @functools.cached_property
    def statements_by_part(self) -> dict[Part, Positions]:
        """Part to the statements made by a speaker who plays it in their session."""
        table: dict[Part, set[int]] = {}
        for session, positions in zip(
            self.sessions, self.session_statements, strict=True
        ):
            parts: dict[str, set[Part]] = {}
            for participant in session.participants:
                parts.setdefault(participant.speaker_id, set()).add(participant.part)
            for index in positions:
                for part in parts.get(self.statements[index].speaker_id, ()):
                    table.setdefault(part, set()).add(index)
        return _freeze(table)

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
        return PhraseIndex([s.text for s in self.statements])

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
#
# Only aigov._model calls these, for Forum.organization(), speaker(),
# session(), statement(), all_statements() and affiliations(); the query
# layer does not.  They go once the model answers from its own per-forum
# tables, so that the model no longer imports this module.


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
        found.update(dict.fromkeys(index.lineage(position)))
    return tuple(index.organizations[position] for position in found)
