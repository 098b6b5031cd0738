"""Fill a PostgreSQL database with province-scale synthetic data for the benchmarks.

    createdb wucheng_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale manage.py migrate
    DATABASE_URL=... manage.py seed_scale --organizations 20000 --inspections 1000000 --hazards 200000

The generator is `benchmarks/scale_data.py`. The database is marked (a comment on the database) so
that a second run knows the data is synthetic: it refuses to touch a database that holds other data
(a real registry) unless --force, and rebuilds a marked one only with --reset.
"""

import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core import caching


def _marker() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
        )
        return cursor.fetchone()[0] or ""


def _set_marker(text: str) -> None:
    with connection.cursor() as cursor:
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        cursor.execute(f"COMMENT ON DATABASE {name} IS %s", [text])


class Command(BaseCommand):
    help = "生成省级规模的演示数据（仅用于性能测试，PostgreSQL）"

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=20_000)
        parser.add_argument("--inspections", type=int, default=1_000_000)
        parser.add_argument("--hazards", type=int, default=200_000)
        parser.add_argument("--districts", type=int, default=90)
        parser.add_argument("--seed", type=int, default=2021, help="随机种子（相同参数生成相同数据）")
        parser.add_argument("--reset", action="store_true", help="清空已生成过规模数据的数据库后重新生成")
        parser.add_argument("--force", action="store_true", help="数据库中已有非规模数据时仍然执行（慎用）")

    def handle(self, *args, **options):
        from benchmarks.scale_data import MARKER, ScaleSeeder
        from directory.models import Organization

        if connection.vendor != "postgresql":
            raise CommandError("seed_scale 只用于 PostgreSQL（请设置 DATABASE_URL），不在 SQLite 上运行。")
        started = time.monotonic()
        marked = _marker().startswith(MARKER)
        has_data = Organization.objects.exists()
        if has_data and not marked and not options["force"]:
            raise CommandError(
                f"数据库 {connection.settings_dict['NAME']} 中已有不是 seed_scale 生成的数据，已停止。"
                "请使用新建的空数据库；确需在其上追加，请加 --force。"
            )
        if has_data and marked and not options["reset"]:
            raise CommandError("该数据库已有规模数据。重新生成请加 --reset（将清空整个数据库）。")
        if has_data and marked and options["reset"]:
            self.stdout.write("清空数据库并重新迁移……")
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            call_command("migrate", interactive=False, verbosity=0)
        _set_marker(f"{MARKER} (in progress)")
        self.stdout.write("载入婺城区演示数据（用户、检查表、材料清单、2021年度报告）……")
        call_command("load_demo", stdout=self.stdout)
        self.stdout.write("生成规模数据（COPY）……")
        seeder = ScaleSeeder(
            organizations=options["organizations"],
            inspections=options["inspections"],
            hazards=options["hazards"],
            districts=options["districts"],
            seed=options["seed"],
            out=self.stdout,
        )
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Skip the per-row foreign-key triggers during COPY (the generator only writes
                # existing keys); needs a superuser, otherwise the load is just slower.
                try:
                    with transaction.atomic():
                        cursor.execute("SET LOCAL session_replication_role = replica")
                except Exception:
                    self.stdout.write("（无超级用户权限：逐行检查外键，速度较慢）")
            counts = seeder.run()
        # COPY went through the raw psycopg cursor, which core.caching does not see.
        caching.touch(*apps.get_models(include_auto_created=True))
        step = time.monotonic()
        with connection.cursor() as cursor:
            # Fresh statistics and a visibility map, so the planner and index-only scans work at once.
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"  VACUUM ANALYZE（{time.monotonic() - step:.1f} 秒）")
        _set_marker(f"{MARKER} " + " ".join(f"{k}={v}" for k, v in counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"规模数据已生成，用时 {time.monotonic() - started:.0f} 秒："
                + "，".join(f"{k} {v:,}" for k, v in counts.items())
            )
        )
