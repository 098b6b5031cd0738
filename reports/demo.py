"""The 2021 report as the bureau published it (the seed), generated from the demo data.

Metadata from the seed: 信息索引号 11330702732038549W/2022-00444, 文件名称 2021年法治政府建设年度报告,
发布机构 金华市婺城区教育局, 成文日期 2022年1月13日, 主动公开; the text itself is signed 2022年1月10日
(its 落款日期, as in the seed). The report is drafted by the demo staff
member, approved by the demo leader, and published only when every figure resolves; until the other
modules have landed it stays approved and the command says which statistics are missing. Running
load_demo again after they land publishes it. Also a few schools' 2021 依法治校年度报告表.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from directory.models import Organization

from . import services
from .models import Disclosure, Report, ReportStatus, SchoolFormStatus, SchoolReportForm
from .prefill import school_values

YEAR = 2021
SERIAL = 444
WRITTEN_ON = date(2022, 1, 13)
SIGNED_ON = date(2022, 1, 10)
FILE_NAME = "2021年法治政府建设年度报告"
SCHOOL_FORMS = [
    # school, status, what the school wrote
    ("琅琊小学", SchoolFormStatus.SUBMITTED, "修订学校章程，完善校务公开、收费公示和安全管理制度。"),
    ("婺城小学", SchoolFormStatus.ACCEPTED, "依章程办学，制定依法治校实施方案，健全教代会制度。"),
]


def _report(bureau, staff, leader, stdout) -> Report:
    report = Report.objects.filter(issuer=bureau, year=YEAR).first()
    if report is not None:
        return report
    report = services.report_create(year=YEAR, user=staff, serial=SERIAL, own_text=True)
    report = services.report_update_metadata(
        report=report,
        data={
            "file_name": FILE_NAME,
            "publisher": bureau.name,
            "written_on": WRITTEN_ON,
            "signed_on": SIGNED_ON,
            "disclosure": Disclosure.ACTIVE,
        },
        user=staff,
        expected_version=report.version,
    )
    report = services.report_submit(report=report, user=staff)
    report = services.report_approve(report=report, user=leader, written_on=WRITTEN_ON)
    stdout.write(f"年度报告：已生成并审核{YEAR}年度报告（{report.index_number}）。")
    return report


def _publish(report: Report, leader, stdout) -> None:
    if report.status == ReportStatus.PUBLISHED:
        stdout.write(f"年度报告：{report.title}已发布，SHA-256 {report.snapshot.sha256}。")
        return
    if report.status != ReportStatus.APPROVED:
        stdout.write(f"年度报告：{report.title}当前为“{report.get_status_display()}”，不自动发布。")
        return
    problems = services.report_problems(report)
    if problems:
        stdout.write(
            f"年度报告：{report.title}已审核通过但暂未发布，因为以下数据尚不能取得"
            "（相关模块合并后重新运行 load_demo 即可发布）："
        )
        for problem in problems:
            stdout.write(f"  - {problem}")
        return
    report = services.report_publish(report=report, user=leader, published_on=WRITTEN_ON)
    stdout.write(f"年度报告：{report.title}已发布并冻结，SHA-256 {report.snapshot.sha256}。")


def _school_forms(stdout) -> None:
    created = 0
    for name, status, rules in SCHOOL_FORMS:
        school = Organization.objects.filter(name=name).first()
        if school is None or SchoolReportForm.objects.filter(organization=school, year=YEAR).exists():
            continue
        values, sources = school_values(school, YEAR)
        form = SchoolReportForm(
            organization=school,
            year=YEAR,
            status=status,
            prefilled=sources,
            charter_and_rules=rules,
            leadership_study="校长及班子成员参加区教育局组织的学法用法考试和法治专题学习。",
            education="开展宪法宣传周、禁毒、防溺水、模拟法庭等法治教育活动。",
            problems="法治教育形式有待丰富。",
            plans="继续深化法治进校园，完善学校法律顾问服务。",
            contact="（演示）填报人",
            contact_phone="0579-80000000",
            submitted_at=timezone.make_aware(timezone.datetime(2022, 1, 5, 9, 30)),
            **{"has_counsel": True, **values},
        )
        form._change_reason = "演示数据"
        form.full_clean()
        form.save()
        created += 1
    stdout.write(f"依法治校年度报告表：新增{created}份（{YEAR}年度）。")


def load(*, stdout) -> None:
    bureau = Organization.objects.get(credit_code=settings.BUREAU_CREDIT_CODE)
    staff = User.objects.get(username="staff")
    leader = User.objects.get(username="leader")
    report = _report(bureau, staff, leader, stdout)
    _publish(report, leader, stdout)
    _school_forms(stdout)
