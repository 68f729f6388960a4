import datetime
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aigov
from aigov import strategies, tables
from aigov._formats._flat import (
    LIST_SEPARATOR,
    ORGANIZATION_COLUMNS,
    SPEAKER_COLUMNS,
    STATEMENT_COLUMNS,
    Column,
    Row,
    csv_cell,
    organization_rows,
    speaker_rows,
    statement_rows,
)
from aigov.exceptions import ArgumentTypeError, MissingExtraError

pa = pytest.importorskip("pyarrow", reason="needs the arrow extra")

FORUM = aigov.datasets.tsinghua_2021()
CORPUS = aigov.Corpus(forums=aigov.datasets.corpus())
FRAMES = Path(__file__).parent.parent / "docs" / "frames.rst"

#: Each frame's function name and its columns, as the docs list them.
FRAME_COLUMNS: tuple[tuple[str, Sequence[Column]], ...] = (
    ("statements_frame", STATEMENT_COLUMNS),
    ("speakers_frame", SPEAKER_COLUMNS),
    ("organizations_frame", ORGANIZATION_COLUMNS),
)


def column_table(frame: str, columns: Sequence[Column]) -> str:
    """The reST table docs/frames.rst gives for *frame*, written from the declaration."""
    lines = [
        f".. list-table:: Columns of ``{frame}``",
        "   :header-rows: 1",
        "   :widths: 22 14 64",
        "",
        "   * - Column",
        "     - Type",
        "     - What it holds",
    ]
    for column in columns:
        lines += [f"   * - ``{column.name}``", f"     - {column.type_text}"]
        lines += textwrap.wrap(
            column.help, width=80, initial_indent="     - ", subsequent_indent="       "
        )
    return "\n".join(lines) + "\n"


def rows_as_dicts(columns: Sequence[Column], rows: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            c.name: list(cell) if isinstance(cell, tuple) else cell
            for c, cell in zip(columns, row, strict=True)
        }
        for row in rows
    ]


def statements_by_id(data: aigov.Forum | aigov.Corpus) -> dict[str, dict[str, Any]]:
    table = tables.statements_frame(data).to_pylist()
    return {row["statement_id"]: row for row in table}


# --- the columns --------------------------------------------------------------------


@pytest.mark.parametrize(("frame", "columns"), FRAME_COLUMNS)
def test_the_docs_list_every_declared_column(
    frame: str, columns: Sequence[Column]
) -> None:
    """docs/frames.rst lists each frame's columns, types and help as declared, in order."""
    assert column_table(frame, columns) in FRAMES.read_text(encoding="utf-8")


@pytest.mark.parametrize(("frame", "columns"), FRAME_COLUMNS)
def test_column_names_are_unique_and_name_the_forum_first(
    frame: str, columns: Sequence[Column]
) -> None:
    """A frame's columns have distinct names and start with the forum's id."""
    names = [column.name for column in columns]
    assert len(set(names)) == len(names), frame
    assert names[:3] == ["forum_id", "forum_name", "forum_date"]


def test_each_statement_has_its_forum_session_and_speaker() -> None:
    """A statement's row names its forum, session, speaker, roles and topics."""
    row = statements_by_id(FORUM)["ma-shengkun-0343943a"]
    assert row["forum_id"] == FORUM.id
    assert row["forum_name"] == FORUM.name
    assert row["forum_date"] == "2021-12-04"
    assert (row["session_id"], row["session_kind"]) == (
        "opening-ceremony",
        "opening_ceremony",
    )
    assert (row["speaker_name"], row["speaker_kind"]) == ("Ma Shengkun", "person")
    assert row["role_titles"] == ["deputy director-general"]
    assert row["organizations"] == [
        "Department of Arms Control",
        "Ministry of Foreign Affairs",
    ]
    assert row["organization_ids"] == ["mfa-department-of-arms-control", "mfa"]
    assert row["verb"] == "said"
    assert row["statement_kind"] == "paraphrase"
    assert "regulation" in row["topics"]


def test_roles_carry_the_organisation_chain_of_each_role() -> None:
    """Each role reads as its title and every organisation it is inside, nearest first."""
    row = statements_by_id(FORUM)["ma-shengkun-0343943a"]
    assert row["roles"] == [
        "deputy director-general, Department of Arms Control, Ministry of Foreign Affairs"
    ]


def test_statements_by_speakers_affiliated_with_china_have_cn() -> None:
    """Over the corpus, a statement has CN in countries exactly when query finds it for China."""
    frame = tables.statements_frame(CORPUS).to_pylist()
    chinese = {
        (found.forum.id, found.item.id)
        for found in aigov.query.statements(CORPUS, country="CN")
    }
    assert chinese  # the bundled forums hold such statements
    with_cn = {
        (r["forum_id"], r["statement_id"]) for r in frame if "CN" in r["countries"]
    }
    assert with_cn == chinese


def test_affiliation_countries_are_apart_from_the_speakers_own() -> None:
    """A speaker's own country is speaker_country; a role's country is in countries."""
    forum = aigov.Forum(
        name="F",
        speakers=(
            aigov.Speaker(
                name="Ada",
                country="FR",
                roles=(aigov.Role(title="Foreign Secretary", country="GB"),),
            ),
        ),
        sessions=(
            aigov.Session(
                title="S",
                kind=aigov.SessionKind.PANEL,
                statements=(aigov.Statement(speaker_id="ada", text="Hello."),),
            ),
        ),
    )
    (row,) = tables.statements_frame(forum).to_pylist()
    assert (row["speaker_country"], row["countries"]) == ("FR", ["GB"])
    assert row["roles"] == ["Foreign Secretary, United Kingdom"]


def test_a_units_country_comes_from_its_parent() -> None:
    """An organisation without a country inside one with CN counts for CN."""
    forum = aigov.Forum(
        name="F",
        organizations=(
            aigov.Organization(
                name="Ministry",
                id="m",
                kind=aigov.OrganizationKind.MINISTRY,
                country="CN",
            ),
            aigov.Organization(
                name="Office",
                id="o",
                kind=aigov.OrganizationKind.GOVERNMENT,
                parent_id="m",
            ),
        ),
        speakers=(
            aigov.Speaker(
                name="Li", roles=(aigov.Role(title="head", organization_id="o"),)
            ),
        ),
    )
    (speaker,) = tables.speakers_frame(forum).to_pylist()
    assert speaker["countries"] == ["CN"]
    assert speaker["organizations"] == ["Office", "Ministry"]
    office = tables.organizations_frame(forum).to_pylist()[1]
    assert (office["organization_country"], office["countries"]) == (None, ["CN"])
    assert office["parents"] == ["Ministry"]
    assert office["speakers"] == 1


def two_session_forum() -> aigov.Forum:
    """A forum of two sessions: two statements, then one."""
    return aigov.Forum(
        name="Two sessions",
        speakers=(aigov.Speaker(name="Ada"), aigov.Speaker(name="Bo")),
        sessions=(
            aigov.Session(
                title="A",
                kind=aigov.SessionKind.PANEL,
                statements=(
                    aigov.Statement(speaker_id="ada", text="One."),
                    aigov.Statement(speaker_id="bo", text="Two."),
                ),
            ),
            aigov.Session(
                title="B",
                kind=aigov.SessionKind.CLOSING,
                statements=(aigov.Statement(speaker_id="ada", text="Three."),),
            ),
        ),
    )


def test_positions_count_from_zero_in_each_parent() -> None:
    """Statement positions restart in each session; the others follow the forum."""
    corpus = aigov.Corpus(forums=(FORUM, two_session_forum()))
    rows = tables.statements_frame(corpus).to_pylist()
    positions = [
        (r["session_position"], r["statement_position"])
        for r in rows
        if r["forum_id"] == "two-sessions"
    ]
    assert positions == [(0, 0), (0, 1), (1, 0)]
    speakers = tables.speakers_frame(corpus).to_pylist()
    assert [
        r["speaker_position"] for r in speakers if r["forum_id"] == "two-sessions"
    ] == [0, 1]
    assert [r["speaker_position"] for r in speakers][: len(FORUM.speakers)] == list(
        range(len(FORUM.speakers))
    )


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (aigov.PartialDate(year=2025), "2025"),
        (aigov.PartialDate(year=2025, month=11), "2025-11"),
        (datetime.date(2025, 11, 4), "2025-11-04"),
        (None, None),
    ],
)
def test_dates_are_iso_reduced_precision(
    when: datetime.date | aigov.PartialDate | None, text: str | None
) -> None:
    """A forum's date is written as precisely as it is known, or missing."""
    forum = aigov.Forum(name="F", start_date=when, speakers=(aigov.Speaker(name="A"),))
    (row,) = tables.speakers_frame(forum).to_pylist()
    assert row["forum_date"] == text


def test_a_session_date_is_written_as_the_forums() -> None:
    """session_date is the session's own date, partial or complete."""
    forum = aigov.Forum(
        name="F",
        start_date=aigov.PartialDate(year=2025, month=11),
        speakers=(aigov.Speaker(name="Ada"),),
        sessions=(
            aigov.Session(
                title="S",
                kind=aigov.SessionKind.PANEL,
                date=aigov.PartialDate(year=2025),
                statements=(aigov.Statement(speaker_id="ada", text="Hi."),),
            ),
        ),
    )
    (row,) = tables.statements_frame(forum).to_pylist()
    assert (row["forum_date"], row["session_date"]) == ("2025-11", "2025")


def test_speakers_count_statements_and_list_parts() -> None:
    """A speaker's row counts their statements and lists their parts once each."""
    rows = {r["speaker_id"]: r for r in tables.speakers_frame(FORUM).to_pylist()}
    assert rows["wang-yongqing"]["statements"] == 2
    assert rows["xue-lan"]["statements"] == 0
    assert rows["xue-lan"]["parts"] == ["keynote"]
    assert rows["yang-bin"]["parts"] == ["host"]


def test_the_statement_row_lists_the_parts_in_its_session() -> None:
    """The parts in a statement's row are the speaker's parts in that session only."""
    forum = aigov.Forum(
        name="F",
        speakers=(aigov.Speaker(name="Ada"),),
        sessions=(
            aigov.Session(
                title="A",
                kind=aigov.SessionKind.PANEL,
                participants=(
                    aigov.Participant(speaker_id="ada", part=aigov.Part.CHAIR),
                    aigov.Participant(speaker_id="ada", part=aigov.Part.PANELIST),
                ),
                statements=(aigov.Statement(speaker_id="ada", text="One."),),
            ),
            aigov.Session(
                title="B",
                kind=aigov.SessionKind.PLENARY,
                statements=(aigov.Statement(speaker_id="ada", text="Two."),),
            ),
        ),
    )
    rows = tables.statements_frame(forum).to_pylist()
    assert [r["parts"] for r in rows] == [["chair", "panelist"], []]
    (speaker,) = tables.speakers_frame(forum).to_pylist()
    assert speaker["parts"] == ["chair", "panelist"]


def test_csv_cells_join_lists_and_leave_nothing_empty() -> None:
    """In csv a list is joined by the separator and a missing value is an empty cell."""
    assert LIST_SEPARATOR == "; "
    assert csv_cell(("privacy", "security")) == "privacy; security"
    assert csv_cell(()) == ""
    assert csv_cell(None) == ""
    assert csv_cell(3) == "3"


def test_rows_take_only_a_forum_or_a_corpus() -> None:
    """Anything else is an ArgumentTypeError (a TypeError) naming what was given."""
    with pytest.raises(ArgumentTypeError, match="not list"):
        statement_rows([FORUM])  # type: ignore[arg-type]


# --- the Arrow frames -------------------------------------------------------------


def expected_schema(columns: Sequence[Column]) -> Any:  # noqa: ANN401 - pyarrow is untyped
    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "list<string>": pa.list_(pa.string()),
    }
    return pa.schema(
        [
            pa.field(
                c.name,
                types[c.type.value],
                nullable=c.nullable,
                metadata={"description": c.help},
            )
            for c in columns
        ]
    )


@pytest.mark.parametrize(("frame", "columns"), FRAME_COLUMNS)
@pytest.mark.parametrize(
    "data", [FORUM, CORPUS, aigov.Corpus()], ids=["forum", "corpus", "empty"]
)
def test_frames_have_the_exact_schema(
    frame: str, columns: Sequence[Column], data: aigov.Forum | aigov.Corpus
) -> None:
    """Every frame has its declared schema, with metadata, even with no rows."""
    table = getattr(tables, frame)(data)
    assert table.schema.equals(expected_schema(columns), check_metadata=True)


def test_the_schema_spells_out_the_types() -> None:
    """The statements frame's types, written out, so that a change is seen."""
    schema = tables.statements_frame(FORUM).schema
    assert schema.field("forum_date").type == pa.string()
    assert schema.field("forum_date").nullable
    assert schema.field("statement_position").type == pa.int64()
    assert not schema.field("statement_position").nullable
    assert schema.field("countries").type == pa.list_(pa.string())
    assert schema.field("text").type == pa.string()


@pytest.mark.parametrize(
    ("frame", "rows", "columns"),
    [
        (tables.statements_frame, statement_rows, STATEMENT_COLUMNS),
        (tables.speakers_frame, speaker_rows, SPEAKER_COLUMNS),
        (tables.organizations_frame, organization_rows, ORGANIZATION_COLUMNS),
    ],
)
def test_a_frame_holds_the_flat_rows(
    frame: Callable[[aigov.Corpus], Any],
    rows: Callable[[aigov.Corpus], list[Row]],
    columns: Sequence[Column],
) -> None:
    """The frame of a corpus is its rows, cell for cell, in order."""
    assert frame(CORPUS).to_pylist() == rows_as_dicts(columns, rows(CORPUS))


def test_frames_are_deterministic() -> None:
    """The same corpus gives equal frames, however often it is asked."""
    first = tables.statements_frame(CORPUS)
    again = tables.statements_frame(aigov.Corpus(forums=aigov.datasets.corpus()))
    assert first.equals(again, check_metadata=True)


@settings(max_examples=25, deadline=None)
@given(forum=strategies.forums())
def test_every_statement_is_one_row_and_the_frame_is_the_rows(
    forum: aigov.Forum,
) -> None:
    """For any forum: one row per statement, in order, and the frame equals the rows."""
    rows = statement_rows(forum)
    statements = forum.all_statements()
    assert [row[STATEMENT_COLUMNS.index(column("statement_id"))] for row in rows] == [
        s.id for s in statements
    ]
    frame = tables.statements_frame(forum)
    assert frame.to_pylist() == rows_as_dicts(STATEMENT_COLUMNS, rows)
    assert tables.speakers_frame(forum).num_rows == len(forum.speakers)
    assert tables.organizations_frame(forum).num_rows == len(forum.organizations)


@settings(max_examples=10, deadline=None)
@given(
    forums=st.lists(strategies.forums(), max_size=3, unique_by=lambda f: f.id),
)
def test_a_corpus_frame_is_its_forums_frames_one_after_another(
    forums: list[aigov.Forum],
) -> None:
    """For any corpus, each frame is the frames of its forums, concatenated in order."""
    corpus = aigov.Corpus(forums=forums)
    for frame in (
        tables.statements_frame,
        tables.speakers_frame,
        tables.organizations_frame,
    ):
        each = [frame(forum) for forum in forums]
        expected = pa.concat_tables([frame(aigov.Corpus()), *each])
        assert frame(corpus).equals(expected, check_metadata=True)
    rows = rows_as_dicts(STATEMENT_COLUMNS, statement_rows(corpus))
    assert tables.statements_frame(corpus).to_pylist() == rows


def column(name: str) -> Column:
    return next(c for c in STATEMENT_COLUMNS if c.name == name)


def test_pandas_round_trip_keeps_the_frame() -> None:
    """to_pandas, then back to Arrow with the frame's schema, gives the same frame."""
    pytest.importorskip("pandas", reason="needs the pandas extra")
    frame = tables.statements_frame(CORPUS)
    data = tables.to_pandas(frame)
    assert list(data.columns) == frame.column_names
    assert len(data) == frame.num_rows
    back = pa.Table.from_pandas(data, schema=frame.schema, preserve_index=False)
    assert back.equals(frame)


def test_polars_round_trip_keeps_the_frame() -> None:
    """to_polars, then back to Arrow cast to the frame's schema, gives the same frame."""
    pytest.importorskip("polars", reason="needs the polars extra")
    frame = tables.speakers_frame(CORPUS)
    data = tables.to_polars(frame)
    assert data.columns == frame.column_names
    assert data.height == frame.num_rows
    assert data.to_arrow().cast(frame.schema).equals(frame)


def test_polars_filters_on_a_list_column() -> None:
    """The countries list filters in polars as in the query: speakers affiliated with CN."""
    polars = pytest.importorskip("polars", reason="needs the polars extra")
    data = tables.to_polars(tables.speakers_frame(FORUM))
    chinese = data.filter(polars.col("countries").list.contains("CN"))
    expected = [s.id for s in aigov.query.speakers(FORUM, country="CN")]
    assert chinese["speaker_id"].to_list() == expected


def test_frames_without_pyarrow_name_the_arrow_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without pyarrow, a frame raises MissingExtraError naming the arrow extra."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"aigov\[arrow\]"):
        tables.statements_frame(FORUM)


@pytest.mark.parametrize(
    ("module", "convert"), [("pandas", tables.to_pandas), ("polars", tables.to_polars)]
)
def test_conversions_without_their_library_name_its_extra(
    module: str, convert: Callable[[Any], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """to_pandas and to_polars without their library name the extra to install."""
    frame = tables.speakers_frame(FORUM)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError, match=rf"aigov\[{module}\]"):
        convert(frame)


def test_importing_tables_imports_no_extra() -> None:
    """`import aigov.tables` loads neither pyarrow, pandas nor polars."""
    code = (
        "import sys, aigov.tables; "
        "print(sorted(m for m in ('pyarrow', 'pandas', 'polars') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_command_line_needs_no_extra_for_csv_and_json(tmp_path: Path) -> None:
    """With pyarrow, pandas and polars unimportable, csv, json and export --to csv work."""
    code = f"""
import sys
for name in ("pyarrow", "pandas", "polars"):
    sys.modules[name] = None
from aigov._cli import main
codes = [
    main(["statements", "--format", "csv"]),
    main(["speakers", "--country", "CN", "--format", "json"]),
    main(["organizations", "--format", "csv"]),
    main(["export", "--to", "csv", {str(tmp_path / "out")!r}]),
]
sys.stdout.flush()
print(codes, file=sys.stderr)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip() == "[0, 0, 0, 0]"
    assert "forum_id" in result.stdout
    assert (tmp_path / "out" / "statements.csv").is_file()
