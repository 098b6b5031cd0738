from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "把备份恢复到一个新数据库（PostgreSQL 数据库名，或 SQLite 文件路径），并核对各表行数"

    def add_arguments(self, parser):
        parser.add_argument("dump", help="backup_db 生成的备份文件")
        parser.add_argument("--target", required=True, help="新数据库名（PostgreSQL）或文件路径（SQLite）")

    def handle(self, *args, **options):
        dump = Path(options["dump"])
        if not dump.is_file():
            raise CommandError(f"备份文件不存在：{dump}")
        backup.restore(dump, target_name=options["target"])
        counts = backup.table_counts_restored(options["target"])
        self.stdout.write(f"已恢复到 {options['target']}：{len(counts)} 张表，共 {sum(counts.values()):,} 行。")
