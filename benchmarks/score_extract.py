"""Score the extraction engine on the development set, each half on its own.

Prints, for ``tests/data/reports/dev`` and ``tests/data/reports/frozen``
separately, the per-field table of :mod:`aigov._scoring` (speakers, titles,
organisations, statements, verbs: precision, recall, F1) and the share of
evidence spans whose text is exactly the slice of the report they point to.

Run it with::

    PYTHONPATH=src python benchmarks/score_extract.py            # both halves
    PYTHONPATH=src python benchmarks/score_extract.py --half dev  # one half
    PYTHONPATH=src python benchmarks/score_extract.py --half dev --show NAME
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from aigov._extraction import Draft, Phrase, draft_to_prediction, extract_draft
from aigov._scoring import Gold, Scores, format_table, score_report

REPORTS = Path(__file__).parent.parent / "tests" / "data" / "reports"


def phrases(draft: Draft) -> list[Phrase]:
    """Every phrase of a draft: the evidence to check against the text."""
    found: list[Phrase] = []
    for person in draft.people:
        found.append(person.name)
        for role in person.roles:
            found += [p for p in (role.title, role.state) if p is not None]
            found += role.organisations
    for organisation in draft.organisations:
        found += [organisation.name, *organisation.abbreviations]
    for session in draft.sessions:
        found.append(session.name)
    for statement in draft.statements:
        found += [p for p in (statement.text, statement.verb) if p is not None]
    found += [p for p in (draft.forum_name, draft.location) if p is not None]
    found += [x.phrase for x in (draft.date, draft.attendance) if x is not None]
    found += draft.countries
    return found


def score_half(half: str) -> tuple[Scores, int, int, float]:
    """Score one half; return its scores, exact and total spans, and seconds."""
    total = Scores()
    exact = spans = 0
    elapsed = 0.0
    for path in sorted((REPORTS / half).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold: Gold = json.loads(
            path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8")
        )
        began = time.perf_counter()
        draft = extract_draft(text)
        elapsed += time.perf_counter() - began
        total += score_report(gold, draft_to_prediction(draft))
        for phrase in phrases(draft):
            spans += 1
            exact += text[phrase.span.start : phrase.span.end] == phrase.text
    return total, exact, spans, elapsed


def show(half: str, name: str) -> None:
    """Print what was extracted from one report of the dev half, for tuning."""
    text = (REPORTS / half / f"{name}.txt").read_text(encoding="utf-8")
    prediction = draft_to_prediction(extract_draft(text))
    print(json.dumps(prediction, indent=1, ensure_ascii=False))


def main() -> None:
    """Print the table of each half asked for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--half", choices=["dev", "frozen"], action="append")
    parser.add_argument(
        "--show", metavar="NAME", help="print one dev report's prediction"
    )
    args = parser.parse_args()
    if args.show:
        show("dev", args.show)
        return
    for half in args.half or ["dev", "frozen"]:
        scores, exact, spans, elapsed = score_half(half)
        print(f"== {half} half")
        print(format_table(scores))
        share = exact / spans if spans else 1.0
        print(f"evidence exact: {exact}/{spans} spans ({share:.1%})")
        rate = scores.reports / elapsed if elapsed else float("inf")
        print(f"{rate:.0f} reports per second\n")


if __name__ == "__main__":
    main()
