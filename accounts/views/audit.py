"""The 审计管理员's pages: the audit log (sign-ins, administrative actions) and the change history of
every record that keeps one; both filterable and exported to Excel. The auditor changes nothing."""

from django.shortcuts import render
from django.utils import timezone

from accounts.access import access
from core.exports import xlsx_export
from core.listing import paginate, query_without_page

from .. import audit_trail
from ..audit import Action, audit_record
from ..forms import AuditFilterForm, ChangeFilterForm
from ..roles import Role

AUDITOR = {Role.AUDIT_ADMIN}
EXPORT_LIMIT = 100_000  # rows in one spreadsheet; narrow the dates for more
CHANGES_EXPORT_LIMIT = 10_000  # each change row reads the record before it


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _filters(form) -> dict:
    return form.cleaned_data if form.is_valid() else {}


def _exported(request, *, label: str, headers: list[str], rows):
    """The spreadsheet, and a line in the audit log saying who exported what with which filters."""
    export = xlsx_export(label=label, headers=headers, rows=rows)
    detail = request.GET.urlencode()
    audit_record(action=Action.AUDIT_EXPORTED, actor=request.user, request=request, target=label, detail=detail)
    return export.response()


@access(AUDITOR)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    page = paginate(request, audit_trail.audit_events(_filters(form)))
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "accounts/audit_log.html", context, status=400 if form.errors else 200)


@access(AUDITOR)
def audit_log_export(request):
    form = AuditFilterForm(request.GET or None)
    filters = _filters(form)
    events = audit_trail.audit_events(filters)[:EXPORT_LIMIT]
    rows = (
        [local_time(e.at), e.get_action_display(), e.actor_name, e.username, e.target, e.detail, e.ip_address or ""]
        for e in events.iterator()
    )
    headers = ["时间", "事件", "操作人", "涉及账号", "对象", "详情", "IP地址"]
    return _exported(request, label="审计日志", headers=headers, rows=rows)


@access(AUDITOR)
def audit_changes(request):
    form = ChangeFilterForm(request.GET or None, models=audit_trail.model_choices())
    page = paginate(request, audit_trail.changes(_filters(form)))
    rows = audit_trail.change_rows(list(page.object_list))
    context = {"form": form, "page": page, "rows": rows, "query": query_without_page(request)}
    return render(request, "accounts/audit_changes.html", context, status=400 if form.errors else 200)


@access(AUDITOR)
def audit_changes_export(request):
    form = ChangeFilterForm(request.GET or None, models=audit_trail.model_choices())
    records = list(audit_trail.changes(_filters(form))[:CHANGES_EXPORT_LIMIT])
    rows = []
    for start in range(0, len(records), 500):
        for row in audit_trail.change_rows(records[start : start + 500]):
            changed = "；".join(f"{label}：{old} → {new}" for label, old, new in row.changes)
            rows.append([local_time(row.when), row.who, row.category, row.object, row.action, row.reason, changed])
    headers = ["时间", "操作人", "数据类别", "对象", "操作", "原因", "变更内容"]
    return _exported(request, label="数据变更记录", headers=headers, rows=rows)
