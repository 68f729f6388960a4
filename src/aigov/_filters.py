"""The query filters, each declared once.

:data:`FILTERS` maps the name of each filter (the function of
:mod:`aigov.query` that builds its predicate, and the name its ``repr()``
shows) to a :class:`Filter`: how its argument is checked, what it selects
from a forum's lookup tables, which keyword functions take it under which
keyword, its command-line option and help, and where its errors point.
:mod:`aigov._query` builds its predicates and keyword functions from it; the
command line builds its filter options and maps an error back to the option
through it.  Adding a filter is adding an entry here, a builder and a keyword
in :mod:`aigov._query` (whose explicit signatures a test checks against this
table).
"""

from __future__ import annotations

import contextvars
import enum
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from aigov._index import ForumIndex, Positions
from aigov._match import fold, query_words, resolve_country, words
from aigov._model import OrganizationKind, Part, SpeakerKind
from aigov._text import describe_value
from aigov.exceptions import ArgumentTypeError, ValidationError

__all__ = [
    "FILTERS",
    "Filter",
    "Option",
    "Target",
    "check_string",
    "is_speaker_side",
    "keyword_filters",
    "option_for",
    "option_name",
]


class Target(enum.Enum):
    """What a keyword function selects; its value names the function."""

    SPEAKERS = "speakers"
    STATEMENTS = "statements"
    ORGANIZATIONS = "organizations"


#: Selects, from a forum's index, the positions a filter's argument holds for.
Selector = Callable[[ForumIndex, Any], Positions]

_NOTHING: Positions = frozenset()


@attrs.frozen
class Option:
    """How the command line spells a filter's value."""

    metavar: str
    #: ``"?"`` for an option whose value may be left out, then *const*.
    nargs: str | None = None
    const: object = None


@attrs.frozen
class Filter:
    """One filter: its checks, its selection, its keywords and its option."""

    #: The builder in :mod:`aigov.query`, and what ``repr()`` shows.
    name: str
    #: Checks and normalises the builder's argument into the predicate's.
    prepare: Callable[[Any], Hashable]
    #: Keyword functions that take the filter, and their keyword for it.
    keywords: Mapping[Target, str]
    #: The command-line help, per keyword function.
    help: Mapping[Target, str]
    option: Option
    speakers: Selector | None = None
    #: ``None``: the statements made by the speakers it selects.
    statements: Selector | None = None
    organizations: Selector | None = None
    #: Where its :class:`~aigov.ValidationError` points.
    location: str = attrs.field()
    #: Whether the keyword takes ``True`` and ``False`` for "any" and "none".
    any_flag: bool = False
    #: The argument as the builder's ``repr()`` shows it.
    show: Callable[[Any], str] = repr

    @location.default
    def _location_default(self) -> str:
        return self.name

    @property
    def judges(self) -> frozenset[Target]:
        """What its predicate can select."""
        found = set()
        if self.speakers is not None:
            found |= {Target.SPEAKERS, Target.STATEMENTS}
        if self.statements is not None:
            found.add(Target.STATEMENTS)
        if self.organizations is not None:
            found.add(Target.ORGANIZATIONS)
        return frozenset(found)

    @property
    def lifts(self) -> bool:
        """Whether its statements are exactly those made by its speakers."""
        return self.statements is None

    def select(self, index: ForumIndex, argument: object, target: Target) -> Positions:
        """The positions of the *target* objects *argument* holds for."""
        if target is Target.ORGANIZATIONS:
            selector = self.organizations
        elif target is Target.STATEMENTS and self.statements is not None:
            selector = self.statements
        else:
            selector = self.speakers
        assert selector is not None  # noqa: S101 - callers check judges first
        found = selector(index, argument)
        if target is Target.STATEMENTS and self.lifts:
            return index.statements_of_speakers(found)
        return found


# --- checking arguments -----------------------------------------------------------


def check_string(value: object, what: str) -> str:
    """Return *value* if it is a string with something in it.

    Raises:
        ArgumentTypeError: If *value* is not a string.
        ValidationError: If it is blank; located at *what*.
    """
    if not isinstance(value, str):
        msg = f"{what} must be a string, not {type(value).__name__}"
        raise ArgumentTypeError(msg)
    if not value.strip():
        msg = f"{describe_value(value)} is empty"
        raise ValidationError.single(msg, value, location=what)
    return value


def _country(value: object) -> str:
    return resolve_country(check_string(value, "country"))


E = TypeVar("E", bound=enum.Enum)


def _member(choices: type[E], what: str, noun: str) -> Callable[[object], E]:
    """A check that takes a member of *choices* or its value, in any case."""

    def check(value: object) -> E:
        if isinstance(value, choices):
            return value
        text = fold(check_string(value, what)).strip()
        for member in choices:
            if text == member.value:
                return member
        allowed = ", ".join(str(member.value) for member in choices)
        msg = f"{describe_value(value)} is not {noun}; use one of {allowed}"
        raise ValidationError.single(msg, value, location=what)

    return check


_kind = _member(OrganizationKind, "kind", "a kind of organization")
_part = _member(Part, "part", "a part in a session")
_speaker_kind = _member(SpeakerKind, "speaker_kind", "a kind of speaker")


def _or_list(choices: type[enum.Enum]) -> str:
    values = [str(member.value) for member in choices]
    return f"{', '.join(values[:-1])} or {values[-1]}"


def _name(what: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        return check_string(value, what)

    return check


def _optional_name(what: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        return None if value is None else check_string(value, what)

    return check


def _words(what: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        text = check_string(value, what)
        query_words(text, what=what)
        return text

    return check


def _tag(value: object) -> str:
    return fold(check_string(value, "topic")).strip()


# --- selecting --------------------------------------------------------------------


def _union(sets: Iterable[Positions]) -> Positions:
    result: set[int] = set()
    for found in sets:
        result |= found
    return frozenset(result)


def _unknown(what: str, value: str, noun: str, hint: str) -> ValidationError:
    msg = f"{describe_value(value)} names no {noun} in this forum{hint}"
    return ValidationError.single(msg, value, location=what)


@attrs.define
class Lenient:
    """Names that resolved, and those that did not, while querying a corpus.

    Over a corpus, a name that names nothing in one forum selects nothing
    there -- so ``within("Tsinghua") | country("GB")`` still finds a forum's
    British speakers -- and is an error only if it names nothing in any
    forum: the caller raises :attr:`unresolved`'s errors at the end.
    """

    resolved: set[tuple[str, str]] = attrs.Factory(set)
    #: How to build the error of each name that failed, from the first forum
    #: it failed in.  Built only if it resolves nowhere: a "did you mean"
    #: hint compares the name with every name of a forum, and paying that in
    #: each of a thousand forums the name is not in made a query that finds
    #: one speaker cost as much as a scan.
    failed: dict[tuple[str, str], Callable[[], ValidationError]] = attrs.Factory(dict)

    @property
    def unresolved(self) -> list[ValidationError]:
        """The errors of the names that resolved in no forum, in the order first met."""
        return [
            error() for key, error in self.failed.items() if key not in self.resolved
        ]


#: Set while a query runs over a corpus (see :class:`Lenient`).
LENIENT: contextvars.ContextVar[Lenient | None] = contextvars.ContextVar(
    "aigov_lenient_names", default=None
)


def _resolved(
    what: str, name: str, found: Positions, error: Callable[[], ValidationError]
) -> Positions:
    lenient = LENIENT.get()
    if found:
        if lenient is not None:
            lenient.resolved.add((what, name))
        return found
    if lenient is None:
        raise error()
    lenient.failed.setdefault((what, name), error)
    return frozenset()


def _organizations_named(index: ForumIndex, name: str) -> Positions:
    names = index.organization_names
    return _resolved(
        "organization",
        name,
        names.find(name),
        lambda: _unknown("organization", name, "organization", names.suggest(name)),
    )


def _ministries_named(index: ForumIndex, name: str) -> Positions:
    names = index.ministry_names
    found = _resolved(
        "ministry",
        name,
        names.find(name),
        lambda: _unknown("ministry", name, "ministry", names.suggest(name)),
    )
    return frozenset(index.ministries[i] for i in found)


def _sessions_named(index: ForumIndex, name: str) -> Positions:
    names = index.session_names
    return _resolved(
        "session",
        name,
        names.find(name),
        lambda: _unknown("session", name, "session", names.suggest(name)),
    )


def _speakers_named(index: ForumIndex, name: str) -> Positions:
    names = index.speaker_names
    return _resolved(
        "speaker",
        name,
        names.find(name),
        lambda: _unknown("speaker", name, "speaker", names.suggest(name)),
    )


def _speakers_within(index: ForumIndex, roots: Positions) -> Positions:
    return _union(index.speakers_within(o) for o in roots)


def _organizations_within(index: ForumIndex, roots: Positions) -> Positions:
    return _union(index.organizations_within(o) for o in roots)


def _ministry_speakers(index: ForumIndex, name: str | None) -> Positions:
    if name is None:
        return index.speakers_by_kind.get(OrganizationKind.MINISTRY, _NOTHING)
    return _speakers_within(index, _ministries_named(index, name))


def _ministry_organizations(index: ForumIndex, name: str | None) -> Positions:
    if name is None:
        return index.organizations_by_kind.get(OrganizationKind.MINISTRY, _NOTHING)
    return _organizations_within(index, _ministries_named(index, name))


def _session_speakers(index: ForumIndex, name: str) -> Positions:
    by_session = index.speakers_by_session
    return _union(by_session[s] for s in _sessions_named(index, name))


def _session_statements(index: ForumIndex, name: str) -> Positions:
    ranges = index.session_statements
    return frozenset(i for s in _sessions_named(index, name) for i in ranges[s])


# --- the table ----------------------------------------------------------------------

_PEOPLE = (Target.SPEAKERS, Target.STATEMENTS)


def _same(keyword: str, targets: Iterable[Target]) -> dict[Target, str]:
    return dict.fromkeys(targets, keyword)


_FILTERS = (
    Filter(
        name="country",
        prepare=_country,
        keywords=_same("country", Target),
        help={
            **_same(
                "affiliated with this country: code or English name (CN, chn, China)",
                _PEOPLE,
            ),
            Target.ORGANIZATIONS: "of this country, or inside an organisation of it",
        },
        option=Option("C"),
        speakers=lambda index, code: index.speakers_by_country.get(code, _NOTHING),
        organizations=lambda index, code: index.organizations_by_country.get(
            code, _NOTHING
        ),
    ),
    Filter(
        name="ministry",
        prepare=_optional_name("ministry"),
        keywords=_same("ministry", _PEOPLE),
        help=_same(
            "in a ministry, or a unit inside one; with NAME, in that ministry "
            "(id, name, abbreviation or words of the name)",
            _PEOPLE,
        ),
        option=Option("NAME", nargs="?", const=True),
        speakers=_ministry_speakers,
        organizations=_ministry_organizations,
        any_flag=True,
        show=lambda name: "" if name is None else repr(name),
    ),
    Filter(
        name="within",
        prepare=_name("organization"),
        keywords={
            **_same("organization", _PEOPLE),
            Target.ORGANIZATIONS: "within",
        },
        help={
            **_same(
                "in this organisation or a unit inside it (id, name, abbreviation, "
                "alias or whole words of the name)",
                _PEOPLE,
            ),
            Target.ORGANIZATIONS: "this organisation and every unit inside it",
        },
        option=Option("O"),
        speakers=lambda index, name: _speakers_within(
            index, _organizations_named(index, name)
        ),
        organizations=lambda index, name: _organizations_within(
            index, _organizations_named(index, name)
        ),
        location="organization",
    ),
    Filter(
        name="kind",
        prepare=_kind,
        keywords=_same("kind", Target),
        help={
            **_same(
                "in an organisation of this kind (ministry, university, ...)", _PEOPLE
            ),
            Target.ORGANIZATIONS: "of this kind, or inside an organisation of it",
        },
        option=Option("K"),
        speakers=lambda index, kind: index.speakers_by_kind.get(kind, _NOTHING),
        organizations=lambda index, kind: index.organizations_by_kind.get(
            kind, _NOTHING
        ),
        show=lambda kind: repr(kind.value),
    ),
    Filter(
        name="speaker_kind",
        prepare=_speaker_kind,
        keywords=_same("speaker_kind", _PEOPLE),
        help=_same(f"a speaker of this kind: {_or_list(SpeakerKind)}", _PEOPLE),
        option=Option("K"),
        speakers=lambda index, kind: index.speakers_by_speaker_kind.get(kind, _NOTHING),
        show=lambda kind: repr(kind.value),
    ),
    Filter(
        name="title",
        prepare=_words("title"),
        keywords=_same("title", _PEOPLE),
        help=_same("with a role title holding these whole words", _PEOPLE),
        option=Option("T"),
        speakers=lambda index, text: index.speaker_titles.find(words(text)),
    ),
    Filter(
        name="speaker",
        prepare=_name("speaker"),
        keywords={Target.STATEMENTS: "speaker"},
        help={Target.STATEMENTS: "made by this speaker (id or name)"},
        option=Option("S"),
        speakers=_speakers_named,
    ),
    Filter(
        name="session",
        prepare=_name("session"),
        keywords=_same("session", _PEOPLE),
        help={
            Target.SPEAKERS: "takes part in this session, in any part, or makes "
            "a statement in it (id or title)",
            Target.STATEMENTS: "made in this session (id or title)",
        },
        option=Option("S"),
        speakers=_session_speakers,
        # Statements *in* the session, not those of its people.
        statements=_session_statements,
    ),
    Filter(
        name="part",
        prepare=_part,
        keywords=_same("part", _PEOPLE),
        help={
            Target.SPEAKERS: f"has this part in a session: {_or_list(Part)}",
            Target.STATEMENTS: "made by a speaker with this part in the "
            "statement's session (keynote, moderator, ...)",
        },
        option=Option("P"),
        speakers=lambda index, part: index.speakers_by_part.get(part, _NOTHING),
        # The part is the speaker's in the statement's own session.
        statements=lambda index, part: index.statements_by_part.get(part, _NOTHING),
        show=lambda part: repr(part.value),
    ),
    Filter(
        name="topic",
        prepare=_tag,
        keywords={Target.STATEMENTS: "topic"},
        help={Target.STATEMENTS: "tagged with this topic"},
        option=Option("T"),
        statements=lambda index, tag: index.statements_by_topic.get(tag, _NOTHING),
    ),
    Filter(
        name="contains",
        prepare=_words("contains"),
        keywords={Target.STATEMENTS: "contains"},
        help={
            Target.STATEMENTS: "the text holds these words, whole and in order, "
            "in any case"
        },
        option=Option("TEXT"),
        statements=lambda index, text: index.statement_texts.find(words(text)),
    ),
)

#: Every filter, by name, in the order the command line lists them.
FILTERS: Mapping[str, Filter] = {spec.name: spec for spec in _FILTERS}


def keyword_filters(target: Target) -> dict[str, Filter]:
    """The keywords of the keyword function for *target*, and their filters."""
    return {
        spec.keywords[target]: spec
        for spec in FILTERS.values()
        if target in spec.keywords
    }


def is_speaker_side(spec: Filter) -> bool:
    """Whether *spec* is about a speaker, and on statements about who made them."""
    return spec.lifts and {Target.SPEAKERS, Target.STATEMENTS} <= spec.keywords.keys()


def option_name(keyword: str) -> str:
    """The command-line option of a keyword: ``speaker_kind`` is ``--speaker-kind``."""
    return "--" + keyword.replace("_", "-")


def option_for(target: Target, location: str) -> str | None:
    """The option of *target*'s command whose value an error at *location* is about."""
    for keyword, spec in keyword_filters(target).items():
        if spec.location == location:
            return option_name(keyword)
    return None
