"""行政执法全过程记录: every record of enforcement, case work or its legal basis keeps a history of who
changed what and when (django-simple-history). A new model must say whether it keeps one."""

from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from conversions import services as conversion_services
from core.history import history_rows
from core.history_migrations import BASELINE_REASON
from inspections import services as inspection_services
from inspections.models import ChecklistItem, ChecklistStatus, ExamineeCategory, LawExam
from tests.conversions.factories import CaseFactory
from tests.factories import OrganizationFactory
from tests.inspections.factories import ChecklistFactory

PROJECT_APPS = ("accounts", "core", "directory", "inspections", "legalaid", "conversions", "reports")

# Models that keep no history of their own, and why that is right. Everything else must keep one.
WITHOUT_HISTORY = {
    "core.ImportJob": "a job's progress; the rows it imports are written with history (Excel导入)",
    "core.ExportJob": "a job's progress; it writes a file read from records that keep their own history",
    "accounts.AuditEvent": "itself the append-only security audit log (等保 三级), never edited through the portal",
    "core.TodoDigest": "itself the append-only record of the daily 待办 e-mails sent, written only by the job",
    "core.PendingUpload": "a user's not-yet-sent file, deleted within a day; the record it is saved to keeps history",
    "core.KeptSubmission": "a user's form kept across the idle sign-out for a day; nothing is saved until re-sent",
    "inspections.StatusChange": "itself the append-only log of status changes, written only by services",
    "inspections.DocumentCounter": "the next number of an official document, nothing a person edits",
    "conversions.CaseEvent": "itself the case's append-only timeline",
    "reports.Block": "draft text of the annual report; each edit is a ReportEvent, the published text a snapshot",
    "reports.ReportSnapshot": "the published report, frozen: saving or deleting it again is refused",
    "reports.ReportEvent": "itself the report's append-only log of actions",
    "legalaid.ActivityPhoto": "photos of 普法 activities, not enforcement; deleting one removes the file",
    # 扫码入企 (decision 0018): a history row's history_user would name whoever was signed in when scanning or rating
    "inspections.VisitScan": "an append-only, anonymous log of scans (time only), written only by the public page",
    "inspections.VisitRating": "an anonymous rating, written once and never edited; history would de-anonymize it",
}


def project_models():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


@pytest.mark.parametrize("model", list(project_models()), ids=lambda m: m._meta.label)
def test_every_model_keeps_history_or_says_why_not(model):
    label = model._meta.label
    if label in WITHOUT_HISTORY:
        assert not hasattr(model, "history"), f"{label} keeps history now: remove it from WITHOUT_HISTORY"
    else:
        assert hasattr(model, "history"), f"{label} keeps no history: add HistoricalRecords or say why not here"


pytestmark = pytest.mark.django_db


def _items_post(checklist, change=None, delete=None):
    items = list(checklist.items.order_by("number"))
    data = {"form-TOTAL_FORMS": len(items), "form-INITIAL_FORMS": len(items)}
    for i, item in enumerate(items):
        data |= {
            f"form-{i}-id": item.pk,
            f"form-{i}-number": item.number,
            f"form-{i}-area": item.area,
            f"form-{i}-text": item.text,
            f"form-{i}-legal_basis": (change or {}).get(item.pk, item.legal_basis),
        }
        if item.pk == delete:
            data[f"form-{i}-DELETE"] = "on"
    return data


def test_changing_a_checklist_items_legal_basis_is_kept_with_who_and_from_what(staff_client, bureau_staff):
    draft = ChecklistFactory(status=ChecklistStatus.DRAFT)
    first, last = draft.items.order_by("number").first(), draft.items.order_by("number").last()
    url = reverse("inspections:checklist_items", args=[draft.pk])
    response = staff_client.post(url, _items_post(draft, change={first.pk: "《消防法》第十六条"}, delete=last.pk))
    assert response.status_code == 302

    newest = history_rows(first)[0]
    assert (newest.who, newest.action) == ("局工作人员", "修改")
    assert ("法律依据", "《测试依据》", "《消防法》第十六条") in newest.changes
    deleted = ChecklistItem.history.filter(id=last.pk).latest("history_id")
    assert (deleted.history_type, deleted.history_user, deleted.text) == ("-", bureau_staff, last.text)


def test_a_new_checklist_version_records_its_items_and_publishing_it_retires_the_old_one(bureau_staff):
    published = ChecklistFactory()
    draft = inspection_services.checklist_new_version(checklist=published, user=bureau_staff, notes="新增防溺水条款")
    created = ChecklistItem.history.filter(checklist_id=draft.pk, history_type="+")
    assert created.count() == 10
    assert {(h.history_user, h.history_change_reason) for h in created} == {(bureau_staff, "由第1版修订")}

    inspection_services.checklist_publish(checklist=draft, user=bureau_staff)
    retired = history_rows(published)[0]
    assert (retired.who, retired.reason) == ("局工作人员", "被第2版取代")
    assert ("状态", "已发布", "已停用") in retired.changes


def test_law_exam_records_keep_history(bureau_staff):
    exam = inspection_services.exam_create(
        data={"year": 2022, "name": "王晓", "category": ExamineeCategory.CADRE, "score": 88, "passed": True},
        user=bureau_staff,
    )
    exam.score = 91
    exam._history_user = bureau_staff
    exam.save()
    rows = history_rows(exam)
    assert [r.action for r in rows] == ["修改", "新建"]
    assert rows[0].changes == [("成绩", "88.0", "91.0")]
    assert LawExam.history.filter(id=exam.pk, history_type="+").get().history_user == bureau_staff


def test_visits_and_steps_of_a_conversion_case_keep_history(bureau_staff):
    case = CaseFactory(organization=OrganizationFactory(), opened_on=date(2022, 12, 1))
    visit = conversion_services.visit_record(
        case=case, data={"visited_on": date(2023, 1, 5), "visitor": "李某", "purpose": "提交材料"}, user=bureau_staff
    )
    step = conversion_services.step_record(
        case=case, data={"done_on": date(2023, 1, 9), "name": "联合审批", "departments": "教育"}, user=bureau_staff
    )
    for record in (visit, step):
        (row,) = history_rows(record)
        assert (row.who, row.action) == ("局工作人员", "新建")
    step_id = step.pk
    step.delete()
    assert step.history.model.objects.filter(id=step_id).latest("history_id").history_type == "-"


@pytest.mark.django_db(transaction=True)
def test_rows_that_existed_before_history_get_one_baseline_entry():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.migrate(target)
        return executor.loader.project_state(target).apps

    latest = [("directory", MigrationExecutor(connection).loader.graph.leaf_nodes("directory")[0][1])]
    old = migrate([("directory", "0002_township_history")])
    try:
        department = old.get_model("directory", "Department").objects.create(name="区消防救援大队", kind="partner")
    finally:
        new = migrate(latest)
    (baseline,) = new.get_model("directory", "HistoricalDepartment").objects.filter(id=department.pk)
    assert (baseline.history_type, baseline.name, baseline.history_user_id) == ("+", "区消防救援大队", None)
    assert baseline.history_change_reason == BASELINE_REASON
