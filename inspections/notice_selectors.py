"""Reads of the 行政检查审批表, 检查通知 and 回避申请, scoped to the user who asks.

审批表 are the bureau's (a school gets nothing); a 检查通知 and its 回避 requests are read by the bureau
and by the administrators of the organization it is addressed to (404 for any other school).
"""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import CheckApproval, CheckNotice, Recusal
from .selectors import _district_only


def check_approvals_for_user(user):
    qs = CheckApproval.objects.select_related("plan", "checklist", "decided_by", "created_by")
    return qs if _district_only(user) else qs.none()


def get_check_approval_for_user(user, pk) -> CheckApproval:
    return get_object_or_404(check_approvals_for_user(user), pk=pk)


def check_notices_for_user(user):
    return CheckNotice.objects.visible_to(user).select_related("organization", "approval", "approval__plan")


def get_check_notice_for_user(user, pk) -> CheckNotice:
    return get_object_or_404(check_notices_for_user(user), pk=pk)


def recusals_for_user(user):
    return Recusal.objects.visible_to(user).select_related("notice", "notice__organization", "officer", "replacement")


def get_recusal_for_user(user, pk) -> Recusal:
    return get_object_or_404(recusals_for_user(user), pk=pk)


def check_notice_list_url(**params) -> str:
    """The register of 检查通知 filtered by `params` (the trace of the approved-visits figure)."""
    url = reverse("inspections:check_notice_list")
    return f"{url}?{urlencode(params)}" if params else url
