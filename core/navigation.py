"""The main menu: one entry per module, shown to the roles that may use it."""

from dataclasses import dataclass

from accounts.roles import DISTRICT_ROLES, Role

from .templatetags.cached_url import cached_reverse

EVERYONE = frozenset(Role)
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
    MenuItem("行政检查", "inspections:index", EVERYONE, "/inspections/"),
    MenuItem("法律顾问与普法", "legalaid:index", EVERYONE, "/legalaid/"),
    MenuItem("营转非", "conversions:index", DISTRICT_ROLES, "/conversions/"),
    MenuItem("年度报告", "reports:index", EVERYONE, "/reports/"),
    MenuItem("信息公开", "public:index", EVERYONE, "/public/"),
    MenuItem("用户管理", "accounts:user_list", frozenset({Role.ADMIN}), "/accounts/users/"),
]


def menu_for(user, path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    for item in MENU:
        if user.role not in item.roles:
            continue
        url = cached_reverse(item.url_name)
        current = path == "/" if item.prefix == "/$" else path.startswith(item.prefix)
        items.append({"label": item.label, "url": url, "current": current})
    return items
