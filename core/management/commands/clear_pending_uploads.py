from django.core.management.base import BaseCommand
from django.utils import timezone

from core.pending_uploads import clear_old


class Command(BaseCommand):
    help = "删除保存超过一天、未再提交的上传文件和超时退出时保存的填写内容（每天由定时任务运行）。"

    def handle(self, *args, **options):
        self.stdout.write(f"已删除过期的待提交文件 {clear_old(timezone.now())} 个。")
