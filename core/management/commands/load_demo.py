"""Build the 2021 Wucheng district from the seed report, idempotently.

Each app that has demo data provides `<app>/demo.py` with `load(stdout)`; they run in dependency
order. Running the command twice changes nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.discovery import app_module

ORDER = ["directory", "accounts", "inspections", "legalaid", "conversions", "reports"]


class Command(BaseCommand):
    help = "载入婺城区2021年演示数据（可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="只在数据库中没有机构时载入")

    def handle(self, *args, **options):
        from directory.models import Organization

        if options["if_empty"] and Organization.objects.exists():
            self.stdout.write("数据库已有数据，跳过演示数据载入。")
            return
        for app in ORDER:
            module = app_module(app, "demo")
            if module is None:
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
