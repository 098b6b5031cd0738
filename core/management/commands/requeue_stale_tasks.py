from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "把因工作进程被杀而停在“运行中”的任务重新排队（任务本身是幂等的，不会重复执行效果）"

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=15, help="运行超过多少分钟视为中断（默认15）")

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(minutes=options["older_than"])
        stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        count = stale.update(status="READY", started_at=None)
        self.stdout.write(f"重新排队 {count} 个中断的任务。")
