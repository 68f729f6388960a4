# ruff: noqa: PLR2004 - the probabilities of the shape are the point
"""A deterministic synthetic forum document, shaped like aigov's model.

``make_document(statements=100_000)`` returns the plain-dict form (as
:func:`aigov.to_dict` writes it) of one large forum: many organisations, some
inside others, with identifiers; speakers with one to three roles; sessions
with chairs, speakers and statements.  The same arguments always give the same
document, in any process.  Run as a script to write it as canonical JSON::

    python benchmarks/corpus.py --statements 100000 > corpus.json
"""

from __future__ import annotations

import argparse
import random
import sys
from typing import Any

_WORDS = [
    "artificial",
    "intelligence",
    "governance",
    "cooperation",
    "international",
    "standards",
    "research",
    "development",
    "ethics",
    "privacy",
    "security",
    "safety",
    "risk",
    "regulation",
    "innovation",
    "inclusion",
    "sustainable",
    "digital",
    "divide",
    "trust",
    "transparency",
    "accountability",
    "frameworks",
    "principles",
    "multilateral",
    "dialogue",
    "capacity",
    "building",
    "education",
    "talent",
    "data",
    "sharing",
    "openness",
    "responsible",
    "global",
    "community",
    "future",
    "humanity",
    "technology",
    "policy",
    "institutions",
    "public",
    "health",
]
# A minority of statements carry non-ASCII text, as real forums do.
_FOREIGN = [
    "coopération",
    "gouvernance",
    "éthique",
    "人工智能",
    "治理",
    "合作",
    "Ωμέγα",
    "İstanbul",
]
_VERBS = ("said", "stressed", "pointed out", "noted", "called for", "argued")
_TOPICS = [
    "climate",
    "cooperation",
    "development",
    "education",
    "ethics",
    "governance",
    "health",
    "inclusion",
    "innovation",
    "privacy",
    "regulation",
    "research",
    "security",
    "sustainability",
]
_ORG_KINDS = [
    "ministry",
    "government",
    "legislature",
    "advisory",
    "university",
    "institute",
    "intergovernmental",
    "ngo",
    "company",
    "association",
    "other",
]
_SESSION_KINDS = ("opening_ceremony", "plenary", "keynote", "panel", "closing", "other")
_COUNTRIES = ("CN", "US", "GB", "FR", "DE", "JP", "KR", "IN", "SG", "SE", "BR", "ZA")


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_WORDS) for _ in range(words)]
    if rng.random() < 0.1:
        picked[rng.randrange(words)] = rng.choice(_FOREIGN)
    return " ".join(picked).capitalize() + "."


def _organization(rng: random.Random, index: int) -> dict[str, Any]:
    org_id = f"org-{index}"
    return {
        "abbreviation": f"O{index}" if rng.random() < 0.5 else None,
        "aliases": [f"Organisation number {index}"] if rng.random() < 0.3 else [],
        "country": rng.choice(_COUNTRIES) if rng.random() < 0.8 else None,
        "id": org_id,
        "identifiers": (
            [{"scheme": "wikidata", "value": f"Q{index + 1000}"}]
            if rng.random() < 0.3
            else []
        ),
        "kind": rng.choice(_ORG_KINDS),
        "name": f"{_sentence(rng, 3)[:-1]} {index}",
        # Only earlier organisations: parents never form a cycle.
        "parent_id": f"org-{rng.randrange(index)}"
        if index and rng.random() < 0.3
        else None,
    }


def _speaker(rng: random.Random, index: int, organizations: int) -> dict[str, Any]:
    return {
        "aliases": [f"S. {index}"] if rng.random() < 0.2 else [],
        "country": rng.choice(_COUNTRIES) if rng.random() < 0.3 else None,
        "id": f"speaker-{index}",
        "identifiers": (
            [{"scheme": "orcid", "value": f"0000-0000-{index:04d}"}]
            if rng.random() < 0.2
            else []
        ),
        "name": f"Speaker {index} {rng.choice(_FOREIGN) if rng.random() < 0.1 else ''}".strip(),
        "roles": [
            {
                "organization_id": (
                    f"org-{rng.randrange(organizations)}"
                    if rng.random() < 0.9
                    else None
                ),
                "title": rng.choice(
                    ("professor", "minister", "director", "dean", "chair")
                ),
            }
            for _ in range(rng.randint(1, 3))
        ],
    }


def _statement(rng: random.Random, index: int, speakers: int) -> dict[str, Any]:
    speaker_id = f"speaker-{rng.randrange(speakers)}"
    return {
        "id": f"{speaker_id}-{index:08x}",
        "kind": "quote" if rng.random() < 0.2 else "paraphrase",
        "speaker_id": speaker_id,
        "text": " ".join(
            _sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(2, 4))
        ),
        "topics": rng.sample(_TOPICS, rng.randint(0, 3)),
        "verb": rng.choice(_VERBS) if rng.random() < 0.8 else None,
    }


def make_document(
    *,
    statements: int = 100_000,
    statements_per_session: int = 50,
    speakers: int | None = None,
    organizations: int | None = None,
    seed: int = 2021,
) -> dict[str, Any]:
    """Return the plain-dict form of one synthetic forum.

    Args:
        statements: How many statements the forum holds in all.
        statements_per_session: How many statements each session holds.
        speakers: How many speakers; by default one per 20 statements.
        organizations: How many organisations; by default one per 5 speakers.
        seed: The seed of the generator: the same seed, the same document.
    """
    rng = random.Random(seed)
    speakers = speakers or max(1, statements // 20)
    organizations = organizations or max(1, speakers // 5)
    sessions = []
    made = 0
    while made < statements or not sessions:
        count = min(statements_per_session, statements - made)
        index = len(sessions)
        sessions.append(
            {
                "chair_ids": [f"speaker-{rng.randrange(speakers)}"],
                "id": f"session-{index}",
                "kind": rng.choice(_SESSION_KINDS),
                "speaker_ids": sorted(
                    {
                        f"speaker-{rng.randrange(speakers)}"
                        for _ in range(rng.randint(0, 4))
                    }
                ),
                "statements": [
                    _statement(rng, made + j, speakers) for j in range(count)
                ],
                "title": f"Session {index}: {_sentence(rng, 4)[:-1]}",
            }
        )
        made += count
    return {
        "attendance": 100 + statements // 10,
        "countries": list(_COUNTRIES),
        "end_date": "2021-12-05",
        "host_ids": ["org-0"],
        "id": "synthetic-forum",
        "location": "Beijing",
        "name": f"Synthetic forum with {statements} statements",
        "organizations": [_organization(rng, i) for i in range(organizations)],
        "schema_version": 1,
        "sessions": sessions,
        "sources": [
            {
                "published": "2021-12-06",
                "publisher": "Synthetic Press",
                "title": "A generated report",
                "url": "https://example.invalid/report",
            }
        ],
        "speakers": [_speaker(rng, i, organizations) for i in range(speakers)],
        "start_date": "2021-12-04",
        "supporter_ids": [f"org-{i}" for i in range(1, min(4, organizations))],
    }


def main(argv: list[str] | None = None) -> None:
    """Write the synthetic forum as canonical JSON to standard output."""
    import json  # noqa: PLC0415 - only the script needs it

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args(argv)
    document = make_document(statements=args.statements, seed=args.seed)
    sys.stdout.write(
        json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    )


if __name__ == "__main__":
    main()
