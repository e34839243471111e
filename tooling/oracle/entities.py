"""Conformed people, partners, deals and activities, built in plain Python
from the clean rows of `staging` (rules: docs/intermediate_contract.md and
the shared rules of docs/kpi_definitions.md).

Surrogate person ids are the md5 of the HRIS worker id for employees (and of
'partner_user:' / 'crm_user:' / 'lms_user:' + the account id otherwise), the
same convention the warehouse documents, so segment values such as a
manager's person id can be compared row for row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from .staging import AS_OF, Staged

ONE_DAY = timedelta(days=1)
QUALIFYING_FIELD_TRACKS = ("SA", "AE")


def md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def tenure_band(start: date | None, at: date | None) -> str | None:
    """Months = days / 30.4375: 0-6 under 6, 6-18 under 18, else 18+."""
    if start is None or at is None or at < start:
        return None
    months = Decimal((at - start).days) / Decimal("30.4375")
    if months < 6:
        return "0-6"
    if months < 18:
        return "6-18"
    return "18+"


@dataclass
class Stint:
    person_id: str
    worker_id: str
    role_track: str
    started: date
    ended: date | None  # exclusive
    hire_date: date | None
    termination_date: date | None

    def covers(self, day: date) -> bool:
        return self.started <= day and (self.ended is None or day < self.ended)


@dataclass
class World:
    staged: Staged
    # identity
    person_by_worker: dict = field(default_factory=dict)
    person_by_crm_user: dict = field(default_factory=dict)
    person_by_lms_user: dict = field(default_factory=dict)
    person_by_partner_user: dict = field(default_factory=dict)
    partner_by_person: dict = field(default_factory=dict)
    employee_number_by_person: dict = field(default_factory=dict)
    persons_by_employee_number: dict = field(default_factory=dict)
    workers: dict = field(default_factory=dict)  # worker_id -> staged worker row
    # people
    manager_periods: dict = field(default_factory=dict)  # worker_id -> [(from, to, manager_person_id)]
    stints: list = field(default_factory=list)
    stints_by_person: dict = field(default_factory=dict)
    enrollments: list = field(default_factory=list)  # enriched enrollment dicts
    field_roster: list = field(default_factory=list)
    # partners
    partners: dict = field(default_factory=dict)  # partner_id -> dict
    certifications: dict = field(default_factory=dict)  # partner_id -> [(date, stage)]
    # crm
    fx: dict = field(default_factory=dict)  # currency -> sorted [(date, rate)]
    opportunities: dict = field(default_factory=dict)  # opportunity_id -> dict
    stage_entries: dict = field(default_factory=dict)  # opportunity_id -> {stage: (at, order)}
    activities: dict = field(default_factory=dict)  # activity_id -> dict
    attendees: dict = field(default_factory=dict)  # activity_id -> set(person_id)
    deal_registrations: list = field(default_factory=list)

    # ------------------------------------------------------------ lookups
    def manager_on(self, worker_id: str | None, day: date) -> str | None:
        for valid_from, valid_to, manager in self.manager_periods.get(worker_id, []):
            if valid_from <= day and (valid_to is None or day < valid_to):
                return manager
        return None

    def manager_of_person_on(self, person_id: str | None, day: date) -> str | None:
        worker_id = self.worker_by_person.get(person_id)
        return self.manager_on(worker_id, day) if worker_id else None

    @property
    def worker_by_person(self) -> dict:
        if not hasattr(self, "_worker_by_person"):
            self._worker_by_person = {v: k for k, v in self.person_by_worker.items()}
        return self._worker_by_person

    def partner_stage_on(self, partner_id: str | None, day: date) -> int:
        reached = [stage for achieved, stage in self.certifications.get(partner_id, []) if achieved <= day]
        return max(reached) if reached else 0

    def first_stage_date(self, partner_id: str, stage: int) -> date | None:
        dates = [achieved for achieved, s in self.certifications.get(partner_id, []) if s >= stage]
        return min(dates) if dates else None

    def usd_rate(self, currency: str, on: date | None) -> Decimal | None:
        """USD per unit at the latest finance rate dated on or before `on`."""
        if currency == "USD":
            return Decimal(1)
        if on is None:
            return None
        best = None
        for rate_date, rate in self.fx.get(currency, []):
            if rate_date <= on:
                best = (rate_date, rate)
        return best[1] if best else None

    def enablement_completed(self, person_id: str | None, track: str) -> date | None:
        """Earliest date the person completed Foundation + Practitioner in an
        enrollment of the track, known by as_of_date."""
        dates = [
            e["enablement_completed_date"] for e in self.enrollments
            if e["person_id"] == person_id and e["role_track"] == track
            and e["enablement_completed_date"] is not None
            and e["enablement_completed_date"] <= AS_OF
        ]
        return min(dates) if dates else None


# ------------------------------------------------------------------ identity

def _rank_workers(workers, key):
    """key value -> worker id: still employed first, latest hire, lowest id."""
    best: dict = {}
    for w in workers:
        value = w[key]
        if value is None:
            continue
        sort_key = (0 if w["termination_date"] is None else 1,
                    -(w["hire_date"].toordinal()) if w["hire_date"] else 0,
                    w["worker_id"])
        if value not in best or sort_key < best[value][0]:
            best[value] = (sort_key, w["worker_id"])
    return {value: worker for value, (_, worker) in best.items()}


def build_identity(world: World) -> None:
    s = world.staged
    workers = s.workers
    world.workers = {w["worker_id"]: w for w in workers}
    by_number = _rank_workers(workers, "employee_number")
    by_email = _rank_workers(workers, "work_email")

    for w in workers:
        person = md5(w["worker_id"])
        world.person_by_worker[w["worker_id"]] = person
        world.employee_number_by_person[person] = w["employee_number"]

    # CRM users: employee number first, then email; one account per person.
    candidates = []
    for u in s.sf_users:
        worker = by_number.get(u["employee_number"])
        method = "employee_number" if worker else None
        if worker is None:
            worker = by_email.get(u["email"])
            method = "email" if worker else None
        candidates.append((u, worker, method))
    taken: dict = {}
    for u, worker, method in sorted(
            candidates, key=lambda c: (0 if c[2] == "employee_number" else 1, c[0]["user_id"])):
        if worker is not None and worker not in taken:
            taken[worker] = u["user_id"]
            world.person_by_crm_user[u["user_id"]] = md5(worker)
        else:
            person = md5("crm_user:" + u["user_id"])
            world.person_by_crm_user[u["user_id"]] = person
            world.employee_number_by_person[person] = u["employee_number"]

    # Partner users, and the first partner user holding each email.
    partner_user_ids = {pu["partner_user_id"]: pu for pu in s.partner_users}
    partner_user_by_email: dict = {}
    for pu in sorted(s.partner_users, key=lambda r: (r["created_at"] is None, r["created_at"] or datetime.min,
                                                     r["partner_user_id"])):
        if pu["email"] is not None and pu["email"] not in partner_user_by_email:
            partner_user_by_email[pu["email"]] = pu["partner_user_id"]
    for pu in s.partner_users:
        person = md5("partner_user:" + pu["partner_user_id"])
        world.person_by_partner_user[pu["partner_user_id"]] = person
        world.partner_by_person[person] = pu["partner_id"]

    # LMS users: employee number, the portal partner user id, email
    # (workers before partner users); one LMS account per person.
    lms_candidates = []
    for u in s.lms_users:
        target, method = None, None
        if by_number.get(u["employee_number"]):
            target, method = ("worker", by_number[u["employee_number"]]), "employee_number"
        elif u["partner_user_id"] in partner_user_ids:
            target, method = ("partner_user", u["partner_user_id"]), "partner_user_id"
        elif by_email.get(u["email"]):
            target, method = ("worker", by_email[u["email"]]), "email"
        elif partner_user_by_email.get(u["email"]):
            target, method = ("partner_user", partner_user_by_email[u["email"]]), "email"
        lms_candidates.append((u, target, method))
    taken_lms: set = set()
    for u, target, method in sorted(
            lms_candidates, key=lambda c: (1 if c[2] == "email" else 0, c[0]["user_id"])):
        if target is not None and target not in taken_lms:
            taken_lms.add(target)
            kind, key = target
            world.person_by_lms_user[u["user_id"]] = (
                md5(key) if kind == "worker" else md5("partner_user:" + key))
        else:
            person = md5("lms_user:" + u["user_id"])
            world.person_by_lms_user[u["user_id"]] = person
            world.employee_number_by_person[person] = u["employee_number"]

    for person, number in world.employee_number_by_person.items():
        if number is not None:
            world.persons_by_employee_number.setdefault(number, set()).add(person)


# ------------------------------------------------------------------- people

def build_manager_periods(world: World) -> None:
    """Manager as of a day, from job history (one state per day: the highest
    row id), with the worker record's current manager from the hire date up
    to the first history row; consecutive equal managers merged."""
    history: dict = {}
    for row in world.staged.job_history:
        day_rows = history.setdefault(row["worker_id"], {})
        current = day_rows.get(row["effective_date"])
        if current is None or row["job_history_id"] > current["job_history_id"]:
            day_rows[row["effective_date"]] = row
    for worker_id, w in world.workers.items():
        rows = [(day, r["manager_worker_id"]) for day, r in history.get(worker_id, {}).items()]
        first = min((day for day, _ in rows), default=None)
        if w["hire_date"] is not None and (first is None or w["hire_date"] < first):
            rows.append((w["hire_date"], w["manager_worker_id"]))
        rows.sort()
        changes = []
        for i, (day, manager) in enumerate(rows):
            if i == 0 or manager != rows[i - 1][1]:
                changes.append((day, manager))
        periods = []
        for i, (day, manager) in enumerate(changes):
            valid_to = changes[i + 1][0] if i + 1 < len(changes) else None
            manager_person = world.person_by_worker.get(manager) if manager else None
            periods.append((day, valid_to, manager_person))
        world.manager_periods[worker_id] = periods


def build_stints(world: World) -> None:
    """Role stints from the title timeline: the earliest known history row is
    taken to hold from the hire date; history after the termination date is
    ignored; a new stint starts when the title's role track changes; the
    last one ends the day after termination."""
    tracks = world.staged.role_track_by_title
    history: dict = {}
    for row in world.staged.job_history:
        history.setdefault(row["worker_id"], []).append(row)
    for worker_id, w in world.workers.items():
        hire, term = w["hire_date"], w["termination_date"]
        rows = [r for r in history.get(worker_id, [])
                if term is None or r["effective_date"] <= term]
        timeline: dict = {}
        if rows:
            first = min(r["effective_date"] for r in rows)
            by_day: dict = {}
            for r in rows:
                day = r["effective_date"]
                if day < hire or day == first:
                    day = hire
                best = by_day.get(day)
                if best is None or (r["effective_date"], r["job_history_id"]) > (
                        best["effective_date"], best["job_history_id"]):
                    by_day[day] = r
            timeline = {day: r["business_title"] for day, r in by_day.items()}
        elif hire is not None:
            timeline = {hire: w["business_title"]}
        starts = []
        previous = None
        for day in sorted(timeline):
            track = tracks[timeline[day]]
            if track != previous:
                starts.append((day, track))
            previous = track
        person = world.person_by_worker[worker_id]
        for i, (day, track) in enumerate(starts):
            ended = starts[i + 1][0] if i + 1 < len(starts) else (term + ONE_DAY if term else None)
            stint = Stint(person, worker_id, track, day, ended, hire, term)
            world.stints.append(stint)
            world.stints_by_person.setdefault(person, []).append(stint)


def build_enrollments(world: World) -> None:
    phases: dict = {}
    for row in world.staged.phase_progress:
        entry = phases.setdefault(row["enrollment_id"], {})
        for key, value in (("due", row["due_date"]), ("done", row["completed_at"])):
            current = entry.get((row["phase"], key))
            if value is not None and (current is None or value < current):
                entry[(row["phase"], key)] = value
    for e in world.staged.enrollments:
        ph = phases.get(e["enrollment_id"], {})
        foundation = ph.get(("Foundation", "done"))
        practitioner = ph.get(("Practitioner", "done"))
        completed = max(foundation, practitioner) if foundation and practitioner else None
        world.enrollments.append({
            "enrollment_id": e["enrollment_id"],
            "user_id": e["user_id"],
            "person_id": world.person_by_lms_user.get(e["user_id"]),
            "role_track": e["role_track"],
            "enrolled_at": e["enrolled_at"],
            "enrolled_date": e["enrolled_at"].date(),
            "enablement_completed_date": completed.date() if completed else None,
        })


def build_field_roster(world: World) -> None:
    for stint in world.stints:
        if stint.role_track not in QUALIFYING_FIELD_TRACKS or stint.started > AS_OF:
            continue
        world.field_roster.append({
            "stint": stint,
            "person_id": stint.person_id,
            "role_track": stint.role_track,
            "started": stint.started,
            "ended": stint.ended,
            "manager_at_start": world.manager_on(stint.worker_id, stint.started),
            "enablement_completed_date": world.enablement_completed(stint.person_id, stint.role_track),
        })


# ----------------------------------------------------------------- partners

def build_partners(world: World) -> None:
    for row in world.staged.stage_certifications:
        world.certifications.setdefault(row["partner_id"], []).append(
            (row["achieved_at"].date(), row["stage_number"]))
    for row in world.staged.partners:
        world.partners[row["partner_id"]] = {
            "partner_id": row["partner_id"],
            "partner_type": row["partner_type"],
            "crm_account_id": row["crm_account_id"],
            "activated_at": row["activated_at"],
            "activated_date": row["activated_at"].date() if row["activated_at"] else None,
            "deactivated_date": row["deactivated_at"].date() if row["deactivated_at"] else None,
        }


# ---------------------------------------------------------------------- CRM

_ACTIVITY_TYPES = {
    "demo": "demo", "discovery call": "discovery_call", "discovery": "discovery_call",
    "technical session": "technical_session", "sa touchpoint": "sa_touchpoint",
    "meeting": "meeting", "call": "call", "email": "email",
}


def activity_type(label: str | None) -> str:
    return _ACTIVITY_TYPES.get((label or "").strip().lower(), "other")


def build_crm(world: World) -> None:
    s = world.staged
    for row in s.fx_rates:
        # A rate row without a readable amount still is the latest rate of
        # its day: a record dated then has no usable rate.
        world.fx.setdefault(row["currency_code"], []).append((row["rate_date"], row["usd_per_unit"]))
    for rates in world.fx.values():
        rates.sort(key=lambda pair: pair[0])

    partner_by_account: dict = {}
    for partner in sorted(world.partners.values(), key=lambda r: r["partner_id"]):
        if partner["crm_account_id"] is not None:
            partner_by_account.setdefault(partner["crm_account_id"], partner["partner_id"])

    staged_opportunities = {o["opportunity_id"]: o for o in s.opportunities}
    for o in s.opportunities:
        rate = world.usd_rate(o["currency_code"], o["close_date"])
        if rate is None:
            continue  # no FX rate on or before the close date: quarantined
        canonical, order, is_closed, is_won = s.stage_map[o["stage_name"]]
        competitor = o["competitor"].strip() if o["competitor"] else None
        partner_id = partner_by_account.get(o["partner_account_id"])
        world.opportunities[o["opportunity_id"]] = {
            "opportunity_id": o["opportunity_id"],
            "owner_person_id": world.person_by_crm_user.get(o["owner_user_id"]),
            "sa_person_id": world.person_by_crm_user.get(o["sa_owner_user_id"]),
            "created_at": o["created_at"],
            "created_date": o["created_at"].date(),
            "close_date": o["close_date"],
            "is_closed": is_closed,
            "is_won": is_won,
            "amount_usd": o["amount"] * rate if o["amount"] is not None else None,
            "competitor": competitor or None,
            "partner_id": partner_id,
            "is_partner_sourced": partner_id is not None
            or (o["lead_source"] or "").strip().lower() == "partner",
            "qualification_score": o["qualification_score"],
            "is_technical_fit_confirmed": o["is_technical_fit_confirmed"],
        }

    # First entry per canonical stage (a repeat save is not a transition and
    # a re-entry does not move the first date).
    for h in sorted(s.opportunity_history, key=lambda r: (r["changed_at"], r["opportunity_history_id"])):
        if h["opportunity_id"] not in world.opportunities:
            continue
        canonical, order, _, _ = s.stage_map[h["stage_name"]]
        entries = world.stage_entries.setdefault(h["opportunity_id"], {})
        if canonical not in entries:
            entries[canonical] = (h["changed_at"], order)

    # Activities: events and tasks; demos dated before the owner's first SA /
    # AE role start are quarantined.
    first_field_start: dict = {}
    for stint in world.stints:
        if stint.role_track in QUALIFYING_FIELD_TRACKS:
            current = first_field_start.get(stint.person_id)
            if current is None or stint.started < current:
                first_field_start[stint.person_id] = stint.started
    accounts = {a["account_id"]: a["account_type"] for a in s.accounts}

    def add_activity(activity_id, source, label, what_id, account_id, owner_user_id, occurred_at, day):
        kind = activity_type(label)
        owner = world.person_by_crm_user.get(owner_user_id)
        if kind == "demo" and owner in first_field_start and day < first_field_start[owner]:
            return
        opportunity_id = what_id if what_id and what_id.startswith("006") else None
        account = account_id or (what_id if what_id and what_id.startswith("001") else None)
        if account is None and opportunity_id in staged_opportunities:
            account = staged_opportunities[opportunity_id]["account_id"]
        world.activities[activity_id] = {
            "activity_id": activity_id,
            "source": source,
            "type": kind,
            "opportunity_id": opportunity_id,
            "owner_person_id": owner,
            "occurred_at": occurred_at,
            "activity_date": day,
            "is_customer_facing": opportunity_id is not None
            or accounts.get(account) in ("Customer", "Prospect"),
        }

    for e in s.events:
        occurred = e["started_at"] if e["started_at"] else midnight(e["activity_date"])
        day = e["started_at"].date() if e["started_at"] else e["activity_date"]
        add_activity("event:" + e["event_id"], "event", e["event_type"], e["what_id"], e["account_id"],
                     e["owner_user_id"], occurred, day)
    for t in s.tasks:
        occurred = midnight(t["activity_date"]) if t["activity_date"] else t["created_at"]
        day = t["activity_date"] if t["activity_date"] else t["created_at"].date()
        add_activity("task:" + t["task_id"], "task", t["task_type"], t["what_id"], t["account_id"],
                     t["owner_user_id"], occurred, day)

    for activity_id, activity in world.activities.items():
        if activity["owner_person_id"] is not None:
            world.attendees.setdefault(activity_id, set()).add(activity["owner_person_id"])
    for rel in s.event_relations:
        activity_id = "event:" + rel["event_id"]
        if activity_id not in world.activities:
            continue
        if (rel["status"] or "").lower() == "declined":
            continue
        person = world.person_by_crm_user.get(rel["relation_id"])
        if person is not None:
            world.attendees.setdefault(activity_id, set()).add(person)

    for r in s.deal_registrations:
        if r["opportunity_id"] is not None and r["opportunity_id"] not in staged_opportunities:
            continue  # names a deal the CRM does not have
        world.deal_registrations.append(r)


def build(staged: Staged) -> World:
    world = World(staged=staged)
    build_identity(world)
    build_manager_periods(world)
    build_stints(world)
    build_enrollments(world)
    build_field_roster(world)
    build_partners(world)
    build_crm(world)
    return world
