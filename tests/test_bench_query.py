import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_query.py"


def test_the_query_benchmark_runs_in_its_small_mode() -> None:
    """The benchmark script runs and reports its ratios (times are not checked)."""
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--speakers",
            "200",
            "--statements",
            "1000",
            "--organizations",
            "50",
            "--repeat",
            "20",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ratio scan/indexed" in result.stdout
    assert result.stdout.count("ratio first contains query/plain scan") == 2
    assert "200 speakers, 1,000 statements" in result.stdout


def test_the_query_benchmark_text_is_at_least_30_percent_non_ascii() -> None:
    """The benchmark's statements hold at least 30% non-ASCII characters, as real data does."""
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--speakers", "50", "--statements", "500"),
            *("--organizations", "20", "--repeat", "3"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    share = re.search(
        r"statement text: (\d+)% of its characters are non-ASCII", result.stdout
    )
    assert share is not None
    assert int(share.group(1)) >= 30
