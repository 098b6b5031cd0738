"""Create one of the three administrators (三员) from the server's command line.

The web interface never grants an administrator role (accounts.services.user_save refuses it), so
this is where the first 系统管理员 comes from, and every 安全管理员 and 审计管理员 after it. The new
account binds its authenticator app at its first sign-in.
"""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.roles import ADMINISTRATORS, Role
from accounts.services import administrator_create

ROLES = [Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN]
PASSWORD_ENV = "ADMINISTRATOR_PASSWORD"  # noqa: S105 - the name of a variable, not a password


class Command(BaseCommand):
    help = "创建系统管理员、安全管理员或审计管理员账号（三员分立，每人只能担任其中一种角色）"

    def add_arguments(self, parser):
        parser.add_argument("--role", choices=[r.value for r in ROLES], help="admin / security_admin / audit_admin")
        parser.add_argument("--username")
        parser.add_argument("--full-name", default="")
        parser.add_argument(
            "--no-input", action="store_true", help=f"不提问：角色和用户名取自参数，密码取自环境变量 {PASSWORD_ENV}"
        )

    def handle(self, *args, role=None, username=None, full_name="", no_input=False, **options):
        if no_input:
            password = os.environ.get(PASSWORD_ENV, "")
            if not (role and username and password):
                raise CommandError(f"--no-input 需要 --role、--username 和环境变量 {PASSWORD_ENV}。")
        else:
            role = role or self._ask_role()
            username = username or input("用户名：").strip()
            full_name = full_name or input("姓名：").strip()
            password = self._ask_password()
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            held = existing.role_label
            raise CommandError(f"用户名“{username}”已存在（{held}）。每人只能担任一种管理员角色，请换一个用户名。")
        try:
            user = administrator_create(username=username, full_name=full_name, role=role, password=password)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"已创建{user.role_label}“{user.username}”。"))
        self.stdout.write("首次登录门户时，须用手机验证器应用扫码绑定二次验证（请本人立即登录完成绑定）。")

    def _ask_role(self) -> str:
        menu = "  ".join(f"{i}. {r.label}" for i, r in enumerate(ROLES, start=1))
        while True:
            answer = input(f"角色（{menu}）：").strip()
            if answer in {"1", "2", "3"}:
                return ROLES[int(answer) - 1].value
            if answer in ADMINISTRATORS:
                return answer
            self.stderr.write("请输入 1、2 或 3。")

    def _ask_password(self) -> str:
        while True:
            first = getpass.getpass("密码：")
            if first and first == getpass.getpass("再次输入密码："):
                return first
            self.stderr.write("两次输入的密码不一致，请重新输入。")
