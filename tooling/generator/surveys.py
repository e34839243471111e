"""Surveys: quarterly enablement NPS from SAs, AEs, managers and partner
users, answered by email link (Qualtrics-like export)."""

from __future__ import annotations

from datetime import datetime, timedelta

from . import planted_defects as planted
from .common import (AS_OF, AS_OF_END, STORY_START, Ctx, Mess, quarter_label, quarter_starts, scrambled_token,
                     weighted, work_time)
from .schema import table

TS_MIX = {"mdy": 60, "iso_z": 25, "plus2": 10, "minus5": 5}


def _score(rng, promoter: float, detractor: float) -> int:
    r = rng.random()
    if r < promoter:
        return rng.choice([9, 10])
    if r < promoter + detractor:
        return weighted(rng, {0: 1, 1: 1, 2: 2, 3: 3, 4: 5, 5: 8, 6: 10})
    return rng.choice([7, 8])


def survey_rows(ctx: Ctx, roster, partners) -> dict[str, list[list[str]]]:
    t = table("surveys.nps_responses")
    m = Mess(ctx.rng("mess.surveys"), TS_MIX)
    rng = ctx.rng("surveys")
    responses = []   # (submitted_at, order, email, quarter, score)
    for qi, q in enumerate(quarter_starts(STORY_START, AS_OF)):
        q_end = (q + timedelta(days=92)).replace(day=1) - timedelta(days=1)
        opens = q_end - timedelta(days=20)
        trend = 0.015 * qi
        people = [p for p in roster.field + roster.managers
                  if p.employed_on(opens) and (p.role_start or p.hire_date) <= opens - timedelta(days=14)]
        for p in sorted(people, key=lambda p: p.n):
            if rng.random() < 0.5:
                if p.role in ("sa", "ae"):
                    promoter, detractor = (0.5, 0.15) if p.engaged else (0.3, 0.3)
                else:
                    promoter, detractor = 0.4, 0.2
                responses.append((work_time(rng, opens + timedelta(days=rng.randint(0, 20))), p.email, q,
                                  _score(rng, promoter + trend, max(0.05, detractor - trend))))
        for partner in partners:
            for u in partner.users:
                if partner.active_on(datetime(opens.year, opens.month, opens.day)) and \
                        u.created_at.date() <= opens - timedelta(days=14) and rng.random() < 0.35:
                    responses.append((work_time(rng, opens + timedelta(days=rng.randint(0, 20))), u.email, q,
                                      _score(rng, 0.35 + trend, max(0.05, 0.25 - trend))))
    if ctx.has_globals:
        responses.append((datetime(2025, 3, 24, 16, 2, 11), "former.contractor.9001@example.com",
                           quarter_starts(STORY_START, AS_OF)[3], 8))
    rows, dups = [], []
    for when, email, q, score in sorted(responses, key=lambda r: (r[0], r[1])):
        if when > AS_OF_END:
            continue
        blank = rng.random() < 0.04
        row = t.row(response_id="R_" + scrambled_token(ctx.next("nps"), 15),
                    respondent_email=m.email(email, lower=0.55, title=0.3, upper=0.1, padded=0.05),
                    survey_quarter=quarter_label(q), score="" if blank else str(score), submitted_at=m.ts(when),
                    _loaded_at=m.stamp(when))
        rows.append(row)
        if rng.random() < 0.01:
            dups.append(row[:-1] + [m.stamp(when, 48, 300)])
    if ctx.has_globals:
        sa = next(p for p in sorted(roster.sas, key=lambda p: p.n) if p.employed_on(AS_OF.replace(month=6)))
        for code, when, style, score in (("nps_score_11", datetime(2025, 9, 17, 10, 41, 5), "", "11"),
                                         ("nps_offset_quarter_end", datetime(2026, 6, 30, 23, 21, 47), "plus2", "9")):
            row = planted.by_code(code)
            rows.append(t.row(response_id=row.pk, respondent_email=m.email(sa.email),
                              survey_quarter=quarter_label(when.date()), score=score,
                              submitted_at=m.ts(when, style), _loaded_at=m.stamp(when)))
    return {"surveys.nps_responses": rows + dups}
