"""One shard of the company: build the story, then every raw table's rows.

Shard 0 is the whole company at scale 1 and also writes the tables that exist
once (catalogs, rates, marketing calendar, plans). Every further shard adds
another region's people, partners and deals with ids of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import crm, finance, hris, lms, partner_portal, product_marketing, salesforce, surveys
from .common import Ctx
from .fx import Fx
from .schema import TABLES


@dataclass
class Story:
    ctx: Ctx
    roster: hris.Roster
    partners: list
    fx: Fx
    crm: crm.Crm
    market: product_marketing.Market | None
    revisions: list


def build_story(seed: int, shard: int = 0, scale: int = 1) -> Story:
    """The shard's people, partners, learning and deals (no raw rows yet)."""
    ctx = Ctx(seed, shard, scale)
    roster = hris.build_roster(ctx)
    partners = partner_portal.build_partners(ctx)
    fx = Fx(ctx)
    lms.plan_all(ctx, roster, partners)
    story = crm.simulate(ctx, roster, partners, fx)
    market = product_marketing.build_market(ctx, partners) if ctx.has_globals else None
    revisions = lms.build_revisions(ctx, market.triggers(), market.deployments()) if market else []
    return Story(ctx, roster, partners, fx, story, market, revisions)


def generate_shard(seed: int, shard: int = 0, scale: int = 1) -> dict[str, list[list[str]]]:
    """Rows of every raw table for one shard, in column order, as text."""
    s = build_story(seed, shard, scale)
    ctx = s.ctx
    rows: dict[str, list[list[str]]] = {}
    rows.update(hris.hris_rows(ctx, s.roster))
    rows.update(lms.lms_rows(ctx, s.roster, s.partners, s.revisions))
    rows.update(salesforce.salesforce_rows(ctx, s.roster, s.crm, s.fx))   # assigns CRM ids used below
    rows.update(partner_portal.partner_portal_rows(ctx, s.partners))
    rows.update(finance.finance_rows(ctx, s.roster, s.partners, s.crm, s.fx))
    rows.update(surveys.survey_rows(ctx, s.roster, s.partners))
    if s.market is not None:
        rows.update(product_marketing.product_marketing_rows(ctx, s.market))
    return {t.key: rows.get(t.key, []) for t in TABLES}
