"""Smoke tests of ``benchmarks/bench.py``: it runs and prints every row (no timings)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"
pytestmark = pytest.mark.skipif(
    not BENCH.exists(), reason="the benchmarks are not in this tree"
)

# The sizes --smoke runs, as the report labels them.
SMOKE_SIZES = ("20", "100")
# Every ratio the performance issue states a target for, and the context rows.
RATIO_ROWS = (
    "from_json (fast) / msgspec Structs decode, str",
    "from_json (fast) / msgspec Structs decode, bytes (load)",
    "to_json (fast) / floor (msgspec sorted -> str)",
    "to_json_bytes / msgspec sorted encode",
    "dump / (msgspec encode + indent + write)",
    "from_json hand-written / canonical (fast)",
    "stdlib: from_json / json.loads, str",
    "stdlib: from_json / json.loads, bytes (load)",
    "stdlib: to_json / json.dumps (sorted, non-ASCII as is)",
    "from_json hand-written / canonical (stdlib)",
    "from_json (fast) / msgspec Structs decode, with evidence",
    "stdlib: from_json / json.loads, with evidence",
    "context: from_json (fast), with evidence / without",
    "context: msgspec Structs decode, with evidence / without",
    "context: stdlib from_json, with evidence / without",
    "memory: aigov objects / plain dicts (fast)",
    "memory: aigov objects / plain dicts (stdlib)",
    "context: pydantic decode / msgspec Structs decode",
    "context: pydantic encode / msgspec Structs encode",
)
ONCE_ROWS = (
    "collectable after failed load: bad enum value (kind) (fast)",
    "collectable after failed load: bad enum value (kind) (stdlib)",
    "collectable after failed load: dangling speaker_id (fast)",
    "collectable after failed load: dangling speaker_id (stdlib)",
    "import aigov - python -c pass",
)
# A measured ratio ("1.23x") or the marker of a case aigov does not have yet.
VALUE = r"(\d+\.\d\dx|n/a \(not available\))"


@pytest.fixture(scope="module")
def smoke_report() -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_help_works() -> None:
    """``bench.py --help`` describes the options without running anything."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--help"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert "--sizes" in result.stdout
    assert "--smoke" in result.stdout


def test_smoke_report_has_every_section(smoke_report: str) -> None:
    """The report has the per-size tables, ratios, memory, failures and start-up."""
    for heading in (
        "=== 20 statements:",
        "=== 100 statements:",
        "fast configuration, 2 rounds: times",
        "stdlib configuration, 2 rounds: times",
        "ratios of wall times",
        "memory of the loaded form",
        "objects left for gc.collect() after a failed from_json",
        "start-up (",
        "load average at the end",
    ):
        assert heading in smoke_report


def test_every_ratio_row_is_printed_for_every_size(smoke_report: str) -> None:
    """Each ratio of the issue gets a value (or n/a) and a target for each size."""
    for name in RATIO_ROWS:
        for size in SMOKE_SIZES:
            row = re.escape(name) + r"\s+" + size + r"\s+" + VALUE
            assert re.search(row, smoke_report), f"no row {name!r} at {size}"


def test_the_one_off_rows_are_printed(smoke_report: str) -> None:
    """The failed-load and import-time rows each appear."""
    for name in ONCE_ROWS:
        assert name in smoke_report


def test_the_report_states_the_non_ascii_share(smoke_report: str) -> None:
    """Each size's heading gives the measured share of non-ASCII characters."""
    shares = re.findall(r"([\d.]+)% non-ASCII", smoke_report)
    assert len(shares) == len(SMOKE_SIZES)
    assert all(float(share) >= 30 for share in shares)


def test_the_stdlib_configuration_runs_without_msgspec(smoke_report: str) -> None:
    """The stdlib worker hid msgspec (else the report says PROBLEM) and built inputs right."""
    assert "PROBLEM" not in smoke_report
