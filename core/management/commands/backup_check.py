import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "演练：备份当前数据库，恢复到临时数据库，逐表核对行数，然后删除临时数据库"

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as tmp:
            # Named after the live database, so a scratch copy is recognisable (and stays in its namespace).
            live_name = Path(settings.DATABASES["default"]["NAME"]).stem[:40]
            target = f"{live_name}_restore_check_{uuid.uuid4().hex[:8]}"
            if not backup.is_postgres():
                target = str(Path(tmp) / f"{target}.sqlite3")
            try:
                dump = backup.dump(Path(tmp) / "check.dump")
                backup.restore(dump, target_name=target)
                live = backup.table_counts_live()
                restored = backup.table_counts_restored(target)
            except backup.BackupError as exc:
                hint = "（演练要创建临时数据库：数据库用户需要 CREATEDB 权限，见 docs/deploy.md）"
                raise CommandError(f"备份恢复演练失败：{exc}{hint if 'create database' in str(exc) else ''}") from None
            finally:
                backup.drop(target)
        differences = {
            t: (live.get(t), restored.get(t)) for t in set(live) | set(restored) if live.get(t) != restored.get(t)
        }
        if differences:
            lines = "; ".join(f"{t}: 现有{a} 恢复{b}" for t, (a, b) in sorted(differences.items()))
            raise CommandError(f"恢复后的行数不一致：{lines}")
        self.stdout.write(f"备份恢复演练通过：{len(live)} 张表、{sum(live.values()):,} 行全部一致。")
