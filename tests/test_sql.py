"""The DuckDB recipe of docs/tables.rst answers as aigov.query does, over write_parquet's output.

The SQL is read from ``docs/sql``, the files the documentation shows, so the
recipe users copy is the one tested.
"""

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from aigov import Corpus, datasets, query
from aigov.tables import write_parquet

CORPUS = datasets.corpus()
SQL = Path(__file__).parent.parent / "docs" / "sql"

Key = tuple[str, str]


@pytest.fixture(scope="module")
def connection(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """DuckDB with the recipe's views over the bundled corpus as Parquet."""
    root = tmp_path_factory.mktemp("sql")
    write_parquet(CORPUS, root / "corpus")
    with duckdb.connect() as connection:
        # The recipe names the dataset "corpus", relative to this directory.
        connection.execute("SET file_search_path = $root", {"root": str(root)})
        connection.execute((SQL / "views.sql").read_text("utf-8"))
        yield connection


def answer(
    connection: duckdb.DuckDBPyConnection, name: str, **variables: str
) -> list[Key]:
    """The rows of the recipe's query *name*, as (forum_id, id) pairs.

    Each of *variables* is set as a DuckDB variable first, as the recipe's
    comments tell users to.
    """
    for variable, value in variables.items():
        connection.execute(f"SET VARIABLE {variable} = $value", {"value": value})
    rows = connection.execute((SQL / f"{name}.sql").read_text("utf-8"))
    return [(forum_id, id_) for forum_id, id_ in rows.fetchall()]


def countries(corpus: Corpus) -> list[str]:
    """Every country code the corpus's organisations, speakers and roles give."""
    found: set[str | None] = set()
    for forum in corpus:
        found.update(o.country for o in forum.organizations)
        found.update(s.country for s in forum.speakers)
        found.update(r.country for s in forum.speakers for r in s.roles)
    return sorted(code for code in found if code is not None)


def topics(corpus: Corpus) -> list[str]:
    """Every topic of the corpus's statements."""
    return sorted(
        {t for forum in corpus for s in forum.all_statements() for t in s.topics}
    )


def test_ministry_speakers_are_those_query_finds(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    """SQL through the organisation lineage finds query.speakers(ministry=True)."""
    expected = sorted(
        (f.forum.id, f.item.id) for f in query.speakers(CORPUS, ministry=True)
    )
    assert expected
    assert answer(connection, "ministry_speakers") == expected


@pytest.mark.parametrize("country", countries(CORPUS))
def test_speakers_of_a_country_are_those_query_finds(
    connection: duckdb.DuckDBPyConnection, country: str
) -> None:
    """Own country, a role's country and the organisations' countries, as query.country."""
    expected = sorted(
        (f.forum.id, f.item.id) for f in query.speakers(CORPUS, country=country)
    )
    assert expected
    assert answer(connection, "country_speakers", country=country) == expected


@pytest.mark.parametrize("topic", topics(CORPUS))
def test_statements_with_a_topic_are_those_query_finds(
    connection: duckdb.DuckDBPyConnection, topic: str
) -> None:
    """The topics list column finds query.statements(topic=...)."""
    expected = sorted(
        (f.forum.id, f.item.id) for f in query.statements(CORPUS, topic=topic)
    )
    assert expected
    assert answer(connection, "topic_statements", topic=topic) == expected
