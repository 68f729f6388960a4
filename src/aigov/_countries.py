"""ISO 3166-1 country codes, from pycountry's data (never a hand-written table)."""

from __future__ import annotations

import functools


@functools.cache
def alpha2_codes() -> frozenset[str]:
    """Return every assigned ISO 3166-1 alpha-2 code.

    Loaded on first use: pycountry reads its database lazily, and importing
    aigov should not pay for it.
    """
    # Imported here: pycountry's import alone costs tens of milliseconds
    # (it reads package metadata), which ``import aigov`` should not pay.
    import pycountry  # noqa: PLC0415

    return frozenset(country.alpha_2 for country in pycountry.countries)


def normalize_code(value: object) -> object:
    """Upper-case an ASCII string; leave anything else for validation to reject.

    Only ASCII is folded, so that ``"ß"`` does not become the unrelated ``"SS"``.
    """
    if type(value) is str and value.isascii():
        return value.upper()
    return value


def country_name(code: str) -> str:
    """Return the common English name of an alpha-2 *code* (``"KR"`` → ``"South Korea"``)."""
    import pycountry  # noqa: PLC0415 - see alpha2_codes

    country = pycountry.countries.get(alpha_2=code)
    if country is None:  # pragma: no cover - callers pass validated codes
        return code
    return str(getattr(country, "common_name", None) or country.name)
