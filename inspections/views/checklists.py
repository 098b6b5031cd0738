"""检查表 pages: versions, items, publication."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.exports import xlsx_export

from .. import selectors, services
from ..forms import ChecklistItemFormSet, NewVersionForm
from ..models import Area


@access(DISTRICT_ROLES)
def checklist_list(request):
    return render(
        request, "inspections/checklist_list.html", {"checklists": selectors.checklists_for_user(request.user)}
    )


@access(DISTRICT_ROLES)
def checklist_detail(request, pk):
    checklist = selectors.get_checklist_for_user(request.user, pk)
    items = list(checklist.items.all())
    groups = [(label, [i for i in items if i.area == value]) for value, label in Area.choices]
    return render(
        request,
        "inspections/checklist_detail.html",
        {
            "checklist": checklist,
            "groups": groups,
            "item_count": len(items),
            "version_form": NewVersionForm(),
            "changes": services.changes_of(checklist),
        },
    )


@access(DISTRICT_ROLES)
def checklist_export(request, pk):
    checklist = selectors.get_checklist_for_user(request.user, pk)
    rows = ([i.number, i.get_area_display(), i.text, i.legal_basis] for i in checklist.items.all())
    return xlsx_export(
        label=f"检查表第{checklist.version}版", headers=["序号", "检查领域", "检查内容", "法律依据"], rows=rows
    ).response()


@access(BUREAU_WRITERS)
def checklist_items(request, pk):
    checklist = selectors.get_checklist_for_user(request.user, pk, write=True)
    if not checklist.is_editable:
        messages.error(request, "已发布的检查表不能修改，请先生成新版本。")
        return redirect("inspections:checklist_detail", pk=checklist.pk)
    formset = ChecklistItemFormSet(request.POST or None, queryset=checklist.items.all())
    if request.method == "POST" and formset.is_valid():
        try:
            services.checklist_items_save(checklist=checklist, formset=formset, user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "检查项已保存。")
            return redirect("inspections:checklist_detail", pk=checklist.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "inspections/checklist_items.html", {"checklist": checklist, "formset": formset}, status=status
    )


@access(BUREAU_WRITERS)
@require_POST
def checklist_new_version(request, pk):
    checklist = selectors.get_checklist_for_user(request.user, pk, write=True)
    form = NewVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写修订说明。")
        return redirect("inspections:checklist_detail", pk=checklist.pk)
    try:
        draft = services.checklist_new_version(checklist=checklist, user=request.user, notes=form.cleaned_data["notes"])
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("inspections:checklist_detail", pk=checklist.pk)
    messages.success(request, f"已生成第{draft.version}版草稿，修改检查项后发布。")
    return redirect("inspections:checklist_items", pk=draft.pk)


@access(BUREAU_WRITERS)
@require_POST
def checklist_publish(request, pk):
    checklist = selectors.get_checklist_for_user(request.user, pk, write=True)
    try:
        services.checklist_publish(checklist=checklist, user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"第{checklist.version}版已发布，此前的版本已停用（已有记录仍保留其当时的版本）。")
    return redirect("inspections:checklist_detail", pk=checklist.pk)
