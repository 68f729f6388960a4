"""aigov: typed, immutable, losslessly serialisable data about AI-governance forums.

Everything public is importable from here; see :mod:`aigov.query` for the
query helpers, :mod:`aigov.datasets` for bundled forums and
:mod:`aigov.strategies` for hypothesis strategies.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from aigov import exceptions
from aigov._convert import SCHEMA_VERSION
from aigov._corpus import Corpus
from aigov._corpus_io import dump_corpus, load_corpus
from aigov._io import (
    dump,
    from_dict,
    from_json,
    load,
    to_dict,
    to_json,
    to_json_bytes,
)
from aigov._limits import MAX_DEPTH, MAX_DOCUMENT_SIZE
from aigov._links import Links, dump_links, load_links
from aigov._model import (
    Count,
    CountRelation,
    Evidence,
    Forum,
    Identifier,
    Name,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Participant,
    Role,
    Session,
    SessionKind,
    Source,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
)
from aigov._people import Appearance, Institution, Person
from aigov._schema import json_schema
from aigov.exceptions import AigovError, ErrorDetail, ValidationError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_SIZE",
    "SCHEMA_VERSION",
    "AigovError",
    "Appearance",
    "Corpus",
    "Count",
    "CountRelation",
    "ErrorDetail",
    "Evidence",
    "Forum",
    "Identifier",
    "Institution",
    "Links",
    "Name",
    "Organization",
    "OrganizationKind",
    "Part",
    "PartialDate",
    "Participant",
    "Person",
    "Role",
    "Session",
    "SessionKind",
    "Source",
    "Speaker",
    "SpeakerKind",
    "Statement",
    "StatementKind",
    "ValidationError",
    "__version__",
    "converter",
    "datasets",
    "dump",
    "dump_corpus",
    "dump_links",
    "exceptions",
    "from_dict",
    "from_json",
    "json_schema",
    "load",
    "load_corpus",
    "load_links",
    "query",
    "to_dict",
    "to_json",
    "to_json_bytes",
]


@functools.cache
def _installed_version() -> str:
    # Imported here: importlib.metadata costs more to import than the rest
    # of aigov together.
    from importlib import metadata  # noqa: PLC0415

    try:
        return metadata.version("aigov")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


#: Submodules imported on first use: ``import aigov`` should not pay for
#: the query layer or the bundled data until they are used.
_LAZY_SUBMODULES = frozenset({"datasets", "query"})

if TYPE_CHECKING:
    import cattrs

    from aigov import datasets, query

    #: The configured cattrs converter (see the API reference).
    converter: cattrs.Converter

    #: aigov's version, as installed (``"0.2.0"``).
    __version__: str
else:

    def __getattr__(name: str) -> object:
        # The version is read from the installed metadata on first use.
        if name == "__version__":
            return _installed_version()
        if name == "converter":
            from aigov._convert import get_converter  # noqa: PLC0415

            return get_converter()
        if name in _LAZY_SUBMODULES:
            import importlib  # noqa: PLC0415

            return importlib.import_module(f"aigov.{name}")
        msg = f"module 'aigov' has no attribute {name!r}"
        raise AttributeError(msg)
