import copy
import json
from typing import Any

import pytest

import aigov
from aigov import ValidationError, _convert, from_dict, from_json, to_dict


def upgrade_v0(body: dict[str, Any]) -> dict[str, Any]:
    """A made-up version 0: the forum's name was "title" and its day "date"."""
    renamed = {"title": "name", "date": "start_date"}
    return {renamed.get(key, key): value for key, value in body.items()}


def version_0_document() -> dict[str, Any]:
    document = to_dict(aigov.datasets.tsinghua_2021())
    document["schema_version"] = 0
    document["title"] = document.pop("name")
    document["date"] = document.pop("start_date")
    return document


@pytest.fixture
def migrations(monkeypatch: pytest.MonkeyPatch) -> dict[int, Any]:
    """The migration registry, as it is but with no upgrade from version 0, restored afterwards."""
    registry: dict[int, Any] = {k: v for k, v in _convert._MIGRATIONS.items() if k != 0}
    monkeypatch.setattr(_convert, "_MIGRATIONS", registry)
    return registry


def test_version_0_document_is_upgraded(migrations: dict[int, Any]) -> None:
    """A registered 0 -> 1 migration turns a version 0 document into the right forum."""
    _convert._migration(0)(upgrade_v0)
    assert migrations[0] is upgrade_v0
    assert from_dict(version_0_document()) == aigov.datasets.tsinghua_2021()
    assert from_json(json.dumps(version_0_document())) == aigov.datasets.tsinghua_2021()


def test_upgraded_documents_are_written_in_the_current_version(
    migrations: dict[int, Any],
) -> None:
    """Loading and writing an old document upgrades the file's format."""
    migrations[0] = upgrade_v0
    written = to_dict(from_dict(version_0_document()))
    assert written["schema_version"] == aigov.SCHEMA_VERSION
    assert written == to_dict(aigov.datasets.tsinghua_2021())


def test_migration_leaves_the_input_alone(migrations: dict[int, Any]) -> None:
    """The caller's document is not changed by upgrading it."""
    migrations[0] = upgrade_v0
    document = version_0_document()
    before = copy.deepcopy(document)
    from_dict(document)
    assert document == before


@pytest.mark.usefixtures("migrations")
def test_old_version_without_a_migration_is_refused() -> None:
    """Without a migration, an old version is refused at schema_version."""
    with pytest.raises(ValidationError) as exc:
        from_dict(version_0_document())
    (error,) = exc.value.errors
    assert error.location == "schema_version"
    assert "schema version 0 is not supported" in error.message


def test_migration_that_fails_is_a_validation_error(
    migrations: dict[int, Any],
) -> None:
    """A document too odd for its migration is bad data, not a crash."""
    migrations[0] = lambda body: {**body, "name": body["no such key"]}
    with pytest.raises(ValidationError) as exc:
        from_dict(version_0_document())
    (error,) = exc.value.errors
    assert error.location == "schema_version"
    assert "cannot upgrade this document from schema version 0" in error.message
    assert "KeyError('no such key')" in error.message


def test_migrated_documents_are_checked_like_any_other(
    migrations: dict[int, Any],
) -> None:
    """What a migration returns is validated; problems keep their locations."""
    migrations[0] = upgrade_v0
    document = version_0_document()
    document["speakers"][3]["country"] = "XX"
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    assert [e.location for e in exc.value.errors] == ["speakers[3].country"]


def test_migrations_cannot_be_registered_twice_or_for_the_current_version(
    migrations: dict[int, Any],
) -> None:
    """Each old version has exactly one upgrade; the current version needs none."""
    _convert._migration(0)(upgrade_v0)
    with pytest.raises(ValueError, match="cannot be added"):
        _convert._migration(0)(upgrade_v0)
    with pytest.raises(ValueError, match="cannot be added"):
        _convert._migration(aigov.SCHEMA_VERSION)(upgrade_v0)
    assert migrations[0] is upgrade_v0


@pytest.mark.parametrize("offset", [1, 10, 10**6])
def test_newer_version_is_refused_naming_both_versions(offset: int) -> None:
    """A document from a newer aigov names its version and the newest this one reads."""
    newer = aigov.SCHEMA_VERSION + offset
    document = to_dict(aigov.datasets.tsinghua_2021()) | {"schema_version": newer}
    with pytest.raises(ValidationError) as exc:
        from_json(json.dumps(document))
    (error,) = exc.value.errors
    assert error.location == "schema_version"
    assert error.message == (
        f"this document has schema version {newer}, but this aigov reads "
        f"versions up to {aigov.SCHEMA_VERSION}; upgrade aigov to read it"
    )


@pytest.mark.parametrize("version", ["1", 1.0, True, None, [1]])
def test_schema_version_must_be_an_integer(version: object) -> None:
    """A version of the wrong type is refused, never guessed."""
    document = to_dict(aigov.datasets.tsinghua_2021()) | {"schema_version": version}
    with pytest.raises(ValidationError, match="schema_version: expected an integer"):
        from_dict(document)
