"""The roles of the portal and the groups of them that views ask for.

A user holds one role (one field), so nobody is two of the three administrators at once (三员分立):
- 系统管理员 keeps accounts and reference data; reads no audit log and changes no security setting;
- 安全管理员 keeps the security settings (lockout, password policy, sessions), unlocks accounts and
  resets a lost second factor;
- 审计管理员 reads and exports the audit log of every administrative action and sign-in; changes nothing.
None of them is a bureau official: they neither read nor write the enforcement records.
The 法制审核人员 of the bureau's legal section is not an inspector either: it reads the ratings
organizations give their visits (扫码入企) and nothing else.
"""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    BUREAU_STAFF = "bureau_staff", "局机关工作人员"
    LEADER = "leader", "局领导"
    SCHOOL_ADMIN = "school_admin", "学校/幼儿园管理员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"


# An account no administrator has given a role yet: it signs in, sees no records and waits.
NO_ROLE = ""
NO_ROLE_LABEL = "未分配角色"

# The three administrators (三员). Granted only from the server's command line
# (`manage.py create_administrator`), never in the web interface, so no administrator can make a
# second administrator identity for himself.
ADMINISTRATORS = frozenset({Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# The roles that work with the district's records (bureau and schools).
BUSINESS_ROLES = frozenset({Role.BUREAU_STAFF, Role.LEADER, Role.SCHOOL_ADMIN})
# Who sees the whole district (read access to every organization's records).
DISTRICT_ROLES = frozenset({Role.BUREAU_STAFF, Role.LEADER})
# Who works the bureau's records (create and change them).
BUREAU_WRITERS = frozenset({Role.BUREAU_STAFF})
# The bureau's legal section (法制审核): reads the organizations' anonymous ratings of visits (扫码入企),
# which inspectors never see; it is not an inspector and reads no enforcement record.
LEGAL_SECTION = frozenset({Role.LEGAL_REVIEWER})
# Who must sign in with a second factor (TOTP); everyone else may choose to.
TWO_FACTOR_REQUIRED = ADMINISTRATORS | {Role.LEADER}
