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


def suggest_code(value: str) -> str | None:
    """Return the alpha-2 code that *value* most likely means, or ``None``.

    For messages: ``"China"``, ``"chn"`` and ``"People's Republic of China"``
    suggest ``"CN"``.
    """
    if len(value) > 100:  # noqa: PLR2004 - no country name is that long
        return None
    try:
        country = database().lookup(value.strip())
    except LookupError:
        return None
    return str(country.alpha_2)


def country_name(code: str) -> str:
    """Return the common English name of an alpha-2 *code* (``"KR"`` → ``"South Korea"``)."""
    country = database().get(alpha_2=code)
    if country is None:  # pragma: no cover - callers pass validated codes
        return code
    return str(getattr(country, "common_name", None) or country.name)
