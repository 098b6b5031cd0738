from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "备份数据库到 backups/（PostgreSQL 使用 pg_dump 自定义格式并校验可读；SQLite 使用在线备份）"

    def add_arguments(self, parser):
        parser.add_argument("--output", help="备份文件路径（默认 backups/wucheng_edu-时间.dump）")

    def handle(self, *args, **options):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(options["output"] or f"backups/wucheng_edu-{stamp}.dump")
        try:
            backup.dump(target)
        except backup.BackupError as exc:
            raise CommandError(f"数据库备份失败：{exc}") from None
        self.stdout.write(f"已备份到 {target}（{target.stat().st_size:,} 字节）")
