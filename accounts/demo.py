"""One demo user per role (printed by `make run`, listed in the README)."""

from directory.models import Department, Organization

from .models import User
from .roles import Role

DEMO_PASSWORD = "Wucheng@2021"
DEMO_USERS = [
    # username, full name, role, organization name, section
    ("admin", "系统管理员（演示）", Role.ADMIN, None, None),
    ("staff", "王晓明（演示）", Role.BUREAU_STAFF, None, "政策法规科"),
    ("leader", "李建国（演示）", Role.LEADER, None, "办公室"),
    ("school", "陈老师（演示·琅琊小学）", Role.SCHOOL_ADMIN, "琅琊小学", None),
    ("school2", "周老师（演示·天母山小学）", Role.SCHOOL_ADMIN, "天母山小学", None),
]


def load(*, stdout) -> None:
    for username, full_name, role, org_name, section in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            full_name=full_name,
            role=role,
            organization=Organization.objects.get(name=org_name) if org_name else None,
            section=Department.objects.get(name=section) if section else None,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        user.set_password(DEMO_PASSWORD)
        user._change_reason = "演示数据"
        user.save()
    stdout.write(f"演示用户：{len(DEMO_USERS)}个，密码均为 {DEMO_PASSWORD}")


def describe() -> str:
    lines = [f"  {u:<8} {Role(r).label:<10} {n}" for u, n, r, _, _ in DEMO_USERS]
    body = "\n".join(lines)
    return f"演示账号（密码均为 {DEMO_PASSWORD}）：\n{body}"
