"""The seed's 2021 inspection year, rebuilt as real records (see DESIGN section 4).

1,019 inspections in seven plans: spring term-start checks (118 kindergartens, 88 training institutions,
6 private schools), the September survey with market supervision (88 subject-class + 377 non-subject-class),
双随机 with civil affairs (12 kindergartens + 9 institutions, by a real verifiable draw), special checks
with market supervision (6 + 9), provincial random checks with market supervision, civil affairs and the
fire brigade (6 private schools + 9 institutions, by a draw), the annual inspection of 118 kindergartens and
the November epidemic checks (109 kindergartens + 64 institutions). 9 certified officers; 5 district-managed
cadres and 2 civil servants sat the law exam; 58 public schools on 68 sites in 智安校园; 21 schools below
full marks in the 2020 平安校园 assessment. Names of people are invented (演示).
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from directory.models import SCHOOL_KINDS, Department, Organization, OrgKind, Ownership

from . import services
from .data import default_checklist
from .models import (
    BASE_SYSTEMS,
    OPTIONAL_SYSTEMS,
    RULES_FROM,
    SCORE_SHEET,
    Answer,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    CheckMatter,
    CheckMethod,
    Conclusion,
    DocumentCounter,
    ExamineeCategory,
    Hazard,
    HazardSource,
    HazardStatus,
    Inspection,
    LawExam,
    Officer,
    Plan,
    PlanKind,
    SafetyAssessment,
    SelfCheck,
    SelfCheckStatus,
    Severity,
    SmartCampus,
    Term,
    WarningNotice,
)

YEAR = 2021
OFFICERS = [
    # name, certificate, section
    ("周建华", "浙33070201001", "政策法规科"),
    ("吴晓燕", "浙33070201002", "政策法规科"),
    ("郑国平", "浙33070201003", "民办教育科"),
    ("王丽娟", "浙33070201004", "民办教育科"),
    ("陈志强", "浙33070201005", "民办教育科"),
    ("何文斌", "浙33070201006", "安全管理科"),
    ("徐美芳", "浙33070201007", "安全管理科"),
    ("朱立新", "浙33070201008", "基础教育科"),
    ("楼海燕", "浙33070201009", "基础教育科"),
]
RETIRED_OFFICER = ("方志远", "浙33070201010", "办公室")  # certificate expired in 2020: flagged, cannot inspect
EXAMS = [
    ("李建国", ExamineeCategory.CADRE, 92),
    ("张卫东", ExamineeCategory.CADRE, 88),
    ("周建华", ExamineeCategory.CADRE, 95),
    ("郑国平", ExamineeCategory.CADRE, 90),
    ("何文斌", ExamineeCategory.CADRE, 86),
    ("吴晓燕", ExamineeCategory.CIVIL_SERVANT, 93),
    ("王丽娟", ExamineeCategory.CIVIL_SERVANT, 89),
]
MARKET, CIVIL, FIRE, GRID = "区市场监管局", "区民政局", "区消防救援大队", "区综合执法局"
# For institutions that do not have them (training centres), these areas are 不适用.
SCHOOL_ONLY_AREAS = {"traffic", "drowning", "mental", "bullying"}


def _partners(*short_names):
    return list(Department.objects.filter(short_name__in=short_names))


def _section(name):
    return Department.objects.get(name=name)


def load_checklist(user) -> Checklist:
    checklist = Checklist.objects.filter(name=default_checklist.NAME).order_by("version").first()
    if checklist:
        return (
            Checklist.objects.filter(name=default_checklist.NAME, status=ChecklistStatus.PUBLISHED).first() or checklist
        )
    checklist = Checklist.objects.create(
        name=default_checklist.NAME,
        version=1,
        status=ChecklistStatus.PUBLISHED,
        effective_on=date(2021, 1, 1),
        notes="依据《婺城区校园安全“三级四阶”工作机制》十大行动编制。",
        created_by=user,
        updated_by=user,
    )
    items = [
        ChecklistItem(checklist=checklist, area=area, number=n, text=text, legal_basis=basis)
        for n, (area, text, basis) in enumerate(default_checklist.ITEMS, start=1)
    ]
    bulk_create_with_history(items, ChecklistItem, default_change_reason="演示数据", default_user=user)
    return checklist


# The 检查事项清单 (国办发〔2024〕54号) as a bureau would publish it for the checklist in use: every item,
# carried out on site by the 政策法规科, for the private organizations the rules are about.
MATTER_KINDS = [
    OrgKind.PRIVATE_SCHOOL,
    OrgKind.PRIVATE_KINDERGARTEN,
    OrgKind.SUBJECT_TRAINING,
    OrgKind.NONSUBJECT_TRAINING,
]


def load_check_matters(user, checklist) -> None:
    if CheckMatter.objects.exists():
        return
    body = _section("政策法规科")
    matters = [
        CheckMatter(
            item=item,
            body=body,
            org_kinds=[str(kind) for kind in MATTER_KINDS],
            method=CheckMethod.ONSITE,
            published_on=RULES_FROM,
            created_by=user,
            updated_by=user,
        )
        for item in checklist.items.order_by("number")
    ]
    bulk_create_with_history(matters, CheckMatter, default_change_reason="演示数据", default_user=user)


def load_officers(user) -> list[Officer]:
    if not Officer.objects.exists():
        rows = [
            Officer(
                name=name,
                certificate_no=cert,
                section=_section(section),
                valid_from=date(2019, 1, 1),
                valid_until=date(2027, 12, 31),
                created_by=user,
                updated_by=user,
            )
            for name, cert, section in OFFICERS
        ]
        name, cert, section = RETIRED_OFFICER
        rows.append(
            Officer(
                name=name,
                certificate_no=cert,
                section=_section(section),
                valid_from=date(2015, 1, 1),
                valid_until=date(2020, 12, 31),
                created_by=user,
                updated_by=user,
            )
        )
        bulk_create_with_history(rows, Officer, default_change_reason="演示数据")
        officers = {o.name: o for o in Officer.objects.all()}
        exams = [
            LawExam(
                year=YEAR,
                name=name,
                category=category,
                score=score,
                passed=True,
                exam_date=date(2021, 11, 18),
                officer=officers.get(name),
                created_by=user,
                updated_by=user,
            )
            for name, category, score in EXAMS
        ]
        exams += [
            LawExam(
                year=2020,
                name=name,
                category=category,
                score=score - 3,
                passed=True,
                exam_date=date(2020, 11, 12),
                officer=officers.get(name),
                created_by=user,
                updated_by=user,
            )
            for name, category, score in EXAMS[:4]
        ]
        bulk_create_with_history(exams, LawExam, default_change_reason="演示数据", default_user=user)
    return list(Officer.objects.certified_on(date(YEAR, 6, 30)).order_by("id"))


def _orgs(*kinds):
    return list(Organization.objects.filter(kind__in=kinds).order_by("kind_rank", "id"))


def plan_specs():
    kindergartens = _orgs(OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PRIVATE_KINDERGARTEN)
    private_kg = _orgs(OrgKind.PRIVATE_KINDERGARTEN)
    private_schools = _orgs(OrgKind.PRIVATE_SCHOOL)
    subject = _orgs(OrgKind.SUBJECT_TRAINING)
    nonsubject = _orgs(OrgKind.NONSUBJECT_TRAINING)
    kg_kinds = [OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PRIVATE_KINDERGARTEN]
    return [
        dict(
            name="2021年春季开学核验及疫情期间日常巡查",
            kind=PlanKind.TERM_START,
            section="安全管理科",
            partners=[],
            period=(date(2021, 2, 22), date(2021, 4, 30)),
            kinds=[*kg_kinds, OrgKind.PRIVATE_SCHOOL, OrgKind.SUBJECT_TRAINING],
            targets=kindergartens + subject + private_schools,
        ),
        dict(
            name="2021年9月校外培训机构摸底排查",
            kind=PlanKind.JOINT,
            section="民办教育科",
            partners=[MARKET, GRID],
            period=(date(2021, 9, 1), date(2021, 9, 30)),
            kinds=[OrgKind.SUBJECT_TRAINING, OrgKind.NONSUBJECT_TRAINING],
            targets=subject + nonsubject,
        ),
        dict(
            name="2021年幼儿园和培训机构“双随机”抽查",
            kind=PlanKind.RANDOM,
            section="政策法规科",
            partners=[CIVIL],
            period=(date(2021, 10, 8), date(2021, 10, 29)),
            kinds=[OrgKind.PRIVATE_KINDERGARTEN, OrgKind.NONSUBJECT_TRAINING],
            draw={OrgKind.PRIVATE_KINDERGARTEN: 12, OrgKind.NONSUBJECT_TRAINING: 9},
        ),
        dict(
            name="2021年幼儿园和培训机构专项检查",
            kind=PlanKind.SPECIAL,
            section="民办教育科",
            partners=[MARKET],
            period=(date(2021, 6, 1), date(2021, 6, 30)),
            kinds=[OrgKind.PRIVATE_KINDERGARTEN, OrgKind.NONSUBJECT_TRAINING],
            targets=private_kg[40:46] + nonsubject[200:209],
        ),
        dict(
            name="2021年省厅部署民办学校和培训机构随机抽查",
            kind=PlanKind.JOINT,
            section="民办教育科",
            partners=[MARKET, CIVIL, FIRE],
            period=(date(2021, 11, 1), date(2021, 11, 19)),
            kinds=[OrgKind.PRIVATE_SCHOOL, OrgKind.SUBJECT_TRAINING],
            draw={OrgKind.PRIVATE_SCHOOL: 6, OrgKind.SUBJECT_TRAINING: 9},
        ),
        dict(
            name="2021年度幼儿园实地年检",
            kind=PlanKind.ANNUAL,
            section="基础教育科",
            partners=[],
            period=(date(2021, 5, 6), date(2021, 7, 9)),
            kinds=kg_kinds,
            targets=kindergartens,
        ),
        dict(
            name="2021年11月疫情防控专项检查",
            kind=PlanKind.EPIDEMIC,
            section="安全管理科",
            partners=[],
            period=(date(2021, 11, 8), date(2021, 11, 30)),
            kinds=[*kg_kinds, OrgKind.SUBJECT_TRAINING, OrgKind.NONSUBJECT_TRAINING],
            targets=kindergartens[:109] + subject[:20] + nonsubject[:44],
        ),
    ]


def _answers(items, org_kind, rng, failed_count):
    school = org_kind in SCHOOL_KINDS
    answers = {}
    applicable = []
    for item in items:
        if not school and item.area in SCHOOL_ONLY_AREAS:
            answers[str(item.pk)] = {"r": Answer.NA, "n": ""}
        else:
            answers[str(item.pk)] = {"r": Answer.PASS, "n": ""}
            applicable.append(item)
    failed = rng.sample(applicable, failed_count) if failed_count else []
    for item in failed:
        answers[str(item.pk)] = {"r": Answer.FAIL, "n": "现场检查发现不符合要求，已当场指出。"}
    return answers, failed


def load_plans_and_inspections(user, checklist, officers, stdout) -> None:
    if Inspection.objects.filter(year=YEAR).exists():
        return
    rng = random.Random(YEAR)
    items = list(checklist.items.all())
    specs = plan_specs()
    tz = timezone.get_current_timezone()
    pending = []  # (inspection, officer ids, partner ids, failed items)
    for spec in specs:
        start, end = spec["period"]
        targets = spec.get("targets")
        count = len(targets) if targets else sum(spec["draw"].values())
        plan = services.plan_create(
            data=dict(
                name=spec["name"],
                kind=spec["kind"],
                lead_section=_section(spec["section"]),
                starts_on=start,
                ends_on=end,
                target_kinds=[str(k) for k in spec["kinds"]],
                checklist=checklist,
                planned_count=count,
            ),
            partners=_partners(*spec["partners"]),
            user=user,
        )
        assignments = {}
        if "draw" in spec:
            draw = services.draw_commit(plan=plan, quotas={str(k): v for k, v in spec["draw"].items()}, user=user)
            draw = services.draw_perform(draw=draw, user=user)
            committed = datetime.combine(start - timedelta(days=3), time(9, 30), tz)
            type(draw).objects.filter(pk=draw.pk).update(
                committed_at=committed, drawn_at=committed + timedelta(minutes=20), created_at=committed
            )
            for change in services.changes_of(draw):
                offset = timedelta(minutes=20) if change.to_status == "drawn" else timedelta(0)
                type(change).objects.filter(pk=change.pk).update(at=committed + offset, happened_on=committed.date())
            entities = list(draw.entities.select_related("organization").prefetch_related("officers"))
            targets = [e.organization for e in entities]
            assignments = {e.organization_id: [o.pk for o in e.officers.all()] for e in entities}
            services.plan_publish_results(plan=plan, user=user)
            published = datetime.combine(end + timedelta(days=5), time(10), tz)
            Plan.objects.filter(pk=plan.pk).update(results_published_at=published)
            for change in services.changes_of(plan):
                type(change).objects.filter(pk=change.pk).update(at=published, happened_on=published.date())
        partner_ids = [p.pk for p in plan.partners.all()]
        days = (end - start).days
        for index, org in enumerate(targets):
            day = start + timedelta(days=(index * days) // max(1, len(targets)))
            while day.weekday() >= 5 and day < end:
                day += timedelta(days=1)
            roll = rng.random()
            if roll < 0.06:
                conclusion, failed_count = Conclusion.RECTIFY, rng.choice([1, 1, 2])
            elif roll < 0.065 and org.kind in (OrgKind.SUBJECT_TRAINING, OrgKind.NONSUBJECT_TRAINING):
                conclusion, failed_count = Conclusion.REFERRED, 1
            else:
                conclusion, failed_count = Conclusion.PASSED, 0
            answers, failed = _answers(items, org.kind, rng, failed_count)
            officer_ids = assignments.get(org.pk) or [
                officers[index % len(officers)].pk,
                officers[(index + 1 + len(pending) // 97) % len(officers)].pk,
            ]
            if officer_ids[0] == officer_ids[1]:
                officer_ids[1] = officers[(index + 2) % len(officers)].pk
            inspection = Inspection(
                year=YEAR,
                serial=0,
                plan=plan,
                organization=org,
                organization_kind=org.kind,
                inspected_on=day,
                checklist=checklist,
                answers=answers,
                conclusion=conclusion,
                is_joint=bool(partner_ids),
                rectify_deadline=day + timedelta(days=30) if conclusion == Conclusion.RECTIFY else None,
                notes="现场检查，资料台账齐全。" if not failed else "现场检查发现问题，已出具整改要求。",
                site_contact=org.principal or "",
                created_by=user,
                updated_by=user,
            )
            pending.append((inspection, officer_ids, partner_ids, failed))
    pending.sort(key=lambda p: (p[0].inspected_on, p[0].plan.starts_on, p[0].organization_id))
    notice = 0
    for serial, (inspection, *_rest) in enumerate(pending, start=1):
        inspection.serial = serial
        if inspection.conclusion == Conclusion.RECTIFY:
            notice += 1
            inspection.notice_serial = notice
    created = bulk_create_with_history(
        [p[0] for p in pending], Inspection, batch_size=500, default_change_reason="演示数据"
    )
    by_serial = {i.serial: i for i in Inspection.objects.filter(year=YEAR).only("id", "serial")}
    officer_links, partner_links = [], []
    for inspection, officer_ids, partner_ids, _failed in pending:
        pk = by_serial[inspection.serial].pk
        officer_links += [Inspection.officers.through(inspection_id=pk, officer_id=o) for o in officer_ids]
        partner_links += [Inspection.partners.through(inspection_id=pk, department_id=d) for d in partner_ids]
    Inspection.officers.through.objects.bulk_create(officer_links, batch_size=2000)
    Inspection.partners.through.objects.bulk_create(partner_links, batch_size=2000)
    DocumentCounter.objects.update_or_create(kind="inspection", year=YEAR, defaults={"last": len(pending)})
    DocumentCounter.objects.update_or_create(kind="notice", year=YEAR, defaults={"last": notice})
    load_inspection_hazards(user, pending, by_serial, rng)
    stdout.write(f"行政检查：{len(created)}件（{YEAR}年），检查行动{len(specs)}项。")


def _five(hazard, rng):
    hazard.planned_on = hazard.found_on
    hazard.measures = f"立即组织整改：{hazard.description[:30]}……落实专人跟踪。"
    hazard.responsible_person = rng.choice(["园长", "校长", "分管副校长", "后勤主任", "机构负责人"])
    hazard.funds = Decimal(rng.choice([0, 500, 1200, 3000, 8000]))
    hazard.prevention = "纳入日常巡查清单，每月自查一次，举一反三。"


def load_inspection_hazards(user, pending, by_serial, rng) -> None:
    hazards = []
    for inspection, _o, _p, failed in pending:
        for item in failed:
            hazard = Hazard(
                organization=inspection.organization,
                area=item.area,
                description=f"{item.text}（不符合）：现场检查发现不符合要求",
                severity=Severity.MAJOR if item.area == "fire" and rng.random() < 0.3 else Severity.GENERAL,
                found_on=inspection.inspected_on,
                source=HazardSource.INSPECTION,
                inspection_id=by_serial[inspection.serial].pk,
                checklist_item=item,
                deadline=inspection.rectify_deadline or inspection.inspected_on + timedelta(days=30),
                created_by=user,
                updated_by=user,
            )
            roll = rng.random()
            found = hazard.found_on
            if roll < 0.72:
                _five(hazard, rng)
                hazard.status = HazardStatus.CLOSED
                hazard.completion_note = "已按要求整改到位，附整改后照片。"
                hazard.submitted_on = max(found, hazard.deadline - timedelta(days=5))
                hazard.closed_on = max(hazard.submitted_on, hazard.deadline - timedelta(days=2))
                hazard.verified_by = user
            elif roll < 0.82:
                _five(hazard, rng)
                hazard.status = HazardStatus.SUBMITTED
                hazard.completion_note = "整改已完成，请核验。"
                hazard.submitted_on = max(found, hazard.deadline - timedelta(days=1))
            elif roll < 0.92:
                _five(hazard, rng)
                hazard.status = HazardStatus.RECTIFYING
            else:
                hazard.status = HazardStatus.OPEN
            hazards.append(hazard)
    bulk_create_with_history(hazards, Hazard, default_change_reason="演示数据")


def load_school_records(user, checklist) -> None:
    """琅琊小学's accepted autumn self-check with two hazards, and a 全区警示 notice from one of them."""
    school = Organization.objects.filter(name="琅琊小学").first()
    admin = User.objects.filter(username="school").first()
    if not school or not admin or SelfCheck.objects.filter(organization=school).exists():
        return
    items = list(checklist.items.all())
    answers = {str(i.pk): {"r": Answer.PASS, "n": ""} for i in items}
    failed = [
        next(i for i in items if i.area == "fire" and "灭火器" in i.text),
        next(i for i in items if i.area == "traffic" and "校门口" in i.text),
    ]
    for item in failed:
        answers[str(item.pk)] = {"r": Answer.FAIL, "n": "自查发现，需整改"}
    self_check = SelfCheck.objects.create(
        organization=school,
        year=YEAR,
        term=Term.AUTUMN,
        checklist=checklist,
        answers=answers,
        summary="对照三级四阶检查表逐项自查，发现2处问题。",
        status=SelfCheckStatus.ACCEPTED,
        submitted_on=date(2021, 10, 12),
        reviewed_on=date(2021, 10, 15),
        reviewed_by=user,
        created_by=admin,
        updated_by=admin,
    )
    first = Hazard.objects.create(
        organization=school,
        area=failed[0].area,
        description=f"{failed[0].text}（自查发现）：教学楼二楼灭火器压力不足",
        found_on=date(2021, 10, 15),
        source=HazardSource.SELF_CHECK,
        self_check=self_check,
        checklist_item=failed[0],
        deadline=date(2021, 11, 15),
        status=HazardStatus.CLOSED,
        measures="更换灭火器6具，建立月检记录。",
        responsible_person="后勤主任",
        funds=Decimal("1800"),
        prevention="每月检查灭火器压力并登记。",
        completion_note="已全部更换。",
        planned_on=date(2021, 10, 18),
        submitted_on=date(2021, 11, 8),
        closed_on=date(2021, 11, 10),
        verified_by=user,
        created_by=user,
        updated_by=user,
    )
    Hazard.objects.create(
        organization=school,
        area=failed[1].area,
        description=f"{failed[1].text}（自查发现）：校门口缺少减速带",
        found_on=date(2021, 10, 15),
        source=HazardSource.SELF_CHECK,
        self_check=self_check,
        checklist_item=failed[1],
        deadline=date(2021, 12, 31),
        status=HazardStatus.RECTIFYING,
        planned_on=date(2021, 10, 20),
        measures="协调交警部门设置减速带和警示标志。",
        responsible_person="分管副校长",
        funds=Decimal("6000"),
        prevention="上下学高峰护学岗值守。",
        created_by=user,
        updated_by=user,
    )
    WarningNotice.objects.create(
        hazard=first,
        title="一校整改，全区警示：灭火器压力不足问题通报",
        issued_on=date(2021, 11, 12),
        body="琅琊小学自查发现教学楼灭火器压力不足，已全部更换。请各校立即对照检查灭火器有效期和压力，建立月检记录。",
        created_by=user,
        updated_by=user,
    )


def load_campus(user) -> None:
    if SmartCampus.objects.exists():
        return
    rng = random.Random(68)
    public = list(
        Organization.objects.filter(ownership=Ownership.PUBLIC, kind__in=SCHOOL_KINDS).order_by("kind_rank", "id")
    )
    keys = [k for k, _ in OPTIONAL_SYSTEMS]
    SmartCampus.objects.bulk_create(
        SmartCampus(
            organization=org,
            sites=org.sites,
            base_systems=[k for k, _ in BASE_SYSTEMS],
            optional_systems=sorted(rng.sample(keys, rng.randint(1, 4))),
            completed_on=date(2021, 3, 1) + timedelta(days=i * 3),
            police_linked=True,
            created_by=user,
            updated_by=user,
        )
        for i, org in enumerate(public)
    )
    rows = []
    for year, below in ((2020, 21), (2021, 8)):
        lowered = set(rng.sample(range(len(public)), below))
        for index, org in enumerate(public):
            scores = {key: full for key, _, full in SCORE_SHEET}
            if index in lowered:
                for key in rng.sample([k for k, _, _ in SCORE_SHEET], rng.randint(1, 2)):
                    scores[key] -= rng.choice([1, 2, 3])
            assessment = SafetyAssessment(
                organization=org,
                year=year,
                scores=scores,
                inspector_group=f"第{index % 4 + 1}督查组",
                notes="安全管理工作落实不到位，已当场反馈。" if index in lowered else "各项工作落实到位。",
                created_by=user,
                updated_by=user,
            )
            assessment.total = sum(Decimal(str(v)) for v in scores.values())
            from .models.campus import grade_for

            assessment.grade = grade_for(assessment.total, False)
            rows.append(assessment)
    SafetyAssessment.objects.bulk_create(rows)


def load(*, stdout) -> None:
    user = User.objects.filter(username="staff").first() or User.objects.filter(is_superuser=True).first()
    checklist = load_checklist(user)
    officers = load_officers(user)
    load_plans_and_inspections(user, checklist, officers, stdout)
    load_school_records(user, checklist)
    load_campus(user)
    load_check_matters(user, checklist)
    load_check_approvals(user, checklist, officers)
    stdout.write(
        f"检查表{checklist.items.count()}项；执法人员{len(officers)}人；隐患{Hazard.objects.count()}条；"
        f"智安校园{SmartCampus.objects.count()}所。"
    )


def load_check_approvals(user, checklist, officers) -> None:
    """行政检查审批表 (国办发〔2024〕54号): one approved visit next week to the demo school (its 检查通知 waits in
    the school's 待办) and one awaiting the demo leader (in the leader's 待办)."""
    from .models import CheckApproval
    from .services.notices import check_approval_approve, check_approval_create, check_approval_submit

    leader = User.objects.filter(username="leader").first()
    school = User.objects.filter(username="school").first()
    if CheckApproval.objects.exists() or leader is None or school is None or school.organization is None:
        return
    today = timezone.localdate()
    others = Organization.objects.exclude(pk=school.organization_id).filter(kind=school.organization.kind)
    for organization, approve in ((school.organization, True), (others.order_by("name").first(), False)):
        if organization is None:
            continue
        approval = check_approval_create(
            data={
                "kind": "visit",
                "checklist": checklist,
                "basis": "《中小学幼儿园安全管理办法》第五十条、《浙江省学校安全条例》",
                "starts_on": today + timedelta(days=7),
                "ends_on": today + timedelta(days=7),
            },
            organizations=[organization],
            officers=officers[:2],
            user=user,
        )
        check_approval_submit(approval=approval, user=user)
        if approve:
            check_approval_approve(approval=approval, user=leader)
