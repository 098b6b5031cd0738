"""双随机 draws: commitment and frozen pools first, the selection and the revealed seed after.

The algorithm is in inspections/draw_algorithm.py and docs/decisions/0006-verifiable-random-draw.md.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import bounds
from core.models import AuditedModel


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", "已承诺（待抽取）"
    DRAWN = "drawn", "已抽取"
    SUPERSEDED = "superseded", "已作废（重新抽取）"
    # A commitment replaced by a new one before anything was drawn from it: nothing to verify but the seed.
    WITHDRAWN = "withdrawn", "已撤回（未抽取）"


class Draw(AuditedModel):
    plan = models.ForeignKey(
        "inspections.Plan", verbose_name="检查行动", on_delete=models.PROTECT, related_name="draws"
    )
    sequence = models.PositiveSmallIntegerField("第几次抽取", default=1)
    status = models.CharField("状态", max_length=12, choices=DrawStatus.choices, default=DrawStatus.COMMITTED)
    # How many organizations to draw from each organization kind: {"private_kindergarten": 12, ...}.
    quotas = models.JSONField("各类抽取数量")
    officers_per_entity = models.PositiveSmallIntegerField(
        "每家机构执法人员数", default=2, validators=bounds.between(2, 5, "名")
    )
    township = models.ForeignKey(
        "directory.Township", verbose_name="限定乡镇", on_delete=models.PROTECT, null=True, blank=True
    )
    exclude_recent_months = models.PositiveSmallIntegerField(
        "排除近N个月已检查机构", default=0, validators=bounds.between(0, 36, "个月")
    )
    # The day the pools describe: the plan's start (registry status and certificates valid on that day).
    pool_date = models.DateField("两库基准日")
    # The frozen pools: {"<kind>": [organization ids, ascending]} and [officer ids, ascending].
    entity_pool = models.JSONField("检查对象库（冻结）")
    officer_pool = models.JSONField("执法人员库（冻结）")
    commitment = models.CharField("种子承诺值 SHA-256", max_length=64)
    seed = models.CharField("随机种子", max_length=64)  # shown only once the draw is performed
    committed_at = models.DateTimeField("承诺时间", auto_now_add=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    redraw_reason = models.TextField("重新抽取理由", blank=True)
    superseded_by = models.ForeignKey(
        "self", verbose_name="取代本次的抽取", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "seed"])

    class Meta:
        verbose_name = "双随机抽取"
        verbose_name_plural = "双随机抽取"
        ordering = ["plan", "sequence"]
        constraints = [models.UniqueConstraint(fields=["plan", "sequence"], name="insp_draw_sequence")]

    def __str__(self) -> str:
        return f"{self.plan.name} 第{self.sequence}次抽取"

    def get_absolute_url(self) -> str:
        return reverse("inspections:draw_detail", args=[self.pk])

    @property
    def revealed_seed(self) -> str:
        """The seed, once the selection is made or the commitment withdrawn; before that only the
        commitment is public. A withdrawn seed is shown so anyone can see what it would have drawn."""
        return self.seed if self.status != DrawStatus.COMMITTED else ""

    @property
    def withdrawn(self) -> bool:
        return self.status == DrawStatus.WITHDRAWN

    @property
    def replaced_reason(self) -> str:
        """Why this draw was superseded or withdrawn: the reason written for the draw that replaced it."""
        return self.superseded_by.redraw_reason if self.superseded_by_id else ""

    @property
    def entity_count(self) -> int:
        return sum(int(v) for v in self.quotas.values())

    @property
    def pool_size(self) -> int:
        return sum(len(v) for v in self.entity_pool.values())


class DrawnEntityQuerySet(models.QuerySet):
    def binding(self, *, plan_id: int, organization_id: int) -> "DrawnEntity | None":
        """The drawn entry that binds an inspection of `organization_id` under `plan_id`: the
        organization's place in the plan's performed draw that has not been replaced by a redraw."""
        return (
            self.filter(draw__plan_id=plan_id, draw__status=DrawStatus.DRAWN, organization_id=organization_id)
            .select_related("draw")
            .prefetch_related("officers")
            .first()
        )

    def binding_officers(self, *, plan_id: int) -> dict[int, list[int]]:
        """{organization id: [officer ids]} of the plan's performed, not replaced draw."""
        drawn: dict[int, list[int]] = {}
        rows = self.filter(draw__plan_id=plan_id, draw__status=DrawStatus.DRAWN).values_list(
            "organization_id", "officers"
        )
        for organization_id, officer_id in rows.order_by("rank", "officers"):
            drawn.setdefault(organization_id, []).append(officer_id)
        return drawn


class DrawnEntity(models.Model):
    draw = models.ForeignKey(Draw, verbose_name="抽取", on_delete=models.CASCADE, related_name="entities")
    organization = models.ForeignKey(
        "directory.Organization", verbose_name="被抽中机构", on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField("抽中顺序")
    officers = models.ManyToManyField("inspections.Officer", verbose_name="执法人员", related_name="+")

    history = HistoricalRecords(m2m_fields=[officers])
    objects = DrawnEntityQuerySet.as_manager()

    class Meta:
        verbose_name = "抽中机构"
        verbose_name_plural = "抽中机构"
        ordering = ["draw", "rank"]
        constraints = [models.UniqueConstraint(fields=["draw", "organization"], name="insp_drawn_once")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.organization}"
