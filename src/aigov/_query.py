"""Query helpers: predicates over a forum's speakers, statements and organisations.

Predicates are small frozen values.  A leaf is data: the name of a filter
and its checked argument; what it selects, from a forum's lookup tables
(:mod:`aigov._index`), is the filter's entry in :data:`aigov._filters.FILTERS`.
``&``, ``|`` and ``~`` combine predicates into new ones.  The keyword
functions :func:`speakers`, :func:`statements` and :func:`organizations` keep
explicit signatures, for type checkers and readers, and translate their
keywords into predicates through the same table.
"""

from __future__ import annotations

import collections
import datetime
import functools
import weakref
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast, overload

import attrs

from aigov._corpus import Corpus
from aigov._filters import FILTERS, LENIENT, Lenient, Target, keyword_filters
from aigov._index import ForumIndex, Positions, index_of
from aigov._model import (
    Forum,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Speaker,
    SpeakerKind,
    Statement,
    first_day,
    last_day,
)
from aigov.exceptions import ArgumentTypeError, ValidationError

__all__ = [
    "Found",
    "Predicate",
    "contains",
    "country",
    "forums",
    "kind",
    "ministry",
    "organizations",
    "part",
    "session",
    "speaker",
    "speaker_kind",
    "speakers",
    "statements",
    "title",
    "topic",
    "within",
]

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


def _universe(index: ForumIndex, target: Target) -> int:
    if target is Target.SPEAKERS:
        return len(index.speakers)
    if target is Target.STATEMENTS:
        return len(index.statements)
    return len(index.organizations)


class Predicate(Generic[T_contra]):
    """A condition that speakers, statements or organisations of a forum meet.

    Build predicates with the functions of :mod:`aigov.query` (:func:`country`,
    :func:`ministry`, :func:`topic`, ...) and combine them: ``p & q`` holds
    where both hold, ``p | q`` where either holds, ``~p`` where *p* does not.
    Pass one to :func:`speakers`, :func:`statements` or :func:`organizations`
    to select the objects it holds for, in forum order.

    The type parameter says what a predicate can judge: ``topic("privacy")``
    is a ``Predicate[Statement]``, ``country("CN")`` a ``Predicate[Speaker |
    Statement | Organization]``.  Combining two predicates gives one that
    judges what both can: ``country("CN") & topic("privacy")`` selects
    statements.

    A speaker-side predicate applied to statements holds for the statements
    *made by* a speaker it holds for, except :func:`session`, which holds for
    the statements made *in* the session, and :func:`part`, which holds for
    those made by a speaker with the part in the statement's own session.

    Predicates are immutable values: they compare equal when they were built
    from the same values, are hashable, and their ``repr()`` is the
    expression that builds them.  They are not tied to a forum: names of
    organisations, speakers and sessions are resolved against each forum a
    predicate is used on.

    Build predicates with the functions of this module; the class is not
    meant to be subclassed.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    # Precedence for repr: ~ binds tighter than &, which binds tighter than |.
    _precedence: ClassVar[int] = 3

    def _targets(self) -> frozenset[Target]:
        """What this predicate can select."""
        raise NotImplementedError

    def _lifts(self) -> bool:
        """Whether its statements are exactly those made by its speakers."""
        return True

    def _select(self, index: ForumIndex, target: Target) -> Positions:
        """The positions of the *target* objects of the forum it holds for."""
        raise NotImplementedError

    # A combination judges what both parts can judge.  Type checkers do not
    # find that meet by themselves, so the combinations are spelt out.
    @overload
    def __and__(self: Predicate[T], other: Predicate[T], /) -> Predicate[T]: ...
    @overload
    def __and__(
        self: Predicate[Speaker | Statement],
        other: Predicate[Speaker | Statement],
        /,
    ) -> Predicate[Speaker | Statement]: ...
    @overload
    def __and__(
        self: Predicate[Statement], other: Predicate[Statement], /
    ) -> Predicate[Statement]: ...
    @overload
    def __and__(
        self: Predicate[Speaker], other: Predicate[Speaker], /
    ) -> Predicate[Speaker]: ...
    @overload
    def __and__(
        self: Predicate[Organization], other: Predicate[Organization], /
    ) -> Predicate[Organization]: ...
    def __and__(self, other: object, /) -> Any:
        if not isinstance(other, Predicate):
            return NotImplemented
        return _all_of((self, other))

    @overload
    def __or__(self: Predicate[T], other: Predicate[T], /) -> Predicate[T]: ...
    @overload
    def __or__(
        self: Predicate[Speaker | Statement],
        other: Predicate[Speaker | Statement],
        /,
    ) -> Predicate[Speaker | Statement]: ...
    @overload
    def __or__(
        self: Predicate[Statement], other: Predicate[Statement], /
    ) -> Predicate[Statement]: ...
    @overload
    def __or__(
        self: Predicate[Speaker], other: Predicate[Speaker], /
    ) -> Predicate[Speaker]: ...
    @overload
    def __or__(
        self: Predicate[Organization], other: Predicate[Organization], /
    ) -> Predicate[Organization]: ...
    def __or__(self, other: object, /) -> Any:
        if not isinstance(other, Predicate):
            return NotImplemented
        return _any_of((self, other))

    def __invert__(self: Predicate[T]) -> Predicate[T]:
        if isinstance(self, _Not):
            return self.part
        return _Not(self)


def _paren(predicate: Predicate[T], precedence: int) -> str:
    text = repr(predicate)
    return f"({text})" if predicate._precedence < precedence else text  # noqa: SLF001


def _union(sets: Iterable[Positions]) -> Positions:
    result: set[int] = set()
    for found in sets:
        result |= found
    return frozenset(result)


# --- combinators ---------------------------------------------------------------


@attrs.frozen(repr=False)
class _Everything(Predicate[Speaker | Statement | Organization]):
    """Holds for everything: what no filter at all selects."""

    def _targets(self) -> frozenset[Target]:
        return frozenset(Target)

    def _select(self, index: ForumIndex, target: Target) -> Positions:
        return frozenset(range(_universe(index, target)))

    def __repr__(self) -> str:
        return "everything()"


@attrs.frozen(repr=False)
class _All(Predicate[T_contra]):
    parts: tuple[Predicate[T_contra], ...]
    _precedence: ClassVar[int] = 2

    def _targets(self) -> frozenset[Target]:
        return frozenset.intersection(*(p._targets() for p in self.parts))  # noqa: SLF001

    def _lifts(self) -> bool:
        return all(p._lifts() for p in self.parts)  # noqa: SLF001

    def _select(self, index: ForumIndex, target: Target) -> Positions:
        if target is Target.STATEMENTS and self._lifts():
            # Narrow down speakers first: usually far fewer than statements.
            return index.statements_of_speakers(self._select(index, Target.SPEAKERS))
        wanted = [p for p in self.parts if not isinstance(p, _Not)]
        unwanted = [p.part for p in self.parts if isinstance(p, _Not)]
        if wanted:
            # Intersecting from the smallest set costs at most its size.
            found = sorted((p._select(index, target) for p in wanted), key=len)  # noqa: SLF001
            result = found[0].intersection(*found[1:])
        else:
            result = frozenset(range(_universe(index, target)))
        for part in unwanted:
            if not result:
                break
            result = result.difference(part._select(index, target))  # noqa: SLF001
        return result

    def __repr__(self) -> str:
        return " & ".join(_paren(p, self._precedence) for p in self.parts)


@attrs.frozen(repr=False)
class _Any(Predicate[T_contra]):
    parts: tuple[Predicate[T_contra], ...]
    _precedence: ClassVar[int] = 1

    def _targets(self) -> frozenset[Target]:
        return frozenset.intersection(*(p._targets() for p in self.parts))  # noqa: SLF001

    def _lifts(self) -> bool:
        return all(p._lifts() for p in self.parts)  # noqa: SLF001

    def _select(self, index: ForumIndex, target: Target) -> Positions:
        if target is Target.STATEMENTS and self._lifts():
            return index.statements_of_speakers(self._select(index, Target.SPEAKERS))
        return _union(p._select(index, target) for p in self.parts)  # noqa: SLF001

    def __repr__(self) -> str:
        return " | ".join(_paren(p, self._precedence) for p in self.parts)


@attrs.frozen(repr=False)
class _Not(Predicate[T_contra]):
    part: Predicate[T_contra]

    def _targets(self) -> frozenset[Target]:
        return self.part._targets()  # noqa: SLF001

    def _lifts(self) -> bool:
        return self.part._lifts()  # noqa: SLF001

    def _select(self, index: ForumIndex, target: Target) -> Positions:
        everything = frozenset(range(_universe(index, target)))
        return everything.difference(self.part._select(index, target))  # noqa: SLF001

    def __repr__(self) -> str:
        return "~" + _paren(self.part, self._precedence)


def _all_of(parts: Iterable[Predicate[T]]) -> Predicate[T]:
    flat: list[Predicate[T]] = []
    for part in parts:
        if isinstance(part, _All):
            flat.extend(part.parts)
        elif not isinstance(part, _Everything):
            flat.append(part)
    if not flat:
        # Everything holds for any item, so it is a predicate on any T.
        return cast("Predicate[T]", _Everything())
    return flat[0] if len(flat) == 1 else _All(tuple(flat))


def _any_of(parts: Iterable[Predicate[T]]) -> Predicate[T]:
    flat: list[Predicate[T]] = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, _Any) else (part,))
    return flat[0] if len(flat) == 1 else _Any(tuple(flat))


# --- leaves --------------------------------------------------------------------


@attrs.frozen(repr=False)
class _Leaf(Predicate[T_contra]):
    """One filter with its argument: ``country('CN')``, ``ministry()``.

    *name* is the filter's name in :data:`~aigov._filters.FILTERS`, which says
    what the leaf can select and how; *argument* is what its builder checked
    and normalised.  Two leaves are equal when both are.
    """

    name: str
    argument: Any

    def _targets(self) -> frozenset[Target]:
        return FILTERS[self.name].judges

    def _lifts(self) -> bool:
        return FILTERS[self.name].lifts

    def _select(self, index: ForumIndex, target: Target) -> Positions:
        return FILTERS[self.name].select(index, self.argument, target)

    def __repr__(self) -> str:
        return f"{self.name}({FILTERS[self.name].show(self.argument)})"


def _leaf(name: str, value: object) -> _Leaf[Any]:
    return _Leaf(name, FILTERS[name].prepare(value))


# --- building predicates ---------------------------------------------------------


def country(value: str) -> Predicate[Speaker | Statement | Organization]:
    """Hold for what belongs to a country.

    *value* is an ISO 3166-1 alpha-2 or alpha-3 code or an English name of
    the country, in any case: ``"CN"``, ``"chn"``, ``"China"``, ``"People's
    Republic of China"``.  ISO names, official names and common names
    (``"South Korea"``, ``"Vietnam"``) come from pycountry, as do names
    turned round (``"Republic of Korea"``); a few press names that pycountry
    lacks are accepted too (``"UK"``, ``"Britain"``, ``"Russia"``,
    ``"Turkey"``).  Accents and punctuation do not matter (``"cote
    d'ivoire"``).

    "Country" means *affiliation*, not nationality:

    * an organisation belongs to a country when its
      :attr:`~aigov.Organization.country` is that country, or it is a unit
      inside an organisation that does (at any depth of ``parent_id``);
    * a speaker belongs to it when their own :attr:`~aigov.Speaker.country`
      is that country, they hold a role whose :attr:`~aigov.Role.country` is
      that country ("Britain's Foreign Secretary"), or they hold a role in an
      organisation that belongs to it.  A Chinese citizen working for a UN
      office does not belong to China here, unless their record says so;
    * a statement belongs to it when its speaker does.

    Raises:
        ValidationError: If *value* names no country.  The message suggests
            the closest: ``'Chna' is not a country; did you mean 'China'
            (CN)?``.
        TypeError: If *value* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.  A role's
       own :attr:`~aigov.Role.country` counts for its speaker.
    """
    return _leaf("country", value)


def kind(
    value: OrganizationKind | str,
) -> Predicate[Speaker | Statement | Organization]:
    """Hold for what belongs to an organisation of a kind.

    *value* is an :class:`~aigov.OrganizationKind` or its value, in any case
    (``"university"``).  An organisation matches when it is of that kind or
    is a unit inside one (at any depth): the institutes of a university match
    ``kind("university")``.  A speaker matches when they hold a role in an
    organisation that matches; a statement when its speaker does.

    Raises:
        ValidationError: If *value* is no kind of organisation.
        TypeError: If *value* is neither a string nor an ``OrganizationKind``.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("kind", value)


def within(organization: str) -> Predicate[Speaker | Statement | Organization]:
    """Hold for what belongs to an organisation, or to a unit inside it.

    *organization* names organisations of the forum: an exact match (in any
    case) of an organisation's id, name, abbreviation or one of its aliases
    wins (``"UN"``, ``"undp"``, ``"Tsinghua University"``); failing that, every
    organisation whose name holds *organization*'s words, whole and in order
    (``"Tsinghua"``, ``"foreign affairs"``).  Words are whole: ``"UN"`` does not
    match "Tsinghua University".

    An organisation matches when it is a named one or inside one (at any
    depth); a speaker when they hold a role in an organisation that matches;
    a statement when its speaker does.

    Raises:
        ValidationError: When the predicate is used, if *organization* names
            no organisation of the forum.
        TypeError: If *organization* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("within", organization)


def ministry(name: str | None = None) -> Predicate[Speaker | Statement | Organization]:
    """Hold for what belongs to a ministry, or to a unit inside one.

    Without *name*, any organisation whose :attr:`~aigov.Organization.kind`
    is :attr:`~aigov.OrganizationKind.MINISTRY` counts; this is the same as
    ``kind("ministry")``.  With *name*, only the ministries it names count,
    matched like :func:`within` but among ministries only: an exact match of
    id, name, abbreviation or alias (``"MIIT"``), else whole words of the
    name (``"foreign affairs"``).

    An organisation matches when it is such a ministry or inside one (at any
    depth); a speaker when they hold a role in an organisation that matches
    (a deputy director-general of a ministry's department is in the ministry);
    a statement when its speaker does.

    Raises:
        ValidationError: When the predicate is used, if *name* names no
            ministry of the forum.
        TypeError: If *name* is neither ``None`` nor a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("ministry", name)


def speaker_kind(value: SpeakerKind | str) -> Predicate[Speaker | Statement]:
    """Hold for speakers of a kind: one person, a delegation or a group.

    *value* is a :class:`~aigov.SpeakerKind` or its value, in any case
    (``"delegation"``).  A statement matches when its speaker does:
    ``speaker_kind("delegation")`` finds what states said as one ("Russia
    questioned ...").  This is not :func:`kind`, which is about the kind of
    organisation a speaker holds a role in.

    Raises:
        ValidationError: If *value* is no kind of speaker; the message lists
            the kinds there are.
        TypeError: If *value* is neither a string nor a ``SpeakerKind``.

    .. versionadded:: 0.2.0
    """
    return _leaf("speaker_kind", value)


def part(value: Part | str) -> Predicate[Speaker | Statement]:
    """Hold for speakers who play a part in a session, and what they say there.

    *value* is a :class:`~aigov.Part` or its value, in any case
    (``"keynote"``, ``"moderator"``).  A speaker matches when they are a
    :class:`~aigov.Participant` of some session with that part.  A statement
    matches when its speaker has that part *in the statement's session*: a
    moderator of one panel who speaks from the floor of another is a
    moderator only for what they say on their own panel.  So ``part`` is not
    a speaker-side predicate in the sense of :class:`Predicate`: on
    statements, it does not mean "made by a speaker it holds for".

    Raises:
        ValidationError: If *value* is no part; the message lists the parts
            there are.
        TypeError: If *value* is neither a string nor a ``Part``.

    .. versionadded:: 0.2.0
    """
    return _leaf("part", value)


def title(words: str) -> Predicate[Speaker | Statement]:
    """Hold for speakers with a role whose title holds *words*.

    Matching is by whole words in order, in any case: ``"minister"`` matches
    "vice-minister" and "Minister" but not "administer"; ``"vice president"``
    matches "vice-president".  A statement matches when its speaker does.

    Raises:
        ValidationError: If *words* holds no word.
        TypeError: If *words* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("title", words)


def speaker(name: str) -> Predicate[Speaker | Statement]:
    """Hold for a speaker, and for the statements they make.

    *name* is matched like organisation names in :func:`within`: an exact
    match (any case) of a speaker's id, name or alias wins (``"li-meng"``,
    ``"Li Meng"``); failing that, every speaker whose name holds *name*'s
    words (``"Yao"``).

    Raises:
        ValidationError: When the predicate is used, if *name* names no
            speaker of the forum.
        TypeError: If *name* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("speaker", name)


def session(name: str) -> Predicate[Speaker | Statement]:
    """Hold for the people of a session, and for the statements made in it.

    *name* is a session's id or title, matched like organisation names in
    :func:`within` (exact id or title in any case, else whole words of the
    title).  A speaker matches when they take part in the session (a
    :class:`~aigov.Participant` of it, in any part) or make a statement in
    it; a statement when it is made in the session.

    Raises:
        ValidationError: When the predicate is used, if *name* names no
            session of the forum.
        TypeError: If *name* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("session", name)


def topic(tag: str) -> Predicate[Statement]:
    """Hold for statements tagged with a topic.

    Tags are lower case (:data:`aigov.datasets.TOPICS` lists those of the
    bundled forums); *tag* is compared in any case.  A tag no statement
    carries selects nothing: tags are open-ended, unlike names.

    Raises:
        ValidationError: If *tag* is empty.
        TypeError: If *tag* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("topic", tag)


def contains(text: str) -> Predicate[Statement]:
    """Hold for statements whose text holds *text*'s words, whole and in order.

    Matching ignores case (full Unicode case folding after NFKC
    normalisation), and only words count: spaces, hyphens and punctuation
    between them do not.  So ``"privacy protection"`` matches "Privacy
    Protection" and "privacy-protection"; ``"AI"`` matches "AI," and "(AI)"
    but not "said" or "AIDS".  In scripts written without
    spaces (Chinese, Japanese, Thai, ...) every character is a word, so a
    phrase matches anywhere: ``"治理"`` finds "人工智能治理".

    Raises:
        ValidationError: If *text* holds no word.
        TypeError: If *text* is not a string.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.
    """
    return _leaf("contains", text)


# --- the keyword functions -----------------------------------------------------------


def _check_forum(forum: object) -> None:
    if not isinstance(forum, Forum):
        msg = f"expected a Forum or a Corpus, not {type(forum).__name__}"
        raise ArgumentTypeError(msg)


@attrs.frozen
class Found(Generic[T]):
    """One result of a query over a :class:`~aigov.Corpus`: what was found, and where.

    Attributes:
        forum: The forum it was found in.
        item: The speaker, statement or organisation found.

    .. versionadded:: 0.2.0
    """

    forum: Forum
    item: T


def _over_corpus(
    corpus: Corpus,
    one: Callable[[Forum], tuple[T, ...]],
    *,
    target: Target | None = None,
    where: Predicate[Any] | None = None,
    values: Mapping[str, object] | None = None,
) -> tuple[Found[T], ...]:
    """*one*'s results in every forum of *corpus*, each with its forum, in corpus order.

    A filter value that names nothing in a forum makes that forum's query
    fail: the forum then has no matches, and only if every forum fails is
    the value an error (the first forum's, said of the whole corpus).
    """
    found: list[Found[T]] = []
    lenient = Lenient()
    token = LENIENT.set(lenient)
    try:
        candidates = (
            range(len(corpus.forums))
            if target is None or values is None
            else _candidate_forums(corpus, target, where, values, lenient)
        )
        for position in candidates:
            forum = corpus.forums[position]
            found.extend(Found(forum, item) for item in one(forum))
    finally:
        LENIENT.reset(token)
    unresolved = lenient.unresolved
    if unresolved:
        first_error = unresolved[0]
        if len(corpus.forums) == 1:
            raise first_error
        # The messages speak of one forum; this value names nothing in any.
        raise ValidationError(
            (
                attrs.evolve(
                    detail,
                    message=detail.message.replace(
                        " in this forum", " in any forum of the corpus"
                    ),
                )
                for detail in first_error.errors
            ),
            subject=first_error.subject,
        )
    return tuple(found)


#: How many keyword filters :func:`_candidate_forums` remembers per corpus.
_REMEMBERED_FILTERS = 512

#: Per live corpus (by identity, with a weak reference, as the forums'
#: lookup tables), the forums each keyword filter selects anything in.
_CANDIDATES: dict[
    int,
    tuple[weakref.ref[Corpus], collections.OrderedDict[Hashable, tuple[int, ...]]],
] = {}


def _candidate_forums(
    corpus: Corpus,
    target: Target,
    where: Predicate[Any] | None,
    values: Mapping[str, object],
    lenient: Lenient,
) -> Sequence[int]:
    """The positions of the forums a query over *corpus* can find anything in.

    Every keyword filter must select something in a forum for the query to,
    so each filter's forums are remembered after its first use, and a later
    query visits only the forums all its filters share: a query for a
    person in ten forums of a thousand looks at ten.  With *where*, every
    forum is visited: a name it holds must be looked up in each.
    """
    everything = range(len(corpus.forums))
    keyed = [
        (keyword, value)
        for keyword, value in values.items()
        # ministry=False is a negation: it selects in forums with no ministry.
        if value is not None and value is not False
    ]
    if where is not None or not keyed:
        return everything
    remembered = _remembered_filters(corpus)
    filters = keyword_filters(target)
    chosen: set[int] | None = None
    for keyword, value in keyed:
        # Built first, so that a wrong type is the same error, seen or not.
        leaf = _keyword_predicate(filters[keyword].name, value)
        key = (target, keyword, type(value), value)
        try:
            forums = remembered.get(key)
        except TypeError:  # unhashable, yet accepted by the leaf: do not remember
            return everything
        if forums is None:
            failed_before = len(lenient.failed)
            forums = tuple(
                position
                for position in everything
                if _select(corpus.forums[position], leaf, target)
            )
            if len(lenient.failed) > failed_before and not forums:
                # It may name nothing anywhere: an error to raise, not a fact to keep.
                return everything
            remembered[key] = forums
            if len(remembered) > _REMEMBERED_FILTERS:
                remembered.popitem(last=False)
        else:
            remembered.move_to_end(key)
        chosen = set(forums) if chosen is None else chosen.intersection(forums)
        if not chosen:
            return ()
    return sorted(chosen) if chosen is not None else everything


def _remembered_filters(
    corpus: Corpus,
) -> collections.OrderedDict[Hashable, tuple[int, ...]]:
    key = id(corpus)
    entry = _CANDIDATES.get(key)
    if entry is None or entry[0]() is not corpus:
        entry = (
            weakref.ref(corpus, functools.partial(_forget_candidates, key)),
            collections.OrderedDict(),
        )
        _CANDIDATES[key] = entry
    return entry[1]


def _forget_candidates(key: int, _: object) -> None:
    _CANDIDATES.pop(key, None)


def _select(forum: Forum, predicate: Predicate[T], target: Target) -> Positions:
    _check_forum(forum)
    if target not in predicate._targets():  # noqa: SLF001
        msg = f"{predicate!r} cannot select {target.value}"
        raise ArgumentTypeError(msg)
    return predicate._select(index_of(forum), target)  # noqa: SLF001


def _in_order(items: Sequence[T], positions: Positions) -> tuple[T, ...]:
    return tuple(items[i] for i in sorted(positions))


def _keyword_predicate(name: str, value: object) -> Predicate[Any]:
    spec = FILTERS[name]
    if spec.any_flag and isinstance(value, bool):
        # ministry=True is ministry(), ministry=False its negation.
        anything = _Leaf[Any](name, None)
        return anything if value else ~anything
    return _leaf(name, value)


def _find(
    forum: Forum,
    where: Predicate[Any] | None,
    target: Target,
    values: Mapping[str, object],
) -> Positions | None:
    """The positions the filters select; ``None`` if no filter is given.

    *values* maps the keyword function's keywords to their values, in the
    order of its signature, which is the order the filters are checked in.
    """
    filters = keyword_filters(target)
    parts: list[Predicate[Any]] = [] if where is None else [where]
    parts.extend(
        _keyword_predicate(filters[keyword].name, value)
        for keyword, value in values.items()
        if value is not None
    )
    predicate = _all_of(parts)
    if isinstance(predicate, _Everything):
        _check_forum(forum)
        return None
    return _select(forum, predicate, target)


@overload
def speakers(
    forum: Forum,
    where: Predicate[Speaker] | None = ...,
    /,
    *,
    country: str | None = ...,
    ministry: bool | str | None = ...,
    organization: str | None = ...,
    kind: OrganizationKind | str | None = ...,
    speaker_kind: SpeakerKind | str | None = ...,
    title: str | None = ...,
    session: str | None = ...,
    part: Part | str | None = ...,
) -> tuple[Speaker, ...]: ...
@overload
def speakers(
    forum: Corpus,
    where: Predicate[Speaker] | None = ...,
    /,
    *,
    country: str | None = ...,
    ministry: bool | str | None = ...,
    organization: str | None = ...,
    kind: OrganizationKind | str | None = ...,
    speaker_kind: SpeakerKind | str | None = ...,
    title: str | None = ...,
    session: str | None = ...,
    part: Part | str | None = ...,
) -> tuple[Found[Speaker], ...]: ...
def speakers(
    forum: Forum | Corpus,
    where: Predicate[Speaker] | None = None,
    /,
    *,
    country: str | None = None,
    ministry: bool | str | None = None,
    organization: str | None = None,
    kind: OrganizationKind | str | None = None,
    speaker_kind: SpeakerKind | str | None = None,
    title: str | None = None,
    session: str | None = None,
    part: Part | str | None = None,
) -> tuple[Speaker, ...] | tuple[Found[Speaker], ...]:
    """Return the speakers of *forum* that match every filter given, in forum order.

    Each keyword is a shorthand for a predicate; *where* takes any predicate,
    for OR and NOT.  With no filter at all, every speaker is returned.

    Args:
        forum: The forum to search, or a :class:`~aigov.Corpus` of them.
        where: A predicate the speakers must also meet:
            ``country("CN") & ~ministry()``.
        country: :func:`country`: affiliated with this country (a code or a
            name, in any case), by the speaker's own ``country`` or a role in
            an organisation of it or inside one.  Affiliation, not
            nationality.
        ministry: ``True``: :func:`ministry` ``()``, a role in any ministry or
            a unit inside one.  A string: ``ministry(name)``, a role in that
            ministry or inside it.  ``False``: no role in any ministry.
        organization: :func:`within`: a role in this organisation or a unit
            inside it.
        kind: :func:`kind`: a role in an organisation of this kind or inside
            one.
        speaker_kind: :func:`speaker_kind`: a person, a delegation or a
            group.
        title: :func:`title`: a role whose title holds these whole words.
        session: :func:`session`: takes part or makes a statement in the
            session with this id or title.
        part: :func:`part`: plays this part (``"keynote"``, ``"moderator"``,
            ...) in some session.

    Returns:
        The matching speakers, in the order of ``forum.speakers``.
        On a corpus, a :class:`Found` for each, forum by forum: a value
        that names nothing in one forum gives that forum no matches, and is
        an error only if it names nothing in every forum.

    Raises:
        ValidationError: If a value names no country, kind of organisation,
            kind of speaker or part, or (in this forum) no organisation,
            ministry or session.  Never an empty result for a name that does
            not exist.
        TypeError: If a value has the wrong type, or *where* cannot judge
            speakers (``topic(...)``).

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.  New
       filters *speaker_kind* and *part*.  Takes a :class:`~aigov.Corpus`.
    """
    values = {
        "country": country,
        "ministry": ministry,
        "organization": organization,
        "kind": kind,
        "speaker_kind": speaker_kind,
        "title": title,
        "session": session,
        "part": part,
    }

    def one(forum: Forum) -> tuple[Speaker, ...]:
        found = _find(forum, where, Target.SPEAKERS, values)
        return forum.speakers if found is None else _in_order(forum.speakers, found)

    return (
        _over_corpus(forum, one, target=Target.SPEAKERS, where=where, values=values)
        if isinstance(forum, Corpus)
        else one(forum)
    )


@overload
def statements(
    forum: Forum,
    where: Predicate[Statement] | None = ...,
    /,
    *,
    speaker: str | None = ...,
    session: str | None = ...,
    part: Part | str | None = ...,
    country: str | None = ...,
    ministry: bool | str | None = ...,
    organization: str | None = ...,
    kind: OrganizationKind | str | None = ...,
    speaker_kind: SpeakerKind | str | None = ...,
    title: str | None = ...,
    topic: str | None = ...,
    contains: str | None = ...,
) -> tuple[Statement, ...]: ...
@overload
def statements(
    forum: Corpus,
    where: Predicate[Statement] | None = ...,
    /,
    *,
    speaker: str | None = ...,
    session: str | None = ...,
    part: Part | str | None = ...,
    country: str | None = ...,
    ministry: bool | str | None = ...,
    organization: str | None = ...,
    kind: OrganizationKind | str | None = ...,
    speaker_kind: SpeakerKind | str | None = ...,
    title: str | None = ...,
    topic: str | None = ...,
    contains: str | None = ...,
) -> tuple[Found[Statement], ...]: ...
def statements(
    forum: Forum | Corpus,
    where: Predicate[Statement] | None = None,
    /,
    *,
    speaker: str | None = None,
    session: str | None = None,
    part: Part | str | None = None,
    country: str | None = None,
    ministry: bool | str | None = None,
    organization: str | None = None,
    kind: OrganizationKind | str | None = None,
    speaker_kind: SpeakerKind | str | None = None,
    title: str | None = None,
    topic: str | None = None,
    contains: str | None = None,
) -> tuple[Statement, ...] | tuple[Found[Statement], ...]:
    """Return the statements of *forum* that match every filter given, in order.

    Order is the forum's: session by session, each in its own order (as
    :meth:`Forum.all_statements <aigov.Forum.all_statements>` gives them).
    *country*, *ministry*, *organization*, *kind*, *speaker_kind* and
    *title* mean "made by a speaker who matches", exactly as in
    :func:`speakers`; *part* means "made by a speaker with this part in the
    statement's session".

    Args:
        forum: The forum to search, or a :class:`~aigov.Corpus` of them.
        where: A predicate the statements must also meet:
            ``topic("privacy") | contains("privacy")``.
        speaker: :func:`speaker`: made by the speaker with this id or name.
        session: :func:`session`: made in the session with this id or title.
        part: :func:`part`: made by a speaker who plays this part in the
            statement's session (the keynote speeches: ``part="keynote"``).
        country: Made by a speaker affiliated with this country.
        ministry: Made by a speaker in a ministry (``True``), in the named
            one (a string), or in none (``False``).
        organization: Made by a speaker in this organisation or inside it.
        kind: Made by a speaker in an organisation of this kind or inside one.
        speaker_kind: Made by a speaker of this kind: a person, a delegation
            or a group.
        title: Made by a speaker with a role whose title holds these words.
        topic: :func:`topic`: tagged with this topic.
        contains: :func:`contains`: the text holds these words, whole and in
            order, in any case.

    Returns:
        The matching statements, in forum order.
        On a corpus, a :class:`Found` for each, forum by forum: a value
        that names nothing in one forum gives that forum no matches, and is
        an error only if it names nothing in every forum.

    Raises:
        ValidationError: If a value names no country, kind of
            organisation, kind of speaker or part, or (in this forum) no
            speaker, session, organisation or ministry; or *topic* or
            *contains* is empty.
        TypeError: If a value has the wrong type.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.  New
       filters *part* and *speaker_kind*.  Takes a :class:`~aigov.Corpus`.
    """
    values = {
        "speaker": speaker,
        "session": session,
        "part": part,
        "country": country,
        "ministry": ministry,
        "organization": organization,
        "kind": kind,
        "speaker_kind": speaker_kind,
        "title": title,
        "topic": topic,
        "contains": contains,
    }

    def one(forum: Forum) -> tuple[Statement, ...]:
        found = _find(forum, where, Target.STATEMENTS, values)
        every = index_of(forum).statements
        return every if found is None else _in_order(every, found)

    return (
        _over_corpus(forum, one, target=Target.STATEMENTS, where=where, values=values)
        if isinstance(forum, Corpus)
        else one(forum)
    )


@overload
def organizations(
    forum: Forum,
    where: Predicate[Organization] | None = ...,
    /,
    *,
    kind: OrganizationKind | str | None = ...,
    country: str | None = ...,
    within: str | None = ...,
) -> tuple[Organization, ...]: ...
@overload
def organizations(
    forum: Corpus,
    where: Predicate[Organization] | None = ...,
    /,
    *,
    kind: OrganizationKind | str | None = ...,
    country: str | None = ...,
    within: str | None = ...,
) -> tuple[Found[Organization], ...]: ...
def organizations(
    forum: Forum | Corpus,
    where: Predicate[Organization] | None = None,
    /,
    *,
    kind: OrganizationKind | str | None = None,
    country: str | None = None,
    within: str | None = None,
) -> tuple[Organization, ...] | tuple[Found[Organization], ...]:
    """Return the organisations of *forum* that match every filter, in forum order.

    Args:
        forum: The forum to search, or a :class:`~aigov.Corpus` of them.
        where: A predicate the organisations must also meet:
            ``country("CN") & ~ministry()``.
        kind: :func:`kind`: of this kind, or a unit inside an organisation of
            it (a university's institutes are in ``kind="university"``).
        country: :func:`country`: of this country, or a unit inside an
            organisation of it.
        within: :func:`within`: the named organisations and every unit inside
            them, at any depth.

    Returns:
        The matching organisations, in the order of ``forum.organizations``.
        On a corpus, a :class:`Found` for each, forum by forum: a value
        that names nothing in one forum gives that forum no matches, and is
        an error only if it names nothing in every forum.

    Raises:
        ValidationError: If a value names no kind or country, or *within*
            names no organisation of the forum.
        TypeError: If a value has the wrong type.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.2.0
       A wrong argument type raises ``aigov.exceptions.ArgumentTypeError``,
       a :exc:`TypeError` that is also an :exc:`~aigov.AigovError`.  Takes a
       :class:`~aigov.Corpus`.
    """
    values = {"kind": kind, "country": country, "within": within}

    def one(forum: Forum) -> tuple[Organization, ...]:
        found = _find(forum, where, Target.ORGANIZATIONS, values)
        every = forum.organizations
        return every if found is None else _in_order(every, found)

    return (
        _over_corpus(
            forum, one, target=Target.ORGANIZATIONS, where=where, values=values
        )
        if isinstance(forum, Corpus)
        else one(forum)
    )


# --- forums of a corpus --------------------------------------------------------------

_When = datetime.date | PartialDate


def _check_when(value: object, name: str) -> None:
    if value is not None and not isinstance(value, datetime.date | PartialDate):
        msg = (
            f"{name} must be a date, a PartialDate or None, not {type(value).__name__}"
        )
        raise ArgumentTypeError(msg)


def _overlaps(forum: Forum, start: _When | None, end: _When | None) -> bool:
    begins = forum.start_date or forum.end_date
    if begins is None:
        return False  # a forum without dates is in no interval
    ends = forum.end_date or begins
    if start is not None and last_day(ends) < first_day(start):
        return False
    return end is None or first_day(begins) <= last_day(end)


def _hosts_or_speakers(
    forum: Forum,
    organizations: Callable[[Forum], tuple[Organization, ...]],
    speakers_of: Callable[[Forum], tuple[Speaker, ...]],
) -> bool:
    sponsors = {*forum.host_ids, *forum.supporter_ids}
    if any(org.id in sponsors for org in organizations(forum)):
        return True
    return bool(speakers_of(forum))


def forums(
    corpus: Corpus,
    *,
    between: tuple[_When | None, _When | None] | None = None,
    series: str | None = None,
    country: str | None = None,
    organization: str | None = None,
) -> tuple[Forum, ...]:
    """Return the forums of *corpus* that match every filter given, in corpus order.

    Args:
        corpus: The corpus to search.
        between: ``(start, end)``: forums whose dates overlap this closed
            interval.  A partial date, in the interval or the forum, stands
            for every day it covers (``PartialDate(year=2021)`` is all of
            2021); ``None`` leaves that end open.  Forums without dates are
            left out.
        series: Forums of the series of this name, in any case.
        country: Forums one of whose hosts, supporters or speakers is
            affiliated with this country, as :func:`organizations` and
            :func:`speakers` take it.
        organization: Forums hosted or supported by this organisation (or a
            unit inside it), or with a speaker in it.

    Returns:
        The matching forums.

    Raises:
        ValidationError: If *country* names no country, or *organization*
            names no organisation of any forum of the corpus.
        TypeError: If a value has the wrong type (an
            :class:`~aigov.exceptions.ArgumentTypeError`).

    .. versionadded:: 0.2.0
    """
    if not isinstance(corpus, Corpus):
        msg = f"expected a Corpus, not {type(corpus).__name__}"  # type: ignore[unreachable]
        raise ArgumentTypeError(msg)
    tests: list[Callable[[Forum], bool]] = []
    if between is not None:
        pair: object = between  # callers without a type checker pass anything
        if not isinstance(pair, tuple) or len(pair) != 2:  # noqa: PLR2004 - a pair
            msg = "between must be a (start, end) pair"
            raise ArgumentTypeError(msg)
        start, end = between
        _check_when(start, "between's start")
        _check_when(end, "between's end")
        tests.append(lambda forum: _overlaps(forum, start, end))
    if series is not None:
        if not isinstance(series, str):
            msg = f"series must be a str, not {type(series).__name__}"  # type: ignore[unreachable]
            raise ArgumentTypeError(msg)
        wanted = series.casefold()
        tests.append(
            lambda forum: forum.series is not None and forum.series.casefold() == wanted
        )
    if country is not None:
        tests.append(
            lambda forum: _hosts_or_speakers(
                forum,
                lambda f: organizations(f, country=country),
                lambda f: speakers(f, country=country),
            )
        )
    if organization is not None:
        tests.append(
            lambda forum: _hosts_or_speakers(
                forum,
                lambda f: organizations(f, within=organization),
                lambda f: speakers(f, organization=organization),
            )
        )

    def one(forum: Forum) -> tuple[Forum, ...]:
        return (forum,) if all(test(forum) for test in tests) else ()

    return tuple(found.forum for found in _over_corpus(corpus, one))
