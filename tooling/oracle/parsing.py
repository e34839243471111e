"""Reading the raw text an EL tool lands, in plain Python.

Every function takes the raw CSV cell (a str, or None for a NULL) and returns
a typed value or None. None means "not readable" when the text was present;
callers tell a blank from a bad value with `is_blank`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# What the dbt seed loader turns into NULL for a varchar column: an empty
# (or all-space) cell and the literal word null, any case.
_NULL_WORDS = {"", "null"}

# 2025-03-04T15:45:12+02:00 / 2025-03-04T08:45:12-0500 / 2025-03-04 13:45+01:00
_WITH_OFFSET = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([+-])(\d{2}):?(\d{2})"
)
# 2025-03-04, 2025-03-04 13:45[:12[.123]], 2025-03-04T13:45:12Z, ... UTC
_NAIVE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z| UTC)?)?"
)
# 03/04/2025 [13:45[:12]]  (month / day / year)
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_DIGITS = re.compile(r"[0-9]+")

SIX_PLACES = Decimal("0.000001")


def is_blank(raw: str | None) -> bool:
    return raw is None or raw.strip().lower() in _NULL_WORDS


def text(raw: str | None) -> str | None:
    """Trimmed text, None when blank."""
    if is_blank(raw):
        return None
    return raw.strip()


def ident(raw: str | None, width: int | None = None) -> str | None:
    """An id as landed: trimmed; all-digit ids shorter than `width` get their
    leading zeros back (Excel strips them)."""
    value = text(raw)
    if value is not None and width and _DIGITS.fullmatch(value) and len(value) < width:
        value = value.zfill(width)
    return value


def email(raw: str | None) -> str | None:
    value = text(raw)
    return value.lower() if value is not None else None


def _fraction_micros(fraction: str | None) -> int:
    if not fraction:
        return 0
    digits = fraction[1:]
    return int((digits + "000000")[:6])


def timestamp_utc(raw: str | None) -> datetime | None:
    """A naive datetime holding the UTC wall time; None when unreadable."""
    value = text(raw)
    if value is None:
        return None
    try:
        match = _WITH_OFFSET.fullmatch(value)
        if match:
            y, mo, d, h, mi, s, frac, sign, oh, om = match.groups()
            local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0),
                             _fraction_micros(frac))
            offset = timedelta(hours=int(oh), minutes=int(om))
            return local - offset if sign == "+" else local + offset
        match = _NAIVE.fullmatch(value)
        if match:
            y, mo, d, h, mi, s, frac = match.groups()
            return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0),
                            _fraction_micros(frac))
        match = _MDY.fullmatch(value)
        if match:
            mo, d, y, h, mi, s = match.groups()
            return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:  # 2025-02-30, hour 25, ...
        return None
    return None


def date_utc(raw: str | None) -> date | None:
    moment = timestamp_utc(raw)
    return moment.date() if moment is not None else None


def boolean(raw: str | None) -> bool | None:
    value = text(raw)
    if value is None:
        return None
    value = value.lower()
    if value in ("true", "t", "1", "yes", "y"):
        return True
    if value in ("false", "f", "0", "no", "n"):
        return False
    return None


def number(raw: str | None) -> Decimal | None:
    """A decimal as landed ("1,250.00", "$900", " 42 "), kept at 6 places
    like the warehouse's numeric(28,6)."""
    if is_blank(raw):
        return None
    value = raw.strip().replace("$", "").replace(",", "")
    if not value or not _NUMBER.fullmatch(value):
        return None
    try:
        return Decimal(value).quantize(SIX_PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None


def integer(raw: str | None) -> int | None:
    value = text(raw)
    if value is None or not _INTEGER.fullmatch(value):
        return None
    return int(value)


def failed(raw: str | None, parsed) -> bool:
    """The raw value was there but could not be read."""
    return not is_blank(raw) and parsed is None
