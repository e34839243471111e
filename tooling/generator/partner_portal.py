"""Partner portal: partners, their stage certifications, users and deal
registrations (the registrations' CRM opportunities are created by the
Salesforce simulation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import planted_defects as planted
from .common import (AS_OF, AS_OF_END, PARTNER_SLOT, STORY_START, Ctx, Mess, fake_email, fake_name,
                     month_starts, plus_days, weighted, work_time)
from .schema import table

PARTNER_TYPES = {"VAR": 45, "ISV/MSP": 35, "Alliance": 20}
RAW_TYPE = {"VAR": {"VAR": 8, "var": 2}, "ISV/MSP": {"ISV/MSP": 7, "ISV-MSP": 3}, "Alliance": {"Alliance": 1}}
STAGE_LABELS = {1: "Onboarded", 2: "Competent", 3: "GTM-Ready", 4: "Expert"}
NAME_WORDS = ["Nimbus", "Vector", "Lattice", "Quanta", "Helix", "Summit", "Orbit", "Cobalt", "Fathom", "Tessera"]
NAME_SUFFIX = {"VAR": "Solutions", "ISV/MSP": "Cloud Services", "Alliance": "Consulting"}


@dataclass(eq=False)
class PartnerUser:
    n: int
    partner: "Partner"
    created_at: datetime
    partner_user_id: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    engaged: bool = False
    lms_user_id: str = ""
    lms_created: datetime | None = None
    plan: object = None


@dataclass(eq=False)
class Registration:
    partner: "Partner"
    registered_at: datetime
    status: str
    registration_id: str = ""
    opportunity: object = None    # salesforce.Opp for approved registrations
    style: str = ""               # forced timestamp style (edge case)


@dataclass(eq=False)
class Partner:
    n: int
    partner_id: str
    name: str
    ptype: str
    raw_type: str
    activated_at: datetime
    engaged: bool
    deactivated_at: datetime | None = None
    stage_dates: dict = field(default_factory=dict)   # stage -> datetime
    users: list = field(default_factory=list)
    registrations: list = field(default_factory=list)
    crm_account: object = None                        # salesforce.Account

    def stage_on(self, when: datetime) -> int:
        return max([s for s, d in self.stage_dates.items() if d <= when], default=0)

    def active_on(self, when: datetime) -> bool:
        return self.activated_at <= when and (self.deactivated_at is None or when < self.deactivated_at)


def build_partners(ctx: Ctx, count: int = 80) -> list[Partner]:
    rng = ctx.rng("partners.plan")
    months = month_starts(STORY_START, AS_OF)
    weights = {m: 1 + i / 8 for i, m in enumerate(months)}
    starts = sorted(work_time(rng, m + timedelta(days=rng.randint(0, 27))) for m in
                    (weighted(rng, weights) for _ in range(count)))
    partners = []
    for activated in starts:
        n = ctx.next("partner", PARTNER_SLOT)
        ptype = weighted(rng, PARTNER_TYPES)
        p = Partner(n=n, partner_id=f"{n:05d}",
                    name=f"{rng.choice(NAME_WORDS)} Sample-{n:04d} {NAME_SUFFIX[ptype]}",
                    ptype=ptype, raw_type=weighted(rng, RAW_TYPE[ptype]), activated_at=activated,
                    engaged=rng.random() < 0.6)
        if rng.random() < 0.07:
            p.deactivated_at = plus_days(rng, activated, 180, 420)
            if p.deactivated_at > AS_OF_END:
                p.deactivated_at = None
        _certify(rng, p)
        partners.append(p)
    _add_users(ctx, partners)
    _plan_registrations(ctx, partners)
    return partners


def _certify(rng, p: Partner) -> None:
    """Stage 1 -> 4 over time; not everyone reaches 3 or 4."""
    speed = 0.8 if p.ptype == "Alliance" else 1.0
    speed *= 0.8 if p.engaged else 1.2
    chances = {1: 0.95 if p.engaged else 0.7, 2: 0.8, 3: 0.6, 4: 0.45}
    gaps = {1: (2, 25), 2: (25, 80), 3: (50, 140), 4: (80, 200)}
    when = p.activated_at
    for stage in (1, 2, 3, 4):
        if rng.random() >= chances[stage]:
            return
        low, high = gaps[stage]
        when = plus_days(rng, when, low * speed, high * speed)
        if when > AS_OF_END or (p.deactivated_at and when >= p.deactivated_at):
            return
        p.stage_dates[stage] = when


def _add_users(ctx: Ctx, partners: list[Partner]) -> None:
    rng = ctx.rng("partners.users")
    pending = []
    for p in partners:
        for i in range(weighted(rng, {1: 25, 2: 35, 3: 25, 4: 15})):
            created = plus_days(rng, p.activated_at, 0, 5) if i == 0 else plus_days(rng, p.activated_at, 10, 300)
            if created <= AS_OF_END and (p.deactivated_at is None or created < p.deactivated_at):
                pending.append((created, p.n, i, p))
    for created, _, _, p in sorted(pending, key=lambda x: x[:3]):
        n = ctx.next("partner_user")
        u = PartnerUser(n=n, partner=p, created_at=created, partner_user_id=f"PU{n:06d}",
                        engaged=rng.random() < (0.75 if p.engaged else 0.4))
        u.first_name, u.last_name = fake_name(rng, n, family="Partner")
        u.email = fake_email(u.first_name, u.last_name, domain=f"p{p.partner_id}.example.org")
        p.users.append(u)


MONTHLY_REGISTRATIONS = {0: 0.3, 1: 0.45, 2: 0.7, 3: 1.0, 4: 1.3}


def _plan_registrations(ctx: Ctx, partners: list[Partner]) -> None:
    """Registration times and outcomes; enabled partners register sooner."""
    rng = ctx.rng("partners.registrations")
    for p in partners:
        s1 = p.stage_dates.get(1)
        first = plus_days(rng, s1, 4, 14) if s1 else plus_days(rng, p.activated_at, 30, 55)
        when, is_first = first, True
        while when <= AS_OF_END and (p.deactivated_at is None or when < p.deactivated_at):
            if is_first:
                status = "approved" if rng.random() < 0.88 else "rejected"
            elif AS_OF_END - when < timedelta(days=21):
                status = weighted(rng, {"pending": 55, "approved": 40, "rejected": 5})
            else:
                status = weighted(rng, {"approved": 86, "rejected": 10, "pending": 4})
            p.registrations.append(Registration(p, when, status))
            rate = MONTHLY_REGISTRATIONS[p.stage_on(when)] / 30
            when += timedelta(seconds=round(rng.expovariate(rate) * 86400))
            when = when.replace(hour=rng.randint(7, 19))
            is_first = False
    # Edge case (shard 0): a first registration at 02:xx UTC, landed with -0500.
    if ctx.has_globals:
        edge = next(p.registrations[0] for p in partners if p.registrations
                    and p.registrations[0].status == "approved")
        edge.registered_at = edge.registered_at.replace(hour=2, minute=rng.randint(5, 55))
        edge.registration_id = planted.by_code("registration_offset_midnight").pk
        edge.style = "minus5"


def all_users(partners: list[Partner]) -> list[PartnerUser]:
    return sorted((u for p in partners for u in p.users), key=lambda u: u.n)


# --------------------------------------------------------------------------- #
# Raw rows
# --------------------------------------------------------------------------- #
TS_MIX = {"iso_z": 70, "minus5": 12, "plus2": 8, "space": 10}


def partner_portal_rows(ctx: Ctx, partners: list[Partner]) -> dict[str, list[list[str]]]:
    pt, ct, rt, ut = (table(f"partner_portal.{t}") for t in
                      ("partners", "stage_certifications", "deal_registrations", "partner_users"))
    m = Mess(ctx.rng("mess.partner_portal"), TS_MIX, bool_mix={"lower": 3, "int": 1}, delete_null_share=0.7)

    def partner_row(p: Partner, deleted: bool = False):
        changed = max([p.activated_at, p.deactivated_at or p.activated_at])
        return pt.row(partner_id=p.partner_id, partner_name=p.name, partner_type=p.raw_type,
                      crm_account_id=p.crm_account.account_id if p.crm_account else "",
                      activated_at=m.ts(p.activated_at), status="inactive" if p.deactivated_at else "active",
                      deactivated_at=m.ts(p.deactivated_at), is_deleted=m.deleted(deleted),
                      _loaded_at=m.stamp(changed))

    partners_rows = [partner_row(p) for p in partners]
    if ctx.has_globals:
        test = Partner(n=-1, partner_id=f"{PARTNER_SLOT - 5:05d}", name="Test Partner - DO NOT USE",
                       ptype="VAR", raw_type="VAR", activated_at=datetime(2024, 5, 2, 10, 0, 0), engaged=False)
        partners_rows.append(partner_row(test, deleted=True))

    certs = sorted(((d, p.n, s, p) for p in partners for s, d in p.stage_dates.items()), key=lambda x: x[:3])
    cert_rows = []
    for d, _, stage, p in certs:
        style = weighted(m.rng, {"hyphen": 70, "number": 20, "en_dash": 10})
        text = {"hyphen": f"Stage {stage} - {STAGE_LABELS[stage]}", "number": str(stage),
                "en_dash": f"Stage {stage} \u2013 {STAGE_LABELS[stage]}"}[style]
        cert_rows.append(ct.row(certification_id=f"SC{ctx.next('certification'):06d}", partner_id=p.partner_id,
                                stage=text, achieved_at=m.ts(d), _loaded_at=m.stamp(d)))

    regs = sorted((r for p in partners for r in p.registrations), key=lambda r: (r.registered_at, r.partner.n))
    reg_rows, dups = [], []
    for r in regs:
        if not r.registration_id:
            r.registration_id = f"DR{ctx.next('registration'):06d}"
        opp = r.opportunity
        changed = opp.created_at if opp is not None else r.registered_at
        reg_text = m.ts(r.registered_at, r.style)
        reg_rows.append(rt.row(registration_id=r.registration_id, partner_id=r.partner.partner_id,
                               registered_at=reg_text, crm_opportunity_id=opp.opp_id if opp else "",
                               status=r.status, _loaded_at=m.stamp(changed, 1, 48)))
        if opp is not None and m.rng.random() < 0.05:
            # First landed while pending, re-synced once approved.
            dups.append(rt.row(registration_id=r.registration_id, partner_id=r.partner.partner_id,
                               registered_at=reg_text, crm_opportunity_id="", status="pending",
                               _loaded_at=m.stamp(r.registered_at, 0.1, 0.9)))
    if ctx.has_globals:
        orphan = planted.by_code("registration_unknown_partner")
        when = datetime(2025, 6, 11, 14, 20, 0)
        reg_rows.append(rt.row(registration_id=orphan.pk, partner_id="99999", registered_at=m.ts(when),
                               crm_opportunity_id="", status="pending", _loaded_at=m.stamp(when)))

    user_rows = []
    for u in all_users(partners):
        user_rows.append(ut.row(partner_user_id=u.partner_user_id, partner_id=u.partner.partner_id,
                                email=m.email(u.email, lower=0.7, title=0.2, upper=0.05, padded=0.05),
                                first_name=u.first_name, last_name=u.last_name, created_at=m.ts(u.created_at),
                                _loaded_at=m.stamp(u.created_at)))
    return {"partner_portal.partners": partners_rows, "partner_portal.stage_certifications": cert_rows,
            "partner_portal.deal_registrations": reg_rows + dups, "partner_portal.partner_users": user_rows}

