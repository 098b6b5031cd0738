"""The 2021 district registry as the seed report describes it.

From the seed: 118 kindergartens, 6 private schools, 88 subject-class and 377 non-subject-class
training institutions, 58 public schools and kindergartens (on 68 sites, 智安校园), among them
琅琊小学, 天母山小学 and 婺城小学; partner departments 区市场监管局, 区民政局, 区消防救援大队.
Every other name is invented and marked （演示）.
"""

from datetime import date

from simple_history.utils import bulk_create_with_history

from .models import Department, DepartmentKind, Organization, OrgKind, Ownership, ProfitStatus, Township
from .validators import credit_code_check_char

BUREAU = ("金华市婺城区教育局", "11330702732038549W")
TOWNSHIPS = [
    "城东街道",
    "城中街道",
    "城西街道",
    "城北街道",
    "江南街道",
    "西关街道",
    "秋滨街道",
    "三江街道",
    "新狮街道",
    "白龙桥镇",
    "琅琊镇",
    "蒋堂镇",
    "汤溪镇",
    "罗埠镇",
    "洋埠镇",
    "安地镇",
    "雅畈镇",
    "竹马乡",
    "长山乡",
    "沙畈乡",
    "塔石乡",
    "岭上乡",
    "莘畈乡",
    "箬阳乡",
]
SECTIONS = ["办公室", "政策法规科", "基础教育科", "安全管理科", "民办教育科", "人事科", "计划财务科", "行政审批窗口"]
PARTNERS = [
    ("金华市婺城区市场监督管理局", "区市场监管局"),
    ("金华市婺城区民政局", "区民政局"),
    ("金华市婺城区消防救援大队", "区消防救援大队"),
    ("金华市公安局婺城分局", "区公安分局"),
    ("金华市婺城区卫生健康局", "区卫健局"),
    ("金华市婺城区综合行政执法局", "区综合执法局"),
]
NAMED_SCHOOLS = ["琅琊小学", "天母山小学", "婺城小学"]
# 58 public schools and kindergartens: 30 primary, 6 junior, 2 nine-year, 20 kindergartens.
PUBLIC_PLAN = [
    (OrgKind.PUBLIC_PRIMARY, 30),
    (OrgKind.PUBLIC_JUNIOR, 6),
    (OrgKind.PUBLIC_NINE_YEAR, 2),
    (OrgKind.PUBLIC_KINDERGARTEN, 20),
]
PUBLIC_EXTRA_SITES = 10  # 58 organizations on 68 sites
KINDERGARTENS = 118
PRIVATE_SCHOOLS = 6
SUBJECT_TRAINING = 88
NONSUBJECT_TRAINING = 377
SUFFIX = {
    OrgKind.PUBLIC_PRIMARY: "小学",
    OrgKind.PUBLIC_JUNIOR: "初级中学",
    OrgKind.PUBLIC_NINE_YEAR: "九年一贯制学校",
    OrgKind.PUBLIC_KINDERGARTEN: "幼儿园",
    OrgKind.PRIVATE_KINDERGARTEN: "幼儿园",
    OrgKind.PRIVATE_SCHOOL: "学校",
    OrgKind.SUBJECT_TRAINING: "培训学校",
    OrgKind.NONSUBJECT_TRAINING: "艺术培训中心",
}
# Registration authority + type: 12 事业单位 (public), 52 民办非企业单位, 91 企业 (for-profit training).
PREFIX = {Ownership.PUBLIC: "12", "private_nonprofit": "52", "for_profit": "91"}
NUMERALS = "一二三四五六七八九十"


def demo_credit_code(prefix: str, serial: int) -> str:
    body = f"{prefix}330702MA2D{serial:05d}"[:17]
    return body + credit_code_check_char(body)


def _numbered(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")


def planned_organizations() -> list[dict]:
    """Every organization of the demo district, as field dictionaries (deterministic)."""
    plan = []
    serial = 0

    def add(name, kind, ownership, profit, sites=1, license_no=""):
        nonlocal serial
        serial += 1
        key = (
            Ownership.PUBLIC
            if ownership == Ownership.PUBLIC
            else ("for_profit" if profit == ProfitStatus.FOR_PROFIT else "private_nonprofit")
        )
        plan.append(
            {
                "name": name,
                "kind": kind,
                "ownership": ownership,
                "profit_status": profit,
                "credit_code": demo_credit_code(PREFIX[key], serial),
                "license_no": license_no,
                "township": TOWNSHIPS[serial % len(TOWNSHIPS)],
                "sites": sites,
                "address": f"金华市婺城区{TOWNSHIPS[serial % len(TOWNSHIPS)]}演示路{serial}号",
                "principal": f"演示负责人{serial}",
                "contact_phone": f"0579-8{serial:07d}"[:13],
                "established_on": date(1990 + serial % 30, 9, 1),
            }
        )

    public_index = 0
    for kind, count in PUBLIC_PLAN:
        for i in range(1, count + 1):
            if kind == OrgKind.PUBLIC_PRIMARY and i <= len(NAMED_SCHOOLS):
                name = NAMED_SCHOOLS[i - 1]
            else:
                name = f"婺城区第{_numbered(i)}{SUFFIX[kind]}（演示）"
            extra = 1 if public_index < PUBLIC_EXTRA_SITES else 0
            add(
                name,
                kind,
                Ownership.PUBLIC,
                ProfitStatus.NON_PROFIT,
                sites=1 + extra,
                license_no=f"教{330702}{public_index + 1:06d}",
            )
            public_index += 1
    public_kindergartens = dict(PUBLIC_PLAN)[OrgKind.PUBLIC_KINDERGARTEN]
    for i in range(1, KINDERGARTENS - public_kindergartens + 1):
        add(
            f"演示民办第{_numbered(i)}幼儿园",
            OrgKind.PRIVATE_KINDERGARTEN,
            Ownership.PRIVATE,
            ProfitStatus.NON_PROFIT,
            license_no=f"教民{330702}{i:06d}",
        )
    for i in range(1, PRIVATE_SCHOOLS + 1):
        add(
            f"演示民办第{_numbered(i)}学校",
            OrgKind.PRIVATE_SCHOOL,
            Ownership.PRIVATE,
            ProfitStatus.NON_PROFIT,
            license_no=f"教民{330702}{100 + i:06d}",
        )
    for i in range(1, SUBJECT_TRAINING + 1):
        add(
            f"演示学科培训学校{i:02d}",
            OrgKind.SUBJECT_TRAINING,
            Ownership.PRIVATE,
            ProfitStatus.FOR_PROFIT,
            license_no=f"教民{330702}{200 + i:06d}",
        )
    for i in range(1, NONSUBJECT_TRAINING + 1):
        add(f"演示艺体培训中心{i:03d}", OrgKind.NONSUBJECT_TRAINING, Ownership.PRIVATE, ProfitStatus.FOR_PROFIT)
    return plan


def load(*, stdout) -> None:
    for order, name in enumerate(TOWNSHIPS):
        Township.objects.get_or_create(name=name, defaults={"sort_order": order})
    for order, name in enumerate(SECTIONS):
        Department.objects.get_or_create(name=name, defaults={"kind": DepartmentKind.SECTION, "sort_order": order})
    for order, (name, short) in enumerate(PARTNERS):
        Department.objects.get_or_create(
            name=name, defaults={"kind": DepartmentKind.PARTNER, "short_name": short, "sort_order": order}
        )
    townships = {t.name: t for t in Township.objects.all()}
    # Every code the registry ever held: a converted institution (营转非) has a new code, not a new entry.
    existing = set(Organization.objects.values_list("credit_code", flat=True))
    existing |= set(Organization.history.values_list("credit_code", flat=True).distinct())
    rows = [
        {
            "name": BUREAU[0],
            "kind": OrgKind.BUREAU,
            "ownership": Ownership.PUBLIC,
            "profit_status": ProfitStatus.NON_PROFIT,
            "credit_code": BUREAU[1],
            "township": "城中街道",
            "address": "金华市婺城区",
            "sites": 1,
        }
    ]
    rows += planned_organizations()
    new = []
    for row in rows:
        if row["credit_code"] in existing:
            continue
        org = Organization(**{**row, "township": townships[row["township"]]})
        org.fill_name_keys()
        new.append(org)
    if new:
        bulk_create_with_history(new, Organization, batch_size=500, default_change_reason="演示数据")
    stdout.write(f"机构名录：新增{len(new)}家，共{Organization.objects.count()}家。")
