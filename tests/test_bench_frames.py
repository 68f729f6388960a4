import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_frames.py"
pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason="the benchmarks are not in this tree"
)


def test_the_frames_benchmark_runs_in_its_small_mode() -> None:
    """A small run prints every case and the frame's ratio to the load (times not checked)."""
    pytest.importorskip("pyarrow")
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--forums", "5", "--statements", "50", "--rounds", "1"),
        ],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode in {0, 1}, result.stderr
    for case in ("load_corpus", "statements_frame", "speakers_frame", "statement rows"):
        assert f"  {case} " in result.stdout
    assert "target: statements_frame at most 1.0 x load_corpus:" in result.stdout
