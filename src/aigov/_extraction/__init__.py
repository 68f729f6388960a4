"""The rule-based extraction engine behind ``aigov extract`` (private).

:func:`extract_draft` reads a press report and returns a :class:`Draft` of
small frozen records -- people with their roles, organisations with their
abbreviations, sessions with their participants' parts, statements in text
order with their reporting verbs and topic tags, and the event's name, date,
attendance, countries and location -- each fact carrying the :class:`Span` of
the passage that states it. :class:`Rules` holds the lexicons, which are data
files in ``lexicons/`` (described in ``lexicons/README.md``).
:func:`draft_to_prediction` turns a draft into the scorer's prediction.
"""

from __future__ import annotations

from aigov._extraction._adapter import draft_to_prediction, forum_to_prediction
from aigov._extraction._engine import extract_draft
from aigov._extraction._forum import extract
from aigov._extraction._records import (
    Count,
    Draft,
    Organisation,
    PartialDate,
    Participant,
    Person,
    Phrase,
    Role,
    Session,
    Span,
    Statement,
)
from aigov._extraction._rules import Rules
from aigov._model import CountRelation, SpeakerKind, StatementKind

__all__ = [
    "Count",
    "CountRelation",
    "Draft",
    "Organisation",
    "PartialDate",
    "Participant",
    "Person",
    "Phrase",
    "Role",
    "Rules",
    "Session",
    "Span",
    "SpeakerKind",
    "Statement",
    "StatementKind",
    "draft_to_prediction",
    "extract",
    "extract_draft",
    "forum_to_prediction",
]
