"""Counsel and 普法 data of the demo district, consistent with the seed report for 2021.

From the seed: every school and kindergarten has a legal counsel (coverage 100%); the 婺城区退离休
教师宣讲团 (夏月秋、叶亦善、朱有权、许纪雁) gave more than ten talks in schools reaching over ten thousand
people; the “美好生活，劳动创造” reading activity had more than 400 prize winners; schools held 禁毒、
消防安全、交通安全、未成年人保护 activities, contests, moot courts and 家长学校 lectures; on 六一 books
were given to 琅琊小学、天母山小学、婺城小学; the bureau's cadres studied law at the staff meetings and
the bureau issued the 《婺城区教育系统法律顾问聘任与管理办法》. Firms, lawyers and every number the
seed does not give are invented and marked （演示）.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from directory.demo import demo_credit_code
from directory.models import SCHOOL_KINDS, Department, Organization, OrgKind, OrgStatus

from .models import (
    Activity,
    ActivityKind,
    Appointment,
    Audience,
    CadreTraining,
    DocumentStatus,
    Evaluation,
    FilingStatus,
    LawFirm,
    Lawyer,
    NormativeDocument,
    ServiceKind,
    ServiceRecord,
)

REASON = "演示数据"
FIRMS = [
    ("浙江婺州演示律师事务所", "金华市婺城区演示大道101号", "周演示", "0579-82000001"),
    ("金华双龙演示律师事务所", "金华市婺城区演示路202号", "吴演示", "0579-82000002"),
    ("浙江八咏演示律师事务所", "金华市婺城区演示街303号", "郑演示", "0579-82000003"),
]
LAWYERS = [
    # name, firm index, first licence year, sex digit, specialties
    ("赵明远（演示）", 0, 2006, 1, "教育法、行政法"),
    ("钱慧敏（演示）", 0, 2011, 0, "合同纠纷、劳动人事"),
    ("孙立诚（演示）", 1, 2003, 1, "民商事诉讼、校园安全"),
    ("李雅琴（演示）", 1, 2014, 0, "未成年人保护、家事"),
    ("周正平（演示）", 1, 2009, 1, "行政复议与诉讼"),
    ("吴思远（演示）", 2, 2012, 1, "合同审查、政府采购"),
    ("郑婉清（演示）", 2, 2016, 0, "劳动人事、规章制度审核"),
    ("王博文（演示）", 2, 2008, 1, "侵权责任、纠纷调解"),
]
FIRST_TERM = (date(2021, 1, 1), date(2023, 12, 31))
SECOND_TERM_START = date(2024, 1, 1)
SCOPE = "法律咨询；合同审查；规章制度合法性审核；校园纠纷调解；涉诉案件代理；每学期至少一次法治讲座。"
SERVICE_TEXT = {
    ServiceKind.CONSULTATION: "就学生意外伤害处理、教职工请假管理等事项提供法律咨询。",
    ServiceKind.CONTRACT_REVIEW: "审查食堂食材采购、校服采购及校车服务合同，提出修改意见。",
    ServiceKind.RULES_REVIEW: "审核学校章程及学生管理、安全管理等规章制度的合法性。",
    ServiceKind.MEDIATION: "参与调解一起学生课间伤害家校纠纷，双方达成和解。",
    ServiceKind.LITIGATION: "代理学校应诉一起工程款纠纷案件。",
    ServiceKind.LECTURE: "为全体教职工作《未成年人保护法》专题法治讲座。",
}
# The seed's 五老宣讲: more than ten talks in schools, more than ten thousand people reached.
WULAO_SPEAKERS = ["夏月秋", "叶亦善", "朱有权", "许纪雁"]
WULAO_AUDIENCES = [1080, 860, 950, 720, 1200, 880, 930, 1010, 760, 890, 1150, 1230]
READING_WINNERS = 426
THEMES = [
    (ActivityKind.ANTI_DRUG, (6, 26), "“珍爱生命，远离毒品”禁毒主题教育"),
    (ActivityKind.FIRE, (11, 9), "“119”消防安全疏散演练与消防知识讲座"),
    (ActivityKind.TRAFFIC, (12, 2), "“全国交通安全日”交通安全主题班会"),
    (ActivityKind.MINORS, (5, 31), "《未成年人保护法》宣传周活动"),
    (ActivityKind.DROWNING, (6, 10), "防溺水“六不一会”安全教育"),
    (ActivityKind.CONSTITUTION, (12, 4), "“国家宪法日”宪法晨读"),
]


def _license_no(year: int, sex: int, serial: int) -> str:
    return f"13307{year}1{sex}{serial:06d}"


def _schools():
    return list(
        Organization.objects.filter(kind__in=SCHOOL_KINDS, status=OrgStatus.ACTIVE).order_by("kind_rank", "name", "id")
    )


def _attributed(obj, user):
    obj.created_by = user
    obj.updated_by = user
    return obj


def load(*, stdout) -> None:
    if LawFirm.objects.filter(name=FIRMS[0][0]).exists():
        stdout.write("法律顾问与普法：演示数据已存在，跳过。")
        return
    staff = User.objects.filter(username="staff").first()
    today = timezone.localdate()
    firms = [
        _attributed(
            LawFirm(
                name=name,
                credit_code=demo_credit_code("31", 90001 + i),
                address=address,
                contact_person=contact,
                phone=phone,
            ),
            staff,
        )
        for i, (name, address, contact, phone) in enumerate(FIRMS)
    ]
    firms = bulk_create_with_history(firms, LawFirm, default_change_reason=REASON, default_user=staff)
    firms = list(LawFirm.objects.order_by("id"))
    lawyers = [
        _attributed(
            Lawyer(
                name=name,
                firm=firms[firm],
                license_no=_license_no(year, sex, 100 + i),
                phone=f"1390579{i:04d}",
                specialties=specialties,
            ),
            staff,
        )
        for i, (name, firm, year, sex, specialties) in enumerate(LAWYERS)
    ]
    bulk_create_with_history(lawyers, Lawyer, default_change_reason=REASON, default_user=staff)
    lawyers = list(Lawyer.objects.select_related("firm").order_by("id"))

    schools = _schools()
    appointments = _appointments(schools, lawyers, staff, today)
    _contract(schools, staff)
    services = _services(schools, appointments, staff, today)
    evaluations = _evaluations(appointments, staff)
    activities = _activities(schools, staff, today)
    _bureau_items(staff)
    stdout.write(
        f"法律顾问与普法：律师事务所{len(firms)}家、律师{len(lawyers)}名、聘任{len(appointments)}项、"
        f"服务记录{services}条、年度考核{evaluations}条、普法活动{activities}项。"
    )


def _appointments(schools, lawyers, staff, today):
    rows = []
    for i, school in enumerate(schools):
        fee = Decimal(3000 if school.kind in (OrgKind.PRIVATE_KINDERGARTEN,) else 6000 + (i % 3) * 1000)
        rows.append(
            Appointment(
                organization=school,
                lawyer=lawyers[i % len(lawyers)],
                start_date=FIRST_TERM[0],
                end_date=FIRST_TERM[1],
                ends_on=FIRST_TERM[1],
                fee=fee,
                scope=SCOPE,
            )
        )
        # The current term; every 25th contract runs out within 60 days, so the coverage page has some to renew.
        end = today + timedelta(days=15 + i % 40) if i % 25 == 7 else date(today.year + 1, 12, 31)
        rows.append(
            Appointment(
                organization=school,
                lawyer=lawyers[(i + 3) % len(lawyers)],
                start_date=SECOND_TERM_START,
                end_date=end,
                ends_on=end,
                fee=fee,
                scope=SCOPE,
            )
        )
        if school.name == "琅琊小学":  # a school may have more than one counsel
            rows.append(
                Appointment(
                    organization=school,
                    lawyer=lawyers[(i + 5) % len(lawyers)],
                    start_date=date(2025, 9, 1),
                    end_date=date(today.year + 1, 8, 31),
                    ends_on=date(today.year + 1, 8, 31),
                    fee=Decimal(2000),
                    scope="学生欺凌与家校纠纷的专项调解；家长学校法治讲座。",
                )
            )
    for row in rows:
        _attributed(row, staff)
    bulk_create_with_history(rows, Appointment, batch_size=500, default_change_reason=REASON, default_user=staff)
    return list(Appointment.objects.order_by("id"))


def _contract(schools, staff):
    from documents.renderer import render_pdf

    appointment = (
        Appointment.objects.filter(organization__name="琅琊小学", start_date=SECOND_TERM_START)
        .select_related("organization", "lawyer__firm")
        .first()
    )
    if appointment is None:
        return
    content = render_pdf("legalaid/contract_demo_pdf.html", {"appointment": appointment, "title": "法律顾问聘用合同"})
    appointment.contract_file.save("contract.pdf", ContentFile(content), save=False)
    appointment.contract_name = "琅琊小学常年法律顾问聘用合同（演示）.pdf"
    appointment.updated_by = staff
    appointment._change_reason = "上传聘用合同（演示）"
    appointment.save()


def _services(schools, appointments, staff, today):
    by_school: dict[int, list[Appointment]] = {}
    for a in appointments:
        by_school.setdefault(a.organization_id, []).append(a)
    # Mostly advice and contract review; lawsuits are rare.
    kinds = [
        ServiceKind.CONSULTATION,
        ServiceKind.CONTRACT_REVIEW,
        ServiceKind.CONSULTATION,
        ServiceKind.RULES_REVIEW,
        ServiceKind.LECTURE,
        ServiceKind.CONSULTATION,
        ServiceKind.CONTRACT_REVIEW,
        ServiceKind.MEDIATION,
        ServiceKind.CONSULTATION,
        ServiceKind.LECTURE,
    ]
    rows = []
    for i, school in enumerate(schools):
        for year in range(2021, today.year + 1):
            if year == 2021 and i % 40 == 5:
                continue  # a few counsel logged nothing in 2021: the evaluation page flags them
            count = 2 + i % 3 if year == 2021 else 1 + (i + year) % 2
            for k in range(count):
                day = date(year, (i + k * 4) % 12 + 1, (i * 7 + k * 3) % 28 + 1)
                if day > today:
                    continue
                appointment = next(
                    (a for a in by_school[school.pk] if a.start_date <= day <= a.ends_on and a.lawyer_id), None
                )
                if appointment is None:
                    continue
                kind = kinds[(i + k + year) % len(kinds)] if (i + k * 7) % 45 else ServiceKind.LITIGATION
                rows.append(
                    _attributed(
                        ServiceRecord(
                            appointment=appointment,
                            date=day,
                            kind=kind,
                            hours=Decimal("1.0") + Decimal("0.5") * ((i + k) % 4),
                            summary=SERVICE_TEXT[kind],
                        ),
                        staff,
                    )
                )
    bulk_create_with_history(rows, ServiceRecord, batch_size=1000, default_change_reason=REASON, default_user=staff)
    return len(rows)


def _evaluations(appointments, staff):
    served = set(ServiceRecord.objects.filter(date__year=2021).values_list("appointment_id", flat=True))
    rows = []
    for i, a in enumerate(appointments):
        if a.start_date == FIRST_TERM[0] and a.id in served:
            score = 78 + (i * 7) % 21
            comment = "服务及时，能按约完成合同审查和法治讲座。" if score >= 90 else "履职基本到位，法治讲座场次偏少。"
            rows.append(_attributed(Evaluation(appointment=a, year=2021, score=score, comment=comment), staff))
    bulk_create_with_history(rows, Evaluation, batch_size=500, default_change_reason=REASON, default_user=staff)
    return len(rows)


def _activities(schools, staff, today):
    bureau = Organization.objects.get(kind=OrgKind.BUREAU)
    named = {s.name: s for s in schools if s.name in ("琅琊小学", "天母山小学", "婺城小学")}
    public_schools = [
        s for s in schools if s.kind in (OrgKind.PUBLIC_PRIMARY, OrgKind.PUBLIC_JUNIOR, OrgKind.PUBLIC_NINE_YEAR)
    ]
    plan: list[tuple[Activity, list[Organization]]] = []

    def add(orgs, **fields):
        plan.append((_attributed(Activity(**fields), staff), orgs))

    add(
        [bureau],
        title="婺城区退离休教师宣讲团网上宣传（快板、道情、朗诵、歌曲、讲座、健身操）",
        date=date(2021, 2, 20),
        kind=ActivityKind.OTHER,
        audience=Audience.MIXED,
        participants=0,
        description="疫情防控期间，宣讲团在网上以快板、道情、朗诵、歌曲、讲座、健身操等形式开展宣传。网上观看人数未统计。",
    )
    for n, audience in enumerate(WULAO_AUDIENCES):
        school = public_schools[(n * 3) % len(public_schools)]
        speaker = WULAO_SPEAKERS[n % len(WULAO_SPEAKERS)]
        add(
            [bureau, school],
            title=f"好人进校园·宣讲正能量（{speaker}老师走进{school.name}）",
            date=date(2021, 3 + n % 9, 8 + n),
            kind=ActivityKind.WULAO,
            audience=Audience.STUDENTS,
            participants=audience,
            description=f"婺城区退离休教师宣讲团{speaker}老师为全校师生宣讲，受教育{audience}人。",
        )
    add(
        [bureau, *named.values()],
        title="“情系教育，关爱儿童”六一赠书活动",
        date=date(2021, 6, 1),
        kind=ActivityKind.CARE,
        audience=Audience.STUDENTS,
        participants=0,
        description="六一儿童节向琅琊小学、天母山小学、婺城小学赠书（赠书册数未统计）。",
    )
    add(
        [bureau],
        title="全国新时代好少年“美好生活，劳动创造”主题教育读书活动",
        date=date(2021, 10, 15),
        kind=ActivityKind.READING,
        audience=Audience.STUDENTS,
        participants=18600,
        winners=READING_WINNERS,
        description=f"组织全区中小学开展主题教育读书活动，获奖{READING_WINNERS}人（参加人数为演示数）。",
    )
    add(
        [bureau],
        title="全区中小学生法治手抄报比赛",
        date=date(2021, 11, 20),
        kind=ActivityKind.CONTEST,
        audience=Audience.STUDENTS,
        participants=2300,
        winners=120,
        description="演示数据：法治主题手抄报、征文、演讲比赛。",
    )
    for i, school in enumerate(schools):
        for t in (i % len(THEMES), (i + 2) % len(THEMES)):
            kind, (month, day), title = THEMES[t]
            kindergarten = school.kind in (OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PRIVATE_KINDERGARTEN)
            add(
                [school],
                title=title,
                date=date(2021, month, day),
                kind=kind,
                audience=Audience.STUDENTS,
                participants=(60 + i % 5 * 20) if kindergarten else (300 + (i * 37) % 600),
                description=f"{school.name}利用宣传日组织学生开展{kind.label}主题教育。",
            )
        if i % 8 == 0:
            add(
                [school],
                title="家长学校：“带法回家”家庭教育法治讲座",
                date=date(2021, 4 + i % 6, 12),
                kind=ActivityKind.PARENT_SCHOOL,
                audience=Audience.PARENTS,
                participants=150 + i % 7 * 30,
                description="依托“两书一信”家校共育，组织家长参加法治讲座。",
            )
        if school.kind == OrgKind.PUBLIC_JUNIOR:
            add(
                [school],
                title="模拟法庭：校园欺凌案件审理",
                date=date(2021, 5, 20),
                kind=ActivityKind.MOOT_COURT,
                audience=Audience.STUDENTS,
                participants=200 + i % 5 * 40,
                description="学生分饰法官、公诉人、辩护人，体验庭审流程。",
            )
        recent = date(today.year, max(1, today.month - 1 - i % 3), 10)
        if recent <= today:
            kind, _day, title = THEMES[(i + 3) % len(THEMES)]
            add(
                [school],
                title=title,
                date=recent,
                kind=kind,
                audience=Audience.STUDENTS,
                participants=100 + (i * 13) % 400,
                description="演示数据：本年度活动。",
            )
    activities = bulk_create_with_history(
        [a for a, _ in plan], Activity, batch_size=500, default_change_reason=REASON, default_user=staff
    )
    created = list(Activity.objects.order_by("id"))[-len(plan) :]
    links = [
        Activity.organizations.through(activity_id=activity.pk, organization_id=org.pk)
        for activity, (_a, orgs) in zip(created, plan, strict=True)
        for org in orgs
    ]
    Activity.organizations.through.objects.bulk_create(links, batch_size=1000)
    return len(activities)


def _bureau_items(staff):
    trainings = [
        (date(2021, 3, 10), "《中华人民共和国民法典》专题学习", "局法律顾问（演示）", 56, "1.5"),
        (date(2021, 4, 14), "习近平法治思想学习", "局党委委员（演示）", 61, "2.0"),
        (date(2021, 6, 9), "新修订《中华人民共和国未成年人保护法》解读", "局法律顾问（演示）", 58, "1.5"),
        (date(2021, 7, 14), "新修订《中华人民共和国行政处罚法》与教育行政执法", "区司法局讲师（演示）", 47, "2.0"),
        (date(2021, 10, 27), "《中华人民共和国家庭教育促进法》学习", "局法律顾问（演示）", 52, "1.5"),
        (date(2021, 11, 17), "学法用法考试考前辅导", "政策法规科（演示）", 40, "1.0"),
    ]
    rows = [
        _attributed(
            CadreTraining(
                date=d,
                title=t,
                lecturer=lecturer,
                participants=n,
                hours=Decimal(h),
                content="全局学习例会安排法律知识学习。",
            ),
            staff,
        )
        for d, t, lecturer, n, h in trainings
    ]
    bulk_create_with_history(rows, CadreTraining, default_change_reason=REASON, default_user=staff)
    section = Department.objects.filter(name="政策法规科").first() or Department.objects.first()
    documents = [
        NormativeDocument(
            title="金华市婺城区教育局关于印发《婺城区教育系统法律顾问聘任与管理办法》的通知",
            number="婺教〔2021〕8号",
            drafting_department=section,
            drafted_on=date(2021, 1, 6),
            status=DocumentStatus.ISSUED,
            review_opinion="经合法性审查，内容符合法律法规规定，同意印发。",
            reviewed_on=date(2021, 1, 20),
            issued_on=date(2021, 2, 1),
            filing_status=FilingStatus.FILED,
            filed_on=date(2021, 2, 25),
            notes="文号与日期为演示数据。",
        ),
        NormativeDocument(
            title="婺城区校外培训机构日常监管办法（演示）",
            number="婺教〔2021〕31号",
            drafting_department=section,
            drafted_on=date(2021, 8, 2),
            status=DocumentStatus.ISSUED,
            review_opinion="建议删除增设行政许可条件的条款，修改后同意印发。",
            reviewed_on=date(2021, 8, 30),
            issued_on=date(2021, 9, 15),
            filing_status=FilingStatus.SUBMITTED,
            notes="演示数据。",
        ),
        NormativeDocument(
            title="婺城区民办幼儿园年检实施细则（演示）",
            drafting_department=section,
            drafted_on=date(2021, 11, 8),
            status=DocumentStatus.REVIEWING,
            notes="演示数据。",
        ),
    ]
    for document in documents:
        _attributed(document, staff)
    bulk_create_with_history(documents, NormativeDocument, default_change_reason=REASON, default_user=staff)
