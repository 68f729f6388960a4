import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_corpus.py"
pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason="the benchmarks are not in this tree"
)


@pytest.fixture(scope="module")
def report() -> str:
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--forums", "20", "--statements", "40", "--rounds", "1"),
        ],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_corpus_benchmark_reports_every_target(report: str) -> None:
    """A small run prints the load, people() and query ratios the issue asks for."""
    assert "load_corpus / sum of from_json:" in report
    assert "20 / 2 forums:" in report
    assert "people() / load_corpus:" in report
    assert report.count("query / scan") == 3


def test_the_corpus_benchmark_text_is_at_least_30_percent_non_ascii(
    report: str,
) -> None:
    """The statements' text is at least 30% non-ASCII characters, as real data is."""
    share = re.search(r"(\d+)% of the statements' characters not ASCII", report)
    assert share is not None
    assert int(share.group(1)) >= 30
