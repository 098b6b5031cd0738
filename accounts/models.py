from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .roles import BUREAU_WRITERS, DISTRICT_ROLES, Role


class User(AbstractUser):
    """A portal user. A school administrator is bound to exactly one organization."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.BUREAU_STAFF)
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

    def clean(self) -> None:
        super().clean()
        if self.role == Role.SCHOOL_ADMIN and not self.organization_id:
            raise ValidationError({"organization": "学校/幼儿园管理员必须绑定一个机构。"})
        if self.role != Role.SCHOOL_ADMIN and self.organization_id:
            raise ValidationError({"organization": "只有学校/幼儿园管理员绑定机构，局机关用户不绑定。"})

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
        return self.is_authenticated and self.role == Role.ADMIN
