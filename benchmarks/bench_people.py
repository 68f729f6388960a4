"""Benchmark grouping speakers into people across forums: does it grow near-linearly?

Builds two deterministic synthetic corpora, of 100 and of 1,000 forums (50
speakers and 100 statements each by default), each drawn from a register of
recurring people sized so that a person appears in 10 forums on average in
both corpora (the same shape at ten times the size: with one register for
both, the small corpus would have hardly any person twice, and the
comparison would time joining against not joining).  A person is written in
one of several ways -- in Chinese characters, in pinyin in either order and
any case, with or without accents, sometimes with a Wikidata id, always with
a role at one of a few organisations.  At least 30% of the speakers' names
are not ASCII (the share is printed).  It times ``people()``,
``organizations()`` and a plain pass that only reads the fields
``people()`` reads, on each corpus: every case once a round, in a new
shuffled order each round, with the garbage collector on and the corpora
``gc.freeze()``-d (building the forums is not timed).  It prints medians
with min-max, and the ratio of the large corpus's time to the small one's
(the median of the rounds' ratios); the target is at most 12 times for 10
times the forums, and the exit status is 1 above it.  The plain pass's
ratio is the floor that memory sets: the small corpus fits in the
processor's caches, the large one does not.

Run it with::

    python benchmarks/bench_people.py
    python benchmarks/bench_people.py --small 10 --large 100  # quick
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable

from anyascii import anyascii

from aigov import (
    Forum,
    Identifier,
    Organization,
    OrganizationKind,
    Role,
    Session,
    SessionKind,
    Speaker,
    Statement,
)
from aigov._people import organizations, people

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国永庆清澜梦晓岚飞宇浩然子涵欣怡思远嘉诚俊杰志强海燕"
_FIRST = ["Ana", "José", "Zoë", "Lukas", "Amélie", "Søren", "Chloé", "Mateo", "Noah", "Émile", "Olga", "Priya", "Kwame", "Aisha", "Björn", "Inés"]  # fmt: skip
_LAST = ["García", "Müller", "Dubois", "Rossi", "Novák", "Silva", "Okafor", "Nakamura", "Kowalski", "Jensen", "Moreau", "Schmidt", "Petrov", "Öztürk", "Fernández", "Smith"]  # fmt: skip

_ORGANIZATIONS = tuple(
    Organization(name=name, kind=OrganizationKind.UNIVERSITY)
    for name in (
        "Tsinghua University",
        "Peking University",
        "University of Oxford",
        "Zhejiang University",
        "Sorbonne University",
        "University of Tokyo",
        "Fudan University",
        "ETH Zurich",
    )
)


def _register(count: int, rng: random.Random) -> list[dict[str, object]]:
    """The recurring people: each with a way to be named, an organisation and maybe an id."""
    register = []
    for index in range(count):
        chinese = rng.random() < 0.6  # noqa: PLR2004 - the shape of the field
        if chinese:
            surname = rng.choice(_SURNAMES)
            given = "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
            native = surname + given
            latin = (anyascii(surname), anyascii(given).capitalize())
        else:
            native = None
            latin = (rng.choice(_FIRST), f"{rng.choice(_LAST)}-{index}")
        register.append(
            {
                "native": native,
                "latin": latin,
                "organization": rng.choice(_ORGANIZATIONS).id,
                "wikidata": f"Q{index + 1}" if rng.random() < 0.3 else None,  # noqa: PLR2004
            }
        )
    return register


def _written(person: dict[str, object], rng: random.Random) -> str:
    """How one forum writes the person's name."""
    native = person["native"]
    family, given = person["latin"]  # type: ignore[misc]
    roll = rng.random()
    if native is not None and roll < 0.5:  # noqa: PLR2004
        return str(native)
    if native is None:
        plain = anyascii(f"{family} {given}")
        return f"{family} {given}" if roll < 0.7 else plain  # noqa: PLR2004
    if roll < 0.7:  # noqa: PLR2004
        return f"{family.upper()} {given}"
    if roll < 0.85:  # noqa: PLR2004
        return f"{given} {family}"  # the reversed order
    return f"{family} {given}"


def corpus(
    forums: int, speakers: int, register_size: int, seed: int, statements: int = 0
) -> tuple[Forum, ...]:
    """A deterministic corpus of *forums* forums of *speakers* speakers each.

    Each forum has one session of *statements* statements, by speakers taken
    in turn: ``people()`` never reads them, but they are what a real forum
    holds most of, so they give the garbage collector a heap of a real
    corpus's shape to walk.
    """
    rng = random.Random(seed)
    register = _register(register_size, rng)
    found = []
    start = datetime.date(2015, 1, 1)
    for index in range(forums):
        chosen = rng.sample(register, speakers)
        found.append(
            Forum(
                name=f"Forum {index}",
                id=f"forum-{index}",
                start_date=start + datetime.timedelta(days=rng.randrange(3650))
                if rng.random() < 0.9  # noqa: PLR2004 - a few undated forums
                else None,
                organizations=_ORGANIZATIONS,
                speakers=tuple(
                    Speaker(
                        name=_written(person, rng),
                        id=f"s{position}",
                        roles=(
                            Role(
                                title="professor",
                                organization_id=str(person["organization"]),
                            ),
                        ),
                        identifiers=(
                            Identifier(
                                scheme="wikidata", value=str(person["wikidata"])
                            ),
                        )
                        if person["wikidata"] and rng.random() < 0.5  # noqa: PLR2004
                        else (),
                    )
                    for position, person in enumerate(chosen)
                ),
                sessions=(
                    Session(
                        title="Plenary",
                        kind=SessionKind.PLENARY,
                        statements=tuple(
                            Statement(
                                speaker_id=f"s{number % speakers}",
                                text=f"Statement {number} of forum {index}.",
                            )
                            for number in range(statements)
                        ),
                    ),
                )
                if statements
                else (),
            )
        )
    return tuple(found)


def _seconds(run: Callable[[], object]) -> float:
    gc.collect()
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def _plain_pass(forums: tuple[Forum, ...]) -> int:
    """Read what people() reads of every speaker, and nothing more: a floor.

    Its growth from the small corpus to the large one is what memory alone
    costs (the large corpus does not fit in the processor's caches); a
    grouping that grows by the same factor is linear in the speakers.
    """
    seen = 0
    for forum in forums:
        for organization in forum.organizations:
            seen += len(organization.name) + len(organization.aliases)
        for speaker in forum.speakers:
            seen += len(speaker.name) + len(speaker.aliases) + len(speaker.names)
            seen += len(speaker.identifiers) + len(speaker.kind.value)
            for role in speaker.roles:
                seen += role.organization_id is not None
    return seen


def _ratios(large: list[float], small: list[float]) -> list[float]:
    return [a / b for a, b in zip(large, small, strict=True)]


def _shown(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}x ({min(values):.2f}-{max(values):.2f})"


def _ms(values: list[float]) -> str:
    median = statistics.median(values) * 1000
    return f"{median:8.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def _non_ascii_share(forums: tuple[Forum, ...]) -> float:
    names = [speaker.name for forum in forums for speaker in forum.speakers]
    return sum(not name.isascii() for name in names) / len(names)


def main(argv: list[str] | None = None) -> int:
    """Time both corpora and print the ratio; exit 1 if it is above the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--small", type=int, default=100, help="forums in the small corpus"
    )
    parser.add_argument(
        "--large", type=int, default=1000, help="forums in the large corpus"
    )
    parser.add_argument("--speakers", type=int, default=50, help="speakers per forum")
    parser.add_argument(
        "--recurrence", type=int, default=10, help="forums per person, on average"
    )
    parser.add_argument(
        "--statements", type=int, default=100, help="statements per forum"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--target", type=float, default=12.0)
    args = parser.parse_args(argv)

    corpora = {}
    for label, count in (("small", args.small), ("large", args.large)):
        register = max(args.speakers, count * args.speakers // args.recurrence)
        forums = corpus(
            count, args.speakers, register, seed=20261201, statements=args.statements
        )
        found = people(forums)
        multi = sum(len(person.speakers) > 1 for person in found)
        print(
            f"{count:>6} forums, {count * args.speakers:>7} speakers, "
            f"{count * args.statements:>8} statements "
            f"({_non_ascii_share(forums):.0%} non-ASCII names): "
            f"{len(found)} people, {multi} in more than one forum"
        )
        corpora[label] = forums
    gc.collect()
    gc.freeze()  # the corpora live through every round: collections skip them
    # Every case once a round, in a new shuffled order each round, so that
    # both sizes meet the same load from whatever else runs on the machine.
    cases = {
        (label, name): functools.partial(function, forums)
        for label, forums in corpora.items()
        for name, function in (
            ("people", people),
            ("organizations", organizations),
            ("plain pass", _plain_pass),
        )
    }
    timings: dict[tuple[str, str], list[float]] = {key: [] for key in cases}
    order = list(cases)
    rng = random.Random(20261201)
    for _ in range(args.rounds):
        rng.shuffle(order)
        for key in order:
            timings[key].append(_seconds(cases[key]))
    for label in corpora:
        print(
            f"{label:>6}: people() {_ms(timings[label, 'people'])}   "
            f"organizations() {_ms(timings[label, 'organizations'])}   "
            f"plain pass {_ms(timings[label, 'plain pass'])}"
        )
    factor = args.large / args.small
    ratios = {
        name: _ratios(timings["large", name], timings["small", name])
        for name in ("people", "organizations", "plain pass")
    }
    people_ratio = statistics.median(ratios["people"])
    print(
        f"ratio for {factor:g}x the forums (median, min-max): "
        f"people() {_shown(ratios['people'])}, "
        f"organizations() {_shown(ratios['organizations'])} "
        f"(target: at most {args.target:g}x); a plain pass over the speakers' "
        f"fields people() reads: {_shown(ratios['plain pass'])}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if people_ratio <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
