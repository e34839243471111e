"""Salesforce as Fivetran lands it: the CRM story (``crm.py``) written as
opportunity, opportunity_history, user, user_role, account, event,
event_relation, task and dated_conversion_rate rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from . import planted_defects as planted
from .common import AS_OF_END, Ctx, Mess, at, fmt_date, reserved_number, sf_id, styled_email
from .crm import FORECAST, LOST, PROBABILITY, Crm, Save
from .schema import table

EVENT_TYPES = {"Discovery Call", "Demo", "Technical Session", "Meeting"}
ROLES = [  # key, name, developer_name, parent key
    ("cro", "Chief Revenue Officer", "Chief_Revenue_Officer", None),
    ("vp_sales", "VP Sales", "VP_Sales", "cro"),
    ("vp_sa", "VP Solutions Architecture", "VP_Solutions_Architecture", "cro"),
    ("ae_mgr", "Sales Manager", "Sales_Manager", "vp_sales"),
    ("sa_mgr", "SA Manager", "SA_Manager", "vp_sa"),
    ("ae", "Account Executive", "Account_Executive", "ae_mgr"),
    ("sa", "Solutions Architect", "Solutions_Architect", "sa_mgr"),
    ("ops", "Sales Operations", "Sales_Operations", "cro"),
    ("legacy", "Legacy Inside Sales", "Legacy_Inside_Sales", "vp_sales"),
]


class _Ids:
    """Sequential 18-char ids per key prefix, unique across shards."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx

    def __call__(self, prefix: str) -> str:
        return sf_id(prefix, self.ctx.next(f"sf{prefix}"))


def salesforce_rows(ctx: Ctx, roster, crm: Crm, fx) -> dict[str, list[list[str]]]:
    T = {n: table(f"salesforce.{n}") for n in ("opportunity", "opportunity_history", "user", "user_role",
                                               "account", "event", "event_relation", "task",
                                               "dated_conversion_rate")}
    m = Mess(ctx.rng("mess.salesforce"), {"space": 92, "iso_z": 8}, {"iso": 85, "midnight": 15},
             {"lower": 9, "upper": 1}, delete_null_share=0.35, loader_mix={"space": 6, "ms": 4})
    rng = ctx.rng("salesforce.rows")
    new_id = _Ids(ctx)
    out: dict[str, list[list[str]]] = {t.key: [] for t in T.values()}

    def sync(changed: datetime, low: float = 0.3, high: float = 30.0) -> str:
        return m.stamp(changed, low, high)

    # roles and users ------------------------------------------------------------
    role_ids = {}
    if ctx.has_globals:
        for key, name, dev, parent in ROLES:
            role_ids[key] = new_id("00E")
            out["salesforce.user_role"].append(T["user_role"].row(
                id=role_ids[key], name=name, developer_name=dev, parent_role_id=role_ids.get(parent, ""),
                _fivetran_deleted=m.bool(key == "legacy"), _fivetran_synced=sync(datetime(2024, 3, 1, 12))))
    else:
        # Other shards share shard 0's role hierarchy.
        shard0 = Ctx(ctx.seed, 0)
        role_ids = {key: sf_id("00E", shard0.next("sf00E")) for key, *_ in ROLES}

    people = sorted(roster.crm_users, key=lambda p: (p.role_start or p.hire_date, p.n))
    for p in people:
        p.sf_user_id = new_id("005")

    def user_row(p, manager, changed: datetime, deleted: bool = False):
        style = m.rng.choices(["title", "lower", "upper"], weights=[65, 30, 5])[0]
        return T["user"].row(
            id=p.sf_user_id, email=styled_email(p.email, style), name=f"{p.first_name} {p.last_name}",
            first_name=p.first_name, last_name=p.last_name,
            employee_number=m.employee_number(p.employee_number, stripped=0.07, spaced=0.0, blank=0.08),
            manager_id=manager.sf_user_id if manager is not None else "", title=p.title,
            user_role_id=role_ids[p.role], is_active=m.bool(p.termination_date is None),
            _fivetran_deleted=m.bool(deleted), _fivetran_synced=sync(changed))

    def last_change(p) -> datetime:
        return at(max([s.effective for s in p.stints] + [p.termination_date or p.hire_date]), 8)

    users = [user_row(p, p.manager, last_change(p)) for p in people]
    moved = [p for p in people if len(p.stints) > 1 and p.stints[-2].manager is not p.manager
             and p.stints[-2].manager is not None and p.stints[-2].manager.sf_user_id]
    for p in rng.sample(moved, min(3, len(moved))):
        users.append(user_row(p, p.stints[-2].manager, at(p.stints[-2].effective, 8)))
    if ctx.has_globals:
        for first, last, deleted in (("Integration", "User", False), ("Test", "User", True)):
            uid = new_id("005")
            users.append(T["user"].row(
                id=uid, email=f"{first.lower()}.{last.lower()}@example.com", name=f"{first} {last}",
                first_name=first, last_name=last, employee_number="", manager_id="", title="",
                user_role_id=role_ids["ops"], is_active=m.bool(True), _fivetran_deleted=m.bool(deleted),
                _fivetran_synced=sync(datetime(2024, 3, 4, 9))))
    out["salesforce.user"] = users

    # accounts and contacts ----------------------------------------------------------
    for a in crm.accounts:
        a.account_id = new_id("001")
    for a in crm.accounts:
        a.contacts = [new_id("003") for _ in a.contacts]
    accounts = []
    for a in crm.accounts:
        accounts.append(T["account"].row(
            id=a.account_id, name=a.name, type=a.kind, industry=a.industry, owner_id=a.owner.sf_user_id,
            created_date=m.ts(a.created_at), is_deleted=m.deleted(), _fivetran_synced=sync(a.created_at)))
    for a in rng.sample([a for a in crm.accounts if a.kind == "Prospect"], 2):
        created = a.created_at + timedelta(minutes=rng.randint(3, 40))
        accounts.append(T["account"].row(
            id=new_id("001"), name=a.name, type=a.kind, industry=a.industry, owner_id=a.owner.sf_user_id,
            created_date=m.ts(created), is_deleted=m.deleted(True), _fivetran_synced=sync(created, 24, 72)))
    out["salesforce.account"] = accounts

    # opportunities and history ------------------------------------------------------
    for o in crm.opps:
        o.opp_id = new_id("006")

    def local(o, usd: float) -> str:
        return str(round(usd * fx.rate(o.created_at, o.account.currency) / 1000) * 1000)

    def opp_row(o, save, changed: datetime, deleted: bool = False, stage: str | None = None,
                amount: str | None = None, opp_id: str | None = None, created: datetime | None = None):
        stage = stage or save.stage
        currency = o.account.currency
        closed = stage in ("Closed Won", LOST)
        return T["opportunity"].row(
            id=opp_id or o.opp_id, account_id=o.account.account_id, owner_id=o.owner.sf_user_id,
            name=f"{o.account.name} - {o.workload}", stage_name=stage,
            amount=amount if amount is not None else local(o, save.amount_usd),
            currency_iso_code="" if currency == "USD" and rng.random() < 0.15 else currency,
            created_date=m.ts(created or o.created_at), close_date=m.date(save.close_date),
            is_closed=m.bool(closed), is_won=m.bool(stage == "Closed Won"), type=o.opp_type,
            lead_source=o.lead_source, sa_owner_c=o.sa.sf_user_id if o.sa else "",
            primary_competitor_c=o.competitor,
            partner_account_c=o.partner.crm_account.account_id if o.partner else "",
            qualification_score_c="" if o.qual_score is None else str(o.qual_score),
            technical_fit_confirmed_c=m.bool(o.tech_fit), is_deleted=m.deleted(deleted),
            _fivetran_synced=sync(changed))

    opps, opp_dups = [], []
    for o in crm.opps:
        last = o.saves[-1]
        row = opp_row(o, last, last.at)
        opps.append(row)
        if len(o.saves) > 2 and rng.random() < 0.015:
            old = o.saves[rng.randrange(len(o.saves) - 1)]
            if old.at < last.at - timedelta(days=2):
                opp_dups.append(opp_row(o, old, old.at, stage=old.stage))
    junk = []
    for o in rng.sample(crm.opps, 3):
        created = o.created_at + timedelta(minutes=rng.randint(2, 9))
        first = o.saves[0]
        junk.append((created, o, new_id("006"), first))
        opps.append(opp_row(o, first, created + timedelta(days=1), deleted=True, opp_id=junk[-1][2],
                            created=created))

    # History: a row per save, ids in save order.
    saves = sorted(((s.at, i, k, o, s) for i, o in enumerate(crm.opps) for k, s in enumerate(o.saves)),
                   key=lambda x: x[:3])
    hist_t = T["opportunity_history"]

    def hist_row(hid: str, o, s, opp_id: str | None = None, deleted: bool = False, stage: str | None = None,
                 amount: str | None = None):
        stage = stage or s.stage
        amt = amount if amount is not None else local(o, s.amount_usd)
        prob = PROBABILITY.get(stage, 10)
        return hist_t.row(
            id=hid, opportunity_id=opp_id or o.opp_id, created_date=m.ts(s.at), stage_name=stage, amount=amt,
            probability=str(prob), close_date=m.date(s.close_date), forecast_category=FORECAST.get(stage, "Pipeline"),
            expected_revenue=f"{float(amt) * prob / 100:.2f}", is_deleted=m.deleted(deleted),
            _fivetran_synced=sync(s.at))

    history = [hist_row(new_id("008"), o, s) for _, _, _, o, s in saves]
    for created, o, jid, first in junk:
        history.append(hist_row(new_id("008"), o, Save(created, first.stage, first.amount_usd, first.close_date),
                                opp_id=jid, deleted=True))

    if ctx.has_globals:
        ae = next(p for p in sorted(roster.aes, key=lambda p: p.n) if p.sf_user_id)
        base = next(o for o in crm.opps if o.owner is ae)
        neg = planted.by_code("negative_amount")
        save = Save(datetime(2025, 8, 12, 10, 4, 11), "Closed Won", 0, date(2025, 9, 30))
        opps.append(opp_row(base, save, save.at, opp_id=neg.pk, amount="-45000", stage="Closed Won",
                            created=save.at))
        stalled = planted.by_code("unknown_stage")
        save = Save(datetime(2024, 11, 5, 15, 30, 0), "Stalled - Legacy", 80_000, date(2025, 3, 31))
        opps.append(opp_row(base, save, save.at, opp_id=stalled.pk, stage=save.stage, amount="80000",
                            created=save.at))
        history.append(hist_row(planted.by_code("unknown_stage_history").pk, base, save, opp_id=stalled.pk,
                                amount="80000"))
        orphan = planted.by_code("orphan_history")
        assert orphan.pattern == sf_id("006", reserved_number(99))
        save = Save(datetime(2025, 1, 20, 9, 12, 0), "Discovery", 60_000, date(2025, 5, 30))
        history.append(hist_row(orphan.pk, base, save, opp_id=orphan.pattern, amount="60000"))
    out["salesforce.opportunity"] = opps + opp_dups
    out["salesforce.opportunity_history"] = history

    # events, attendees and tasks ------------------------------------------------------
    ev_m = Mess(ctx.rng("mess.salesforce.event"), {"space": 85, "iso_z": 8, "plus2": 4, "minus5": 3},
                {"iso": 85, "midnight": 15}, {"lower": 9, "upper": 1}, delete_null_share=0.35)
    events, relations, tasks, ev_dups = [], [], [], []
    for a in crm.activities:
        what = a.opp.opp_id if a.opp else ""
        account = a.account.account_id if a.account else ""
        if a.kind in EVENT_TYPES:
            a.event_id = a.forced_id or new_id("00U")
            row = T["event"].row(
                id=a.event_id, what_id=what, account_id=account, owner_id=a.owner.sf_user_id, subject=a.subject,
                type=a.kind, start_date_time=ev_m.ts(a.start, a.forced_style), activity_date=m.date(a.start.date()),
                created_date=m.ts(a.created_at), is_deleted=m.deleted(), _fivetran_synced=sync(a.created_at))
            events.append(row)
            if rng.random() < 0.01:
                ev_dups.append(row[:-1] + [sync(a.start, 24, 200)])
            if rng.random() < 0.004:
                events.append(T["event"].row(
                    id=new_id("00U"), what_id=what, account_id=account, owner_id=a.owner.sf_user_id,
                    subject=a.subject, type=a.kind, start_date_time=ev_m.ts(a.start),
                    activity_date=m.date(a.start.date()), created_date=m.ts(a.created_at + timedelta(minutes=1)),
                    is_deleted=m.deleted(True), _fivetran_synced=sync(a.created_at, 24, 72)))
            for kind, who, status in a.attendees:
                rid = who.sf_user_id if kind == "user" else who[0].contacts[who[1]]
                relations.append(T["event_relation"].row(
                    id=new_id("0RE"), event_id=a.event_id, relation_id=rid, is_invitee=m.bool(True),
                    status=status, is_deleted=m.deleted(), _fivetran_synced=sync(a.created_at)))
            if a.kind == "Demo" and a.opp is not None and rng.random() < 0.01:
                manager = a.owner.manager_on(a.start.date())
                if manager is not None and all(w is not manager for _, w, _ in a.attendees):
                    # Invited, then removed from the meeting: the relation is deleted.
                    relations.append(T["event_relation"].row(
                        id=new_id("0RE"), event_id=a.event_id, relation_id=manager.sf_user_id,
                        is_invitee=m.bool(True), status="New", is_deleted=m.deleted(True),
                        _fivetran_synced=sync(a.start)))
        else:
            copies = [(False, a.created_at)] + ([(True, a.created_at + timedelta(minutes=1))]
                                                if rng.random() < 0.005 else [])
            for deleted, created in copies:
                # A task saved twice by mistake; the copy was deleted.
                tasks.append(T["task"].row(
                    id=new_id("00T"), what_id=what, account_id=account, owner_id=a.owner.sf_user_id,
                    subject=a.subject, type=a.kind, activity_date=m.date(a.start.date()),
                    created_date=m.ts(created), status=a.status, is_deleted=m.deleted(deleted),
                    _fivetran_synced=sync(min(a.start, AS_OF_END) if not deleted else created, 0.3, 72)))
    out["salesforce.event"] = events + ev_dups
    out["salesforce.event_relation"] = relations
    out["salesforce.task"] = tasks

    # currency rates (once per company) ---------------------------------------------------
    if ctx.has_globals:
        rates = []
        for code in ("EUR", "GBP"):
            for i, month in enumerate(fx.months):
                nxt = fx.months[i + 1] if i + 1 < len(fx.months) else date(9999, 12, 31)
                rates.append(T["dated_conversion_rate"].row(
                    id=new_id("04w"), iso_code=code, conversion_rate=f"{fx.units_per_usd[(month, code)]:.6f}",
                    start_date=fmt_date(month), next_start_date=fmt_date(nxt),
                    _fivetran_synced=sync(at(month, 6) - timedelta(days=2))))
        out["salesforce.dated_conversion_rate"] = rates
    return out
