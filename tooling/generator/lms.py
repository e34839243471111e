"""LMS: module catalog, each learner's path through the onboarding program
(enrollment, phases, modules, gates, surveys, coaching) and the raw tables.

A learner's ``LearningPlan`` is decided before the CRM is simulated, because
being enablement-complete (Foundation and Practitioner done) is what makes
SAs and AEs perform better in the CRM story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import planted_defects as planted
from .common import AS_OF, AS_OF_END, Ctx, Mess, at, clamp, plus_days, weighted, work_time
from .partner_portal import PartnerUser
from .schema import table

TOPICS = ["gpu-pricing", "h200", "b200", "inference", "training-clusters", "networking",
          "competitive-aws", "competitive-coreweave"]
PHASES = ["Foundation", "Practitioner", "Expert"]
DUE_DAYS = {"Foundation": 30, "Practitioner": 75, "Expert": 150}
GATE_OF = {"Foundation": 1, "Practitioner": 2, "Expert": 3}
SKILLS = ["gpu_workload_matching", "competitive_objection_handling", "tco_model_defense",
          "discovery_question_quality"]
PROGRAM = {"SA": "SA Onboarding", "AE": "AE Onboarding", "Partner": "Partner Enablement"}


@dataclass(frozen=True)
class Module:
    module_id: str
    title: str
    role_track: str
    phase: str
    created: datetime
    topics: tuple[str, ...]
    mean_score: float = 8.2


MODULES: list[Module] = [
    Module("M001", "Nebula Cloud Platform Overview", "All", "Foundation", datetime(2024, 2, 5, 10, 0, 0),
           ("inference", "training-clusters")),
    Module("M002", "GPU Portfolio: H100, H200 and B200", "All", "Foundation", datetime(2024, 2, 7, 14, 30, 0),
           ("h200", "b200", "gpu-pricing")),
    Module("M003", "Networking for AI: InfiniBand Fundamentals", "SA", "Foundation",
           datetime(2024, 2, 12, 9, 15, 0), ("networking", "training-clusters"), 7.9),
    Module("M004", "Discovery for AI Workloads", "AE", "Foundation", datetime(2024, 2, 14, 11, 0, 0),
           ("inference", "training-clusters"), 8.4),
    Module("M005", "GPU Workload Matching Lab", "SA", "Practitioner", datetime(2024, 2, 20, 13, 0, 0),
           ("h200", "b200", "inference"), 8.6),
    Module("M006", "Pricing and TCO Modeling", "AE", "Practitioner", datetime(2024, 2, 22, 15, 45, 0),
           ("gpu-pricing", "competitive-aws"), 6.5),
    Module("M007", "Competitive Positioning: Hyperscalers", "All", "Practitioner",
           datetime(2024, 2, 27, 10, 30, 0), ("competitive-aws", "gpu-pricing")),
    Module("M008", "Competitive Positioning: CoreWeave and Neoclouds", "All", "Practitioner",
           datetime(2024, 9, 9, 9, 0, 0), ("competitive-coreweave", "gpu-pricing"), 7.8),
    Module("M009", "Training Cluster Architecture", "SA", "Practitioner", datetime(2024, 3, 4, 12, 0, 0),
           ("training-clusters", "networking", "b200"), 8.3),
    Module("M010", "Inference at Scale: Serving Patterns", "SA", "Expert", datetime(2024, 3, 6, 16, 0, 0),
           ("inference", "h200")),
    Module("M011", "Demo Certification Prep (Gate 2)", "SA", "Practitioner", datetime(2024, 3, 11, 8, 30, 0),
           ("inference", "training-clusters"), 7.2),
    Module("M012", "Objection Handling Roleplay", "AE", "Practitioner", datetime(2024, 3, 13, 10, 0, 0),
           ("competitive-aws", "competitive-coreweave"), 8.5),
    Module("M013", "Enterprise Deal Strategy", "AE", "Expert", datetime(2024, 3, 18, 14, 0, 0),
           ("gpu-pricing", "competitive-aws"), 7.9),
    Module("M014", "Partner Program Onboarding", "Partner", "Foundation", datetime(2024, 3, 20, 9, 0, 0),
           ("gpu-pricing", "inference")),
    Module("M015", "Partner Deal Registration and Co-Selling", "Partner", "Foundation",
           datetime(2024, 3, 25, 11, 30, 0), ("gpu-pricing", "competitive-aws"), 7.7),
    Module("M016", "Partner Technical Pitch", "Partner", "Practitioner", datetime(2024, 3, 27, 15, 0, 0),
           ("h200", "inference", "networking")),
    Module("M017", "Partner Escalation Playbook", "Partner", "Expert", datetime(2024, 4, 3, 10, 0, 0),
           ("training-clusters", "networking"), 6.3),
    Module("M018", "Advanced Multi-Node Architecture on B200", "SA", "Expert", datetime(2025, 2, 10, 9, 30, 0),
           ("networking", "b200", "training-clusters"), 8.4),
]
MODULE_BY_ID = {m.module_id: m for m in MODULES}


def curriculum(track: str, phase: str) -> list[Module]:
    return [m for m in MODULES if m.phase == phase and m.role_track in (track, "All")]


@dataclass(eq=False)
class LearningPlan:
    track: str
    learner: object                  # hris.Person or partner_portal.PartnerUser
    user_created: datetime
    enrolled_at: datetime | None
    done: dict = field(default_factory=dict)          # phase -> datetime | None
    modules: list = field(default_factory=list)       # (datetime, module_id)
    attempts: list = field(default_factory=list)      # (datetime, gate, score, passed)
    surveys: list = field(default_factory=list)       # (datetime, type, module_id, skill, score)
    checkins: list = field(default_factory=list)      # (datetime, manager Person)
    enrollment_id: str = ""
    phase_ids: dict = field(default_factory=dict)     # phase -> forced phase_progress_id
    phase_text: dict = field(default_factory=dict)    # phase -> (text override or style)

    @property
    def enabled_at(self) -> datetime | None:
        f, p = self.done.get("Foundation"), self.done.get("Practitioner")
        return max(f, p) if f and p else None

    def due(self, phase: str) -> date:
        return self.enrolled_at.date() + timedelta(days=DUE_DAYS[phase])


# --------------------------------------------------------------------------- #
# Planning learners
# --------------------------------------------------------------------------- #
def _enroll_delay(rng, partner: bool) -> float | None:
    bucket = weighted(rng, {"week": 60, "two_weeks": 20, "late": 12, "never": 8} if partner else
                      {"week": 72, "two_weeks": 18, "late": 6, "never": 4})
    return {"week": (0.05, 7), "two_weeks": (7.5, 14), "late": (15, 20 if not partner else 30),
            "never": None}[bucket]


def _phase_times(rng, enrolled: datetime, engaged: bool, partner: bool) -> dict:
    """Completion instants per phase (before truncation at as-of)."""
    slow = 1.25 if partner else 1.0
    done: dict = {}
    if engaged:
        done["Foundation"] = plus_days(rng, enrolled, 5 * slow, 12 * slow) + \
            timedelta(days=rng.uniform(16, 26) if rng.random() < 0.05 else 0)
        done["Practitioner"] = plus_days(rng, done["Foundation"], 8 * slow, 18 * slow) + \
            timedelta(days=rng.uniform(40, 60) if rng.random() < 0.06 else 0)
        r = rng.random()
        if r < 0.12:
            return done
        done["Expert"] = plus_days(rng, done["Practitioner"], 45, 85 if r > 0.32 else 140)
        return done
    r = rng.random()
    if r < 0.15:
        return done
    done["Foundation"] = plus_days(rng, enrolled, 18, 32) if r < 0.75 else plus_days(rng, enrolled, 31, 60)
    if rng.random() < 0.45:
        return done
    done["Practitioner"] = plus_days(rng, done["Foundation"], 45, 95)
    if rng.random() < 0.55:
        return done
    done["Expert"] = plus_days(rng, done["Practitioner"], 60, 120)
    return done


def plan_learner(rng, learner, track: str, start: date, engaged: bool, end: date | None,
                 partner: bool = False, preboard: bool = False) -> LearningPlan:
    """Enrollment, phases, modules, gates and surveys for one learner."""
    cutoff = min(AS_OF_END, at(end, 23, 59, 59)) if end else AS_OF_END
    delay = _enroll_delay(rng, partner)
    start_at = work_time(rng, start)
    if preboard and delay is not None:
        delay = (-rng.uniform(1, 5), -0.5)
    enrolled = plus_days(rng, start_at, *delay) if delay is not None else None
    if enrolled is not None and enrolled > cutoff:
        enrolled = None
    created = plus_days(rng, start_at, 0, 2)
    if enrolled is not None:
        created = min(created, enrolled - timedelta(hours=rng.uniform(1, 20)))
    plan = LearningPlan(track, learner, created, enrolled)
    if enrolled is None:
        return plan

    times = _phase_times(rng, enrolled, engaged, partner)
    for phase in PHASES:
        t = times.get(phase)
        plan.done[phase] = t if t is not None and t <= cutoff else None
        if plan.done[phase] is None:
            for later in PHASES[PHASES.index(phase) + 1:]:
                plan.done[later] = None
            break

    phase_start = enrolled
    fail_rate = (0.14 if engaged else 0.33) + (0.05 if partner else 0)
    for phase in PHASES:
        if phase_start is None or phase_start > cutoff:
            break
        finished = plan.done.get(phase)
        mods = curriculum(track, phase)
        if finished:
            for m in mods:
                low = max(phase_start, m.created + timedelta(days=1))
                if low < finished:
                    plan.modules.append((low + (finished - low) * rng.uniform(0.05, 0.95), m.module_id))
            _gate_attempts(rng, plan, GATE_OF[phase], phase_start, finished, fail_rate, passed=True)
        else:
            horizon = min(cutoff, phase_start + timedelta(days=45))
            share = rng.uniform(0.2, 0.9)
            for m in mods:
                low = max(phase_start, m.created + timedelta(days=1))
                if low < horizon and rng.random() < share:
                    plan.modules.append((low + (horizon - low) * rng.random(), m.module_id))
            if cutoff - phase_start > timedelta(days=30) and rng.random() < 0.35:
                _gate_attempts(rng, plan, GATE_OF[phase], phase_start, horizon, 1.0, passed=False)
        phase_start = finished

    plan.modules = [(t.replace(microsecond=0), mid) for t, mid in sorted(plan.modules) if t <= cutoff]
    _surveys(rng, plan, engaged, partner, cutoff)
    return plan


def _gate_attempts(rng, plan: LearningPlan, gate: int, start: datetime, end: datetime, fail_rate: float,
                   passed: bool) -> None:
    times, results = [], []
    t = end - timedelta(hours=rng.uniform(1, 48)) if passed else start + (end - start) * rng.uniform(0.5, 0.9)
    if passed:
        times.append(t)
        results.append(True)
    fails = (1 if rng.random() < 0.75 else 2) if (not passed or rng.random() < fail_rate) else 0
    for _ in range(fails):
        t = t - timedelta(days=rng.uniform(3, 8))
        times.append(t)
        results.append(False)
    for t, ok in zip(times, results):
        t = max(t, start + timedelta(hours=2)).replace(microsecond=0)
        score = rng.randint(70, 98) if ok else rng.randint(38, 69)
        plan.attempts.append((t, gate, score, ok))


def _surveys(rng, plan: LearningPlan, engaged: bool, partner: bool, cutoff: datetime) -> None:
    for t, module_id in plan.modules:
        if rng.random() < 0.72:
            m = MODULE_BY_ID[module_id]
            mean = m.mean_score + (0.9 if module_id == "M006" and t >= datetime(2025, 7, 1) else 0)
            score = None if rng.random() < 0.03 else int(clamp(round(rng.gauss(mean, 1.25)), 0, 10))
            when = t + timedelta(minutes=rng.randint(1, 90))
            if when <= cutoff:
                plan.surveys.append((when, "post_module", module_id, "", score))
    if rng.random() < (0.65 if partner else 0.88):
        pre_at = plus_days(rng, plan.enrolled_at, 0.01, 2)
        pre = {}
        for skill in SKILLS:
            pre[skill] = int(clamp(round(rng.gauss(4.8, 1.4)), 1, 9))
            if pre_at <= cutoff:
                plan.surveys.append((pre_at, "confidence_pre", "", skill,
                                     None if rng.random() < 0.04 else pre[skill]))
        practitioner = plan.done.get("Practitioner")
        if practitioner and rng.random() < 0.78:
            post_at = plus_days(rng, practitioner, 0.1, 5)
            for skill in SKILLS:
                gain = rng.gauss(2.2, 1.1) if engaged else rng.gauss(1.2, 1.2)
                if post_at <= cutoff:
                    plan.surveys.append((post_at, "confidence_post", "", skill,
                                         int(clamp(round(pre[skill] + gain), 0, 10))))
    plan.surveys.sort(key=lambda s: (s[0], s[1], s[2], s[3]))


def plan_coaching(rng, person, discipline: dict) -> None:
    """Weekly check-ins (Monday weeks) in the first 90 days after enrollment."""
    plan = person.plan
    if plan is None or plan.enrolled_at is None:
        return
    first = plan.enrolled_at.date()
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    while monday < first + timedelta(days=90) and monday <= AS_OF and person.employed_on(monday):
        manager = person.manager_on(monday)
        if manager is not None and manager.lms_user_id:
            quarter_end_dip = 0.85 if (monday + timedelta(days=14)).month in (1, 4, 7, 10) and \
                (monday + timedelta(days=14)).day <= 14 else 1.0
            if rng.random() < discipline[manager.worker_id] * quarter_end_dip:
                days = sorted(rng.sample(range(5), 2 if rng.random() < 0.06 else 1))
                for d in days:
                    t = work_time(rng, monday + timedelta(days=d))
                    if t <= AS_OF_END and t.date() <= person.last_day:
                        plan.checkins.append((t, manager))
        monday += timedelta(days=7)


def plan_all(ctx: Ctx, roster, partners) -> None:
    """Give every SA/AE and partner user a LearningPlan and LMS user ids."""
    rng = ctx.rng("lms.plans")
    for p in roster.field:
        p.plan = plan_learner(rng, p, p.track, p.role_start, p.engaged, p.termination_date,
                              preboard=p.extras.get("transfer", False) and rng.random() < 0.5)
    for p in sorted((u for partner in partners for u in partner.users), key=lambda u: u.n):
        p.plan = plan_learner(rng, p, "Partner", p.created_at.date(), p.engaged, None, partner=True)
    if ctx.has_globals:
        _plant_phase_rows(roster)
    _assign_user_ids(ctx, roster, partners)
    discipline = {m.worker_id: rng.uniform(0.84, 0.97) for m in roster.managers}
    discipline[roster.sa_managers[2].worker_id] = 0.74   # one manager who rarely logs
    coach_rng = ctx.rng("lms.coaching")
    for p in roster.field:
        plan_coaching(coach_rng, p, discipline)


def _plant_phase_rows(roster) -> None:
    """Shard 0: a Foundation completed before enrollment (bad) and one
    completed at 22:xx UTC on its due date, landed with +02:00 (good)."""
    bad = next(p for p in roster.field if p.plan.done.get("Foundation") and not p.plan.done.get("Practitioner")
               and p.plan.enrolled_at)
    bad.plan.phase_ids["Foundation"] = planted.by_code("phase_before_enrollment").pk
    bad.plan.phase_text["Foundation"] = ("at", bad.plan.enrolled_at - timedelta(days=3))
    for p in roster.field:
        plan = p.plan
        f, pr = plan.done.get("Foundation"), plan.done.get("Practitioner")
        if f and pr and pr.date() >= plan.due("Foundation") + timedelta(days=2):
            plan.done["Foundation"] = at(plan.due("Foundation"), 22, 17, 41)
            plan.phase_ids["Foundation"] = planted.by_code("phase_on_time_offset").pk
            plan.phase_text["Foundation"] = ("style", "plus2")
            return


def _assign_user_ids(ctx: Ctx, roster, partners) -> None:
    users = [(p.plan.user_created, "e", p.n, p) for p in roster.field]
    users += [(max(datetime(2024, 3, 18, 9, 0, 0) + timedelta(hours=m.n % 48), at(m.hire_date, 9)), "m", m.n, m)
              for m in roster.managers]
    users += [(u.plan.user_created, "p", u.n, u) for partner in partners for u in partner.users]
    for created, _, _, who in sorted(users, key=lambda x: x[:3]):
        who.lms_user_id = f"U{ctx.next('lms_user'):06d}"
        who.lms_created = created


# --------------------------------------------------------------------------- #
# Content revisions (CMS history) driven by freshness triggers
# --------------------------------------------------------------------------- #
def build_revisions(ctx: Ctx, triggers: list[tuple[datetime, str, str]],
                    deployments: list[tuple[datetime, str, str]]) -> list[tuple[datetime, str, str]]:
    """(revised_at, module_id, change_summary), sorted.

    ``triggers`` are (time, topic, description); ``deployments`` are
    (time, module_id, description) of competitive content going live.
    """
    rng = ctx.global_rng("lms.revisions")
    revs: dict[str, list[tuple[datetime, str]]] = {m.module_id: [(m.created, "Initial publish")] for m in MODULES}
    for when, module_id, what in deployments:
        revs[module_id].append((when, f"Competitive response: {what}"))
    for when, topic, what in sorted(triggers):
        for m in MODULES:
            if topic not in m.topics or m.created >= when:
                continue
            if any(when < t <= when + timedelta(days=60) for t, _ in revs[m.module_id]):
                continue
            r = rng.random()
            if r < 0.72:
                revs[m.module_id].append((plus_days(rng, when, 4, 55), f"Updated for {what}"))
            elif r < 0.82:
                revs[m.module_id].append((plus_days(rng, when, 62, 110), f"Updated for {what} (late)"))
    for m in MODULES:
        t = m.created
        while True:
            t = plus_days(rng, t, 90, 150)
            if t > AS_OF_END:
                break
            revs[m.module_id].append((t, rng.choice(["Fixed typos and refreshed screenshots",
                                                     "Updated quiz questions", "Clarified lab instructions",
                                                     "Replaced outdated benchmark chart"])))
    out = [(t.replace(microsecond=0), mid, text) for mid, items in revs.items() for t, text in items
           if t <= AS_OF_END]
    return sorted(out)


# --------------------------------------------------------------------------- #
# Raw rows
# --------------------------------------------------------------------------- #
TS_MIX = {"iso_z": 70, "plus2": 10, "minus5": 10, "space": 10}
PASSED_MIX = {"lower": 4, "upper": 2, "int": 2, "char": 1}


def lms_rows(ctx: Ctx, roster, partners, revisions) -> dict[str, list[list[str]]]:
    T = {name: table(f"lms.{name}") for name in (
        "users", "enrollments", "phase_progress", "modules", "module_topics", "module_revisions",
        "module_completions", "assessment_attempts", "survey_responses", "coaching_checkins")}
    m = Mess(ctx.rng("mess.lms"), TS_MIX, {"iso": 95, "mdy": 5}, PASSED_MIX, delete_null_share=0.55)
    rng = ctx.rng("lms.rows")
    out: dict[str, list[list[str]]] = {f"lms.{k}": [] for k in T}

    learners = [p for p in roster.field] + [u for partner in partners for u in partner.users]
    everyone = learners + list(roster.managers)
    everyone.sort(key=lambda who: (who.lms_created, who.lms_user_id))

    # users ------------------------------------------------------------------
    ghost = None
    for who in everyone:
        is_partner = isinstance(who, PartnerUser)
        out["lms.users"].append(T["users"].row(
            user_id=who.lms_user_id,
            employee_number="" if is_partner else m.employee_number(who.employee_number, 0.08, 0.02),
            partner_user_id=who.partner_user_id if is_partner else "",
            email=m.email(who.email, lower=0.6, title=0.25, upper=0.1, padded=0.05),
            user_type="partner" if is_partner else "employee", created_at=m.ts(who.lms_created),
            is_deleted=m.deleted(), _loaded_at=m.stamp(who.lms_created)))
        if ghost is None and not is_partner and who.role in ("sa", "ae") and who.plan.enrolled_at:
            ghost = who
    if ghost is not None:
        # A duplicate account (same employee number) created by SSO and deleted.
        created = ghost.plan.enrolled_at + timedelta(days=2)
        out["lms.users"].append(T["users"].row(
            user_id=f"U{ctx.next('lms_user'):06d}", employee_number=ghost.employee_number, partner_user_id="",
            email=ghost.email.upper(), user_type="employee", created_at=m.ts(created),
            is_deleted=m.deleted(True), _loaded_at=m.stamp(created + timedelta(days=3))))

    # enrollments and phases ---------------------------------------------------
    enrolled = sorted((w for w in learners if w.plan.enrolled_at), key=lambda w: (w.plan.enrolled_at, w.lms_user_id))
    enrollment_dups = []
    for who in enrolled:
        plan = who.plan
        plan.enrollment_id = f"EN{ctx.next('enrollment'):06d}"
        track = plan.track if rng.random() < 0.85 else plan.track.lower()
        row = T["enrollments"].row(enrollment_id=plan.enrollment_id, user_id=who.lms_user_id,
                                   program=PROGRAM[plan.track], role_track=track,
                                   enrolled_at=m.ts(plan.enrolled_at), is_deleted=m.deleted(),
                                   _loaded_at=m.stamp(plan.enrolled_at))
        out["lms.enrollments"].append(row)
        if rng.random() < 0.02:
            enrollment_dups.append(row[:-1] + [m.stamp(plan.enrolled_at, 40, 400)])
    ae = next(w for w in enrolled if getattr(w, "role", "") == "ae")
    wrong_at = ae.plan.enrolled_at + timedelta(minutes=7)
    out["lms.enrollments"].append(T["enrollments"].row(
        enrollment_id=f"EN{ctx.next('enrollment'):06d}", user_id=ae.lms_user_id, program="SA Onboarding",
        role_track="SA", enrolled_at=m.ts(wrong_at), is_deleted=m.deleted(True),
        _loaded_at=m.stamp(wrong_at, 30, 60)))
    out["lms.enrollments"] += enrollment_dups

    for who in enrolled:
        plan = who.plan
        for phase in PHASES:
            done = plan.done.get(phase)
            pid = plan.phase_ids.get(phase) or f"PP{ctx.next('phase'):07d}"
            kind, value = plan.phase_text.get(phase, ("", None))
            text = m.ts(value) if kind == "at" else m.ts(done, value if kind == "style" else "")
            out["lms.phase_progress"].append(T["phase_progress"].row(
                phase_progress_id=pid, enrollment_id=plan.enrollment_id, phase=phase,
                due_date=m.date(plan.due(phase)), completed_at=text,
                _loaded_at=m.stamp(done or plan.enrolled_at)))

    # catalog (once per company) ---------------------------------------------
    if ctx.has_globals:
        for mod in MODULES:
            out["lms.modules"].append(T["modules"].row(
                module_id=mod.module_id, title=mod.title, role_track=mod.role_track, phase=mod.phase,
                created_at=m.ts(mod.created), _loaded_at=m.stamp(mod.created)))
            for topic in mod.topics:
                out["lms.module_topics"].append(T["module_topics"].row(
                    module_id=mod.module_id, topic=topic, _loaded_at=m.stamp(mod.created)))
        for i, (when, module_id, text) in enumerate(revisions, start=1):
            out["lms.module_revisions"].append(T["module_revisions"].row(
                revision_id=f"RV{i:05d}", module_id=module_id, revised_at=m.ts(when), change_summary=text,
                _loaded_at=m.stamp(when)))

    # per-event tables, ids in time order --------------------------------------
    completions = sorted(((t, w.lms_user_id, mid) for w in learners for t, mid in w.plan.modules))
    completion_dups = []
    for t, uid, mid in completions:
        row = T["module_completions"].row(completion_id=f"MC{ctx.next('completion'):07d}", user_id=uid,
                                          module_id=mid, completed_at=m.ts(t), _loaded_at=m.stamp(t))
        out["lms.module_completions"].append(row)
        if rng.random() < 0.01:
            completion_dups.append(row[:-1] + [m.stamp(t, 50, 300)])
    attempts = sorted(((t, w.lms_user_id, gate, score, ok) for w in learners for t, gate, score, ok in w.plan.attempts))
    for t, uid, gate, score, ok in attempts:
        gate_text = weighted(rng, {f"Gate {gate}": 75, f"gate {gate}": 15, str(gate): 10})
        out["lms.assessment_attempts"].append(T["assessment_attempts"].row(
            attempt_id=f"GA{ctx.next('attempt'):07d}", user_id=uid, gate=gate_text, score=str(score),
            passed=m.bool(ok), attempted_at=m.ts(t), _loaded_at=m.stamp(t)))
    responses = sorted(((s[0], w.lms_user_id) + tuple(s[1:]) for w in learners for s in w.plan.surveys))
    for t, uid, kind, mid, skill, score in responses:
        out["lms.survey_responses"].append(T["survey_responses"].row(
            response_id=f"SR{ctx.next('survey'):07d}", user_id=uid, survey_type=kind, module_id=mid, skill=skill,
            score="" if score is None else str(score), submitted_at=m.ts(t), _loaded_at=m.stamp(t)))
    if ctx.has_globals:
        t, uid, kind, mid, skill, score = next(r for r in responses if r[2] == "post_module")
        when = t + timedelta(minutes=3)
        out["lms.survey_responses"].append(T["survey_responses"].row(
            response_id=planted.by_code("module_score_negative").pk, user_id=uid, survey_type="post_module",
            module_id=mid, skill="", score="-1", submitted_at=m.ts(when), _loaded_at=m.stamp(when)))
    checkins = sorted(((t, mgr.lms_user_id, w.lms_user_id) for w in roster.field for t, mgr in w.plan.checkins))
    for t, mgr_uid, uid in checkins:
        out["lms.coaching_checkins"].append(T["coaching_checkins"].row(
            checkin_id=f"CK{ctx.next('checkin'):07d}", manager_user_id=mgr_uid, learner_user_id=uid,
            checkin_at=m.ts(t), is_deleted=m.deleted(), _loaded_at=m.stamp(t)))
        if rng.random() < 0.015:
            # Logged twice by mistake; the copy was deleted.
            later = t + timedelta(minutes=rng.randint(2, 30))
            out["lms.coaching_checkins"].append(T["coaching_checkins"].row(
                checkin_id=f"CK{ctx.next('checkin'):07d}", manager_user_id=mgr_uid, learner_user_id=uid,
                checkin_at=m.ts(later), is_deleted=m.deleted(True), _loaded_at=m.stamp(later, 20, 90)))
    out["lms.module_completions"] += completion_dups
    return out
