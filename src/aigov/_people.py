"""One person, or one organisation, across many forums.

The speakers of every forum are the nodes of a union-find structure.  They
are joined in passes -- overrides by hand, shared identifiers, equal folded
names, names bridged between scripts by transliteration, reversed name order
with a shared organisation -- and every pass only looks at the candidates
that share a key (an identifier, a folded name), never at all pairs, so the
work grows with the number of speakers and names, not with its square.

Each join is refused where it would break a rule: two different values for
one identifier scheme, two kinds of speaker (or two countries of an
organisation), or a pair the user said are different.  Because a component
only grows, a join refused once stays refused, and the passes give the same
result every run: forums are taken in date order (undated last, then by id),
speakers in each forum's order.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeAlias

import attrs

from aigov._model import (
    Forum,
    Identifier,
    Organization,
    Part,
    PartialDate,
    Speaker,
    SpeakerKind,
    first_day,
)
from aigov._text import describe_value
from aigov.exceptions import ArgumentTypeError, ErrorDetail, ValidationError

__all__ = [
    "Appearance",
    "Institution",
    "Person",
    "SpeakerRef",
    "appearances",
    "organizations",
    "people",
]

#: A speaker of a corpus: ``(forum_id, speaker_id)``.
SpeakerRef: TypeAlias = tuple[str, str]

#: An organisation of a corpus: ``(forum_id, organization_id)``.
OrganizationRef: TypeAlias = tuple[str, str]

SAME_NAME = "same name after folding"
TRANSLITERATED = "same name in another script (transliterated)"
REVERSED = "reversed name order and a shared organisation"
BY_HAND = "linked by hand"
EXACT_NAME = "exactly the same name"
ABBREVIATION = "abbreviation matches a name or abbreviation"


def _same_identifier(identifier: tuple[str, str]) -> str:
    return f"same identifier {identifier[0]}:{identifier[1]}"


@attrs.frozen(kw_only=True)
class Person:
    """One person (or delegation, or group) found across the forums of a corpus.

    Attributes:
        name: The name most of its speakers use; where names tie, the one
            used first (in the order of :attr:`speakers`).
        speakers: Its speakers as ``(forum_id, speaker_id)`` pairs, in the
            date order of their forums: undated forums last, then by forum id.
        reasons: Why the speakers were grouped, each once, in the order the
            links were made: ``"same identifier wikidata:Q1"``,
            ``"same name after folding"``, ``"same name in another script
            (transliterated)"``, ``"reversed name order and a shared
            organisation"``, ``"linked by hand"``.  Empty for a person with
            one speaker.  A link made through a reference speaker says so.
        kind: Whether it is a person, a delegation or a group.

    .. versionadded:: 0.2.0
    """

    name: str
    speakers: tuple[SpeakerRef, ...]
    reasons: tuple[str, ...] = ()
    kind: SpeakerKind = SpeakerKind.PERSON


@attrs.frozen(kw_only=True)
class Institution:
    """One organisation found across the forums of a corpus.

    Attributes:
        name: The name most of its organisations use; where names tie, the
            one used first.
        organizations: Its organisations as ``(forum_id, organization_id)``
            pairs, in the date order of their forums (undated last, then by
            forum id).
        reasons: Why they were grouped, each once: ``"same identifier
            ror:..."``, ``"same name after folding"``, ``"abbreviation
            matches a name or abbreviation"``, ``"same name in another
            script (transliterated)"``.

    .. versionadded:: 0.2.0
    """

    name: str
    organizations: tuple[OrganizationRef, ...]
    reasons: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Appearance:
    """One place a person appears: a forum, a part in a session, or a statement.

    Attributes:
        forum_id: The forum.
        speaker_id: The person's speaker id in that forum.
        date: The session's date, or else the forum's start date, where known.
        session_id: The session, or ``None`` for a speaker listed in the
            forum but in none of its sessions.
        part: The part the person plays in the session, for a participation;
            ``None`` for a statement.
        statement_id: The statement, for a statement; ``None`` otherwise.

    .. versionadded:: 0.2.0
    """

    forum_id: str
    speaker_id: str
    date: datetime.date | PartialDate | None = None
    session_id: str | None = None
    part: Part | None = None
    statement_id: str | None = None


# --- folding names -------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")


def _ascii(text: str) -> str:
    # Imported on first use (then a dictionary lookup): `import aigov` stays quick.
    from anyascii import anyascii  # noqa: PLC0415

    return anyascii(text)


def _is_latin(text: str) -> bool:
    """Whether every letter of *text* is a Latin letter."""
    return all(
        not char.isalpha() or unicodedata.name(char, "").startswith("LATIN")
        for char in text
    )


def _latin_words(text: str) -> tuple[str, ...]:
    """The words of a Latin-script name, case-folded and without accents."""
    plain = _ascii(unicodedata.normalize("NFKC", text)).casefold()
    return tuple(_NOT_ALNUM.sub(" ", plain).split())


def _script_fold(text: str) -> str:
    """A non-Latin name, compared by its own text: NFKC, case-folded, words joined."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_ALNUM.sub(" ", folded).split())


@attrs.frozen
class _Label:
    """One folded name of a speaker or organisation."""

    # Latin names are keyed by their words; other scripts by their own
    # folded text, so that two different Chinese names that transliterate
    # alike stay apart.
    key: str
    latin: bool
    # The key of the same words in reverse order, for a Latin name of two
    # words or more that reads differently reversed; else None.
    reverse: str | None
    # The letters without spaces: Latin names as written, other scripts
    # transliterated; what joins a name across scripts.
    bridge: str


@functools.lru_cache(maxsize=65536)
def _label(text: str) -> _Label | None:
    if _is_latin(text):
        words = _latin_words(text)
        if not words:
            return None
        reverse = " ".join(words[::-1]) if words[::-1] != words else None
        return _Label(
            " ".join(words), latin=True, reverse=reverse, bridge="".join(words)
        )
    folded = _script_fold(text)
    if not folded:
        return None
    bridge = "".join(_latin_words(_ascii(text)))
    # A leading NUL: no Latin key can equal it.
    return _Label("\0" + folded, latin=False, reverse=None, bridge=bridge)


# --- union-find with rules -----------------------------------------------------


class _Groups:
    """A union-find over nodes that refuses joins breaking a rule."""

    def __init__(
        self,
        identifiers: Sequence[Iterable[Identifier]],
        tags: Sequence[str | None],
        forced_tags: bool,  # noqa: FBT001 - an internal switch
        references_from: int,
    ) -> None:
        count = len(identifiers)
        self.parent = list(range(count))
        # Per root, and only where there is something to hold (most speakers
        # have no identifiers, constraints or links; fewer objects, less
        # time in the garbage collector): identifier values by scheme, the
        # nodes it must never join, and why it was joined.
        self.schemes: dict[int, dict[str, frozenset[str]]] = {}
        for node, node_identifiers in enumerate(identifiers):
            schemes: dict[str, set[str]] = {}
            for identifier in node_identifiers:
                schemes.setdefault(identifier.scheme.casefold(), set()).add(
                    identifier.value.strip()
                )
            if schemes:
                self.schemes[node] = {k: frozenset(v) for k, v in schemes.items()}
        # A speaker's kind or an organisation's country, that must agree: a
        # missing tag (None) agrees with any unless forced_tags, where every
        # tag must be equal, None included.
        self.tags = list(tags)
        self.forced_tags = forced_tags
        self.forbidden: dict[int, set[int]] = {}
        self.reasons: dict[int, dict[str, None]] = {}
        self.references_from = references_from

    def find(self, node: int) -> int:
        parent = self.parent
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    def forbid(self, a: int, b: int) -> None:
        """Never join the components of nodes *a* and *b*."""
        self.forbidden.setdefault(self.find(a), set()).add(b)
        self.forbidden.setdefault(self.find(b), set()).add(a)

    def allowed(self, a: int, b: int) -> bool:
        """Whether the components of roots *a* and *b* may become one."""
        tag_a, tag_b = self.tags[a], self.tags[b]
        if tag_a != tag_b and (
            self.forced_tags or (tag_a is not None and tag_b is not None)
        ):
            return False
        schemes_a, schemes_b = self.schemes.get(a), self.schemes.get(b)
        if schemes_a and schemes_b:
            for scheme, values in schemes_a.items():
                other = schemes_b.get(scheme)
                if other is not None and values.isdisjoint(other):
                    return False
        if any(self.find(node) == b for node in self.forbidden.get(a, ())):
            return False
        return not any(self.find(node) == a for node in self.forbidden.get(b, ()))

    def union(self, a: int, b: int, reason: str, *, force: bool = False) -> bool:
        """Join the components of nodes *a* and *b*; whether they are now one."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if not force and not self.allowed(root_a, root_b):
            return False
        if self.references_from <= max(a, b):
            reason = f"{reason} (through a reference)"
        # The smaller node stays root, so that roots are first appearances.
        root, other = min(root_a, root_b), max(root_a, root_b)
        self.parent[other] = root
        other_schemes = self.schemes.pop(other, None)
        if other_schemes:
            merged = dict(self.schemes.get(root, {}))
            for scheme, values in other_schemes.items():
                merged[scheme] = merged.get(scheme, frozenset()) | values
            self.schemes[root] = merged
        if self.tags[root] is None:
            self.tags[root] = self.tags[other]
        other_forbidden = self.forbidden.pop(other, None)
        if other_forbidden:
            self.forbidden.setdefault(root, set()).update(other_forbidden)
        reasons = self.reasons.setdefault(root, {})
        other_reasons = self.reasons.pop(other, None)
        if other_reasons:
            reasons.update(other_reasons)
        reasons[reason] = None
        return True

    def join(self, nodes: Sequence[int], reason: str) -> None:
        """Join each of *nodes* to the first earlier component that accepts it."""
        # Most blocks are one person: join everything to the first node,
        # and only then place the nodes it refused.  The result is the same
        # as placing the nodes one by one, since a refused join stays refused.
        first = nodes[0]
        refused = [node for node in nodes[1:] if not self.union(first, node, reason)]
        components = [first]
        for node in refused:
            root = self.find(node)
            if any(self.find(seen) == root for seen in components):
                continue
            for seen in components[1:]:
                if self.union(seen, node, reason):
                    break
            else:
                components.append(node)

    def components(self, count: int) -> list[list[int]]:
        """The components of nodes below *count*, each in node order, by first node."""
        members: dict[int, list[int]] = {}
        for node in range(count):
            members.setdefault(self.find(node), []).append(node)
        return sorted(members.values(), key=lambda group: group[0])


def _reasons(groups: _Groups, nodes: list[int]) -> tuple[str, ...]:
    return tuple(groups.reasons.get(groups.find(nodes[0]), ()))


def _most_used(names: Sequence[str]) -> str:
    counts = Counter(names)
    first: dict[str, int] = {}
    for position, name in enumerate(names):
        first.setdefault(name, position)
    return min(counts, key=lambda name: (-counts[name], first[name]))


# --- ordering forums ----------------------------------------------------------


def _in_date_order(forums: tuple[Forum, ...]) -> list[Forum]:
    seen: dict[str, int] = {}
    problems = []
    for index, forum in enumerate(forums):
        if forum.id in seen:
            msg = f"duplicate forum id {describe_value(forum.id)} (first at [{seen[forum.id]}])"
            problems.append(ErrorDetail(f"[{index}].id", msg, forum.id))
        else:
            seen[forum.id] = index
    if problems:
        raise ValidationError(problems, subject="forums")

    def key(forum: Forum) -> tuple[bool, datetime.date, str]:
        start = forum.start_date
        if start is None:
            return (True, datetime.date.max, forum.id)
        return (False, first_day(start), forum.id)

    return sorted(forums, key=key)


# --- people -------------------------------------------------------------------


def _join_blocks(groups: _Groups, blocks: Iterable[list[int]], reason: str) -> None:
    for nodes in blocks:
        if len(nodes) > 1:
            groups.join(nodes, reason)


def _join_identifiers(
    groups: _Groups, identifiers: Iterable[Iterable[Identifier]]
) -> None:
    by_identifier: dict[tuple[str, str], list[int]] = {}
    for node, node_identifiers in enumerate(identifiers):
        for identifier in node_identifiers:
            key = (identifier.scheme.casefold(), identifier.value.strip())
            by_identifier.setdefault(key, []).append(node)
    for key, nodes in by_identifier.items():
        if len(nodes) > 1:
            groups.join(nodes, _same_identifier(key))


def _labels(speaker: Speaker) -> tuple[_Label, ...]:
    if not speaker.aliases and not speaker.names:
        return _labels_of((speaker.name,))
    names = (speaker.name, *speaker.aliases, *(n.text for n in speaker.names))
    return _labels_of(names)


@functools.lru_cache(maxsize=65536)
def _labels_of(texts: tuple[str, ...]) -> tuple[_Label, ...]:
    # Cached: a recurring person's labels are one shared tuple.
    return tuple(label for label in map(_label, texts) if label is not None)


def _organization_keys(organization: Organization) -> frozenset[str]:
    texts = [organization.name, *organization.aliases]
    if organization.abbreviation:
        texts.append(organization.abbreviation)
    texts.extend(name.text for name in organization.names)
    return frozenset(label.key for label in map(_label, texts) if label is not None)


def _check_refs(
    pairs: Sequence[tuple[SpeakerRef, SpeakerRef]],
    field: str,
    nodes_by_ref: dict[SpeakerRef, int],
) -> list[ErrorDetail]:
    problems = []
    for index, pair in enumerate(pairs):
        for side, ref in enumerate(pair):
            if ref not in nodes_by_ref:
                msg = f"{describe_value(ref)} is no (forum_id, speaker_id) of these forums"
                problems.append(ErrorDetail(f"{field}[{index}][{side}]", msg, ref))
    return problems


def _apply_overrides(
    groups: _Groups,
    same: Sequence[tuple[SpeakerRef, SpeakerRef]],
    different: Sequence[tuple[SpeakerRef, SpeakerRef]],
    nodes_by_ref: dict[SpeakerRef, int],
) -> None:
    problems = _check_refs(same, "same", nodes_by_ref)
    problems += _check_refs(different, "different", nodes_by_ref)
    if problems:
        raise ValidationError(problems, subject="links")
    for a, b in same:
        groups.union(nodes_by_ref[a], nodes_by_ref[b], BY_HAND, force=True)
    same_pairs = {frozenset(pair) for pair in same}
    for index, (a, b) in enumerate(different):
        node_a, node_b = nodes_by_ref[a], nodes_by_ref[b]
        if groups.find(node_a) == groups.find(node_b):
            if a == b:
                msg = f"{describe_value(a)} cannot be different from itself"
            elif frozenset((a, b)) in same_pairs:
                msg = f"{describe_value(a)} and {describe_value(b)} are also listed as the same"
            else:
                msg = f"{describe_value(a)} and {describe_value(b)} are joined by a chain of 'same' links"
            problems.append(ErrorDetail(f"different[{index}]", msg, (a, b)))
            continue
        groups.forbid(node_a, node_b)
    if problems:
        raise ValidationError(problems, subject="links")


def _join_names(
    groups: _Groups, labels: Sequence[Sequence[_Label]], persons: Sequence[bool]
) -> dict[str, list[int]]:
    """Join by folded names, then across scripts; return the nodes by name key."""
    by_key: dict[str, list[int]] = {}
    # Other scripts' names by transliteration, then by their own text.
    scripts: dict[str, dict[str, list[int]]] = {}
    for node, node_labels in enumerate(labels):
        if not persons[node]:
            continue
        for label in node_labels:
            by_key.setdefault(label.key, []).append(node)
            if not label.latin:
                scripts.setdefault(label.bridge, {}).setdefault(label.key, []).append(
                    node
                )
    _join_blocks(groups, by_key.values(), SAME_NAME)
    if scripts:
        _join_scripts(groups, labels, persons, scripts)
    return by_key


def _join_scripts(
    groups: _Groups,
    labels: Sequence[Sequence[_Label]],
    persons: Sequence[bool],
    scripts: dict[str, dict[str, list[int]]],
) -> None:
    # A Latin name joins only where a name of another script reads as it.
    latin_by_bridge: dict[str, list[int]] = {}
    if scripts:
        for node, node_labels in enumerate(labels):
            if persons[node]:
                for label in node_labels:
                    if label.latin and label.bridge in scripts:
                        latin_by_bridge.setdefault(label.bridge, []).append(node)
    for bridge, latin in latin_by_bridge.items():
        named = scripts[bridge]
        # Two different names of another script that transliterate alike
        # make the Latin spelling ambiguous: it bridges neither.
        if len(named) == 1:
            (others,) = named.values()
            groups.join([*others, *latin], TRANSLITERATED)


def _join_reversed(
    groups: _Groups,
    organization_keys: Sequence[frozenset[str]],
    by_key: dict[str, list[int]],
) -> None:
    # Only names whose reversal someone else uses can link.
    reversible = {}
    for key, nodes in by_key.items():
        label = _label(key)
        if label is not None and label.reverse is not None and label.reverse in by_key:
            reversible[key] = (label.reverse, nodes)
    buckets: dict[tuple[str, str], tuple[list[int], ...]] = {}
    for key in sorted(reversible):
        reverse, nodes = reversible[key]
        canonical = min(key, reverse)
        side = 0 if key == canonical else 1
        for node in nodes:
            for organization in organization_keys[node]:
                bucket = buckets.setdefault((canonical, organization), ([], []))
                bucket[side].append(node)
    for forward, backward in buckets.values():
        if forward and backward:
            groups.join(sorted({*forward, *backward}), REVERSED)


_NO_KEYS: frozenset[str] = frozenset()


def _speaker_organization_keys(
    speaker: Speaker, keys_by_id: dict[str, frozenset[str]]
) -> frozenset[str]:
    found = [
        keys_by_id[role.organization_id]
        for role in speaker.roles
        if role.organization_id in keys_by_id
    ]
    # One role is the usual case: share its organisation's keys.
    return found[0] if len(found) == 1 else _NO_KEYS.union(*found)


def people(
    forums: tuple[Forum, ...],
    *,
    same: Iterable[tuple[SpeakerRef, SpeakerRef]] = (),
    different: Iterable[tuple[SpeakerRef, SpeakerRef]] = (),
    reference: Iterable[Speaker] = (),
) -> tuple[Person, ...]:
    """Group the speakers of *forums* into people.

    Speakers are joined, in this order: by the user's *same* pairs; by a
    shared identifier (same scheme and value); by a name, alias or tagged
    name that is equal after case folding, Unicode normalisation and accent
    removal; by a name in another script whose transliteration equals a
    Latin-script name (only between scripts, and only where one name of the
    other script has that transliteration); by a reversed name order
    ("Lan Xue", "Xue Lan") where the two also share an organisation (by its
    folded name, alias or abbreviation).  A join never puts into one person
    two different values of one identifier scheme, a person and a delegation
    or group, or a pair listed in *different*.  Delegations and groups are
    joined only with their own kind, and only by exactly the same name.

    Args:
        forums: The forums; their ids must be unique.
        same: Pairs of ``(forum_id, speaker_id)`` that are one person, whatever
            their names or identifiers say.
        different: Pairs that are never in one person.
        reference: Speakers from outside the forums (a register of people,
            such as :attr:`aigov.popolo.PopoloImport.persons`) whose
            identifiers and names link the forums' speakers, by the same
            rules and after them: a reference speaker joins the person of a
            speaker with its identifier, and that of a speaker with its
            name.  Reference speakers are not in the result (no
            ``(forum_id, speaker_id)`` names them), and a link made through
            one says so in the person's reasons.

    Returns:
        Every speaker in exactly one person; people in the order of their
        first speaker (forums in date order, undated last, then by id;
        speakers in each forum's order).

    Raises:
        ValidationError: If forum ids repeat, an override names a speaker
            the forums lack, a pair is both *same* and *different*, or a chain
            of *same* pairs joins a *different* pair.
        aigov.exceptions.ArgumentTypeError: If *reference* holds something
            that is not a :class:`~aigov.Speaker` (a :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    # One pass over the speakers into plain lists of shared objects: later
    # passes then touch neither the speakers (scattered in memory) nor a
    # tuple or list per speaker (more for the garbage collector to walk).
    forum_ids: list[str] = []
    ids: list[str] = []
    names: list[str] = []
    kinds: list[SpeakerKind] = []
    identifiers: list[tuple[Identifier, ...]] = []
    labels: list[tuple[_Label, ...]] = []
    organization_keys: list[frozenset[str]] = []

    def add(speaker: Speaker, keys: frozenset[str]) -> None:
        ids.append(speaker.id)
        names.append(speaker.name)
        kinds.append(speaker.kind)
        identifiers.append(speaker.identifiers)
        labels.append(_labels(speaker))
        organization_keys.append(keys)

    for forum in _in_date_order(forums):
        keys_by_id = {o.id: _organization_keys(o) for o in forum.organizations}
        for speaker in forum.speakers:
            forum_ids.append(forum.id)
            add(speaker, _speaker_organization_keys(speaker, keys_by_id))
    corpus_count = len(ids)
    for position, speaker in enumerate(reference):
        if not isinstance(speaker, Speaker):
            msg = f"reference[{position}] is a {type(speaker).__name__}, not a Speaker"  # type: ignore[unreachable]
            raise ArgumentTypeError(msg)
        add(speaker, _NO_KEYS)

    groups = _Groups(
        identifiers,
        [kind.value for kind in kinds],
        forced_tags=True,
        references_from=corpus_count,
    )
    same, different = tuple(same), tuple(different)
    if same or different:
        nodes_by_ref = {
            (forum_ids[node], ids[node]): node for node in range(corpus_count)
        }
        _apply_overrides(groups, same, different, nodes_by_ref)

    persons = [kind is SpeakerKind.PERSON for kind in kinds]
    _join_identifiers(
        groups,
        (found if persons[node] else () for node, found in enumerate(identifiers)),
    )
    exact: dict[tuple[str, str], list[int]] = {}
    for node, kind in enumerate(kinds):
        if not persons[node]:
            exact.setdefault((kind.value, names[node]), []).append(node)
    _join_blocks(groups, exact.values(), EXACT_NAME)

    by_key = _join_names(groups, labels, persons)
    _join_reversed(groups, organization_keys, by_key)

    return tuple(
        Person(
            name=_most_used([names[node] for node in nodes]),
            speakers=tuple((forum_ids[node], ids[node]) for node in nodes),
            reasons=_reasons(groups, nodes),
            kind=kinds[nodes[0]],
        )
        for nodes in groups.components(corpus_count)
    )


# --- organisations -------------------------------------------------------------


def _organization_labels(organization: Organization) -> list[_Label]:
    texts = (
        organization.name,
        *organization.aliases,
        *(n.text for n in organization.names),
    )
    return [label for label in map(_label, texts) if label is not None]


def organizations(forums: tuple[Forum, ...]) -> tuple[Institution, ...]:
    """Group the organisations of *forums* into institutions.

    Organisations are joined by a shared identifier, then by a name, alias,
    abbreviation or tagged name that is equal after folding ("UNDP" in one
    forum is the abbreviation of "United Nations Development Programme" in
    another), then across scripts by transliteration, as for :func:`people`.
    Two organisations with different values for one identifier scheme, or
    of two different countries, are never joined.

    Args:
        forums: The forums; their ids must be unique.

    Returns:
        Every organisation in exactly one institution, in the order of their
        first organisation (forums in date order, undated last, then by id).

    Raises:
        ValidationError: If forum ids repeat.

    .. versionadded:: 0.2.0
    """
    refs: list[OrganizationRef] = []
    found: list[Organization] = []
    for forum in _in_date_order(forums):
        for organization in forum.organizations:
            refs.append((forum.id, organization.id))
            found.append(organization)
    groups = _Groups(
        [organization.identifiers for organization in found],
        [organization.country for organization in found],
        forced_tags=False,
        references_from=len(found),
    )
    _join_identifiers(groups, (organization.identifiers for organization in found))
    labels = [_organization_labels(organization) for organization in found]
    by_name = _join_names(groups, labels, [True] * len(found))
    # An abbreviation names the same body as the name it abbreviates, but
    # joins only with names and abbreviations, not with other bodies' words.
    by_abbreviation: dict[str, list[int]] = {}
    for node, organization in enumerate(found):
        abbreviation = _label(organization.abbreviation or "")
        if abbreviation is not None:
            by_abbreviation.setdefault(abbreviation.key, []).append(node)
    _join_blocks(
        groups,
        ([*nodes, *by_name.get(key, ())] for key, nodes in by_abbreviation.items()),
        ABBREVIATION,
    )

    return tuple(
        Institution(
            name=_most_used([found[node].name for node in nodes]),
            organizations=tuple(refs[node] for node in nodes),
            reasons=_reasons(groups, nodes),
        )
        for nodes in groups.components(len(found))
    )


# --- appearances -------------------------------------------------------------


def appearances(forums: tuple[Forum, ...], person: Person) -> tuple[Appearance, ...]:
    """List where *person* appears in *forums*, in date order.

    For each of the person's speakers, in the order of :attr:`Person.speakers`
    (forums in date order): each part they play in a session and each
    statement they make, session by session in the forum's order (a
    session's parts before its statements); a speaker in no session appears
    once, with only the forum.

    Args:
        forums: The forums the person was found in.
        person: A person from :func:`people` over the same forums.

    Raises:
        ValidationError: If the person has a speaker the forums lack.

    .. versionadded:: 0.2.0
    """
    by_id = {forum.id: forum for forum in forums}
    problems = []
    for index, (forum_id, speaker_id) in enumerate(person.speakers):
        forum = by_id.get(forum_id)
        if forum is None or speaker_id not in {s.id for s in forum.speakers}:
            msg = f"{describe_value((forum_id, speaker_id))} is no (forum_id, speaker_id) of these forums"
            problems.append(
                ErrorDetail(f"speakers[{index}]", msg, (forum_id, speaker_id))
            )
    if problems:
        raise ValidationError(problems, subject="Person")
    found: list[Appearance] = []
    for forum_id, speaker_id in person.speakers:
        forum = by_id[forum_id]
        before = len(found)
        for session in forum.sessions:
            date = session.date or forum.start_date
            found.extend(
                Appearance(
                    forum_id=forum_id,
                    speaker_id=speaker_id,
                    date=date,
                    session_id=session.id,
                    part=participant.part,
                )
                for participant in session.participants
                if participant.speaker_id == speaker_id
            )
            found.extend(
                Appearance(
                    forum_id=forum_id,
                    speaker_id=speaker_id,
                    date=date,
                    session_id=session.id,
                    statement_id=statement.id,
                )
                for statement in session.statements
                if statement.speaker_id == speaker_id
            )
        if len(found) == before:
            found.append(
                Appearance(
                    forum_id=forum_id, speaker_id=speaker_id, date=forum.start_date
                )
            )
    return tuple(found)
