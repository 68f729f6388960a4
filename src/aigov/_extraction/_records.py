"""The draft an extraction produces: small frozen records, each fact with its span.

These records are the extraction engine's own output. They hold only what the
text states, each piece tied to the characters that state it, so that a later
step (the public ``aigov.extract``) can turn them into model objects with
evidence.
"""

from __future__ import annotations

import attrs

# The draft speaks the model's vocabulary of kinds, so that turning it into
# a Forum needs no table from one to the other.
from aigov._model import CountRelation, SpeakerKind, StatementKind


def _check_span(instance: Span, attribute: attrs.Attribute[int], value: int) -> None:
    del instance, attribute
    if value < 0:
        msg = f"a span's offsets must not be negative, got {value}"
        raise ValueError(msg)


@attrs.frozen
class Span:
    """A passage of the input, by Python ``str`` offsets.

    ``text[span.start:span.end]`` is the passage.

    Attributes:
        start: The offset of the passage's first character.
        end: The offset just after its last character.
    """

    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            msg = f"a span must not end ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)


@attrs.frozen
class Phrase:
    """A piece of the input: its text and where it stands.

    Attributes:
        text: The characters of the passage, exactly as in the input.
        span: Where the passage stands in the input.
    """

    text: str
    span: Span


@attrs.frozen
class Role:
    """A position the text gives a person.

    Attributes:
        title: The title as written ("deputy director-general"), if given.
        organisations: The role's organisation, then its parents as the text
            links them ("the Department of Arms Control", "the Ministry of
            Foreign Affairs"); empty where the text names none.
        state: The state the position serves ("Britain" in "Britain's Foreign
            Secretary"), if the text names one.
    """

    title: Phrase | None
    organisations: tuple[Phrase, ...] = ()
    state: Phrase | None = None


@attrs.frozen
class Person:
    """Someone who takes part: a named person, a delegation or a group.

    Attributes:
        name: The fullest form of the name the text gives, honorifics left out.
        kind: Person, delegation or group.
        roles: Every role the text gives, in text order.
    """

    name: Phrase
    kind: SpeakerKind = SpeakerKind.PERSON
    roles: tuple[Role, ...] = ()


@attrs.frozen
class Organisation:
    """An organisation named in the text.

    Attributes:
        name: Its name as first written in a role or with its abbreviation.
        abbreviations: Short forms the text gives it ("IPEJ").
        parent: The name of the organisation the text places it in, if any.
    """

    name: Phrase
    abbreviations: tuple[Phrase, ...] = ()
    parent: str | None = None


@attrs.frozen
class Participant:
    """A person's part in a session.

    Attributes:
        person: The index of the person in :attr:`Draft.people`.
        part: ``host``, ``chair``, ``keynote``, ``moderator``, ``panelist``,
            ``speaker`` ...
    """

    person: int
    part: str


@attrs.frozen
class Session:
    """A session the text names, with the parts people play in it.

    Attributes:
        name: The session's name as written.
        participants: Who took part, in text order.
        partial: Whether the text says the list is incomplete ("including").
    """

    name: Phrase
    participants: tuple[Participant, ...] = ()
    partial: bool = False


@attrs.frozen
class Statement:
    """What someone said, as one passage of the text.

    Attributes:
        speaker: The index of the speaker in :attr:`Draft.people`.
        text: The statement's passage (see the statement rule in the
            development set's README).
        kind: Quote or paraphrase.
        verb: The reporting verb, if one introduces it.
        topics: Topic tags from :data:`aigov.datasets.TOPICS`.
    """

    speaker: int
    text: Phrase
    kind: StatementKind
    verb: Phrase | None = None
    topics: tuple[str, ...] = ()


@attrs.frozen
class PartialDate:
    """A date as far as the text gives it ("Dec 4", "in March", "2021").

    Attributes:
        phrase: The passage that states it.
        year: The year, if stated.
        month: The month (1-12), if stated.
        day: The day of the month, if stated.
    """

    phrase: Phrase
    year: int | None = None
    month: int | None = None
    day: int | None = None


@attrs.frozen
class Count:
    """A number of people with its qualifier ("more than 70").

    Attributes:
        phrase: The passage that states it.
        value: The number.
        relation: How the number relates to the true one.
    """

    phrase: Phrase
    value: int
    relation: CountRelation


@attrs.frozen
class Draft:
    """Everything an extraction found in one text.

    Attributes:
        people: Speakers and participants, persons first seen first.
        organisations: Organisations named in roles or with an abbreviation.
        sessions: Sessions the text names.
        statements: Statements in text order.
        participants: Parts played in the event as a whole ("the seminar was
            moderated by ..."), where no named session holds them.
        forum_name: The event's name, where the text states it.
        date: The event's date, in full or in part.
        attendance: How many attended, with its qualifier.
        countries: The countries of the participants, as listed.
        countries_partial: Whether the list ends "and other countries".
        location: Where the event took place.
    """

    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    sessions: tuple[Session, ...] = ()
    statements: tuple[Statement, ...] = ()
    participants: tuple[Participant, ...] = ()
    forum_name: Phrase | None = None
    date: PartialDate | None = None
    attendance: Count | None = None
    countries: tuple[Phrase, ...] = ()
    countries_partial: bool = False
    location: Phrase | None = None
