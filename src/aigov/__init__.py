"""aigov: typed, immutable, losslessly serialisable data about AI-governance forums.

Everything public is importable from here; see :mod:`aigov.query` for the
query helpers, :mod:`aigov.datasets` for bundled forums and
:mod:`aigov.strategies` for hypothesis strategies.
"""

from __future__ import annotations

from aigov import datasets, exceptions, query
from aigov._convert import SCHEMA_VERSION, converter
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
from aigov._schema import json_schema
from aigov.exceptions import AigovError, ErrorDetail, ValidationError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_SIZE",
    "SCHEMA_VERSION",
    "AigovError",
    "Count",
    "CountRelation",
    "ErrorDetail",
    "Evidence",
    "Forum",
    "Identifier",
    "Name",
    "Organization",
    "OrganizationKind",
    "Part",
    "PartialDate",
    "Participant",
    "Role",
    "Session",
    "SessionKind",
    "Source",
    "Speaker",
    "SpeakerKind",
    "Statement",
    "StatementKind",
    "ValidationError",
    "converter",
    "datasets",
    "dump",
    "exceptions",
    "from_dict",
    "from_json",
    "json_schema",
    "load",
    "query",
    "to_dict",
    "to_json",
    "to_json_bytes",
]
