"""Draft a forum from a press report, every fact tied to the passage that states it.

:func:`extract` reads a report's text and returns a valid :class:`~aigov.Forum`
for a person to review and correct::

    from aigov.extract import extract

    forum = extract(text, name="2021 International AI Cooperation and Governance Forum")

The forum holds one :class:`~aigov.Source` whose ``text`` is exactly the
input, and every speaker, role, organisation, session and statement carries
:class:`~aigov.Evidence` into that text, exact to the character:

- the speakers the text names, of kind ``person``, or ``delegation`` where a
  state speaks as one ("Russia questioned ...", its ``country`` the state's
  code where only one country has that name) or ``group`` for people it does
  not name ("industry experts said");
- each speaker's roles, with their titles as written, their organisations
  and, for a state's position ("Britain's Foreign Secretary"), the role's
  ``country``;
- the organisations, with the abbreviations the text gives them and their
  parents where the text links a unit to one ("the Department of Arms
  Control of the Ministry of Foreign Affairs"); the kind comes from the
  name's words ("Ministry" -> ``ministry``, "University" -> ``university``,
  else ``other``), never from knowledge of the organisation;
- the sessions the text names, with their participants' parts and the
  statements made after each is named (those before every session's name go
  to the first), their kind from the words of the name or of the clause that
  introduces it ("the main plenary session titled ..." -> ``plenary``), or,
  where it names none, **one
  session of kind** ``other``, titled with the forum's name, holding every
  statement;
- the statements in text order, each with its reporting verb, ``kind``
  (``quote`` for words in quotation marks) and topic tags from
  :data:`aigov.datasets.TOPICS`;
- the forum's name and date, its participating countries (``partial``
  holds ``"countries"`` where the list ends "and other countries"), its
  attendance as a :class:`~aigov.Count` with its qualifier, and its location,
  where the text states them.

A date the text gives without a year ("Dec 4") takes the year the forum's
name states, or the only year the text mentions; where there is none, the
forum has no date: a year is never made up.

:class:`Rules` holds the lexicons (titles, reporting verbs, organisation
words, pronouns, states, topics), shipped as data in the package; extend them
per call: ``extract(text, rules=Rules.default().with_verbs("opined"))``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from aigov._extraction._forum import extract
from aigov._extraction._rules import Rules

__all__ = ["Rules", "extract"]
