from django.core.management.base import BaseCommand

from core.digest import send_digests
from core.tasks import send_todo_digest


class Command(BaseCommand):
    help = "发送每日待办邮件：默认交给任务进程（db_worker）发送；--now 在本进程内立即发送。每人每天最多一封。"

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="不经任务进程，立即发送")

    def handle(self, *args, **options):
        if options["now"]:
            self.stdout.write(f"已发送每日待办邮件 {send_digests()} 封。")
            return
        result = send_todo_digest.enqueue()
        self.stdout.write(f"已将每日待办邮件交给任务进程发送（任务 {result.id}）。")
