"""Shared helpers: the story calendar, deterministic randomness, ids, raw text
formats and the "mess" that real EL exports carry.

Everything random comes from ``random.Random`` instances seeded with a text key
(``"<seed>|<shard>|<purpose>"``); Python seeds those through SHA-512, so the
streams are stable across runs and platforms and one system's tweaks never
reshuffle another system's rows.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

# --------------------------------------------------------------------------- #
# Story calendar
# --------------------------------------------------------------------------- #
STORY_START = date(2024, 4, 1)
AS_OF = date(2026, 9, 30)
AS_OF_END = datetime(2026, 9, 30, 23, 59, 59)
#: EL loads stop a little before the end of the as-of day.
LAST_LOAD = datetime(2026, 9, 30, 22, 45, 0)

#: Per-shard id slots. Shard ``s`` uses numbers ``s * SLOT + local``; the last
#: ``RESERVED`` locals of a slot are kept for the planted rows of shard 0.
SLOT = 100_000
PEOPLE_SLOT = 400
PARTNER_SLOT = 100
RESERVED = 100


class Ctx:
    """Seed, shard and scale of one generation run, plus id counters."""

    def __init__(self, seed: int, shard: int = 0, scale: int = 1):
        self.seed = seed
        self.shard = shard
        self.scale = scale
        self._counters: dict[str, int] = {}

    def rng(self, purpose: str) -> random.Random:
        """Random stream for one purpose within this shard."""
        return random.Random(f"{self.seed}|{self.shard}|{purpose}")

    def global_rng(self, purpose: str) -> random.Random:
        """Random stream shared by every shard (market data, catalogs)."""
        return random.Random(f"{self.seed}|global|{purpose}")

    @property
    def has_globals(self) -> bool:
        """Shard 0 writes the tables that exist once per company."""
        return self.shard == 0

    def next(self, kind: str, slot: int = SLOT) -> int:
        """Next global number for an id kind (unique across shards)."""
        local = self._counters.get(kind, 0) + 1
        if local > slot - reserve_size(slot):
            raise OverflowError(f"id slot for {kind} exhausted")
        self._counters[kind] = local
        return self.shard * slot + local


def reserve_size(slot: int) -> int:
    return min(RESERVED, slot // 10)


def reserved_number(k: int, slot: int = SLOT) -> int:
    """Number of the k-th reserved id of shard 0 (planted rows)."""
    return slot - reserve_size(slot) + k


# --------------------------------------------------------------------------- #
# Ids
# --------------------------------------------------------------------------- #
_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SF_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def base62(n: int, width: int) -> str:
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(_B62[r])
    text = "".join(reversed(out)) or "0"
    if len(text) > width:
        raise OverflowError(f"{n} does not fit {width} base-62 digits")
    return text.rjust(width, "0")


def sf_id(prefix: str, n: int) -> str:
    """18-character Salesforce id: key prefix, pod, counter, case checksum."""
    id15 = prefix + "8d0000" + base62(n, 6)
    suffix = ""
    for i in range(3):
        bits = sum(1 << j for j, ch in enumerate(id15[i * 5:(i + 1) * 5]) if ch.isupper())
        suffix += _SF_SUFFIX[bits]
    return id15 + suffix


def scrambled_token(n: int, width: int) -> str:
    """Opaque-looking but unique token for counter ``n`` (Qualtrics-style ids)."""
    modulus = 62 ** width
    multiplier = int(modulus * 0.6180339887) | 1
    while multiplier % 31 == 0:
        multiplier += 2
    return base62((n * multiplier + modulus // 7) % modulus, width)


# --------------------------------------------------------------------------- #
# Dates and randomness
# --------------------------------------------------------------------------- #
def month_starts(first: date, last: date) -> list[date]:
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def quarter_starts(first: date, last: date) -> list[date]:
    return [m for m in month_starts(first, last) if m.month in (1, 4, 7, 10)]


def quarter_label(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def at(d: date, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, second)


def work_time(rng: random.Random, d: date, first_hour: int = 8, last_hour: int = 18) -> datetime:
    """A second-precision instant during working hours (UTC) on day ``d``."""
    return at(d, rng.randint(first_hour, last_hour - 1), rng.randint(0, 59), rng.randint(0, 59))


def plus_days(rng: random.Random, dt: datetime, low: float, high: float) -> datetime:
    """``dt`` plus a random number of days, rounded to whole seconds."""
    return dt + timedelta(seconds=round(rng.uniform(low, high) * 86400))


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def mondays_in_month(month: date) -> list[date]:
    d = month + timedelta(days=(7 - month.weekday()) % 7)
    out = []
    while d.month == month.month:
        out.append(d)
        d += timedelta(days=7)
    return out


def weighted(rng: random.Random, options: dict):
    """Pick a key of ``options`` with probability proportional to its value
    (one ``rng.random()`` draw; keys in the dict's written order)."""
    r = rng.random() * sum(options.values())
    for key, weight in options.items():
        r -= weight
        if r < 0:
            return key
    return key


def poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def clamp(x, low, high):
    return max(low, min(high, x))


def lognormal_mean(rng: random.Random, mean: float, sigma: float = 0.5) -> float:
    """Lognormal draw whose expected value is ``mean``."""
    return mean * math.exp(rng.gauss(0, sigma) - sigma * sigma / 2)


# --------------------------------------------------------------------------- #
# Raw text formats (all readable by the project's parse_timestamp_utc macro)
# --------------------------------------------------------------------------- #
def fmt_ts(dt: datetime | None, style: str = "space") -> str:
    """Render a UTC instant in one of the landed text shapes.

    Offset styles shift the wall-clock time so the instant stays the same.
    """
    if dt is None:
        return ""
    if style == "space":
        return _iso(dt, " ")
    if style == "ms":
        return f"{_iso(dt, ' ')}.{dt.microsecond // 1000:03d}"
    if style == "iso_z":
        return _iso(dt, "T") + "Z"
    if style == "plus2":
        return _iso(dt + timedelta(hours=2), "T") + "+02:00"
    if style == "minus5":
        return _iso(dt - timedelta(hours=5), "T") + "-0500"
    if style == "mdy":
        return f"{dt.month:02d}/{dt.day:02d}/{dt.year:04d} {dt.hour:02d}:{dt.minute:02d}"
    raise ValueError(style)


def _iso(dt: datetime, sep: str) -> str:
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}{sep}{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}"


def fmt_date(d: date | None, style: str = "iso") -> str:
    if d is None:
        return ""
    if style == "iso":
        return d.strftime("%Y-%m-%d")
    if style == "mdy":
        return d.strftime("%m/%d/%Y")
    if style == "midnight":
        return d.strftime("%Y-%m-%d 00:00:00")
    raise ValueError(style)


_BOOL = {
    "lower": ("true", "false"),
    "upper": ("TRUE", "FALSE"),
    "int": ("1", "0"),
    "char": ("t", "f"),
}


def fmt_bool(value: bool | None, style: str = "lower") -> str:
    if value is None:
        return ""
    return _BOOL[style][0 if value else 1]


def money(x: float, step: int = 1) -> str:
    """Amount rounded to ``step`` and written with two decimals."""
    return f"{round(x / step) * step:.2f}"


class Mess:
    """Picks the text shape of each value for one table from fixed mixes.

    Each table gets its own stream, so the mess is deterministic per table and
    independent of the story draws.
    """

    def __init__(self, rng: random.Random, ts_mix: dict, date_mix: dict | None = None,
                 bool_mix: dict | None = None, delete_null_share: float = 0.5, loader_mix: dict | None = None):
        self.rng = rng
        self.ts_mix = ts_mix
        self.loader_mix = loader_mix or {"space": 7, "ms": 3}
        self.date_mix = date_mix or {"iso": 1}
        self.bool_mix = bool_mix or {"lower": 1}
        self.delete_null_share = delete_null_share

    def ts(self, dt: datetime | None, style: str = "") -> str:
        """Text of ``dt`` in a style drawn from the mix (or the forced ``style``)."""
        if dt is None:
            return ""
        return fmt_ts(dt, style or weighted(self.rng, self.ts_mix))

    def date(self, d: date | None) -> str:
        return fmt_date(d, weighted(self.rng, self.date_mix)) if d else ""

    def bool(self, value: bool | None) -> str:
        return fmt_bool(value, weighted(self.rng, self.bool_mix))

    def deleted(self, is_deleted: bool = False) -> str:
        """Soft-delete flag: NULL on many live rows, false otherwise."""
        if is_deleted:
            return self.bool(True)
        if self.rng.random() < self.delete_null_share:
            return ""
        return self.bool(False)

    def email(self, email: str, lower: float = 0.85, title: float = 0.1, upper: float = 0.02,
              padded: float = 0.03) -> str:
        style = weighted(self.rng, {"lower": lower, "title": title, "upper": upper, "padded": padded})
        return styled_email(email, style)

    def employee_number(self, number: str, stripped: float = 0.05, spaced: float = 0.02,
                        blank: float = 0.0) -> str:
        style = weighted(self.rng, {"ok": 1 - stripped - spaced - blank, "stripped": stripped,
                                    "spaced": spaced, "blank": blank})
        if style == "stripped":
            return number.lstrip("0") or "0"
        if style == "spaced":
            return f" {number} " if self.rng.random() < 0.5 else f"{number} "
        if style == "blank":
            return ""
        return number

    def loaded(self, changed: datetime, low_h: float = 0.3, high_h: float = 30.0) -> datetime:
        """Loader instant shortly after the row last changed (with ms)."""
        return loaded_after(self.rng, changed, low_h, high_h)

    def stamp(self, changed: datetime, low_h: float = 0.3, high_h: float = 30.0) -> str:
        """Loader column text (`_loaded_at` / `_fivetran_synced`): the EL tool's
        own format, with or without milliseconds."""
        return self.loader_text(self.loaded(changed, low_h, high_h))

    def loader_text(self, instant: datetime) -> str:
        return fmt_ts(instant, weighted(self.rng, self.loader_mix))


def styled_email(email: str, style: str) -> str:
    if style == "title":
        local, domain = email.split("@")
        return ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain.capitalize()
    if style == "upper":
        return email.upper()
    if style == "padded":
        return f"  {email} "
    return email


def loaded_after(rng: random.Random, changed: datetime, low_h: float = 0.3, high_h: float = 30.0) -> datetime:
    """An EL load time after ``changed`` but never after the last load."""
    base = min(changed, LAST_LOAD - timedelta(minutes=5))
    candidate = base + timedelta(hours=rng.uniform(low_h, high_h))
    if candidate > LAST_LOAD:
        candidate = base + (LAST_LOAD - base) * rng.random()
    return candidate.replace(microsecond=rng.randint(0, 999) * 1000)


# --------------------------------------------------------------------------- #
# Fake people
# --------------------------------------------------------------------------- #
FIRST_NAMES = [
    "Alex", "Avery", "Blake", "Casey", "Dakota", "Drew", "Eden", "Emerson", "Finley", "Harper",
    "Jordan", "Jules", "Kai", "Logan", "Morgan", "Parker", "Quinn", "Reese", "Riley", "Rowan",
    "Sage", "Skyler", "Taylor", "Tatum",
]


def fake_name(rng: random.Random, number: int, family: str = "Sample") -> tuple[str, str]:
    """(first, last) clearly fake: neutral first name, last name ``Sample-0123``."""
    return rng.choice(FIRST_NAMES), f"{family}-{number:04d}"


def fake_email(first: str, last: str, domain: str = "example.com") -> str:
    family, number = last.rsplit("-", 1)
    return f"{first.lower()}.{family.lower()}.{number}@{domain}"
