"""Query helpers: predicates over a forum's speakers, statements and organisations.

Predicates are small frozen values.  Each knows how to select, from a
forum's lookup tables (:mod:`aigov._index`), the positions of the objects it
holds for; ``&``, ``|`` and ``~`` combine them into new predicates.  The
keyword functions :func:`speakers`, :func:`statements` and
:func:`organizations` only translate their keywords into predicates.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast, overload

import attrs

from aigov._index import ForumIndex, Positions, index_of
from aigov._match import fold, query_words, resolve_country
from aigov._model import Forum, Organization, OrganizationKind, Speaker, Statement
from aigov._text import describe_value
from aigov.exceptions import ValidationError

__all__ = [
    "Predicate",
    "contains",
    "country",
    "kind",
    "ministry",
    "organizations",
    "session",
    "speaker",
    "speakers",
    "statements",
    "title",
    "topic",
    "within",
]

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


class _Target(enum.Enum):
    SPEAKERS = "speakers"
    STATEMENTS = "statements"
    ORGANIZATIONS = "organizations"


_ALL_TARGETS = frozenset(_Target)
_PEOPLE = frozenset({_Target.SPEAKERS, _Target.STATEMENTS})
_SAID = frozenset({_Target.STATEMENTS})


def _universe(index: ForumIndex, target: _Target) -> int:
    if target is _Target.SPEAKERS:
        return len(index.speakers)
    if target is _Target.STATEMENTS:
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
    the statements made *in* the session.

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

    def _targets(self) -> frozenset[_Target]:
        """What this predicate can select."""
        raise NotImplementedError

    def _lifts(self) -> bool:
        """Whether its statements are exactly those made by its speakers."""
        return True

    def _select(self, index: ForumIndex, target: _Target) -> Positions:
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


class _Leaf(Predicate[T_contra]):
    """A predicate on one property; selects speakers, statements or orgs."""

    __slots__ = ()

    def _select(self, index: ForumIndex, target: _Target) -> Positions:
        if target is _Target.SPEAKERS:
            return self._speakers(index)
        if target is _Target.STATEMENTS:
            return self._statements(index)
        return self._organizations(index)

    def _speakers(self, index: ForumIndex) -> Positions:
        raise NotImplementedError

    def _statements(self, index: ForumIndex) -> Positions:
        return index.statements_of_speakers(self._speakers(index))

    def _organizations(self, index: ForumIndex) -> Positions:
        raise NotImplementedError


def _union(sets: Iterable[Positions]) -> Positions:
    result: set[int] = set()
    for found in sets:
        result |= found
    return frozenset(result)


# --- combinators ---------------------------------------------------------------


@attrs.frozen(repr=False)
class _Everything(Predicate[Speaker | Statement | Organization]):
    """Holds for everything: what no filter at all selects."""

    def _targets(self) -> frozenset[_Target]:
        return _ALL_TARGETS

    def _select(self, index: ForumIndex, target: _Target) -> Positions:
        return frozenset(range(_universe(index, target)))

    def __repr__(self) -> str:
        return "everything()"


@attrs.frozen(repr=False)
class _All(Predicate[T_contra]):
    parts: tuple[Predicate[T_contra], ...]
    _precedence: ClassVar[int] = 2

    def _targets(self) -> frozenset[_Target]:
        return frozenset.intersection(*(p._targets() for p in self.parts))  # noqa: SLF001

    def _lifts(self) -> bool:
        return all(p._lifts() for p in self.parts)  # noqa: SLF001

    def _select(self, index: ForumIndex, target: _Target) -> Positions:
        if target is _Target.STATEMENTS and self._lifts():
            # Narrow down speakers first: usually far fewer than statements.
            return index.statements_of_speakers(self._select(index, _Target.SPEAKERS))
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

    def _targets(self) -> frozenset[_Target]:
        return frozenset.intersection(*(p._targets() for p in self.parts))  # noqa: SLF001

    def _lifts(self) -> bool:
        return all(p._lifts() for p in self.parts)  # noqa: SLF001

    def _select(self, index: ForumIndex, target: _Target) -> Positions:
        if target is _Target.STATEMENTS and self._lifts():
            return index.statements_of_speakers(self._select(index, _Target.SPEAKERS))
        return _union(p._select(index, target) for p in self.parts)  # noqa: SLF001

    def __repr__(self) -> str:
        return " | ".join(_paren(p, self._precedence) for p in self.parts)


@attrs.frozen(repr=False)
class _Not(Predicate[T_contra]):
    part: Predicate[T_contra]

    def _targets(self) -> frozenset[_Target]:
        return self.part._targets()  # noqa: SLF001

    def _lifts(self) -> bool:
        return self.part._lifts()  # noqa: SLF001

    def _select(self, index: ForumIndex, target: _Target) -> Positions:
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


def _check_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        msg = f"{what} must be a string, not {type(value).__name__}"
        raise TypeError(msg)
    if not value.strip():
        msg = f"{describe_value(value)} is empty"
        raise ValidationError.single(msg, value, location=what)
    return value


def _unknown(what: str, value: str, noun: str, hint: str) -> ValidationError:
    msg = f"{describe_value(value)} names no {noun} in this forum{hint}"
    return ValidationError.single(msg, value, location=what)


@attrs.frozen(repr=False)
class _Country(_Leaf[Speaker | Statement | Organization]):
    code: str

    def _targets(self) -> frozenset[_Target]:
        return _ALL_TARGETS

    def _speakers(self, index: ForumIndex) -> Positions:
        return index.speakers_by_country.get(self.code, frozenset())

    def _organizations(self, index: ForumIndex) -> Positions:
        return index.organizations_by_country.get(self.code, frozenset())

    def __repr__(self) -> str:
        return f"country({self.code!r})"


@attrs.frozen(repr=False)
class _Kind(_Leaf[Speaker | Statement | Organization]):
    kind: OrganizationKind

    def _targets(self) -> frozenset[_Target]:
        return _ALL_TARGETS

    def _speakers(self, index: ForumIndex) -> Positions:
        return index.speakers_by_kind.get(self.kind, frozenset())

    def _organizations(self, index: ForumIndex) -> Positions:
        return index.organizations_by_kind.get(self.kind, frozenset())

    def __repr__(self) -> str:
        return f"kind({self.kind.value!r})"


@attrs.frozen(repr=False)
class _Within(_Leaf[Speaker | Statement | Organization]):
    name: str

    def _targets(self) -> frozenset[_Target]:
        return _ALL_TARGETS

    def _roots(self, index: ForumIndex) -> Positions:
        names = index.organization_names
        found = names.find(self.name)
        if not found:
            raise _unknown(
                "organization", self.name, "organization", names.suggest(self.name)
            )
        return found

    def _speakers(self, index: ForumIndex) -> Positions:
        return _union(index.speakers_within(o) for o in self._roots(index))

    def _organizations(self, index: ForumIndex) -> Positions:
        return _union(index.organizations_within(o) for o in self._roots(index))

    def __repr__(self) -> str:
        return f"within({self.name!r})"


@attrs.frozen(repr=False)
class _Ministry(_Leaf[Speaker | Statement | Organization]):
    name: str | None

    def _targets(self) -> frozenset[_Target]:
        return _ALL_TARGETS

    def _roots(self, index: ForumIndex) -> Positions:
        assert self.name is not None  # noqa: S101 - only called for a named ministry
        names = index.ministry_names
        found = names.find(self.name)
        if not found:
            raise _unknown("ministry", self.name, "ministry", names.suggest(self.name))
        return frozenset(index.ministries[i] for i in found)

    def _speakers(self, index: ForumIndex) -> Positions:
        if self.name is None:
            return index.speakers_by_kind.get(OrganizationKind.MINISTRY, frozenset())
        return _union(index.speakers_within(o) for o in self._roots(index))

    def _organizations(self, index: ForumIndex) -> Positions:
        if self.name is None:
            return index.organizations_by_kind.get(
                OrganizationKind.MINISTRY, frozenset()
            )
        return _union(index.organizations_within(o) for o in self._roots(index))

    def __repr__(self) -> str:
        return "ministry()" if self.name is None else f"ministry({self.name!r})"


@attrs.frozen(repr=False)
class _Title(_Leaf[Speaker | Statement]):
    text: str
    words: tuple[str, ...] = attrs.field(eq=False)

    def _targets(self) -> frozenset[_Target]:
        return _PEOPLE

    def _speakers(self, index: ForumIndex) -> Positions:
        return index.speaker_titles.find(self.words)

    def __repr__(self) -> str:
        return f"title({self.text!r})"


@attrs.frozen(repr=False)
class _Speaker(_Leaf[Speaker | Statement]):
    name: str

    def _targets(self) -> frozenset[_Target]:
        return _PEOPLE

    def _speakers(self, index: ForumIndex) -> Positions:
        names = index.speaker_names
        found = names.find(self.name)
        if not found:
            raise _unknown("speaker", self.name, "speaker", names.suggest(self.name))
        return found

    def __repr__(self) -> str:
        return f"speaker({self.name!r})"


@attrs.frozen(repr=False)
class _Session(_Leaf[Speaker | Statement]):
    name: str

    def _targets(self) -> frozenset[_Target]:
        return _PEOPLE

    def _lifts(self) -> bool:
        return False  # statements *in* the session, not by its speakers

    def _sessions(self, index: ForumIndex) -> Positions:
        names = index.session_names
        found = names.find(self.name)
        if not found:
            raise _unknown("session", self.name, "session", names.suggest(self.name))
        return found

    def _speakers(self, index: ForumIndex) -> Positions:
        return _union(index.speakers_by_session[s] for s in self._sessions(index))

    def _statements(self, index: ForumIndex) -> Positions:
        ranges = index.session_statements
        return frozenset(i for s in self._sessions(index) for i in ranges[s])

    def __repr__(self) -> str:
        return f"session({self.name!r})"


@attrs.frozen(repr=False)
class _Topic(_Leaf[Statement]):
    tag: str

    def _targets(self) -> frozenset[_Target]:
        return _SAID

    def _lifts(self) -> bool:
        return False

    def _statements(self, index: ForumIndex) -> Positions:
        return index.statements_by_topic.get(self.tag, frozenset())

    def __repr__(self) -> str:
        return f"topic({self.tag!r})"


@attrs.frozen(repr=False)
class _Contains(_Leaf[Statement]):
    text: str
    words: tuple[str, ...] = attrs.field(eq=False)

    def _targets(self) -> frozenset[_Target]:
        return _SAID

    def _lifts(self) -> bool:
        return False

    def _statements(self, index: ForumIndex) -> Positions:
        return index.statement_texts.find(self.words)

    def __repr__(self) -> str:
        return f"contains({self.text!r})"


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
      is that country, or they hold a role in an organisation that belongs to
      it.  A Chinese citizen working for a UN office does not belong to China
      here, unless their record says so;
    * a statement belongs to it when its speaker does.

    Raises:
        ValidationError: If *value* names no country.  The message suggests
            the closest: ``'Chna' is not a country; did you mean 'China'
            (CN)?``.
        TypeError: If *value* is not a string.

    .. versionadded:: 0.1.0
    """
    return _Country(resolve_country(_check_str(value, "country")))


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
    """
    return _Kind(_resolve_kind(value))


def _resolve_kind(value: object) -> OrganizationKind:
    if isinstance(value, OrganizationKind):
        return value
    text = _check_str(value, "kind")
    for member in OrganizationKind:
        if fold(text).strip() == member.value:
            return member
    choices = ", ".join(member.value for member in OrganizationKind)
    msg = f"{describe_value(value)} is not a kind of organization; use one of {choices}"
    raise ValidationError.single(msg, value, location="kind")


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
    """
    return _Within(_check_str(organization, "organization"))


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
    """
    return _Ministry(None if name is None else _check_str(name, "ministry"))


def title(words: str) -> Predicate[Speaker | Statement]:
    """Hold for speakers with a role whose title holds *words*.

    Matching is by whole words in order, in any case: ``"minister"`` matches
    "vice-minister" and "Minister" but not "administer"; ``"vice president"``
    matches "vice-president".  A statement matches when its speaker does.

    Raises:
        ValidationError: If *words* holds no word.
        TypeError: If *words* is not a string.

    .. versionadded:: 0.1.0
    """
    return _Title(words, query_words(_check_str(words, "title"), what="title"))


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
    """
    return _Speaker(_check_str(name, "speaker"))


def session(name: str) -> Predicate[Speaker | Statement]:
    """Hold for the people of a session, and for the statements made in it.

    *name* is a session's id or title, matched like organisation names in
    :func:`within` (exact id or title in any case, else whole words of the
    title).  A speaker matches when they chair the session, are listed among
    its speakers or make a statement in it; a statement when it is made in
    the session.

    Raises:
        ValidationError: When the predicate is used, if *name* names no
            session of the forum.
        TypeError: If *name* is not a string.

    .. versionadded:: 0.1.0
    """
    return _Session(_check_str(name, "session"))


def topic(tag: str) -> Predicate[Statement]:
    """Hold for statements tagged with a topic.

    Tags are lower case (:data:`aigov.datasets.TOPICS` lists those of the
    bundled forums); *tag* is compared in any case.  A tag no statement
    carries selects nothing: tags are open-ended, unlike names.

    Raises:
        ValidationError: If *tag* is empty.
        TypeError: If *tag* is not a string.

    .. versionadded:: 0.1.0
    """
    return _Topic(fold(_check_str(tag, "topic")).strip())


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
    """
    return _Contains(text, query_words(_check_str(text, "contains"), what="contains"))


# --- the keyword functions -----------------------------------------------------------


def _check_forum(forum: object) -> None:
    if not isinstance(forum, Forum):
        msg = f"expected a Forum, not {type(forum).__name__}"
        raise TypeError(msg)


def _select(forum: Forum, predicate: Predicate[T], target: _Target) -> Positions:
    _check_forum(forum)
    if target not in predicate._targets():  # noqa: SLF001
        msg = f"{predicate!r} cannot select {target.value}"
        raise TypeError(msg)
    return predicate._select(index_of(forum), target)  # noqa: SLF001


def _in_order(items: Sequence[T], positions: Positions) -> tuple[T, ...]:
    return tuple(items[i] for i in sorted(positions))


def _ministry_filter(
    value: bool | str,  # noqa: FBT001 - mirrors the ministry= keyword
) -> Predicate[Speaker | Statement | Organization]:
    if value is True:
        return _Ministry(None)
    if value is False:
        return ~_Ministry(None)
    return ministry(value)


def _speaker_side(
    *,
    country: str | None,
    ministry: bool | str | None,
    organization: str | None,
    kind: OrganizationKind | str | None,
    title: str | None,
) -> list[Predicate[Speaker | Statement]]:
    found: list[Predicate[Speaker | Statement]] = []
    if country is not None:
        found.append(_build_country(country))
    if ministry is not None:
        found.append(_ministry_filter(ministry))
    if organization is not None:
        found.append(_build_within(organization))
    if kind is not None:
        found.append(_build_kind(kind))
    if title is not None:
        found.append(_build_title(title))
    return found


def speakers(
    forum: Forum,
    where: Predicate[Speaker] | None = None,
    /,
    *,
    country: str | None = None,
    ministry: bool | str | None = None,
    organization: str | None = None,
    kind: OrganizationKind | str | None = None,
    title: str | None = None,
    session: str | None = None,
) -> tuple[Speaker, ...]:
    """Return the speakers of *forum* that match every filter given, in forum order.

    Each keyword is a shorthand for a predicate; *where* takes any predicate,
    for OR and NOT.  With no filter at all, every speaker is returned.

    Args:
        forum: The forum to search.
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
        title: :func:`title`: a role whose title holds these whole words.
        session: :func:`session`: chairs, speaks or makes a statement in the
            session with this id or title.

    Returns:
        The matching speakers, in the order of ``forum.speakers``.

    Raises:
        ValidationError: If a value names no country, kind of organisation,
            or (in this forum) no organisation, ministry or session.  Never
            an empty result for a name that does not exist.
        TypeError: If a value has the wrong type, or *where* cannot judge
            speakers (``topic(...)``).

    .. versionadded:: 0.1.0
    """
    parts: list[Predicate[Speaker]] = [] if where is None else [where]
    parts.extend(
        _speaker_side(
            country=country,
            ministry=ministry,
            organization=organization,
            kind=kind,
            title=title,
        )
    )
    if session is not None:
        parts.append(_build_session(session))
    predicate = _all_of(parts)
    if isinstance(predicate, _Everything):
        _check_forum(forum)
        return forum.speakers
    return _in_order(forum.speakers, _select(forum, predicate, _Target.SPEAKERS))


def statements(
    forum: Forum,
    where: Predicate[Statement] | None = None,
    /,
    *,
    speaker: str | None = None,
    session: str | None = None,
    country: str | None = None,
    ministry: bool | str | None = None,
    organization: str | None = None,
    kind: OrganizationKind | str | None = None,
    title: str | None = None,
    topic: str | None = None,
    contains: str | None = None,
) -> tuple[Statement, ...]:
    """Return the statements of *forum* that match every filter given, in order.

    Order is the forum's: session by session, each in its own order (as
    :meth:`Forum.all_statements <aigov.Forum.all_statements>` gives them).
    *country*, *ministry*, *organization*, *kind* and *title* mean "made by a
    speaker who matches", exactly as in :func:`speakers`.

    Args:
        forum: The forum to search.
        where: A predicate the statements must also meet:
            ``topic("privacy") | contains("privacy")``.
        speaker: :func:`speaker`: made by the speaker with this id or name.
        session: :func:`session`: made in the session with this id or title.
        country: Made by a speaker affiliated with this country.
        ministry: Made by a speaker in a ministry (``True``), in the named
            one (a string), or in none (``False``).
        organization: Made by a speaker in this organisation or inside it.
        kind: Made by a speaker in an organisation of this kind or inside one.
        title: Made by a speaker with a role whose title holds these words.
        topic: :func:`topic`: tagged with this topic.
        contains: :func:`contains`: the text holds these words, whole and in
            order, in any case.

    Returns:
        The matching statements, in forum order.

    Raises:
        ValidationError: If a value names no country or kind of
            organisation, or (in this forum) no speaker, session,
            organisation or ministry; or *topic* or *contains* is empty.
        TypeError: If a value has the wrong type.

    .. versionadded:: 0.1.0
    """
    parts: list[Predicate[Statement]] = [] if where is None else [where]
    if speaker is not None:
        parts.append(_build_speaker(speaker))
    if session is not None:
        parts.append(_build_session(session))
    parts.extend(
        _speaker_side(
            country=country,
            ministry=ministry,
            organization=organization,
            kind=kind,
            title=title,
        )
    )
    if topic is not None:
        parts.append(_build_topic(topic))
    if contains is not None:
        parts.append(_build_contains(contains))
    predicate = _all_of(parts)
    if isinstance(predicate, _Everything):
        _check_forum(forum)
        return index_of(forum).statements
    found = _select(forum, predicate, _Target.STATEMENTS)
    return _in_order(index_of(forum).statements, found)


def organizations(
    forum: Forum,
    where: Predicate[Organization] | None = None,
    /,
    *,
    kind: OrganizationKind | str | None = None,
    country: str | None = None,
    within: str | None = None,
) -> tuple[Organization, ...]:
    """Return the organisations of *forum* that match every filter, in forum order.

    Args:
        forum: The forum to search.
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

    Raises:
        ValidationError: If a value names no kind or country, or *within*
            names no organisation of the forum.
        TypeError: If a value has the wrong type.

    .. versionadded:: 0.1.0
    """
    parts: list[Predicate[Organization]] = [] if where is None else [where]
    if kind is not None:
        parts.append(_build_kind(kind))
    if country is not None:
        parts.append(_build_country(country))
    if within is not None:
        parts.append(_build_within(within))
    predicate = _all_of(parts)
    if isinstance(predicate, _Everything):
        _check_forum(forum)
        return forum.organizations
    return _in_order(
        forum.organizations, _select(forum, predicate, _Target.ORGANIZATIONS)
    )


# The keyword functions' parameters shadow these names.
_build_country = country
_build_kind = kind
_build_within = within
_build_title = title
_build_speaker = speaker
_build_session = session
_build_topic = topic
_build_contains = contains
