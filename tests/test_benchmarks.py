import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"


@pytest.mark.skipif(not BENCH.exists(), reason="the benchmarks are not in this tree")
def test_benchmark_runs_in_smoke_mode() -> None:
    """The benchmark runs end to end on a tiny corpus, leaving out absent competitors."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    for heading in ("decode", "encode", "memory", "start-up"):
        assert heading in result.stdout
    assert "aigov.from_json (stdlib)" in result.stdout
