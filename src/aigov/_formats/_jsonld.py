"""Forums as schema.org JSON-LD: what search engines and linked-data tools read.

A forum becomes one ``Event`` node tree; a corpus a ``@graph`` of them.  Only
schema.org terms are written, so every consumer of the vocabulary reads the
whole document; what schema.org has no term for is left out (``docs/jsonld.rst``
lists it).  Every forum, session, speaker, organisation, statement and
source has a blank node id derived from the forum's id and the object's id,
so the same forum gives the same document in every process, and the several
places that mention one speaker or organisation describe one node.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterable
from typing import Any, Final
from urllib.parse import urlsplit

from aigov import _files
from aigov._corpus import Corpus, forums_of
from aigov._countries import country_name
from aigov._model import (
    Forum,
    Identifier,
    Name,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Session,
    Source,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
)
from aigov._text import stable_digest

__all__ = ["CONTEXT", "to_jsonld", "write_jsonld"]

#: The ``@context`` of every document :func:`to_jsonld` returns: the
#: schema.org vocabulary, at the address search engines expect.
#:
#: .. versionadded:: 0.2.0
CONTEXT: Final = "https://schema.org"

Node = dict[str, Any]

#: The most specific schema.org type for each kind of organisation; kinds
#: with none (an advisory body, an association, ...) are plain Organizations.
_ORGANIZATION_TYPES: Final[dict[OrganizationKind, str]] = {
    OrganizationKind.MINISTRY: "GovernmentOrganization",
    OrganizationKind.GOVERNMENT: "GovernmentOrganization",
    OrganizationKind.LEGISLATURE: "GovernmentOrganization",
    OrganizationKind.UNIVERSITY: "CollegeOrUniversity",
    OrganizationKind.INSTITUTE: "ResearchOrganization",
    OrganizationKind.NGO: "NGO",
    OrganizationKind.COMPANY: "Corporation",
}

#: Identifier schemes whose values name a page that identifies the item, for
#: ``sameAs``, with the pattern a value must match to make a working address.
_SAME_AS: Final[dict[str, tuple[re.Pattern[str], str]]] = {
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "https://www.wikidata.org/wiki/{}"),
    "orcid": (
        re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]"),
        "https://orcid.org/{}",
    ),
    "ror": (re.compile(r"0[a-z0-9]{6}[0-9]{2}"), "https://ror.org/{}"),
}

#: Parts in a session that are attending rather than performing.
_ATTENDING: Final = frozenset({Part.GUEST})

#: How many characters of an object's id a node id shows, for readability.
_SHOWN_ID_LENGTH: Final = 40
#: Hex digits of the digest that makes node ids unique: 64 bits.
_DIGEST_LENGTH: Final = 16

_NOT_LABEL_CHARACTERS: Final = re.compile(r"[^a-z0-9]+")


def node_id(kind: str, *parts: str) -> str:
    """Return the blank node id of the object that *parts* name.

    ``_:KIND-SLUG-DIGEST``: *kind* says what the node is (``speaker``), the
    slug is a readable ASCII rendering of the last part, cut short, and the
    digest, of *kind* and every part, keeps apart ids the slug confuses.
    Only ASCII letters, digits and hyphens are used, so the ids stay valid
    blank node labels when the document is turned into N-Quads or Turtle.
    """
    slug = _NOT_LABEL_CHARACTERS.sub("-", parts[-1].lower()).strip("-")
    slug = slug[:_SHOWN_ID_LENGTH].rstrip("-")
    digest = stable_digest(kind, *parts, length=_DIGEST_LENGTH)
    return f"_:{kind}-{slug}-{digest}" if slug else f"_:{kind}-{digest}"


def to_jsonld(data: Forum | Corpus) -> dict[str, Any]:
    """Return *data* as a schema.org JSON-LD document.

    A forum becomes an ``Event`` with its sessions as ``subEvent``, its
    hosts as ``organizer``, its supporters as ``sponsor``, its speakers as
    ``attendee`` (``Person`` nodes, with their roles as ``affiliation``),
    its sources as ``subjectOf`` (``Report`` nodes), and each session's
    statements as the session's ``recordedIn`` (``Quotation`` for quotes,
    ``CreativeWork`` for paraphrases).  A corpus becomes a ``@graph`` of
    such events, in corpus order.  Only schema.org terms are used; see
    :doc:`/jsonld` for the whole mapping, the node ids and what is not
    carried.

    Args:
        data: A forum or a corpus.

    Returns:
        A JSON-compatible dict whose ``@context`` is ``"https://schema.org"``,
        ready for ``json.dumps``; a new one on every call.

    Raises:
        aigov.exceptions.ArgumentTypeError: If *data* is neither a
            :class:`~aigov.Forum` nor a :class:`~aigov.Corpus` (a
            :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    if isinstance(data, Forum):
        return {"@context": CONTEXT, **_event(data)}
    return {"@context": CONTEXT, "@graph": [_event(f) for f in forums_of(data)]}


def write_jsonld(
    data: Forum | Corpus, path: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write *data* as a schema.org JSON-LD file, atomically.

    The file holds :func:`to_jsonld`'s document as indented UTF-8 JSON.  It
    is written as :func:`aigov.dump` writes: readers see the old file or the
    new one, never half of one.

    Args:
        data: A forum or a corpus.
        path: The file to write, conventionally ending in ``.jsonld``.
        overwrite: Replace the file if it exists.

    Raises:
        FileExistsError: Without *overwrite*, if *path* exists.
        OSError: If the file cannot be written.
        aigov.exceptions.ArgumentTypeError: If *data* is neither a forum nor
            a corpus, or *path* is not a path (a :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    document = to_jsonld(data)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _files.write_new(path, text.encode("utf-8"), overwrite=overwrite)


# --- the nodes -------------------------------------------------------------------


class _Forum:
    """One forum's objects by id, and the ids of their nodes."""

    def __init__(self, forum: Forum) -> None:
        self.forum = forum
        self.organizations = {org.id: org for org in forum.organizations}
        self.speakers = {speaker.id: speaker for speaker in forum.speakers}
        self.sources = {source.id: source for source in forum.sources}
        #: The organisations described in full so far: each is described
        #: once, so that its addresses and identifiers are not repeated.
        self.described: set[str] = set()

    def id_of(self, kind: str, object_id: str) -> str:
        return node_id(kind, self.forum.id, object_id)

    def place(self) -> Node | None:
        if self.forum.location is None:
            return None
        # One node for the forum's place, which its sessions share.
        return {
            "@id": node_id("place", self.forum.id),
            "@type": "Place",
            "name": self.forum.location,
        }


def _event(forum: Forum) -> Node:
    context = _Forum(forum)
    node: Node = {
        "@id": node_id("forum", forum.id),
        "@type": "Event",
        "name": forum.name,
    }
    _put_date(node, "startDate", forum.start_date)
    _put_date(node, "endDate", forum.end_date)
    _put(node, "location", context.place())
    hosts = [_organization(context, context.organizations[i]) for i in forum.host_ids]
    _put_all(node, "organizer", hosts)
    supporters = [
        _organization(context, context.organizations[i]) for i in forum.supporter_ids
    ]
    _put_all(node, "sponsor", supporters)
    if forum.series is not None:
        # Not scoped by forum: the editions of a series share its node.
        node["superEvent"] = {
            "@id": node_id("series", forum.series),
            "@type": "EventSeries",
            "name": forum.series,
        }
    _put_all(node, "attendee", [_speaker(context, s) for s in forum.speakers])
    _put_all(node, "subEvent", [_session(context, s) for s in forum.sessions])
    _put_all(node, "subjectOf", [_report(context, s) for s in forum.sources])
    return node


def _organization(context: _Forum, org: Organization) -> Node:
    node: Node = {
        "@id": context.id_of("organization", org.id),
        "@type": _ORGANIZATION_TYPES.get(org.kind, "Organization"),
        "name": org.name,
    }
    if org.id in context.described:
        return node
    context.described.add(org.id)
    other_names: list[object] = [] if org.abbreviation is None else [org.abbreviation]
    other_names.extend(org.aliases)
    other_names.extend(_tagged(org.names))
    _put_all(node, "alternateName", other_names)
    if org.country is not None:
        node["address"] = {"@type": "PostalAddress", "addressCountry": org.country}
    if org.parent_id is not None:
        # A forum has no parent cycles, so this ends at a top-level body.
        parent = context.organizations[org.parent_id]
        node["parentOrganization"] = _organization(context, parent)
    _put_identifiers(node, org.identifiers)
    return node


def _speaker(context: _Forum, speaker: Speaker) -> Node:
    is_person = speaker.kind is SpeakerKind.PERSON
    node: Node = {
        "@id": context.id_of("speaker", speaker.id),
        "@type": "Person" if is_person else "Organization",
        "name": speaker.name,
    }
    _put_all(node, "alternateName", [*speaker.aliases, *_tagged(speaker.names)])
    if speaker.country is not None:
        if is_person:
            node["nationality"] = _country(speaker.country)
        else:
            node["address"] = {
                "@type": "PostalAddress",
                "addressCountry": speaker.country,
            }
    # Persons have affiliations; delegations and groups are members.
    membership = "affiliation" if is_person else "memberOf"
    roles = [
        {
            "@type": "OrganizationRole",
            "roleName": role.title,
            membership: _organization(
                context, context.organizations[role.organization_id]
            ),
        }
        for role in speaker.roles
        if role.organization_id is not None
    ]
    _put_all(node, membership, roles)
    awards = [role.title for role in speaker.roles if role.organization_id is None]
    _put_all(node, "award", list(dict.fromkeys(awards)))
    _put_identifiers(node, speaker.identifiers)
    return node


def _session(context: _Forum, session: Session) -> Node:
    node: Node = {
        "@id": context.id_of("session", session.id),
        "@type": "Event",
        "name": session.title,
    }
    _put_date(node, "startDate", session.date)
    # A session takes place where its forum does.
    _put(node, "location", context.place())
    performers: list[Node] = []
    attendees: list[Node] = []
    for participant in session.participants:
        speaker = _reference(context, context.speakers[participant.speaker_id])
        # schema.org's role pattern: the role node repeats the property.
        if participant.part in _ATTENDING:
            attendees.append(
                {
                    "@type": "Role",
                    "roleName": participant.part.value,
                    "attendee": speaker,
                }
            )
        else:
            performers.append(
                {
                    "@type": "PerformanceRole",
                    "roleName": participant.part.value,
                    "performer": speaker,
                }
            )
    _put_all(node, "performer", performers)
    _put_all(node, "attendee", attendees)
    statements = [
        _statement(context, statement, position)
        for position, statement in enumerate(session.statements, start=1)
    ]
    _put_all(node, "recordedIn", statements)
    return node


def _statement(context: _Forum, statement: Statement, position: int) -> Node:
    node: Node = {
        "@id": context.id_of("statement", statement.id),
        "@type": "Quotation"
        if statement.kind is StatementKind.QUOTE
        else "CreativeWork",
        "text": statement.text,
        "creator": _reference(context, context.speakers[statement.speaker_id]),
        "position": position,
    }
    _put_all(node, "keywords", list(statement.topics))
    source_ids = dict.fromkeys(evidence.source_id for evidence in statement.evidence)
    _put_all(
        node,
        "isBasedOn",
        [_source_reference(context, context.sources[i]) for i in source_ids],
    )
    return node


def _report(context: _Forum, source: Source) -> Node:
    node = _source_reference(context, source)
    if source.url is not None and _is_absolute_url(source.url):
        node["url"] = source.url
    _put(node, "publisher", source.publisher)
    _put_date(node, "datePublished", source.published)
    return node


def _source_reference(context: _Forum, source: Source) -> Node:
    return {
        "@id": context.id_of("source", source.id),
        "@type": "Report",
        "name": source.title,
    }


def _reference(context: _Forum, speaker: Speaker) -> Node:
    # The node's id, with its type and name so that the reference reads on
    # its own; the full node is among the forum's attendees.
    return {
        "@id": context.id_of("speaker", speaker.id),
        "@type": "Person" if speaker.kind is SpeakerKind.PERSON else "Organization",
        "name": speaker.name,
    }


def _country(code: str) -> Node:
    return {
        "@type": "Country",
        "name": country_name(code),
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "ISO 3166-1 alpha-2",
            "value": code,
        },
    }


def _tagged(names: Iterable[Name]) -> list[Node]:
    return [{"@value": name.text, "@language": name.lang} for name in names]


def _put_identifiers(node: Node, identifiers: tuple[Identifier, ...]) -> None:
    same_as: list[str] = []
    for identifier in identifiers:
        known = _SAME_AS.get(identifier.scheme.lower())
        if known is not None and known[0].fullmatch(identifier.value):
            same_as.append(known[1].format(identifier.value))
    _put_all(node, "sameAs", list(dict.fromkeys(same_as)))
    _put_all(
        node,
        "identifier",
        [
            {
                "@type": "PropertyValue",
                "propertyID": identifier.scheme,
                "value": identifier.value,
            }
            for identifier in identifiers
        ],
    )


def _is_absolute_url(url: str) -> bool:
    # ``url`` values are IRIs in the schema.org context: text that is not an
    # absolute address would be read as one relative to the page.
    if any(character.isspace() or not character.isprintable() for character in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc)


def _put(node: Node, key: str, value: object) -> None:
    if value is not None:
        node[key] = value


def _put_all(node: Node, key: str, values: list[Any]) -> None:
    # Always an array, even of one: plain JSON readers then meet one shape.
    if values:
        node[key] = values


def _put_date(node: Node, key: str, when: datetime.date | PartialDate | None) -> None:
    # ISO 8601 reduced precision for partial dates, which schema.org's Date
    # (an ISO 8601 date) allows.
    if when is not None:
        node[key] = when.isoformat()
