"""Hypothesis strategies that generate valid aigov objects.

Use them in your own property-based tests (needs ``pip install
aigov[strategies]``)::

    from hypothesis import given
    from aigov import strategies

    @given(strategies.forums())
    def test_my_exporter_accepts_any_forum(forum): ...

Every strategy generates objects that pass validation, including unicode
names, names in scripts without Latin letters, the smallest and largest dates
and empty collections.  :func:`forums` keeps every reference consistent:
parents, roles, hosts, chairs and statements refer to objects in the forum.

The strategies are derived from the model's field declarations by
:func:`from_declarations`, which also builds one for any attrs class of
your own whose fields are declared with aigov's field vocabulary.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from aigov._fields import Country, NonBlank, Spec, TopicTag, fields_of
from aigov._model import (
    MODEL_CLASSES,
    Count,
    Evidence,
    Forum,
    Identifier,
    Name,
    Organization,
    PartialDate,
    Participant,
    Role,
    Session,
    Source,
    Speaker,
    Statement,
)
from aigov._text import is_blank
from aigov.exceptions import ArgumentTypeError, NotAModelError, ValidationError

__all__ = [
    "country_codes",
    "counts",
    "dates",
    "evidence",
    "forums",
    "from_declarations",
    "identifiers",
    "json_values",
    "model_objects",
    "names",
    "organizations",
    "partial_dates",
    "participants",
    "roles",
    "sessions",
    "sources",
    "speakers",
    "statements",
    "texts",
    "topics",
]

T = TypeVar("T")

_ID = operator.attrgetter("id")


def texts(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Non-blank text in any script, as names, titles and ids must be.

    Lone surrogates are left out: they are not Unicode text and the model
    rejects them.

    Args:
        max_size: The most characters a text has.

    Returns:
        A strategy for strings with at least one non-whitespace character.

    .. versionadded:: 0.1.0
    """
    return NonBlank(max_size=max_size).strategy()


def topics() -> st.SearchStrategy[str]:
    """Lower-case topic tags, in any script.

    Returns:
        A strategy for tags that a statement accepts among its topics.

    .. versionadded:: 0.1.0
    """
    return TopicTag().strategy()


def country_codes() -> st.SearchStrategy[str]:
    """Assigned ISO 3166-1 alpha-2 codes.

    Returns:
        A strategy for upper-case codes such as ``"CN"``, drawn from every
        code that pycountry lists.

    .. versionadded:: 0.1.0
    """
    return Country().strategy()


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _tuples(
    strategy: st.SearchStrategy[T], *, max_size: int = 3, unique: bool = False
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size, unique=unique).map(tuple)


# --- derived from the declarations -------------------------------------------------


def from_declarations(
    cls: type[T], /, **overrides: st.SearchStrategy[Any]
) -> st.SearchStrategy[T]:
    """Valid objects of any attrs class whose fields use aigov's field vocabulary.

    Each field's values are derived from its declaration: non-blank text,
    country codes, topic tags and counts as aigov's own classes hold them,
    any ``str`` or ``int`` for fields of those plain types, any member of
    an enum, any date, nested objects of their own class (aigov's model
    objects included, forums from :func:`forums`), tuples of up to three
    items (without repeats where declared unique) and ``None`` for
    optional fields.
    Fields without a default are always given; the others are sometimes
    left out, so that defaults are tried too, and ids derived from other
    fields are given in about half of the objects and derived in the rest.
    A class's whole-object checks (an end after its start, say) may refuse
    a combination of fields; such draws are filtered out.

    For example, for a class of your own that holds aigov objects::

        @attrs.frozen(kw_only=True)
        class Interview:
            speaker: aigov.Speaker
            day: datetime.date
            notes: tuple[str, ...] = ()

        @given(strategies.from_declarations(Interview))
        def test_interviews_round_trip(interview): ...

    Args:
        cls: The attrs class to build.
        **overrides: A strategy for some fields, by name, to use instead of
            the declared one; these fields are always given.

    Returns:
        A strategy for *cls* objects.

    Raises:
        aigov.exceptions.NotAModelError: If *cls* is not an attrs class.
        aigov.exceptions.ArgumentTypeError: If an override names no field
            of *cls* or is not a strategy, or a field without a default is
            not declared with the vocabulary (and so needs an override).

    .. versionadded:: 0.2.0
    """
    build: Callable[[dict[str, Any]], T] = functools.partial(_build, cls)
    # Callers without a type checker may pass anything.
    if not (isinstance(cls, type) and attrs.has(cls)):  # type: ignore[redundant-expr]
        raise NotAModelError(cls, expected="an attrs class")
    arguments = _arguments(cls, overrides)
    if getattr(cls, "_check_whole", None) is None:
        return arguments.map(build)
    return arguments.map(functools.partial(_build_if_whole, build)).filter(_is_built)


def _build(cls: type[T], arguments: dict[str, Any]) -> T:
    return cls(**arguments)


#: What :func:`_build_if_whole` returns for arguments the class refuses.
_REFUSED: Any = object()


def _build_if_whole(build: Any, arguments: dict[str, Any]) -> Any:  # noqa: ANN401 - any class
    try:
        return build(arguments)
    except ValidationError:
        return _REFUSED


def _is_built(obj: object) -> bool:
    return obj is not _REFUSED


def _arguments(
    cls: type, overrides: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """The keyword arguments of *cls* objects: required ones always, others at times."""
    attributes = [a for a in attrs.fields(cls) if a.init]
    names = {a.alias for a in attributes}
    for name, strategy in overrides.items():
        if name not in names:
            fields = ", ".join(sorted(names))
            msg = f"{name!r} is no field of {cls.__name__} (it has {fields})"
            raise ArgumentTypeError(msg)
        if not isinstance(strategy, st.SearchStrategy):
            msg = f"the override for {name!r} must be a hypothesis strategy, not {type(strategy).__name__}"  # type: ignore[unreachable]
            raise ArgumentTypeError(msg)
    declared = {field.name: field for field in fields_of(cls)}
    always: dict[str, st.SearchStrategy[Any]] = {}
    at_times: dict[str, st.SearchStrategy[Any]] = {}
    for attribute in attributes:
        name = attribute.alias
        if name in overrides:
            always[name] = overrides[name]
            continue
        field = declared.get(attribute.name)
        if field is None:
            if attribute.default is attrs.NOTHING:
                msg = (
                    f"{cls.__name__}.{attribute.name} is not declared with aigov's "
                    "field vocabulary; pass a strategy for it"
                )
                raise ArgumentTypeError(msg)
            continue  # its default is the only value known to be valid
        strategy = _field_strategy(field.spec)
        (always if field.required else at_times)[name] = strategy
    return st.fixed_dictionaries(always, optional=at_times)


@functools.cache
def _field_strategy(spec: Spec) -> st.SearchStrategy[Any]:  # noqa: PLR0911 - one per form
    """Valid values of a field, from its compiled declaration."""
    if spec.form == "leaf":
        return spec.kind.strategy()  # type: ignore[union-attr]
    if spec.form == "optional":
        return _optional(_field_strategy(spec.item))
    if spec.form == "tuple":
        item: Spec = spec.item  # type: ignore[assignment]
        # Nested objects hold tuples of their own: fewer keeps them small.
        most = 2 if item.model is not None else 3
        return _tuples(_field_strategy(item), max_size=most, unique=spec.unique)
    if spec.form == "enum":
        return st.sampled_from(spec.type)
    if spec.form == "date":
        return st.dates()
    if spec.form == "when":
        return st.dates() | _class_strategy(spec.type)
    if spec.form == "model":
        # Deferred: a class may hold itself (optionally, or in a tuple).
        model = spec.type
        return st.deferred(lambda: _class_strategy(model))
    return st.text() if spec.type is str else st.integers()


@functools.cache
def _class_strategy(cls: type) -> st.SearchStrategy[Any]:
    # A forum's references must resolve: only forums() knows how.
    return forums() if cls is Forum else from_declarations(cls)


# --- the model's classes ------------------------------------------------------------


#: Evidence names the forum's sources, so the strategies of the objects a
#: forum holds make none: :func:`forums` adds passages of its own sources.
_NO_EVIDENCE: st.SearchStrategy[tuple[Evidence, ...]] = st.just(())


def _partial(cls: type) -> st.SearchStrategy[tuple[str, ...]]:
    """Names of *cls*'s list fields, as its ``partial`` holds."""
    lists = sorted(f.name for f in fields_of(cls) if f.spec.form == "tuple")
    return _tuples(st.sampled_from([n for n in lists if n != "partial"]), unique=True)


_SESSION_EXTRAS: dict[str, st.SearchStrategy[Any]] = {
    "partial": _partial(Session),
    "evidence": _NO_EVIDENCE,
}


def identifiers() -> st.SearchStrategy[Identifier]:
    """:class:`~aigov.Identifier` objects.

    Returns:
        A strategy for identifiers with any non-blank scheme and value.

    .. versionadded:: 0.1.0
    """
    return from_declarations(Identifier)


def organizations() -> st.SearchStrategy[Organization]:
    """Top-level :class:`~aigov.Organization` objects (no ``parent_id``).

    Half of them have an explicit id, half the id derived from their name.
    :func:`forums` puts some of them inside others.

    Returns:
        A strategy for organisations of every kind, with or without a
        country.

    .. versionadded:: 0.1.0
    """
    return from_declarations(Organization, parent_id=st.none(), evidence=_NO_EVIDENCE)


def roles(organization_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Role]:
    """:class:`~aigov.Role` objects in the given organisations (or in none).

    Args:
        organization_ids: The ids a role's ``organization_id`` may take.
            Without any, every role is held outside any organisation.

    Returns:
        A strategy for roles.

    .. versionadded:: 0.1.0
    """
    org_id = (
        _optional(st.sampled_from(organization_ids)) if organization_ids else st.none()
    )
    return from_declarations(Role, organization_id=org_id, evidence=_NO_EVIDENCE)


def speakers(organization_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Speaker]:
    """:class:`~aigov.Speaker` objects with roles in the given organisations.

    Args:
        organization_ids: The organisations their roles may be in; see
            :func:`roles`.

    Returns:
        A strategy for speakers, half with explicit ids.

    .. versionadded:: 0.1.0
    """
    return from_declarations(
        Speaker, roles=_tuples(roles(organization_ids)), evidence=_NO_EVIDENCE
    )


def statements(speaker_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Statement]:
    """:class:`~aigov.Statement` objects by the given speakers (or any ids).

    Args:
        speaker_ids: The ids a statement's ``speaker_id`` may take.  Without
            any, speaker ids are arbitrary texts (which a forum would reject
            as references to nobody).

    Returns:
        A strategy for statements of both kinds, with unique topics.

    .. versionadded:: 0.1.0
    """
    if not speaker_ids:
        return from_declarations(Statement, evidence=_NO_EVIDENCE)
    return from_declarations(
        Statement, speaker_id=st.sampled_from(speaker_ids), evidence=_NO_EVIDENCE
    )


def sessions(speaker_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Session]:
    """:class:`~aigov.Session` objects whose people are among *speaker_ids*.

    Without *speaker_ids*, sessions have no chairs, speakers or statements.

    Args:
        speaker_ids: The ids that chairs, speakers and statements may refer
            to.

    Returns:
        A strategy for sessions whose statement ids are unique.

    .. versionadded:: 0.1.0
    """
    if not speaker_ids:
        nobody = st.just(())
        return from_declarations(
            Session, participants=nobody, statements=nobody, **_SESSION_EXTRAS
        )
    people = _tuples(participants(speaker_ids), unique=True)
    said = st.lists(statements(speaker_ids), max_size=4, unique_by=_ID).map(tuple)
    return from_declarations(
        Session, participants=people, statements=said, **_SESSION_EXTRAS
    )


def sources() -> st.SearchStrategy[Source]:
    """:class:`~aigov.Source` objects.

    Returns:
        A strategy for sources, with or without url, publisher and date.

    .. versionadded:: 0.1.0
    """
    return from_declarations(Source)


@st.composite
def forums(  # noqa: D417 - hypothesis supplies `draw`; callers never pass it
    draw: st.DrawFn,
    *,
    max_organizations: int = 4,
    max_speakers: int = 4,
    max_sessions: int = 3,
) -> Forum:
    """Valid :class:`~aigov.Forum` objects whose references all resolve.

    Organisations may sit inside earlier ones (never in a cycle), roles refer
    to the forum's organisations, and sessions to its speakers.  Statement
    ids are unique across the whole forum.

    Args:
        max_organizations: The most organisations a forum gets.
        max_speakers: The most speakers a forum gets.
        max_sessions: The most sessions a forum gets.

    Returns:
        A strategy for forums, from empty ones to full ones.

    .. versionadded:: 0.1.0
    """
    tops = draw(st.lists(organizations(), max_size=max_organizations, unique_by=_ID))
    orgs: list[Organization] = []
    for org in tops:
        parent = (
            draw(_optional(st.sampled_from([o.id for o in orgs]))) if orgs else None
        )
        orgs.append(attrs.evolve(org, parent_id=parent))
    org_ids = tuple(o.id for o in orgs)

    people = draw(st.lists(speakers(org_ids), max_size=max_speakers, unique_by=_ID))
    people_ids = tuple(s.id for s in people)

    seen_statements: set[str] = set()
    parts: list[Session] = []
    for session in draw(
        st.lists(sessions(people_ids), max_size=max_sessions, unique_by=_ID)
    ):
        kept = tuple(s for s in session.statements if s.id not in seen_statements)
        seen_statements.update(s.id for s in kept)
        parts.append(attrs.evolve(session, statements=kept))

    papers = draw(st.lists(sources(), max_size=2, unique_by=_ID))
    if papers:
        parts = [
            attrs.evolve(
                session,
                statements=tuple(
                    attrs.evolve(said, evidence=(draw(_passage(papers)),))
                    if draw(st.booleans())
                    else said
                    for said in session.statements
                ),
            )
            for session in parts
        ]
    start = draw(
        _optional(st.dates(max_value=datetime.date(9000, 1, 1)) | partial_dates())
    )
    end: st.SearchStrategy[datetime.date | None] = st.none()
    if start is not None:
        earliest = start if isinstance(start, datetime.date) else start.first_day
        end = _optional(st.dates(min_value=earliest))
    pick_orgs = (
        _tuples(st.sampled_from(org_ids), unique=True) if org_ids else st.just(())
    )
    # The fields that refer to others are drawn above; the rest are derived
    # from their declarations.
    arguments = _arguments(
        Forum,
        {
            "start_date": st.just(start),
            "end_date": end,
            "host_ids": pick_orgs,
            "supporter_ids": pick_orgs,
            "organizations": st.just(tuple(orgs)),
            "speakers": st.just(tuple(people)),
            "sessions": st.just(tuple(parts)),
            "sources": st.just(tuple(papers)),
            "partial": _partial(Forum),
        },
    )
    return Forum(**draw(arguments))


@st.composite
def _passage(draw: st.DrawFn, papers: list[Source]) -> Evidence:
    """Evidence from one of *papers*: a slice of its text where it has one."""
    paper = draw(st.sampled_from(papers))
    if paper.text is None:
        return draw(evidence((paper.id,)))
    start = draw(st.integers(0, len(paper.text) - 1))
    end = draw(st.integers(start + 1, len(paper.text)))
    passage = paper.text[start:end]
    if is_blank(passage):  # the whole text, which is not blank, instead
        start, end, passage = 0, len(paper.text), paper.text
    return Evidence(source_id=paper.id, start=start, end=end, text=passage)


def partial_dates() -> st.SearchStrategy[PartialDate]:
    """:class:`~aigov.PartialDate` objects: a year, or a month of a year.

    .. versionadded:: 0.2.0
    """
    return from_declarations(PartialDate)


def dates() -> st.SearchStrategy[datetime.date | PartialDate]:
    """Dates complete or known in part, as a forum's and a session's dates are.

    .. versionadded:: 0.2.0
    """
    return st.dates() | partial_dates()


def evidence(source_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Evidence]:
    """:class:`~aigov.Evidence` from the given sources (or any), without offsets.

    Passages with offsets need a source's text: :func:`forums` makes those.

    .. versionadded:: 0.2.0
    """
    source_id = st.sampled_from(source_ids) if source_ids else texts()
    return from_declarations(
        Evidence, source_id=source_id, start=st.none(), end=st.none()
    )


def counts() -> st.SearchStrategy[Count]:
    """:class:`~aigov.Count` objects of every relation.

    .. versionadded:: 0.2.0
    """
    return from_declarations(Count)


def names() -> st.SearchStrategy[Name]:
    """:class:`~aigov.Name` objects with standard language tags.

    .. versionadded:: 0.2.0
    """
    return from_declarations(Name)


def participants(speaker_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Participant]:
    """:class:`~aigov.Participant` objects for the given speakers (or any ids).

    .. versionadded:: 0.2.0
    """
    if not speaker_ids:
        return from_declarations(Participant)
    return from_declarations(Participant, speaker_id=st.sampled_from(speaker_ids))


def model_objects() -> st.SearchStrategy[object]:
    """Valid objects of every model class, forums included.

    For laws that hold for any aigov object, such as round trips:
    ``from_json(to_json(x), type(x)) == x``.

    Returns:
        A strategy drawing from every model class, forums from
        :func:`forums` and the others from :func:`from_declarations`.

    .. versionadded:: 0.1.0
    """
    return st.one_of([_class_strategy(cls) for cls in MODEL_CLASSES])


#: Values that are nearly right somewhere in a document: blank and
#: lower-case text, a lone surrogate, an impossible date, an enum value.
_NEAR_MISSES = ("", " ", "A", "cn", "XX", "\ud800", "2021-02-30", "quote")


def json_values() -> st.SearchStrategy[object]:
    """Any value ``json.loads()`` can return, biased towards aigov documents.

    Objects often use the model's field names as keys, and strings are often
    near misses (blank, lower-case codes, impossible dates, lone
    surrogates), so that broken documents reach deep into the loaders.  For
    tests that whatever a reader gets, it gets a value or a
    :class:`~aigov.ValidationError`.

    Returns:
        A strategy for nested JSON-native values (``None``, booleans,
        integers, floats with ``NaN`` and infinities, strings, lists and
        dicts with string keys).

    .. versionadded:: 0.1.0
    """
    field_names = sorted(
        {field.name for cls in MODEL_CLASSES for field in attrs.fields(cls)}
        | {"schema_version"}
    )
    keys = st.sampled_from(field_names) | st.text(max_size=5)
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=10)
        | st.sampled_from(_NEAR_MISSES)
        | st.sampled_from(field_names),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4)
        ),
        max_leaves=12,
    )
