"""The four roles of the portal and the groups of them that views ask for."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    BUREAU_STAFF = "bureau_staff", "局机关工作人员"
    LEADER = "leader", "局领导"
    SCHOOL_ADMIN = "school_admin", "学校/幼儿园管理员"


# Who sees the whole district (read access to every organization's records).
DISTRICT_ROLES = frozenset({Role.ADMIN, Role.BUREAU_STAFF, Role.LEADER})
# Who works the bureau's records (create and change them).
BUREAU_WRITERS = frozenset({Role.ADMIN, Role.BUREAU_STAFF})
