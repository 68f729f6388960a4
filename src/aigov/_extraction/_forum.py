"""Turn a press report into a :class:`~aigov.Forum` with evidence (``aigov.extract``).

The engine (:func:`~aigov._extraction.extract_draft`) finds the facts and the
spans that state them; this module makes model objects of them: one
:class:`~aigov.Source` holding the text, and every speaker, role,
organisation, session and statement with :class:`~aigov.Evidence` into it.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import re
from collections.abc import Iterable, Iterator

import attrs

from aigov._countries import database, suggest_code
from aigov._extraction import _records as draft_records
from aigov._extraction._engine import extract_draft
from aigov._extraction._rules import Rules
from aigov._fields import MAX_COUNT
from aigov._model import (
    Count,
    Evidence,
    Forum,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Participant,
    Role,
    Session,
    SessionKind,
    Source,
    Speaker,
    SpeakerKind,
    Statement,
)
from aigov._text import slugify
from aigov.exceptions import ArgumentTypeError, ExtractionError, ValidationError

#: How long a title taken from the text's first line may be.
LONGEST_FIRST_LINE = 200

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

#: An organisation's kind, by the first of its words found here (case
#: folded); ``other`` where none is.  Words, not names: nothing is looked up.
_KIND_WORDS: dict[str, OrganizationKind] = {
    "ministry": OrganizationKind.MINISTRY,
    "ministries": OrganizationKind.MINISTRY,
    "university": OrganizationKind.UNIVERSITY,
    "college": OrganizationKind.UNIVERSITY,
    "school": OrganizationKind.UNIVERSITY,
    "faculty": OrganizationKind.UNIVERSITY,
    "institute": OrganizationKind.INSTITUTE,
    "centre": OrganizationKind.INSTITUTE,
    "center": OrganizationKind.INSTITUTE,
    "academy": OrganizationKind.INSTITUTE,
    "laboratory": OrganizationKind.INSTITUTE,
    "lab": OrganizationKind.INSTITUTE,
    "parliament": OrganizationKind.LEGISLATURE,
    "congress": OrganizationKind.LEGISLATURE,
    "assembly": OrganizationKind.LEGISLATURE,
    "senate": OrganizationKind.LEGISLATURE,
    "department": OrganizationKind.GOVERNMENT,
    "agency": OrganizationKind.GOVERNMENT,
    "bureau": OrganizationKind.GOVERNMENT,
    "office": OrganizationKind.GOVERNMENT,
    "administration": OrganizationKind.GOVERNMENT,
    "commission": OrganizationKind.GOVERNMENT,
    "government": OrganizationKind.GOVERNMENT,
    "association": OrganizationKind.ASSOCIATION,
    "federation": OrganizationKind.ASSOCIATION,
    "society": OrganizationKind.ASSOCIATION,
    "alliance": OrganizationKind.ASSOCIATION,
    "foundation": OrganizationKind.NGO,
    "inc": OrganizationKind.COMPANY,
    "ltd": OrganizationKind.COMPANY,
    "corporation": OrganizationKind.COMPANY,
    "company": OrganizationKind.COMPANY,
    "group": OrganizationKind.COMPANY,
}

_SESSION_WORDS: tuple[tuple[str, SessionKind], ...] = (
    ("opening", SessionKind.OPENING_CEREMONY),
    ("closing", SessionKind.CLOSING),
    ("plenary", SessionKind.PLENARY),
    ("keynote", SessionKind.KEYNOTE),
    ("panel", SessionKind.PANEL),
)

_PARTS = {part.value: part for part in Part}

NO_SPEAKER = "it names no person or state that speaks or takes part"
BLANK = "it is blank"
NOT_UNICODE = "it holds a lone surrogate, which is not valid Unicode text"
INCONSISTENT = "the draft did not make a valid forum"


def extract(
    text: str,
    *,
    source: Source | None = None,
    name: str | None = None,
    start_date: datetime.date | PartialDate | None = None,
    rules: Rules | None = None,
) -> Forum:
    """Draft a forum from the press report *text*, every fact with its evidence.

    See :mod:`aigov.extract` for what the forum holds.

    Args:
        text: The report's text.  It is kept, exactly, as the forum's one
            source's :attr:`~aigov.Source.text`.
        source: Where the text comes from: its title, url, publisher and
            publication date are kept.  Without one, the source's title is
            the text's first line.
        name: The forum's name, instead of the one the text states.
        start_date: The forum's date, instead of the one the text states.
        rules: The lexicons to use (default: :meth:`Rules.default`).

    Returns:
        A valid forum.

    Raises:
        ExtractionError: If no forum can be drafted: the text is blank, is
            not valid Unicode, or names nobody who speaks.
        ValidationError: If *name* or *start_date* is not a valid forum
            name or date.
        ArgumentTypeError: If *text* is not a string.

    .. versionadded:: 0.2.0
    """
    # The caller's own values are checked first, as the forum would: their
    # problems are the caller's (ValidationError), not the extraction's.
    Forum(name=name if name is not None else "-", start_date=start_date)
    if not isinstance(text, str):
        # Callers without a type checker may pass anything.
        msg = f"extract() takes the report's text as a str, not {type(text).__name__}"  # type: ignore[unreachable]
        raise ArgumentTypeError(msg)
    if not text.strip():
        raise ExtractionError(BLANK, text_length=len(text))
    if not _encodable(text):
        raise ExtractionError(NOT_UNICODE, text_length=len(text))
    draft = extract_draft(text, rules or Rules.default())
    if not any(p.kind is not SpeakerKind.GROUP for p in draft.people):
        raise ExtractionError(NO_SPEAKER, text_length=len(text))
    the_source = _source(text, source)
    try:
        return _Builder(draft, the_source).forum(name, start_date)
    except ValidationError as exc:
        # A bug of the extractor, not the caller's: still an ExtractionError,
        # with the problems kept, so that no input escapes the contract.
        raise ExtractionError(
            INCONSISTENT, text_length=len(text), problems=tuple(map(str, exc.errors))
        ) from exc


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def first_line(text: str) -> str:
    """The text's first line that is not blank, shortened to a readable title."""
    line = next(line.strip() for line in text.splitlines() if line.strip())
    if len(line) > LONGEST_FIRST_LINE:
        cut = line[:LONGEST_FIRST_LINE].rsplit(" ", 1)[0].rstrip()
        line = (cut or line[:LONGEST_FIRST_LINE]) + "..."
    return line


def _source(text: str, given: Source | None) -> Source:
    if given is None:
        return Source(title=first_line(text), text=text)
    return attrs.evolve(given, text=text)


def _key(name: str) -> str:
    words = name.casefold().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _words(phrase: draft_records.Phrase) -> str:
    """A phrase's text with its line breaks and runs of spaces made single spaces.

    Names and statements read as one line; the evidence keeps the passage
    exactly as written.
    """
    return " ".join(phrase.text.split())


def _named(text: str) -> str:
    """An organisation's name as written, without the article before it."""
    for article in ("the ", "The "):
        if text.startswith(article) and text[len(article) :].strip():
            return text[len(article) :]
    return text


def _kind_of(name: str) -> OrganizationKind:
    for word in re.findall(r"\w+", name.casefold()):
        kind = _KIND_WORDS.get(word)
        if kind is not None:
            return kind
    return OrganizationKind.OTHER


#: How far before a session's name its kind may be stated ("the main
#: plenary session titled ...").
_SESSION_LEAD = 60


def _session_kind(text: str, name: draft_records.Phrase) -> SessionKind:
    """A session's kind, by the words of its name or of the clause introducing it."""
    lead = text[max(0, name.span.start - _SESSION_LEAD) : name.span.start]
    lead = re.split(r"[.!?\n]", lead)[-1]
    folded = f"{lead} {name.text}".casefold()
    for word, kind in _SESSION_WORDS:
        if word in folded:
            return kind
    return SessionKind.OTHER


@functools.cache
def country_code(state: str) -> str | None:
    """The alpha-2 code of a state as a report names it, where only one fits.

    pycountry's lookup first ("China", "South Korea"); then the countries
    whose names hold the words as whole words ("Britain" in "United Kingdom
    of Great Britain ..."), then as word beginnings ("Russia" in "Russian
    Federation"): a code only where exactly one country fits.
    """
    name = state.strip()
    if name.casefold().startswith("the "):
        name = name[4:]
    if name.casefold().endswith(("'s", "\u2019s")):
        name = name[:-2]
    code = suggest_code(name)
    if code is not None or not name:
        return code
    words = re.escape(name.casefold())
    for pattern in (rf"\b{words}\b", rf"\b{words}"):
        found = {
            str(country.alpha_2)
            for country in database()
            if any(
                re.search(pattern, str(getattr(country, field, "")).casefold())
                for field in ("name", "official_name", "common_name")
            )
        }
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _year_stated(text: str, forum_name: str | None) -> int | None:
    """The event's year where the text states one: in its name, or the only one."""
    if forum_name is not None:
        in_name = set(_YEAR.findall(forum_name))
        if len(in_name) == 1:
            return int(in_name.pop())
    years = set(_YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None


def _date(
    stated: draft_records.PartialDate | None, year: int | None
) -> datetime.date | PartialDate | None:
    if stated is None:
        return None
    year = stated.year if stated.year is not None else year
    if year is None:
        return None  # a day without a year: a year is never made up
    if stated.month is not None and stated.day is not None:
        try:
            return datetime.date(year, stated.month, stated.day)
        except ValueError:
            return PartialDate(year=year, month=stated.month)
    return PartialDate(year=year, month=stated.month)


class _Ids:
    """Unique ids of one kind: a slug, suffixed ``-2``, ``-3`` ... when taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, base: str) -> str:
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate)
        return candidate


@attrs.define
class _Org:
    """An organisation being gathered: its phrases, then its parent."""

    name: draft_records.Phrase
    id: str
    abbreviations: list[draft_records.Phrase] = attrs.Factory(list)
    aliases: list[draft_records.Phrase] = attrs.Factory(list)
    parent: str | None = None


class _Builder:
    """Makes the model objects of one draft, each with evidence into *source*."""

    def __init__(self, draft: draft_records.Draft, source: Source) -> None:
        self.draft = draft
        self.source = source
        self.orgs: dict[str, _Org] = {}
        self.org_ids = _Ids()
        self.by_key: dict[str, _Org] = {}

    def evidence(self, *phrases: draft_records.Phrase | None) -> tuple[Evidence, ...]:
        seen: dict[tuple[int, int], Evidence] = {}
        for phrase in phrases:
            if phrase is None or phrase.span.start >= phrase.span.end:
                continue
            where = (phrase.span.start, phrase.span.end)
            seen.setdefault(
                where,
                Evidence(
                    source_id=self.source.id,
                    start=where[0],
                    end=where[1],
                    text=phrase.text,
                ),
            )
        return tuple(seen.values())

    # --- organisations ------------------------------------------------------

    def organisation(self, phrase: draft_records.Phrase) -> _Org:
        key = _key(phrase.text)
        found = self.by_key.get(key)
        if found is None:
            found = _Org(name=phrase, id=self.org_ids.new(slugify(_named(phrase.text))))
            self.orgs[found.id] = found
            self.by_key[key] = found
        elif phrase.text != found.name.text and all(
            phrase.text != other.text
            for other in (*found.abbreviations, *found.aliases)
        ):
            found.aliases.append(phrase)
        return found

    def link(self, child: _Org, parent: _Org) -> None:
        if child.parent is not None or child is parent:
            return
        current: _Org | None = parent
        while current is not None:  # no cycles: the parent must not lead back
            if current is child:
                return
            current = self.orgs[current.parent] if current.parent else None
        child.parent = parent.id

    def gather_organisations(self) -> None:
        for stated in self.draft.organisations:
            org = self.organisation(stated.name)
            for abbreviation in stated.abbreviations:
                self.by_key.setdefault(_key(abbreviation.text), org)
                if abbreviation not in org.abbreviations:
                    org.abbreviations.append(abbreviation)
        for stated in self.draft.organisations:
            if stated.parent is not None and _key(stated.parent) in self.by_key:
                self.link(
                    self.by_key[_key(stated.name.text)],
                    self.by_key[_key(stated.parent)],
                )
        for person in self.draft.people:
            for role in person.roles:
                chain = [self.organisation(p) for p in role.organisations]
                for child, parent in itertools.pairwise(chain):
                    self.link(child, parent)

    def organizations(self) -> tuple[Organization, ...]:
        made = []
        for org in self.orgs.values():
            abbreviation = _words(org.abbreviations[0]) if org.abbreviations else None
            aliases = [_words(a) for a in (*org.abbreviations[1:], *org.aliases)]
            made.append(
                Organization(
                    name=_named(_words(org.name)),
                    id=org.id,
                    kind=_kind_of(org.name.text),
                    abbreviation=abbreviation,
                    aliases=tuple(
                        dict.fromkeys(
                            a
                            for a in aliases
                            if a != abbreviation and _key(a) != _key(org.name.text)
                        )
                    ),
                    parent_id=org.parent,
                    evidence=self.evidence(org.name, *org.abbreviations, *org.aliases),
                )
            )
        return tuple(made)

    # --- speakers -----------------------------------------------------------

    def role(self, role: draft_records.Role) -> Role:
        organisation = (
            self.organisation(role.organisations[0]) if role.organisations else None
        )
        # A role the text gives only as an organisation ("X of the Centre")
        # is titled with the organisation as written: a title is required.
        title = _words(role.title) if role.title is not None else None
        if title is None and role.organisations:
            title = _named(_words(role.organisations[0]))
        state = country_code(role.state.text) if role.state is not None else None
        return Role(
            title=title or "",
            organization_id=organisation.id if organisation is not None else None,
            country=state,
            evidence=self.evidence(role.title, role.state, *role.organisations[:1]),
        )

    def speakers(self) -> tuple[Speaker, ...]:
        ids = _Ids()
        made = []
        for person in self.draft.people:
            kind = person.kind
            country = None
            if kind is SpeakerKind.DELEGATION:
                country = country_code(person.name.text)
            made.append(
                Speaker(
                    name=_words(person.name),
                    id=ids.new(slugify(person.name.text)),
                    kind=kind,
                    country=country,
                    roles=tuple(
                        self.role(r)
                        for r in person.roles
                        if r.title is not None or r.organisations
                    ),
                    evidence=self.evidence(person.name),
                )
            )
        return tuple(made)

    # --- sessions and statements ----------------------------------------------

    def statements(self, speakers: tuple[Speaker, ...]) -> list[tuple[int, Statement]]:
        ids = _Ids()
        made = []
        for stated in self.draft.statements:
            speaker_id = speakers[stated.speaker].id
            statement = Statement(
                speaker_id=speaker_id,
                text=_words(stated.text),
                verb=_words(stated.verb) if stated.verb is not None else None,
                kind=stated.kind,
                topics=tuple(dict.fromkeys(stated.topics)),
                evidence=self.evidence(stated.text, stated.verb),
            )
            unique = ids.new(statement.id)
            if unique != statement.id:
                statement = attrs.evolve(statement, id=unique)
            made.append((stated.text.span.start, statement))
        return made

    def participants(
        self, stated: Iterable[draft_records.Participant], speakers: tuple[Speaker, ...]
    ) -> tuple[Participant, ...]:
        pairs = dict.fromkeys(
            (speakers[p.person].id, _PARTS.get(p.part, Part.SPEAKER)) for p in stated
        )
        return tuple(Participant(speaker_id=s, part=part) for s, part in pairs)

    def sessions(
        self, speakers: tuple[Speaker, ...], forum_name: str
    ) -> tuple[Session, ...]:
        statements = self.statements(speakers)
        named = self.draft.sessions
        if not named:
            evidence = self.evidence(self.draft.forum_name) or tuple(
                e for _, s in statements for e in s.evidence[:1]
            )
            return (
                Session(
                    title=forum_name,
                    kind=SessionKind.OTHER,
                    participants=self.participants(self.draft.participants, speakers),
                    statements=tuple(s for _, s in statements),
                    evidence=evidence,
                ),
            )
        # A statement belongs to the last session named before it; those
        # before every session's name, to the first session.
        # The engine lists sessions in text order, so their starts are sorted.
        starts = [s.name.span.start for s in named]
        held: list[list[Statement]] = [[] for _ in named]
        for start, statement in statements:
            index = max(bisect.bisect_right(starts, start) - 1, 0)
            held[index].append(statement)
        ids = _Ids()
        made = []
        for index, session in enumerate(named):
            stated = list(session.participants)
            if index == 0:
                stated += self.draft.participants
            made.append(
                Session(
                    title=_words(session.name),
                    id=ids.new(slugify(session.name.text)),
                    kind=_session_kind(self.source.text or "", session.name),
                    participants=self.participants(stated, speakers),
                    statements=tuple(held[index]),
                    partial=("participants",) if session.partial else (),
                    evidence=self.evidence(session.name),
                )
            )
        return tuple(made)

    # --- the forum ------------------------------------------------------------

    def forum(
        self, name: str | None, start_date: datetime.date | PartialDate | None
    ) -> Forum:
        draft = self.draft
        stated_name = _words(draft.forum_name) if draft.forum_name is not None else None
        forum_name = name if name is not None else stated_name or self.source.title
        if start_date is None:
            year = _year_stated(self.source.text or "", stated_name)
            start_date = _date(draft.date, year)
        self.gather_organisations()
        speakers = self.speakers()
        sessions = self.sessions(speakers, forum_name)
        countries = dict.fromkeys(
            code
            for code in map(country_code, (c.text for c in draft.countries))
            if code
        )
        attendance = None
        if draft.attendance is not None and 0 <= draft.attendance.value <= MAX_COUNT:
            attendance = Count(
                value=draft.attendance.value,
                relation=draft.attendance.relation,
            )
        return Forum(
            name=forum_name,
            start_date=start_date,
            location=_words(draft.location) if draft.location is not None else None,
            countries=tuple(countries),
            attendance=attendance,
            organizations=self.organizations(),
            speakers=speakers,
            sessions=sessions,
            sources=(self.source,),
            partial=("countries",) if draft.countries_partial and countries else (),
        )


def evidence_of(forum: Forum) -> Iterator[Evidence]:
    """Every evidence passage of *forum*'s speakers, roles, organisations, sessions, statements."""
    for organization in forum.organizations:
        yield from organization.evidence
    for speaker in forum.speakers:
        yield from speaker.evidence
        for role in speaker.roles:
            yield from role.evidence
    for session in forum.sessions:
        yield from session.evidence
        for statement in session.statements:
            yield from statement.evidence
