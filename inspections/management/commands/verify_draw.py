"""Recompute a 双随机 draw from its published seed and frozen pools and compare with the stored result."""

import sys

from django.core.management.base import BaseCommand, CommandError

from inspections.draw_algorithm import commitment_for
from inspections.models import Draw, DrawStatus
from inspections.services import draw_verify


class Command(BaseCommand):
    help = "复核双随机抽取：用公开的种子和冻结的两库重新计算，与保存的结果比对（不一致时退出码为1）"

    def add_arguments(self, parser):
        parser.add_argument("draw_id", type=int, help="抽取编号（公开页面地址中的数字）")
        parser.add_argument("--seed", help="另行核对：给出的种子是否与承诺值相符")

    def handle(self, *args, draw_id, seed=None, **options):
        try:
            draw = Draw.objects.select_related("plan", "superseded_by").get(pk=draw_id)
        except Draw.DoesNotExist:
            raise CommandError(f"没有编号为{draw_id}的抽取。") from None
        if draw.status == DrawStatus.COMMITTED:
            raise CommandError("该抽取尚未执行，种子未公开，只能核对承诺值。")
        if seed is not None:
            match = commitment_for(seed) == draw.commitment
            self.stdout.write(f"给出的种子与承诺值{'相符' if match else '不符'}。")
        result = draw_verify(draw)
        self.stdout.write(f"{draw}：承诺值 {draw.commitment}")
        self.stdout.write(f"  种子与承诺值：{'相符' if result['commitment_ok'] else '不符'}")
        if result["withdrawn"]:
            replaced = f"（{draw.superseded_by}取代，理由：{draw.replaced_reason}）" if draw.superseded_by_id else ""
            self.stdout.write(f"  已撤回（未抽取）{replaced}：没有抽取结果需要复算。")
            if not result["entities_ok"]:
                self.stdout.write("  已撤回的承诺却保存了抽取结果。")
        else:
            self.stdout.write(f"  抽中机构：{'一致' if result['entities_ok'] else '不一致'}")
            self.stdout.write(f"  执法人员分配：{'一致' if result['officers_ok'] else '不一致'}")
        if result["ok"]:
            self.stdout.write(self.style.SUCCESS("复核结果：一致。"))
            return
        self.stderr.write(self.style.ERROR("复核结果：不一致！"))
        sys.exit(1)
