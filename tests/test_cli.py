import csv
import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import aigov
from aigov import query
from aigov._table import display_width

FORUM = aigov.datasets.tsinghua_2021()


def run(*args: str, columns: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line the way a user does, in a separate process."""
    env = dict(os.environ)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "aigov", *args],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
        env=env,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a usage mistake prints; checks exit 2 and no traceback."""
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aigov")
    return lines[0]


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


# --- speakers, statements, organizations ----------------------------------------


def test_speakers_ministry_lists_the_three_officials() -> None:
    """`aigov speakers --ministry` prints a table of the ministry people."""
    result = run("speakers", "--ministry")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "ROLES"]
    assert [line.split()[0] for line in lines[1:] if not line.startswith(" ")] == [
        "li-meng",
        "xu-xiaolan",
        "ma-shengkun",
    ]


def test_speakers_with_a_named_ministry_as_csv() -> None:
    """`--ministry MIIT --format csv` is a header row and Xu Xiaolan's row."""
    result = run("speakers", "--ministry", "MIIT", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "name", "country", "roles"]
    assert [row[0] for row in rows[1:]] == ["xu-xiaolan"]
    assert "Ministry of Industry and Information Technology" in rows[1][3]


def test_speakers_as_json_are_the_to_json_of_each_speaker() -> None:
    """`--format json` is one JSON array of what to_json gives for each speaker."""
    result = run("speakers", "--country", "China", "--format", "json")
    assert result.returncode == 0, result.stderr
    expected = query.speakers(FORUM, country="CN")
    decoded = json.loads(result.stdout)
    assert [aigov.from_dict(item, aigov.Speaker) for item in decoded] == list(expected)
    assert (
        result.stdout
        == "[\n" + ",\n".join(aigov.to_json(s) for s in expected) + "\n]\n"
    )


def test_statements_contains_privacy() -> None:
    """`aigov statements --contains privacy` shows Qiu Yong and Andrew Chi-Chih Yao."""
    result = run("statements", "--contains", "privacy", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["speaker"] for row in rows] == ["Qiu Yong", "Andrew Chi-Chih Yao"]
    assert all("privacy" in row["text"] for row in rows)


def test_statements_combine_speaker_side_and_statement_filters() -> None:
    """Speaker-side filters and --topic all hold at once."""
    result = run(
        "statements", "--ministry", "--topic", "regulation", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [item["speaker_id"] for item in found] == ["ma-shengkun"]


def test_organizations_within_as_csv() -> None:
    """`aigov organizations --within Tsinghua` lists the university and its units."""
    result = run("organizations", "--within", "Tsinghua", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["id"] for row in rows] == [
        "tsinghua-university",
        "i-aiig",
        "schwarzman-college",
    ]
    assert rows[1]["parent_id"] == "tsinghua-university"


def test_an_empty_result_is_an_empty_array_or_a_bare_header() -> None:
    """No match is not an error: json gives [], a table just its header."""
    as_json = run("speakers", "--title", "astronaut", "--format", "json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout) == []
    as_table = run("speakers", "--title", "astronaut")
    assert as_table.stdout.split() == ["ID", "NAME", "ROLES"]


@pytest.mark.parametrize("command", ["speakers", "statements", "organizations"])
@pytest.mark.parametrize("columns", [50, 72])
def test_tables_fit_the_terminal_width(command: str, columns: int) -> None:
    """Every line of a table fits COLUMNS cells; long text wraps instead."""
    result = run(command, columns=columns)
    assert result.returncode == 0, result.stderr
    widths = [display_width(line) for line in result.stdout.splitlines()]
    assert max(widths) <= columns
    assert len(widths) > len(FORUM.speakers)  # something did wrap


def test_a_wrapped_table_keeps_every_word() -> None:
    """Wrapping loses no text: the words of the table are the words of the data."""
    result = run("statements", "--speaker", "li-meng", columns=50)
    text = FORUM.all_statements()[4].text
    assert FORUM.all_statements()[4].speaker_id == "li-meng"
    printed = result.stdout.split()
    assert all(word in printed for word in text.split())


def test_piped_output_has_no_decorations() -> None:
    """Output to a pipe has no escape codes and no rule under the header."""
    result = run("organizations")
    assert "\x1b" not in result.stdout
    assert "---" not in result.stdout


# --- bad input ----------------------------------------------------------------------


def test_an_unknown_country_is_one_line_with_a_suggestion() -> None:
    """`--country Chna` exits 2 with one line suggesting China."""
    line = one_error_line(run("speakers", "--country", "Chna"))
    assert line == (
        "aigov: error: --country: 'Chna' is not a country; did you mean 'China' (CN)?"
    )


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("speakers", "--ministry", "Ministry of Truth"), "--ministry"),
        (("speakers", "--organization", "UNESCO"), "--organization"),
        (("speakers", "--kind", "castle"), "--kind"),
        (("statements", "--speaker", "Nobody"), "--speaker"),
        (("statements", "--session", "closing"), "--session"),
        (("statements", "--contains", "?!"), "--contains"),
        (("organizations", "--within", "UNESCO"), "--within"),
    ],
)
def test_unknown_filter_values_are_one_line_naming_the_option(
    args: tuple[str, ...], option: str
) -> None:
    """A value that names nothing exits 2 with one line naming option and value."""
    line = one_error_line(run(*args))
    assert line.startswith(f"aigov: error: {option}: ")
    assert repr(args[-1]) in line


@pytest.mark.parametrize(
    "args",
    [
        ("speakers", "--colour", "red"),
        ("speakers", "--format", "xml"),
        ("nonsense",),
        (),
        ("validate",),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    """Argument mistakes print one line that points to --help."""
    line = one_error_line(run(*args))
    assert "--help" in line


@pytest.mark.parametrize("command", ["speakers", "statements", "organizations"])
def test_an_unreadable_file_is_one_line(command: str, tmp_path: Path) -> None:
    """A missing file exits 2 with one line naming it."""
    line = one_error_line(run(command, str(tmp_path / "missing.json")))
    assert "missing.json" in line


@pytest.mark.parametrize(
    "command", ["show", "speakers", "statements", "organizations", "validate"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    """`aigov COMMAND --help` exits 0 and shows an example."""
    result = run(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert f"aigov {command}" in result.stdout.split("examples:")[1]


# --- validate -------------------------------------------------------------------------


def test_validate_accepts_valid_files(tmp_path: Path) -> None:
    """Valid files: exit 0, each reported valid."""
    path = tmp_path / "good.json"
    aigov.dump(FORUM, path)
    result = run("validate", str(path), str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{path}: valid\n{path}: valid\n"


def test_validate_lists_every_problem_with_its_location(tmp_path: Path) -> None:
    """An invalid file: exit 1, every problem listed under the file's name."""
    good = tmp_path / "good.json"
    aigov.dump(FORUM, good)
    document = aigov.to_dict(FORUM)
    document["speakers"][0]["country"] = "XX"
    document["sessions"][0]["statements"][1]["topics"] = ["Privacy"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(bad), str(good))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}: invalid, 2 problems:",
        "  speakers[0].country: 'XX' is not an ISO 3166-1 alpha-2 code",
        "  sessions[0].statements[1].topics[0]: topic 'Privacy' must be lower case",
        f"{good}: valid",
    ]


def test_validate_of_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    """A file that cannot be read is reported on stderr; exit 2."""
    good = tmp_path / "good.json"
    aigov.dump(FORUM, good)
    result = run("validate", str(tmp_path / "missing.json"), str(good))
    assert result.returncode == 2
    assert "missing.json" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == f"{good}: valid\n"


def test_a_terminal_gets_a_rule_under_the_header() -> None:
    """On a terminal the header is underlined with dashes (and still no colour)."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="100")
    with subprocess.Popen(
        [sys.executable, "-m", "aigov", "organizations", "--kind", "ministry"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(leader)
    lines = b"".join(chunks).decode("utf-8").splitlines()
    assert process.returncode == 0
    assert lines[1].startswith("--")
    assert set(lines[1]) == {"-", " "}
    assert "\x1b" not in "".join(lines)


# --- the documentation's examples ---------------------------------------------------

DOCS = Path(__file__).parent.parent / "docs" / "cli.rst"


def console_examples() -> list[tuple[str, str]]:
    """The (command, output) pairs of docs/cli.rst's console blocks."""
    examples: list[tuple[str, str]] = []
    command: str | None = None
    output: list[str] = []
    for line in [*DOCS.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("   $ "):
            command, output = line.removeprefix("   $ "), []
        elif command is not None and line.startswith("   "):
            output.append(line.removeprefix("   "))
        elif command is not None and not line.strip() and not output:
            continue  # the blank line between a directive's content and text
        elif command is not None:
            if output:  # commands shown without output only illustrate usage
                examples.append((command, "\n".join(output) + "\n"))
            command = None
    return examples


def test_the_docs_show_console_examples() -> None:
    """The parser below finds the examples (so the next test checks something)."""
    assert len(console_examples()) >= 7


@pytest.mark.parametrize(("command", "expected"), console_examples())
def test_the_docs_console_examples_are_true(
    command: str, expected: str, tmp_path: Path
) -> None:
    """Every example in docs/cli.rst prints what the page shows, at 80 columns."""
    document = aigov.to_dict(FORUM)
    document["speakers"][0]["country"] = "XX"
    document["sessions"][0]["statements"][1]["topics"] = ["Privacy"]
    (tmp_path / "broken.json").write_text(json.dumps(document), encoding="utf-8")
    args = shlex.split(command)
    assert args[0] == "aigov"
    result = subprocess.run(
        [sys.executable, "-m", "aigov", *args[1:]],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
        cwd=tmp_path,
        env=dict(os.environ, COLUMNS="80"),
    )
    assert result.stdout + result.stderr == expected
