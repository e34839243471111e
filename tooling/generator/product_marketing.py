"""Product marketing: competitive events and the content deployed in answer,
product launches and joint case studies. Together they are the content
freshness triggers that drive LMS module revisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .common import (AS_OF, AS_OF_END, STORY_START, Ctx, Mess, month_starts, plus_days, quarter_starts,
                     weighted, work_time)
from .lms import MODULES
from .schema import table

TS_MIX = {"iso_z": 80, "plus2": 10, "space": 10}
LAUNCH_NAMES = {
    "h200": ["H200 capacity in {region}", "H200 reserved clusters", "H200 spot instances"],
    "b200": ["B200 clusters generally available", "B200 capacity in {region}", "GB200 NVL72 preview"],
    "inference": ["Managed inference endpoints", "Serverless inference for open models", "Inference autoscaling"],
    "training-clusters": ["Managed Slurm clusters", "Training cluster health checks", "1024-GPU training clusters"],
    "networking": ["InfiniBand 800G fabric", "Private interconnect", "Multi-region networking"],
    "gpu-pricing": ["Committed-use GPU discounts", "New reserved pricing tiers", "Per-second GPU billing"],
}
REGIONS = ["eu-north1", "eu-west2", "us-central1", "us-east1"]
CASE_PHRASE = {"h200": "H200 fine-tuning", "b200": "B200 training", "inference": "production inference",
               "training-clusters": "large-scale training", "networking": "multi-node networking",
               "gpu-pricing": "GPU cost optimisation", "competitive-aws": "a migration from AWS",
               "competitive-coreweave": "a move from CoreWeave"}


@dataclass
class CompetitiveEvent:
    event_id: str
    competitor: str
    event_type: str
    topic: str
    announced_at: datetime
    deployments: list = field(default_factory=list)   # (deployment_id, module_id, datetime)


@dataclass
class Market:
    events: list
    launches: list                 # (launch_id, name, topic, datetime)
    case_studies: list             # (case_study_id, partner, title, topic, datetime)

    def triggers(self) -> list[tuple[datetime, str, str]]:
        out = [(e.announced_at, e.topic, f"{e.competitor} {e.event_type.replace('_', ' ')}") for e in self.events]
        out += [(t, topic, f"launch: {name}") for _, name, topic, t in self.launches]
        out += [(t, topic, f"case study {cid}") for cid, _, _, topic, t in self.case_studies]
        return sorted(out)

    def deployments(self) -> list[tuple[datetime, str, str]]:
        return sorted((t, mid, f"{e.competitor} {e.event_type.replace('_', ' ')}")
                      for e in self.events for _, mid, t in e.deployments)


def build_market(ctx: Ctx, partners) -> Market:
    """The company-wide marketing calendar (built identically in every shard;
    case studies use shard 0's partners)."""
    rng = ctx.global_rng("product_marketing")
    events = []
    for month in month_starts(STORY_START, AS_OF):
        for _ in range(weighted(rng, {1: 30, 2: 45, 3: 25})):
            when = work_time(rng, month + timedelta(days=rng.randint(0, 27)))
            competitor = weighted(rng, {"AWS": 30, "GCP": 20, "Azure": 20, "CoreWeave": 30})
            kind = "pricing_change" if rng.random() < 0.45 else "product_announcement"
            own = {"AWS": "competitive-aws", "CoreWeave": "competitive-coreweave"}.get(competitor)
            if kind == "pricing_change":
                topic = own if own and rng.random() < 0.5 else "gpu-pricing"
            else:
                topic = own if own and rng.random() < 0.4 else rng.choice(
                    ["h200", "b200", "inference", "training-clusters", "networking"])
            events.append(CompetitiveEvent("", competitor, kind, topic, when))
    events.sort(key=lambda e: e.announced_at)
    deployment_seq = 0
    pending = []
    for i, e in enumerate(events, start=1):
        e.event_id = f"CE{i:04d}"
        if rng.random() < 0.07:
            continue
        low, high = (4, 12) if e.event_type == "pricing_change" else (8, 30)
        modules = [m for m in MODULES if e.topic in m.topics and m.created < e.announced_at] or \
                  [m for m in MODULES if m.module_id == "M007"]
        first = plus_days(rng, e.announced_at, low, high)
        targets = [(first, rng.choice(modules).module_id)]
        if rng.random() < 0.1 and len(modules) > 1:
            targets.append((plus_days(rng, first, 1, 10), rng.choice(modules).module_id))
        for t, mid in targets:
            if t <= AS_OF_END:
                pending.append((t.replace(microsecond=0), e, mid))
    for t, e, mid in sorted(pending, key=lambda x: (x[0], x[1].event_id)):
        deployment_seq += 1
        e.deployments.append((f"CD{deployment_seq:04d}", mid, t))

    launches = []
    for month in month_starts(STORY_START, AS_OF):
        for _ in range(weighted(rng, {0: 15, 1: 60, 2: 25})):
            when = work_time(rng, month + timedelta(days=rng.randint(0, 27)))
            topics = [t for t in LAUNCH_NAMES if t != "b200" or when >= datetime(2025, 1, 1)]
            topic = rng.choice(topics)
            name = rng.choice(LAUNCH_NAMES[topic]).format(region=rng.choice(REGIONS))
            launches.append((when, name, topic))
    launches = [(f"PL{i:03d}", name, topic, when) for i, (when, name, topic) in enumerate(sorted(launches), start=1)]

    studies = []
    for quarter in quarter_starts(STORY_START, AS_OF):
        for _ in range(weighted(rng, {2: 30, 3: 35, 4: 20, 5: 15})):
            when = work_time(rng, quarter + timedelta(days=rng.randint(0, 89)))
            if when > AS_OF_END:
                continue
            pool = [p for p in partners if p.active_on(when) and p.stage_on(when) >= 2] or \
                   [p for p in partners if p.active_on(when)]
            if not pool:
                continue
            partner = rng.choice(pool)
            topic = rng.choice(list(CASE_PHRASE))
            studies.append((when, partner, topic))
    studies.sort(key=lambda s: (s[0], s[1].n))
    case_studies = [(f"CS{i:04d}", p, f"{p.name} delivers {CASE_PHRASE[topic]} for a Sample Customer", topic, when)
                    for i, (when, p, topic) in enumerate(studies, start=1)]
    return Market(events, launches, case_studies)


def product_marketing_rows(ctx: Ctx, market: Market) -> dict[str, list[list[str]]]:
    T = {n: table(f"product_marketing.{n}") for n in ("competitive_events", "content_deployments",
                                                      "product_launches", "case_studies")}
    out = {t.key: [] for t in T.values()}
    if not ctx.has_globals:
        return out
    m = Mess(ctx.rng("mess.product_marketing"), TS_MIX)
    for e in market.events:
        out["product_marketing.competitive_events"].append(T["competitive_events"].row(
            competitive_event_id=e.event_id, competitor=e.competitor, event_type=e.event_type, topic=e.topic,
            announced_at=m.ts(e.announced_at), _loaded_at=m.stamp(e.announced_at)))
    deployments = sorted((did, e.event_id, mid, t) for e in market.events for did, mid, t in e.deployments)
    for did, eid, mid, t in deployments:
        out["product_marketing.content_deployments"].append(T["content_deployments"].row(
            deployment_id=did, competitive_event_id=eid, module_id=mid, deployed_at=m.ts(t),
            _loaded_at=m.stamp(t)))
    for lid, name, topic, t in market.launches:
        out["product_marketing.product_launches"].append(T["product_launches"].row(
            launch_id=lid, launch_name=name, topic=topic, launched_at=m.ts(t), _loaded_at=m.stamp(t)))
    for cid, partner, title, topic, t in market.case_studies:
        out["product_marketing.case_studies"].append(T["case_studies"].row(
            case_study_id=cid, partner_id=partner.partner_id, title=title, topic=topic, published_at=m.ts(t),
            _loaded_at=m.stamp(t)))
    return out
