"""The sales story: accounts, opportunities with their stage paths, SA
assignment, demos and other activities. CRM-shaped but not Salesforce-specific;
``salesforce.py`` turns it into Fivetran rows.

Enablement shows in the story: AEs enabled by the time it matters find their
first qualified deal sooner, move from discovery to technical validation
faster and close bigger deals; SAs enabled at technical validation win more
evaluations, and enabled SAs reach their first solo demo sooner.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import planted_defects as planted
from .common import (AS_OF_END, STORY_START, Ctx, at, clamp, lognormal_mean, plus_days, poisson, weighted,
                     work_time)

STAGES = ["Prospecting", "Discovery", "Qualification", "Technical Validation", "Proposal", "Negotiation",
          "Closed Won"]
LOST = "Closed Lost"
PROBABILITY = {"Prospecting": 10, "Discovery": 20, "Qualification": 30, "Technical Validation": 50,
               "Proposal": 70, "Negotiation": 85, "Closed Won": 100, LOST: 0}
FORECAST = {"Prospecting": "Pipeline", "Discovery": "Pipeline", "Qualification": "Pipeline",
            "Technical Validation": "Pipeline", "Proposal": "Best Case", "Negotiation": "Commit",
            "Closed Won": "Closed", LOST: "Omitted"}
COMPETITORS = {"AWS": 35, "GCP": 20, "Azure": 15, "CoreWeave": 30}
INDUSTRIES = {"Technology": 30, "Financial Services": 12, "Healthcare": 10, "Media & Entertainment": 10,
              "Research": 12, "Automotive": 8, "Retail": 8, "Telecommunications": 10}
SUFFIXES = ["Labs", "AI", "Robotics", "Analytics", "Bio", "Systems", "Media", "Research"]
WORKLOADS = ["H200 training cluster", "Inference endpoints", "B200 reserved capacity", "Fine-tuning pipeline",
             "GPU burst capacity", "Multi-node training"]


@dataclass(eq=False)
class Account:
    seq: int
    name: str
    kind: str                      # Customer / Prospect / Partner
    industry: str
    owner: object                  # hris.Person
    created_at: datetime
    currency: str
    partner: object = None
    contacts: list = field(default_factory=list)
    account_id: str = ""
    deleted: bool = False


@dataclass
class Save:
    at: datetime
    stage: str
    amount_usd: float
    close_date: date


@dataclass(eq=False)
class Activity:
    kind: str                      # Discovery Call / Demo / Technical Session / Meeting / Call / Email / SA Touchpoint
    owner: object
    start: datetime
    opp: "Opp | None"
    account: Account | None
    subject: str
    attendees: list = field(default_factory=list)   # (relation kind, person-or-contact, status)
    created_at: datetime | None = None
    status: str = "Completed"
    event_id: str = ""
    forced_id: str = ""
    forced_style: str = ""
    deleted: bool = False


@dataclass(eq=False)
class Opp:
    seq: int
    owner: object
    account: Account
    created_at: datetime
    usd_amount: float
    competitor: str
    lead_source: str
    opp_type: str
    workload: str
    registration: object = None
    forced: str = ""               # "" / "qualify" / "win"
    entries: list = field(default_factory=list)     # (datetime, stage)
    calls: list = field(default_factory=list)       # discovery call instants
    tv_at: datetime | None = None
    demo_at: datetime | None = None
    sa: object = None
    qual_score: int | None = None
    tech_fit: bool | None = None
    saves: list = field(default_factory=list)
    opp_id: str = ""
    deleted: bool = False

    @property
    def partner(self):
        return self.registration.partner if self.registration else None

    @property
    def stage(self) -> str:
        return self.saves[-1].stage

    @property
    def closed_at(self) -> datetime | None:
        last = self.saves[-1]
        return last.at if last.stage in ("Closed Won", LOST) else None

    @property
    def won(self) -> bool:
        return self.saves[-1].stage == "Closed Won"

    def reached(self, stage: str) -> datetime | None:
        return next((t for t, s in self.entries if s == stage and t <= AS_OF_END), None)


@dataclass
class Crm:
    accounts: list
    opps: list
    activities: list
    solo_demos: dict                 # SA worker_id -> first solo demo Activity


# --------------------------------------------------------------------------- #
def simulate(ctx: Ctx, roster, partners, fx) -> Crm:
    sim = _Sim(ctx, roster, partners, fx)
    sim.partner_accounts()
    for ae in sorted(roster.aes, key=lambda p: (p.role_start, p.n)):
        sim.ae_pipeline(ae)
    sim.partner_pipeline()
    sim.assign_sas()
    for opp in sim.opps:
        sim.finish(opp)
    sim.activities()
    sim.accounts.sort(key=lambda a: (a.created_at, a.seq))
    sim.opps.sort(key=lambda o: (o.created_at, o.seq))
    _label_accounts(sim.opps)
    return Crm(sim.accounts, sim.opps, sim.acts, sim.solo)


def busy_until(person, margin_days: float) -> datetime:
    """Last instant someone takes on new work: as-of, or ``margin_days``
    before their termination."""
    if person.termination_date is None:
        return AS_OF_END
    return min(AS_OF_END, at(person.termination_date, 18) - timedelta(days=margin_days))


def _label_accounts(opps: list) -> None:
    """Customer once a deal was won; deals on such accounts are existing business."""
    won_at: dict[int, list[datetime]] = {}
    for o in opps:
        if o.won:
            won_at.setdefault(o.account.seq, []).append(o.closed_at)
            if o.account.kind == "Prospect":
                o.account.kind = "Customer"
    for o in opps:
        if any(t < o.created_at for t in won_at.get(o.account.seq, [])):
            o.opp_type = "Existing Business"


class _Sim:
    def __init__(self, ctx: Ctx, roster, partners, fx):
        self.ctx, self.roster, self.partners, self.fx = ctx, roster, partners, fx
        self.rng = ctx.rng("crm.story")
        self.accounts: list[Account] = []
        self.by_owner: dict[str, list[Account]] = {}
        self.opps: list[Opp] = []
        self.acts: list[Activity] = []
        self.solo: dict = {}

    # accounts ----------------------------------------------------------------
    def partner_accounts(self) -> None:
        for p in self.partners:
            acct = Account(len(self.accounts), p.name, "Partner", "Technology Services", self.roster.vp_sales,
                           plus_days(self.rng, p.activated_at, -30, -5), "USD", partner=p)
            p.crm_account = acct
            self.accounts.append(acct)

    def customer_account(self, owner, when: datetime) -> Account:
        rng = self.rng
        if owner.location == "London":
            currency = weighted(rng, {"GBP": 40, "USD": 57, "EUR": 3})
        elif owner.is_eu:
            currency = weighted(rng, {"EUR": 45, "USD": 52, "GBP": 3})
        else:
            currency = weighted(rng, {"USD": 98, "EUR": 1, "GBP": 1})
        k = len(self.accounts) + 1
        acct = Account(len(self.accounts), f"Sample Customer {k:04d} {rng.choice(SUFFIXES)}", "Prospect",
                       weighted(rng, INDUSTRIES), owner, plus_days(rng, when, -20, -0.05), currency)
        self.accounts.append(acct)
        self.by_owner.setdefault(owner.worker_id, []).append(acct)
        return acct

    def pick_account(self, owner, when: datetime, reuse: float) -> Account:
        mine = [a for a in self.by_owner.get(owner.worker_id, []) if a.created_at < when]
        if mine and self.rng.random() < reuse:
            return self.rng.choice(mine)
        return self.customer_account(owner, when)

    # opportunities -------------------------------------------------------------
    def new_opp(self, owner, when: datetime, good: bool, registration=None, forced: str = "") -> Opp:
        rng = self.rng
        acct = self.pick_account(owner, when, 0.2 if registration else 0.4)
        opp = Opp(seq=len(self.opps), owner=owner, account=acct, created_at=when,
                  usd_amount=clamp(lognormal_mean(rng, 150_000 if good else 105_000), 15_000, 1_200_000),
                  competitor=weighted(rng, COMPETITORS) if rng.random() < 0.4 else "",
                  lead_source="Partner" if registration else weighted(
                      rng, {"Outbound": 40, "Web": 25, "Event": 15, "Referral": 10, "Customer Referral": 10}),
                  opp_type="New Business",
                  workload=rng.choice(WORKLOADS), registration=registration, forced=forced)
        self.opps.append(opp)
        return opp

    def ae_pipeline(self, ae) -> None:
        rng = self.rng
        start = at(ae.role_start, 9)
        end = busy_until(ae, 20)
        # Enabled AEs qualify their first deal within days of finishing the
        # Practitioner phase; the others take about six weeks.
        enabled = ae.enabled_at
        if ae.engaged and enabled and enabled < start + timedelta(days=45):
            q = max(8.0, (enabled - start).total_seconds() / 86400 + rng.uniform(0.5, 4))
        elif ae.engaged:
            q = clamp(rng.gauss(28, 5), 12, 40)
        else:
            q = clamp(rng.gauss(43, 9), 22, 70)
        first_at = work_time(rng, (start + timedelta(days=q)).date())
        if first_at > end:
            return
        first = self.new_opp(ae, first_at, ae.engaged, forced="qualify")
        first.qual_score = rng.randint(70, 92)
        self.pre_tv(first)

        # Deals that close inside the first 90 days (the ramp window).
        wins = weighted(rng, {1: 30, 2: 45, 3: 25} if ae.engaged else {0: 30, 1: 45, 2: 25})
        earliest = max(q + 25, 35)
        if ae.engaged and enabled and enabled < start + timedelta(days=80):
            earliest = max(earliest, (enabled - start).total_seconds() / 86400 + 2)
        for _ in range(wins):
            close = start + timedelta(days=rng.uniform(min(earliest, 88), 89))
            created = max(work_time(rng, (close - timedelta(days=rng.uniform(20, 40))).date()),
                          first_at + timedelta(hours=2))
            if close <= busy_until(ae, 0):
                opp = self.new_opp(ae, created, ae.engaged, forced="win")
                self.ramp_path(opp, close)

        t = first_at + timedelta(days=rng.uniform(3, 10))
        while t < end:
            tenure = (t - start).days
            monthly = (1.3 if tenure < 90 else 2.2) + (0.2 if ae.engaged else 0)
            good = ae.enabled_by(t + timedelta(days=45))
            self.pre_tv(self.new_opp(ae, work_time(rng, t.date()), good))
            t += timedelta(days=rng.expovariate(monthly / 30))

    def partner_pipeline(self) -> None:
        rng = self.rng
        aes = sorted(self.roster.aes, key=lambda p: p.n)
        for reg in sorted((r for p in self.partners for r in p.registrations),
                          key=lambda r: (r.registered_at, r.partner.n)):
            if reg.status != "approved":
                continue
            when = plus_days(rng, reg.registered_at, 0.05, 3)
            if when > AS_OF_END:
                reg.status = "pending"
                continue
            pool = [a for a in aes if a.in_role_on(when.date()) and a.role_start + timedelta(days=75) <= when.date()
                    and busy_until(a, 20) >= when] or \
                   [a for a in aes if a.in_role_on(when.date())] or self.roster.ae_managers[:1]
            owner = rng.choice(pool)
            good = owner.enabled_by(when + timedelta(days=45))
            opp = self.new_opp(owner, when, good, registration=reg)
            reg.opportunity = opp
            self.pre_tv(opp)

    def pre_tv(self, opp: Opp) -> None:
        """Stage path up to technical validation (or an early loss)."""
        rng, t = self.rng, opp.created_at
        force = bool(opp.forced)
        opp.entries = [(t, "Prospecting" if rng.random() < 0.8 else "Discovery")]
        if opp.entries[0][1] == "Prospecting":
            if not force and rng.random() >= 0.85:
                return self.lose(opp, t, 10, 40)
            t = plus_days(rng, t, 2, 10)
            opp.entries.append((t, "Discovery"))
        call = plus_days(rng, t, 0.1, 3)
        opp.calls.append(call)
        if rng.random() < 0.35:
            opp.calls.append(plus_days(rng, call, 3, 10))
        if not force and rng.random() >= 0.72:
            return self.lose(opp, call, 7, 30)
        good = opp.owner.enabled_by(call)
        span = rng.uniform(10, 22) if good else rng.uniform(20, 42)
        opp.entries.append((call + timedelta(days=span * rng.uniform(0.3, 0.6)), "Qualification"))
        if opp.qual_score is None:
            opp.qual_score = rng.randint(55, 95)
        if not force and rng.random() >= 0.8:
            return self.lose(opp, opp.entries[-1][0], 7, 30)
        opp.tv_at = call + timedelta(days=span)
        opp.entries.append((opp.tv_at, "Technical Validation"))
        opp.demo_at = plus_days(rng, opp.tv_at, 0.1, 3)

    def ramp_path(self, opp: Opp, close: datetime) -> None:
        """Compressed path of a deal won inside the AE's first 90 days."""
        rng, t0 = self.rng, opp.created_at
        span = close - t0
        marks = [0, 0.08, 0.2, 0.35, 0.6, 0.8, 1.0]
        opp.entries = [(t0 + span * (f + (rng.uniform(-0.03, 0.03) if 0 < f < 1 else 0)), s)
                       for f, s in zip(marks, STAGES)]
        opp.calls = [opp.entries[1][0] + timedelta(hours=rng.uniform(2, 30))]
        opp.tv_at = opp.entries[3][0]
        opp.demo_at = opp.tv_at + timedelta(hours=rng.uniform(2, 40))
        opp.qual_score = rng.randint(60, 95)

    def lose(self, opp: Opp, after: datetime, low: float, high: float) -> None:
        opp.entries.append((plus_days(self.rng, after, low, high), LOST))
        if opp.qual_score is None and self.rng.random() < 0.9:
            opp.qual_score = self.rng.randint(10, 69)

    # SA assignment -------------------------------------------------------------
    def sa_available(self, sa, when: datetime) -> bool:
        return sa.role_start + timedelta(days=14) <= when.date() and when <= busy_until(sa, 7)

    def assign_sas(self) -> None:
        rng = self.rng
        sas = sorted(self.roster.sas, key=lambda p: (p.role_start, p.n))
        tv = sorted((o for o in self.opps if o.demo_at and o.demo_at <= AS_OF_END), key=lambda o: (o.demo_at, o.seq))
        for o in tv:
            partner = o.partner
            if partner and partner.stage_on(o.tv_at) >= 3 and rng.random() < 0.75:
                o.demo_at = None          # partner-led validation, no SA
        tv = [o for o in tv if o.demo_at]
        times = [o.demo_at for o in tv]

        # Planned ramp: shadowed demos, then the first solo demo near a target.
        for sa in sas:
            start = at(sa.role_start, 9)
            enabled = sa.enabled_at
            if sa.engaged and enabled and enabled < start + timedelta(days=75):
                solo = max(start + timedelta(days=rng.gauss(46, 6)), enabled + timedelta(days=rng.uniform(2, 8)))
            else:
                solo = start + timedelta(days=clamp(rng.gauss(80, 12), 60, 120))
            sa.solo_target = solo
            shadow_days = sorted(rng.uniform(14, max(15, (solo - start).days - 4))
                                 for _ in range(weighted(rng, {1: 40, 2: 40, 3: 20})))
            for target in [start + timedelta(days=d) for d in shadow_days] + [solo + timedelta(hours=4)]:
                if not self.sa_available(sa, target):
                    continue
                i = bisect_left(times, target)
                best = None
                for j in range(max(0, i - 12), min(len(tv), i + 12)):
                    o = tv[j]
                    if o.sa is None and o.forced != "win" and abs(o.demo_at - target) <= timedelta(days=6) and \
                            self.sa_available(sa, o.demo_at) and (target < solo or o.demo_at >= solo):
                        if best is None or abs(o.demo_at - target) < abs(best.demo_at - target):
                            best = o
                if best is not None:
                    best.sa = sa
        for o in tv:
            if o.sa is None:
                pool = [s for s in sas if self.sa_available(s, o.demo_at)]
                if o.forced == "win":
                    # Deals won inside an AE's ramp window pair with enabled SAs.
                    pool = [s for s in pool if s.enabled_by(o.tv_at)] or pool
                if pool:
                    weights = [0.6 if (o.demo_at.date() - s.role_start).days < 100 else 1.0 for s in pool]
                    o.sa = rng.choices(pool, weights=weights)[0]
                else:
                    o.demo_at = None
        # SAs involved early on deals that never reach technical validation.
        for o in self.opps:
            if o.sa is None and o.demo_at is None and len(o.entries) > 1:
                reached_q = any(s == "Qualification" for _, s in o.entries)
                when = o.entries[-1][0]
                if rng.random() < (0.6 if reached_q else 0.15):
                    pool = [s for s in sas if self.sa_available(s, min(when, AS_OF_END))]
                    if pool:
                        o.sa = rng.choice(pool)

    # post technical validation and saves -----------------------------------------
    def finish(self, opp: Opp) -> None:
        if opp.tv_at and opp.forced != "win":
            self.post_tv(opp)
        elif opp.forced == "win":
            opp.tech_fit = True
        self.build_saves(opp)

    def post_tv(self, opp: Opp) -> None:
        rng, t = self.rng, opp.tv_at
        if rng.random() < 0.04:
            t = plus_days(rng, t, 3, 8)
            opp.entries.append((t, "Qualification"))
            t = plus_days(rng, t, 4, 12)
            opp.entries.append((t, "Technical Validation"))
        if opp.sa is not None:
            p = 0.59 if opp.sa.enabled_by(opp.tv_at) else 0.45
        else:
            p = 0.6
        p += 0.02 * (opp.tv_at - at(STORY_START)).days / 365
        p += {"CoreWeave": -0.05, "AWS": 0.0, "GCP": 0.02, "Azure": 0.02, "": 0.03}[opp.competitor]
        if opp.partner and opp.partner.stage_on(opp.tv_at) >= 3:
            p += 0.04
        if rng.random() >= p:
            opp.tech_fit = False
            return self.lose(opp, t, 10, 35)
        opp.tech_fit = True
        t = plus_days(rng, t, 8, 28)
        opp.entries.append((t, "Proposal"))
        for stage, low, high in (("Negotiation", 5, 18), ("Closed Won", 5, 21)):
            if rng.random() >= 0.85:
                return self.lose(opp, t, 10, 30)
            t = plus_days(rng, t, low, high)
            opp.entries.append((t, stage))

    def build_saves(self, opp: Opp) -> None:
        """OpportunityHistory saves: stage changes plus amount-only and
        close-date-only saves in between (they repeat the stage)."""
        rng = self.rng
        final = opp.usd_amount
        amount = final * rng.uniform(0.7, 1.3)
        close = (opp.created_at + timedelta(days=rng.uniform(60, 120))).date()
        saves: list[Save] = []
        entries = sorted(opp.entries, key=lambda e: e[0]) if opp.forced == "win" else opp.entries
        for i, (t, stage) in enumerate(entries):
            if t > AS_OF_END:
                break
            if i:
                prev_t, prev_stage = entries[i - 1]
                if rng.random() < 0.35:
                    amount = (amount + final) / 2 * rng.uniform(0.95, 1.08)
                    saves.append(Save(prev_t + (t - prev_t) * rng.uniform(0.2, 0.8), prev_stage, amount, close))
                if rng.random() < 0.25:
                    close += timedelta(days=rng.randint(14, 35))
                    saves.append(Save(prev_t + (t - prev_t) * rng.uniform(0.2, 0.8), prev_stage, amount, close))
                saves.sort(key=lambda s: s.at)
            if stage == "Proposal":
                amount = final * rng.uniform(0.95, 1.05)
            if stage in ("Closed Won", LOST):
                amount = final if stage == "Closed Won" else amount
                close = t.date()
            saves.append(Save(t, stage, amount, close))
        last = saves[-1]
        if last.stage not in ("Closed Won", LOST) and rng.random() < 0.3:
            when = last.at + (AS_OF_END - last.at) * rng.uniform(0.1, 0.9)
            saves.append(Save(when, last.stage, last.amount_usd * rng.uniform(0.9, 1.15), last.close_date))
        opp.saves = [Save(s.at.replace(microsecond=0), s.stage, s.amount_usd, s.close_date) for s in saves]
        opp.entries = [(t, s) for t, s in entries if t <= AS_OF_END]
        if opp.tech_fit is not None and not opp.reached("Proposal") and opp.stage != LOST:
            opp.tech_fit = None

    # activities ------------------------------------------------------------------
    def activities(self) -> None:
        rng = self.rng
        for opp in self.opps:
            end = opp.closed_at or AS_OF_END
            for call in opp.calls:
                if call <= end and call <= AS_OF_END:
                    self.add(Activity("Discovery Call", opp.owner, call, opp, opp.account,
                                      f"Discovery call - {opp.workload}", self.contacts(opp, 1, 2)))
            if opp.demo_at and opp.sa and opp.demo_at <= AS_OF_END:
                demos = [opp.demo_at]
                if rng.random() < 0.25:
                    demos.append(plus_days(rng, opp.demo_at, 5, 12))
                for t in demos:
                    if t <= end:
                        self.add(Activity("Demo", opp.sa, t, opp, opp.account, f"Demo - {opp.workload}",
                                          [("user", opp.owner, "Accepted")] + self.contacts(opp, 1, 2)))
                sessions = weighted(rng, {0: 15, 1: 50, 2: 35})
                for _ in range(sessions):
                    t = plus_days(rng, opp.demo_at, 1, 14)
                    if t <= end and t <= AS_OF_END:
                        self.add(Activity("Technical Session", opp.sa, t, opp, opp.account,
                                          f"Technical deep dive - {opp.workload}", self.contacts(opp, 1, 2)))
            for t, stage in opp.entries:
                if stage in ("Proposal", "Negotiation"):
                    m = plus_days(rng, t, 0.5, 4)
                    if m <= end and m <= AS_OF_END:
                        self.add(Activity("Meeting", opp.owner, m, opp, opp.account, f"{stage} review",
                                          self.contacts(opp, 1, 2)))
            self.tasks(opp, end)
        self.shadowing()
        self.dry_runs()
        if self.ctx.has_globals:
            self.plant()
        self.acts.sort(key=lambda a: (a.created_at, a.start, a.kind, a.owner.n))

    def add(self, act: Activity) -> None:
        rng = self.rng
        if act.created_at is None:
            floor = act.opp.created_at if act.opp else act.start - timedelta(days=3)
            act.created_at = max(floor, act.start - timedelta(days=rng.uniform(0.2, 6)))
            if act.kind in ("Call", "Email") or act.created_at > act.start:
                act.created_at = min(act.start, max(floor, act.start - timedelta(hours=rng.uniform(0, 8))))
            act.created_at = act.created_at.replace(microsecond=0)
        act.start = act.start.replace(microsecond=0)
        self.acts.append(act)

    def contacts(self, opp: Opp, low: int, high: int) -> list:
        acct = opp.account
        while len(acct.contacts) < 3:
            acct.contacts.append(None)      # ids are assigned when rows are written
        k = self.rng.randint(low, high)
        picks = self.rng.sample(range(3), k)
        return [("contact", (acct, i), weighted(self.rng, {"Accepted": 85, "New": 10, "Declined": 5}))
                for i in sorted(picks)]

    def tasks(self, opp: Opp, end: datetime) -> None:
        rng = self.rng
        horizon = end if opp.closed_at else AS_OF_END + timedelta(days=14)
        for _ in range(min(4, poisson(rng, 1.1))):
            t = opp.created_at + (horizon - opp.created_at) * rng.random()
            kind = rng.choice(["Call", "Email"])
            subject = rng.choice(["Follow-up call", "Pricing questions"] if kind == "Call"
                                 else ["Send proposal recap", "Email next steps"])
            act = Activity(kind, opp.owner, t, opp, opp.account, subject,
                           status="Completed" if t <= AS_OF_END else "Not Started")
            act.created_at = min(t, AS_OF_END) - timedelta(hours=rng.uniform(0, 30))
            act.created_at = max(act.created_at, opp.created_at).replace(microsecond=0)
            self.add(act)
        partner = opp.partner
        if partner is None:
            return
        stage = partner.stage_on(min(end, AS_OF_END))
        count = weighted(rng, {0: 25, 1: 50, 2: 25} if stage >= 3 else {0: 10, 1: 25, 2: 35, 3: 20, 4: 10})
        for _ in range(count):
            t = opp.created_at + (min(end, AS_OF_END) - opp.created_at) * rng.uniform(0.05, 0.95)
            owner = opp.sa
            if owner is None or not owner.employed_on(t.date()):
                pool = [s for s in self.roster.sas if self.sa_available(s, t)]
                if not pool:
                    continue
                owner = rng.choice(sorted(pool, key=lambda s: s.n))
            act = Activity("SA Touchpoint", owner, t, opp, opp.account,
                           rng.choice(["Partner escalation - solution design", "Partner escalation - pricing",
                                       "Partner enablement call"]))
            act.created_at = t
            self.add(act)

    def shadowing(self) -> None:
        """Managers sit in on an SA's first demos; afterwards the SA goes solo."""
        rng = self.rng
        demos: dict[str, list[Activity]] = {}
        for a in self.acts:
            if a.kind == "Demo":
                demos.setdefault(a.owner.worker_id, []).append(a)
        for sa in sorted(self.roster.sas, key=lambda p: p.n):
            mine = sorted(demos.get(sa.worker_id, []), key=lambda a: (a.start, a.opp.seq))
            for i, demo in enumerate(mine):
                manager = sa.manager_on(demo.start.date())
                if i == 0 or demo.start < sa.solo_target:
                    if manager is not None:
                        demo.attendees.append(("user", manager, "Accepted"))
                    continue
                if sa.worker_id not in self.solo:
                    self.solo[sa.worker_id] = demo
                r = rng.random()
                ae_manager = demo.opp.owner.manager_on(demo.start.date())
                if r < 0.05 and ae_manager is not None and ae_manager is not manager:
                    demo.attendees.append(("user", ae_manager, "Accepted"))   # not the SA's manager
                elif r < 0.07 and manager is not None:
                    demo.attendees.append(("user", manager, "Declined"))

    def dry_runs(self) -> None:
        """Internal (not customer-facing) demo rehearsals by new SAs."""
        rng = self.rng
        for sa in sorted(self.roster.sas, key=lambda p: p.n):
            if rng.random() < 0.5:
                t = work_time(rng, sa.role_start + timedelta(days=rng.randint(7, 25)))
                if t <= AS_OF_END and t.date() <= sa.last_day:
                    self.add(Activity("Demo", sa, t, None, None, "Internal demo dry run (Gate 2 prep)"))

    def plant(self) -> None:
        """Shard 0: a demo owned by a transferred SA before their SA role
        started (bad) and a first solo demo at 23:xx UTC landed as +02:00 (edge)."""
        rng = self.rng
        transfer = next(s for s in sorted(self.roster.sas, key=lambda p: p.n)
                        if s.extras.get("transfer") and s.role_start < AS_OF_END.date() - timedelta(days=30))
        t = work_time(rng, transfer.role_start - timedelta(days=10))
        opp = next(o for o in self.opps if o.created_at < t and o.demo_at and (o.closed_at or AS_OF_END) > t)
        act = Activity("Demo", transfer, t, opp, opp.account, f"Demo - {opp.workload}",
                       [("user", opp.owner, "Accepted")] + self.contacts(opp, 1, 1))
        act.forced_id = planted.by_code("demo_before_role_start").pk
        self.add(act)
        for demo in self.solo.values():
            late = at(demo.start.date(), 23, rng.randint(0, 59), rng.randint(0, 59))
            if demo.opp.tv_at < late <= min(AS_OF_END, demo.opp.closed_at or AS_OF_END):
                demo.start = late
                demo.forced_id = planted.by_code("demo_offset_midnight").pk
                demo.forced_style = "plus2"
                return
