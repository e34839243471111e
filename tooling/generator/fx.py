"""Monthly corporate FX rates, shared by Salesforce (dated_conversion_rate:
units per USD) and finance (fx_rates: USD per unit) so the two agree."""

from __future__ import annotations

from datetime import date, datetime

from .common import AS_OF, Ctx, month_starts

CURRENCIES = {"EUR": 1.085, "GBP": 1.265}   # starting USD per unit
FIRST_MONTH = date(2024, 1, 1)


class Fx:
    def __init__(self, ctx: Ctx):
        rng = ctx.global_rng("fx")
        self.months = month_starts(FIRST_MONTH, AS_OF)
        #: (month, currency) -> units of the currency per 1 USD, 6 decimals
        self.units_per_usd: dict[tuple[date, str], float] = {}
        for code, start in CURRENCIES.items():
            usd = start
            for m in self.months:
                usd = usd * (1 + rng.gauss(0, 0.011)) + (start - usd) * 0.08
                self.units_per_usd[(m, code)] = round(1 / usd, 6)

    def rate(self, when: date | datetime, code: str) -> float:
        """Units of ``code`` per USD in force on ``when`` (1 for USD)."""
        if code == "USD":
            return 1.0
        d = when.date() if isinstance(when, datetime) else when
        return self.units_per_usd[(date(d.year, d.month, 1) if d >= FIRST_MONTH else FIRST_MONTH, code)]

    def usd_per_unit(self, month: date, code: str) -> float:
        return round(1 / self.units_per_usd[(month, code)], 6)
