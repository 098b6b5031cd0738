"""The security settings the 安全管理员 keeps in the portal (等保: 身份鉴别).

One row. Its defaults come from the environment (settings.py), and no value may go below the floor
that 等保 level 3 asks for, so a security administrator can tighten the policy but not switch it off.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


# First values, from the environment (settings.py).
def default_failure_limit() -> int:
    return settings.LOGIN_FAILURE_LIMIT


def default_lockout_minutes() -> int:
    return settings.AXES_COOLOFF_MINUTES


def default_password_min_length() -> int:
    return settings.PASSWORD_MIN_LENGTH


def default_password_min_classes() -> int:
    return settings.PASSWORD_MIN_CHARACTER_CLASSES


def default_idle_timeout_minutes() -> int:
    return settings.SESSION_IDLE_TIMEOUT // 60


class SecurityPolicy(models.Model):
    failure_limit = models.PositiveSmallIntegerField(
        "连续失败次数上限",
        default=default_failure_limit,
        validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text="同一用户名连续输错密码或验证码达到此次数即锁定（不论来自哪个地址）。3–10次。",
    )
    lockout_minutes = models.PositiveSmallIntegerField(
        "锁定时长（分钟）",
        default=default_lockout_minutes,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text="锁定期满自动解锁；安全管理员可提前解锁。5–1440分钟。",
    )
    password_min_length = models.PositiveSmallIntegerField(
        "密码最短长度",
        default=default_password_min_length,
        validators=[MinValueValidator(8), MaxValueValidator(64)],
        help_text="8–64个字符。对之后设置的密码生效。",
    )
    password_min_classes = models.PositiveSmallIntegerField(
        "密码字符种类",
        default=default_password_min_classes,
        validators=[MinValueValidator(3), MaxValueValidator(4)],
        help_text="小写字母、大写字母、数字、符号中至少包含几类（3或4）。",
    )
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        "无操作自动退出（分钟）",
        default=default_idle_timeout_minutes,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
        help_text="5–120分钟。对之后登录的会话生效。",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "安全策略"
        verbose_name_plural = "安全策略"

    def __str__(self) -> str:
        return "安全策略"

    @classmethod
    def current(cls, request=None) -> "SecurityPolicy":
        """The policy in force (read once per request when a request is given)."""
        cached = getattr(request, "_security_policy", None) if request is not None else None
        if cached is not None:
            return cached
        policy = cls.objects.order_by("pk").first() or cls()
        if request is not None:
            request._security_policy = policy
        return policy
