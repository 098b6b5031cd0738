from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "把备份恢复到一个新数据库（PostgreSQL 数据库名，或 SQLite 文件路径），并核对各表行数。"
        "不会覆盖门户正在使用的数据库，除非用 --i-know 再写一遍它的名字；已存在的其他数据库需加 --replace。"
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", help="backup_db 生成的备份文件")
        parser.add_argument("--target", required=True, help="新数据库名（PostgreSQL）或文件路径（SQLite）")
        parser.add_argument("--replace", action="store_true", help="目标数据库已存在时删除后重建")
        parser.add_argument(
            "--i-know", dest="i_know", metavar="数据库名", help="确认覆盖门户正在使用的数据库：再写一遍它的名字"
        )

    def handle(self, *args, **options):
        dump, target = Path(options["dump"]), options["target"]
        if not dump.is_file():
            raise CommandError(f"备份文件不存在：{dump}")
        try:
            backup.restore(dump, target_name=target, replace=options["replace"], i_know=options["i_know"])
        except backup.BackupError as exc:
            raise CommandError(f"恢复失败：{exc}") from None
        counts = backup.table_counts_restored(target)
        if options["i_know"]:
            # The live database was replaced behind Django's connections: no cached figure of before may
            # be read again (core.caching).
            cache.clear()
        self.stdout.write(f"已恢复到 {target}：{len(counts)} 张表，共 {sum(counts.values()):,} 行。")
