"""aigov.tables: a corpus as normalised Arrow tables and as a Parquet dataset, and back."""

import datetime
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigov import (
    Corpus,
    Forum,
    PartialDate,
    Session,
    SessionKind,
    Speaker,
    Statement,
    datasets,
    strategies,
)
from aigov._formats._tables import (
    TABLES,
    VERSION_KEY,
    _rows_of_arrow,
    corpus_from_rows,
)
from aigov.exceptions import (
    ArgumentTypeError,
    ErrorDetail,
    MissingExtraError,
    ValidationError,
)
from aigov.tables import (
    from_arrow,
    partition_key,
    read_parquet,
    to_arrow,
    write_parquet,
)

CORPUS = datasets.corpus()


def corpora() -> st.SearchStrategy[Corpus]:
    """Corpora of 0 to 3 forums with distinct ids."""
    return st.lists(strategies.forums(), max_size=3, unique_by=lambda f: f.id).map(
        lambda forums: Corpus(forums=forums)
    )


def replaced(
    tables: dict[str, pa.Table], table: str, column: str, row: int, value: object
) -> dict[str, pa.Table]:
    """*tables* with one cell changed."""
    target = tables[table]
    index = target.column_names.index(column)
    values = target.column(column).to_pylist()
    values[row] = value
    array = pa.array(values, type=target.schema.field(column).type)
    return {
        **tables,
        table: target.set_column(index, target.schema.field(column), array),
    }


def problem_locations(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [detail.location for detail in error.value.errors]


def a_forum() -> Forum:
    """A forum of one session with two statements, one with topics."""
    return Forum(
        name="Forum",
        start_date=PartialDate(year=2025, month=11),
        speakers=(Speaker(name="Li Meng"),),
        sessions=(
            Session(
                title="Opening",
                kind=SessionKind.OPENING_CEREMONY,
                date=PartialDate(year=2025),
                statements=(
                    Statement(
                        speaker_id="li-meng", text="first", topics=("privacy", "ai")
                    ),
                    Statement(speaker_id="li-meng", text="second"),
                ),
            ),
        ),
    )


# --- round trips -------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_from_arrow_inverts_to_arrow(corpus: Corpus) -> None:
    """Any corpus comes back equal from its Arrow tables."""
    assert from_arrow(to_arrow(corpus)) == corpus


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_read_parquet_inverts_write_parquet(corpus: Corpus) -> None:
    """Any corpus written as Parquet reads back equal."""
    with tempfile.TemporaryDirectory() as directory:
        write_parquet(corpus, Path(directory) / "out")
        assert read_parquet(Path(directory) / "out") == corpus


def test_the_bundled_corpus_round_trips_through_parquet(tmp_path: Path) -> None:
    """The bundled corpus, with its evidence and sources, reads back equal."""
    write_parquet(CORPUS, tmp_path / "out")
    assert read_parquet(tmp_path / "out") == CORPUS


def test_a_forum_is_taken_as_a_corpus_of_one() -> None:
    """Passing a Forum gives the tables of a corpus holding only it."""
    forum = a_forum()
    assert from_arrow(to_arrow(forum)) == Corpus(forums=(forum,))


def test_anything_else_is_refused() -> None:
    """A list of forums is neither a Forum nor a Corpus."""
    with pytest.raises(ArgumentTypeError, match="Forum or a Corpus"):
        to_arrow([a_forum()])  # type: ignore[arg-type]


# --- layout and types ----------------------------------------------------------------


def test_an_empty_corpus_has_the_same_tables_and_columns() -> None:
    """The schemas are fixed: no rows change no column or type."""
    empty = to_arrow(Corpus())
    full = to_arrow(CORPUS)
    assert list(empty) == list(full) == [spec.name for spec in TABLES]
    for name, table in empty.items():
        assert table.num_rows == 0
        assert table.schema == full[name].schema


def test_every_table_has_forum_id_and_is_at_least_the_agreed_set() -> None:
    """Each table starts with forum_id; the tables analysts expect are there."""
    tables = to_arrow(CORPUS)
    expected = {
        "forums",
        "sessions",
        "participants",
        "organizations",
        "speakers",
        "roles",
        "names",
        "statements",
        "statement_topics",
        "evidence",
        "sources",
    }
    assert expected <= set(tables)
    for table in tables.values():
        assert table.column_names[0] == "forum_id"


def test_columns_have_exact_types() -> None:
    """Dates are date32, enums dictionary-encoded, topics a list, positions int64."""
    schema = to_arrow(CORPUS)
    assert schema["forums"].schema.field("start_date").type == pa.date32()
    assert schema["sessions"].schema.field("kind").type == pa.dictionary(
        pa.int8(), pa.string()
    )
    assert schema["statements"].schema.field("topics").type == pa.list_(pa.string())
    assert schema["roles"].schema.field("position").type == pa.int64()


def test_partial_dates_are_a_first_day_and_a_precision() -> None:
    """2025-11 is 2025-11-01 with precision month; 2025 is 2025-01-01 with year."""
    tables = to_arrow(a_forum())
    forums = tables["forums"].to_pylist()[0]
    assert forums["start_date"] == datetime.date(2025, 11, 1)
    assert forums["start_date_precision"] == "month"
    session = tables["sessions"].to_pylist()[0]
    assert (session["date"], session["date_precision"]) == (
        datetime.date(2025, 1, 1),
        "year",
    )
    assert forums["end_date"] is None
    assert forums["end_date_precision"] is None


def test_topics_are_a_list_column_and_a_table() -> None:
    """A statement's topics are on its row, in order, and one row each in statement_topics."""
    tables = to_arrow(a_forum())
    assert tables["statements"].column("topics").to_pylist() == [["privacy", "ai"], []]
    rows = tables["statement_topics"].to_pylist()
    assert [(r["position"], r["topic"]) for r in rows] == [(0, "privacy"), (1, "ai")]


def test_rows_carry_their_position_within_their_parent() -> None:
    """Statement, session and role positions match the model's order."""
    tables = to_arrow(CORPUS)
    statements = tables["statements"].to_pylist()
    for forum in CORPUS:
        for i, session in enumerate(forum.sessions):
            rows = [
                r
                for r in tables["sessions"].to_pylist()
                if (r["forum_id"], r["session_id"]) == (forum.id, session.id)
            ]
            assert [r["position"] for r in rows] == [i]
            said = {
                r["statement_id"]: r["position"]
                for r in statements
                if (r["forum_id"], r["session_id"]) == (forum.id, session.id)
            }
            assert said == {s.id: j for j, s in enumerate(session.statements)}


def test_order_survives_shuffled_rows() -> None:
    """Rows in any order give the same corpus: positions, not row order, count."""
    tables = to_arrow(CORPUS)
    shuffled = {
        name: table.take(pa.array(list(reversed(range(table.num_rows))), pa.int64()))
        for name, table in tables.items()
    }
    assert from_arrow(shuffled) == CORPUS


def test_keys_are_unique_across_a_corpus_by_forum_id() -> None:
    """Two forums with the same speaker id keep their speakers apart."""
    first = a_forum()
    second = Forum(name="Other", speakers=(Speaker(name="Li Meng"),))
    corpus = Corpus(forums=(first, second))
    speakers = to_arrow(corpus)["speakers"].to_pylist()
    assert [(r["forum_id"], r["speaker_id"]) for r in speakers] == [
        ("forum", "li-meng"),
        ("other", "li-meng"),
    ]
    assert from_arrow(to_arrow(corpus)) == corpus


# --- bad tables ----------------------------------------------------------------------


def test_a_missing_table_is_named() -> None:
    """Leaving out a table is a ValidationError naming it."""
    tables = to_arrow(CORPUS)
    del tables["roles"]
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert problem_locations(error) == ["roles"]


def test_a_missing_column_is_named() -> None:
    """Dropping a column is a ValidationError naming table and column."""
    tables = to_arrow(CORPUS)
    tables["speakers"] = tables["speakers"].drop_columns(["kind"])
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert problem_locations(error) == ["speakers.kind"]


def test_a_column_of_the_wrong_type_is_named() -> None:
    """A position as strings is a ValidationError, not a pyarrow error."""
    tables = to_arrow(CORPUS)
    table = tables["roles"]
    index = table.column_names.index("position")
    strings = pa.array([str(v) for v in table.column("position").to_pylist()])
    tables["roles"] = table.set_column(index, "position", strings)
    with pytest.raises(ValidationError, match="has type string, not int64") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["roles.position"]


def test_a_dangling_foreign_key_names_table_row_and_column() -> None:
    """A statement of a speaker the forum lacks is located at its row."""
    tables = replaced(to_arrow(CORPUS), "statements", "speaker_id", 3, "x")
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert str(error.value) == "statements[3].speaker_id: 'x' refers to no speaker"


def test_a_duplicate_key_names_both_rows() -> None:
    """Two speakers with one key: the second row is named, and the first."""
    tables = to_arrow(CORPUS)
    first = tables["speakers"].column("speaker_id")[0].as_py()
    tables = replaced(tables, "speakers", "speaker_id", 1, first)
    with pytest.raises(
        ValidationError, match=r"duplicate key .* \(first at row 0\)"
    ) as error:
        from_arrow(tables)
    assert "speakers[1].speaker_id" in problem_locations(error)


def test_an_unknown_enum_value_is_named() -> None:
    """A session kind outside SessionKind is a located ValidationError."""
    tables = replaced(to_arrow(CORPUS), "sessions", "kind", 0, "banquet")
    with pytest.raises(ValidationError, match="'banquet' is not one of") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["sessions[0].kind"]


def test_a_partial_date_not_on_its_first_day_is_refused() -> None:
    """A month written as 2025-11-04 is ambiguous, so it is refused."""
    tables = replaced(
        to_arrow(a_forum()), "forums", "start_date", 0, datetime.date(2025, 11, 4)
    )
    with pytest.raises(ValidationError, match="first day") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["forums[0].start_date"]


def test_a_date_without_its_precision_is_refused() -> None:
    """A date whose precision is missing is located at its row."""
    tables = replaced(to_arrow(a_forum()), "forums", "start_date_precision", 0, None)
    with pytest.raises(ValidationError, match="together") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["forums[0].start_date"]


def test_positions_with_a_gap_are_refused() -> None:
    """Positions 0, 2 instead of 0, 1 would not write back the same: refused."""
    tables = replaced(to_arrow(a_forum()), "statements", "position", 1, 2)
    with pytest.raises(ValidationError, match="positions within a parent") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["statements[1].position"]


def test_topics_that_disagree_with_statement_topics_are_refused() -> None:
    """The list column and the table must say the same."""
    tables = replaced(to_arrow(a_forum()), "statements", "topics", 0, ["privacy"])
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert problem_locations(error) == ["statements[0].topics"]


def test_a_model_check_is_located_at_the_row() -> None:
    """A blank speaker name fails the model's own check, located at the row."""
    tables = replaced(to_arrow(CORPUS), "speakers", "name", 2, "  ")
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert problem_locations(error) == ["speakers[2].name"]


def test_a_bad_list_item_is_located_at_its_own_row() -> None:
    """A blank alias is reported at its row of aliases, not at its holder."""
    tables = replaced(to_arrow(CORPUS), "aliases", "alias", 0, " ")
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert problem_locations(error) == ["aliases[0].alias"]


def test_a_value_the_model_would_normalise_is_refused() -> None:
    """'cn' would be read as 'CN' and not written back as it is: refused, saying so."""
    tables = to_arrow(CORPUS)
    countries = tables["organizations"].column("country").to_pylist()
    row = next(i for i, code in enumerate(countries) if code)
    tables = replaced(tables, "organizations", "country", row, countries[row].lower())
    with pytest.raises(ValidationError, match="is read as") as error:
        from_arrow(tables)
    assert problem_locations(error) == [f"organizations[{row}].country"]


def test_a_redundant_forum_id_that_disagrees_is_refused() -> None:
    """parent_forum_id must be forum_id exactly where parent_id is given."""
    tables = to_arrow(CORPUS)
    parents = tables["organizations"].column("parent_id").to_pylist()
    row = parents.index(None)
    tables = replaced(tables, "organizations", "parent_forum_id", row, "elsewhere")
    with pytest.raises(ValidationError) as error:
        from_arrow(tables)
    assert problem_locations(error) == [f"organizations[{row}].parent_forum_id"]


def test_a_column_given_twice_is_refused() -> None:
    """Two columns of one name cannot both be read: a located error, not a KeyError."""
    tables = to_arrow(CORPUS)
    speakers = tables["speakers"]
    tables["speakers"] = speakers.append_column("name", speakers.column("name"))
    with pytest.raises(ValidationError, match="twice") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["speakers.name"]


def test_an_unknown_table_is_refused() -> None:
    """A table the layout does not have would be lost: refused."""
    tables = to_arrow(CORPUS)
    tables["extra"] = tables["forums"]
    with pytest.raises(ValidationError, match="not a table") as error:
        from_arrow(tables)
    assert problem_locations(error) == ["extra"]


# --- Parquet files --------------------------------------------------------------------


def test_parquet_is_hive_partitioned_by_forum_key(tmp_path: Path) -> None:
    """Each table has one forum=<key>/part-0.parquet per forum with rows in it."""
    write_parquet(CORPUS, tmp_path / "out")
    found = sorted(
        p.parent.name for p in (tmp_path / "out" / "forums").glob("*/*.parquet")
    )
    assert found == sorted(f"forum={partition_key(f.id)}" for f in CORPUS)
    for spec in TABLES:
        assert (tmp_path / "out" / spec.name / "_common_metadata").is_file()


def test_a_table_has_files_only_for_forums_with_rows_in_it(tmp_path: Path) -> None:
    """A forum without rows in a table has no file there; a table without rows has one."""
    with_sessions = a_forum()
    without = Forum(name="Quiet", id="quiet", start_date=datetime.date(2024, 1, 1))
    write_parquet(Corpus(forums=(without, with_sessions)), tmp_path / "out")
    statements = sorted((tmp_path / "out" / "statements").glob("*/*.parquet"))
    assert [p.parent.name for p in statements] == [
        f"forum={partition_key(with_sessions.id)}"
    ]
    names = list((tmp_path / "out" / "names").glob("*/*.parquet"))
    assert [p.parent.name for p in names] == [f"forum={partition_key(without.id)}"]
    assert pq.read_table(names[0]).num_rows == 0


def test_partition_keys_are_safe_short_and_distinct() -> None:
    """Slashes, case and long non-Latin ids give short ASCII keys that differ."""
    keys = {partition_key(i) for i in ("Paris/2025", "paris/2025", "北京" * 100)}
    assert len(keys) == 3
    for key in keys:
        assert len(key) <= 71
        assert key.isascii()
        assert "/" not in key
        assert key == key.lower()


def test_parquet_files_record_the_format_version(tmp_path: Path) -> None:
    """Every file's key-value metadata has aigov's table format version."""
    write_parquet(CORPUS, tmp_path / "out")
    for path in (tmp_path / "out").rglob("*.parquet"):
        assert pq.read_schema(path).metadata[VERSION_KEY.encode()] == b"1"


def test_a_newer_format_version_is_refused_by_name(tmp_path: Path) -> None:
    """A dataset from a newer aigov says which version it has and which is read."""
    write_parquet(a_forum(), tmp_path / "out")
    path = next((tmp_path / "out" / "statements").glob("forum=*/part-0.parquet"))
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({VERSION_KEY: "2"}), path)
    with pytest.raises(
        ValidationError,
        match="has aigov table format version 2, but this aigov reads versions up to 1",
    ):
        read_parquet(tmp_path / "out")


def test_an_empty_corpus_writes_and_reads_back(tmp_path: Path) -> None:
    """No forums: the tables' schemas are still written, and read back as empty."""
    write_parquet(Corpus(), tmp_path / "out")
    assert read_parquet(tmp_path / "out") == Corpus()


def test_a_non_empty_directory_is_refused(tmp_path: Path) -> None:
    """Writing over files needs overwrite=True; the files are left alone."""
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        write_parquet(CORPUS, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_overwrite_replaces_the_whole_directory(tmp_path: Path) -> None:
    """With overwrite=True the old content is gone and no temporary is left."""
    target = tmp_path / "out"
    write_parquet(CORPUS, target)
    (target / "stale.txt").write_text("old")
    write_parquet(a_forum(), target, overwrite=True)
    assert not (target / "stale.txt").exists()
    assert read_parquet(target) == Corpus(forums=(a_forum(),))
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_an_existing_empty_directory_is_written_into(tmp_path: Path) -> None:
    """An empty directory is no one's data: it is used without overwrite."""
    write_parquet(a_forum(), tmp_path)
    assert read_parquet(tmp_path) == Corpus(forums=(a_forum(),))


def test_a_row_in_the_wrong_partition_is_refused(tmp_path: Path) -> None:
    """A file moved to another forum's partition is located by its file and row."""
    two = Corpus(forums=(a_forum(), Forum(name="Other")))
    write_parquet(two, tmp_path / "out")
    forums = tmp_path / "out" / "forums"
    first, second = sorted(forums.glob("forum=*"))
    (first / "part-0.parquet").replace(second / "part-0.parquet")
    first.rmdir()
    with pytest.raises(ValidationError, match="is not a forum of partition"):
        read_parquet(tmp_path / "out")


def test_a_corrupt_file_is_a_validation_error(tmp_path: Path) -> None:
    """A file that is not Parquet is located by its path, not a pyarrow error."""
    write_parquet(a_forum(), tmp_path / "out")
    path = next((tmp_path / "out" / "speakers").glob("forum=*/part-0.parquet"))
    path.write_bytes(b"not parquet")
    with pytest.raises(ValidationError, match="cannot be read as Parquet") as error:
        read_parquet(tmp_path / "out")
    assert problem_locations(error)[0].startswith("speakers/forum=")


def test_a_missing_table_directory_is_named(tmp_path: Path) -> None:
    """A dataset without one of its tables names the table."""
    write_parquet(a_forum(), tmp_path / "out")
    for path in sorted((tmp_path / "out" / "names").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (tmp_path / "out" / "names").rmdir()
    with pytest.raises(ValidationError) as error:
        read_parquet(tmp_path / "out")
    assert problem_locations(error) == ["names"]


# --- the extra ----------------------------------------------------------------------------


def test_without_pyarrow_the_arrow_functions_name_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A missing pyarrow gives MissingExtraError naming the arrow extra."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"aigov\[arrow\]"):
        to_arrow(CORPUS)


def test_importing_the_module_does_not_import_pyarrow() -> None:
    """aigov.tables loads pyarrow only when an Arrow function runs."""
    code = "import sys, aigov.tables; print('pyarrow' in sys.modules)"
    found: Any = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "False"


def test_the_documentation_lists_every_table_and_column() -> None:
    """docs/tables.rst has a section per table naming each of its columns."""
    text = (Path(__file__).parent.parent / "docs" / "tables.rst").read_text("utf-8")
    sections = text.split("\n``")
    for spec in TABLES:
        heading = f"{spec.name}``\n{'~' * (len(spec.name) + 4)}\n"
        section = next(s for s in sections if s.startswith(heading))
        for column in spec.columns:
            assert f"   * - ``{column.name}``\n" in section, (spec.name, column.name)
        assert f"Primary key: ({', '.join(spec.primary_key)})" in section


# --- any one changed cell ------------------------------------------------------------

SPECS = {spec.name: spec for spec in TABLES}


def cell_values(
    kind: str, values: tuple[str, ...], found: list[Any]
) -> st.SearchStrategy[Any]:
    """Values for a cell of a column: the column's own values, nulls and others."""
    others: dict[str, st.SearchStrategy[Any]] = {
        "string": st.text(max_size=6),
        "integer": st.integers(-2, 6) | st.integers(-(2**63), 2**63 - 1),
        "date": st.dates(),
        "enum": st.sampled_from(values) | st.text(max_size=6) if values else st.text(),
        "topics": st.lists(st.text(max_size=4), max_size=3),
    }
    present = [v for v in found if v is not None]
    own = st.sampled_from(present) if present else st.nothing()
    return st.none() | own | others[kind]


@st.composite
def one_cell_changed(draw: st.DrawFn) -> tuple[dict[str, pa.Table], str, str, int]:
    """The tables of a corpus with one cell of one table changed to another value."""
    corpus = draw(corpora().filter(len))
    tables = to_arrow(corpus)
    name = draw(st.sampled_from([n for n, t in tables.items() if t.num_rows]))
    column = draw(st.sampled_from(SPECS[name].columns))
    row = draw(st.integers(0, tables[name].num_rows - 1))
    found = tables[name].column(column.name).to_pylist()
    value = draw(cell_values(column.kind, column.values, found))
    return replaced(tables, name, column.name, row, value), name, column.name, row


def as_rows(tables: dict[str, pa.Table]) -> dict[str, list[str]]:
    """Each table's rows, in a canonical order: the row order carries nothing."""
    return {
        name: sorted(map(repr, table.to_pylist())) for name, table in tables.items()
    }


def read_or_problems(tables: dict[str, pa.Table]) -> Corpus | tuple[ErrorDetail, ...]:
    """The corpus the tables describe, or the problems from_arrow finds."""
    try:
        return from_arrow(tables)
    except ValidationError as error:
        return error.errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_cell_changed())
def test_a_changed_cell_is_refused_or_written_back_as_it_is(
    changed: tuple[dict[str, pa.Table], str, str, int],
) -> None:
    """One changed cell: a located ValidationError, or a corpus that gives the same tables."""
    tables, name, column, row = changed
    read = read_or_problems(tables)
    if isinstance(read, Corpus):
        assert as_rows(to_arrow(read)) == as_rows(tables), (name, column, row)
    else:
        assert all(detail.location for detail in read)


def checked_read(tables: dict[str, pa.Table]) -> Corpus | tuple[ErrorDetail, ...]:
    """What the checked path, without the fast one, reads from the tables."""
    try:
        return corpus_from_rows(_rows_of_arrow(tables))
    except ValidationError as error:
        return error.errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_cell_changed())
def test_the_fast_reader_answers_as_the_checked_one(
    changed: tuple[dict[str, pa.Table], str, str, int],
) -> None:
    """from_arrow's fast path gives a corpus only where the checked path gives the same."""
    tables = changed[0]
    read = read_or_problems(tables)
    assert read == checked_read(tables), changed[1:]


def test_the_current_directory_can_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """write_parquet(".") works in an empty working directory."""
    monkeypatch.chdir(tmp_path)
    write_parquet(a_forum(), ".")
    assert read_parquet(".") == Corpus(forums=(a_forum(),))


def test_a_failed_write_leaves_the_old_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails half way, with overwrite=True, leaves what was there."""
    write_parquet(a_forum(), tmp_path / "out")

    def fail(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", fail)
    with pytest.raises(OSError, match="disk full"):
        write_parquet(CORPUS, tmp_path / "out", overwrite=True)
    monkeypatch.undo()
    assert read_parquet(tmp_path / "out") == Corpus(forums=(a_forum(),))
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
