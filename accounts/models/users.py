from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..roles import ADMINISTRATORS, BUREAU_WRITERS, DISTRICT_ROLES, NO_ROLE, NO_ROLE_LABEL, TWO_FACTOR_REQUIRED, Role


class UserManager(BaseUserManager):
    def create_superuser(self, *args, **kwargs):
        # A superuser would hold every administrator's powers at once (三员分立). Only `createsuperuser`
        # calls this: a CommandError is what it prints as a plain message.
        from django.core.management.base import CommandError

        raise CommandError(
            "本平台不设超级用户：请用 manage.py create_administrator 创建系统管理员、安全管理员或审计管理员。"
        )


class User(AbstractUser):
    """A portal user. A school administrator is bound to exactly one organization.

    Nobody is a Django superuser: `is_superuser` is always false and `is_staff` means "系统管理员"
    (the reference-data pages of /admin/, accounts.admin_site), so neither flag can give anyone a
    second administrator's powers.
    """

    full_name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField(
        "角色",
        max_length=20,
        choices=Role.choices,
        blank=True,
        default=NO_ROLE,
        help_text="新账号没有角色，由系统管理员分配后才能查看业务数据。",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="所属机构",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="学校/幼儿园管理员必须绑定所管理的机构。",
    )
    section = models.ForeignKey(
        "directory.Department",
        verbose_name="所在科室",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # The enforcement officer this account belongs to, so the inspections a 双随机 draw assigns to the
    # officer reach the person in 待办 (core.todo).
    officer = models.OneToOneField(
        "inspections.Officer",
        verbose_name="对应执法人员",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account",
        help_text="局机关工作人员本人持有行政执法证的，选择其执法人员档案，双随机抽中的检查将列入其待办。",
    )
    todo_digest = models.BooleanField(
        "接收每日待办邮件",
        default=True,
        help_text="有待办事项时，每天发送一封汇总邮件到本人邮箱。",
    )

    # Role and organization changes are audited; password hashes and login times are not copied.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], cascade_delete_history=False)

    objects = UserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def save(self, *args, **kwargs):
        self.is_superuser = False
        self.is_staff = self.role == Role.ADMIN
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "role" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_superuser", "is_staff"}
        super().save(*args, **kwargs)

    @property
    def role_label(self) -> str:
        return self.get_role_display() if self.role else NO_ROLE_LABEL

    def clean(self) -> None:
        super().clean()
        if self.role == Role.SCHOOL_ADMIN and not self.organization_id:
            raise ValidationError({"organization": "学校/幼儿园管理员必须绑定一个机构。"})
        if self.role != Role.SCHOOL_ADMIN and self.organization_id:
            raise ValidationError({"organization": "只有学校/幼儿园管理员绑定机构，局机关用户不绑定。"})
        if self.officer_id and self.role != Role.BUREAU_STAFF:
            raise ValidationError({"officer": "只有局机关工作人员可以对应执法人员档案。"})

    @property
    def sees_district(self) -> bool:
        """True for bureau users, who read the records of every organization."""
        return self.is_authenticated and self.is_active and self.role in DISTRICT_ROLES

    @property
    def is_bureau_writer(self) -> bool:
        return self.is_authenticated and self.is_active and self.role in BUREAU_WRITERS

    @property
    def is_school_admin(self) -> bool:
        return self.is_authenticated and self.role == Role.SCHOOL_ADMIN

    @property
    def is_leader(self) -> bool:
        return self.is_authenticated and self.role == Role.LEADER

    @property
    def is_portal_admin(self) -> bool:
        """The 系统管理员 (accounts and reference data)."""
        return self.is_authenticated and self.role == Role.ADMIN

    @property
    def is_administrator(self) -> bool:
        """One of the three administrators (三员)."""
        return self.role in ADMINISTRATORS

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_REQUIRED
