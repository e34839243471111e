"""Calendar periods (weeks start on Monday; half-years on 1 January and
1 July; period_end is the last day, inclusive) and period completeness."""

from __future__ import annotations

from datetime import date, timedelta

GRAIN_BY_CADENCE = {
    "weekly": "week", "monthly": "month", "quarterly": "quarter",
    "semi_annual": "half_year", "annual": "year",
}


def start_of(day: date, grain: str) -> date:
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return date(day.year, day.month, 1)
    if grain == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if grain == "half_year":
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    if grain == "year":
        return date(day.year, 1, 1)
    raise ValueError(grain)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def end_of(start: date, grain: str) -> date:
    if grain == "week":
        return start + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}[grain]
    return add_months(start, months) - timedelta(days=1)


def is_complete(start: date, grain: str, maturity_days: int, as_of: date) -> bool:
    """Every member's window has closed: period_end + maturity_days <= as_of."""
    return end_of(start, grain) + timedelta(days=maturity_days) <= as_of


def quarter_starts_between(first: date, last: date) -> list[date]:
    """Quarter starts from the quarter of `first` through the quarter of `last`."""
    out = []
    current = start_of(first, "quarter")
    while current <= last:
        out.append(current)
        current = add_months(current, 3)
    return out
