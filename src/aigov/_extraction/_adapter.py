"""Turn a :class:`Draft` or a :class:`~aigov.Forum` into the scorer's prediction (:mod:`aigov._scoring`)."""

from __future__ import annotations

from aigov._extraction._records import (
    Draft,
    Organisation,
)
from aigov._model import Forum, SpeakerKind, Statement
from aigov._model import Organization as Organization_
from aigov._model import SpeakerKind as ModelSpeakerKind
from aigov._scoring import PredictedSpeaker, Prediction


def _key(name: str) -> str:
    words = name.casefold().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def draft_to_prediction(draft: Draft) -> Prediction:
    """Return the named people of *draft* in the scorer's prediction shape.

    Each role becomes one chain of organisations (the role's organisation and
    the parents the text gives), each organisation as its name and its
    abbreviations. Delegations and groups are left out: they are not scored.
    """
    known: dict[str, Organisation] = {}
    for organisation in draft.organisations:
        known.setdefault(_key(organisation.name.text), organisation)
        for abbreviation in organisation.abbreviations:
            known.setdefault(_key(abbreviation.text), organisation)
    speakers: list[PredictedSpeaker] = []
    for index, person in enumerate(draft.people):
        if person.kind is not SpeakerKind.PERSON:
            continue
        chains: list[list[list[str]]] = []
        for role in person.roles:
            chain: list[list[str]] = []
            for phrase in role.organisations:
                names = [phrase.text]
                found = known.get(_key(phrase.text))
                if found is not None:
                    names += [found.name.text]
                    names += [a.text for a in found.abbreviations]
                chain.append(list(dict.fromkeys(names)))
            chains.append(chain)
        said = [s for s in draft.statements if s.speaker == index]
        speakers.append(
            {
                "name": person.name.text,
                "titles": [r.title.text for r in person.roles if r.title is not None],
                "organizations": chains,
                "verbs": list(dict.fromkeys(s.verb.text for s in said if s.verb)),
                "statements": [s.text.text for s in said],
            }
        )
    return {"speakers": speakers}


def _variants(organization: Organization_) -> list[str]:
    names = [organization.name]
    if organization.abbreviation is not None:
        names.append(organization.abbreviation)
    names += organization.aliases
    return list(dict.fromkeys(names))


def forum_to_prediction(forum: Forum) -> Prediction:
    """Return the named people of *forum* in the scorer's prediction shape.

    Each role becomes one chain: its organisation, then that organisation's
    parent, and so on, each as its name, abbreviation and aliases.  A role
    titled with its own organisation's name (the text gave no title) adds no
    title.  Delegations and groups are left out: they are not scored.
    """
    organizations = {o.id: o for o in forum.organizations}
    by_speaker: dict[str, list[Statement]] = {}
    for statement in forum.all_statements():
        by_speaker.setdefault(statement.speaker_id, []).append(statement)
    speakers: list[PredictedSpeaker] = []
    for speaker in forum.speakers:
        if speaker.kind is not ModelSpeakerKind.PERSON:
            continue
        chains: list[list[list[str]]] = []
        titles: list[str] = []
        for role in speaker.roles:
            chain: list[list[str]] = []
            current = role.organization_id
            while current is not None and len(chain) < len(organizations):
                organization = organizations[current]
                chain.append(_variants(organization))
                current = organization.parent_id
            chains.append(chain)
            if not chain or _key(role.title) not in map(_key, chain[0]):
                titles.append(role.title)
        said = by_speaker.get(speaker.id, [])
        speakers.append(
            {
                "name": speaker.name,
                "titles": titles,
                "organizations": chains,
                "verbs": list(dict.fromkeys(s.verb for s in said if s.verb)),
                "statements": [s.text for s in said],
            }
        )
    return {"speakers": speakers}
