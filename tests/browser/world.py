"""A district's current year, as the crawls of the phone and accessibility tests find it.

Not the 2021 demo: this year's term-start check of school A with a hazard the bureau returned once (with
its reason) and one past its deadline, a self-check sent back, counsel with a service and an evaluation,
a 普法 activity with a photo, last year's 依法治校年度报告表, a published report and a performed
双随机 draw for the public pages, school B's own records that school A must never see, and a 营转非 case
for the bureau.
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import (
    Area,
    Conclusion,
    Hazard,
    HazardSource,
    Inspection,
    PlanKind,
    SelfCheck,
    SelfCheckStatus,
    Term,
)
from legalaid.models import Activity, Appointment
from reports import services as report_services
from reports.models import SchoolReportForm
from tests.conversions.factories import CaseFactory
from tests.inspections.conftest import attach_hazard_file
from tests.inspections.factories import (
    AssessmentFactory,
    ChecklistFactory,
    HazardFactory,
    InspectionFactory,
    OfficerFactory,
    PlanFactory,
    SelfCheckFactory,
    SmartCampusFactory,
    all_pass,
)
from tests.legalaid.factories import (
    ActivityFactory,
    ActivityPhotoFactory,
    AppointmentFactory,
    EvaluationFactory,
    ServiceRecordFactory,
)
from tests.reports.factories import PLAIN, SchoolReportFormFactory, make_report


@dataclass
class SchoolYear:
    returned: Hazard
    overdue: Hazard
    self_check: SelfCheck
    appointment: Appointment
    activity: Activity
    report_form: SchoolReportForm
    inspection: Inspection

    def own_detail_paths(self) -> list[str]:
        """The detail pages of school A's own records that a crawl of its pages must reach."""
        return [
            self.returned.get_absolute_url(),
            self.inspection.get_absolute_url(),
            self.self_check.get_absolute_url(),
            self.appointment.get_absolute_url(),
            self.activity.get_absolute_url(),
            self.report_form.get_absolute_url(),
        ]


def build_year(*, school_a, school_b, staff, leader) -> SchoolYear:
    today = timezone.localdate()
    year = today.year
    checklist = ChecklistFactory(name="中小学幼儿园安全检查表")
    plan = PlanFactory(
        name=f"{year}年春季开学核验",
        kind=PlanKind.TERM_START,
        checklist=checklist,
        starts_on=today - timedelta(days=60),
        target_kinds=[school_a.kind],
    )
    officers = OfficerFactory.create_batch(3)
    inspection = InspectionFactory(
        plan=plan,
        organization=school_a,
        inspected_on=today - timedelta(days=40),
        answers=all_pass(checklist),
        conclusion=Conclusion.RECTIFY,
        officers=officers[:2],
    )
    returned = HazardFactory(
        organization=school_a,
        inspection=inspection,
        area=Area.FIRE,
        description="教学楼二楼东侧楼梯口灭火器压力不足，已过有效期",
        found_on=inspection.inspected_on,
        deadline=today + timedelta(days=5),
        measures="更换过期灭火器，建立月度检查登记表。",
        responsible_person="总务主任 周明",
        funds=1200,
        prevention="每月由安全员检查灭火器压力和有效期并登记。",
        completion_note="已更换。",
        status="returned",
        return_reason="佐证照片看不清灭火器有效期标签，请补拍近照。",
    )
    attach_hazard_file(returned, staff)
    overdue = HazardFactory(
        organization=school_a,
        area=Area.TRAFFIC,
        description="校门口缺少减速带和人行横道标线",
        source=HazardSource.SELF_CHECK,
        found_on=today - timedelta(days=30),
        deadline=today - timedelta(days=3),
    )
    self_check = SelfCheckFactory(
        organization=school_a,
        year=year,
        term=Term.SPRING,
        checklist=checklist,
        answers=all_pass(checklist),
        summary="逐项自查。",
        status=SelfCheckStatus.RETURNED,
        return_reason="消防安全一项缺少佐证。",
    )
    appointment = AppointmentFactory(
        organization=school_a, start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
    )
    ServiceRecordFactory(appointment=appointment, date=today - timedelta(days=10))
    EvaluationFactory(appointment=appointment, year=year - 1)
    activity = ActivityFactory(
        title="国家安全教育日主题班会", date=datetime.date(year, 4, 15), organizations=[school_a]
    )
    ActivityPhotoFactory(activity=activity, uploaded_by=staff)
    report_form = SchoolReportFormFactory(organization=school_a, year=year - 1)
    SmartCampusFactory(organization=school_a)
    AssessmentFactory(organization=school_a, year=year - 1)

    # School B's records: never on school A's pages.
    HazardFactory(organization=school_b, description="乙校食堂排烟罩油污", area=Area.FOOD)
    AppointmentFactory(organization=school_b)

    # The bureau's side: a performed 双随机 draw, last year's published report, a 营转非 case.
    draw_plan = PlanFactory(name=f"{year}年双随机抽查", kind=PlanKind.RANDOM, target_kinds=[school_a.kind])
    draw = inspection_services.draw_commit(plan=draw_plan, quotas={school_a.kind: 1}, user=staff)
    inspection_services.draw_perform(draw=draw, user=staff)
    report = make_report(year=year - 1, user=staff, blocks=PLAIN)
    report_services.report_submit(report=report, user=staff)
    report_services.report_approve(report=report, user=leader, written_on=datetime.date(year, 1, 13))
    report_services.report_publish(report=report, user=leader, published_on=datetime.date(year, 1, 14))
    CaseFactory(assignee=staff)
    return SchoolYear(
        returned=returned,
        overdue=overdue,
        self_check=self_check,
        appointment=appointment,
        activity=activity,
        report_form=report_form,
        inspection=inspection,
    )
