"""The audit log (等保: 安全审计): every sign-in and every administrative action, append-only.

Record changes of business data are kept by django-simple-history on the models themselves; this
log holds what has no record of its own: sign-ins, failures, lockouts, and what the administrators
did (accounts, roles, reference data, security settings, unlocks, second factors, exports).
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        OTP_FAILED = "otp_failed", "二次验证失败"
        LOCKED_OUT = "locked_out", "账号锁定"
        LOGOUT = "logout", "退出登录"
        USER_CREATED = "user_created", "新建用户"
        USER_CHANGED = "user_changed", "修改用户"
        PASSWORD_RESET = "password_reset", "重置密码"
        PASSWORD_CHANGED = "password_changed", "修改本人密码"
        ADMINISTRATOR_CREATED = "administrator_created", "创建管理员"
        OTP_ENROLLED = "otp_enrolled", "启用二次验证"
        OTP_DISABLED = "otp_disabled", "停用二次验证"
        OTP_RESET = "otp_reset", "重置二次验证"
        RECOVERY_CODES = "recovery_codes", "重新生成恢复码"
        UNLOCKED = "unlocked", "解锁账号"
        POLICY_CHANGED = "policy_changed", "修改安全策略"
        REFERENCE_DATA = "reference_data", "修改参考数据"
        AUDIT_EXPORTED = "audit_exported", "导出审计记录"

    SIGN_IN_ACTIONS = frozenset({"login", "login_failed", "otp_failed", "locked_out", "logout"})

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    action = models.CharField("事件", max_length=24, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # the log outlives the accounts it names
    )
    # Kept as text: the log must read the same after an account is renamed or deleted, and a failed
    # sign-in may name an account that does not exist.
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    username = models.CharField("涉及账号", max_length=150, blank=True, db_index=True)
    target = models.CharField("对象", max_length=200, blank=True)
    detail = models.TextField("详情", blank=True)
    ip_address = models.GenericIPAddressField("IP地址", null=True, blank=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at", "-id"], name="audit_event_newest")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_action_display()} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("审计记录不能删除。")
