"""The msgspec backend: decode straight into the model's attrs classes, in C.

Configured by ``_io`` when the ``fast`` extra is installed, as cattrs'
``preconf`` modules configure a converter.  msgspec decodes a document into
the attrs classes without calling their constructors and checks every
type on the way; :func:`aigov._bulk.valid` then checks the values in bulk.
msgspec ignores unknown keys and keeps the last of duplicate ones, so a
document is only taken from it with a proof that it holds neither: that
it is, byte for byte once white space is dropped, what aigov writes for
the objects it decoded into.  Every document aigov writes passes; any
other goes to the standard-library backend, which looks at every key.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs
import msgspec

from aigov._backend import Backend, Unproven
from aigov._bulk import holds_partial_dates, valid
from aigov._model import Forum

__all__ = ["MsgspecBackend"]


class MsgspecBackend(Backend):
    """:class:`~aigov._backend.Backend` with msgspec's decoder and encoder."""

    name = "msgspec"

    def __init__(self, schema_version: int) -> None:
        super().__init__(schema_version)
        # Sorted keys, also of attrs objects' fields: the canonical form.
        self._encoder = msgspec.json.Encoder(order="sorted")
        self._as_given = msgspec.json.Encoder()

    @functools.cache  # noqa: B019 - one backend per process
    def _decoder(self, cls: type) -> msgspec.json.Decoder[Any]:
        return msgspec.json.Decoder(cls)

    @functools.cache  # noqa: B019 - one backend per process
    def _canonical_start(self, cls: type) -> re.Pattern[bytes]:
        # A canonical document starts with its first key in sorted order;
        # other documents are not worth decoding twice.
        names = [f.name for f in attrs.fields(cls)]
        first = min([*names, "schema_version"] if cls is Forum else names)
        return re.compile(rb'\{\s*"' + re.escape(first.encode()) + rb'"')

    def _fields(self, obj: object) -> object:
        if type(obj) is Forum:
            fields = {f.name: getattr(obj, f.name) for f in attrs.fields(Forum)}
            return {"schema_version": self.schema_version, **fields}
        return obj

    def load(self, text: str | bytes, cls: type) -> object:  # noqa: C901 - the proof's steps, in order
        data = text if type(text) is bytes else None
        if data is None:
            if type(text) is not str:
                raise Unproven
            # Given a str, msgspec would keep a UTF-8 copy of it as long as
            # the str lives; a temporary bytes object is freed at once.
            try:
                data = text.encode()
            except UnicodeEncodeError:
                raise Unproven from None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if self._canonical_start(cls).match(data):
            try:
                obj = self._decoder(cls).decode(data)
            except msgspec.ValidationError:
                obj = None  # a partial date, which msgspec takes for a bad date
            except (msgspec.DecodeError, RecursionError):
                raise Unproven from None
            # msgspec would take a JSON object for a partial date, which
            # documents write as a string: such a document is not aigov's.
            if (
                obj is not None
                and not holds_partial_dates(obj)
                and self._encoder.encode(self._fields(obj))
                == msgspec.json.format(data, indent=-1)
            ):
                if valid(obj):
                    return obj
                raise Unproven  # canonical, with a bad value: the reference path says which
        try:
            decoded = msgspec.json.decode(data)
        except (msgspec.DecodeError, RecursionError):
            raise Unproven from None
        # Decoded into dicts, duplicate keys are gone: they are only ruled
        # out if the dicts written back are the document itself.
        if self._as_given.encode(decoded) != msgspec.json.format(data, indent=-1):
            return super().load(data, cls)
        return self.structure(decoded, cls)

    def dumps(self, obj: object, indent: int | None) -> bytes:
        if (indent is not None and indent <= 0) or holds_partial_dates(obj):
            # json's own idea of such indents; msgspec would write a partial
            # date as an object, where documents have a string.
            return super().dumps(obj, indent)
        encoded = self._encoder.encode(self._fields(obj))
        if indent is not None:
            encoded = msgspec.json.format(encoded, indent=indent)
        return encoded

    def dumps_text(self, obj: object, indent: int | None) -> str:
        return self.dumps(obj, indent).decode()
