"""Checklist versions: a published version is frozen; changes go into a new draft version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ..models import Checklist, ChecklistItem, ChecklistStatus
from .common import log_change


@transaction.atomic
def checklist_new_version(*, checklist: Checklist, user, notes: str = "") -> Checklist:
    """A draft copy of `checklist` (items included) with the next version number."""
    if Checklist.objects.filter(name=checklist.name, status=ChecklistStatus.DRAFT).exists():
        raise ValidationError("该检查表已有一个未发布的草稿版本，请先完成或发布它。")
    latest = Checklist.objects.filter(name=checklist.name).order_by("-version").first()
    draft = Checklist(
        name=checklist.name,
        version=latest.version + 1,
        previous=checklist,
        notes=notes,
        created_by=user,
        updated_by=user,
    )
    draft._history_user = user
    draft.full_clean()
    draft.save()
    items = [
        ChecklistItem(checklist=draft, area=i.area, number=i.number, text=i.text, legal_basis=i.legal_basis)
        for i in checklist.items.all()
    ]
    bulk_create_with_history(
        items, ChecklistItem, default_user=user, default_change_reason=f"由第{checklist.version}版修订"
    )
    log_change(
        subject=draft,
        from_status="",
        to_status=ChecklistStatus.DRAFT,
        user=user,
        reason=f"由第{checklist.version}版修订",
    )
    return draft


@transaction.atomic
def checklist_items_save(*, checklist: Checklist, formset, user) -> None:
    """Save the edited items of a draft version (a published version cannot change)."""
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if not checklist.is_editable:
        raise ValidationError("已发布的检查表不能修改，请先生成新版本。")
    for form in formset.forms:
        if form in formset.deleted_forms:
            if form.instance.pk:
                form.instance._history_user = user
                form.instance.delete()
            continue
        if not form.has_changed() and not form.instance.pk:
            continue
        item = form.save(commit=False)
        item.checklist = checklist
        item._history_user = user
        item.full_clean()
        item.save()
    checklist.updated_by = checklist._history_user = user
    checklist.save(update_fields=["updated_by", "updated_at"])


@transaction.atomic
def checklist_publish(*, checklist: Checklist, user) -> Checklist:
    """Publish a draft; the previously published version of the same checklist is retired."""
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if checklist.status != ChecklistStatus.DRAFT:
        raise ValidationError("只有草稿状态的检查表可以发布。")
    if not checklist.items.exists():
        raise ValidationError("检查表没有任何检查项，不能发布。")
    for old in Checklist.objects.filter(name=checklist.name, status=ChecklistStatus.PUBLISHED):
        old.status = ChecklistStatus.RETIRED
        old._history_user = user
        old._change_reason = f"被第{checklist.version}版取代"
        old.save(update_fields=["status", "updated_at"])
        log_change(
            subject=old,
            from_status=ChecklistStatus.PUBLISHED,
            to_status=ChecklistStatus.RETIRED,
            user=user,
            reason=f"被第{checklist.version}版取代",
        )
    checklist.status = ChecklistStatus.PUBLISHED
    checklist.effective_on = timezone.localdate()
    checklist.updated_by = checklist._history_user = user
    checklist.save()
    log_change(subject=checklist, from_status=ChecklistStatus.DRAFT, to_status=ChecklistStatus.PUBLISHED, user=user)
    return checklist
