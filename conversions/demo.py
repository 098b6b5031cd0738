"""营转非 in 2021, as the seed reports it (part 七, “最多跑一次”改革亮点工作).

88 for-profit subject-class institutions were converted to non-profit by 11 bureau staff members (8
each), each in one visit and one step with all three departments done, so the 压减率 is 100%. The first
conversion is the pilot, the first in the province. The same day the province's first change of a
for-profit subject-class institution to non-subject-class was registered; that institution is not
among the district's 88, and adding it would change the seed's figures, so it is a note on the pilot.

Every case goes through the services, with the seed's 2021 dates as their 办理日期, so the registry
keeps the history of each change and the timelines read 2021. Running it again changes nothing. The
staff members are invented and marked （演示）.
"""

from datetime import date, timedelta

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from accounts.roles import Role
from directory.models import Department, Organization, OrgKind, ProfitStatus
from directory.validators import credit_code_check_char

from . import services
from .models import CaseKind, ConversionCase, ProcedureBaseline, TrackStatus

STAFF = 11
PER_STAFF = 8
PILOT_DAY = date(2021, 9, 28)
ROLLOUT_START = date(2021, 10, 11)
PILOT_NOTE = (
    "试点机构：全省首家完成“营转非”的学科类培训机构。"
    "同日，本窗口完成全省首个营利性学科类培训机构向非学科类培训机构的变更登记"
    "（该机构不在本区88家学科类培训机构之列，记为备注，不单独立案）。"
)


def staff_members() -> list[User]:
    section = Department.objects.filter(name="行政审批窗口").first()
    users = []
    for i in range(1, STAFF + 1):
        username = f"yzf{i:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=f"营转非对接员{i:02d}（演示）",
                role=Role.BUREAU_STAFF,
                section=section,
                phone=f"0579-8220{i:04d}",
            )
            user.set_password(DEMO_PASSWORD)
            user._change_reason = "演示数据"
            user.save()
        users.append(user)
    return users


def schedule(index: int) -> tuple[date, date]:
    """Opening and completion day of the index-th case: the pilot first, then the district-wide rollout."""
    if index == 0:
        return PILOT_DAY, PILOT_DAY
    opened = ROLLOUT_START + timedelta(days=(index - 1) * 45 // 87)
    return opened, opened + timedelta(days=1 + index % 3)


def _work(case: ConversionCase, *, opened: date, done: date, user: User, serial: int) -> None:
    documents = {
        "market": f"（婺）登记内销字〔2021〕第{1000 + serial}号",
        "education": f"教民{330702}{300 + serial:06d}",
        "civil": f"婺民非登字〔2021〕第{200 + serial}号",
    }
    for track in case.tracks.all():
        services.track_update(
            track=track,
            data={
                "status": TrackStatus.DONE,
                "accepted_on": opened,
                "completed_on": done,
                "document_no": documents[track.department],
            },
            user=user,
            expected_version=track.version,
        )
    services.materials_verify_all(case=case, user=user, on=opened)
    services.visit_record(
        case=case,
        data={
            "visited_on": opened,
            "visitor": case.organization.principal or "机构负责人",
            "purpose": "一次性提交三部门材料，一窗受理",
        },
        user=user,
    )
    services.step_record(
        case=case,
        data={"done_on": opened, "name": "一窗受理、三部门并联办理", "departments": "市场监管、教育、民政"},
        user=user,
    )
    # The new 民办非企业单位's code (52…, registered by civil affairs) replaces the company's (91…).
    body = f"52330702MJ2D{serial:05d}"
    services.case_complete(
        case=case,
        user=user,
        expected_version=None,
        completed_on=done,
        credit_code=body + credit_code_check_char(body),
        license_no=documents["education"],
    )


# The seed's “改革前3个环节/3次”: before the joint window an institution went to 市场监管, 教育 and 民政 in turn.
BASELINE = {
    "year": 2021,
    "steps": 3,
    "visits": 3,
    "source": "2021年“一件事联办”改革前，须分别到区市场监管局、区教育局、区民政局办理（演示）",
}


def load_baseline(user) -> None:
    if not ProcedureBaseline.objects.filter(year=BASELINE["year"]).exists():
        services.baseline_create(data=dict(BASELINE), user=user)


def load(*, stdout) -> None:
    staff = staff_members()
    load_baseline(staff[0])
    institutions = list(Organization.objects.filter(kind=OrgKind.SUBJECT_TRAINING).order_by("name", "id"))
    done_already = set(ConversionCase.objects.values_list("organization_id", flat=True))
    converted = 0
    for index, organization in enumerate(institutions[: STAFF * PER_STAFF]):
        if organization.pk in done_already or organization.profit_status != ProfitStatus.FOR_PROFIT:
            continue
        user = staff[index // PER_STAFF]
        opened, done = schedule(index)
        case = services.case_open(
            data={
                "organization": organization,
                "kind": CaseKind.CONVERT,
                "assignee": user,
                "opened_on": opened,
                "note": PILOT_NOTE if index == 0 else "",
            },
            user=user,
        )
        _work(case, opened=opened, done=done, user=user, serial=index + 1)
        converted += 1
    stdout.write(f"营转非：新办结{converted}件，共{ConversionCase.objects.count()}件，对接工作人员{len(staff)}人。")
