"""HRIS: the company roster (who holds which role, under which manager, when)
and its two raw tables, workers and job_history.

Every other system hangs off the ``Person`` objects built here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import planted_defects as planted
from .common import (AS_OF, PEOPLE_SLOT, STORY_START, Ctx, Mess, at, fake_email, fake_name,
                     month_starts, mondays_in_month, reserved_number, weighted)
from .schema import table

# business_title -> (role_track for the role_track_mapping seed, job_family, department)
TITLES: dict[str, tuple[str, str, str]] = {
    "Solutions Architect": ("SA", "Solutions Architecture", "Solutions Architecture"),
    "Senior Solutions Architect": ("SA", "Solutions Architecture", "Solutions Architecture"),
    "Account Executive": ("AE", "Sales", "Sales"),
    "Senior Account Executive": ("AE", "Sales", "Sales"),
    "Manager Solutions Architecture": ("sa_manager", "Sales Management", "Solutions Architecture"),
    "Sales Manager": ("ae_manager", "Sales Management", "Sales"),
    "VP Sales": ("sales_leadership", "Sales Management", "Sales"),
    "VP Solutions Architecture": ("sales_leadership", "Sales Management", "Solutions Architecture"),
    "Chief Revenue Officer": ("sales_leadership", "Executive", "Sales"),
    "Senior Manager, Revenue Enablement": ("enablement", "Revenue Enablement", "Revenue Enablement"),
    "Enablement Manager": ("enablement", "Revenue Enablement", "Revenue Enablement"),
    "Enablement Program Manager": ("enablement", "Revenue Enablement", "Revenue Enablement"),
    "Enablement Content Developer": ("enablement", "Revenue Enablement", "Revenue Enablement"),
    "Partner Enablement Lead": ("enablement", "Revenue Enablement", "Revenue Enablement"),
    "Enablement Operations Analyst": ("enablement", "Revenue Enablement", "Revenue Enablement"),
    "Software Engineer": ("other", "Engineering", "Engineering"),
    "Senior Software Engineer": ("other", "Engineering", "Engineering"),
    "Site Reliability Engineer": ("other", "Engineering", "Engineering"),
    "Engineering Manager": ("other", "Engineering", "Engineering"),
    "Data Scientist": ("other", "Engineering", "Engineering"),
    "Support Engineer": ("other", "Customer Success", "Customer Success"),
    "Customer Success Manager": ("other", "Customer Success", "Customer Success"),
    "Director, Customer Success": ("other", "Customer Success", "Customer Success"),
    "Sales Development Representative": ("other", "Sales Development", "Sales"),
    "Sales Development Manager": ("other", "Sales Development", "Sales"),
    "Product Manager": ("other", "Product", "Product"),
    "Product Marketing Manager": ("other", "Marketing", "Marketing"),
    "Marketing Manager": ("other", "Marketing", "Marketing"),
    "Financial Analyst": ("other", "Finance", "Finance"),
    "People Partner": ("other", "People", "People"),
    "Recruiter": ("other", "People", "People"),
}

SA_LOCATIONS = {"San Francisco": 3, "New York": 3, "Austin": 2, "London": 2, "Amsterdam": 2, "Berlin": 1}
AE_LOCATIONS = {"New York": 4, "San Francisco": 3, "Austin": 2, "London": 2, "Amsterdam": 1,
                "Berlin": 1, "Paris": 1}
OTHER_LOCATIONS = {"Amsterdam": 4, "San Francisco": 2, "New York": 1, "Remote": 2}
EU_LOCATIONS = {"London", "Amsterdam", "Berlin", "Paris"}


@dataclass
class Stint:
    effective: date
    title: str
    manager: "Person | None"


@dataclass(eq=False)
class Person:
    seq: int                      # creation order within the shard
    role: str                     # cro vp_sales vp_sa sa_mgr ae_mgr enablement sa ae other
    hire_date: date
    location: str
    stints: list[Stint]
    engaged: bool = False         # diligent learner: completes enablement on time
    termination_date: date | None = None
    role_start: date | None = None
    n: int = 0
    worker_id: str = ""
    employee_number: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    # filled in by later systems
    sf_user_id: str = ""
    lms_user_id: str = ""
    lms_created: datetime | None = None
    plan: object = None           # lms.LearningPlan
    solo_target: datetime | None = None
    extras: dict = field(default_factory=dict)

    @property
    def track(self) -> str | None:
        return {"sa": "SA", "ae": "AE"}.get(self.role)

    @property
    def title(self) -> str:
        return self.stints[-1].title

    @property
    def manager(self) -> "Person | None":
        return self.stints[-1].manager

    @property
    def is_eu(self) -> bool:
        return self.location in EU_LOCATIONS

    def stint_on(self, d: date) -> Stint:
        current = self.stints[0]
        for s in self.stints:
            if s.effective <= d:
                current = s
        return current

    def manager_on(self, d: date) -> "Person | None":
        return self.stint_on(d).manager

    def employed_on(self, d: date) -> bool:
        return self.hire_date <= d and (self.termination_date is None or d <= self.termination_date)

    def in_role_on(self, d: date) -> bool:
        return self.role_start is not None and self.role_start <= d and self.employed_on(d)

    @property
    def last_day(self) -> date:
        return min(self.termination_date or AS_OF, AS_OF)

    @property
    def enabled_at(self) -> datetime | None:
        return self.plan.enabled_at if self.plan is not None else None

    def enabled_by(self, when: datetime) -> bool:
        e = self.enabled_at
        return e is not None and e <= when


@dataclass
class Roster:
    people: list[Person]
    cro: Person
    vp_sales: Person
    vp_sa: Person
    sa_managers: list[Person]
    ae_managers: list[Person]
    enablement: list[Person]

    @property
    def sas(self) -> list[Person]:
        return [p for p in self.people if p.role == "sa"]

    @property
    def aes(self) -> list[Person]:
        return [p for p in self.people if p.role == "ae"]

    @property
    def field(self) -> list[Person]:
        return [p for p in self.people if p.role in ("sa", "ae")]

    @property
    def managers(self) -> list[Person]:
        return self.sa_managers + self.ae_managers

    @property
    def crm_users(self) -> list[Person]:
        """People with a Salesforce login: sales leadership, managers, SAs, AEs."""
        return [p for p in self.people if p.role in ("cro", "vp_sales", "vp_sa", "sa_mgr", "ae_mgr", "sa", "ae")]


# --------------------------------------------------------------------------- #
# Building the roster
# --------------------------------------------------------------------------- #
class _Builder:
    def __init__(self, ctx: Ctx):
        self.rng = ctx.rng("hris.roster")
        self.people: list[Person] = []

    def hire(self, role: str, title: str, hire_date: date, manager: Person | None, location: str) -> Person:
        p = Person(seq=len(self.people), role=role, hire_date=hire_date, location=location,
                   stints=[Stint(hire_date, title, manager)])
        self.people.append(p)
        return p

    def reports_on(self, manager: Person, d: date) -> list[Person]:
        return [p for p in self.people if p.employed_on(d) and p.manager_on(d) is manager]

    def least_loaded(self, managers: list[Person], d: date) -> Person:
        active = [m for m in managers if m.employed_on(d)] or managers
        loads = [len(self.reports_on(m, d)) for m in active]
        best = min(loads)
        return self.rng.choice([m for m, load in zip(active, loads) if load == best])

    def change(self, p: Person, d: date, title: str | None = None, manager: Person | None = None) -> None:
        if not p.employed_on(d) or d > AS_OF:
            return
        current = p.stint_on(d)
        p.stints.append(Stint(d, title or current.title, manager if manager is not None else current.manager))
        p.stints.sort(key=lambda s: s.effective)


def build_roster(ctx: Ctx) -> Roster:
    b = _Builder(ctx)
    rng = b.rng

    cro = b.hire("cro", "Chief Revenue Officer", date(2021, 1, 11), None, "San Francisco")
    vp_sales = b.hire("vp_sales", "VP Sales", date(2021, 6, 7), cro, "New York")
    vp_sa = b.hire("vp_sa", "VP Solutions Architecture", date(2022, 2, 7), cro, "San Francisco")
    sa_mgrs = [b.hire("sa_mgr", "Manager Solutions Architecture", d, vp_sa, loc) for d, loc in [
        (date(2022, 9, 12), "San Francisco"), (date(2023, 3, 6), "London"),
        (date(2023, 10, 2), "New York"), (date(2025, 10, 6), "Amsterdam")]]
    sa_mgrs[1].termination_date = date(2025, 11, 14)
    ae_mgrs = [b.hire("ae_mgr", "Sales Manager", d, vp_sales, loc) for d, loc in [
        (date(2022, 5, 9), "New York"), (date(2023, 6, 5), "London"), (date(2025, 3, 3), "Austin")]]
    enab_lead = b.hire("enablement", "Senior Manager, Revenue Enablement", date(2023, 11, 6), vp_sales, "Amsterdam")
    enablement = [enab_lead] + [b.hire("enablement", t, d, enab_lead, loc) for t, d, loc in [
        ("Enablement Manager", date(2024, 1, 8), "New York"),
        ("Enablement Program Manager", date(2024, 3, 4), "London"),
        ("Enablement Content Developer", date(2025, 1, 13), "Amsterdam"),
        ("Partner Enablement Lead", date(2025, 8, 4), "Berlin"),
        ("Enablement Operations Analyst", date(2026, 3, 2), "Austin")]]

    # Non-field staff (their managers first).
    eng_mgr = b.hire("other", "Engineering Manager", date(2021, 3, 1), cro, "Amsterdam")
    cs_dir = b.hire("other", "Director, Customer Success", date(2021, 9, 6), cro, "New York")
    sdr_mgr = b.hire("other", "Sales Development Manager", date(2022, 4, 4), vp_sales, "Austin")
    boss_of = {"Engineering": eng_mgr, "Customer Success": cs_dir, "Sales Development": sdr_mgr}
    other_titles = {"Software Engineer": 8, "Senior Software Engineer": 4, "Site Reliability Engineer": 3,
                    "Data Scientist": 2, "Support Engineer": 4, "Customer Success Manager": 4,
                    "Sales Development Representative": 4, "Product Manager": 3,
                    "Product Marketing Manager": 2, "Marketing Manager": 1, "Financial Analyst": 1,
                    "People Partner": 1, "Recruiter": 1}
    for _ in range(36):
        title = weighted(rng, other_titles)
        month = rng.choice(month_starts(date(2019, 6, 1), date(2026, 8, 1)))
        family = TITLES[title][1]
        b.hire("other", title, rng.choice(mondays_in_month(month)), boss_of.get(family, cro),
               weighted(rng, OTHER_LOCATIONS))

    # Internal transfers: hired earlier in another role, moved into SA / AE in
    # the cohort loop below (so manager loads are counted at the move date).
    transfer_months = [date(2024, 7, 1), date(2024, 11, 1), date(2025, 4, 1), date(2025, 8, 1),
                       date(2026, 1, 1), date(2026, 5, 1)]
    rng.shuffle(transfer_months)
    transfers: dict[date, list[Person]] = {}
    for (role, old_title), month in zip([("sa", "Support Engineer"), ("sa", "Software Engineer"),
                                         ("sa", "Customer Success Manager"),
                                         ("ae", "Sales Development Representative"),
                                         ("ae", "Sales Development Representative"),
                                         ("ae", "Customer Success Manager")], transfer_months):
        first = rng.choice(month_starts(date(2021, 3, 1), date(2024, 1, 1)))
        family = TITLES[old_title][1]
        p = b.hire(role, old_title, rng.choice(mondays_in_month(first)), boss_of.get(family, cro),
                   weighted(rng, SA_LOCATIONS if role == "sa" else AE_LOCATIONS))
        p.extras["transfer"] = True
        transfers.setdefault(month, []).append(p)

    # Monthly SA / AE hire cohorts: 1-4 a month, totals nudged to the story's.
    months = month_starts(STORY_START, AS_OF)
    cohort_sizes = {role: _cohort_sizes(rng, len(months), weights, total) for role, weights, total in (
        ("sa", {1: 42, 2: 38, 3: 15, 4: 5}, 55), ("ae", {1: 22, 2: 42, 3: 26, 4: 10}, 64))}
    for i, month in enumerate(months):
        for p in transfers.get(month, []):
            move = rng.choice(mondays_in_month(month))
            new_title = "Solutions Architect" if p.role == "sa" else "Account Executive"
            p.stints.append(Stint(move, new_title, b.least_loaded(sa_mgrs if p.role == "sa" else ae_mgrs, move)))
            p.role_start = move
        for role in ("sa", "ae"):
            for _ in range(cohort_sizes[role][i]):
                d = rng.choice(mondays_in_month(month))
                title = "Solutions Architect" if role == "sa" else "Account Executive"
                mgr = b.least_loaded(sa_mgrs if role == "sa" else ae_mgrs, d)
                p = b.hire(role, title, d, mgr, weighted(rng, SA_LOCATIONS if role == "sa" else AE_LOCATIONS))
                p.role_start = d

    field_people = [p for p in b.people if p.role in ("sa", "ae")]
    for p in field_people:
        p.engaged = rng.random() < 0.55 + 0.3 * (p.role_start - STORY_START).days / 900

    # Terminations (after six months in role); non-field leavers.
    for p in field_people:
        for month in month_starts(p.role_start + timedelta(days=183), AS_OF):
            if rng.random() < 0.011:
                fridays = [m + timedelta(days=4) for m in mondays_in_month(month)]
                p.termination_date = min(rng.choice(fridays), AS_OF)
                break
    for p in b.people:
        if p.role == "other" and p.hire_date < date(2025, 6, 1) and rng.random() < 0.12:
            p.termination_date = p.hire_date + timedelta(days=rng.randint(200, 700))
            if p.termination_date > AS_OF or any(q.manager is p for q in b.people):
                p.termination_date = None

    # Manager moves: SA manager 2 leaves, manager 4 takes the team; AE manager 3
    # takes a third of the existing AE teams; a few one-off rebalances.
    for p in b.reports_on(sa_mgrs[1], date(2025, 11, 14)):
        b.change(p, date(2025, 11, 14), manager=sa_mgrs[3])
    for old in ae_mgrs[:2]:
        for p in b.reports_on(old, date(2025, 3, 17)):
            if rng.random() < 0.34:
                b.change(p, date(2025, 3, 17), manager=ae_mgrs[2])
    for p in rng.sample(field_people, 4):
        pool = sa_mgrs if p.role == "sa" else ae_mgrs
        d = p.role_start + timedelta(weeks=rng.randint(20, 60))
        others = [m for m in pool if m.employed_on(d) and m is not p.manager_on(d)]
        if others and d <= AS_OF:
            b.change(p, d, manager=rng.choice(others))

    # Promotions (same role track, new title).
    for p in field_people:
        tenure_months = rng.randint(15, 20)
        promo = p.role_start + timedelta(days=int(tenure_months * 30.44))
        promo -= timedelta(days=promo.weekday())
        if rng.random() < 0.45 and promo <= p.last_day:
            b.change(p, promo, title="Senior Solutions Architect" if p.role == "sa" else "Senior Account Executive")

    _assign_identities(ctx, b.people)
    return Roster(b.people, cro, vp_sales, vp_sa, sa_mgrs, ae_mgrs, enablement)


def _cohort_sizes(rng, months: int, weights: dict, total: int) -> list[int]:
    sizes = [weighted(rng, weights) for _ in range(months)]
    while sum(sizes) != total:
        i = rng.randrange(months)
        step = 1 if sum(sizes) < total else -1
        if 1 <= sizes[i] + step <= 4:
            sizes[i] += step
    return sizes


def _assign_identities(ctx: Ctx, people: list[Person]) -> None:
    """Ids in hire order, as an HRIS would allocate them."""
    rng = ctx.rng("hris.names")
    for p in sorted(people, key=lambda q: (q.hire_date, q.seq)):
        _identify(p, ctx.next("person", PEOPLE_SLOT), rng)


def _identify(p: Person, n: int, rng) -> None:
    p.n = n
    p.worker_id = f"W{100 + n:05d}"
    p.employee_number = f"{4000 + n:06d}"
    p.first_name, p.last_name = fake_name(rng, n)
    p.email = fake_email(p.first_name, p.last_name)


# --------------------------------------------------------------------------- #
# Raw rows
# --------------------------------------------------------------------------- #
def hris_rows(ctx: Ctx, roster: Roster) -> dict[str, list[list[str]]]:
    workers_t, history_t = table("hris.workers"), table("hris.job_history")
    wm = Mess(ctx.rng("mess.hris.workers"), {"space": 1}, {"iso": 93, "mdy": 7},
              {"lower": 3, "upper": 1}, delete_null_share=0.6)
    hm = Mess(ctx.rng("mess.hris.job_history"), {"space": 1}, {"iso": 95, "mdy": 5},
              {"lower": 3, "upper": 1}, delete_null_share=0.7)
    people = sorted(roster.people, key=lambda p: p.n)

    def worker_row(p: Person, stint: Stint, loaded: datetime, title: str | None = None,
                   hire_text: str | None = None, deleted: bool = False, term: date | None = None):
        return workers_t.row(
            worker_id=p.worker_id,
            employee_number=wm.employee_number(p.employee_number, stripped=0.05, spaced=0.02),
            work_email=wm.email(p.email), first_name=p.first_name, last_name=p.last_name,
            business_title=title or stint.title, job_family=TITLES.get(stint.title, TITLES["VP Sales"])[1],
            department=TITLES.get(stint.title, TITLES["VP Sales"])[2],
            manager_worker_id=stint.manager.worker_id if stint.manager else "",
            hire_date=hire_text if hire_text is not None else wm.date(p.hire_date),
            termination_date=wm.date(term), location=p.location, is_deleted=wm.deleted(deleted),
            _loaded_at=wm.loader_text(loaded))

    def last_change(p: Person) -> datetime:
        d = max([s.effective for s in p.stints] + [p.termination_date or p.hire_date])
        return at(d, 6)

    workers = [worker_row(p, p.stints[-1], wm.loaded(last_change(p)), term=p.termination_date) for p in people]

    # Re-synced older versions of workers whose title or manager changed.
    changed = [p for p in people if len(p.stints) > 1 and p.stints[-2].effective >= STORY_START]
    for p in ctx.rng("hris.dups").sample(changed, min(6, len(changed))):
        old = p.stints[-2]
        workers.append(worker_row(p, old, wm.loaded(at(old.effective, 6), 1, 20)))

    # Extra records of shard 0: a deleted test record and two bad rows.
    if ctx.has_globals:
        rng = ctx.rng("hris.planted")
        template = roster.vp_sales
        extra = []
        for k, role, title in [(1, "ae", "Account Executive"), (2, "other", "Software Engineer"),
                               (3, "other", "Software Engineer")]:
            hire = date(2025, 5, 5) + timedelta(weeks=k)
            p = Person(seq=-k, role=role, hire_date=hire, location="Remote",
                       stints=[Stint(hire, title, template)])
            _identify(p, reserved_number(k, PEOPLE_SLOT), rng)
            extra.append(p)
        bad_title, bad_hire, test_record = extra
        assert bad_title.worker_id == planted.by_code("unknown_title").pk
        assert bad_hire.worker_id == planted.by_code("hire_not_a_date").pk
        workers.append(worker_row(bad_title, bad_title.stints[0], wm.loaded(at(bad_title.hire_date, 6)),
                                  title="Field Ninja (Legacy)"))
        workers.append(worker_row(bad_hire, bad_hire.stints[0], wm.loaded(at(bad_hire.hire_date, 6)),
                                  hire_text="not a date"))
        workers.append(worker_row(test_record, test_record.stints[0], wm.loaded(at(test_record.hire_date, 6)),
                                  deleted=True))

    # Job history: one row per stint, ids in effective-date order.
    stints = sorted(((s.effective, p.n, i, p, s) for p in people for i, s in enumerate(p.stints)),
                    key=lambda x: x[:3])
    history = []

    def history_row(p: Person, s: Stint, effective_text: str | None = None, deleted: bool = False,
                    manager: Person | None = None, hid: str | None = None):
        mgr = manager or s.manager
        return history_t.row(
            job_history_id=hid or f"JH{ctx.next('job_history'):06d}", worker_id=p.worker_id,
            effective_date=effective_text or hm.date(s.effective), business_title=s.title,
            job_family=TITLES[s.title][1], manager_worker_id=mgr.worker_id if mgr else "",
            is_deleted=hm.deleted(deleted), _loaded_at=hm.stamp(at(s.effective, 7)))

    for _, _, _, p, s in stints:
        history.append(history_row(p, s))
    if ctx.has_globals:
        rng = ctx.rng("hris.planted")
        sa = next(p for p in people if p.role == "sa" and len(p.stints) == 1)
        wrong = next(m for m in roster.sa_managers if m is not sa.manager)
        history.append(history_row(sa, sa.stints[0], deleted=True, manager=wrong))
        ae = next(p for p in people if p.role == "ae" and p.hire_date < date(2024, 12, 1))
        history.append(history_row(ae, ae.stints[-1], effective_text="2025-02-30",
                                   hid=planted.by_code("effective_feb_30").pk))
    return {"hris.workers": workers, "hris.job_history": history}
