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

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from aigov._fields import Country, LanguageTag, NonBlank, TopicTag
from aigov._text import is_blank
from aigov._model import (
    MAX_COUNT,
    MODEL_CLASSES,
    Count,
    CountRelation,
    Evidence,
    Name,
    Part,
    PartialDate,
    Participant,
    Forum,
    Identifier,
    Organization,
    OrganizationKind,
    Role,
    Session,
    SessionKind,
    Source,
    Speaker,
    Statement,
    StatementKind,
)

__all__ = [
    "counts",
    "country_codes",
    "dates",
    "evidence",
    "forums",
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


def identifiers() -> st.SearchStrategy[Identifier]:
    """:class:`~aigov.Identifier` objects.

    Returns:
        A strategy for identifiers with any non-blank scheme and value.

    .. versionadded:: 0.1.0
    """
    return st.builds(Identifier, scheme=texts(), value=texts())


def _with_optional_id(
    cls: type,
    name_field: str,
    name: st.SearchStrategy[str],
    **fields: st.SearchStrategy[Any],
) -> st.SearchStrategy[object]:
    # Half the objects get an explicit id, half the derived default.
    explicit = st.builds(cls, **{name_field: name, "id": texts()}, **fields)
    derived = st.builds(cls, **{name_field: name}, **fields)
    return explicit | derived


def organizations() -> st.SearchStrategy[Organization]:
    """Top-level :class:`~aigov.Organization` objects (no ``parent_id``).

    Half of them have an explicit id, half the id derived from their name.
    :func:`forums` puts some of them inside others.

    Returns:
        A strategy for organisations of every kind, with or without a
        country.

    .. versionadded:: 0.1.0
    """
    return _with_optional_id(  # type: ignore[return-value]
        Organization,
        "name",
        texts(),
        kind=st.sampled_from(OrganizationKind),
        country=_optional(country_codes()),
        abbreviation=_optional(texts(max_size=8)),
        aliases=_tuples(texts()),
        identifiers=_tuples(identifiers(), max_size=2),
    )


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
    return st.builds(Role, title=texts(), organization_id=org_id)


def speakers(organization_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Speaker]:
    """:class:`~aigov.Speaker` objects with roles in the given organisations.

    Args:
        organization_ids: The organisations their roles may be in; see
            :func:`roles`.

    Returns:
        A strategy for speakers, half with explicit ids.

    .. versionadded:: 0.1.0
    """
    return _with_optional_id(  # type: ignore[return-value]
        Speaker,
        "name",
        texts(),
        roles=_tuples(roles(organization_ids)),
        country=_optional(country_codes()),
        aliases=_tuples(texts()),
        identifiers=_tuples(identifiers(), max_size=2),
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
    speaker_id = st.sampled_from(speaker_ids) if speaker_ids else texts()
    return _with_optional_id(  # type: ignore[return-value]
        Statement,
        "text",
        texts(max_size=60),
        speaker_id=speaker_id,
        verb=_optional(texts()),
        kind=st.sampled_from(StatementKind),
        topics=_tuples(topics(), unique=True),
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
    people = (
        _tuples(
            st.builds(
                Participant, speaker_id=st.sampled_from(speaker_ids), part=st.sampled_from(Part)
            ),
            unique=True,
        )
        if speaker_ids
        else st.just(())
    )
    said = (
        st.lists(statements(speaker_ids), max_size=4, unique_by=lambda s: s.id).map(
            tuple
        )
        if speaker_ids
        else st.just(())
    )
    return _with_optional_id(  # type: ignore[return-value]
        Session,
        "title",
        texts(),
        kind=st.sampled_from(SessionKind),
        participants=people,
        statements=said,
    )


def sources() -> st.SearchStrategy[Source]:
    """:class:`~aigov.Source` objects.

    Returns:
        A strategy for sources, with or without url, publisher and date.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Source,
        title=texts(),
        url=_optional(texts()),
        publisher=_optional(texts()),
        published=_optional(dates()),
        text=_optional(texts(max_size=80)),
    )


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
    tops = draw(
        st.lists(organizations(), max_size=max_organizations, unique_by=lambda o: o.id)
    )
    orgs: list[Organization] = []
    for org in tops:
        parent = (
            draw(_optional(st.sampled_from([o.id for o in orgs]))) if orgs else None
        )
        orgs.append(attrs.evolve(org, parent_id=parent))
    org_ids = tuple(o.id for o in orgs)

    people = draw(
        st.lists(speakers(org_ids), max_size=max_speakers, unique_by=lambda s: s.id)
    )
    people_ids = tuple(s.id for s in people)

    seen_statements: set[str] = set()
    parts: list[Session] = []
    for session in draw(
        st.lists(sessions(people_ids), max_size=max_sessions, unique_by=lambda s: s.id)
    ):
        kept = tuple(s for s in session.statements if s.id not in seen_statements)
        seen_statements.update(s.id for s in kept)
        parts.append(attrs.evolve(session, statements=kept))

    papers = draw(st.lists(sources(), max_size=2, unique_by=lambda s: s.id))
    if papers:
        parts = [
            attrs.evolve(
                session,
                statements=tuple(
                    attrs.evolve(st_, evidence=(draw(_passage(papers)),))
                    if draw(st.booleans())
                    else st_
                    for st_ in session.statements
                ),
            )
            for session in parts
        ]
    start = draw(_optional(st.dates(max_value=datetime.date(9000, 1, 1)) | partial_dates()))
    end = None
    if start is not None:
        earliest = start if isinstance(start, datetime.date) else start.first_day
        end = draw(_optional(st.dates(min_value=earliest)))
    pick_orgs = (
        _tuples(st.sampled_from(org_ids), unique=True) if org_ids else st.just(())
    )
    return Forum(
        name=draw(texts()),
        **draw(st.fixed_dictionaries({}, optional={"id": texts()})),
        start_date=start,
        end_date=end,
        location=draw(_optional(texts())),
        host_ids=draw(pick_orgs),
        supporter_ids=draw(pick_orgs),
        countries=draw(_tuples(country_codes(), unique=True)),
        attendance=draw(_optional(counts())),
        organizations=tuple(orgs),
        speakers=tuple(people),
        sessions=tuple(parts),
        sources=tuple(papers),
        series=draw(_optional(texts())),
        partial=draw(
            _tuples(st.sampled_from(["countries", "speakers", "sessions"]), unique=True)
        ),
    )


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
    return st.builds(
        PartialDate,
        year=st.integers(min_value=1, max_value=9999),
        month=_optional(st.integers(min_value=1, max_value=12)),
    )


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
    return st.builds(Evidence, source_id=source_id, text=texts(max_size=40))


def counts() -> st.SearchStrategy[Count]:
    """:class:`~aigov.Count` objects of every relation.

    .. versionadded:: 0.2.0
    """
    return st.builds(
        Count,
        value=st.integers(min_value=0, max_value=MAX_COUNT),
        relation=st.sampled_from(CountRelation),
    )


def names() -> st.SearchStrategy[Name]:
    """:class:`~aigov.Name` objects with standard language tags.

    .. versionadded:: 0.2.0
    """
    return st.builds(Name, text=texts(), lang=LanguageTag().strategy())


def participants(speaker_ids: tuple[str, ...] = ()) -> st.SearchStrategy[Participant]:
    """:class:`~aigov.Participant` objects for the given speakers (or any ids).

    .. versionadded:: 0.2.0
    """
    speaker_id = st.sampled_from(speaker_ids) if speaker_ids else texts()
    return st.builds(Participant, speaker_id=speaker_id, part=st.sampled_from(Part))


def model_objects() -> st.SearchStrategy[object]:
    """Valid objects of every model class, forums included.

    For laws that hold for any aigov object, such as round trips:
    ``from_json(to_json(x), type(x)) == x``.

    Returns:
        A strategy drawing from every class's strategy above.

    .. versionadded:: 0.1.0
    """
    return st.one_of(
        forums(),
        organizations(),
        speakers(),
        roles(),
        identifiers(),
        statements(),
        sessions(),
        sources(),
        evidence(),
        counts(),
        names(),
        participants(),
    )


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
