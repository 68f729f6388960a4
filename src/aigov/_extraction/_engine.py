"""The rule-based extraction engine: from a report's text to a :class:`Draft`.

The engine reads the text sentence by sentence (see :mod:`._segment`) and
looks, around each reporting verb outside quotation marks, for who speaks and
what they say:

- the subject before the verb: "Name, title of Org, said", "Title Name said",
  "Org's title, Name, said", "UN Special Envoy Name said", a pronoun or a
  family name already met ("He stressed", "Morita also added"), "the
  minister" for the last person with that title, a state or a delegation
  ("Russia questioned"), unnamed people ("Industry experts said"), after a
  dateline or an opening phrase ("Briefing the Council, ...");
- the subject after it, the statement first: ``"...," said Name, title``,
  ``"...," Name, title, said``, "Rules must be clear, she said", "...,
  according to Name"; and "According to Name, ...", "..., adding that",
  "quoted Name as saying";
- "Her message? ..." leads, which give the next sentence to the last person.

A statement runs by the statement rule of the development set: from after its
verb (and a following "that" where only words qualifying the verb stand
between), or from its opening quotation mark, through the following sentences
of its paragraph that bring no new reporting verb and no new subject; a
quotation resumed after its attribution extends it. Words cited from the past
("Turing asked in 1950") are no statement. Roles come from the words around a
name: titles before it, "of"/"at"/"from" organisations after it, appositions
between commas, possessives ("Japan's Minister ...", "the federation's
president"). Sessions and parts come from "held the ... session titled", "the
opening ceremony hosted by", "was moderated by", "a keynote speech by", a
subject who moderates, chairs or delivers a speech, and lists ("including A,
...; B, ...", "Panellists included ...").

Nothing is guessed: a lower-case reference ("the partnership") becomes an
organisation only where the text names one with that head word, and a pronoun
goes to the last person named. Every window the rules look at is bounded, so
the work is linear in the length of the text.
"""

# The engine is a set of hand-written rules over token windows: its branching
# functions mirror the patterns they recognise, and its small literal bounds
# (two-token honorifics, possessive "'s") read better inline than as names.
# Curly quotation marks and apostrophes are the characters reports use.
# ruff: noqa: C901, PLR0911, PLR0912, PLR0915, PLR2004, RUF001

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Sequence

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
from aigov._extraction._segment import Sentence, Token, quotations, sentences
from aigov._model import CountRelation, SpeakerKind, StatementKind

_ARTICLES = frozenset({"the", "a", "an"})
_ORG_PREPOSITIONS = frozenset({"of", "at", "to", "with"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "the", "&", "de", "du", "des"})
_INTRO_WORDS = frozenset(
    [
        "for",
        "responding",
        "commenting",
        "turning",
        "likewise",
        "similarly",
        "elsewhere",
        "in",
        "at",
        "during",
        "on",
        "after",
        "before",
        "meanwhile",
        "however",
        "speaking",
        "addressing",
        "separately",
        "later",
        "earlier",
        "also",
        "and",
        "but",
        "opening",
        "closing",
    ]
)
_BOUNDARY_WORDS = frozenset({"by", "from", "including"})
#: Words that join the parts of a capitalised name ("Minister for Digital
#: Affairs"): a name just after one is the tail of that name, not a person.
_JOINING = frozenset({"of", "for", "on", "in", "the", "at", "to"})
_QUOTE_OPEN = frozenset('"“')
_QUOTE_CLOSE = frozenset('"”')
#: Words that may stand between a subject and its verb ("Wang also said").
_BETWEEN_SUBJECT_AND_VERB = frozenset(
    {"also", "further", "then", "later", "again", "has", "have", "had", "once"}
)
#: How many of the people last met "the minister" may refer to.
_RECENT_PEOPLE = 4
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
#: Words said in a year before this, or this many years before the latest year
#: the text names, are cited, not said at the event ("Turing asked in 1950").
_HISTORICAL_BEFORE = 1990
_YEARS_AGO = 5
_DELEGATION_WORDS = frozenset({"delegation", "delegations", "mission", "missions"})
#: Words of a name longer than this are not one name.
_MAX_NAME_WORDS = 6
#: Words that open a phrase qualifying a reporting verb ("said in his speech that").
_COMPLEMENT_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "on",
        "during",
        "after",
        "before",
        "to",
        "via",
        "from",
        "for",
        "while",
        "when",
        "as",
        "by",
        "with",
    ]
)
#: Verbs whose object stands before "that" ("told the committee that").
_TELLING_VERBS = frozenset(
    [
        "told",
        "tells",
        "reminded",
        "assured",
        "informed",
        "warned",
        "urged",
        "convinced",
        "promised",
    ]
)
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
    ]
)
_DAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
    ]
)
#: How far after a verb a "that" may stand and still open the statement.
_THAT_WINDOW = 10
#: How many reporting verbs of one sentence are tried as its attribution.
_VERB_TRIES = 3
_MIN_NEW_NAME_WORDS = 2
_MAX_GROUP_TOKENS = 8
_LEAD_TOKENS = 4
#: A line of at most this many tokens without a closing mark is a byline.
_HEADER_TOKENS = 15
_PARTS = {
    "moderated": "moderator",
    "chaired": "chair",
    "co-chaired": "chair",
    "hosted": "host",
    "co-hosted": "host",
    "opened": "speaker",
    "introduced": "speaker",
    "presided": "chair",
    "led": "moderator",
}
_LIST_PARTS = {
    "panellists": "panelist",
    "panelists": "panelist",
    "speakers": "speaker",
    "discussants": "discussant",
    "briefers": "briefer",
    "guests": "guest",
    "keynote speakers": "keynote",
    "also speaking": "speaker",
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.? (?P<d1>\d{{1,2}})\b(?:,? (?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH})\b(?: (?P<y2>\d{{4}})\b)?"
    rf"|\b(?:in|this|earlier this|later this|last|next) (?P<m3>{_MONTH})\b(?: (?P<y3>\d{{4}})\b)?"
)
_RELATIONS = {
    "more than": CountRelation.MORE_THAN,
    "over": CountRelation.MORE_THAN,
    "about": CountRelation.ABOUT,
    "around": CountRelation.ABOUT,
    "some": CountRelation.ABOUT,
    "approximately": CountRelation.ABOUT,
    "roughly": CountRelation.ABOUT,
    "nearly": CountRelation.AT_MOST,
    "almost": CountRelation.AT_MOST,
    "up to": CountRelation.AT_MOST,
    "at least": CountRelation.AT_LEAST,
    "fewer than": CountRelation.FEWER_THAN,
    "less than": CountRelation.FEWER_THAN,
}
_ATTENDANCE = re.compile(
    r"\b(?P<rel>[Mm]ore than|[Oo]ver|[Aa]bout|[Aa]round|[Ss]ome|[Aa]pproximately|"
    r"[Rr]oughly|[Nn]early|[Aa]lmost|[Uu]p to|[Aa]t least|[Ff]ewer than|[Ll]ess than)?"
    r" ?(?P<n>\d{1,3}(?:,\d{3})*|\d+) (?:[a-z-]+ )?"
    r"(?:experts|scholars|participants|people|delegates|guests|founders|students|"
    r"attendees|clinicians|representatives|officials|members|researchers|leaders|"
    r"judges|visitors|ministers|speakers|delegations|journalists|companies)\b"
)
_DATELINE = re.compile(
    r"(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ'’.-]+)*)(?:,| \()"
)
_HELD_IN = re.compile(
    r"\b(?:held|took place|met|gathered|convened)\b[^.\"“”]{0,80}? in "
    r"(?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)
_SESSION_TITLED = re.compile(
    r"\b(?:held|hosted|opened|convened|organi[sz]ed|featured) (?:the|a|an) "
    r"(?P<kind>[^\"“”,.;]{0,80}?),? (?:titled|entitled|themed|on the theme of),? "
    r"[\"“](?P<title>[^\"“”]{1,300})[\"”]"
)
_CEREMONY_BY = re.compile(
    r"\b(?P<kind>opening|closing) (?:ceremony|session),? (?:was )?"
    r"(?P<verb>hosted|chaired|moderated|presided over|co-hosted) by "
)
_WAS_BY = re.compile(
    r"\b(?:was|were) (?P<verb>moderated|chaired|hosted|co-hosted|opened|introduced|"
    r"presided over|led) by |(?:,|\bpanel|\bsession|\bdiscussion|\bdebate|"
    r"\bdialogue|\broundtable) (?P<verb2>moderated|chaired|co-chaired) by "
)
_FEATURED_LIST = re.compile(
    r"\b(?:panel|session|discussion|debate|dialogue|roundtable|event|seminar) "
    r"(?:featured|brought together|heard from) "
)
_INCLUDING_LIST = re.compile(r"\b[a-z][a-z-]*s,? including ")
_LIST_LEAD = re.compile(
    r"(?:The |Other |Among the |Among )?(?P<who>[Pp]anel(?:l)?ists|[Ss]peakers|"
    r"[Dd]iscussants|[Bb]riefers|[Gg]uests|[Kk]eynote speakers|Also speaking)\b"
)
#: A part played, said of a sentence's subject ("Name, title, moderated the panel").
_SUBJECT_PART = re.compile(
    r"(?P<verb>moderated|chaired|co-chaired|hosted|co-hosted|presided over)"
    r" (?:the|a|an|this|its)\b|(?P<keynote>delivered|gave|made) (?:a|the|his|her|their)"
    r" (?:[a-z]+ )?keynote\b|(?P<speech>delivered|gave|made) (?:a|an|the|his|her|their)"
    r" (?:[a-z-]+ )?(?:speech|address|remarks|lecture|presentation)\b"
    r"|(?P<spoke>addressed|spoke at|spoke to) the\b"
)
#: "a keynote speech by Name", "opening remarks by Name".
_SPEECH_BY = re.compile(
    r"\b(?P<kind>keynote|speech|address|remarks|presentation|lecture) by "
)
_WHO_PART = re.compile(
    r"(?P<verb>chaired|hosted|moderated|opened|co-hosted|presided over)\b"
)


def _fold(token: Token) -> str:
    return token.text.casefold()


def _is_cap(token: Token) -> bool:
    return token.text[:1].isupper()


def _is_possessive(token: Token) -> bool:
    return _mark_length(token) > 0


def _mark_length(token: Token) -> int:
    """How many characters a possessive mark takes: "'s" is 2, "States'" has 1."""
    text = token.text
    if len(text) > 2 and text[-2:] in {"'s", "’s"}:
        return 2
    if len(text) > 2 and text[-1] in {"'", "’"} and text[-2] == "s":
        return 1
    return 0


def _owner(token: Token) -> str:
    """The word without its possessive mark."""
    return token.text[: len(token.text) - _mark_length(token)]


def _is_acronym(token: Token) -> bool:
    letters = [c for c in token.text if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and len(token.text) <= 12
    )


@dataclasses.dataclass
class _PersonState:
    name: Phrase
    kind: SpeakerKind
    roles: list[Role]
    words: frozenset[str]
    emitted: bool = False


@dataclasses.dataclass
class _OrgState:
    name: Phrase
    abbreviations: list[Phrase]
    parent: str | None = None


@dataclasses.dataclass
class _Who:
    """A subject found for a verb: a person's index, or None for nobody."""

    person: int | None
    end: int


@dataclasses.dataclass
class _StatementState:
    speaker: int
    start: int
    end: int
    kind: StatementKind
    verb: Phrase | None


def _name_key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace(".", " ").split())


class _Extractor:
    def __init__(self, text: str, rules: Rules) -> None:
        self.text = text
        self.rules = rules
        self.people: list[_PersonState] = []
        self.by_key: dict[tuple[SpeakerKind, str], int] = {}
        self.by_word: dict[str, int] = {}
        self.orgs: dict[str, _OrgState] = {}
        self.by_abbreviation: dict[str, str] = {}
        self.by_head: dict[str, str] = {}
        self.statements: list[_StatementState] = []
        self.sessions: list[tuple[Phrase, list[Participant], bool]] = []
        self.participants: list[Participant] = []
        self.last_person: int | None = None
        self.recent: list[int] = []
        self.latest_year = max(
            (int(m.group()) for m in re.finditer(r"\b(?:1[5-9]\d\d|20\d\d)\b", text)),
            default=0,
        )
        verbs: dict[str, list[tuple[str, ...]]] = {}
        for verb in rules.verbs:
            words = tuple(verb.split())
            verbs.setdefault(words[0], []).append(words)
        for options in verbs.values():
            options.sort(key=len, reverse=True)
        self.verbs = verbs

    # -- small helpers -------------------------------------------------

    def phrase(self, start: int, end: int) -> Phrase:
        return Phrase(self.text[start:end], Span(start, end))

    def tokens_phrase(self, tokens: Sequence[Token]) -> Phrase:
        return self.phrase(tokens[0].start, tokens[-1].end)

    def is_title_word(self, token: Token) -> bool:
        folded = _fold(token).rstrip(".")
        return (
            folded in self.rules.titles
            or folded.rsplit("-", 1)[-1] in self.rules.titles
        )

    def is_org_word(self, token: Token) -> bool:
        return _fold(token) in self.rules.organisation_words

    def is_org_head(self, token: Token) -> bool:
        """An organisation word, also in the plural ("Bharat Compute Labs")."""
        folded = _fold(token)
        words = self.rules.organisation_words
        return folded in words or (folded.endswith("s") and folded[:-1] in words)

    def is_name_word(self, token: Token) -> bool:
        text = token.text
        if token.quoted or not text[:1].isupper() or _is_possessive(token):
            return False
        if not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
            return False
        folded = text.casefold()
        rules = self.rules
        return not (
            folded in rules.stopwords
            or folded in rules.honorifics
            or self.is_title_word(token)
            or self.is_org_head(token)
            or folded in rules.event_words
            or folded in rules.countries
            or folded in rules.not_name_words
            or folded in self.by_abbreviation
        )

    def is_honorific(self, tokens: Sequence[Token], i: int) -> int:
        """Return how many tokens an honorific at *i* takes ("Dr." is two), or 0."""
        if i >= len(tokens):
            return 0
        texts = [t.text for t in tokens[i : i + 4]]
        if texts == ["H", ".", "E", "."]:
            return 4  # "H.E.", His or Her Excellency
        if (
            _fold(tokens[i]) in {"his", "her"}
            and i + 1 < len(tokens)
            and _fold(tokens[i + 1]) == "excellency"
        ):
            return 2
        if _fold(tokens[i]) not in self.rules.honorifics:
            return 0
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].text == "."
            and tokens[i + 1].start == tokens[i].end
        ):
            return 2
        return 1

    def name_end(self, tokens: Sequence[Token], i: int, stop: int) -> tuple[int, int]:
        """Return the end of a name starting at *i* and its number of words."""
        j, words = i, 0
        while j < stop and words < _MAX_NAME_WORDS:
            token = tokens[j]
            if token.quoted:
                break
            if (
                len(token.text) == 1
                and token.text.isupper()
                and j + 1 < stop
                and tokens[j + 1].text == "."
                and tokens[j + 1].start == token.end
            ):
                j, words = j + 2, words + 1
                continue
            if self.is_name_word(token):
                j, words = j + 1, words + 1
                continue
            if words and _fold(token) in self.rules.name_particles:
                # "Anne van der Berg": particles, then the family name.
                k = j
                while (
                    k < stop
                    and k < j + 3
                    and _fold(tokens[k]) in self.rules.name_particles
                ):
                    k += 1
                if k < stop and self.is_name_word(tokens[k]):
                    j = k
                    continue
            break
        # "the Electoral Integrity Network": capitalised words after "the" or
        # before an organisation's or event's head word name no person.
        if (
            words
            and (
                (i > 0 and _fold(tokens[i - 1]) == "the")
                # the tail of a longer capitalised run ("Bharat Compute Labs")
                or (i > 0 and self.is_name_word(tokens[i - 1]))
                or (
                    words > 1
                    and _name_key(self.text[tokens[i].start : tokens[j - 1].end])
                    in self.orgs
                )
                or (
                    j < len(tokens)
                    and _is_cap(tokens[j])
                    and (
                        self.is_org_head(tokens[j])
                        or _fold(tokens[j]) in self.rules.event_words
                    )
                )
            )
        ):
            return i, 0
        return j, words

    def skip_parenthesis(
        self, tokens: Sequence[Token], j: int, stop: int
    ) -> tuple[int, Phrase | None]:
        """Skip "(张伟)" or "(IPEJ)" after a name; return the end and any abbreviation."""
        if j >= stop or tokens[j].text != "(":
            return j, None
        for k in range(j + 1, min(stop, j + 8)):
            if tokens[k].text == ")":
                inner = tokens[j + 1 : k]
                abbreviation = None
                if len(inner) == 1 and _is_acronym(inner[0]):
                    abbreviation = self.tokens_phrase(inner)
                return k + 1, abbreviation
        return j, None

    def country(self, tokens: Sequence[Token], i: int, stop: int) -> int:
        """Return the end of a state's name at *i* ("the United States"), or *i*."""
        best = i
        for length in range(1, 5):
            if i + length > stop:
                break
            words = " ".join(_fold(t) for t in tokens[i : i + length])
            if words in self.rules.countries and all(
                _is_cap(t) or _fold(t) in {"the", "and", "of"}
                for t in tokens[i : i + length]
            ):
                best = i + length
        return best

    # -- organisations -------------------------------------------------

    def org_run_end(self, tokens: Sequence[Token], i: int, stop: int) -> int:
        """Return the end of a capitalised organisation name at *i*, or *i*."""
        j = i
        last_cap = i
        while j < stop:
            token = tokens[j]
            if token.quoted or token.text in {",", ";", ".", ":", "(", ")", "?", "!"}:
                break
            if _is_cap(token) or token.text[:1].isdigit():
                if j > i and (_fold(token) in _DAYS or _fold(token) in _MONTHS):
                    break  # "... Strategy on Tuesday": days and months end a name
                j += 1
                last_cap = j
                continue
            if _fold(token) in _CONNECTORS and j + 1 < stop:
                j += 1
                continue
            break
        return last_cap

    def register_org(
        self,
        name: Phrase,
        abbreviation: Phrase | None = None,
        parent: str | None = None,
    ) -> str:
        key = _name_key(name.text.removeprefix("the ").removeprefix("The "))
        state = self.orgs.get(key)
        if state is None:
            state = _OrgState(name, [])
            self.orgs[key] = state
            for word in key.split():
                if word in self.rules.organisation_words:
                    self.by_head.setdefault(word, key)
        if abbreviation is not None and all(
            a.text != abbreviation.text for a in state.abbreviations
        ):
            state.abbreviations.append(abbreviation)
            self.by_abbreviation.setdefault(abbreviation.text.casefold(), key)
        if parent is not None and state.parent is None and parent != key:
            state.parent = parent
        return key

    def org_phrase(
        self, tokens: Sequence[Token], i: int, stop: int
    ) -> tuple[list[Phrase], Phrase | None, int]:
        """Parse an organisation at *i*: its chain (unit, parents), any state, and the end.

        Returns an empty chain where no organisation stands at *i*.
        """
        start = i
        if i < stop and _fold(tokens[i]) == "the":
            i += 1
        if i >= stop:
            return [], None, start
        # A lower-case reference to an organisation the text names ("the partnership").
        if not _is_cap(tokens[i]):
            j = i
            while (
                j < stop
                and j < i + 3
                and not _is_cap(tokens[j])
                and tokens[j].text.isalpha()
            ) or (
                j < stop
                and j < i + 3
                and "-" in tokens[j].text
                and not _is_cap(tokens[j])
            ):
                j += 1
            if (
                j < stop
                and _is_cap(tokens[j])
                and j > i
                and _fold(tokens[j - 1]) in self.rules.organisation_words
            ):
                # "the speech-recognition company Vaani Systems"
                return self.org_phrase(tokens, j, stop)
            if (
                j > i
                and start < i
                and _fold(tokens[j - 1]) in self.rules.organisation_words
                and (j >= stop or not _is_cap(tokens[j]))
            ):
                referred = self.by_head.get(_fold(tokens[j - 1]))
                if referred is not None:
                    return [self.orgs[referred].name], None, j
            return [], None, start
        state_end = self.country(tokens, i, stop)
        if state_end > i and (state_end >= stop or not _is_cap(tokens[state_end])):
            return [], self.tokens_phrase(tokens[i:state_end]), state_end
        end = self.org_run_end(tokens, i, stop)
        if end <= i:
            return [], None, start
        run_end = end
        end = self.parallel_cut(tokens, i, self.place_cut(tokens, i, end))
        if (
            end == run_end
            and end < stop
            and not (
                tokens[end].text in {",", ";", ".", ")", "(", ":"}
                or _fold(tokens[end])
                in _ORG_PREPOSITIONS | {"and", "in", "who", "since", "until", "from"}
                # "of the National University of Singapore welcomed ...": a
                # name with its head word may stand before a lower-case verb.
                or any(self.is_org_head(t) for t in tokens[i:end])
            )
        ):
            return [], None, start
        chain, state = self.split_org(tokens, start, end)
        # "... in Bremen": a place after the name is not part of it.
        j = run_end if run_end > end and _fold(tokens[end]) == "in" else end
        if j + 1 < stop and _fold(tokens[j]) == "in" and _is_cap(tokens[j + 1]):
            place_end = self.org_run_end(tokens, j + 1, stop)
            if place_end - (j + 1) <= 2:
                j = place_end
        abbreviation_end, abbreviation = self.skip_parenthesis(tokens, j, stop)
        if abbreviation is not None and chain:
            self.register_org(chain[0], abbreviation)
            j = abbreviation_end
        return chain, state, j

    def place_cut(self, tokens: Sequence[Token], i: int, end: int) -> int:
        """Cut "in Bremen" off the end of an organisation's name."""
        if (
            end - 2 > i
            and _fold(tokens[end - 2]) == "in"
            and not self.is_org_word(tokens[end - 1])
            and not _is_acronym(tokens[end - 1])
        ):
            return end - 2
        return end

    def parallel_cut(self, tokens: Sequence[Token], i: int, end: int) -> int:
        """End a name before "and Other Org" ("I-AIIG and Schwarzman College")."""
        for k in range(i + 1, end - 1):
            if _fold(tokens[k]) != "and":
                continue
            left = tokens[i:k]
            if not (
                (len(left) == 1 and _is_acronym(left[0])) or self.has_org_word(left)
            ):
                continue
            j = k + 1
            while j < end and _is_cap(tokens[j]):
                j += 1
            right = tokens[k + 1 : j]
            if right and (
                self.is_org_word(right[-1])
                or (len(right) == 1 and _is_acronym(right[0]))
            ):
                return k
        return end

    def split_org(
        self, tokens: Sequence[Token], start: int, end: int
    ) -> tuple[list[Phrase], Phrase | None]:
        """Split "Unit of Parent" / "Parent's Unit" / "Org of State" into a chain."""
        piece = list(tokens[start:end])
        state: Phrase | None = None
        # "... of Japan" closing a name that has its own "of": the state.
        for k in range(len(piece) - 1, 0, -1):
            if _fold(piece[k]) == "of":
                country_end = self.country(piece, k + 1, len(piece))
                if (
                    country_end == len(piece)
                    and country_end > k + 1
                    and any(_fold(t) == "of" for t in piece[:k])
                ):
                    state = self.tokens_phrase(piece[k + 1 :])
                    piece = piece[:k]
                break
        units: list[list[Token]] = []
        current: list[Token] = []
        k = 0
        while k < len(piece):
            token = piece[k]
            if _fold(token) in {"of", "at"} and current and self.has_org_word(current):
                rest = piece[k + 1 :]
                if rest and self.starts_org(rest):
                    units.append(current)
                    current = []
                    k += 1
                    continue
            if (
                _is_possessive(token)
                and self.has_org_word([*current, token])
                and k + 1 < len(piece)
                and self.has_org_word(piece[k + 1 :])
            ):
                owner = [*current, token]
                units.append(piece[k + 1 :])
                current = owner
                # the owner ends with "'s": keep the name without it below
                break
            current.append(token)
            k += 1
        if current:
            units.append(current)
        chain: list[Phrase] = []
        for unit in units:
            if unit and _is_possessive(unit[-1]):
                last = unit[-1]
                phrase = self.phrase(unit[0].start, last.end - _mark_length(last))
            elif (
                unit
                and _fold(unit[0]) in {"of", "at", "the"}
                and len(unit) > 1
                and _fold(unit[0]) != "the"
            ):
                phrase = self.tokens_phrase(unit[1:])
            else:
                phrase = self.tokens_phrase(unit)
            chain.append(phrase)
        # Possessive splits put the unit first already; the rest are parents in order.
        keys = [self.register_org(p) for p in chain]
        for child, parent in itertools.pairwise(keys):
            self.orgs[child].parent = self.orgs[child].parent or parent
        return chain, state

    def has_org_word(self, tokens: Sequence[Token]) -> bool:
        return any(
            self.is_org_word(t)
            or _is_acronym(t)
            or _owner(t).casefold() in self.rules.organisation_words
            for t in tokens
        )

    def starts_org(self, tokens: Sequence[Token]) -> bool:
        i = 1 if tokens and _fold(tokens[0]) == "the" else 0
        if i >= len(tokens) or not _is_cap(tokens[i]):
            return False
        if (i == 1 and self.is_org_word(tokens[i])) or _fold(
            tokens[i]
        ) in self.by_abbreviation:
            return True
        j = i
        while j < len(tokens) and _is_cap(tokens[j]) and not _is_possessive(tokens[j]):
            j += 1
        return j > i and (
            self.is_org_word(tokens[j - 1]) or (j - i == 1 and _is_acronym(tokens[i]))
        )

    # -- roles ---------------------------------------------------------

    def title_phrase(self, tokens: Sequence[Token]) -> Phrase | None:
        while tokens and (
            _fold(tokens[0]) in _ARTICLES or tokens[0].text in {",", "("}
        ):
            tokens = tokens[1:]
        while tokens and tokens[-1].text in {",", ";", "."}:
            tokens = tokens[:-1]
        if not tokens:
            return None
        return self.tokens_phrase(tokens)

    def roles(self, tokens: Sequence[Token]) -> list[Role]:
        """Parse an apposition ("dean of X and director of Y") into roles."""
        chunks: list[list[Token]] = [[]]
        for k, token in enumerate(tokens):
            if _fold(token) == "and" and k + 1 < len(tokens):
                nxt = tokens[k + 1]
                after = tokens[k + 2] if k + 2 < len(tokens) else None
                if (
                    not _is_cap(nxt)
                    and nxt.text.replace("-", "").isalpha()
                    and _fold(nxt) not in _CONNECTORS
                ) or (_is_acronym(nxt) and after is not None and not _is_cap(after)):
                    chunks.append([])
                    continue
            chunks[-1].append(token)
        found: list[Role] = []
        pending: list[Phrase] = []
        for chunk in chunks:
            role = self.role(chunk)
            if role is None:
                continue
            title, chain, state, orgs = role
            if (
                not chain
                and state is None
                and title is not None
                and _fold(chunk[0]) not in _ARTICLES
                and len(chunk) <= 3
            ):
                pending.append(title)
                continue
            found.extend(Role(before, tuple(chain), state) for before in pending)
            pending = []
            if orgs:
                found.extend(Role(title, tuple(extra), state) for extra in orgs)
            else:
                found.append(Role(title, tuple(chain), state))
        found.extend(Role(title) for title in pending)
        return found

    def role(
        self, chunk: Sequence[Token]
    ) -> tuple[Phrase | None, list[Phrase], Phrase | None, list[list[Phrase]]] | None:
        """Parse one role: title, organisation chain, state, and parallel chains."""
        if not chunk:
            return None
        i = 0
        while i < len(chunk) and _fold(chunk[i]) in _ARTICLES:
            i += 1
        chain: list[Phrase] = []
        state: Phrase | None = None
        # "UN assistant secretary-general": an acronym before a lower-case title.
        if (
            i + 1 < len(chunk)
            and _is_acronym(chunk[i])
            and not self.is_title_word(chunk[i])
            and not _is_cap(chunk[i + 1])
            and _fold(chunk[i + 1]) not in _CONNECTORS | _ORG_PREPOSITIONS
        ):
            prefix_org = self.tokens_phrase(chunk[i : i + 1])
            self.register_org(prefix_org)
            inner = self.role(chunk[i + 1 :])
            if inner is None:
                return None
            title, rest_chain, rest_state, rest_parallel = inner
            return title, [*rest_chain, prefix_org], rest_state, rest_parallel
        # "the European Commission's Directorate ..." or "Japan's Minister ..."
        for k in range(i, min(len(chunk), i + 8)):
            if _is_possessive(chunk[k]):
                owner = chunk[i : k + 1]
                rest = chunk[k + 1 :]
                owner_phrase = self.phrase(
                    owner[0].start, owner[-1].end - _mark_length(owner[-1])
                )
                owner_text = " ".join(
                    [*(_fold(t) for t in owner[:-1]), _owner(owner[-1]).casefold()]
                )
                if owner_text in self.rules.countries:
                    state = owner_phrase
                    inner = self.role(rest)
                    if inner is None:
                        return None
                    return inner[0], inner[1], state, inner[3]
                # "IPEJ's director of research", "the institute's head of policy"
                if all(_is_cap(t) or _fold(t) in _CONNECTORS for t in owner) or (
                    len(owner) == 1
                    and self.is_org_word(Token(_owner(owner[0]), 0, 0, quoted=False))
                ):
                    found = self.possessive_role(owner, rest)
                    if found is not None:
                        return found.title, list(found.organisations), found.state, []
                break
        for k in range(i, len(chunk)):
            word = _fold(chunk[k])
            in_the = (
                word == "in" and k + 1 < len(chunk) and _fold(chunk[k + 1]) == "the"
            )
            if (word in _ORG_PREPOSITIONS or in_the) and k > i:
                orgs, found_state, end = self.org_phrase(chunk, k + 1, len(chunk))
                if not orgs and found_state is None:
                    continue
                head = _fold(chunk[k - 1])
                if (
                    orgs
                    and (
                        head in self.rules.portfolio_titles
                        or head.rsplit("-", 1)[-1] in self.rules.portfolio_titles
                    )
                    and not any(self.is_org_phrase(o) for o in orgs)
                ):
                    # "Minister of Digital Economy", "vice-mayor of Hangzhou":
                    # a portfolio or a place, not an organisation.
                    continue
                title = self.title_phrase(chunk[i:k])
                chain, state = orgs, found_state
                parallel: list[list[Phrase]] = []
                j = end
                while j < len(chunk):
                    word = _fold(chunk[j])
                    if word in _ORG_PREPOSITIONS | {"and"}:
                        more, more_state, more_end = self.org_phrase(
                            chunk, j + 1, len(chunk)
                        )
                        if more_end <= j + 1:
                            break
                        if more_state is not None and not more:
                            state = state or more_state
                        elif word == "and":
                            parallel.append(more)
                        elif chain and word == "at" and self.is_org_phrase(more[0]):
                            chain = [*chain, *more]
                            keys = [self.register_org(p) for p in chain]
                            for child, parent in itertools.pairwise(keys):
                                self.orgs[child].parent = (
                                    self.orgs[child].parent or parent
                                )
                        else:
                            parallel.append(more)
                        j = more_end
                        continue
                    break
                if parallel and word_is_and_only(chunk, end):
                    return title, chain, state, [chain, *parallel]
                return (
                    title,
                    [*chain, *[p for extra in parallel for p in extra]],
                    state,
                    [],
                )
        title = self.title_phrase(chunk[i:])
        if title is None:
            return None
        return title, chain, state, []

    def left_description(
        self, tokens: Sequence[Token], comma: int, floor: int
    ) -> tuple[int, Role | None]:
        """Parse "the network's executive director," before a name; *comma* is its comma.

        Returns where the description starts and its role, or ``(comma, None)``.
        """
        start = comma
        while start > floor and comma - start < 12:
            token = tokens[start - 1]
            if (
                token.quoted
                or token.text in {",", ";", ":", "(", ")"}
                or _fold(token) in _BOUNDARY_WORDS
            ):
                break
            start -= 1
        desc = list(tokens[start:comma])
        if not desc:
            return comma, None
        if (
            start >= 2
            and tokens[start - 1].text == ","
            and self.is_name_word(tokens[start - 2])
        ):
            return comma, None  # "A, director of X, B": the apposition is A's
        body = desc[1:] if _fold(desc[0]) in _ARTICLES else desc
        for k, token in enumerate(body):
            if _is_possessive(token):
                role = self.possessive_role(body[: k + 1], body[k + 1 :])
                return (start, role) if role is not None else (comma, None)
        if not any(self.is_title_word(t) for t in body):
            return comma, None
        inner = self.role(body)
        if inner is None:
            return comma, None
        title, chain, state, _ = inner
        if not chain:
            # "the committee chair": an organisation word just before the title's head.
            for token, head in itertools.pairwise(body):
                if (
                    not _is_cap(token)
                    and self.is_org_word(token)
                    and self.is_title_word(head)
                ):
                    referred = self.by_head.get(_fold(token))
                    if referred is not None:
                        chain = [self.orgs[referred].name]
                    break
        return start, Role(title, tuple(chain), state)

    def possessive_role(
        self, owner: Sequence[Token], rest: Sequence[Token]
    ) -> Role | None:
        """The role of an owner's title: "Japan's Minister", "IPEJ's director".

        The owner must be a state or an organisation the text names (or
        refers to by its head word: "the federation's president"); else None.
        """
        title = self.title_phrase(rest)
        if title is None:
            return None
        owner_text = " ".join(
            [*(_fold(t) for t in owner[:-1]), _owner(owner[-1]).casefold()]
        )
        owner_phrase = self.phrase(
            owner[0].start, owner[-1].end - _mark_length(owner[-1])
        )
        if owner_text in self.rules.countries:
            # "China's Ambassador to the UN": the title may name an organisation.
            inner = self.role(rest)
            if (
                inner is not None
                and inner[0] is not None
                and any(self.is_org_phrase(p) for p in inner[1])
            ):
                return Role(inner[0], tuple(inner[1]), owner_phrase)
            return Role(title, (), owner_phrase)
        if owner_text in self.by_abbreviation or (
            len(owner) == 1 and _is_acronym(Token(_owner(owner[0]), 0, 0, quoted=False))
        ):
            self.register_org(owner_phrase)
            return Role(title, (owner_phrase,))
        head = owner_text.rsplit(" ", 1)[-1]
        if head not in self.rules.organisation_words and not any(
            w in self.rules.organisation_words for w in owner_text.split()
        ):
            return None
        bare = [t for t in owner if _fold(t) != "the"]
        # "The Ministry's Permanent Secretary": a head word alone refers back.
        if len(bare) > 1 and all(_is_cap(t) or _fold(t) in _CONNECTORS for t in owner):
            self.register_org(owner_phrase)
            return Role(title, (owner_phrase,))
        referred = self.by_head.get(head)
        if referred is not None:
            return Role(title, (self.orgs[referred].name,))
        return Role(title)

    def is_org_phrase(self, phrase: Phrase) -> bool:
        """Whether a phrase has an organisation word or is an abbreviation.

        "Minister of Technology" keeps its portfolio; "Ambassador to the UN"
        names an organisation.
        """
        words = phrase.text.split()
        return any(
            w.casefold() in self.rules.organisation_words
            or w.casefold().rstrip("s") in self.rules.organisation_words
            or w.casefold() in self.by_abbreviation
            or (w.isupper() and len(w) > 1)
            for w in words
        )

    def title_prefix(
        self, tokens: Sequence[Token], start: int, name: int
    ) -> tuple[bool, Role | None]:
        """Whether ``tokens[start:name]`` is a title and honorifics before a name."""
        if start == name:
            return True, None
        kept: list[Token] = []
        k = start
        while k < name:
            skip = self.is_honorific(tokens, k)
            if skip:
                k += skip
                continue
            token = tokens[k]
            if token.quoted or token.text in {",", ";", ":", "(", ")", '"', "“", "”"}:
                return False, None
            kept.append(token)
            k += 1
        if not kept:
            return True, None
        if _fold(kept[0]) in _ARTICLES:
            return False, None
        if (
            not any(self.is_title_word(t) for t in kept)
            or _fold(kept[-1]) in _CONNECTORS | _ORG_PREPOSITIONS
        ):
            return False, None
        for p, token in enumerate(kept[:-1]):
            if _is_possessive(token):
                # "UNESCO's Assistant Director-General Name"
                role = self.possessive_role(kept[: p + 1], kept[p + 1 :])
                return (True, role) if role is not None else (False, None)
        if len(kept) > 1 and _is_acronym(kept[0]) and not self.is_title_word(kept[0]):
            # "UN Special Envoy Name": the acronym is the organisation.
            organisation = self.tokens_phrase(kept[:1])
            self.register_org(organisation)
            return True, Role(self.tokens_phrase(kept[1:]), (organisation,))
        return True, Role(self.tokens_phrase(kept))

    def is_clause_word(self, token: Token) -> bool:
        """A lower-case verb ("included", "said", "were"): no part of a title."""
        if _is_cap(token):
            return False
        folded = _fold(token)
        return (
            folded.endswith("ed")
            or folded in self.rules.verbs
            or folded in {"is", "was", "were", "are", "be", "been", "has", "have"}
        )

    def right_context(
        self, tokens: Sequence[Token], j: int, stop: int
    ) -> tuple[int, list[Role], str | None]:
        """Parse what follows a name: "of Org", ", apposition,", ", who chaired ...".

        Returns where it ends, the roles, and a part ("chair") from a "who" clause.
        """
        found: list[Role] = []
        part: str | None = None
        j, _ = self.skip_parenthesis(tokens, j, stop)
        if j < stop and _fold(tokens[j]) in {"of", "at", "from"}:
            orgs, state, end = self.org_phrase(tokens, j + 1, stop)
            if orgs or state is not None:
                found.append(Role(None, tuple(orgs), state))
                j = end
        while j < stop and tokens[j].text == ",":
            k = j + 1
            while (
                k < stop and tokens[k].text not in {",", ";"} and not tokens[k].quoted
            ):
                k += 1
            segment = tokens[j + 1 : k]
            if not segment:
                break
            closed = k < stop and tokens[k].text == ","
            if closed and (
                _fold(segment[0]) == "whose"
                or (_fold(segment[0]).endswith("ing") and not _is_cap(segment[0]))
            ):
                j = k  # "Name, whose company makes chips," / ", speaking for X,"
                continue
            if _fold(segment[0]) == "who":
                match = (
                    _WHO_PART.match(self.text, segment[1].start)
                    if len(segment) > 1
                    else None
                )
                if match is not None:
                    part = _PARTS.get(match["verb"].split()[0], "speaker")
                j = k
                continue
            if len(segment) == 1 and segment[0].text.isdigit():
                j = k  # an age: "Maria Santos, 22, said"
                continue
            if (
                found
                and len(segment) == 1
                and _is_cap(segment[0])
                and not self.is_title_word(segment[0])
            ):
                j = k  # a place: "the University of California, Berkeley,"
                continue
            if not self.looks_like_role(segment):
                break
            found.extend(self.roles(segment))
            j = k
        return j, found, part

    def looks_like_role(self, segment: Sequence[Token]) -> bool:
        if any(self.verb_at(segment, k) for k in range(len(segment))):
            return False
        return any(self.is_title_word(t) for t in segment[:6])

    # -- people --------------------------------------------------------

    def person(
        self,
        name: Phrase,
        roles: Sequence[Role],
        kind: SpeakerKind = SpeakerKind.PERSON,
    ) -> int:
        roles = _merged(roles)
        key = _name_key(name.text)
        index = self.by_key.get((kind, key))
        if index is None and kind is SpeakerKind.PERSON:
            words = frozenset(key.split())
            for word in words:
                candidate = self.by_word.get(word)
                if candidate is None:
                    continue
                other = self.people[candidate].words
                if (words <= other or other <= words) and len(words & other) >= 1:
                    index = candidate
                    break
        if index is None:
            index = len(self.people)
            self.people.append(_PersonState(name, kind, [], frozenset(key.split())))
        state = self.people[index]
        if kind is SpeakerKind.PERSON:
            if len(key.split()) > len(state.words):
                state.name = name
                state.words = frozenset(key.split())
            self.by_key[kind, _name_key(state.name.text)] = index
            for word in state.words:
                self.by_word[word] = index
            self.last_person = index
            if index in self.recent:
                self.recent.remove(index)
            self.recent.append(index)
            del self.recent[:-_RECENT_PEOPLE]
        else:
            self.by_key[kind, key] = index
        for role in roles:
            if not any(_same_role(role, known) for known in state.roles):
                state.roles.append(role)
        return index

    def known(self, tokens: Sequence[Token], i: int, stop: int) -> int | None:
        """A person already met, named by one word ("Morita") or in full."""
        end, words = self.name_end(tokens, i, stop)
        if words == 0:
            return None
        key = _name_key(self.text[tokens[i].start : tokens[end - 1].end])
        index = self.by_key.get((SpeakerKind.PERSON, key))
        if index is not None:
            return index
        if words == 1:
            parts = key.split()
            index = self.by_word.get(parts[0])
            if index is not None and all(p in self.people[index].words for p in parts):
                return index
        return None

    def named(
        self, tokens: Sequence[Token], lo: int, hi: int, *, whole: bool
    ) -> _Who | None:
        """Find a person named in ``tokens[lo:hi]`` with the roles the words give.

        With *whole*, the person's words must take the whole range (a subject);
        otherwise the range may go on after them (a subject after its verb).
        What stands before the name must be titles and honorifics ("Vice-Mayor
        Dr. ..."), or a description and its comma ("Japan's Minister for
        Digital Affairs, ...").
        """
        i = lo
        while i < hi and i < lo + 16:
            honorific = self.is_honorific(tokens, i)
            if honorific:
                i += honorific
                continue
            end, words = self.name_end(tokens, i, hi)
            if words == 0:
                i += 1
                continue
            if i > lo and _fold(tokens[i - 1]) in _JOINING:
                # "Secretary of State Mark Whitlow": the name may start later.
                i += 1
                continue
            left = self.left_of_name(tokens, lo, i)
            if left is None:
                i = end
                continue
            index: int | None
            if words < _MIN_NEW_NAME_WORDS:
                index = self.known(tokens, i, end)
                if index is None:
                    i = end
                    continue
                name = self.people[index].name
            else:
                if self.country(tokens, i, end) == end:
                    i = end
                    continue
                index = None
                name = self.phrase(tokens[i].start, tokens[end - 1].end)
            after, roles, part = self.right_context(tokens, end, hi)
            if whole and not self.fills(tokens, after, hi):
                i = end
                continue
            index = self.person(name, [*left, *roles])
            self.add_part(index, part)
            return _Who(index, after)
        return None

    def left_of_name(
        self, tokens: Sequence[Token], lo: int, i: int
    ) -> list[Role] | None:
        """The roles of what stands before a name at *i*, or None if it is no title."""
        k = i
        while k > lo:
            if self.is_honorific(tokens, k - 1):
                k -= 1
            elif (
                k - 2 >= lo
                and tokens[k - 1].text == "."
                and self.is_honorific(tokens, k - 2) == 2
            ):
                k -= 2
            else:
                break
        t = k
        while (
            t > lo
            and not tokens[t - 1].quoted
            and tokens[t - 1].text not in {",", ";", ":", "(", ")"}
        ):
            t -= 1
        ok, prefix_role = self.title_prefix(tokens, t, k)
        if not ok:
            return None
        found = [prefix_role] if prefix_role else []
        if t == lo:
            return found
        if tokens[t - 1].text != ",":
            return None
        desc_start, left_role = self.left_description(tokens, t - 1, lo)
        if left_role is None or desc_start != lo:
            return None
        return [left_role, *found]

    def fills(self, tokens: Sequence[Token], after: int, hi: int) -> bool:
        return all(t.text == "," for t in tokens[after:hi])

    def add_part(self, person: int | None, part: str | None) -> None:
        if person is None or part is None:
            return
        participant = Participant(person, part)
        if participant not in self.participants:
            self.participants.append(participant)
        self.people[person].emitted = True

    def other_speaker(self, tokens: Sequence[Token], lo: int, hi: int) -> int | None:
        """A delegation or a group as the subject ``tokens[lo:hi]``."""
        if lo >= hi or any(
            t.quoted or t.text in {'"', "“", "”"} for t in tokens[lo:hi]
        ):
            return None
        start = lo + 1 if _fold(tokens[lo]) == "the" else lo
        country_end = self.country(tokens, start, hi)
        if country_end > start and (
            country_end == hi or tokens[country_end].text == ","
        ):
            return self.person(
                self.tokens_phrase(tokens[lo:country_end]), (), SpeakerKind.DELEGATION
            )
        words = [_fold(t) for t in tokens[lo:hi]]
        if any(w in _DELEGATION_WORDS for w in words) and "," not in words:
            return self.person(
                self.tokens_phrase(tokens[lo:hi]), (), SpeakerKind.DELEGATION
            )
        if "," in words or hi - lo > _MAX_GROUP_TOKENS:
            return None
        if not _is_cap(tokens[lo]) and _fold(tokens[lo]) not in {
            "several",
            "many",
            "some",
        }:
            return None
        capitalised = sum(1 for t in tokens[lo + 1 : hi] if _is_cap(t))
        if capitalised and self.has_org_word(tokens[lo:hi]):
            return self.person(
                self.tokens_phrase(tokens[lo:hi]), (), SpeakerKind.DELEGATION
            )
        if capitalised:
            return None
        head = words[-1] if words else ""
        if head.endswith("s") or any(w.endswith("s") for w in words[:3]):
            return self.person(self.tokens_phrase(tokens[lo:hi]), (), SpeakerKind.GROUP)
        return None

    # -- statements ----------------------------------------------------

    def verb_at(self, tokens: Sequence[Token], i: int) -> int:
        """Return how many tokens a reporting verb at *i* takes, or 0."""
        token = tokens[i]
        if token.quoted:
            return 0
        for words in self.verbs.get(_fold(token), ()):
            if i + len(words) <= len(tokens) and all(
                _fold(tokens[i + k]) == w and not tokens[i + k].quoted
                for k, w in enumerate(words)
            ):
                return len(words)
        return 0

    def complement(self, between: Sequence[Token], verb: Token) -> bool:
        """Whether words between a verb and "that" only qualify the verb.

        "said in his opening speech that", "told the committee that", "said on
        Saturday that" -- but not "said Turing's test had become a benchmark
        that", where "that" belongs to the statement.
        """
        if not between:
            return True
        if any(_fold(t) in _AUXILIARIES or _is_possessive(t) for t in between):
            return False
        first = _fold(between[0])
        if first in _COMPLEMENT_PREPOSITIONS:
            return True
        if _fold(verb) in _TELLING_VERBS and len(between) <= 4:
            return True
        return all(
            _fold(t) in _MONTHS or _fold(t) in _DAYS or t.text.isdigit()
            for t in between
        )

    def statement_start(
        self, tokens: Sequence[Token], after: int, stop: int
    ) -> int | None:
        """Where a statement after a verb starts: after a near "that", else at once."""
        if after >= stop:
            return None
        for k in range(after, min(stop, after + _THAT_WINDOW)):
            token = tokens[k]
            if token.text in {",", ";", ":"} or token.text in _QUOTE_OPEN:
                break
            if _fold(token) == "that" and not token.quoted:
                if self.complement(tokens[after:k], tokens[after - 1]):
                    return tokens[k + 1].start if k + 1 < stop else None
                break
        first = tokens[after]
        if (
            first.text in {":", ","}
            and after + 1 < stop
            and tokens[after + 1].text in _QUOTE_OPEN
        ):
            return tokens[after + 1].start
        if first.text == ":" and after + 1 < stop:
            return tokens[after + 1].start
        if first.text in {",", ".", ";", ":"}:
            return None
        return first.start

    def add_statement(
        self,
        speaker: int,
        start: int,
        end: int,
        kind: StatementKind,
        verb: Phrase | None,
    ) -> _StatementState | None:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        if not any(c.isalnum() for c in self.text[start:end]):
            return None
        state = _StatementState(speaker, start, end, kind, verb)
        self.statements.append(state)
        self.people[speaker].emitted = True
        return state

    def attribute(self, sentence: Sentence) -> tuple[_StatementState | None, bool]:
        """Find the attribution of a sentence; return its statement and whether it runs on.

        A statement found after its verb runs on into the next sentences; one
        found before its attribution does not (but a resumed quote may extend it).
        """
        tokens = sentence.tokens
        tries = 0
        for v in range(len(tokens)):
            length = self.verb_at(tokens, v)
            if not length:
                continue
            tries += 1
            if tries > _VERB_TRIES:
                break
            if self.historical(tokens, v, length):
                continue
            verb = self.phrase(tokens[v].start, tokens[v + length - 1].end)
            found = self.before_verb(sentence, v, length, verb)
            if found is not None:
                return found
            found = self.after_verb(sentence, v, length, verb)
            if found is not None:
                return found
            found = self.participle(sentence, v, length, verb)
            if found is not None:
                return found
        return None, False

    def participle(
        self, sentence: Sentence, v: int, length: int, verb: Phrase
    ) -> tuple[_StatementState | None, bool] | None:
        """Find "Name, title, welcomed the plan, saying ..." and "quoted Name as saying"."""
        tokens = sentence.tokens
        coordinated = _fold(tokens[v - 1]) == "and" if v else False
        if (not _fold(tokens[v]).endswith("ing") and not coordinated) or v < 2:
            return None
        speaker: int | None = None
        if _fold(tokens[v - 1]) == "as":
            quoted = next(
                (
                    k
                    for k in range(v - 2, max(-1, v - 14), -1)
                    if _fold(tokens[k]) == "quoted"
                ),
                None,
            )
            if quoted is None:
                return None
            who = self.named(tokens, quoted + 1, v - 1, whole=True)
            speaker = who.person if who is not None else None
        elif tokens[v - 1].text == "," or _fold(tokens[v - 1]) == "and":
            lo = self.subject_start(tokens, v)
            if lo < v and _fold(tokens[lo]) in self.rules.pronouns:
                speaker = self.last_person
            else:
                who = self.named(tokens, lo, v, whole=False)
                # The subject must be followed by its own verb ("welcomed").
                if who is not None and who.end < v and not _is_cap(tokens[who.end]):
                    speaker = who.person
        if speaker is None:
            return None
        start = self.statement_start(tokens, v + length, len(tokens))
        if start is None:
            return None
        statement = self.add_statement(
            speaker, start, sentence.end, StatementKind.PARAPHRASE, verb
        )
        return statement, True

    def subject_start(self, tokens: Sequence[Token], v: int) -> int:
        """Where a subject before the verb at *v* may start.

        After a dateline ("NAIROBI, May 14 (Agency) -- ") and after an
        opening phrase ("In a video address, ", "Speaking at the close, ").
        """
        lo = self.body_start(tokens, v)
        for k in range(lo, min(v, 24)):
            text = tokens[k].text
            if text in {"—", "–"} or (
                text == "-" and k + 1 < v and tokens[k + 1].text == "-"
            ):
                lo = k + (2 if text == "-" else 1)
                break
        opener = _fold(tokens[lo]) if lo < v else ""
        # "Briefing the Council, Name ...": an opening participle phrase.
        if lo < v and (
            opener in _INTRO_WORDS
            or (
                opener.endswith("ing")
                and _is_cap(tokens[lo])
                and not self.verb_at(tokens, lo)
            )
        ):
            for k in range(lo, v):
                if tokens[k].text == ",":
                    return k + 1
        return lo

    def historical(self, tokens: Sequence[Token], v: int, length: int) -> bool:
        """Whether a verb reports words of the past: "asked in 1950", "once said"."""
        if v > 0 and _fold(tokens[v - 1]) in {"once", "famously"}:
            return True
        for k in range(v + length, min(len(tokens) - 1, v + length + 3)):
            if _fold(tokens[k]) == "in" and _YEAR.fullmatch(tokens[k + 1].text):
                year = int(tokens[k + 1].text)
                return (
                    year < _HISTORICAL_BEFORE or year <= self.latest_year - _YEARS_AGO
                )
        return False

    def before_verb(
        self, sentence: Sentence, v: int, length: int, verb: Phrase
    ) -> tuple[_StatementState | None, bool] | None:
        """Find "Subject [, apposition,] verb [that] statement"."""
        tokens = sentence.tokens
        lo = self.subject_start(tokens, v)
        hi = v
        # "Wang also said", "He has repeatedly warned": words between subject and verb.
        while hi - 1 > lo and (
            _fold(tokens[hi - 1]) in _BETWEEN_SUBJECT_AND_VERB
            or (_fold(tokens[hi - 1]).endswith("ly") and not _is_cap(tokens[hi - 1]))
        ):
            hi -= 1
        if lo == v and _fold(tokens[v]) == "according":
            return self.according_to_first(sentence, v, length, verb)
        if hi > lo and _fold(tokens[hi - 1]) == "who":
            # "..., Professor Daniel Whitfield-Oyelaran, who said ..."
            speaker = (
                self.last_person if hi - 2 >= 0 and tokens[hi - 2].text == "," else None
            )
            found = self.named_in(tokens, 0, hi - 1)
            speaker = found if found is not None else speaker
        else:
            if lo >= hi:
                return None
            speaker = None
            if hi - lo == 1 and _fold(tokens[lo]) in self.rules.pronouns:
                speaker = self.last_person
            else:
                who = self.named(tokens, lo, hi, whole=True)
                if who is not None:
                    speaker = who.person
                else:
                    speaker = self.by_title(tokens, lo, hi)
                    if speaker is None:
                        speaker = self.other_speaker(tokens, lo, hi)
        if speaker is None:
            return None
        start = self.statement_start(tokens, v + length, len(tokens))
        if start is None:
            return None
        kind = (
            StatementKind.QUOTE
            if self.text[start] in _QUOTE_OPEN
            else StatementKind.PARAPHRASE
        )
        statement = self.add_statement(speaker, start, sentence.end, kind, verb)
        return statement, True

    def body_start(self, tokens: Sequence[Token], v: int) -> int:
        """Skip a bullet and a short label before a sentence ("- On talent: ...")."""
        lo = 0
        while lo < v and tokens[lo].text in {"-", "•", "*", "–", "—"}:
            lo += 1
        for k in range(lo, min(v, lo + 5)):
            if tokens[k].text == ":" and not tokens[k].quoted:
                return k + 1
            if tokens[k].text in {",", '"', "“"}:
                break
        return lo

    def leading_quote_end(self, tokens: Sequence[Token], v: int) -> int | None:
        """The index of the mark closing a quotation that opens the sentence, before *v*."""
        lo = self.body_start(tokens, v)
        if lo >= v or tokens[lo].text not in _QUOTE_OPEN:
            return None
        for k in range(lo + 1, v):
            if tokens[k].text in _QUOTE_CLOSE and not tokens[k].quoted:
                return k
        return None

    def quote_statement(
        self, tokens: Sequence[Token], close: int, speaker: int, verb: Phrase
    ) -> tuple[_StatementState | None, bool]:
        """The quotation from its opening mark to the mark at *close*."""
        opening = next(
            (
                k
                for k in range(close - 1, -1, -1)
                if tokens[k].text in _QUOTE_OPEN and not tokens[k].quoted
            ),
            0,
        )
        statement = self.add_statement(
            speaker, tokens[opening].start, tokens[close].end, StatementKind.QUOTE, verb
        )
        return statement, False

    def according_to_first(
        self, sentence: Sentence, v: int, length: int, verb: Phrase
    ) -> tuple[_StatementState | None, bool] | None:
        """Find "According to Name, title of Org, statement"."""
        tokens = sentence.tokens
        who = self.named(tokens, v + length, len(tokens), whole=False)
        if who is None or who.person is None:
            return None
        k = who.end
        if k >= len(tokens) or tokens[k].text != ",":
            return None
        statement = self.add_statement(
            who.person,
            tokens[k + 1].start if k + 1 < len(tokens) else sentence.end,
            sentence.end,
            StatementKind.PARAPHRASE,
            verb,
        )
        return statement, True

    def by_title(self, tokens: Sequence[Token], lo: int, hi: int) -> int | None:
        """The last person met whose title has the head of "the minister" (a subject)."""
        if hi - lo < 2 or hi - lo > 4 or _fold(tokens[lo]) != "the":
            return None
        head = tokens[hi - 1]
        if not self.is_title_word(head) or any(
            t.quoted or t.text in {",", ";"} for t in tokens[lo:hi]
        ):
            return None
        word = f" {_name_key(head.text)} "
        for index in reversed(self.recent):
            for role in self.people[index].roles:
                if role.title is not None and word in f" {_name_key(role.title.text)} ":
                    return index
        return None

    def named_in(self, tokens: Sequence[Token], lo: int, hi: int) -> int | None:
        """The last person named in ``tokens[lo:hi]`` (a "who said" clause's antecedent)."""
        found: int | None = None
        i = lo
        while i < hi:
            end, words = self.name_end(tokens, i, hi)
            if words >= _MIN_NEW_NAME_WORDS:
                who = self.mention(tokens, i, end, hi)
                found = who if who is not None else found
                i = end
            else:
                i += 1
        return found

    def after_verb(
        self, sentence: Sentence, v: int, length: int, verb: Phrase
    ) -> tuple[_StatementState | None, bool] | None:
        """Find "Statement, verb Name", "Statement, Name verb" and "'...,' she said"."""
        tokens = sentence.tokens
        b = v - 1
        while b >= 0 and tokens[b].text != "," and tokens[b].text not in _QUOTE_CLOSE:
            b -= 1
        if b < 0:
            return None
        subject = tokens[b + 1 : v]
        speaker: int | None
        close = self.leading_quote_end(tokens, v)
        if close is not None and close + 1 < b:
            # '"...," Name, title of Org, said.': an apposition inside the subject.
            who = self.named(tokens, close + 1, v, whole=True)
            if who is not None and who.person is not None:
                return self.quote_statement(tokens, close, who.person, verb)
        if close is None and not subject and b > 0:
            # "Claim, Name, title of Org, said.": the subject has an apposition.
            first = self.body_start(tokens, b)
            for c in range(first + 1, b):
                if tokens[c].text != "," or tokens[c].quoted:
                    continue
                who = self.named(tokens, c + 1, v, whole=True)
                if who is not None and who.person is not None:
                    statement = self.add_statement(
                        who.person,
                        tokens[first].start,
                        tokens[c].start,
                        StatementKind.PARAPHRASE,
                        verb,
                    )
                    return statement, False
        if not subject:
            if _fold(tokens[v]) == "according":
                who = self.named(tokens, v + length, len(tokens), whole=False)
            else:
                who = None
                if (
                    v + length < len(tokens)
                    and _fold(tokens[v + length]) in self.rules.pronouns
                    and not (
                        v + length + 1 < len(tokens)
                        and self.is_name_word(tokens[v + length + 1])
                    )
                ):
                    who = _Who(self.last_person, v + length + 1)
                else:
                    who = self.named(tokens, v + length, len(tokens), whole=False)
            speaker = who.person if who is not None else None
            if speaker is None:
                # '"...," said the minister.'
                end = v + length
                while (
                    end < len(tokens)
                    and end < v + length + 4
                    and tokens[end].text not in {",", "."}
                ):
                    end += 1
                speaker = self.by_title(tokens, v + length, end)
            if speaker is None:
                return None
        elif len(subject) == 1 and _fold(subject[0]) in self.rules.pronouns:
            speaker = self.last_person
        else:
            who = self.named(tokens, b + 1, v, whole=True)
            speaker = who.person if who is not None else self.by_title(tokens, b + 1, v)
            if speaker is None:
                speaker = self.other_speaker(tokens, b + 1, v)
        if speaker is None:
            return None
        # The statement: the quotation closing at b, or the sentence up to the comma.
        if close is not None and close in {b, b - 1}:
            return self.quote_statement(tokens, close, speaker, verb)
        if tokens[b].text in _QUOTE_CLOSE or (
            b >= 1 and tokens[b].text == "," and tokens[b - 1].text in _QUOTE_CLOSE
        ):
            close = b if tokens[b].text in _QUOTE_CLOSE else b - 1
            open_index = next(
                (
                    k
                    for k in range(close - 1, -1, -1)
                    if tokens[k].text in _QUOTE_OPEN and not tokens[k].quoted
                ),
                None,
            )
            if open_index is None:
                return None
            statement = self.add_statement(
                speaker,
                tokens[open_index].start,
                tokens[close].end,
                StatementKind.QUOTE,
                verb,
            )
            return statement, False
        first = self.body_start(tokens, b)
        statement = self.add_statement(
            speaker,
            tokens[first].start,
            tokens[b].start,
            StatementKind.PARAPHRASE,
            verb,
        )
        return statement, False

    def mention(
        self, tokens: Sequence[Token], i: int, end: int, stop: int
    ) -> int | None:
        """Register a person named at *i* if the words around say it is one."""
        name = self.phrase(tokens[i].start, tokens[end - 1].end)
        if self.country(tokens, i, end) == end:
            return None
        prefix_role: Role | None = None
        k = i
        evidence = False
        while (k > 0 and self.is_honorific(tokens, k - 1)) or (
            k > 1
            and self.is_honorific(tokens, k - 2) == 2
            and tokens[k - 1].text == "."
        ):
            k -= 2 if tokens[k - 1].text == "." else 1
            evidence = True
        t = k
        while (
            t > 0
            and t > k - 8
            and not tokens[t - 1].quoted
            and tokens[t - 1].text not in {",", ";", ":", "(", ")"}
            and _fold(tokens[t - 1]) not in _BOUNDARY_WORDS | _ARTICLES | {"and"}
            and not self.is_clause_word(tokens[t - 1])
        ):
            t -= 1
        ok = True
        if t < k:
            ok, prefix_role = self.title_prefix(tokens, t, k)
            if not ok:
                prefix_role = None
            evidence = evidence or prefix_role is not None
        left_role: Role | None = None
        if ok and t > 0 and tokens[t - 1].text == ",":
            _, left_role = self.left_description(tokens, t - 1, 0)
            evidence = evidence or left_role is not None
        _after, roles, part = self.right_context(tokens, end, stop)
        evidence = evidence or bool(roles)
        if not evidence:
            index = self.by_key.get((SpeakerKind.PERSON, _name_key(name.text)))
            if index is not None:
                self.last_person = index
            return index
        index = self.person(name, [r for r in (left_role, prefix_role) if r] + roles)
        self.add_part(index, part)
        return index

    # -- sessions and lists ---------------------------------------------

    def person_at(
        self, tokens: Sequence[Token], i: int, stop: int
    ) -> tuple[int | None, int]:
        """A person named at or just after *i* (with "the title, Name"), and where it ends."""
        k = i
        # "the network's executive director, Ayodele Fashola"
        for c in range(i, min(stop, i + 12)):
            if tokens[c].text == ",":
                end_name_start = c + 1
                # "the dean of the faculty, Professor Samuel Adeyemi"
                while end_name_start < stop and (
                    self.is_honorific(tokens, end_name_start)
                    or self.is_title_word(tokens[end_name_start])
                ):
                    end_name_start += self.is_honorific(tokens, end_name_start) or 1
                end, words = self.name_end(tokens, end_name_start, stop)
                if words >= _MIN_NEW_NAME_WORDS:
                    start, left = self.left_description(tokens, c, i)
                    ok, prefix = self.title_prefix(tokens, c + 1, end_name_start)
                    if left is not None and start == i and ok:
                        name = self.phrase(
                            tokens[end_name_start].start, tokens[end - 1].end
                        )
                        after, roles, _ = self.right_context(tokens, end, stop)
                        found = [left, *([prefix] if prefix else []), *roles]
                        return self.person(name, found), after
                break
            if tokens[c].quoted:
                break
        while k < stop and k < i + 10:
            honorific = self.is_honorific(tokens, k)
            if honorific:
                k += honorific
                continue
            end, words = self.name_end(tokens, k, stop)
            # Only titles and honorifics may stand between *i* and the name.
            if words >= _MIN_NEW_NAME_WORDS:
                if not self.title_prefix(tokens, i, k)[0]:
                    return None, i
                return self.mention_forced(tokens, i, k, end, stop)
            if words == 1:
                index = self.known(tokens, k, end)
                if index is not None:
                    if not self.title_prefix(tokens, i, k)[0]:
                        return None, i
                    return index, end
            k += 1
        return None, i

    def mention_forced(
        self, tokens: Sequence[Token], lo: int, i: int, end: int, stop: int
    ) -> tuple[int | None, int]:
        ok, prefix_role = self.title_prefix(tokens, lo, i)
        name = self.phrase(tokens[i].start, tokens[end - 1].end)
        if self.country(tokens, i, end) == end:
            return None, end
        after, roles, _ = self.right_context(tokens, end, stop)
        index = self.person(name, ([prefix_role] if ok and prefix_role else []) + roles)
        return index, after

    def item_end(self, tokens: Sequence[Token], k: int, stop: int) -> int:
        """Where a list item starting at *k* ends: at ";" or at "and Name,"."""
        j = k + 1
        while j < stop:
            if tokens[j].text == ";":
                return j
            if _fold(tokens[j]) == "and":
                n = j + 1
                while n < stop and (
                    self.is_honorific(tokens, n) or self.is_title_word(tokens[n])
                ):
                    n += self.is_honorific(tokens, n) or 1
                end, words = self.name_end(tokens, n, stop)
                if (
                    words >= _MIN_NEW_NAME_WORDS
                    and end < stop
                    and tokens[end].text in {",", "("}
                    and self.looks_like_role(tokens[end + 1 : min(stop, end + 8)])
                ):
                    return j
            j += 1
        return stop

    def speaker_list(self, tokens: Sequence[Token], i: int, stop: int) -> list[int]:
        """Parse "A, title of X; B, title of Y and C, title of Z" into people."""
        people: list[int] = []
        k = i
        while k < stop:
            item_stop = self.item_end(tokens, k, stop)
            index, after = self.person_at(tokens, k, item_stop)
            if index is None or after <= k:
                break
            people.append(index)
            k = after
            if (
                k + 1 < item_stop
                and tokens[k].text == ","
                and self.starts_person(tokens, k + 1, item_stop)
            ):
                k += 1  # "A, title of X, B, title of Y, and C, ...": commas only
                continue
            if k < item_stop and tokens[k].text not in {";", "and"}:
                k = item_stop
            if k < stop and tokens[k].text == ";":
                k += 1
            if k < stop and _fold(tokens[k]) == "and":
                k += 1
                if k < stop and _fold(tokens[k]) == "by":
                    k += 1  # "chaired by A and by B"
            if k >= stop or tokens[k].text in {".", ","}:
                break
        return people

    def starts_person(self, tokens: Sequence[Token], k: int, stop: int) -> bool:
        """Whether a person's name, after any honorific or title, starts at *k*."""
        while k < stop and (
            self.is_honorific(tokens, k) or self.is_title_word(tokens[k])
        ):
            k += self.is_honorific(tokens, k) or 1
        _, words = self.name_end(tokens, k, stop)
        return words >= _MIN_NEW_NAME_WORDS

    def token_index(self, tokens: Sequence[Token], offset: int) -> int:
        for k, token in enumerate(tokens):
            if token.start >= offset:
                return k
        return len(tokens)

    def sessions_in(self, sentence: Sentence) -> None:
        text = self.text
        tokens = sentence.tokens
        window = (sentence.start, sentence.end)
        ceremony = _CEREMONY_BY.search(text, *window)
        if ceremony is not None:
            index, _ = self.person_at(
                tokens, self.token_index(tokens, ceremony.end()), len(tokens)
            )
            name = self.phrase(
                ceremony.start("kind"), ceremony.end("kind") + len(" ceremony")
            )
            name = self.phrase(
                ceremony.start("kind"),
                text.find(" ", ceremony.end("kind") + 1, sentence.end),
            )
            participants = []
            if index is not None:
                participants.append(
                    Participant(index, _PARTS.get(ceremony["verb"].split()[0], "host"))
                )
                self.people[index].emitted = True
            self.sessions.append((name, participants, False))
        titled = _SESSION_TITLED.search(text, *window)
        if titled is not None:
            name = self.phrase(titled.start("title"), titled.end("title"))
            participants = []
            listed = _INCLUDING_LIST.search(text, titled.end(), sentence.end)
            if listed is not None:
                rest = text[listed.end() : sentence.end]
                part = "keynote" if "keynote" in rest.casefold() else "speaker"
                for index in self.speaker_list(
                    tokens, self.token_index(tokens, listed.end()), len(tokens)
                ):
                    participants.append(Participant(index, part))
                    self.people[index].emitted = True
            self.sessions.append((name, participants, listed is not None))
        was_by = _WAS_BY.search(text, *window)
        if was_by is not None:
            verb_word = (was_by["verb"] or was_by["verb2"]).split()[0]
            for index in self.speaker_list(
                tokens, self.token_index(tokens, was_by.end()), len(tokens)
            ):
                self.add_part(index, _PARTS.get(verb_word, "speaker"))
        speech = _SPEECH_BY.search(text, *window)
        if speech is not None:
            before = text[max(window[0], speech.start() - 12) : speech.start()]
            part = "keynote" if "keynote" in before + speech["kind"] else "speaker"
            for index in self.speaker_list(
                tokens, self.token_index(tokens, speech.end()), len(tokens)
            ):
                self.add_part(index, part)
        featured = _FEATURED_LIST.search(text, *window)
        if featured is not None:
            part = "keynote" if "keynote" in text[window[0] : window[1]] else "speaker"
            for index in self.speaker_list(
                tokens, self.token_index(tokens, featured.end()), len(tokens)
            ):
                self.add_part(index, part)
        lead = _LIST_LEAD.match(text, sentence.start, sentence.end)
        if lead is not None:
            part = _LIST_PARTS.get(lead["who"].casefold(), "speaker")
            first = self.token_index(tokens, lead.end())
            # "Keynote speakers at the forum included ...": a few words between.
            for k in range(first, min(len(tokens), first + 8)):
                if _fold(tokens[k]) in {"included", "include", "were"}:
                    first = k + 1
                    break
            for index in self.speaker_list(tokens, first, len(tokens)):
                self.add_part(index, part)

    def subject_part(self, sentence: Sentence) -> None:
        """Note "Name, title, moderated the panel" or "... delivered a keynote speech"."""
        tokens = sentence.tokens
        match = _SUBJECT_PART.search(self.text, sentence.start, sentence.end)
        if match is None:
            return
        v = self.token_index(tokens, match.start())
        if v >= len(tokens) or tokens[v].quoted:
            return
        lo = 0
        if _fold(tokens[0]) in _INTRO_WORDS:
            lo = next((k + 1 for k in range(v) if tokens[k].text == ","), 0)
        hi = v
        while hi - 1 > lo and _fold(tokens[hi - 1]) in _BETWEEN_SUBJECT_AND_VERB:
            hi -= 1
        if hi - lo == 1 and _fold(tokens[lo]) in self.rules.pronouns:
            person: int | None = self.last_person
        else:
            who = self.named(tokens, lo, hi, whole=True) if lo < hi else None
            person = who.person if who is not None else None
        if match["keynote"]:
            part: str | None = "keynote"
        elif match["speech"] or match["spoke"]:
            part = "speaker"
        else:
            part = _PARTS.get(match["verb"].split()[0])
        self.add_part(person, part)

    def starts_with_person(self, tokens: Sequence[Token]) -> bool:
        """Whether a sentence opens with a person's name (so it continues no statement)."""
        i = 0
        while i < len(tokens) and (
            self.is_honorific(tokens, i) or self.is_title_word(tokens[i])
        ):
            i += self.is_honorific(tokens, i) or 1
        end, words = self.name_end(tokens, i, len(tokens))
        if words >= _MIN_NEW_NAME_WORDS:
            return self.country(tokens, i, end) != end
        return words == 1 and self.known(tokens, i, end) is not None

    def mentions_in(self, sentence: Sentence) -> None:
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            end, words = self.name_end(tokens, i, len(tokens))
            if words >= _MIN_NEW_NAME_WORDS:
                self.mention(tokens, i, end, self.item_end(tokens, end, len(tokens)))
                i = end
            elif words == 1:
                index = self.known(tokens, i, end)
                if index is not None:
                    self.last_person = index
                i = end
            else:
                i += 1

    # -- the whole text ------------------------------------------------

    def scan_organisations(self, all_sentences: Sequence[Sentence]) -> None:
        """Note the organisations the text names, for later references to them.

        Every capitalised run of two or more words with an organisation word
        ("the European Federation of Digital Health") is noted, with an
        abbreviation in parentheses after it; the headline is left out, as
        headlines capitalise freely.
        """
        for sentence in all_sentences:
            if sentence.paragraph == 0:
                continue
            tokens = sentence.tokens
            sentence.release()
            if len(tokens) <= _HEADER_TOKENS and tokens[-1].text not in {
                ".",
                "!",
                "?",
                '"',
                "”",
                ")",
            }:
                continue  # a byline or section line ("Faculty of Law News | 12 May")
            i = 0
            while i < len(tokens):
                token = tokens[i]
                if token.quoted or not _is_cap(token):
                    i += 1
                    continue
                end = self.org_run_end(tokens, i, len(tokens))
                if end <= i:
                    i += 1
                    continue
                lo = i
                for k in range(i, end):
                    if _is_possessive(tokens[k]):
                        lo = k + 1
                    elif _fold(tokens[k]) in {"of", "at"} and not any(
                        self.is_org_word(t) for t in tokens[lo:k]
                    ):
                        lo = k + 1  # "Professor Wen Jiahui of Georgetown Policy School"
                if lo < end and _fold(tokens[lo]) == "the":
                    lo += 1
                after, abbreviation = self.skip_parenthesis(tokens, end, len(tokens))
                end = self.parallel_cut(tokens, lo, self.place_cut(tokens, lo, end))
                if end - lo >= _MIN_NEW_NAME_WORDS and any(
                    self.is_org_word(t) for t in tokens[lo:end]
                ):
                    chain, _ = self.split_org(tokens, lo, end)
                    if abbreviation is not None and chain:
                        self.register_org(chain[0], abbreviation)
                i = max(after, end)

    def run(self) -> Draft:
        all_sentences = sentences(self.text)
        self.scan_organisations(all_sentences)
        current: _StatementState | None = None
        runs_on = False
        lead_speaker: int | None = None
        for n, sentence in enumerate(all_sentences):
            if n:
                all_sentences[n - 1].release()
            tokens = sentence.tokens
            if not tokens or sentence.paragraph == 0:
                # The headline capitalises freely and states nothing of its own.
                continue
            same_paragraph = (
                n > 0 and all_sentences[n - 1].paragraph == sentence.paragraph
            )
            if not same_paragraph:
                current, runs_on, lead_speaker = None, False, None
            starts_quoted = tokens[0].text in _QUOTE_OPEN
            has_verb = self.sentence_has_verb(sentence)
            if lead_speaker is not None:
                current = self.add_statement(
                    lead_speaker,
                    sentence.start,
                    sentence.end,
                    StatementKind.PARAPHRASE,
                    None,
                )
                runs_on, lead_speaker = current is not None, None
                continue
            if self.is_lead(tokens):
                lead_speaker = self.last_person
                current, runs_on = None, False
                continue
            if (
                current is not None
                and starts_quoted
                and not has_verb
                and current.kind is StatementKind.QUOTE
            ):
                close = self.quote_end(sentence)
                if close is not None:
                    current.end = close
                    continue
            if (
                current is not None
                and runs_on
                and not has_verb
                and not self.starts_with_person(tokens)
                and _fold(tokens[0]) not in self.rules.pronouns
            ):
                current.end = sentence.end
                continue
            self.sessions_in(sentence)
            self.subject_part(sentence)
            statement, runs = self.attribute(sentence)
            if statement is None:
                self.mentions_in(sentence)
                current, runs_on = None, False
                continue
            self.mentions_in(sentence)
            if self.people[statement.speaker].kind is SpeakerKind.PERSON:
                self.last_person = statement.speaker
            current, runs_on = statement, runs
        return self.draft(all_sentences)

    def quote_end(self, sentence: Sentence) -> int | None:
        for start, end in quotations(self.text, sentence.start, sentence.end):
            if start == sentence.start:
                return end
        return None

    def is_lead(self, tokens: Sequence[Token]) -> bool:
        return (
            len(tokens) <= _LEAD_TOKENS
            and _fold(tokens[0]) in self.rules.possessive_pronouns
            and tokens[-1].text == "?"
        )

    def sentence_has_verb(self, sentence: Sentence) -> bool:
        tokens = sentence.tokens
        return bool(tokens) and (
            self.is_lead(tokens)
            or any(self.verb_at(tokens, k) for k in range(len(tokens)))
        )

    def draft(self, all_sentences: Sequence[Sentence]) -> Draft:
        keep = [i for i, p in enumerate(self.people) if p.emitted]
        renumber = {old: new for new, old in enumerate(keep)}
        people = tuple(
            Person(
                self.people[i].name, self.people[i].kind, tuple(self.people[i].roles)
            )
            for i in keep
        )
        organisations = tuple(
            Organisation(
                state.name,
                tuple(state.abbreviations),
                self.orgs[state.parent].name.text
                if state.parent in self.orgs
                else None,
            )
            for state in self.orgs.values()
        )
        pattern = _topic_patterns(self.rules.topics)
        statements = tuple(
            Statement(
                renumber[s.speaker],
                self.phrase(s.start, s.end),
                s.kind,
                s.verb,
                tuple(
                    tag
                    for tag, regex in pattern
                    if regex.search(self.text, s.start, s.end)
                ),
            )
            for s in sorted(self.statements, key=lambda s: s.start)
            if s.speaker in renumber
        )
        sessions = tuple(
            Session(
                name,
                tuple(
                    Participant(renumber[p.person], p.part)
                    for p in participants
                    if p.person in renumber
                ),
                partial,
            )
            for name, participants, partial in self.sessions
        )
        countries, partial = self.countries(all_sentences)
        return Draft(
            people=people,
            organisations=organisations,
            sessions=sessions,
            statements=statements,
            participants=tuple(
                Participant(renumber[p.person], p.part)
                for p in self.participants
                if p.person in renumber
            ),
            forum_name=self.forum_name(all_sentences),
            date=self.date(all_sentences),
            attendance=self.attendance(all_sentences),
            countries=countries,
            countries_partial=partial,
            location=self.location(all_sentences),
        )

    # -- the event -----------------------------------------------------

    def forum_name(self, all_sentences: Sequence[Sentence]) -> Phrase | None:
        for first_paragraph in (False, True):
            for sentence in all_sentences[:40]:
                if (sentence.paragraph == 0) != first_paragraph:
                    continue
                tokens = sentence.tokens
                for i, token in enumerate(tokens):
                    if (
                        token.quoted
                        or _fold(token) not in self.rules.event_words
                        or not _is_cap(token)
                    ):
                        continue
                    start = i
                    while (
                        start > 0
                        and (
                            _is_cap(tokens[start - 1])
                            or tokens[start - 1].text.isdigit()
                            # "... Cooperation and Governance Forum"
                            or (
                                _fold(tokens[start - 1]) in {"and", "of", "on", "for"}
                                and start > 1
                                and _is_cap(tokens[start - 2])
                            )
                        )
                        and not tokens[start - 1].quoted
                        and not _is_possessive(tokens[start - 1])
                    ):
                        start -= 1
                    if start > 0 and _fold(tokens[start]) in {"the", "a"}:
                        start += 1
                    while (
                        start < i
                        and _fold(tokens[start]) in self.rules.stopwords
                        and not tokens[start].text.isdigit()
                    ):
                        start += 1
                    if start == i:
                        continue
                    end = self.org_run_end(tokens, start, len(tokens))
                    end = max(end, i + 1)
                    return self.tokens_phrase(tokens[start:end])
        return None

    def date(self, all_sentences: Sequence[Sentence]) -> PartialDate | None:
        for sentence in all_sentences[:12]:
            if sentence.paragraph == 0:
                continue
            match = _DATE.search(self.text, sentence.start, sentence.end)
            if match is None:
                continue
            month_text = match["m1"] or match["m2"] or match["m3"]
            day_text = match["d1"] or match["d2"]
            year_text = match["y1"] or match["y2"] or match["y3"]
            month = _MONTHS.get(month_text.casefold().rstrip("."))
            day = int(day_text) if day_text else None
            if day is not None and not 1 <= day <= 31:
                continue
            return PartialDate(
                self.phrase(match.start(), match.end()),
                int(year_text) if year_text else None,
                month,
                day,
            )
        return None

    def attendance(self, all_sentences: Sequence[Sentence]) -> Count | None:
        for sentence in all_sentences[:40]:
            if sentence.paragraph == 0:
                continue
            match = _ATTENDANCE.search(self.text, sentence.start, sentence.end)
            if match is None:
                continue
            relation = _RELATIONS.get(
                (match["rel"] or "").casefold(), CountRelation.EXACTLY
            )
            start = match.start("rel") if match["rel"] else match.start("n")
            return Count(
                self.phrase(start, match.end()),
                int(match["n"].replace(",", "")),
                relation,
            )
        return None

    def countries(
        self, all_sentences: Sequence[Sentence]
    ) -> tuple[tuple[Phrase, ...], bool]:
        for sentence in all_sentences[:60]:
            tokens = sentence.tokens
            i = 0
            while i < len(tokens):
                end = self.country(tokens, i, len(tokens))
                if end == i:
                    i += 1
                    continue
                listed = [self.tokens_phrase(tokens[i:end])]
                k = end
                while k < len(tokens):
                    step = k
                    while (
                        step < len(tokens)
                        and tokens[step].text in {",", "and"}
                        and step < k + 2
                    ):
                        step += 1
                    if step == k:
                        break
                    nxt = self.country(tokens, step, len(tokens))
                    if nxt == step:
                        break
                    listed.append(self.tokens_phrase(tokens[step:nxt]))
                    k = nxt
                words = [_fold(t) for t in tokens[k : k + 3]]
                partial = words[:2] == ["and", "other"] or (
                    i > 0 and _fold(tokens[i - 1]) == "including"
                )
                if len(listed) >= 3 or (len(listed) >= 2 and partial):
                    return tuple(listed), partial
                i = k
        return (), False

    def location(self, all_sentences: Sequence[Sentence]) -> Phrase | None:
        for sentence in all_sentences[:12]:
            if sentence.paragraph == 0:
                continue
            match = _DATELINE.match(self.text, sentence.start, sentence.end)
            if match is not None and len(match["place"]) > 2:
                return self.phrase(match.start("place"), match.end("place"))
        for sentence in all_sentences[:12]:
            match = _HELD_IN.search(self.text, sentence.start, sentence.end)
            if match is not None:
                return self.phrase(match.start("place"), match.end("place"))
        return None


def _merged(roles: Sequence[Role]) -> list[Role]:
    """Join a title alone and the organisation after the name ("Professor X of Y")."""
    merged: list[Role] = []
    for role in roles:
        last = merged[-1] if merged else None
        if (
            last is not None
            and role.title is None
            and last.title is not None
            and not last.organisations
            and last.state is None
        ):
            merged[-1] = Role(last.title, role.organisations, role.state)
        else:
            merged.append(role)
    return merged


def word_is_and_only(chunk: Sequence[Token], end: int) -> bool:
    return end < len(chunk) and _fold(chunk[end]) == "and"


def _same_role(a: Role, b: Role) -> bool:
    def key(role: Role) -> tuple[str, tuple[str, ...], str]:
        return (
            _name_key(role.title.text) if role.title else "",
            tuple(_name_key(o.text.removeprefix("the ")) for o in role.organisations),
            _name_key(role.state.text) if role.state else "",
        )

    return key(a) == key(b)


@functools.cache
def _topic_patterns(
    topics: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (
            tag,
            re.compile(
                r"\b(?:" + "|".join(re.escape(k) for k in keys) + ")", re.IGNORECASE
            ),
        )
        for tag, keys in topics
        if keys
    )


def extract_draft(text: str, rules: Rules | None = None) -> Draft:
    """Draft what a report says: people, roles, organisations, sessions, statements.

    Args:
        text: The report's text; any string (an empty one gives an empty draft).
        rules: The lexicons to use; :meth:`Rules.default` where not given.

    Returns:
        The draft; every phrase in it is a slice of *text* at its span.
    """
    return _Extractor(text, rules or Rules.default()).run()
