"""The word lists the extractor works from, shipped as data and extensible.

Each lexicon is a file in ``lexicons/`` (see the README there): one entry a
line, ``#`` starting a comment, case folded on load; ``topics.json`` maps each
tag of :data:`aigov.datasets.TOPICS` to the word beginnings that put a
statement under it. :meth:`Rules.default` reads them once; the ``with_*``
methods return a copy with more entries, so a caller can teach the extractor
the words of their own reports without editing the package.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs

_LEXICONS = resources.files(__package__) / "lexicons"


def _entries(name: str) -> frozenset[str]:
    text = (_LEXICONS / f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(" ".join(line.casefold().split()) for line in lines if line)


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(w.casefold().split()) for w in words if w.strip())


def _topics() -> tuple[tuple[str, tuple[str, ...]], ...]:
    loaded = json.loads((_LEXICONS / "topics.json").read_text(encoding="utf-8"))
    return tuple(
        (tag, tuple(k.casefold() for k in keys))
        for tag, keys in sorted(loaded.items())
        if not tag.startswith("_")
    )


@attrs.frozen
class Rules:
    """The lexicons an extraction uses.

    Build it with :meth:`default` and extend it with the ``with_*`` methods;
    every entry is stored case folded with its whitespace collapsed.

    Attributes:
        verbs: Reporting verbs ("said", "pointed out", "according to").
        titles: Head words of job titles and ranks ("director", "professor").
        honorifics: Forms of address left out of names ("dr", "ms").
        organisation_words: Head words of organisation names ("ministry").
        event_words: Head words of event and session names ("forum").
        pronouns: Subject pronouns that continue with the last person named.
        possessive_pronouns: Possessives of "Her message? ..." leads.
        countries: States in the forms reports use ("Britain", "the United
            States").
        stopwords: Capitalised words that are never part of a person's name.
        name_particles: Lower-case words inside family names ("de", "van").
        not_name_words: Capitalised words of organisation names that never
            stand in a person's name ("Technology", "Rights").
        portfolio_titles: Title heads whose "of ..." without an organisation
            word is a portfolio ("Minister of Digital Economy").
        topics: Each topic tag with the word beginnings that select it.
    """

    verbs: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    organisation_words: frozenset[str]
    event_words: frozenset[str]
    pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    countries: frozenset[str]
    stopwords: frozenset[str]
    name_particles: frozenset[str]
    not_name_words: frozenset[str]
    portfolio_titles: frozenset[str]
    topics: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def default(cls) -> Rules:
        """Return the rules built from the lexicons shipped in the package."""
        return _default()

    def with_verbs(self, *verbs: str) -> Rules:
        """Return a copy that also knows these reporting verbs."""
        return attrs.evolve(self, verbs=self.verbs | _folded(verbs))

    def with_titles(self, *titles: str) -> Rules:
        """Return a copy that also knows these title head words."""
        return attrs.evolve(self, titles=self.titles | _folded(titles))

    def with_honorifics(self, *honorifics: str) -> Rules:
        """Return a copy that also drops these forms of address from names."""
        return attrs.evolve(self, honorifics=self.honorifics | _folded(honorifics))

    def with_organisation_words(self, *words: str) -> Rules:
        """Return a copy that also knows these organisation head words."""
        return attrs.evolve(
            self, organisation_words=self.organisation_words | _folded(words)
        )

    def with_countries(self, *countries: str) -> Rules:
        """Return a copy that also knows these states."""
        return attrs.evolve(self, countries=self.countries | _folded(countries))

    def with_pronouns(self, *pronouns: str) -> Rules:
        """Return a copy that also continues with these subject pronouns."""
        return attrs.evolve(self, pronouns=self.pronouns | _folded(pronouns))

    def with_topics(self, topics: Mapping[str, Iterable[str]]) -> Rules:
        """Return a copy in which each tag also has these word beginnings."""
        merged = {tag: list(keys) for tag, keys in self.topics}
        for tag, keys in topics.items():
            merged.setdefault(tag.casefold(), []).extend(k.casefold() for k in keys)
        return attrs.evolve(
            self,
            topics=tuple((tag, tuple(keys)) for tag, keys in sorted(merged.items())),
        )


@functools.cache
def _default() -> Rules:
    return Rules(
        verbs=_entries("verbs"),
        titles=_entries("titles"),
        honorifics=_entries("honorifics"),
        organisation_words=_entries("organisation_words"),
        event_words=_entries("event_words"),
        pronouns=_entries("pronouns"),
        possessive_pronouns=_entries("possessive_pronouns"),
        countries=_entries("countries"),
        stopwords=_entries("stopwords"),
        name_particles=_entries("name_particles"),
        not_name_words=_entries("not_name_words"),
        portfolio_titles=_entries("portfolio_titles"),
        topics=_topics(),
    )
