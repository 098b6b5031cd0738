"""One demo user per role (printed by `make run`, listed in the README).

The roles that must sign in with a second factor (the three administrators and 局领导) get an
authenticator already bound, with a random secret made on this machine: `demo_users` prints each
secret (to add to an authenticator app by hand) and `manage.py demo_code <user>` prints the code of
the moment, so a newcomer without an app can still sign in. Only devices made here answer to
demo_code (they carry DEMO_DEVICE_NAME).
"""

from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.models import Department, Organization

from .models import User
from .roles import Role

DEMO_PASSWORD = "Wucheng@2021"
DEMO_DEVICE_NAME = "演示验证器"
DEMO_USERS = [
    # username, full name, role, organization name, section
    ("admin", "系统管理员（演示）", Role.ADMIN, None, None),
    ("security", "安全管理员（演示）", Role.SECURITY_ADMIN, None, None),
    ("auditor", "审计管理员（演示）", Role.AUDIT_ADMIN, None, None),
    ("staff", "王晓明（演示）", Role.BUREAU_STAFF, None, "政策法规科"),
    ("leader", "李建国（演示）", Role.LEADER, None, "办公室"),
    ("school", "陈老师（演示·琅琊小学）", Role.SCHOOL_ADMIN, "琅琊小学", None),
    ("school2", "周老师（演示·天母山小学）", Role.SCHOOL_ADMIN, "天母山小学", None),
    ("legal", "郑法审（演示）", Role.LEGAL_REVIEWER, None, "政策法规科"),
]


def load(*, stdout) -> None:
    for username, full_name, role, org_name, section in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=full_name,
                role=role,
                organization=Organization.objects.get(name=org_name) if org_name else None,
                section=Department.objects.get(name=section) if section else None,
            )
            user.set_password(DEMO_PASSWORD)
            user._change_reason = "演示数据"
            user.save()
        if user.needs_two_factor and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, confirmed=True)
    stdout.write(f"演示用户：{len(DEMO_USERS)}个，密码均为 {DEMO_PASSWORD}")


def demo_device(username: str) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user__username=username, name=DEMO_DEVICE_NAME, confirmed=True).first()


def describe() -> str:
    lines = []
    for username, full_name, role, _, _ in DEMO_USERS:
        line = f"  {username:<9} {Role(role).label:<10} {full_name}"
        device = demo_device(username)
        if device is not None:
            secret = b32encode(device.bin_key).decode()
            line += f"\n{'':12}二次验证密钥 {secret}（当前验证码：python manage.py demo_code {username}）"
        lines.append(line)
    body = "\n".join(lines)
    return f"演示账号（密码均为 {DEMO_PASSWORD}）：\n{body}"
