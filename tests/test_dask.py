"""Dask reads write_parquet's dataset on a local cluster of two worker processes.

Statements per (country, topic), counted by Dask over the Parquet tables,
equal the same counts from :mod:`aigov.query`.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aigov import datasets, query
from aigov.tables import write_parquet

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

CORPUS = datasets.corpus()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a local cluster: two worker processes, one thread each."""
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus as write_parquet writes it."""
    root = tmp_path_factory.mktemp("dask") / "corpus"
    write_parquet(CORPUS, root)
    return root


def table(root: Path, name: str, columns: list[str]) -> Any:  # noqa: ANN401 - a dask DataFrame
    """One table as a Dask DataFrame of *columns*, ids as plain strings."""
    frame = dd.read_parquet(str(root / name), columns=columns)
    return frame.astype(dict.fromkeys(columns, "string")) if columns else frame


def affiliation_countries(root: Path) -> Any:  # noqa: ANN401 - a pandas DataFrame
    """(forum_id, speaker_id, country) for every country a speaker belongs to.

    Organisations are few: their chains of parents are followed in pandas,
    and the result is merged into the large tables by Dask.
    """
    organizations = table(
        root, "organizations", ["forum_id", "organization_id", "parent_id", "country"]
    ).compute()
    by_key = {
        (row.forum_id, row.organization_id): row for row in organizations.itertuples()
    }
    lineage_countries = []
    for (forum_id, organization_id), row in by_key.items():
        current: Any = row
        while current is not None:
            if isinstance(current.country, str):
                lineage_countries.append((forum_id, organization_id, current.country))
            parent = current.parent_id
            current = (
                by_key.get((forum_id, parent)) if isinstance(parent, str) else None
            )
    columns = ["forum_id", "organization_id", "country"]
    org_countries = dd.from_dict(
        {name: [row[i] for row in lineage_countries] for i, name in enumerate(columns)},
        npartitions=1,
    ).astype("string")
    roles = table(
        root, "roles", ["forum_id", "speaker_id", "organization_id", "country"]
    )
    through_organizations = roles[["forum_id", "speaker_id", "organization_id"]].merge(
        org_countries, on=["forum_id", "organization_id"]
    )[["forum_id", "speaker_id", "country"]]
    own = table(root, "speakers", ["forum_id", "speaker_id", "country"])
    of_roles = roles[["forum_id", "speaker_id", "country"]]
    every = dd.concat([own, of_roles, through_organizations])
    return every.dropna(subset=["country"]).drop_duplicates()


def countries() -> set[str]:
    """Every country code that the corpus's organisations, speakers and roles give."""
    found: set[str | None] = set()
    for forum in CORPUS:
        found.update(o.country for o in forum.organizations)
        found.update(s.country for s in forum.speakers)
        found.update(r.country for s in forum.speakers for r in s.roles)
    return {code for code in found if code is not None}


def test_statements_per_country_and_topic_match_query(
    client: Any,  # noqa: ANN401 - a distributed.Client
    dataset: Path,
) -> None:
    """Dask's group-by over the joined tables counts what aigov.query finds."""
    assert len(client.scheduler_info()["workers"]) == 2
    statements = table(
        dataset, "statements", ["forum_id", "statement_id", "speaker_id"]
    )
    statement_topics = table(
        dataset, "statement_topics", ["forum_id", "statement_id", "topic"]
    )
    joined = statement_topics.merge(statements, on=["forum_id", "statement_id"]).merge(
        affiliation_countries(dataset), on=["forum_id", "speaker_id"]
    )
    counts = joined.groupby(["country", "topic"]).size().compute()
    found = {key: int(count) for key, count in counts.items()}

    expected: Counter[tuple[str, str]] = Counter()
    for country in countries():
        for topic in {t for f in CORPUS for s in f.all_statements() for t in s.topics}:
            matches = query.statements(
                CORPUS, query.country(country) & query.topic(topic)
            )
            if matches:
                expected[country, topic] = len(matches)
    assert found
    assert found == dict(expected)
