import csv
import io
import json
import os
import shlex
import socket
import subprocess
import sys
import types
from pathlib import Path

import attrs
import pytest

import aigov
import aigov.jsonld
from aigov import _cli, query
from aigov._fields import MAX_PROBLEMS_PER_ARRAY
from aigov._formats._flat import (
    ORGANIZATION_COLUMNS,
    SPEAKER_COLUMNS,
    STATEMENT_COLUMNS,
    csv_cell,
    organization_rows,
    speaker_rows,
    statement_rows,
)
from aigov._table import display_width
from aigov.exceptions import MissingExtraError

FORUM = aigov.datasets.tsinghua_2021()
SPEAKER_NAMES = [column.name for column in SPEAKER_COLUMNS]


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


# --- show: qualifiers, parts, organisation chains, evidence ----------------------

REPORT = (
    "Yang Bin hosted the opening. Russia questioned the plan. "
    "Xue Lan said rules must be shared."
)


def passage(text: str) -> aigov.Evidence:
    """Evidence for *text*, which REPORT holds once."""
    start = REPORT.index(text)
    return aigov.Evidence(
        source_id="report", start=start, end=start + len(text), text=text
    )


def qualified_forum(**changes: object) -> aigov.Forum:
    """A forum with a series, qualified and partial facts, parts and evidence."""
    organizations = (
        aigov.Organization(
            name="Ministry of Foreign Affairs",
            id="mfa",
            kind=aigov.OrganizationKind.MINISTRY,
        ),
        aigov.Organization(
            name="Department of Arms Control",
            id="dac",
            kind=aigov.OrganizationKind.GOVERNMENT,
            parent_id="mfa",
        ),
    )
    speakers = (
        aigov.Speaker(name="Yang Bin", evidence=(passage("Yang Bin"),)),
        aigov.Speaker(
            name="Ma Shengkun",
            roles=(aigov.Role(title="deputy director-general", organization_id="dac"),),
        ),
        aigov.Speaker(name="Russia", kind=aigov.SpeakerKind.DELEGATION, country="RU"),
        aigov.Speaker(name="industry experts", kind=aigov.SpeakerKind.GROUP),
        aigov.Speaker(
            name="Sam", roles=(aigov.Role(title="Foreign Secretary", country="GB"),)
        ),
        aigov.Speaker(name="Xue Lan"),
    )
    opening = aigov.Session(
        title="Opening",
        kind=aigov.SessionKind.OPENING_CEREMONY,
        date=aigov.PartialDate(year=2025, month=11),
        participants=(
            aigov.Participant(speaker_id="yang-bin", part=aigov.Part.HOST),
            aigov.Participant(speaker_id="xue-lan", part=aigov.Part.KEYNOTE),
            aigov.Participant(speaker_id="ma-shengkun", part=aigov.Part.KEYNOTE),
        ),
        partial=("participants",),
        statements=(
            aigov.Statement(
                speaker_id="russia",
                verb="questioned",
                text="the plan",
                evidence=(passage("Russia questioned the plan."),),
            ),
            aigov.Statement(
                speaker_id="xue-lan",
                verb="said",
                text="rules must be shared",
                evidence=(passage("Xue Lan said rules must be shared."),),
            ),
        ),
    )
    fields: dict[str, object] = {
        "name": "Qualified Forum",
        "series": "Qualified Forum Series",
        "start_date": aigov.PartialDate(year=2025, month=11),
        "countries": ("CN", "JP"),
        "partial": ("countries",),
        "attendance": aigov.Count(value=70, relation=aigov.CountRelation.MORE_THAN),
        "organizations": organizations,
        "speakers": speakers,
        "sessions": (opening,),
        "sources": (aigov.Source(title="Report", text=REPORT),),
    }
    fields.update(changes)
    return aigov.Forum(**fields)  # type: ignore[arg-type]


def show(tmp_path: Path, forum: aigov.Forum, *options: str) -> list[str]:
    """The lines `aigov show FILE [options]` prints for *forum*."""
    path = tmp_path / "forum.json"
    aigov.dump(forum, path)
    result = run("show", str(path), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The summary of qualified_forum(), without evidence."""
    return show(tmp_path_factory.mktemp("show"), qualified_forum())


def test_show_prints_a_qualified_attendance(shown: list[str]) -> None:
    """Attendance reads as the source qualifies it: "more than 70"."""
    assert "  attendance: more than 70" in shown


def test_show_ends_a_partial_country_list_with_and_others(shown: list[str]) -> None:
    """With "countries" in partial, the countries (by name) end "and others"."""
    assert "  countries: China, Japan and others" in shown


def test_show_prints_a_complete_country_list_as_it_is(tmp_path: Path) -> None:
    """Without "countries" in partial, the list is printed without "and others"."""
    assert "  countries: China, Japan" in show(tmp_path, qualified_forum(partial=()))


def test_show_prints_the_series(shown: list[str]) -> None:
    """The recurring event a forum is an edition of has a line of its own."""
    assert "  series: Qualified Forum Series" in shown


def test_show_prints_partial_dates_as_given(shown: list[str]) -> None:
    """A month is printed as a month: the forum's and the session's dates."""
    assert "  date: 2025-11" in shown
    assert "    date: 2025-11" in shown


def test_show_of_a_forum_without_a_date_prints_no_date(tmp_path: Path) -> None:
    """A report that gives no date: no date line, and no error."""
    lines = show(tmp_path, qualified_forum(start_date=None))
    assert not [line for line in lines if line.startswith("  date:")]


def test_show_groups_participants_by_part(shown: list[str]) -> None:
    """One line per part, in the source's order: the host, then the keynotes."""
    start = shown.index("    hosted by Yang Bin")
    assert shown[start + 1].startswith("    keynote: Xue Lan, Ma Shengkun")


def test_show_ends_a_partial_participant_list_with_and_others(
    shown: list[str],
) -> None:
    """With "participants" in the session's partial, the last list ends "and others"."""
    assert "    keynote: Xue Lan, Ma Shengkun and others" in shown


def test_show_prints_the_organisation_chain_of_each_role(shown: list[str]) -> None:
    """A unit's role names the ministry it is in, by walking parent_id."""
    assert (
        "  Ma Shengkun (deputy director-general, Department of Arms Control, "
        "Ministry of Foreign Affairs)"
    ) in shown


def test_show_prints_the_state_a_role_serves(shown: list[str]) -> None:
    """A role with a country and no organisation names the country."""
    assert "  Sam (Foreign Secretary, United Kingdom)" in shown


def test_show_marks_delegations_and_groups(shown: list[str]) -> None:
    """Delegations (with whom they stand for) and groups are marked; people not."""
    assert "  Russia [delegation, Russian Federation]" in shown
    assert "  industry experts [group]" in shown
    assert "  Xue Lan" in shown


def test_show_prints_no_evidence_unless_asked(shown: list[str]) -> None:
    """Without --evidence, no passage is printed."""
    assert not [line for line in shown if "evidence:" in line]


def test_show_evidence_prints_each_statements_passage_and_offsets(
    tmp_path: Path,
) -> None:
    """--evidence: under each statement, [start:end] and the passage quoted."""
    lines = show(tmp_path, qualified_forum(), "--evidence")
    start = REPORT.index("Russia")
    end = start + len("Russia questioned the plan.")
    statement = lines.index("    - Russia questioned the plan")
    assert lines[statement + 1] == (
        f'      evidence: [{start}:{end}] "Russia questioned the plan."'
    )


def test_show_evidence_prints_a_speakers_passage(tmp_path: Path) -> None:
    """--evidence: a speaker's name is followed by the passage that gives it."""
    lines = show(tmp_path, qualified_forum(), "--evidence")
    assert lines[lines.index("  Yang Bin") + 1] == '    evidence: [0:8] "Yang Bin"'


def test_show_evidence_escapes_and_bounds_passages(tmp_path: Path) -> None:
    """A passage with control characters is escaped, and a long one cut short."""
    text = "Evil\x1b[2J" + "x" * 1000
    forum = qualified_forum(
        sources=(aigov.Source(title="Report", text=text),),
        speakers=(
            aigov.Speaker(
                name="Evil",
                evidence=(
                    aigov.Evidence(
                        source_id="report", start=0, end=len(text), text=text
                    ),
                ),
            ),
        ),
        sessions=(),
    )
    path = tmp_path / "forum.json"
    aigov.dump(forum, path)
    result = run("show", str(path), "--evidence")
    assert result.returncode == 0, result.stderr
    assert_no_raw_controls(result.stdout)
    (line,) = [line for line in result.stdout.splitlines() if "evidence:" in line]
    assert '"Evil\\x1b[2J' in line
    assert "more characters)" in line
    assert len(line) < 400


def test_show_evidence_without_offsets_says_so(tmp_path: Path) -> None:
    """A passage whose source's text is not kept prints without offsets."""
    evidence = aigov.Evidence(source_id="report", text="Yang Bin")
    forum = qualified_forum(
        sources=(aigov.Source(title="Report"),),
        speakers=(aigov.Speaker(name="Yang Bin", evidence=(evidence,)),),
        sessions=(),
    )
    lines = show(tmp_path, forum, "--evidence")
    assert '    evidence: [no offsets] "Yang Bin"' in lines


def test_statements_part_selects_what_was_said_in_that_part(tmp_path: Path) -> None:
    """`aigov statements FILE --part keynote --format csv`: the keynote speakers' remarks."""
    path = tmp_path / "forum.json"
    aigov.dump(qualified_forum(), path)
    result = run("statements", str(path), "--part", "keynote", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["speaker_id"] for row in rows] == ["xue-lan"]


def test_speakers_speaker_kind_selects_delegations(tmp_path: Path) -> None:
    """`aigov speakers FILE --speaker-kind delegation` lists the delegations only."""
    path = tmp_path / "forum.json"
    aigov.dump(qualified_forum(), path)
    result = run(
        "speakers", str(path), "--speaker-kind", "delegation", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["speaker_id"] for row in rows] == ["russia"]


@pytest.mark.parametrize(
    ("option", "value", "listed"),
    [
        ("--part", "keynotes", "chair, host, moderator, keynote"),
        ("--speaker-kind", "people", "person, delegation, group"),
    ],
)
def test_a_bad_part_or_speaker_kind_is_one_line_listing_the_values(
    option: str, value: str, listed: str
) -> None:
    """A value that is no part or kind of speaker: one line, the option, the choices."""
    line = one_error_line(run("speakers", option, value))
    assert line.startswith(f"aigov: error: {option}: {value!r} is not")
    assert listed in line


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
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["forum_id"], row["speaker_id"]) for row in rows] == [
        (FORUM.id, "xu-xiaolan")
    ]
    assert rows[0]["organizations"] == "Ministry of Industry and Information Technology"


def test_speakers_as_json_are_the_to_json_of_each_speaker() -> None:
    """`--format json` is one JSON array: each speaker's to_json, with its forum_id first."""
    result = run("speakers", "--country", "China", "--format", "json")
    assert result.returncode == 0, result.stderr
    expected = query.speakers(FORUM, country="CN")
    decoded = json.loads(result.stdout)
    assert {item.pop("forum_id") for item in decoded} == {FORUM.id}
    assert [aigov.from_dict(item, aigov.Speaker) for item in decoded] == list(expected)
    forum_id = json.dumps(FORUM.id)
    assert result.stdout == (
        "[\n"
        + ",\n".join(
            f'{{"forum_id":{forum_id},{aigov.to_json(s)[1:]}' for s in expected
        )
        + "\n]\n"
    )


def test_speakers_csv_has_the_affiliation_countries_in_their_own_column() -> None:
    """`speakers --country China --format csv`: CN in countries, the own country empty."""
    result = run("speakers", "--country", "China", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 9
    assert all("CN" in row["countries"].split("; ") for row in rows)
    assert {row["speaker_country"] for row in rows} == {""}


def test_csv_carries_the_declared_columns_in_order() -> None:
    """Each query command's csv header is its flat frame's columns, in order."""
    for command, columns in (
        ("statements", STATEMENT_COLUMNS),
        ("speakers", SPEAKER_COLUMNS),
        ("organizations", ORGANIZATION_COLUMNS),
    ):
        names = [column.name for column in columns]
        as_csv = run(command, "--format", "csv")
        assert next(csv.reader(io.StringIO(as_csv.stdout))) == names


def test_csv_joins_list_cells_with_the_separator() -> None:
    """Topics, roles and other lists are one csv cell, joined by '; '."""
    result = run("statements", "--speaker", "Yao", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["topics"] == "; ".join(FORUM.statement(row["statement_id"]).topics)
    assert row["role_titles"] == "Turing Award winner; chair"


def test_statements_contains_privacy() -> None:
    """`aigov statements --contains privacy` shows Qiu Yong and Andrew Chi-Chih Yao."""
    result = run("statements", "--contains", "privacy", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["speaker_name"] for row in rows] == ["Qiu Yong", "Andrew Chi-Chih Yao"]
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
    assert [row["organization_id"] for row in rows] == [
        "tsinghua-university",
        "i-aiig",
        "schwarzman-college",
    ]
    assert rows[1]["parent_id"] == "tsinghua-university"
    assert rows[1]["parents"] == "Tsinghua University"


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
    "command", ["show", "speakers", "statements", "organizations", "validate", "export"]
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


# --- hostile text, files and terminals ----------------------------------------------

#: Text that would drive a terminal if printed raw: clear the screen, go back
#: to the start of the line, reverse the text, hide itself.
HOSTILE_NAME = "Evil\x1b[2J\rAll files valid\u202etxt.exe\u200b"
RAW_CONTROLS = ("\x1b", "\r", "\u202e", "\u200b", "\x07")


def run_exact(*args: str) -> str:
    """Run the command line; return its output as written, line ends untranslated."""
    result = subprocess.run(
        [sys.executable, "-m", "aigov", *args], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8")


def hostile_forum() -> aigov.Forum:
    speaker = aigov.Speaker(
        name=HOSTILE_NAME,
        id="evil",
        roles=(aigov.Role(title="chief\x07officer", organization_id="org"),),
    )
    organization = aigov.Organization(
        name="Org\u2066ani\u2069sation", id="org", kind=aigov.OrganizationKind.COMPANY
    )
    session = aigov.Session(
        title="Session\x1b[31m",
        kind=aigov.SessionKind.PLENARY,
        statements=(
            aigov.Statement(speaker_id="evil", text="said\x1b]0;title\x07 so"),
        ),
    )
    return aigov.Forum(
        name="Forum\x1b[H",
        start_date=FORUM.start_date,
        organizations=(organization,),
        speakers=(speaker,),
        sessions=(session,),
    )


def assert_no_raw_controls(text: str) -> None:
    assert not [char for char in RAW_CONTROLS if char in text], repr(text)


@pytest.mark.parametrize(
    "args",
    [
        ("show",),
        ("speakers",),
        ("statements",),
        ("organizations",),
        ("speakers", "--format", "csv", "--country", "nowhere"),
    ],
)
def test_human_output_escapes_control_and_format_characters(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Tables and summaries write control and bidi characters as visible escapes."""
    path = tmp_path / "hostile.json"
    aigov.dump(hostile_forum(), path)
    result = run(args[0], str(path), *args[1:])
    assert_no_raw_controls(result.stdout + result.stderr)
    if result.returncode == 0:
        assert "\\x1b" in result.stdout or "\\u2066" in result.stdout


def test_a_table_shows_the_escapes_where_the_characters_were(tmp_path: Path) -> None:
    """The speaker's name reads as its escapes, so the user sees what is there."""
    path = tmp_path / "hostile.json"
    aigov.dump(hostile_forum(), path)
    result = run("speakers", str(path), columns=300)
    assert result.returncode == 0, result.stderr
    assert "Evil\\x1b[2J\\rAll files valid\\u202etxt.exe\\u200b" in result.stdout


def test_json_and_csv_output_keep_the_data_exactly(tmp_path: Path) -> None:
    """Data exports are not escaped: JSON and CSV give back the very name."""
    path = tmp_path / "hostile.json"
    aigov.dump(hostile_forum(), path)
    as_json = run_exact("speakers", str(path), "--format", "json")
    assert json.loads(as_json)[0]["name"] == HOSTILE_NAME
    as_csv = run_exact("speakers", str(path), "--format", "csv")
    rows = csv.DictReader(io.StringIO(as_csv, newline=""))
    assert next(rows)["speaker_name"] == HOSTILE_NAME


def cyclic_document(ids: list[str]) -> dict[str, object]:
    """A forum whose organisations' parent_id links form one cycle through *ids*."""
    document = aigov.to_dict(aigov.Forum(name="Cycle", start_date=FORUM.start_date))
    document["organizations"] = [
        {
            "name": f"Org {i}",
            "id": org_id,
            "kind": "company",
            "parent_id": ids[(i + 1) % len(ids)],
        }
        for i, org_id in enumerate(ids)
    ]
    return document


def test_validate_escapes_ids_in_problems(tmp_path: Path) -> None:
    """A crafted file cannot clear the screen or fake "valid" through its ids."""
    path = tmp_path / "crafted.json"
    ids = ["a\x1b[2J", "b\r" + f"{path}: valid", "c\u202e"]
    path.write_text(json.dumps(cyclic_document(ids)), encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert_no_raw_controls(result.stdout)
    assert f"{path}: valid" not in result.stdout.splitlines()


def test_validate_prints_the_first_ten_problems_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    """A file of many problems prints ten and "... and N more problems"."""
    document = aigov.to_dict(FORUM)
    for speaker in document["speakers"][:25]:
        speaker["country"] = "XX"
    count = min(25, len(document["speakers"]))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: invalid, {count} problems:"
    assert len(lines) == 12
    assert all("is not an ISO 3166-1 alpha-2 code" in line for line in lines[1:11])
    assert lines[11] == f"  ... and {count - 10} more problems"


def test_validate_bounds_each_problem_line(tmp_path: Path) -> None:
    """A problem that quotes two thousand long ids still prints as one short line."""
    ids = [f"organisation-number-{i:05d}" for i in range(2000)]
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(cyclic_document(ids)), encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert len(result.stdout) < 10_000
    assert all(len(line) <= 310 for line in result.stdout.splitlines())
    assert "more characters)" in result.stdout


def test_query_commands_bound_an_invalid_forum_too(tmp_path: Path) -> None:
    """Reading an invalid forum for a query lists ten problems on stderr, not all."""
    document = aigov.to_dict(FORUM)
    for speaker in document["speakers"]:
        speaker["country"] = "XX"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("speakers", str(path))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"aigov: error: {path} is not a valid forum:"
    assert len(lines) == 12
    assert lines[-1].endswith("more problems")


def test_validate_names_stale_temporary_files(tmp_path: Path) -> None:
    """Leftovers of interrupted writes are named, without changing the verdict."""
    path = tmp_path / "forum.json"
    aigov.dump(FORUM, path)
    stale = tmp_path / ".forum.json.aigov-0badf00d.tmp"
    stale.write_text("{", encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{path}: valid",
        (
            f"{path}: note: {stale} is a temporary file left by an interrupted "
            "write; it can be deleted"
        ),
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
@pytest.mark.parametrize("command", ["validate", "show"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, command: str) -> None:
    """`aigov validate` and `show` on a FIFO exit 2 at once instead of hanging."""
    fifo = tmp_path / "forum.json"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "aigov", command, str(fifo)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"aigov: error: cannot read {fifo}: not a regular file but a FIFO (named pipe)\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")
@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("socket", "not a regular file but a socket"),
        ("device", "not a regular file but a character device"),
    ],
)
def test_validate_refuses_what_is_not_a_regular_file(
    tmp_path: Path, kind: str, reason: str
) -> None:
    """A socket or device: one line naming what it is, exit 2, and the next file still checked."""
    good = tmp_path / "good.json"
    aigov.dump(FORUM, good)
    path = tmp_path / f"{kind}.json"
    with socket.socket(socket.AF_UNIX) as server:
        if kind == "socket":
            server.bind(str(path))
        else:
            path = Path(os.devnull)
        result = subprocess.run(
            [sys.executable, "-m", "aigov", "validate", str(path), str(good)],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    assert result.returncode == 2
    assert result.stderr == f"aigov: error: cannot read {path}: {reason}\n"
    assert result.stdout == f"{good}: valid\n"


# A file name that is not UTF-8: what Python gives for the byte 0xff.
NOT_UTF8 = os.fsdecode(b"forum-\xff.json")


def run_strict(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run with standard output and errors encoded as strict UTF-8."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict")
    return subprocess.run(
        [sys.executable, "-m", "aigov", *(os.fsencode(a) for a in args)],
        capture_output=True,
        check=False,
        cwd=cwd,
        env=env,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX byte file names")
def test_a_non_utf8_file_name_is_printed_escaped(tmp_path: Path) -> None:
    """A file name that is not UTF-8 prints as an escape on a strict UTF-8 stdout."""
    aigov.dump(FORUM, tmp_path / NOT_UTF8)
    result = run_strict("validate", NOT_UTF8, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"forum-\\udcff.json: valid\n"


def test_output_the_encoding_cannot_hold_is_one_line(tmp_path: Path) -> None:
    """An ASCII stdout and a Chinese name: one line on stderr, exit 2, no traceback."""
    path = tmp_path / "forum.json"
    aigov.dump(aigov.Forum(name="论坛", start_date=FORUM.start_date), path)
    env = dict(os.environ, PYTHONIOENCODING="ascii:strict")
    result = subprocess.run(
        [sys.executable, "-m", "aigov", "show", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aigov: error: cannot write the output: ")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("show",), ("speakers", "--format", "json")])
def test_a_full_disk_on_stdout_is_one_line(args: tuple[str, ...]) -> None:
    """Writing to /dev/full ends with one line on stderr and exit 2."""
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        result = subprocess.run(
            [sys.executable, "-m", "aigov", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == (
        "aigov: error: cannot write the output: No space left on device\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_a_closed_stdout_is_one_line() -> None:
    """With file descriptor 1 closed (`>&-`), one line on stderr and exit 2."""
    result = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" -m aigov show >&-', sys.executable],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "aigov: error: standard output is closed\n"


@pytest.mark.parametrize("stdout", [None, "closed"])
def test_main_with_no_usable_stdout_returns_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdout: object
) -> None:
    """In-process, `sys.stdout = None` or a closed stream is a message, not AttributeError."""
    if stdout == "closed":
        stdout = io.StringIO()
        stdout.close()
    monkeypatch.setattr(sys, "stdout", stdout)
    assert _cli.main(["show"]) == 2
    assert capsys.readouterr().err == "aigov: error: standard output is closed\n"


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def formula_forum_file(tmp_path: Path) -> Path:
    speakers = tuple(
        aigov.Speaker(name=f"{formula} name", id=f"s{i}")
        for i, formula in enumerate(FORMULAS)
    )
    path = tmp_path / "formulas.json"
    aigov.dump(
        aigov.Forum(name="Formulas", start_date=FORUM.start_date, speakers=speakers),
        path,
    )
    return path


def test_csv_safe_prefixes_formula_cells(tmp_path: Path) -> None:
    """With --csv-safe, cells starting with = + - @ tab or CR get a leading '."""
    path = formula_forum_file(tmp_path)
    output = run_exact("speakers", str(path), "--format", "csv", "--csv-safe")
    rows = list(csv.DictReader(io.StringIO(output, newline="")))
    assert [row["speaker_name"] for row in rows] == [f"'{f} name" for f in FORMULAS]
    assert [row["speaker_id"] for row in rows] == [
        f"s{i}" for i in range(len(FORMULAS))
    ]


def test_csv_without_csv_safe_keeps_cells_as_they_are(tmp_path: Path) -> None:
    """Plain CSV output is the data, formulas and all."""
    path = formula_forum_file(tmp_path)
    output = run_exact("speakers", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output, newline="")))
    assert [row["speaker_name"] for row in rows] == [f"{f} name" for f in FORMULAS]


def test_csv_safe_never_changes_json_output(tmp_path: Path) -> None:
    """--csv-safe leaves JSON output byte for byte as it was."""
    path = formula_forum_file(tmp_path)
    plain = run_exact("speakers", str(path), "--format", "json")
    safe = run_exact("speakers", str(path), "--format", "json", "--csv-safe")
    assert safe == plain


def test_validate_of_a_hundred_thousand_dangling_references_is_short(
    tmp_path: Path,
) -> None:
    """100,000 statements by nobody: ten problems, a count of the rest, a few lines in all."""
    statements = [
        {"speaker_id": f"nobody-{i}", "text": f"Statement {i}."} for i in range(100_000)
    ]
    document = aigov.to_dict(FORUM) | {
        "sessions": [{"title": "Opening", "kind": "plenary", "statements": statements}]
    }
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    # The forum's checks list the first 100 and then one line counting the rest.
    listed = MAX_PROBLEMS_PER_ARRAY + 1
    assert lines[0] == f"{path}: invalid, {listed} problems:"
    assert lines[1:3] == [
        "  sessions[0].statements[0].speaker_id: 'nobody-0' refers to no speaker",
        "  sessions[0].statements[1].speaker_id: 'nobody-1' refers to no speaker",
    ]
    assert lines[11:] == [f"  ... and {listed - 10} more problems"]
    assert len(result.stdout) < 2_000


# --- many files ------------------------------------------------------------------------


def second_forum() -> aigov.Forum:
    """A small forum with one British speaker and no Tsinghua."""
    return aigov.Forum(
        name="Second Forum",
        id="second",
        start_date=FORUM.start_date,
        speakers=(aigov.Speaker(name="Ada Example", country="GB"),),
    )


def forums_directory(tmp_path: Path) -> Path:
    directory = tmp_path / "forums"
    directory.mkdir()
    aigov.dump(FORUM, directory / "a.json")
    aigov.dump(second_forum(), directory / "b.json")
    return directory


def test_a_directory_is_read_as_many_forums(tmp_path: Path) -> None:
    """`aigov speakers DIR --format csv` lists the speakers of every forum, with forum_id."""
    result = run("speakers", str(forums_directory(tmp_path)), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(FORUM.speakers) + 1
    assert rows[-1]["forum_id"] == "second"
    assert rows[0]["forum_id"] == FORUM.id


def test_several_files_in_the_order_given(tmp_path: Path) -> None:
    """Files given one by one are read in the order given."""
    directory = forums_directory(tmp_path)
    result = run(
        "speakers",
        str(directory / "b.json"),
        str(directory / "a.json"),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["forum_id"] == "second"


def test_a_name_one_forum_lacks_is_no_error_over_many(tmp_path: Path) -> None:
    """--organization Tsinghua over two forums: Tsinghua's speakers, exit 0."""
    directory = forums_directory(tmp_path)
    result = run(
        "speakers", str(directory), "--organization", "Tsinghua", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    assert {row["forum_id"] for row in rows} == {FORUM.id}


def test_the_table_has_a_forum_column_for_many_forums(tmp_path: Path) -> None:
    """With two forums the table starts with FORUM; with one it does not."""
    many = run(
        "speakers", str(forums_directory(tmp_path)), "--country", "GB", columns=200
    )
    assert many.returncode == 0, many.stderr
    assert many.stdout.split()[:4] == ["FORUM", "ID", "NAME", "ROLES"]
    one = run("speakers", "--title", "astronaut")
    assert one.stdout.split() == ["ID", "NAME", "ROLES"]


def test_two_files_with_one_forum_id_are_a_usage_error(tmp_path: Path) -> None:
    """The same forum in two files: one line naming both, exit 2."""
    path = tmp_path / "f.json"
    aigov.dump(FORUM, path)
    copy = tmp_path / "g.json"
    aigov.dump(FORUM, copy)
    line = one_error_line(run("speakers", str(path), str(copy)))
    assert str(path) in line
    assert str(copy) in line


def test_validate_a_directory_reports_each_bad_file(tmp_path: Path) -> None:
    """`aigov validate DIR`: a line per file, the bad one with its problems; exit 1."""
    directory = forums_directory(tmp_path)
    document = aigov.to_dict(second_forum())
    document["speakers"][0]["country"] = "XX"
    (directory / "c.json").write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(directory))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{directory / 'a.json'}: valid",
        f"{directory / 'b.json'}: valid",
        f"{directory / 'c.json'}: invalid, 1 problem:",
        "  speakers[0].country: 'XX' is not an ISO 3166-1 alpha-2 code",
    ]


def test_validate_json_lines_locates_the_line(tmp_path: Path) -> None:
    """A bad line of a .jsonl file is reported with its line number."""
    path = tmp_path / "all.jsonl"
    document = aigov.to_dict(second_forum())
    document["speakers"][0]["country"] = "XX"
    path.write_text(
        aigov.to_json(FORUM) + "\n" + json.dumps(document) + "\n", encoding="utf-8"
    )
    result = run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}: invalid, 1 problem:",
        f"  {path}:2: speakers[0].country: 'XX' is not an ISO 3166-1 alpha-2 code",
    ]


def test_show_prints_every_forum(tmp_path: Path) -> None:
    """`aigov show DIR` summarises each forum in turn."""
    result = run("show", str(forums_directory(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(FORUM.name)
    assert "\nSecond Forum\n" in result.stdout


def test_validate_notes_a_directory_without_forum_files(tmp_path: Path) -> None:
    """A directory with no *.json files gets a note rather than silence."""
    result = run("validate", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout == f"{tmp_path}: note: the directory holds no *.json files\n"


# --- export ---------------------------------------------------------------------------


def read_csv_file(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_export_to_csv_writes_the_three_flat_tables(tmp_path: Path) -> None:
    """`export DIR --to csv OUT`: statements, speakers and organizations of every forum."""
    out = tmp_path / "out"
    result = run("export", str(forums_directory(tmp_path)), "--to", "csv", str(out))
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert sorted(p.name for p in out.iterdir()) == [
        "organizations.csv",
        "speakers.csv",
        "statements.csv",
    ]
    corpus = aigov.Corpus(forums=(FORUM, second_forum()))
    for name, columns, rows in (
        ("statements.csv", STATEMENT_COLUMNS, statement_rows(corpus)),
        ("speakers.csv", SPEAKER_COLUMNS, speaker_rows(corpus)),
        ("organizations.csv", ORGANIZATION_COLUMNS, organization_rows(corpus)),
    ):
        expected = [[c.name for c in columns]]
        expected += [[csv_cell(cell) for cell in row] for row in rows]
        assert read_csv_file(out / name) == expected, name


def test_export_to_csv_matches_the_query_commands(tmp_path: Path) -> None:
    """The exported speakers.csv is what `aigov speakers --format csv` prints."""
    out = tmp_path / "out"
    assert run("export", "--to", "csv", str(out)).returncode == 0
    printed = run("speakers", "--format", "csv").stdout
    assert (out / "speakers.csv").read_text(encoding="utf-8") == printed


def test_export_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    """A non-empty OUTDIR is one line and exit 2, and nothing in it changes."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    line = one_error_line(run("export", "--to", "csv", str(out)))
    assert "not empty" in line
    assert "--overwrite" in line
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_export_overwrite_writes_into_a_directory_that_is_not_empty(
    tmp_path: Path,
) -> None:
    """With --overwrite, the tables are written beside (or over) what is there."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    (out / "speakers.csv").write_text("old", encoding="utf-8")
    result = run("export", "--to", "csv", str(out), "--overwrite")
    assert result.returncode == 0, result.stderr
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert read_csv_file(out / "speakers.csv")[0][0] == "forum_id"


def test_export_into_an_empty_directory_needs_no_overwrite(tmp_path: Path) -> None:
    """An existing but empty OUTDIR is written into."""
    assert run("export", "--to", "csv", str(tmp_path)).returncode == 0
    assert (tmp_path / "statements.csv").is_file()


def test_export_refuses_a_file_as_outdir(tmp_path: Path) -> None:
    """OUTDIR naming a file is one line and exit 2, even with --overwrite."""
    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    line = one_error_line(run("export", "--to", "csv", str(path), "--overwrite"))
    assert "is not a directory" in line


def test_export_to_an_unknown_format_lists_the_formats(tmp_path: Path) -> None:
    """--to xml is one line naming the formats there are."""
    line = one_error_line(run("export", "--to", "xml", str(tmp_path / "out")))
    assert "parquet, datapackage, csv, popolo, jsonld" in line
    assert not (tmp_path / "out").exists()


def test_export_csv_safe_prefixes_formula_cells(tmp_path: Path) -> None:
    """--csv-safe applies to the exported tables as to the query commands."""
    out = tmp_path / "out"
    path = formula_forum_file(tmp_path)
    assert (
        run("export", str(path), "--to", "csv", str(out), "--csv-safe").returncode == 0
    )
    with (out / "speakers.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["speaker_name"] for row in rows] == [f"'{f} name" for f in FORMULAS]


def test_export_of_an_invalid_file_lists_its_problems(tmp_path: Path) -> None:
    """An invalid forum stops the export with its problems, exit 2, nothing written."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "name": 3}', encoding="utf-8")
    result = run("export", str(bad), "--to", "csv", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "name: expected a string, got an integer" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["parquet", "datapackage", "popolo", "jsonld"])
def test_export_without_its_writer_is_one_line(
    fmt: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A writer whose module cannot be imported is one line naming it, exit 2."""
    monkeypatch.setitem(
        _cli._EXPORTERS, fmt, _cli._Exporter("aigov._no_such_module", "write")
    )
    assert _cli.main(["export", "--to", fmt, str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"aigov: error: --to {fmt} needs aigov._no_such_module.write")
    assert len(err.splitlines()) == 1


def test_export_with_a_missing_extra_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A writer that raises MissingExtraError is one line with the pip command, exit 2."""
    module = types.ModuleType("aigov_test_writer")

    def write(data: object, path: Path, *, overwrite: bool = False) -> None:  # noqa: ARG001 - a writer's signature
        raise MissingExtraError("writing Parquet", "arrow", module="pyarrow")

    module.write = write  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "aigov_test_writer", module)
    monkeypatch.setitem(
        _cli._EXPORTERS, "parquet", _cli._Exporter("aigov_test_writer", "write")
    )
    assert _cli.main(["export", "--to", "parquet", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err == (
        "aigov: error: --to parquet: writing Parquet needs the 'arrow' extra: "
        "pip install 'aigov[arrow]'\n"
    )


@pytest.mark.parametrize(
    ("fmt", "target"),
    [
        ("parquet", "out"),
        ("popolo", "out/forums.popolo.json"),
        ("jsonld", "out/forums.jsonld"),
    ],
)
def test_export_calls_the_registered_writer(
    fmt: str, target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other formats call their writer with the corpus, the path and --overwrite."""
    calls: list[tuple[object, Path, bool]] = []
    module = types.ModuleType("aigov_test_writer")

    def write(data: object, path: Path, *, overwrite: bool = False) -> None:
        calls.append((data, path, overwrite))

    module.write = write  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "aigov_test_writer", module)
    exporter = _cli._EXPORTERS[fmt]
    monkeypatch.setitem(
        _cli._EXPORTERS,
        fmt,
        _cli._Exporter("aigov_test_writer", "write", exporter.file),
    )
    assert _cli.main(["export", "--to", fmt, str(tmp_path / "out"), "--overwrite"]) == 0
    assert calls == [(aigov.Corpus(forums=(FORUM,)), tmp_path / target, True)]


def test_export_registers_the_agreed_writers() -> None:
    """Each format but csv names the writer the other modules provide."""
    assert {f: (e.module, e.function, e.file) for f, e in _cli._EXPORTERS.items()} == {
        "parquet": ("aigov.tables", "write_parquet", None),
        "datapackage": ("aigov.tables", "write_datapackage", None),
        "popolo": ("aigov.popolo", "write_popolo", "forums.popolo.json"),
        "jsonld": ("aigov.jsonld", "write_jsonld", "forums.jsonld"),
    }


def run_on_a_terminal(*args: str) -> tuple[int, str]:
    """Run the command line with standard error on a pseudo-terminal; return its status and stderr."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "aigov", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=dict(os.environ, COLUMNS="100", TERM="xterm"),
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
    return process.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_export_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    """With rich and stderr on a terminal, reading many files draws a bar."""
    pytest.importorskip("rich", reason="needs the progress extra")
    status, err = run_on_a_terminal(
        "export", str(forums_directory(tmp_path)), "--to", "csv", str(tmp_path / "out")
    )
    assert status == 0, err
    assert "reading forum files" in err


def test_export_is_silent_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """Piped or logged, the export writes nothing to stderr."""
    result = run(
        "export", str(forums_directory(tmp_path)), "--to", "csv", str(tmp_path / "out")
    )
    assert result.returncode == 0
    assert result.stderr == ""


# --- export to the interchange formats, and import ------------------------------------

POPOLO_FILE = Path(__file__).parent / "data" / "popolo" / "everypolitician-style.json"


def test_export_to_popolo_reads_back_as_the_same_forum(tmp_path: Path) -> None:
    """`export --to popolo` writes forums.popolo.json, which read_popolo reads back exactly."""
    from aigov.popolo import read_popolo  # noqa: PLC0415 - the module under test

    result = run("export", "--to", "popolo", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    imported = read_popolo(tmp_path / "out" / "forums.popolo.json")
    assert imported.corpus == aigov.Corpus(forums=(FORUM,))
    assert imported.notes == ()


def test_export_to_jsonld_writes_the_forum_as_an_event(tmp_path: Path) -> None:
    """`export --to jsonld` writes forums.jsonld, schema.org terms for the forum."""
    result = run("export", "--to", "jsonld", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "out" / "forums.jsonld").read_text("utf-8"))
    assert document == json.loads(
        json.dumps(aigov.jsonld.to_jsonld(aigov.Corpus(forums=(FORUM,))))
    )


def test_export_to_parquet_reads_back_as_the_same_forum(tmp_path: Path) -> None:
    """`export --to parquet` writes a dataset that read_parquet reads back exactly."""
    tables = pytest.importorskip("aigov.tables")
    pytest.importorskip("pyarrow")
    result = run("export", "--to", "parquet", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert tables.read_parquet(tmp_path / "out") == aigov.Corpus(forums=(FORUM,))


def test_export_to_datapackage_reads_back_as_the_same_forum(tmp_path: Path) -> None:
    """`export --to datapackage` writes a package that read_datapackage reads back exactly."""
    from aigov.tables import read_datapackage  # noqa: PLC0415 - the module under test

    result = run("export", "--to", "datapackage", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "datapackage.json").is_file()
    assert read_datapackage(tmp_path / "out") == aigov.Corpus(forums=(FORUM,))


def test_import_popolo_writes_forum_files_and_lists_the_notes(tmp_path: Path) -> None:
    """`import popolo FILE DIR` writes one forum file per event; each note is one stderr line."""
    from aigov.popolo import read_popolo  # noqa: PLC0415 - the module under test

    result = run("import", "popolo", str(POPOLO_FILE), str(tmp_path / "forums"))
    assert result.returncode == 0, result.stderr
    expected = read_popolo(POPOLO_FILE)
    # A directory is read in file name order, not in the document's.
    loaded = aigov.load_corpus(tmp_path / "forums")
    assert sorted(loaded, key=lambda f: f.id) == sorted(
        expected.corpus, key=lambda f: f.id
    )
    notes = [line for line in result.stderr.splitlines() if " note: " in line]
    assert len(notes) == len(expected.notes) > 0
    assert notes[0] == f"aigov: note: {expected.notes[0]}"


def test_import_popolo_to_json_lines(tmp_path: Path) -> None:
    """An OUTPUT ending in .jsonl gets one forum a line."""
    out = tmp_path / "all.jsonl"
    result = run("import", "popolo", str(POPOLO_FILE), str(out))
    assert result.returncode == 0, result.stderr
    assert len(aigov.load_corpus(out)) == len(out.read_text("utf-8").splitlines())


def test_import_without_output_prints_json_lines() -> None:
    """Without OUTPUT, the forums go to standard output as JSON Lines, the notes to stderr."""
    from aigov.popolo import read_popolo  # noqa: PLC0415 - the module under test

    result = run("import", "popolo", str(POPOLO_FILE))
    assert result.returncode == 0, result.stderr
    forums = [aigov.from_json(line) for line in result.stdout.splitlines()]
    assert aigov.Corpus(forums=forums) == read_popolo(POPOLO_FILE).corpus
    assert "aigov: note: " in result.stderr


def test_import_refuses_an_existing_output(tmp_path: Path) -> None:
    """An existing OUTPUT is refused before anything is read, unless --overwrite."""
    out = tmp_path / "all.jsonl"
    out.write_text("keep me", encoding="utf-8")
    line = one_error_line(run("import", "popolo", str(POPOLO_FILE), str(out)))
    assert "--overwrite" in line
    assert out.read_text("utf-8") == "keep me"
    again = run("import", "popolo", str(POPOLO_FILE), str(out), "--overwrite")
    assert again.returncode == 0, again.stderr


def test_import_of_an_invalid_popolo_file_lists_its_problems(tmp_path: Path) -> None:
    """A Popolo document that does not validate: exit 2, its located problems, no traceback."""
    bad = tmp_path / "bad.popolo.json"
    bad.write_text(json.dumps({"events": [{"id": 3}]}), encoding="utf-8")
    result = run("import", "popolo", str(bad), str(tmp_path / "out"))
    assert result.returncode == 2
    assert "is not a valid Popolo document" in result.stderr
    assert "events[0]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_people_links_speakers_through_a_popolo_reference(tmp_path: Path) -> None:
    """`people --reference FILE` joins speakers through the file's persons' identifiers."""
    from aigov.popolo import read_popolo  # noqa: PLC0415 - the module under test

    imported = read_popolo(POPOLO_FILE)
    stripped = aigov.Corpus(
        forums=[
            attrs.evolve(
                forum,
                speakers=tuple(
                    attrs.evolve(speaker, identifiers=()) for speaker in forum.speakers
                ),
            )
            for forum in imported.corpus.forums
        ]
    )
    aigov.dump_corpus(stripped, tmp_path / "forums")
    plain = run("people", str(tmp_path / "forums"), "--format", "json")
    linked = run(
        "people",
        str(tmp_path / "forums"),
        "--reference",
        str(POPOLO_FILE),
        "--format",
        "json",
    )
    assert linked.returncode == 0, linked.stderr
    reasons = [r for p in json.loads(linked.stdout) for r in p["reasons"]]
    assert any("through a reference" in reason for reason in reasons)
    assert json.loads(plain.stdout) != json.loads(linked.stdout)
