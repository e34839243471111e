"""Finance: quotas, enablement program costs, partner-influenced ARR, the
partner pipeline plan and FX rates."""

from __future__ import annotations

from datetime import date, timedelta

from .common import AS_OF, STORY_START, Ctx, Mess, at, month_starts, next_month, quarter_starts
from .crm import Crm
from .schema import table

CATEGORIES = ["headcount", "lms_licenses", "content_development", "external_facilitators"]


def _currency_for(person) -> str:
    if person.location == "London":
        return "GBP"
    return "EUR" if person.is_eu else "USD"


def finance_rows(ctx: Ctx, roster, partners, crm: Crm, fx) -> dict[str, list[list[str]]]:
    T = {n: table(f"finance.{n}") for n in ("quotas", "program_costs", "partner_arr", "partner_pipeline_plan",
                                            "fx_rates")}
    m = Mess(ctx.rng("mess.finance"), {"space": 1}, {"iso": 92, "mdy": 8})
    rng = ctx.rng("finance")
    out = {t.key: [] for t in T.values()}

    # Quotas: every SA and AE, each calendar year they hold the role.
    lines = []
    for p in roster.field:
        base = rng.uniform(1.0, 1.4) * 1e6 if p.role == "ae" else rng.uniform(1.85, 2.2) * 1e6
        for year in range(p.role_start.year, min(p.last_day.year, AS_OF.year) + 1):
            usd = round(base * 1.05 ** (year - p.role_start.year) / 50_000) * 50_000
            lines.append((year, p.n, p, usd))
    dups = []
    for year, _, p, usd in sorted(lines, key=lambda x: x[:2]):
        currency = _currency_for(p)
        amount = round(usd * fx.rate(date(year, 1, 1), currency) / 1000) * 1000
        text = f"{amount:,.2f}" if rng.random() < 0.15 else f"{amount:.2f}"
        set_on = max(date(year, 1, 1) - timedelta(days=20), p.role_start - timedelta(days=3))
        row = T["quotas"].row(
            quota_id=f"QT{ctx.next('quota'):06d}", employee_number=m.employee_number(p.employee_number, 0.08, 0),
            fiscal_year=str(year), annual_quota_amount=text,
            currency=currency if rng.random() < 0.95 else currency.lower(), _loaded_at=m.stamp(at(set_on, 9)))
        if rng.random() < 0.03:
            # The planning tool first landed a lower draft, then the final line.
            draft = f"{round(amount * 0.9 / 1000) * 1000:.2f}"
            dups.append(row[:3] + [draft] + row[4:5] + [m.stamp(at(set_on, 9) - timedelta(days=10), 1, 5)])
        out["finance.quotas"].append(row)
    out["finance.quotas"] += dups

    if not ctx.has_globals:
        out["finance.partner_arr"] = _partner_arr(ctx, m, T, partners, crm, fx)
        return out

    # Program costs (company-wide; amounts scale with the number of shards).
    scale = ctx.scale
    for month in month_starts(STORY_START, AS_OF):
        mid = month + timedelta(days=14)
        headcount = sum(1 for p in roster.enablement if p.employed_on(mid))
        amounts = {
            "headcount": headcount * 11_500 * rng.uniform(0.97, 1.03),
            "lms_licenses": {2024: 6_000, 2025: 7_500, 2026: 9_000}[month.year],
            "content_development": rng.uniform(4_000, 14_000),
            "external_facilitators": rng.uniform(3_000, 12_000) if rng.random() < 0.6 else 0,
        }
        for category in CATEGORIES:
            amount = amounts[category] * scale
            if not amount:
                continue
            currency = "EUR" if category == "external_facilitators" and rng.random() < 0.3 else "USD"
            if currency == "EUR":
                amount *= fx.rate(month, "EUR")
            raw_category = category if rng.random() < 0.92 else rng.choice([category.title(), category.upper()])
            out["finance.program_costs"].append(T["program_costs"].row(
                cost_id=f"CST{ctx.next('cost'):05d}", cost_month=m.date(month), category=raw_category,
                amount=f"{amount:.2f}", currency=currency,
                _loaded_at=m.stamp(at(next_month(month) + timedelta(days=rng.randint(4, 12)), 8))))

    out["finance.partner_arr"] = _partner_arr(ctx, m, T, partners, crm, fx)

    # Partner pipeline plan per quarter: set near what Stage 2+ partners
    # actually hold open at quarter end (x shards), +/- planning error.
    quarters = quarter_starts(STORY_START, date(2026, 12, 31))
    base = 0.0
    for q in quarters:
        end = at(next_month(next_month(next_month(q))) - timedelta(days=1), 23, 59, 59)
        if end.date() <= AS_OF:
            base = sum(o.usd_amount for o in crm.opps if o.partner is not None
                       and end - timedelta(days=90) < o.created_at <= end
                       and (o.closed_at is None or o.closed_at > end) and o.partner.stage_on(end) >= 2)
        else:
            base *= 1.1
        plan = max(50_000, round(base * scale * rng.uniform(0.8, 1.2) / 10_000) * 10_000)
        out["finance.partner_pipeline_plan"].append(T["partner_pipeline_plan"].row(
            plan_quarter_start=m.date(q), plan_amount_usd=f"{plan:.2f}",
            _loaded_at=m.stamp(at(q - timedelta(days=15), 9))))

    for month in fx.months:
        for code in ("EUR", "GBP"):
            out["finance.fx_rates"].append(T["fx_rates"].row(
                rate_date=m.date(month), currency=code if rng.random() < 0.9 else code.lower(),
                usd_per_unit=f"{fx.usd_per_unit(month, code):.6f}", _loaded_at=m.stamp(at(month, 6))))
    return out


def _partner_arr(ctx: Ctx, m: Mess, T, partners, crm: Crm, fx) -> list[list[str]]:
    """First year: 80% of the year's partner bookings. Later years:
    ARR_{y-1} x retention (enabled partners expand, others shrink) plus a
    slice of new bookings. The current year is a run-rate."""
    rng = ctx.rng("finance.partner_arr")
    booked: dict[tuple[int, int], float] = {}
    for o in crm.opps:
        if o.partner is not None and o.won:
            key = (o.partner.n, o.closed_at.year)
            booked[key] = booked.get(key, 0) + o.usd_amount
    rows = []
    for p in partners:
        arr = 0.0
        for year in range(p.activated_at.year, AS_OF.year + 1):
            if p.deactivated_at is not None and p.deactivated_at.year < year:
                break
            year_end = at(date(year, 12, 31), 23) if year < AS_OF.year else at(AS_OF, 23)
            enabled_last_year = p.stage_on(at(date(year - 1, 12, 31), 23)) >= 2
            retention = rng.uniform(0.98, 1.3) if enabled_last_year else rng.uniform(0.6, 1.0)
            new = booked.get((p.n, year), 0) * (0.8 if arr == 0 else 0.12)
            if year == AS_OF.year:
                new *= 12 / AS_OF.month
            arr = arr * retention + new
            if arr == 0 and p.stage_on(year_end) >= 1 and rng.random() < 0.5:
                arr = rng.uniform(10_000, 60_000)
            if arr > 0:
                pid = p.partner_id if rng.random() < 0.94 else p.partner_id.lstrip("0")
                rows.append(T["partner_arr"].row(partner_id=pid, arr_year=str(year), arr_amount_usd=f"{arr:.2f}",
                                                 _loaded_at=m.stamp(min(year_end, at(AS_OF, 6)))))
    return rows

