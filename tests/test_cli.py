import subprocess
import sys
from pathlib import Path

import aigov


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line the way a user does, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "aigov", *args],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )


def test_show_prints_the_bundled_forum() -> None:
    """`aigov show` summarises sessions, speakers with roles, and statements."""
    result = run("show")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("2021 International AI Cooperation and Governance Forum")
    assert "How to build a Balanced and Inclusive AI Governance Framework" in out
    assert "Li Meng (vice-minister, Ministry of Science and Technology)" in out
    assert "Li Meng stressed the governance of AI in the future should be agile" in out


def test_show_reads_a_file(tmp_path: Path) -> None:
    """`aigov show FILE` summarises a forum saved with dump()."""
    forum = aigov.Forum(
        name="Résumé Forum", start_date=aigov.datasets.tsinghua_2021().start_date
    )
    path = tmp_path / "f.json"
    aigov.dump(forum, path)
    result = run("show", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Résumé Forum")


def test_show_of_a_missing_file_exits_2_without_traceback(tmp_path: Path) -> None:
    """An unreadable file is one clear line on stderr and exit status 2."""
    result = run("show", str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.json" in result.stderr


def test_show_of_an_invalid_file_lists_the_problems(tmp_path: Path) -> None:
    """An invalid file prints its problems with locations and exits 2."""
    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 1, "name": 3}', encoding="utf-8")
    result = run("show", str(path))
    assert result.returncode == 2
    assert "name: expected a string, got an integer" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_script_is_installed() -> None:
    """The `aigov` entry point is declared and runs main()."""
    script = Path(sys.executable).parent / "aigov"
    result = subprocess.run(
        [str(script), "show"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
