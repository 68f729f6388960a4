"""Typing tests: mypy checks these assert_type calls; pytest runs them too."""

from pathlib import Path
from typing import assert_type

import pytest

import aigov
from aigov import Forum, Speaker, query


def test_loaders_return_the_requested_class(tmp_path: Path) -> None:
    """from_json, from_dict and load are typed by their cls argument."""
    forum = aigov.datasets.tsinghua_2021()
    assert_type(forum, Forum)
    speaker = forum.speakers[0]
    text = aigov.to_json(speaker)
    assert_type(text, str)
    assert_type(aigov.from_json(text, Speaker), Speaker)
    assert_type(aigov.from_json(aigov.to_json(forum)), Forum)
    assert_type(aigov.from_dict(aigov.to_dict(speaker), Speaker), Speaker)
    assert_type(aigov.from_dict(aigov.to_dict(forum)), Forum)
    path = tmp_path / "f.json"
    aigov.dump(forum, path)
    assert_type(aigov.load(path), Forum)
    assert_type(aigov.load(path, Forum), Forum)


def test_fields_have_precise_types() -> None:
    """Model fields are typed exactly, so users' code gets precise types."""
    forum = aigov.datasets.tsinghua_2021()
    assert_type(forum.speakers, tuple[Speaker, ...])
    assert_type(forum.attendance, aigov.Count | None)
    assert_type(forum.sessions[0].statements[0].topics, tuple[str, ...])
    assert_type(forum.organizations[0].kind, aigov.OrganizationKind)


def test_validation_errors_carry_typed_details() -> None:
    """ValidationError.errors is a tuple of ErrorDetail records."""
    with pytest.raises(aigov.ValidationError) as exc:
        Speaker(name="")
    assert_type(exc.value.errors, tuple[aigov.ErrorDetail, ...])
    assert_type(exc.value.errors[0].location, str)
    assert exc.value.errors[0].location == "name"


def test_load_corpus_is_typed_by_its_errors_argument(tmp_path: Path) -> None:
    """errors="raise" gives a Corpus; errors="collect" a corpus and its problems."""
    aigov.dump(aigov.datasets.tsinghua_2021(), tmp_path / "f.json")
    assert_type(aigov.load_corpus(tmp_path), aigov.Corpus)
    assert_type(aigov.load_corpus(tmp_path, errors="raise"), aigov.Corpus)
    corpus, problems = aigov.load_corpus(tmp_path, errors="collect")
    assert_type(corpus, aigov.Corpus)
    assert_type(problems, tuple[aigov.ValidationError, ...])
    assert problems == ()


def test_queries_are_typed_by_forum_or_corpus() -> None:
    """A query over a forum gives items; over a corpus, Found items."""
    forum = aigov.datasets.tsinghua_2021()
    corpus = aigov.Corpus(forums=(forum,))
    assert_type(query.speakers(forum), tuple[Speaker, ...])
    assert_type(query.speakers(corpus), tuple[query.Found[Speaker], ...])
    assert_type(
        query.statements(corpus, contains="privacy"),
        tuple[query.Found[aigov.Statement], ...],
    )
    assert_type(query.organizations(forum), tuple[aigov.Organization, ...])
    found = query.organizations(corpus, within="UN")
    assert_type(found, tuple[query.Found[aigov.Organization], ...])
    assert_type(found[0].item, aigov.Organization)
    assert_type(found[0].forum, Forum)
    assert_type(query.forums(corpus), tuple[Forum, ...])
