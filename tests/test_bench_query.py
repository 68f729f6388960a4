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
    assert "200 speakers, 1,000 statements" in result.stdout
