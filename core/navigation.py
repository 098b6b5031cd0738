"""The main menu: one entry per module, shown to the roles that may use it."""

from dataclasses import dataclass

from django.urls import reverse

from accounts.access import ANY_SIGNED_IN, EVERY_ACCOUNT
from accounts.roles import DISTRICT_ROLES, LEGAL_SECTION, Role

EVERYONE = EVERY_ACCOUNT
SCHOOL = frozenset({Role.SCHOOL_ADMIN})


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset
    prefix: str  # URL prefix that marks the item as current


MENU = [
    MenuItem("首页", "core:home", EVERYONE, "/$"),
    MenuItem("机构名录", "directory:organization_list", DISTRICT_ROLES, "/directory/"),
    MenuItem("行政检查", "inspections:index", ANY_SIGNED_IN, "/inspections/"),
    MenuItem("法律顾问与普法", "legalaid:index", ANY_SIGNED_IN, "/legalaid/"),
    MenuItem("营转非", "conversions:index", DISTRICT_ROLES, "/conversions/"),
    MenuItem("年度报告", "reports:index", ANY_SIGNED_IN, "/reports/"),
    MenuItem("信息公开", "public:index", EVERYONE, "/public/"),
    MenuItem("扫码评价", "inspections:visit_ratings", LEGAL_SECTION, "/inspections/ratings/"),
    MenuItem("用户管理", "accounts:user_list", frozenset({Role.ADMIN}), "/accounts/users/"),
    MenuItem("参考数据", "admin:index", frozenset({Role.ADMIN}), "/admin/"),
    MenuItem("安全策略", "accounts:security", frozenset({Role.SECURITY_ADMIN}), "/accounts/security/"),
    MenuItem("审计日志", "accounts:audit_log", frozenset({Role.AUDIT_ADMIN}), "/accounts/audit/"),
]


def menu_for(user, path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    for item in MENU:
        if user.role not in item.roles:
            continue
        url = reverse(item.url_name)
        current = path == "/" if item.prefix == "/$" else path.startswith(item.prefix)
        items.append({"label": item.label, "url": url, "current": current})
    return items
