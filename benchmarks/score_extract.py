"""Score ``aigov.extract.extract`` on the development set, each half on its own.

Each report goes through ``extract()`` to a :class:`~aigov.Forum`, and the
forum through ``forum_to_prediction`` to the scorer.  Prints, for ``tests/data/reports/dev`` and ``tests/data/reports/frozen``
separately, the per-field table of :mod:`aigov._scoring` (speakers, titles,
organisations, statements, verbs: precision, recall, F1), the share of the
forum's evidence passages whose text is exactly the slice of the report they
point to, and the reports extracted per second.

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

from aigov._extraction import forum_to_prediction
from aigov._extraction._forum import evidence_of
from aigov._scoring import Gold, Scores, format_table, score_report
from aigov.extract import extract

REPORTS = Path(__file__).parent.parent / "tests" / "data" / "reports"


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
        forum = extract(text)
        elapsed += time.perf_counter() - began
        total += score_report(gold, forum_to_prediction(forum))
        for evidence in evidence_of(forum):
            spans += 1
            exact += text[evidence.start or 0 : evidence.end or 0] == evidence.text
    return total, exact, spans, elapsed


def show(half: str, name: str) -> None:
    """Print what was extracted from one report of the dev half, for tuning."""
    text = (REPORTS / half / f"{name}.txt").read_text(encoding="utf-8")
    prediction = forum_to_prediction(extract(text))
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
