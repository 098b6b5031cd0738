from django.core.management.base import BaseCommand

from accounts.demo import describe


class Command(BaseCommand):
    help = "列出演示账号"

    def handle(self, *args, **options):
        self.stdout.write(describe())
