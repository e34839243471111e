"""The 25 KPIs, one function each, computed from `entities.World`.

Each function returns a `KpiResult`: the grain and one `Row` per
(period_start, segment_type, segment_value), with the value, numerator,
denominator, sample size, pending count and secondary value the rule in
docs/kpi_definitions.md (and the KPI model's YAML description where that page
leaves a detail open) defines. Arithmetic is exact (fractions); values are
returned as floats only at the end.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from . import periods
from .entities import AS_OF, World, midnight, tenure_band

DAY = timedelta(days=1)
AS_OF_END = midnight(AS_OF) + DAY  # the first moment after as_of_date
QUALIFICATION_SCORE_THRESHOLD = 70
PARTNER_NRR_ENABLED_STAGE = 2
QUALIFYING_STAGES = ("qualified", "technical_validation", "proposal", "negotiation", "closed_won")
TECHNICAL_VALIDATION_ORDER = 4


@dataclass
class Row:
    value: float | None
    numerator: float | None
    denominator: float | None
    sample_size: int | None
    pending_count: int | None
    secondary_value: float | None = None


@dataclass
class KpiResult:
    code: str
    grain: str
    rows: dict = field(default_factory=dict)  # (period_start, segment_type, segment_value) -> Row

    def overall_periods(self) -> list[date]:
        return sorted(key[0] for key in self.rows if key[1] == "overall")

    def get(self, period_start, segment_type="overall", segment_value="all") -> Row | None:
        return self.rows.get((period_start, segment_type, segment_value))


def _f(x) -> float | None:
    return None if x is None else float(x)


def _fr(x) -> Fraction | None:
    return None if x is None else Fraction(x)


@dataclass
class Member:
    period: date
    segments: dict  # segment_type -> value (None = not in that segment)
    measure: object  # Fraction / int / None
    pending: bool = False
    weight: object = None  # own denominator for ratio-of-sums KPIs


def aggregate(code, grain, members, scale=1, ratio_of_sums=False) -> KpiResult:
    """Mean (or rate with scale=100) of the members' measures per period and
    segment; `ratio_of_sums` divides the measure sum by the weight sum."""
    groups: dict = defaultdict(list)
    for m in members:
        groups[(m.period, "overall", "all")].append(m)
        for segment_type, value in m.segments.items():
            if value is not None:
                groups[(m.period, segment_type, value)].append(m)
    result = KpiResult(code, grain)
    for key, group in groups.items():
        measured = [m for m in group if m.measure is not None]
        numerator = sum((Fraction(m.measure) for m in measured), Fraction(0)) if measured else None
        if ratio_of_sums:
            weighted = [m for m in group if m.weight is not None]
            denominator = sum((Fraction(m.weight) for m in weighted), Fraction(0)) if weighted else None
            sample = len(weighted)
        else:
            denominator = Fraction(len(measured))
            sample = len(measured)
        value = None
        if numerator is not None and denominator:
            value = scale * numerator / denominator
        result.rows[key] = Row(
            value=_f(value), numerator=_f(numerator), denominator=_f(denominator),
            sample_size=sample, pending_count=sum(1 for m in group if m.pending),
        )
    return result


def _enablement_status(completed: date | None, on: date) -> str:
    return "enabled" if completed is not None and completed <= on else "not_enabled"


# ---------------------------------------------------------------- 1 SA ramp

def first_solo_demos(world: World) -> dict:
    """SA stint -> (demo date, activity id) of its first solo customer demo:
    a customer-facing CRM demo event during the stint, owned or attended by
    the SA, not attended by the SA's manager as of the demo day."""
    demos = [a for a in world.activities.values()
             if a["source"] == "event" and a["type"] == "demo" and a["is_customer_facing"]
             and a["activity_date"] <= AS_OF]
    by_person: dict = defaultdict(list)
    for demo in demos:
        for person in world.attendees.get(demo["activity_id"], ()):
            by_person[person].append(demo)
    out = {}
    for r in world.field_roster:
        if r["role_track"] != "SA":
            continue
        stint = r["stint"]
        solo = []
        for demo in by_person.get(r["person_id"], []):
            if not stint.covers(demo["activity_date"]):
                continue
            manager = world.manager_on(stint.worker_id, demo["activity_date"])
            if manager is not None and manager in world.attendees.get(demo["activity_id"], ()):
                continue
            solo.append(demo)
        first = min(solo, key=lambda d: (d["occurred_at"], d["activity_id"]), default=None)
        out[id(stint)] = (first["activity_date"], first["activity_id"]) if first else None
    return out


def kpi_01_sa_ramp_time(world: World) -> KpiResult:
    demos = first_solo_demos(world)
    members = []
    for r in world.field_roster:
        if r["role_track"] != "SA":
            continue
        found = demos[id(r["stint"])]
        weeks = Fraction((found[0] - r["started"]).days, 7) if found else None
        status_day = found[0] if found else AS_OF
        members.append(Member(
            period=periods.start_of(r["started"], "month"),
            segments={
                "enablement_status": _enablement_status(r["enablement_completed_date"], status_day),
                "manager": r["manager_at_start"],
            },
            measure=weeks, pending=found is None,
        ))
    return aggregate("sa_ramp_time", "month", members)


# ------------------------------------------------- 2 AE first qualified opp

def kpi_02_ae_time_to_first_qualified_opp(world: World) -> KpiResult:
    # One qualification moment per opportunity: the earliest of its creation
    # (when created qualified by score or technical fit) and its first entry
    # into `qualified` or a later stage (closed_lost is not one).
    moments_by_owner: dict = defaultdict(list)
    for o in world.opportunities.values():
        candidates = []
        score = o["qualification_score"]
        if (score is not None and score >= QUALIFICATION_SCORE_THRESHOLD) or o["is_technical_fit_confirmed"]:
            candidates.append(o["created_at"])
        entries = world.stage_entries.get(o["opportunity_id"], {})
        candidates.extend(entries[s][0] for s in QUALIFYING_STAGES if s in entries)
        if candidates and o["owner_person_id"] is not None:
            moments_by_owner[o["owner_person_id"]].append((min(candidates), o["opportunity_id"]))
    members = []
    for r in world.field_roster:
        if r["role_track"] != "AE":
            continue
        stint = r["stint"]
        inside = [
            (at, opp) for at, opp in moments_by_owner.get(r["person_id"], [])
            if midnight(stint.started) <= at
            and (stint.ended is None or at < midnight(stint.ended))
            and at < AS_OF_END
        ]
        first = min(inside, default=None)
        qualified_day = first[0].date() if first else None
        members.append(Member(
            period=periods.start_of(r["started"], "month"),
            segments={
                "enablement_status": _enablement_status(
                    r["enablement_completed_date"], qualified_day or AS_OF),
                "manager": r["manager_at_start"],
            },
            measure=(qualified_day - r["started"]).days if first else None,
            pending=first is None,
        ))
    return aggregate("ae_time_to_first_qualified_opp", "month", members)


# ---------------------------------------------- 3 partner first registration

def kpi_03_partner_time_to_first_deal_registration(world: World) -> KpiResult:
    by_partner: dict = defaultdict(list)
    for reg in world.deal_registrations:
        if reg["registration_status"] != "rejected":
            by_partner[reg["partner_id"]].append(reg)
    members = []
    for partner in world.partners.values():
        activated = partner["activated_at"]
        if activated is None or activated.date() > AS_OF:
            continue
        regs = [r for r in by_partner.get(partner["partner_id"], [])
                if activated <= r["registered_at"] < AS_OF_END]
        first = min(regs, key=lambda r: (r["registered_at"], r["registration_id"]), default=None)
        registered_day = first["registered_at"].date() if first else None
        members.append(Member(
            period=periods.start_of(activated.date(), "month"),
            segments={
                "partner_type": partner["partner_type"],
                "enablement_status": _enablement_status(
                    world.first_stage_date(partner["partner_id"], 1), registered_day or AS_OF),
            },
            measure=(registered_day - activated.date()).days if first else None,
            pending=first is None,
        ))
    return aggregate("partner_time_to_first_deal_registration", "month", members)


# ------------------------------------------------------- 4 gate first attempt

def _owning_enrollment(enrollments, moment):
    """The learner's latest enrollment started at or before the moment (ties:
    lowest id); before all of them, the earliest enrollment."""
    started = [e for e in enrollments if e["enrolled_at"] <= moment]
    if started:
        latest = max(e["enrolled_at"] for e in started)
        return min((e for e in started if e["enrolled_at"] == latest), key=lambda e: e["enrollment_id"])
    return min(enrollments, key=lambda e: (e["enrolled_at"], e["enrollment_id"]))


def _enrollments_by_user(world: World) -> dict:
    out: dict = defaultdict(list)
    for e in world.enrollments:
        if e["enrolled_at"] < AS_OF_END:
            out[e["user_id"]].append(e)
    return out


def kpi_04_gate_first_attempt_pass_rate(world: World) -> KpiResult:
    enrollments = _enrollments_by_user(world)
    first_attempts: dict = {}
    for a in world.staged.assessment_attempts:
        if a["attempted_at"] >= AS_OF_END or not enrollments.get(a["user_id"]):
            continue
        enrollment = _owning_enrollment(enrollments[a["user_id"]], a["attempted_at"])
        key = (enrollment["enrollment_id"], a["gate_number"])
        rank = (a["attempted_at"], a["attempt_id"])
        if key not in first_attempts or rank < first_attempts[key][0]:
            first_attempts[key] = (rank, a, enrollment)
    members = []
    for (_, gate), (_, attempt, enrollment) in first_attempts.items():
        track = enrollment["role_track"]
        members.append(Member(
            period=periods.start_of(enrollment["enrolled_date"], "quarter"),
            segments={"gate": f"gate_{gate}", "role_track": track,
                      "gate_role_track": f"gate_{gate}:{track}"},
            measure=None if attempt["is_passed"] is None else int(attempt["is_passed"]),
        ))
    return aggregate("gate_first_attempt_pass_rate", "quarter", members, scale=100)


# ------------------------------------------------------ 5 phase on-time rate

def kpi_05_phase_completion_on_time_rate(world: World) -> KpiResult:
    enrollments = {e["enrollment_id"]: e for e in world.enrollments}
    last_reported_day = periods.end_of(periods.start_of(AS_OF, "month"), "month")
    members = []
    for row in world.staged.phase_progress:
        enrollment = enrollments[row["enrollment_id"]]
        if enrollment["enrolled_at"] >= AS_OF_END or row["due_date"] > last_reported_day:
            continue
        due = row["due_date"]
        pending = due > AS_OF
        measure = None
        if not pending:
            done = row["completed_at"]
            measure = int(done is not None and done < AS_OF_END and done.date() <= due)
        members.append(Member(
            period=periods.start_of(due, "month"),
            segments={
                "phase": row["phase"],
                "role_track": enrollment["role_track"],
                "manager": world.manager_of_person_on(enrollment["person_id"], due),
            },
            measure=measure, pending=pending,
        ))
    return aggregate("phase_completion_on_time_rate", "month", members, scale=100)


# -------------------------------------------------------------- 6 module score

def kpi_06_module_score(world: World) -> KpiResult:
    members = [
        Member(period=periods.start_of(r["submitted_at"].date(), "month"),
               segments={"module": r["module_id"]}, measure=Fraction(r["score"]))
        for r in world.staged.survey_responses
        if r["survey_type"] == "post_module" and r["score"] is not None and r["submitted_at"] < AS_OF_END
    ]
    return aggregate("module_score", "month", members)


# ---------------------------------------------------------- 7 confidence delta

def kpi_07_confidence_delta(world: World) -> KpiResult:
    enrollments = _enrollments_by_user(world)
    latest: dict = {}
    for r in world.staged.survey_responses:
        if (r["survey_type"] not in ("confidence_pre", "confidence_post") or r["score"] is None
                or r["submitted_at"] >= AS_OF_END or not enrollments.get(r["user_id"])):
            continue
        enrollment = _owning_enrollment(enrollments[r["user_id"]], r["submitted_at"])
        key = (enrollment["enrollment_id"], r["skill"], r["survey_type"])
        rank = (r["submitted_at"], r["response_id"])
        if key not in latest or rank > latest[key][0]:
            latest[key] = (rank, r["score"], enrollment)
    members = []
    for (enrollment_id, skill, survey_type), (_, pre, enrollment) in latest.items():
        if survey_type != "confidence_pre":
            continue
        post = latest.get((enrollment_id, skill, "confidence_post"))
        track = enrollment["role_track"]
        members.append(Member(
            period=periods.start_of(enrollment["enrolled_date"], "quarter"),
            segments={"skill": skill, "role_track": track, "skill_role_track": f"{skill}:{track}"},
            measure=Fraction(post[1]) - Fraction(pre) if post else None,
            pending=post is None,
        ))
    return aggregate("confidence_delta", "quarter", members)


# -------------------------------------------------------- 8 content freshness

FRESHNESS_DAYS = 60


def kpi_08_content_freshness_index(world: World) -> KpiResult:
    s = world.staged
    triggers = (
        [("product_launch", r["launch_id"], r["topic"], r["launched_at"]) for r in s.product_launches]
        + [("competitive_event", r["competitive_event_id"], r["topic"], r["announced_at"])
           for r in s.competitive_events]
        + [("case_study", r["case_study_id"], r["topic"], r["published_at"]) for r in s.case_studies]
    )
    modules = {m["module_id"]: m for m in s.modules}
    modules_by_topic: dict = defaultdict(set)
    for t in s.module_topics:
        modules_by_topic[t["topic"]].add(t["module_id"])
    revisions: dict = defaultdict(list)
    for r in s.module_revisions:
        revisions[r["module_id"]].append(r["revised_at"])
    members = []
    for trigger_type, _, topic, at in triggers:
        if topic is None or at is None or at >= AS_OF_END:
            continue
        window_last_day = at.date() + timedelta(days=FRESHNESS_DAYS)
        for module_id in modules_by_topic.get(topic, ()):
            created = modules[module_id]["created_at"]
            if created is not None and created >= at:
                continue  # new content, not content the trigger made stale
            fresh = any(at < rev and rev.date() <= window_last_day and rev < AS_OF_END
                        for rev in revisions.get(module_id, ()))
            closed = window_last_day < AS_OF
            members.append(Member(
                period=periods.start_of(at.date(), "month"),
                segments={"trigger_type": trigger_type},
                measure=1 if fresh else (0 if closed else None),
                pending=not fresh and not closed,
            ))
    return aggregate("content_freshness_index", "month", members, scale=100)


# ----------------------------------------------------------- 9 coaching

ONBOARDING_DAYS = 90


def kpi_09_coaching_completion_rate(world: World) -> KpiResult:
    required = set()
    for e in world.enrollments:
        if e["role_track"] not in ("SA", "AE") or e["person_id"] is None:
            continue
        enrolled = e["enrolled_date"]
        monday = enrolled + timedelta(days=(7 - enrolled.weekday()) % 7)
        while monday < enrolled + timedelta(days=ONBOARDING_DAYS):
            if monday + timedelta(days=6) <= AS_OF:
                employed = any(
                    st.hire_date is not None and st.hire_date <= monday
                    and (st.termination_date is None or monday < st.termination_date)
                    for st in world.stints_by_person.get(e["person_id"], ())
                )
                manager = world.manager_of_person_on(e["person_id"], monday) if employed else None
                if manager is not None:
                    required.add((manager, e["person_id"], monday))
            monday += timedelta(days=7)
    logged = set()
    for c in world.staged.coaching_checkins:
        manager = world.person_by_lms_user.get(c["manager_user_id"])
        report = world.person_by_lms_user.get(c["learner_user_id"])
        week = periods.start_of(c["checkin_at"].date(), "week")
        logged.add((manager, report, week))
    members = [
        Member(period=monday, segments={"manager": manager},
               measure=int((manager, report, monday) in logged))
        for manager, report, monday in required
    ]
    return aggregate("coaching_completion_rate", "week", members, scale=100)


# ----------------------------------------------------------- 10 adoption

ADOPTION_DAYS_BEFORE = 30
ADOPTION_DAYS_AFTER = 14


def kpi_10_program_adoption_rate(world: World) -> KpiResult:
    enrolled: dict = defaultdict(list)  # (adopter, track) -> [enrolled dates]
    for e in world.enrollments:
        if e["enrolled_date"] > AS_OF or e["person_id"] is None:
            continue
        if e["role_track"] == "Partner":
            partner = world.partner_by_person.get(e["person_id"])
            if partner is None:
                continue
            adopter = ("partner", partner)
        else:
            adopter = ("person", e["person_id"])
        enrolled[(adopter, e["role_track"])].append(e["enrolled_date"])
    starts = [(("person", r["person_id"]), r["role_track"], r["started"], r["manager_at_start"], None)
              for r in world.field_roster]
    starts += [(("partner", p["partner_id"]), "Partner", p["activated_date"], None, p["partner_type"])
               for p in world.partners.values()
               if p["activated_date"] is not None and p["activated_date"] <= AS_OF]
    members = []
    for adopter, track, started, manager, partner_type in starts:
        adopted = any(started - timedelta(days=ADOPTION_DAYS_BEFORE) <= d
                      <= started + timedelta(days=ADOPTION_DAYS_AFTER)
                      for d in enrolled.get((adopter, track), ()))
        window_open = started + timedelta(days=ADOPTION_DAYS_AFTER) > AS_OF
        members.append(Member(
            period=periods.start_of(started, "month"),
            segments={"role_track": track, "manager": manager, "partner_type": partner_type},
            measure=1 if adopted else (None if window_open else 0),
            pending=not adopted and window_open,
        ))
    return aggregate("program_adoption_rate", "month", members, scale=100)


# -------------------------------------------------- 11 SA technical win rate

def _gap_points(result: KpiResult) -> None:
    for period in {key[0] for key in result.rows}:
        enabled = result.get(period, "enablement_status", "enabled")
        not_enabled = result.get(period, "enablement_status", "not_enabled")
        gap = None
        if enabled and not_enabled and enabled.value is not None and not_enabled.value is not None:
            gap = enabled.value - not_enabled.value
        for key, row in result.rows.items():
            if key[0] == period:
                row.secondary_value = gap


def kpi_11_sa_technical_win_rate(world: World) -> KpiResult:
    members = []
    for o in world.opportunities.values():
        entries = world.stage_entries.get(o["opportunity_id"], {})
        if o["sa_person_id"] is None or "technical_validation" not in entries:
            continue
        validated_at = entries["technical_validation"][0]
        if validated_at >= AS_OF_END:
            continue
        later = {stage: at for stage, (at, order) in entries.items()
                 if validated_at <= at < AS_OF_END}
        won_at = min((at for stage, at in later.items()
                      if stage != "closed_lost" and entries[stage][1] > TECHNICAL_VALIDATION_ORDER),
                     default=None)
        lost_at = later.get("closed_lost")
        outcome = won_at or lost_at
        members.append(Member(
            period=periods.start_of(outcome.date() if outcome else AS_OF, "quarter"),
            segments={"enablement_status": _enablement_status(
                world.enablement_completed(o["sa_person_id"], "SA"), validated_at.date())},
            measure=1 if won_at else (0 if lost_at else None),
            pending=outcome is None,
        ))
    result = aggregate("sa_technical_win_rate", "quarter", members, scale=100)
    _gap_points(result)
    return result


# ------------------------------------------- 12 discovery -> validation days

def kpi_12_discovery_to_validation_days(world: World) -> KpiResult:
    discovery_calls: dict = defaultdict(list)
    for a in world.activities.values():
        if a["source"] == "event" and a["type"] == "discovery_call" and a["opportunity_id"]:
            discovery_calls[a["opportunity_id"]].append(a["occurred_at"])
    members = []
    for o in world.opportunities.values():
        entries = world.stage_entries.get(o["opportunity_id"], {})
        if "technical_validation" not in entries:
            continue
        validated_at = entries["technical_validation"][0]
        if validated_at >= AS_OF_END:
            continue
        calls = [at for at in discovery_calls.get(o["opportunity_id"], ()) if at <= validated_at]
        if not calls:
            continue
        owner = o["owner_person_id"]
        members.append(Member(
            period=periods.start_of(validated_at.date(), "month"),
            segments={"enablement_status": None if owner is None else _enablement_status(
                world.enablement_completed(owner, "AE"), validated_at.date())},
            measure=(validated_at.date() - min(calls).date()).days,
        ))
    return aggregate("discovery_to_validation_days", "month", members)


# --------------------------------------------------- 13 / 14 AE first 90 days

WINDOW_LAST_DAY = 89


def _ae_windows(world: World) -> list[dict]:
    quotas: dict = defaultdict(list)
    for q in world.staged.quotas:
        quotas[(q["employee_number"], q["fiscal_year"])].append(q)
    won_by_owner: dict = defaultdict(list)
    for o in world.opportunities.values():
        if o["is_won"] and o["owner_person_id"] is not None:
            won_by_owner[o["owner_person_id"]].append(o)
    out = []
    for r in world.field_roster:
        if r["role_track"] != "AE":
            continue
        start = r["started"]
        end = start + timedelta(days=WINDOW_LAST_DAY)
        lines = quotas.get((world.employee_number_by_person.get(r["person_id"]), start.year), [])
        annual = None
        if lines:
            fiscal_year_start = date(start.year, 1, 1)
            converted = [(line["annual_quota_amount"], world.usd_rate(line["currency_code"], fiscal_year_start))
                         for line in lines]
            if all(rate is not None for _, rate in converted):
                annual = sum((Fraction(amount) * Fraction(rate) for amount, rate in converted), Fraction(0))
        deals = [o for o in won_by_owner.get(r["person_id"], []) if start <= o["close_date"] <= end]
        out.append({
            "roster": r, "start": start, "end": end, "closed": end <= AS_OF,
            "annual_quota_usd": annual, "deals": deals,
        })
    return out


def kpi_13_ae_90_day_quota_attainment(world: World) -> KpiResult:
    members = []
    for w in _ae_windows(world):
        if w["annual_quota_usd"] is None:
            continue
        won = sum((Fraction(o["amount_usd"]) for o in w["deals"]
                   if o["amount_usd"] is not None and o["close_date"] <= AS_OF), Fraction(0))
        members.append(Member(
            period=periods.start_of(w["start"], "quarter"),
            segments={"enablement_status": _enablement_status(
                w["roster"]["enablement_completed_date"], w["end"])},
            measure=won if w["closed"] else None,
            weight=w["annual_quota_usd"] * 90 / 365 if w["closed"] else None,
            pending=not w["closed"],
        ))
    return aggregate("ae_90_day_quota_attainment", "quarter", members, scale=100, ratio_of_sums=True)


def _gap_percent(result: KpiResult) -> None:
    for period in {key[0] for key in result.rows}:
        enabled = result.get(period, "enablement_status", "enabled")
        not_enabled = result.get(period, "enablement_status", "not_enabled")
        gap = None
        if (enabled and not_enabled and enabled.value is not None
                and not_enabled.value not in (None, 0)):
            gap = 100 * (enabled.value - not_enabled.value) / not_enabled.value
        for key, row in result.rows.items():
            if key[0] == period:
                row.secondary_value = gap


def kpi_14_ae_90_day_deal_size(world: World) -> KpiResult:
    members = []
    for w in _ae_windows(world):
        period = periods.start_of(w["start"], "quarter")
        completed = w["roster"]["enablement_completed_date"]
        if not w["closed"]:
            members.append(Member(
                period=period, segments={"enablement_status": _enablement_status(completed, AS_OF)},
                measure=None, pending=True))
            continue
        for o in w["deals"]:
            members.append(Member(
                period=period,
                segments={"enablement_status": _enablement_status(completed, o["close_date"])},
                measure=_fr(o["amount_usd"]),
            ))
    result = aggregate("ae_90_day_deal_size", "quarter", members)
    _gap_percent(result)
    return result


# -------------------------------------------------- 15 competitive win rate

def kpi_15_competitive_win_rate(world: World) -> KpiResult:
    members = [
        Member(period=periods.start_of(o["close_date"], "quarter"),
               segments={"competitor": o["competitor"]}, measure=int(o["is_won"]))
        for o in world.opportunities.values()
        if o["competitor"] is not None and o["is_closed"] and o["close_date"] <= AS_OF
    ]
    result = aggregate("competitive_win_rate", "quarter", members, scale=100)
    for (period, segment_type, segment_value), row in result.rows.items():
        prior = result.get(periods.add_months(period, -3), segment_type, segment_value)
        if prior is not None and prior.value is not None and row.value is not None:
            row.secondary_value = row.value - prior.value
    return result


# ------------------------------------------------ 16 partner-sourced pipeline

TRAILING_DAYS = 90


def _snapshot_day(quarter_start: date) -> date:
    return min(periods.end_of(quarter_start, "quarter"), AS_OF)


def kpi_16_partner_sourced_pipeline(world: World) -> KpiResult:
    plans: dict = defaultdict(Fraction)
    for row in world.staged.pipeline_plan:
        plans[periods.start_of(row["plan_quarter_start"], "quarter")] += Fraction(row["plan_amount_usd"])
    deals = []
    for o in world.opportunities.values():
        if not o["is_partner_sourced"] or o["partner_id"] not in world.partners:
            continue
        entries = world.stage_entries.get(o["opportunity_id"], {})
        closed_days = [entries[s][0].date() for s in ("closed_won", "closed_lost") if s in entries]
        closed_day = min(closed_days) if closed_days else (o["close_date"] if o["is_closed"] else None)
        deals.append((o, closed_day))
    first = min([periods.start_of(o["created_date"], "quarter") for o, _ in deals] + list(plans))
    types = sorted({p["partner_type"] for p in world.partners.values() if p["partner_type"]})
    result = KpiResult("partner_sourced_pipeline", "quarter")
    for quarter in periods.quarter_starts_between(max(first, date(2023, 1, 1)), AS_OF):
        day = _snapshot_day(quarter)
        in_pipeline = [
            o for o, closed_day in deals
            if day - timedelta(days=TRAILING_DAYS - 1) <= o["created_date"] <= day
            and (closed_day is None or day < closed_day)
            and world.partner_stage_on(o["partner_id"], day) >= 2
        ]
        plan = plans.get(quarter)
        for segment_type, segment_value in [("overall", "all")] + [("partner_type", t) for t in types]:
            chosen = [o for o in in_pipeline if segment_type == "overall"
                      or world.partners[o["partner_id"]]["partner_type"] == segment_value]
            amounts = [Fraction(o["amount_usd"]) for o in chosen if o["amount_usd"] is not None]
            pipeline = sum(amounts, Fraction(0))
            result.rows[(quarter, segment_type, segment_value)] = Row(
                value=_f(100 * pipeline / plan) if plan else None,
                numerator=_f(pipeline), denominator=_f(plan), sample_size=len(amounts),
                pending_count=0, secondary_value=_f(pipeline),
            )
    return result


# ----------------------------------------------- 17 SA escalations per deal

def kpi_17_sa_escalations_per_partner_deal(world: World) -> KpiResult:
    activities_by_opportunity: dict = defaultdict(list)
    for a in world.activities.values():
        if a["opportunity_id"]:
            activities_by_opportunity[a["opportunity_id"]].append(a)

    def held_sa_role(person, day):
        return any(st.role_track == "SA" and st.covers(day) for st in world.stints_by_person.get(person, ()))

    members = []
    for o in world.opportunities.values():
        if o["partner_id"] is None or not o["is_closed"] or o["close_date"] > AS_OF:
            continue
        touchpoints = {a["activity_id"] for a in activities_by_opportunity.get(o["opportunity_id"], ())
                       if a["activity_date"] <= o["close_date"] and held_sa_role(a["owner_person_id"],
                                                                                a["activity_date"])}
        stage = world.partner_stage_on(o["partner_id"], o["close_date"])
        members.append(Member(
            period=periods.start_of(o["close_date"], "quarter"),
            segments={"partner_stage": "3+" if stage >= 3 else ("1-2" if stage >= 1 else "0")},
            measure=len(touchpoints),
        ))
    return aggregate("sa_escalations_per_partner_deal", "quarter", members)


# ------------------------------------------- 18 partner certification rate

def kpi_18_partner_certification_rate(world: World) -> KpiResult:
    activations = [p["activated_date"] for p in world.partners.values() if p["activated_date"]]
    members = []
    for quarter in periods.quarter_starts_between(max(min(activations), date(2023, 1, 1)), AS_OF):
        day = _snapshot_day(quarter)
        for p in world.partners.values():
            if p["activated_date"] is None or p["activated_date"] > day:
                continue
            if p["deactivated_date"] is not None and p["deactivated_date"] <= day:
                continue
            members.append(Member(
                period=quarter, segments={"partner_type": p["partner_type"]},
                measure=int(world.partner_stage_on(p["partner_id"], day) >= 3),
            ))
    return aggregate("partner_certification_rate", "quarter", members, scale=100)


# ------------------------------------------------- 19 joint case studies

def kpi_19_joint_case_studies(world: World) -> KpiResult:
    published = [(periods.start_of(c["published_at"].date(), "quarter"),
                  world.partners.get(c["partner_id"], {}).get("partner_type"))
                 for c in world.staged.case_studies if c["published_at"] < AS_OF_END]
    types = sorted({p["partner_type"] for p in world.partners.values()})
    result = KpiResult("joint_case_studies", "quarter")
    first = max(min(q for q, _ in published), date(2023, 1, 1))
    for quarter in periods.quarter_starts_between(first, AS_OF):
        for segment_type, segment_value in [("overall", "all")] + [("partner_type", t) for t in types]:
            count = sum(1 for q, t in published
                        if q == quarter and (segment_type == "overall" or t == segment_value))
            result.rows[(quarter, segment_type, segment_value)] = Row(
                value=float(count), numerator=float(count), denominator=None,
                sample_size=count, pending_count=0)
    return result


# ---------------------------------------------------------- 20 partner NRR

def kpi_20_partner_nrr(world: World) -> KpiResult:
    arr = {(r["partner_id"], r["arr_year"]): Fraction(r["arr_amount_usd"]) for r in world.staged.partner_arr}
    loaded_years = sorted({year for _, year in arr if year <= AS_OF.year})
    members = []
    for year in loaded_years:
        for (partner_id, arr_year), prior in arr.items():
            if arr_year != year - 1 or prior <= 0 or partner_id not in world.partners:
                continue
            if world.partner_stage_on(partner_id, date(year - 1, 12, 31)) < PARTNER_NRR_ENABLED_STAGE:
                continue
            members.append(Member(
                period=date(year, 1, 1),
                segments={"partner_type": world.partners[partner_id]["partner_type"]},
                measure=arr.get((partner_id, year), Fraction(0)), weight=prior,
            ))
    return aggregate("partner_nrr", "year", members, scale=100, ratio_of_sums=True)


# ---------------------------------------------------------- 21 enablement ROI

def kpi_21_enablement_roi(world: World) -> KpiResult:
    ae_stints = [r for r in world.field_roster if r["role_track"] == "AE"]
    won: dict = defaultdict(list)  # (half, person) -> amounts
    completed_by_person = {}
    for o in world.opportunities.values():
        if not o["is_won"] or o["close_date"] > AS_OF:
            continue
        for r in ae_stints:
            if r["person_id"] == o["owner_person_id"] and r["stint"].covers(o["close_date"]):
                half = periods.start_of(o["close_date"], "half_year")
                won[(half, r["person_id"])].append(o["amount_usd"])
                completed_by_person[r["person_id"]] = r["enablement_completed_date"]
    enabled: dict = defaultdict(list)
    not_enabled: dict = defaultdict(list)
    for (half, person), amounts in won.items():
        known = [Fraction(a) for a in amounts if a is not None]
        if not known:
            continue  # no USD amount at all: not a $0 AE
        total = sum(known, Fraction(0))
        completed = completed_by_person[person]
        is_enabled = completed is not None and completed <= periods.end_of(half, "half_year")
        (enabled if is_enabled else not_enabled)[half].append(total)
    costs: dict = {}
    for c in world.staged.program_costs:
        if c["cost_month"] > AS_OF:
            continue
        half = periods.start_of(c["cost_month"], "half_year")
        rate = world.usd_rate(c["currency_code"], c["cost_month"])
        line = Fraction(c["amount"]) * Fraction(rate) if rate is not None else None
        if half not in costs:
            costs[half] = Fraction(0)
        costs[half] = None if costs[half] is None or line is None else costs[half] + line
    halves = {h for h, _ in won} | set(costs)
    result = KpiResult("enablement_roi", "half_year")
    for half in halves:
        en, nen = enabled.get(half, []), not_enabled.get(half, [])
        uplift = None
        if en and nen:
            uplift = (sum(en, Fraction(0)) / len(en) - sum(nen, Fraction(0)) / len(nen)) * len(en)
        cost = costs.get(half)
        net = gross = numerator = None
        if uplift is not None and cost is not None:
            numerator = uplift - cost
            if cost:
                net, gross = numerator / cost, uplift / cost
        result.rows[(half, "overall", "all")] = Row(
            value=_f(net), numerator=_f(numerator), denominator=_f(cost),
            sample_size=len(en) + len(nen), pending_count=0, secondary_value=_f(gross))
    return result


# ------------------------------------------------- 22 revenue capacity added

WEEKS_PER_YEAR = 52


def kpi_22_revenue_capacity_added(world: World) -> KpiResult:
    demos = first_solo_demos(world)
    cohorts: dict = defaultdict(lambda: {"sas": 0, "weeks": [], "pending": 0})
    for r in world.field_roster:
        if r["role_track"] != "SA":
            continue
        cohort = cohorts[periods.start_of(r["started"], "quarter")]
        cohort["sas"] += 1
        found = demos[id(r["stint"])]
        if found:
            cohort["weeks"].append(Fraction((found[0] - r["started"]).days, 7))
        else:
            cohort["pending"] += 1

    # Mean annual SA quota (USD at the rate of 1 January) per fiscal year, over
    # the quota lines of people in the SA role on some day of that year.
    sa_lines_by_year: dict = defaultdict(list)
    for q in world.staged.quotas:
        year_start, next_year = date(q["fiscal_year"], 1, 1), date(q["fiscal_year"] + 1, 1, 1)
        people = world.persons_by_employee_number.get(q["employee_number"], ())
        in_sa_role = any(
            st.role_track == "SA" and st.started <= AS_OF and st.started < next_year
            and (st.ended is None or st.ended > year_start)
            for person in people for st in world.stints_by_person.get(person, ())
        )
        if in_sa_role:
            rate = world.usd_rate(q["currency_code"], year_start)
            if rate is not None:
                sa_lines_by_year[q["fiscal_year"]].append(Fraction(q["annual_quota_amount"]) * Fraction(rate))
    mean_quota = {year: sum(lines, Fraction(0)) / len(lines) for year, lines in sa_lines_by_year.items()}

    def mean_weeks(cohort):
        return sum(cohort["weeks"], Fraction(0)) / len(cohort["weeks"]) if cohort["weeks"] else None

    result = KpiResult("revenue_capacity_added", "quarter")
    for quarter, cohort in cohorts.items():
        prior = cohorts.get(periods.add_months(quarter, -3))
        this_mean = mean_weeks(cohort)
        prior_mean = mean_weeks(prior) if prior else None
        reduction = prior_mean - this_mean if prior_mean is not None and this_mean is not None else None
        quota = mean_quota.get(quarter.year)
        value = (reduction * quota / WEEKS_PER_YEAR * cohort["sas"]
                 if reduction is not None and quota is not None else None)
        result.rows[(quarter, "overall", "all")] = Row(
            value=_f(value), numerator=_f(reduction), denominator=None,
            sample_size=len(cohort["weeks"]) + (len(prior["weeks"]) if prior else 0),
            pending_count=cohort["pending"] + (prior["pending"] if prior else 0))
    return result


# ------------------------------------------------------------- 23 NPS

def kpi_23_enablement_nps(world: World) -> KpiResult:
    workers_by_email: dict = defaultdict(list)
    for w in world.workers.values():
        if w["work_email"]:
            workers_by_email[w["work_email"]].append(w)
    partner_users_by_email: dict = defaultdict(list)
    for pu in world.staged.partner_users:
        if pu["email"]:
            partner_users_by_email[pu["email"]].append(pu)
    members = []
    for r in world.staged.nps_responses:
        if r["score"] is None or r["submitted_at"] >= AS_OF_END:
            continue
        day = r["submitted_at"].date()
        role = band = None
        workers = workers_by_email.get(r["respondent_email"], [])
        if workers:
            worker = min(workers, key=lambda w: (
                0 if w["hire_date"] <= day and (w["termination_date"] is None or w["termination_date"] >= day) else 1,
                -w["hire_date"].toordinal(), w["worker_id"]))
            covering = [st for st in world.stints_by_person.get(world.person_by_worker[worker["worker_id"]], ())
                        if st.covers(day)]
            stint = max(covering, key=lambda st: st.started, default=None)
            role = stint.role_track if stint and stint.role_track in ("SA", "AE") else "other"
            band = tenure_band(worker["hire_date"], day)
        elif partner_users_by_email.get(r["respondent_email"]):
            pu = min(partner_users_by_email[r["respondent_email"]],
                     key=lambda u: (u["created_at"] is None, u["created_at"] or datetime.min, u["partner_user_id"]))
            role = "Partner"
            partner = world.partners.get(pu["partner_id"])
            band = tenure_band(partner["activated_date"] if partner else None, day)
        score = r["score"]
        members.append(Member(
            period=periods.start_of(day, "quarter"),
            segments={"role_track": role, "tenure_band": band},
            measure=1 if score >= 9 else (0 if score >= 7 else -1),
        ))
    return aggregate("enablement_nps", "quarter", members, scale=100)


# ------------------------------------------------- 24 enablement-to-field

def kpi_24_enablement_to_field_ratio(world: World) -> KpiResult:
    first = max(min(st.started for st in world.stints), date(2023, 1, 1))
    result = KpiResult("enablement_to_field_ratio", "quarter")
    for quarter in periods.quarter_starts_between(first, AS_OF):
        end = periods.end_of(quarter, "quarter")
        field_people = sum(1 for st in world.stints if st.role_track in ("SA", "AE") and st.covers(end))
        enablement = sum(1 for st in world.stints if st.role_track == "enablement" and st.covers(end))
        partners = sum(1 for p in world.partners.values()
                       if p["activated_date"] is not None and p["activated_date"] <= end
                       and (p["deactivated_date"] is None or p["deactivated_date"] > end))
        supported = field_people + partners
        result.rows[(quarter, "overall", "all")] = Row(
            value=_f(Fraction(supported, enablement)) if enablement else None,
            numerator=float(supported), denominator=float(enablement),
            sample_size=supported, pending_count=0)
    return result


# ------------------------------------------- 25 time to competitive response

def kpi_25_time_to_competitive_response(world: World) -> KpiResult:
    first_deployment: dict = {}
    for d in world.staged.content_deployments:
        if d["deployed_at"] < AS_OF_END:
            current = first_deployment.get(d["competitive_event_id"])
            if current is None or d["deployed_at"] < current:
                first_deployment[d["competitive_event_id"]] = d["deployed_at"]
    members = []
    for e in world.staged.competitive_events:
        if e["announced_at"] >= AS_OF_END:
            continue
        deployed = first_deployment.get(e["competitive_event_id"])
        members.append(Member(
            period=periods.start_of(e["announced_at"].date(), "month"),
            segments={"event_type": e["event_type"]},
            measure=(deployed.date() - e["announced_at"].date()).days if deployed else None,
            pending=deployed is None,
        ))
    return aggregate("time_to_competitive_response", "month", members)


KPI_FUNCTIONS = {
    "sa_ramp_time": kpi_01_sa_ramp_time,
    "ae_time_to_first_qualified_opp": kpi_02_ae_time_to_first_qualified_opp,
    "partner_time_to_first_deal_registration": kpi_03_partner_time_to_first_deal_registration,
    "gate_first_attempt_pass_rate": kpi_04_gate_first_attempt_pass_rate,
    "phase_completion_on_time_rate": kpi_05_phase_completion_on_time_rate,
    "module_score": kpi_06_module_score,
    "confidence_delta": kpi_07_confidence_delta,
    "content_freshness_index": kpi_08_content_freshness_index,
    "coaching_completion_rate": kpi_09_coaching_completion_rate,
    "program_adoption_rate": kpi_10_program_adoption_rate,
    "sa_technical_win_rate": kpi_11_sa_technical_win_rate,
    "discovery_to_validation_days": kpi_12_discovery_to_validation_days,
    "ae_90_day_quota_attainment": kpi_13_ae_90_day_quota_attainment,
    "ae_90_day_deal_size": kpi_14_ae_90_day_deal_size,
    "competitive_win_rate": kpi_15_competitive_win_rate,
    "partner_sourced_pipeline": kpi_16_partner_sourced_pipeline,
    "sa_escalations_per_partner_deal": kpi_17_sa_escalations_per_partner_deal,
    "partner_certification_rate": kpi_18_partner_certification_rate,
    "joint_case_studies": kpi_19_joint_case_studies,
    "partner_nrr": kpi_20_partner_nrr,
    "enablement_roi": kpi_21_enablement_roi,
    "revenue_capacity_added": kpi_22_revenue_capacity_added,
    "enablement_nps": kpi_23_enablement_nps,
    "enablement_to_field_ratio": kpi_24_enablement_to_field_ratio,
    "time_to_competitive_response": kpi_25_time_to_competitive_response,
}
