"""Ask questions of a forum: who spoke for a ministry, who came from China, who said what.

Three functions select objects of a forum, in forum order, by keyword
filters that must all hold::

    from aigov import datasets, query

    forum = datasets.tsinghua_2021()
    query.speakers(forum, ministry=True)
    query.speakers(forum, country="CN", title="dean")
    query.statements(forum, organization="Tsinghua", contains="privacy")
    query.statements(forum, part="keynote")
    query.organizations(forum, within="UN")

Every keyword is a shorthand for a :class:`Predicate`, built by the function
of the same name (:func:`within` for ``organization=`` and ``within=``).
Predicates combine with ``&`` (and), ``|`` (or) and ``~`` (not), and are
passed as the second argument::

    query.speakers(forum, query.country("CN") & ~query.ministry())
    query.statements(forum, query.topic("privacy") | query.contains("privacy"))

Names (of organisations, ministries, speakers and sessions), countries and
kinds that match nothing raise :class:`~aigov.ValidationError`, naming the
value and suggesting what was probably meant: a filter never fails silently.

The first query on a forum builds lookup tables for it, which later queries
reuse: a query then costs time in proportion to what it finds, not to the
size of the forum.  Text is not split into words in advance: the first text
query costs less than one scan of the forum's text, and a word that no query
asked for before costs one quick pass over it.

Every function also takes a :class:`~aigov.Corpus` where it takes a forum,
and then returns a :class:`Found` (the forum and the item) for each match;
:func:`forums` finds the forums of a corpus by date, series, country or
organisation.

.. versionadded:: 0.1.0

.. versionchanged:: 0.2.0
   Arguments of the wrong type raise ``aigov.exceptions.ArgumentTypeError``
   (a :exc:`TypeError`); the text index is built word by word, on demand.
   New filters :func:`part` and :func:`speaker_kind`; :func:`country` counts
   a role's own country.  Every function takes a :class:`~aigov.Corpus`;
   new: :class:`Found` and :func:`forums`.
"""

from __future__ import annotations

from aigov._query import (
    Found,
    Predicate,
    contains,
    country,
    forums,
    kind,
    ministry,
    organizations,
    part,
    session,
    speaker,
    speaker_kind,
    speakers,
    statements,
    title,
    topic,
    within,
)

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
