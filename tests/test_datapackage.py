"""aigov.tables' Frictionless Data Package: CSV files that frictionless accepts, read back exactly."""

import csv
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frictionless
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigov import Corpus, datasets, strategies
from aigov._formats._tables import TABLES
from aigov.exceptions import ValidationError
from aigov.tables import read_datapackage, write_datapackage

CORPUS = datasets.corpus()


def corpora() -> st.SearchStrategy[Corpus]:
    """Corpora of 0 to 3 forums with distinct ids."""
    return st.lists(strategies.forums(), max_size=3, unique_by=lambda f: f.id).map(
        lambda forums: Corpus(forums=forums)
    )


def frictionless_errors(directory: Path) -> list[str]:
    """What ``frictionless validate`` finds wrong with the package in *directory*."""
    report = frictionless.validate(str(directory / "datapackage.json"))
    return [
        f"{task.name}: {error.type}: {error.note}"
        for task in report.tasks
        for error in task.errors
    ] + [f"{error.type}: {error.note}" for error in report.errors]


def descriptor(directory: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (directory / "datapackage.json").read_text("utf-8")
    )
    return data


def resource(directory: Path, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for r in descriptor(directory)["resources"] if r["name"] == name
    )
    return found


def set_cell(directory: Path, table: str, row: int, column: str, value: str) -> None:
    """Change one cell of a table's CSV file."""
    path = directory / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        records = list(csv.reader(stream))
    records[row + 1][records[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(records)


@pytest.fixture(scope="module")
def package() -> Iterator[Path]:
    """The bundled corpus as a Data Package, written once for the module."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "package"
        write_datapackage(CORPUS, path)
        yield path


def test_frictionless_validates_the_bundled_corpus(package: Path) -> None:
    """Types, primary keys, foreign keys and enum constraints all hold."""
    assert frictionless_errors(package) == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_frictionless_validates_any_corpus(corpus: Corpus) -> None:
    """Generated corpora, with any text in them, give valid packages too."""
    with tempfile.TemporaryDirectory() as directory:
        write_datapackage(corpus, Path(directory) / "p")
        assert frictionless_errors(Path(directory) / "p") == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_read_datapackage_inverts_write_datapackage(corpus: Corpus) -> None:
    """Any corpus written as a Data Package reads back equal."""
    with tempfile.TemporaryDirectory() as directory:
        write_datapackage(corpus, Path(directory) / "p")
        assert read_datapackage(Path(directory) / "p") == corpus


def test_the_bundled_corpus_reads_back(package: Path) -> None:
    """The bundled corpus, with its sources' texts, reads back equal."""
    assert read_datapackage(package) == CORPUS


def test_one_csv_per_table(package: Path) -> None:
    """Every table of the layout is a resource with its own CSV file."""
    resources = descriptor(package)["resources"]
    assert [r["name"] for r in resources] == [spec.name for spec in TABLES]
    for item in resources:
        assert (package / item["path"]).is_file()


def test_the_descriptor_states_the_format_version(package: Path) -> None:
    """datapackage.json carries aigov's table format version."""
    assert descriptor(package)["aigov_tables_version"] == 1


def test_fields_have_types_and_enum_constraints(package: Path) -> None:
    """Positions are integers, dates dates, kinds constrained to their enum."""
    fields = {f["name"]: f for f in resource(package, "sessions")["schema"]["fields"]}
    assert fields["position"]["type"] == "integer"
    assert fields["date"]["type"] == "date"
    assert "panel" in fields["kind"]["constraints"]["enum"]
    assert fields["session_id"]["constraints"]["required"] is True


def test_keys_are_declared_with_a_self_reference(package: Path) -> None:
    """Organisations refer to their parents in the same resource as resource ''."""
    schema = resource(package, "organizations")["schema"]
    assert schema["primaryKey"] == ["forum_id", "organization_id"]
    assert {
        "fields": ["parent_forum_id", "parent_id"],
        "reference": {"resource": "", "fields": ["forum_id", "organization_id"]},
    } in schema["foreignKeys"]


def test_frictionless_finds_a_dangling_key(tmp_path: Path) -> None:
    """The declared foreign keys are real: frictionless reports a broken one."""
    write_datapackage(CORPUS, tmp_path / "p")
    set_cell(tmp_path / "p", "statements", 0, "speaker_id", "nobody")
    assert any("foreign-key" in error for error in frictionless_errors(tmp_path / "p"))


def test_a_dangling_key_is_located(tmp_path: Path) -> None:
    """read_datapackage names table, row and column of a broken reference."""
    write_datapackage(CORPUS, tmp_path / "p")
    set_cell(tmp_path / "p", "statements", 4, "speaker_id", "nobody")
    with pytest.raises(ValidationError) as error:
        read_datapackage(tmp_path / "p")
    assert str(error.value) == "statements[4].speaker_id: 'nobody' refers to no speaker"


def test_a_cell_of_the_wrong_type_is_located(tmp_path: Path) -> None:
    """A position that is not an integer is located, not a ValueError."""
    write_datapackage(CORPUS, tmp_path / "p")
    set_cell(tmp_path / "p", "roles", 2, "position", "two")
    with pytest.raises(ValidationError, match="is not an integer") as error:
        read_datapackage(tmp_path / "p")
    assert [d.location for d in error.value.errors] == ["roles[2].position"]


def test_a_bad_date_is_located(tmp_path: Path) -> None:
    """A date that is not YYYY-MM-DD is located at its cell."""
    write_datapackage(CORPUS, tmp_path / "p")
    set_cell(tmp_path / "p", "forums", 0, "start_date", "2021-13-01")
    with pytest.raises(ValidationError, match="not a date") as error:
        read_datapackage(tmp_path / "p")
    assert [d.location for d in error.value.errors] == ["forums[0].start_date"]


def test_a_missing_table_is_named(tmp_path: Path) -> None:
    """A package without one of its CSV files names the table."""
    write_datapackage(CORPUS, tmp_path / "p")
    (tmp_path / "p" / "roles.csv").unlink()
    with pytest.raises(ValidationError, match="table is missing") as error:
        read_datapackage(tmp_path / "p")
    assert [d.location for d in error.value.errors] == ["roles"]


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    """A CSV file without one of its columns names table and column."""
    write_datapackage(CORPUS, tmp_path / "p")
    path = tmp_path / "p" / "speakers.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        records = [record[:-1] for record in csv.reader(stream)]
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(records)
    with pytest.raises(ValidationError) as error:
        read_datapackage(tmp_path / "p")
    assert [d.location for d in error.value.errors] == ["speakers.country"]


def test_a_newer_format_version_is_refused_by_name(tmp_path: Path) -> None:
    """A package from a newer aigov says which version it has and which is read."""
    write_datapackage(CORPUS, tmp_path / "p")
    data = descriptor(tmp_path / "p")
    data["aigov_tables_version"] = 2
    (tmp_path / "p" / "datapackage.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(
        ValidationError, match="version 2, but this aigov reads versions up to 1"
    ):
        read_datapackage(tmp_path / "p")


def test_a_missing_descriptor_is_named(tmp_path: Path) -> None:
    """A directory without datapackage.json is no package: located at the file."""
    write_datapackage(CORPUS, tmp_path / "p")
    (tmp_path / "p" / "datapackage.json").unlink()
    with pytest.raises(ValidationError, match="cannot be read") as error:
        read_datapackage(tmp_path / "p")
    assert [d.location for d in error.value.errors] == ["datapackage.json"]


def test_a_descriptor_that_is_not_json_is_named(tmp_path: Path) -> None:
    """Broken JSON in datapackage.json is a ValidationError, not a JSONDecodeError."""
    write_datapackage(CORPUS, tmp_path / "p")
    (tmp_path / "p" / "datapackage.json").write_text("{", "utf-8")
    with pytest.raises(ValidationError, match=r"datapackage\.json: invalid JSON"):
        read_datapackage(tmp_path / "p")


def test_a_non_empty_directory_is_refused(tmp_path: Path) -> None:
    """Writing over files needs overwrite=True, which replaces them."""
    (tmp_path / "old.txt").write_text("old")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        write_datapackage(CORPUS, tmp_path)
    write_datapackage(CORPUS, tmp_path, overwrite=True)
    assert not (tmp_path / "old.txt").exists()
    assert read_datapackage(tmp_path) == CORPUS


def test_the_data_package_needs_no_pyarrow(tmp_path: Path) -> None:
    """Writing and reading a package works where pyarrow cannot be imported."""
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from aigov import datasets, tables\n"
        f"tables.write_datapackage(datasets.corpus(), {str(tmp_path / 'p')!r})\n"
        f"print(tables.read_datapackage({str(tmp_path / 'p')!r}) == datasets.corpus())\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "True"


def records(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora().filter(len), st.data())
def test_a_changed_cell_is_refused_or_written_back_as_it_is(
    corpus: Corpus, data: st.DataObject
) -> None:
    """One changed CSV cell: a located ValidationError, or a package with the same rows."""
    with tempfile.TemporaryDirectory() as directory:
        first, second = Path(directory) / "first", Path(directory) / "second"
        write_datapackage(corpus, first)
        table = data.draw(
            st.sampled_from(
                [s.name for s in TABLES if len(records(first / f"{s.name}.csv")) > 1]
            )
        )
        rows = records(first / f"{table}.csv")
        row = data.draw(st.integers(1, len(rows) - 1))
        column = data.draw(st.integers(0, len(rows[0]) - 1))
        present = sorted({r[column] for r in rows[1:]})
        rows[row][column] = data.draw(
            st.sampled_from([*present, ""]) | st.text(max_size=6)
        )
        with (first / f"{table}.csv").open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(rows)
        try:
            read = read_datapackage(first)
        except ValidationError as error:
            problems = error.errors
        else:
            problems = ()
            write_datapackage(read, second)
            for spec in TABLES:
                again = records(second / f"{spec.name}.csv")
                assert sorted(again) == sorted(records(first / f"{spec.name}.csv"))
        assert all(detail.location for detail in problems)


def test_a_descriptor_with_a_repeated_key_is_refused(tmp_path: Path) -> None:
    """A key given twice in datapackage.json is refused, as in a forum file, not read as the last."""
    write_datapackage(CORPUS, tmp_path / "p")
    descriptor = tmp_path / "p" / "datapackage.json"
    text = descriptor.read_text("utf-8")
    descriptor.write_text(text.replace("{", '{"name": "x", ', 1), "utf-8")
    with pytest.raises(ValidationError) as error:
        read_datapackage(tmp_path / "p")
    assert [d.location for d in error.value.errors] == ["datapackage.json.name"]
