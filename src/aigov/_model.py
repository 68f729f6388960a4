"""The domain model: immutable, validated value objects about forums.

Every class is an ``attrs`` frozen, slotted, keyword-only class.  Constructors
check their own fields and raise :class:`~aigov.ValidationError` listing every
problem; :class:`Forum` also checks that every id it holds is unique and every
reference resolves.  Serialisation lives elsewhere (``_convert``): nothing here
knows about JSON.
"""

from __future__ import annotations

import datetime
import enum
import functools
import operator
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, ClassVar, Generic, TypeVar

import attrs

from aigov._fields import (
    DERIVED,
    MAX_COUNT,
    MAX_PROBLEMS_PER_ARRAY,
    UNIQUE,
    CountryCode,
    FieldSpec,
    Id,
    Language,
    LongText,
    Offset,
    Range,
    Text,
    Topic,
    derived,
    field_problems,
    fields_of,
)
from aigov._fields import (
    Count as CountValue,
)
from aigov._text import describe_value, slugify, stable_digest, suggestion
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "MAX_COUNT",
    "MODEL_CLASSES",
    "Count",
    "CountRelation",
    "Evidence",
    "Forum",
    "Identifier",
    "Name",
    "Organization",
    "OrganizationKind",
    "Part",
    "PartialDate",
    "Participant",
    "Role",
    "Session",
    "SessionKind",
    "Source",
    "Speaker",
    "SpeakerKind",
    "Statement",
    "StatementKind",
]


class OrganizationKind(enum.StrEnum):
    """What kind of body an :class:`Organization` is.

    Members compare equal to their string values (``OrganizationKind.MINISTRY
    == "ministry"``), which is also how they are written in JSON.

    .. versionadded:: 0.1.0
    """

    MINISTRY = "ministry"
    """A government ministry (a department inside one is usually ``GOVERNMENT``)."""
    GOVERNMENT = "government"
    """Any other government body or unit."""
    LEGISLATURE = "legislature"
    """A parliament or congress."""
    ADVISORY = "advisory"
    """A consultative or advisory body."""
    UNIVERSITY = "university"
    """A university, or a school or college inside one."""
    INSTITUTE = "institute"
    """A research institute or centre."""
    INTERGOVERNMENTAL = "intergovernmental"
    """A body of states, such as the UN, its programmes and offices, or the OECD."""
    NGO = "ngo"
    """A non-governmental, non-profit organisation."""
    COMPANY = "company"
    """A business."""
    ASSOCIATION = "association"
    """A federation, society or professional association."""
    OTHER = "other"
    """Anything else."""


class StatementKind(enum.StrEnum):
    """How a source reports a :class:`Statement`.

    .. versionadded:: 0.1.0
    """

    PARAPHRASE = "paraphrase"
    """Reported speech, in the source's wording of what was said."""
    QUOTE = "quote"
    """The speaker's own words, verbatim."""


class SessionKind(enum.StrEnum):
    """What kind of part of a forum a :class:`Session` is.

    .. versionadded:: 0.1.0
    """

    OPENING_CEREMONY = "opening_ceremony"
    """The opening of the forum."""
    PLENARY = "plenary"
    """A session for all participants."""
    KEYNOTE = "keynote"
    """A session of keynote speeches."""
    PANEL = "panel"
    """A panel discussion."""
    CLOSING = "closing"
    """The closing of the forum."""
    OTHER = "other"
    """Anything else."""


class CountRelation(enum.StrEnum):
    """How a :class:`Count` relates to the true number, as the source words it.

    .. versionadded:: 0.2.0
    """

    EXACTLY = "exactly"
    """"70 experts"."""
    ABOUT = "about"
    """"about 70", "some 70", "nearly 70"."""
    AT_LEAST = "at_least"
    """"at least 70", "70 or more"."""
    MORE_THAN = "more_than"
    """"more than 70", "over 70"."""
    AT_MOST = "at_most"
    """"at most 70", "up to 70"."""
    FEWER_THAN = "fewer_than"
    """"fewer than 70", "under 70"."""


class Part(enum.StrEnum):
    """The part a speaker plays in a :class:`Session`.

    .. versionadded:: 0.2.0
    """

    CHAIR = "chair"
    """Chairs or presides over it."""
    HOST = "host"
    """Hosts or officiates it; at a ceremony, the master of ceremonies."""
    MODERATOR = "moderator"
    """Moderates a discussion."""
    KEYNOTE = "keynote"
    """Gives a keynote speech."""
    SPEAKER = "speaker"
    """Speaks, in no part the source names."""
    PANELIST = "panelist"
    """Sits on a panel."""
    BRIEFER = "briefer"
    """Briefs a meeting (as at the UN Security Council)."""
    DISCUSSANT = "discussant"
    """Responds to the speakers."""
    GUEST = "guest"
    """Attends as a guest, such as an officiating guest."""


class SpeakerKind(enum.StrEnum):
    """Who a :class:`Speaker` is: one named person, a delegation or a group.

    .. versionadded:: 0.2.0
    """

    PERSON = "person"
    """One named person."""
    DELEGATION = "delegation"
    """A state or organisation speaking as one ("Russia questioned ..."); its
    ``country`` or a role says whom it stands for."""
    GROUP = "group"
    """People the source does not name ("industry experts said")."""


# --- how every class checks itself -----------------------------------------------

C = TypeVar("C", bound=type)


def _slug_of(attribute: str) -> Callable[[Any], str]:
    def default_id(instance: Any) -> str:  # noqa: ANN401 - any model instance
        name = getattr(instance, attribute)
        # A bad name is reported by the checks; the id must not crash first.
        return slugify(name) if type(name) is str else ""

    return default_id


def _checked(cls: C) -> C:
    """Make the attrs class *cls* check its fields, as declared, on construction.

    The generated ``__init__`` is wrapped: after attrs has set the fields,
    every field is normalised (country codes upper case, enum values as
    members), derived ids are filled in, and every field is checked against
    its declaration (see ``aigov._fields``); a class may add whole-object
    checks in ``_check_whole``.  Every problem is reported at once.  The
    checks live in ``__init__``, not in ``__attrs_post_init__``, so that the
    fast loaders, which build objects without calling ``__init__`` and check
    them in bulk, do not pay for them twice.
    """
    attrs_init = cls.__init__  # type: ignore[misc]
    whole = getattr(cls, "_check_whole", None)

    @functools.cache
    def compiled() -> tuple[tuple[FieldSpec, ...], ...]:
        # On first use: resolving every class's annotations at import would
        # cost ``import aigov`` milliseconds for classes it may never build.
        fields = fields_of(cls)
        normalized = tuple(f for f in fields if f.spec.normalizes)
        derives = tuple(f for f in fields if f.derive is not None)
        return fields, normalized, derives

    @functools.wraps(attrs_init)
    def __init__(self: Any, **kwargs: Any) -> None:  # noqa: ANN401, N807 - any model
        attrs_init(self, **kwargs)
        fields, normalized, derives = compiled()
        for field in normalized:
            value = getattr(self, field.name)
            new = field.spec.normalize(value)
            if new is not value:
                object.__setattr__(self, field.name, new)
        derive_ids(self, derives)
        errors = [ErrorDetail(*p) for p in field_problems(self, fields)]
        if not errors and whole is not None:
            errors = list(whole(self))
        if errors:
            raise ValidationError(errors, subject=cls.__name__)

    cls.__init__ = __init__  # type: ignore[misc]
    return cls


def derive_ids(obj: object, derives: Iterable[FieldSpec]) -> None:
    """Fill in the derived ids that *obj* was built without."""
    for field in derives:
        if getattr(obj, field.name) is DERIVED:
            object.__setattr__(obj, field.name, field.derive(obj))  # type: ignore[misc]


# --- the model ---------------------------------------------------------------


@_checked
@attrs.frozen(kw_only=True)
class PartialDate:
    """A date a source gives only in part: a year, or a month of a year.

    A complete date is a :class:`datetime.date`, never a ``PartialDate``.
    In documents both are ISO 8601 strings of reduced precision: ``"2025"``,
    ``"2025-11"`` (and ``"2025-11-04"`` for a complete date).

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, where the source gives it.

    Raises:
        ValidationError: If either field is out of range.

    .. versionadded:: 0.2.0
    """

    #: Tells the field vocabulary that ``datetime.date | PartialDate`` is a date.
    __aigov_form__: ClassVar[str] = "when"

    year: Annotated[int, Range(minimum=1, maximum=9999)]
    month: Annotated[int, Range(minimum=1, maximum=12)] | None = None

    def isoformat(self) -> str:
        """Return the date in ISO 8601 reduced precision: ``"2025"`` or ``"2025-11"``."""
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> datetime.date:
        """The first day the date may stand for."""
        return datetime.date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day the date may stand for."""
        if self.month is None or self.month == 12:  # noqa: PLR2004 - December
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, self.month + 1, 1) - datetime.timedelta(days=1)


def first_day(when: datetime.date | PartialDate) -> datetime.date:
    """The first day a date, complete or partial, may stand for."""
    return when.first_day if isinstance(when, PartialDate) else when


def last_day(when: datetime.date | PartialDate) -> datetime.date:
    """The last day a date, complete or partial, may stand for."""
    return when.last_day if isinstance(when, PartialDate) else when


@_checked
@attrs.frozen(kw_only=True)
class Evidence:
    """A passage of a source that states a fact, by character offsets.

    Attributes:
        source_id: The :attr:`Source.id` of the source the passage is from.
        start: Where the passage starts in the source's :attr:`~Source.text`
            (a Python ``str`` index); ``None`` where the source's text is not
            kept, as for another publisher's report.
        end: Where it ends (exclusive); ``None`` exactly when *start* is.
        text: The passage itself, so that evidence reads without its source:
            ``source.text[start:end]``.

    Raises:
        ValidationError: If a field is invalid, only one of *start* and *end*
            is given, or ``start >= end``.  Whether the passage is really in
            its source is checked by the :class:`Forum` that holds both.

    .. versionadded:: 0.2.0
    """

    source_id: Id
    start: Offset | None = None
    end: Offset | None = None
    text: Text

    def _check_whole(self) -> Iterator[ErrorDetail]:
        if (self.start is None) != (self.end is None):
            yield ErrorDetail(
                "end", "start and end are given together or not at all", self.end
            )
        elif self.start is not None and self.end is not None and self.start >= self.end:
            msg = f"must be after start ({self.start}), got {self.end}"
            yield ErrorDetail("end", msg, self.end)


@_checked
@attrs.frozen(kw_only=True)
class Count:
    """A number as a source qualifies it: "more than 70", "about 200".

    Attributes:
        value: The number the source gives.
        relation: How the true number relates to it.

    Raises:
        ValidationError: If either field is invalid.

    .. versionadded:: 0.2.0
    """

    value: CountValue
    relation: CountRelation = CountRelation.EXACTLY


@_checked
@attrs.frozen(kw_only=True)
class Name:
    """A name in a given language or script: 王永庆 (``zh``) or Wang Yongqing (``en``).

    Attributes:
        text: The name.
        lang: Its BCP 47 language tag (``"zh-Hans"``, ``"en"``), stored in
            standard form (``"ZH-hans"`` becomes ``"zh-Hans"``).

    Raises:
        ValidationError: If *text* is blank or *lang* is not a valid tag.

    .. versionadded:: 0.2.0
    """

    text: Text
    lang: Language


@_checked
@attrs.frozen(kw_only=True)
class Participant:
    """A speaker's part in a session: chair, host, keynote speaker, moderator, ...

    Attributes:
        speaker_id: The id of the speaker.
        part: The part they play.

    Raises:
        ValidationError: If either field is invalid.

    .. versionadded:: 0.2.0
    """

    speaker_id: Id
    part: Part


@_checked
@attrs.frozen(kw_only=True)
class Identifier:
    """An identifier of a speaker or organisation in an external scheme.

    Attributes:
        scheme: The scheme, in lower case by convention: ``"wikidata"``,
            ``"ror"``, ``"orcid"``.
        value: The identifier within the scheme: ``"Q16955"``.

    Raises:
        ValidationError: If either field is not a non-blank string.

    .. versionadded:: 0.1.0
    """

    scheme: Text
    value: Text


@_checked
@attrs.frozen(kw_only=True)
class Organization:
    """A body that speakers belong to, or that hosts or supports a forum.

    Attributes:
        name: The organisation's name, as commonly written in English.
        id: Unique among the forum's organisations; defaults to a slug of
            *name* (``"Ministry of Foreign Affairs"`` →
            ``"ministry-of-foreign-affairs"``).
        kind: What kind of body it is.
        country: ISO 3166-1 alpha-2 code of the state it belongs to, for
            national bodies; ``None`` for international ones or where unknown.
            Lower case is accepted and stored upper case.
        abbreviation: The standard abbreviation (``"MOST"``), if any.
        aliases: Other names the sources use for it (``"the IIT"``).
        parent_id: The id of the organisation it is part of: a department's
            ministry, an institute's university.  ``None`` for top-level bodies.
        identifiers: Its identifiers in external schemes.
        names: Its name in other languages or scripts, each tagged.
        evidence: The passages of the sources that name it.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *names* and *evidence*.
    """

    name: Text
    id: Id = derived(_slug_of("name"))
    kind: OrganizationKind
    country: CountryCode | None = None
    abbreviation: Text | None = None
    aliases: tuple[Text, ...] = ()
    parent_id: Id | None = None
    identifiers: tuple[Identifier, ...] = ()
    names: tuple[Name, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@_checked
@attrs.frozen(kw_only=True)
class Role:
    """One position a speaker holds.

    Attributes:
        title: The position, as the source words it: ``"vice-minister"``,
            ``"dean"``, ``"Turing Award winner"``.
        organization_id: The id of the organisation the position is in;
            ``None`` for a distinction held outside any organisation.
        country: The state the position serves, where the source names it
            (ISO 3166-1 alpha-2): "Britain's Foreign Secretary" is the title
            ``"Foreign Secretary"`` with country ``"GB"``.  It may stand alone
            or beside *organization_id*; queries by country use it.
        evidence: The passages of the sources that give the title.

    Raises:
        ValidationError: If any field is invalid.  Whether the organisation
            exists is checked by the :class:`Forum` that holds the role.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *country* and *evidence*.
    """

    title: Text
    organization_id: Id | None = None
    country: CountryCode | None = None
    evidence: tuple[Evidence, ...] = ()


@_checked
@attrs.frozen(kw_only=True)
class Speaker:
    """A person who takes part in a forum.

    Attributes:
        name: The person's name as the source writes it.
        id: Unique among the forum's speakers; defaults to a slug of *name*
            (``"Li Meng"`` → ``"li-meng"``).
        roles: The positions the person holds, in the source's order.
        country: The person's own country (ISO 3166-1 alpha-2), only where a
            source states it.  A speaker's *affiliation* comes from the
            organisations of their roles; queries by country use both.
        aliases: Other names the sources use for the person, untagged.
        identifiers: The person's identifiers in external schemes.
        kind: A person (the default), a delegation ("Russia questioned
            ..."), or a group the source does not name ("industry experts
            said").
        names: The name in other languages or scripts, each tagged:
            ``Name(text="王永庆", lang="zh")``.
        evidence: The passages of the sources that name the speaker.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *kind*, *names* and *evidence*.
    """

    name: Text
    id: Id = derived(_slug_of("name"))
    roles: tuple[Role, ...] = ()
    country: CountryCode | None = None
    aliases: tuple[Text, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    kind: SpeakerKind = SpeakerKind.PERSON
    names: tuple[Name, ...] = ()
    evidence: tuple[Evidence, ...] = ()


def _statement_id(statement: Any) -> str:  # noqa: ANN401 - a half-built Statement
    speaker_id, text = statement.speaker_id, statement.text
    if type(speaker_id) is not str or type(text) is not str:
        return ""  # the checks report the bad fields
    return f"{slugify(speaker_id)}-{stable_digest(speaker_id, text)}"


@_checked
@attrs.frozen(kw_only=True)
class Statement:
    """Something a speaker said, as a source reports it.

    Attributes:
        speaker_id: The id of the speaker who said it.
        text: What was said, in the source's own wording.  For reported
            speech this is what follows the reporting verb.
        id: Unique among all statements of the forum.  Defaults to the
            speaker id and a digest of *text*, the same in every process
            (``"li-meng-3f2a9c1e"``).
        verb: The reporting verb the source uses: ``"stressed"``,
            ``"pointed out"``.
        kind: Whether *text* is reported speech or a verbatim quote.
        topics: Lower-case topic tags (``"privacy"``, ``"security"``).
        evidence: The passages of the sources that report it.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *evidence*.
    """

    speaker_id: Id
    text: LongText
    id: Id = derived(_statement_id)
    verb: Text | None = None
    kind: StatementKind = StatementKind.PARAPHRASE
    topics: Annotated[tuple[Topic, ...], UNIQUE] = ()
    evidence: tuple[Evidence, ...] = ()


@_checked
@attrs.frozen(kw_only=True)
class Session:
    """A part of a forum: a ceremony, a plenary, a panel.

    Attributes:
        title: The session's title.
        id: Unique among the forum's sessions; defaults to a slug of *title*.
        kind: What kind of session it is.
        participants: Who took part and in which part, in the source's
            order: chairs, hosts, keynote speakers, moderators, ...  The same
            speaker may have several parts, each once.  Speakers of
            *statements* need not be listed again.
        statements: What was said in it, in order.
        date: When it took place, where the source says: a date, or a
            :class:`PartialDate`.
        partial: The names of this session's list fields that the source
            says are incomplete: ``("participants",)`` for "experts,
            including ...".
        evidence: The passages of the sources that name the session.

    Raises:
        ValidationError: If any field is invalid, a (speaker, part) pair is
            listed twice, or *partial* names something that is not a list
            field of a session.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *participants* replace ``chair_ids`` and ``speaker_ids``, which
       remain as read-only properties; *date*, *partial* and *evidence*.
    """

    title: Text
    id: Id = derived(_slug_of("title"))
    kind: SessionKind
    participants: Annotated[tuple[Participant, ...], UNIQUE] = ()
    statements: tuple[Statement, ...] = ()
    date: datetime.date | PartialDate | None = None
    partial: Annotated[tuple[Text, ...], UNIQUE] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def chair_ids(self) -> tuple[str, ...]:
        """Ids of the speakers who chaired or hosted the session, in order, each once.

        .. versionchanged:: 0.2.0
           Read-only, derived from :attr:`participants`.
        """
        return _ids_of(p for p in self.participants if p.part in _CHAIRING)

    @property
    def speaker_ids(self) -> tuple[str, ...]:
        """Ids of the session's other participants, in order, each once.

        .. versionchanged:: 0.2.0
           Read-only, derived from :attr:`participants`.
        """
        return _ids_of(p for p in self.participants if p.part not in _CHAIRING)

    def _check_whole(self) -> Iterator[ErrorDetail]:
        return _partial_problems(self)


#: The parts that 0.1's ``chair_ids`` held.
_CHAIRING = frozenset({Part.CHAIR, Part.HOST})


def _ids_of(participants: Iterable[Participant]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.speaker_id for p in participants))


def _partial_problems(obj: object) -> Iterator[ErrorDetail]:
    fields = fields_of(type(obj))  # type: ignore[arg-type]
    lists = {f.name for f in fields if f.spec.form == "tuple"} - {"partial"}
    for index, name in enumerate(obj.partial):  # type: ignore[attr-defined]
        if name not in lists:
            allowed = ", ".join(sorted(lists))
            msg = f"{describe_value(name)} is not a list field of {type(obj).__name__}; use one of {allowed}"
            yield ErrorDetail(f"partial[{index}]", msg, name)


@_checked
@attrs.frozen(kw_only=True)
class Source:
    """A document a forum's data comes from.

    Attributes:
        title: The document's title.
        id: Unique among the forum's sources, for :attr:`Evidence.source_id`;
            defaults to a slug of *title*.
        url: Where it can be read, if known.
        publisher: Who published it.
        published: When it was published, if known: a date, or a
            :class:`PartialDate`.
        text: The document's full text, where it may be kept (aigov's own
            sources), so that every :class:`Evidence` can be checked
            against it.

    Raises:
        ValidationError: If any field is invalid.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *id* and *text*; *published* may be a :class:`PartialDate`.
    """

    title: Text
    id: Id = derived(_slug_of("title"))
    url: Text | None = None
    publisher: Text | None = None
    published: datetime.date | PartialDate | None = None
    text: Text | None = None


@_checked
@attrs.frozen(kw_only=True)
class Forum:
    """A forum: the aggregate that owns everything said and everyone in it.

    Organisations and speakers are stored once, here; sessions, statements,
    roles and the forum's hosts and supporters refer to them by id.

    Attributes:
        name: The forum's name.
        id: A stable id for the forum; defaults to a slug of *name*.
        start_date: When it began, where the source says: a date, or a
            :class:`PartialDate` for "in November 2025".
        end_date: When it ended, for forums of more than one day.
        location: Where it took place, as the source words it.
        host_ids: Ids of the organisations that hosted it.
        supporter_ids: Ids of the organisations that supported it.
        countries: Participating countries (ISO 3166-1 alpha-2), as the
            source lists them.
        attendance: How many people attended, as the source qualifies it:
            ``Count(value=70, relation=CountRelation.MORE_THAN)``.
        organizations: Every organisation referred to in the forum.
        speakers: Everyone who took part.
        sessions: The forum's sessions, in order.
        sources: The documents the data comes from.
        series: The recurring event it is an edition of, so that editions
            can be found together.
        partial: The names of the forum's list fields that the source says
            are incomplete: ``("countries",)`` for "... and other countries".

    Raises:
        ValidationError: If any field is invalid, an id is used twice for the
            same kind of object, an id refers to nothing, organisations'
            ``parent_id`` links form a cycle, an evidence passage is not its
            source's text at its offsets, or *end_date* is before
            *start_date*.  Every problem is listed.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *attendance* is a :class:`Count`; dates may be partial and
       *start_date* may be left out; *series* and *partial*.
    """

    name: Text
    id: Id = derived(_slug_of("name"))
    start_date: datetime.date | PartialDate | None = None
    end_date: datetime.date | PartialDate | None = None
    location: Text | None = None
    host_ids: Annotated[tuple[Id, ...], UNIQUE] = ()
    supporter_ids: Annotated[tuple[Id, ...], UNIQUE] = ()
    countries: Annotated[tuple[CountryCode, ...], UNIQUE] = ()
    attendance: Count | None = None
    organizations: tuple[Organization, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    sessions: tuple[Session, ...] = ()
    sources: tuple[Source, ...] = ()
    series: Text | None = None
    partial: Annotated[tuple[Text, ...], UNIQUE] = ()

    def _check_whole(self) -> Iterator[ErrorDetail]:
        # Cross-references are only meaningful once every field is valid.
        yield from _partial_problems(self)
        yield from _forum_integrity(self)

    # Lookups, answered from tables built on first use.

    def organization(self, organization_id: str, /) -> Organization:
        """Return the organisation with id *organization_id*.

        Raises:
            ValidationError: If the forum has no organisation with that id;
                the message suggests the closest name.

        .. versionadded:: 0.1.0
        """
        return _tables(self).organizations.find(organization_id)

    def speaker(self, speaker_id: str, /) -> Speaker:
        """Return the speaker with id *speaker_id*.

        Raises:
            ValidationError: If the forum has no speaker with that id.

        .. versionadded:: 0.1.0
        """
        return _tables(self).speakers.find(speaker_id)

    def session(self, session_id: str, /) -> Session:
        """Return the session with id *session_id*.

        Raises:
            ValidationError: If the forum has no session with that id.

        .. versionadded:: 0.1.0
        """
        return _tables(self).sessions.find(session_id)

    def statement(self, statement_id: str, /) -> Statement:
        """Return the statement with id *statement_id*, from any session.

        Raises:
            ValidationError: If the forum has no statement with that id.

        .. versionadded:: 0.1.0
        """
        return _tables(self).statements.find(statement_id)

    def all_statements(self) -> tuple[Statement, ...]:
        """Return every statement of the forum: session by session, in order.

        .. versionadded:: 0.1.0
        """
        return _tables(self).statements.items

    def affiliations(self, speaker: Speaker | str, /) -> tuple[Organization, ...]:
        """Return the organisations a speaker belongs to, with their ancestors.

        For each of the speaker's roles in turn: the role's organisation,
        then the organisation it is part of, and so on up to a top-level
        one.  Each organisation is listed once, where first reached.

        Args:
            speaker: A speaker of this forum, or a speaker's id.

        Raises:
            ValidationError: If *speaker* is an id no speaker of the forum
                has, or one of its roles is in an organisation the forum
                lacks.

        .. versionadded:: 0.1.0
        """
        roles = (
            self.speaker(speaker).roles if isinstance(speaker, str) else speaker.roles
        )
        organizations = _tables(self).organizations
        found: dict[str, Organization] = {}
        for role in roles:
            current = role.organization_id
            # A Forum has no parent cycles, so every walk ends at a root.
            while current is not None and current not in found:
                organization = organizations.find(current)
                found[current] = organization
                current = organization.parent_id
        return tuple(found.values())


#: Every model class, each after the classes it holds: generated code for a
#: class can then use that of its fields' classes.  :class:`PartialDate` is
#: not one: like :class:`datetime.date`, it is a value that documents write
#: as a string.
MODEL_CLASSES: tuple[type, ...] = (
    Evidence,
    Count,
    Name,
    Participant,
    Identifier,
    Role,
    Organization,
    Speaker,
    Statement,
    Session,
    Source,
    Forum,
)


# --- forum integrity -----------------------------------------------------------


def _unique_ids(items: Iterable[tuple[str, str]], noun: str) -> Iterator[ErrorDetail]:
    first_seen: dict[str, str] = {}
    for location, id_ in items:
        if id_ in first_seen:
            msg = f"duplicate {noun} id {describe_value(id_)} (first at {first_seen[id_]})"
            yield ErrorDetail(location, msg, id_)
        else:
            first_seen[id_] = location


def _dangling(
    location: str, id_: str | None, known: Iterable[str] | set[str], noun: str
) -> Iterator[ErrorDetail]:
    if id_ is not None and id_ not in known:
        yield ErrorDetail(location, f"{describe_value(id_)} refers to no {noun}", id_)


def _forum_integrity(forum: Forum) -> Iterator[ErrorDetail]:
    start, end = forum.start_date, forum.end_date
    # Partial dates are the intervals they cover: an error only where the
    # end's last possible day is before the start's first.
    if start is not None and end is not None and last_day(end) < first_day(start):
        msg = f"{end.isoformat()} is before start_date {start.isoformat()}"
        yield ErrorDetail("end_date", msg, end)

    # Each check stops after as many problems as an array does, so that a
    # document of 100,000 dangling references gives a short report.
    yield from _capped(_duplicate_ids(forum), "duplicate ids")
    yield from _capped(_dangling_references(forum), "references to nothing")
    yield from _capped(_parent_cycles(forum.organizations), "parent_id cycles")
    yield from _capped(_evidence_problems(forum), "evidence problems")


def _capped(problems: Iterator[ErrorDetail], what: str) -> Iterator[ErrorDetail]:
    for count, problem in enumerate(problems):
        if count == MAX_PROBLEMS_PER_ARRAY:
            more = sum(1 for _ in problems) + 1
            msg = (
                f"stopped after {MAX_PROBLEMS_PER_ARRAY} {what}; {more} more not listed"
            )
            yield ErrorDetail("", msg)
            return
        yield problem


_ID = operator.attrgetter("id")


def _duplicate_ids(forum: Forum) -> Iterator[ErrorDetail]:
    statements = _tables(forum).statements.items
    # Counted in C first: locations are only built where a duplicate is.
    if _all_distinct(
        forum.organizations, forum.speakers, forum.sessions, forum.sources, statements
    ):
        return
    yield from _unique_ids(
        ((f"organizations[{i}].id", o.id) for i, o in enumerate(forum.organizations)),
        "organization",
    )
    yield from _unique_ids(
        ((f"speakers[{i}].id", s.id) for i, s in enumerate(forum.speakers)), "speaker"
    )
    yield from _unique_ids(
        ((f"sessions[{i}].id", s.id) for i, s in enumerate(forum.sessions)), "session"
    )
    yield from _unique_ids(
        ((f"sources[{i}].id", s.id) for i, s in enumerate(forum.sources)), "source"
    )
    yield from _unique_ids(
        (
            (f"sessions[{i}].statements[{j}].id", statement.id)
            for i, session in enumerate(forum.sessions)
            for j, statement in enumerate(session.statements)
        ),
        "statement",
    )


def _all_distinct(*groups: tuple[Any, ...]) -> bool:
    return all(len(set(map(_ID, group))) == len(group) for group in groups)


def _dangling_references(forum: Forum) -> Iterator[ErrorDetail]:
    orgs = set(map(_ID, forum.organizations))
    speakers = set(map(_ID, forum.speakers))
    if _references_resolve(forum, orgs, speakers):
        return
    for field in ("host_ids", "supporter_ids"):
        for i, org_id in enumerate(getattr(forum, field)):
            yield from _dangling(f"{field}[{i}]", org_id, orgs, "organization")
    for i, org in enumerate(forum.organizations):
        yield from _dangling(
            f"organizations[{i}].parent_id", org.parent_id, orgs, "organization"
        )
    for i, speaker in enumerate(forum.speakers):
        for j, role in enumerate(speaker.roles):
            yield from _dangling(
                f"speakers[{i}].roles[{j}].organization_id",
                role.organization_id,
                orgs,
                "organization",
            )
    for i, session in enumerate(forum.sessions):
        for j, participant in enumerate(session.participants):
            yield from _dangling(
                f"sessions[{i}].participants[{j}].speaker_id",
                participant.speaker_id,
                speakers,
                "speaker",
            )
        for j, statement in enumerate(session.statements):
            yield from _dangling(
                f"sessions[{i}].statements[{j}].speaker_id",
                statement.speaker_id,
                speakers,
                "speaker",
            )


def _references_resolve(forum: Forum, orgs: set[str], speakers: set[str]) -> bool:
    """Whether every reference resolves: in bulk, in C, for the usual valid forum."""
    org_refs: set[str | None] = {*forum.host_ids, *forum.supporter_ids}
    org_refs.update(map(operator.attrgetter("parent_id"), forum.organizations))
    org_refs.update(r.organization_id for s in forum.speakers for r in s.roles)
    org_refs.discard(None)
    speaker_refs = set(
        map(operator.attrgetter("speaker_id"), _tables(forum).statements.items)
    )
    for session in forum.sessions:
        speaker_refs.update(p.speaker_id for p in session.participants)
    return org_refs <= orgs and speaker_refs <= speakers


def _parent_cycles(organizations: tuple[Organization, ...]) -> Iterator[ErrorDetail]:
    # Walk each chain of parents once; an organisation already known to reach
    # a root (or a reported cycle) ends the walk, so the whole check is linear.
    by_id = {org.id: org for org in organizations}
    index_of = {org.id: i for i, org in enumerate(organizations)}
    settled: set[str] = set()
    for org in organizations:
        path: list[str] = []
        on_path: set[str] = set()
        current: Organization | None = org
        while current is not None and current.id not in settled:
            if current.id in on_path:
                cycle = [*path[path.index(current.id) :], current.id]
                msg = "parent_id links form a cycle: " + _describe_cycle(cycle)
                location = f"organizations[{index_of[current.id]}].parent_id"
                yield ErrorDetail(location, msg, current.parent_id)
                break
            path.append(current.id)
            on_path.add(current.id)
            parent = current.parent_id
            current = by_id.get(parent) if parent is not None else None
        settled.update(path)


# --- lookups -----------------------------------------------------------------------

_O = TypeVar("_O", Organization, Speaker, Session, Statement)

#: Forums with this many objects of a kind or fewer have them all listed
#: when an id is not found.
_LISTED_NAMES = 8


class _Table(Generic[_O]):
    """The objects of one kind of a forum, found by id."""

    def __init__(self, items: tuple[_O, ...], noun: str) -> None:
        self.items: tuple[_O, ...] = items
        self.noun = noun

    @functools.cached_property
    def by_id(self) -> dict[str, _O]:
        return {item.id: item for item in self.items}

    def find(self, id_: str) -> _O:
        found = self.by_id.get(id_)
        if found is not None:
            return found
        names = [_name_of(item) for item in self.items]
        # Callers without a type checker may look up anything.
        hint = suggestion(id_, names) if isinstance(id_, str) else ""  # type: ignore[redundant-expr]
        if not hint and 0 < len(names) <= _LISTED_NAMES:
            # Few enough to list: the user sees at once what there is.
            hint = "; it has " + ", ".join(repr(name) for name in names)
        msg = f"{describe_value(id_)} is the id of no {self.noun} in this forum{hint}"
        raise ValidationError.single(msg, id_, location=f"{self.noun}_id")


def _name_of(item: object) -> str:
    if isinstance(item, Statement):
        return item.id
    return str(getattr(item, "name", None) or getattr(item, "title", ""))


@attrs.frozen
class _Tables:
    organizations: _Table[Organization]
    speakers: _Table[Speaker]
    sessions: _Table[Session]
    statements: _Table[Statement]


#: Per live forum (by identity: hashing a forum costs time in its size), its
#: lookup tables; a weak reference, so that the cache keeps no forum alive.
_TABLES: dict[int, tuple[weakref.ref[Forum], _Tables]] = {}


def _tables(forum: Forum) -> _Tables:
    key = id(forum)
    entry = _TABLES.get(key)
    if entry is not None and entry[0]() is forum:
        return entry[1]
    statements = tuple(s for session in forum.sessions for s in session.statements)
    tables = _Tables(
        _Table(forum.organizations, "organization"),
        _Table(forum.speakers, "speaker"),
        _Table(forum.sessions, "session"),
        _Table(statements, "statement"),
    )
    _TABLES[key] = (weakref.ref(forum, functools.partial(_forget, key)), tables)
    return tables


def _forget(key: int, _: object) -> None:
    _TABLES.pop(key, None)


def _evidence_problems(forum: Forum) -> Iterator[ErrorDetail]:
    """Evidence that names no source, or is not its source's text at its offsets."""
    sources = {source.id: source for source in forum.sources}
    for location, evidence in _all_evidence(forum):
        source = sources.get(evidence.source_id)
        if source is None:
            msg = f"{describe_value(evidence.source_id)} refers to no source"
            yield ErrorDetail(f"{location}.source_id", msg, evidence.source_id)
        elif source.text is not None:
            if evidence.start is None or evidence.end is None:
                msg = "the source's text is kept, so the passage needs its offsets"
                yield ErrorDetail(f"{location}.start", msg)
            elif source.text[evidence.start : evidence.end] != evidence.text:
                found = source.text[evidence.start : evidence.end]
                msg = f"the source's text at {evidence.start}:{evidence.end} is {describe_value(found)}, not this passage"
                yield ErrorDetail(f"{location}.text", msg, evidence.text)


def _all_evidence(forum: Forum) -> Iterator[tuple[str, Evidence]]:  # noqa: C901 - one loop per holder of evidence
    for i, organization in enumerate(forum.organizations):
        for k, evidence in enumerate(organization.evidence):
            yield f"organizations[{i}].evidence[{k}]", evidence
    for i, speaker in enumerate(forum.speakers):
        for k, evidence in enumerate(speaker.evidence):
            yield f"speakers[{i}].evidence[{k}]", evidence
        for j, role in enumerate(speaker.roles):
            for k, evidence in enumerate(role.evidence):
                yield f"speakers[{i}].roles[{j}].evidence[{k}]", evidence
    for i, session in enumerate(forum.sessions):
        for k, evidence in enumerate(session.evidence):
            yield f"sessions[{i}].evidence[{k}]", evidence
        for j, statement in enumerate(session.statements):
            for k, evidence in enumerate(statement.evidence):
                yield f"sessions[{i}].statements[{j}].evidence[{k}]", evidence


#: How many ids of a parent_id cycle a message names.
_LONGEST_CYCLE_SHOWN = 10


def _describe_cycle(cycle: list[str]) -> str:
    # Ids are quoted (and so escaped) and a long cycle is shortened: a
    # message must never carry terminal control codes or megabytes.
    shown = " -> ".join(describe_value(id_) for id_ in cycle[:_LONGEST_CYCLE_SHOWN])
    if len(cycle) > _LONGEST_CYCLE_SHOWN:
        shown += f" -> ... ({len(cycle) - 1} organizations in all)"
    return shown
