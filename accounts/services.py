"""Account administration. Every change is kept in the user's history and in the audit log."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from .audit import Action, audit_record
from .models import SecurityPolicy, User
from .roles import ADMINISTRATORS, Role

ADMINISTRATOR_ROLE_REFUSED = (
    "管理员角色（系统管理员、安全管理员、审计管理员）只能在服务器上用 manage.py create_administrator 设置。"
)
AUDITED_FIELDS = ("username", "full_name", "role", "organization", "section", "phone", "email", "is_active")


def _label(user: User, name: str) -> str:
    if name == "role":
        return user.role_label
    if name == "is_active":
        return "启用" if user.is_active else "停用"
    value = getattr(user, name)
    return str(value) if value not in (None, "") else "（空）"


def _changes(before: User | None, after: User) -> list[str]:
    lines = []
    for name in AUDITED_FIELDS:
        if before is None or _label(before, name) != _label(after, name):
            label = User._meta.get_field(name).verbose_name
            old = f"{_label(before, name)} → " if before is not None else ""
            lines.append(f"{label}：{old}{_label(after, name)}")
    return lines


@transaction.atomic
def user_save(*, user: User, password: str | None, actor: User, request=None, reason: str = "") -> User:
    """Create or change an account on behalf of the system administrator `actor`.

    The three administrator roles are refused here, both ways: they are given and taken only from
    the server's command line (create_administrator), so no administrator can make a second
    administrator identity or take one over by resetting its password."""
    before = User.objects.filter(pk=user.pk).first() if user.pk else None
    if user.role in ADMINISTRATORS or (before is not None and before.role in ADMINISTRATORS):
        raise ValidationError({"role": ADMINISTRATOR_ROLE_REFUSED})
    if password:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user._change_reason = reason or ("新建用户" if before is None else "修改用户")
    user.save()
    changes = _changes(before, user)
    if before is None or changes:
        audit_record(
            action=Action.USER_CREATED if before is None else Action.USER_CHANGED,
            actor=actor,
            request=request,
            username=user.username,
            target=user,
            detail="\n".join(changes),
        )
    if password and before is not None:
        audit_record(action=Action.PASSWORD_RESET, actor=actor, request=request, username=user.username, target=user)
    return user


@transaction.atomic
def password_change(*, form, request) -> User:
    """A user changes their own password (the form has checked the old one and the policy)."""
    user = form.save()
    audit_record(action=Action.PASSWORD_CHANGED, actor=user, request=request)
    return user


@transaction.atomic
def preferences_update(*, user: User, todo_digest: bool) -> User:
    """A user turns the daily 待办 e-mail on or off for themself."""
    user.todo_digest = todo_digest
    user._change_reason = "本人修改提醒设置"
    user.save(update_fields=["todo_digest"])
    return user


@transaction.atomic
def administrator_create(*, username: str, full_name: str, role: str, password: str) -> User:
    """One of the three administrators, made from the server's command line (create_administrator)."""
    if role not in ADMINISTRATORS:
        raise ValidationError({"role": "只能创建系统管理员、安全管理员或审计管理员。"})
    user = User(username=username, full_name=full_name, role=role)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user._change_reason = "命令行创建管理员"
    user.save()
    audit_record(
        action=Action.ADMINISTRATOR_CREATED,
        username=user.username,
        target=user,
        detail=f"角色：{Role(role).label}（服务器命令行 create_administrator）",
    )
    return user


@transaction.atomic
def security_policy_update(*, policy: SecurityPolicy, actor: User, request=None) -> SecurityPolicy:
    """The security administrator changes the policy; the old and new values go to the audit log."""
    before = SecurityPolicy.objects.filter(pk=policy.pk).first() if policy.pk else SecurityPolicy()
    policy.full_clean()
    policy.updated_by = actor
    policy.save()
    fields = [f for f in SecurityPolicy._meta.concrete_fields if f.editable and f.name not in ("id", "updated_by")]
    detail = [
        f"{f.verbose_name}：{getattr(before, f.name)} → {getattr(policy, f.name)}"
        for f in fields
        if getattr(before, f.name) != getattr(policy, f.name)
    ]
    audit_record(action=Action.POLICY_CHANGED, actor=actor, request=request, target=policy, detail="\n".join(detail))
    return policy


@transaction.atomic
def account_unlock(*, username: str, actor: User, request=None) -> int:
    """The security administrator lifts a lockout before it runs out (django-axes' failure records)."""
    from axes.utils import reset

    removed = reset(username=username)
    audit_record(
        action=Action.UNLOCKED,
        actor=actor,
        request=request,
        username=username,
        target=username,
        detail=f"清除失败记录{removed}条",
    )
    return removed
