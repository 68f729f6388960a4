# ruff: noqa: PLR2004, RUF001 - the probabilities of the shape are the point; Chinese text uses full-width punctuation
"""A deterministic synthetic forum document, shaped like aigov's model.

``make_document(statements=100_000)`` returns the plain-dict form of one large
forum in schema version 2: many organisations, some inside others, with
identifiers; speakers with one to three roles; sessions with participants
(a chair and some speakers) and statements; the attendance as a qualified
count.  Every field is written out, as :func:`aigov.to_dict` writes it, except
the statements' ids: those are left for aigov to derive, as the author of a
forum file usually leaves them (load the document and write it again to get
the canonical form).

With ``evidence=True`` the forum's one source keeps its text, made of every
statement's text in order, and every statement carries one evidence that
points at its own text in it by exact offsets: the shape of a dataset whose
every statement is backed by its report.

Chinese names and statements are normal in this field, so most of the text is
Chinese or mixes Chinese and English: :func:`non_ascii_share` of the canonical
JSON is well above 30%.  The same arguments always give the same document, in
any process (only a seeded :class:`random.Random` decides).  Run as a script to
write it as JSON::

    python benchmarks/corpus.py --statements 100000 > corpus.json
    python benchmarks/corpus.py --statements 100000 --evidence > evidence.json
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
# Words of Chinese policy speech; sentences are runs of them without spaces,
# as Chinese is written.
_CHINESE_WORDS = [
    "人工智能",
    "治理",
    "国际合作",
    "标准",
    "研究",
    "发展",
    "伦理",
    "隐私",
    "安全",
    "风险",
    "监管",
    "创新",
    "包容",
    "可持续",
    "数字鸿沟",
    "信任",
    "透明",
    "问责",
    "框架",
    "原则",
    "多边",
    "对话",
    "能力建设",
    "教育",
    "人才",
    "数据共享",
    "开放",
    "负责任",
    "全球",
    "人类命运共同体",
    "未来",
    "技术",
    "政策",
    "机构",
    "公共卫生",
    "我们",
    "需要",
    "加强",
    "推动",
    "促进",
    "各国",
    "共同",
    "应当",
    "坚持",
    "以人为本",
    "智能向善",
    "的",
    "和",
    "在",
    "方面",
]
# English terms that Chinese speakers keep in English.
_LATIN_TERMS = ["AI", "OECD", "GPAI", "ISO/IEC 42001", "ChatGPT", "G20", "UNESCO"]
_VERBS = ("said", "stressed", "pointed out", "noted", "called for", "argued")
_CHINESE_VERBS = ("表示", "强调", "指出", "认为", "呼吁", "提出")
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
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
)
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国晓玲志鹏宇欣然浩婷"
_WESTERN_NAMES = (
    "Anna Schmidt",
    "John Smith",
    "Marie Dubois",
    "Kenji Sato",
    "Ji-woo Kim",
    "Priya Sharma",
    "Lars Andersson",
    "Thabo Nkosi",
    "Ana Souza",
    "Wei Lin Tan",
)
_CITIES = (
    "北京",
    "上海",
    "深圳",
    "杭州",
    "南京",
    "武汉",
    "成都",
    "西安",
    "天津",
    "广州",
)
_FIELDS = ("人工智能", "数字经济", "科技伦理", "网络空间", "智能计算", "数据治理")
_CHINESE_KINDS = ("研究院", "大学", "实验室", "委员会", "协会", "中心", "公司")
_ENGLISH_KINDS = ("Institute", "University", "Council", "Association", "Centre")
_ENGLISH_FIELDS = ("AI Safety", "Digital Policy", "Technology Ethics", "Data Science")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _chinese_sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_CHINESE_WORDS) for _ in range(words)]
    if words > 6 and rng.random() < 0.6:
        picked.insert(rng.randrange(2, words - 2), "，")
    return "".join(picked) + "。"


def _mixed_sentence(rng: random.Random, words: int) -> str:
    # Chinese with an English term in it, or English with a Chinese term.
    if rng.random() < 0.7:
        picked = [rng.choice(_CHINESE_WORDS) for _ in range(words)]
        picked.insert(rng.randrange(words), f" {rng.choice(_LATIN_TERMS)} ")
        return "".join(picked).strip() + "。"
    picked = [rng.choice(_WORDS) for _ in range(words)]
    picked[rng.randrange(words)] = f"“{rng.choice(_CHINESE_WORDS)}”"
    return " ".join(picked).capitalize() + "."


def _statement_text(rng: random.Random) -> tuple[str, bool]:
    """Return a statement's text, and whether it is mostly Chinese."""
    draw = rng.random()
    if draw < 0.65:
        count = rng.randint(3, 6)
        sentences = (_chinese_sentence(rng, rng.randint(8, 16)) for _ in range(count))
        return "".join(sentences), True
    if draw < 0.85:
        count = rng.randint(2, 4)
        return "".join(
            _mixed_sentence(rng, rng.randint(5, 10)) for _ in range(count)
        ), True
    count = rng.randint(2, 3)
    return " ".join(_sentence(rng, rng.randint(6, 14)) for _ in range(count)), False


def _chinese_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(
        rng.choice(_GIVEN) for _ in range(rng.randint(1, 2))
    )


def _organization(rng: random.Random, index: int) -> dict[str, Any]:
    if rng.random() < 0.6:
        name = (
            f"{rng.choice(_CITIES)}{rng.choice(_FIELDS)}"
            f"{rng.choice(_CHINESE_KINDS)}第{index}分部"
        )
        org_id = f"org-{index}"
        abbreviation = None
    else:
        kind = rng.choice(_ENGLISH_KINDS)
        field = rng.choice(_ENGLISH_FIELDS)
        name = f"{field} {kind} {index}"
        # An id written as its name's slug, as people do: aigov derives the same.
        org_id = name.lower().replace(" ", "-")
        abbreviation = f"{field[0]}{kind[0]}{index}"
    return {
        "abbreviation": abbreviation,
        "aliases": [f"Organisation number {index}"] if rng.random() < 0.3 else [],
        "country": rng.choice(_COUNTRIES) if rng.random() < 0.8 else None,
        "id": org_id,
        "identifiers": (
            [{"scheme": "wikidata", "value": f"Q{index + 1000}"}]
            if rng.random() < 0.3
            else []
        ),
        "kind": rng.choice(_ORG_KINDS),
        "evidence": [],
        "name": name,
        "names": [],
        "parent_id": None,  # filled in by make_document, which knows the ids
    }


def _speaker(rng: random.Random, index: int, org_ids: list[str]) -> dict[str, Any]:
    chinese = rng.random() < 0.7
    name = _chinese_name(rng) if chinese else rng.choice(_WESTERN_NAMES)
    return {
        "aliases": [f"{name}（{index}）"] if rng.random() < 0.2 else [],
        "country": ("CN" if chinese else rng.choice(_COUNTRIES))
        if rng.random() < 0.3
        else None,
        "evidence": [],
        "id": f"speaker-{index}",
        "identifiers": (
            [{"scheme": "orcid", "value": f"0000-0000-{index:04d}"}]
            if rng.random() < 0.2
            else []
        ),
        "kind": "person",
        "name": name,
        "names": [],
        "roles": [
            {
                "country": None,
                "evidence": [],
                "organization_id": (
                    rng.choice(org_ids) if rng.random() < 0.9 else None
                ),
                "title": rng.choice(
                    ("教授", "部长", "主任", "院长", "professor", "director", "chair")
                ),
            }
            for _ in range(rng.randint(1, 3))
        ],
    }


def _statement(rng: random.Random, speakers: int) -> dict[str, Any]:
    text, chinese = _statement_text(rng)
    verbs = _CHINESE_VERBS if chinese else _VERBS
    return {
        "evidence": [],
        "kind": "quote" if rng.random() < 0.2 else "paraphrase",
        "speaker_id": f"speaker-{rng.randrange(speakers)}",
        "text": text,
        "topics": rng.sample(_TOPICS, rng.randint(0, 3)),
        "verb": rng.choice(verbs) if rng.random() < 0.8 else None,
    }


def make_document(
    *,
    statements: int = 100_000,
    statements_per_session: int = 50,
    speakers: int | None = None,
    organizations: int | None = None,
    evidence: bool = False,
    seed: int = 2021,
) -> dict[str, Any]:
    """Return the plain-dict form of one synthetic forum, statement ids left out.

    Args:
        statements: How many statements the forum holds in all.
        statements_per_session: How many statements each session holds.
        speakers: How many speakers; by default one per 20 statements.
        organizations: How many organisations; by default one per 5 speakers.
        evidence: Whether the source keeps its text and every statement has
            an evidence into it (``source.text[start:end] == text``).  The
            rest of the document is the same with or without it.
        seed: The seed of the generator: the same seed, the same document.
    """
    rng = random.Random(seed)
    speakers = speakers or max(1, statements // 20)
    organizations = organizations or max(1, speakers // 5)
    orgs = [_organization(rng, i) for i in range(organizations)]
    org_ids = [org["id"] for org in orgs]
    for index, org in enumerate(orgs):
        # Only earlier organisations: parents never form a cycle.
        if index and rng.random() < 0.3:
            org["parent_id"] = org_ids[rng.randrange(index)]
    sessions = []
    made = 0
    while made < statements or not sessions:
        count = min(statements_per_session, statements - made)
        index = len(sessions)
        title = (
            f"第{index}场分论坛：{_chinese_sentence(rng, 3)[:-1]}"
            if rng.random() < 0.6
            else f"Session {index}: {_sentence(rng, 4)[:-1]}"
        )
        chair = f"speaker-{rng.randrange(speakers)}"
        others = {
            f"speaker-{rng.randrange(speakers)}" for _ in range(rng.randint(0, 4))
        }
        sessions.append(
            {
                "date": None,
                "evidence": [],
                "id": f"session-{index}",
                "kind": rng.choice(_SESSION_KINDS),
                "partial": [],
                "participants": [
                    {"part": "chair", "speaker_id": chair},
                    *(
                        {"part": "speaker", "speaker_id": other}
                        for other in sorted(others)
                    ),
                ],
                "statements": [_statement(rng, speakers) for _ in range(count)],
                "title": title,
            }
        )
        made += count
    source: dict[str, Any] = {
        "id": _SOURCE_ID,
        "published": "2021-12-06",
        "publisher": "合成出版社",
        "text": None,
        "title": "A generated report",
        "url": "https://example.invalid/report",
    }
    if evidence:
        source["text"] = _cite_every_statement(sessions)
    return {
        "attendance": {"relation": "more_than", "value": 100 + statements // 10},
        "countries": list(_COUNTRIES),
        "end_date": "2021-12-05",
        "host_ids": [org_ids[0]],
        "id": "synthetic-forum",
        "location": "北京",
        "name": f"人工智能治理合成论坛（{statements}条发言）",
        "organizations": orgs,
        "partial": [],
        "schema_version": 2,
        "series": None,
        "sessions": sessions,
        "sources": [source],
        "speakers": [_speaker(rng, i, org_ids) for i in range(speakers)],
        "start_date": "2021-12-04",
        "supporter_ids": org_ids[1:4],
    }


_SOURCE_ID = "a-generated-report"


def _cite_every_statement(sessions: list[dict[str, Any]]) -> str:
    """Give every statement an evidence into one text; return that text."""
    parts: list[str] = []
    length = 0
    for session in sessions:
        # A heading between the sessions, as a report has.
        heading = f"{session['title']}\n"
        parts.append(heading)
        length += len(heading)
        for statement in session["statements"]:
            text = statement["text"]
            statement["evidence"] = [
                {
                    "end": length + len(text),
                    "source_id": _SOURCE_ID,
                    "start": length,
                    "text": text,
                }
            ]
            parts.append(text + "\n")
            length += len(text) + 1
    return "".join(parts)


def non_ascii_share(text: str) -> float:
    """Return the share of *text*'s characters that are not ASCII (0 to 1)."""
    if not text:
        return 0.0
    ascii_characters = len(text.encode("ascii", "ignore"))
    return 1 - ascii_characters / len(text)


def main(argv: list[str] | None = None) -> None:
    """Write the synthetic forum as sorted, compact JSON to standard output."""
    import json  # noqa: PLC0415 - only the script needs it

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--evidence",
        action="store_true",
        help="the source's text, and evidence into it on every statement",
    )
    args = parser.parse_args(argv)
    document = make_document(
        statements=args.statements, evidence=args.evidence, seed=args.seed
    )
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.write(
        json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    )


if __name__ == "__main__":
    main()
