"""ISO 3166-1 country codes, from pycountry's data (never a hand-written table)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pycountry


def database() -> pycountry.ExistingCountries:
    """Return pycountry's ISO 3166-1 database, importing pycountry on first use.

    pycountry's import alone costs tens of milliseconds (it reads package
    metadata), which ``import aigov`` should not pay; every use of pycountry
    in aigov goes through here.
    """
    import pycountry  # noqa: PLC0415

    return pycountry.countries


@functools.cache
def alpha2_codes() -> frozenset[str]:
    """Return every assigned ISO 3166-1 alpha-2 code."""
    return frozenset(country.alpha_2 for country in database())


def normalize_code(value: object) -> object:
    """Upper-case an ASCII string; leave anything else for validation to reject.

    Only ASCII is folded, so that ``"ß"`` does not become the unrelated ``"SS"``.
    """
    if type(value) is str and value.isascii():
        return value.upper()
    return value


def country_name(code: str) -> str:
    """Return the common English name of an alpha-2 *code* (``"KR"`` → ``"South Korea"``)."""
    country = database().get(alpha_2=code)
    if country is None:  # pragma: no cover - callers pass validated codes
        return code
    return str(getattr(country, "common_name", None) or country.name)
