"""Every write of the reports app: the annual report (reports.py) and the schools' forms (school_forms.py)."""

from .reports import (
    Issue,
    block_confirm,
    block_move,
    report_approve,
    report_create,
    report_issues,
    report_problems,
    report_publish,
    report_return,
    report_submit,
    report_update_metadata,
    section_add,
    section_save,
    sentence_delete,
)
from .school_forms import (
    school_form_accept,
    school_form_return,
    school_form_start,
    school_form_submit,
    school_form_update,
)

__all__ = [
    "Issue",
    "block_confirm",
    "block_move",
    "report_approve",
    "report_create",
    "report_issues",
    "report_problems",
    "report_publish",
    "report_return",
    "report_submit",
    "report_update_metadata",
    "section_add",
    "section_save",
    "sentence_delete",
    "school_form_accept",
    "school_form_return",
    "school_form_start",
    "school_form_submit",
    "school_form_update",
]
