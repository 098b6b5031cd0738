"""The 双随机 selection: a pure, documented, deterministic function of (seed, pools, counts).

Anyone holding the published seed and pools can recompute it (see docs/decisions/0006-verifiable-random-draw.md):

1. commitment = SHA-256(seed as UTF-8 text), hex. Published before the selection is made.
2. For each organization kind k (in alphabetical order), every organization id e in the frozen pool of k
   gets the score HMAC-SHA256(key=seed, message="entity:<e>") as hex; the quota[k] organizations with
   the lowest scores (ties by id) are drawn.
3. Drawn organizations are ranked by their score across all kinds (the order of the published list).
4. For each drawn organization e, every officer id o in the frozen officer pool gets the score
   HMAC-SHA256(key=seed, message="officer:<e>:<o>"); the `per_entity` officers with the lowest
   scores are assigned.
"""

import hashlib
import hmac
from dataclasses import dataclass


class DrawError(ValueError):
    """The draw cannot be made as asked (a pool too small)."""


def commitment_for(seed: str) -> str:
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def score(seed: str, message: str) -> str:
    return hmac.new(seed.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Selection:
    entities: list[int]  # drawn organization ids, in published order
    officers: dict[int, list[int]]  # organization id → assigned officer ids (lowest score first)


def select(
    *, seed: str, entity_pool: dict[str, list[int]], quotas: dict[str, int], officer_pool: list[int], per_entity: int
) -> Selection:
    """Draw `quotas[k]` organizations of each kind and `per_entity` officers for each of them."""
    if per_entity < 2:
        raise DrawError("每家被抽中机构至少须安排2名执法人员。")
    if len(officer_pool) < per_entity:
        raise DrawError(f"执法人员库只有{len(officer_pool)}人，不足每家{per_entity}人。")
    drawn: list[tuple[str, int]] = []
    for kind in sorted(quotas):
        count = int(quotas[kind])
        pool = entity_pool.get(kind, [])
        if count > len(pool):
            raise DrawError(f"抽取数量（{count}家）超过检查对象库中该类机构的数量（{len(pool)}家）。")
        ranked = sorted((score(seed, f"entity:{e}"), e) for e in pool)
        drawn += ranked[:count]
    drawn.sort()
    officers = {}
    for _, entity in drawn:
        ranked = sorted((score(seed, f"officer:{entity}:{o}"), o) for o in officer_pool)
        officers[entity] = [o for _, o in ranked[:per_entity]]
    return Selection(entities=[e for _, e in drawn], officers=officers)
