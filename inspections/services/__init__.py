"""Every write of the inspections module (one function per action; see each submodule)."""

from .campus import assessment_save, smart_campus_update
from .checklists import checklist_items_save, checklist_new_version, checklist_publish
from .combined import combined_inspection_create, combined_visit_create, combined_visit_decline
from .common import changes_of, log_change, take_number
from .draws import draw_commit, draw_perform, draw_verify, entity_pool_for
from .hazards import (
    hazard_create,
    hazard_extend,
    hazard_plan,
    hazard_submit,
    hazard_update,
    hazard_verify,
    notice_issue,
)
from .notices import (
    check_approval_approve,
    check_approval_create,
    check_approval_return,
    check_approval_submit,
    check_approved,
    check_notice_receive,
    recusal_decide,
    recusal_request,
)
from .officers import exam_create, officer_create, officer_update
from .plans import plan_create, plan_publish_results, plan_update
from .records import check_inspection, inspection_create
from .regulation import (
    approval_create,
    check_frequency,
    check_plan_items,
    frequency_of,
    matter_publish,
    matter_save,
    rule_create,
    rule_update,
)
from .selfchecks import selfcheck_create, selfcheck_review, selfcheck_save, selfcheck_submit
from .visit_codes import visit_code_for, visit_code_link, visit_code_refresh, visit_rating_create, visit_scan_log

__all__ = [
    "check_approval_approve",
    "check_approval_create",
    "check_approval_return",
    "check_approval_submit",
    "check_approved",
    "check_notice_receive",
    "recusal_decide",
    "recusal_request",
    "approval_create",
    "check_frequency",
    "check_plan_items",
    "frequency_of",
    "matter_publish",
    "matter_save",
    "rule_create",
    "rule_update",
    "assessment_save",
    "changes_of",
    "combined_inspection_create",
    "combined_visit_create",
    "combined_visit_decline",
    "check_inspection",
    "checklist_items_save",
    "checklist_new_version",
    "checklist_publish",
    "draw_commit",
    "draw_perform",
    "draw_verify",
    "entity_pool_for",
    "exam_create",
    "hazard_create",
    "hazard_extend",
    "hazard_plan",
    "hazard_submit",
    "hazard_update",
    "hazard_verify",
    "inspection_create",
    "log_change",
    "notice_issue",
    "officer_create",
    "officer_update",
    "plan_create",
    "plan_publish_results",
    "plan_update",
    "selfcheck_create",
    "selfcheck_review",
    "selfcheck_save",
    "selfcheck_submit",
    "smart_campus_update",
    "take_number",
    "visit_code_for",
    "visit_code_link",
    "visit_code_refresh",
    "visit_rating_create",
    "visit_scan_log",
]
