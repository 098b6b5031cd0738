"""Objects of school A (or not visible to school B) for the URL matrix (tests/test_url_matrix.py)."""

from reports.models import BlockKind

from .factories import SchoolReportFormFactory, make_report


def _draft(ctx):
    return make_report(user=ctx.staff, blocks=[(BlockKind.HEADING, 1, "标题"), (BlockKind.PARAGRAPH, 1, "正文。")])


def _report(ctx):
    return {"pk": _draft(ctx).pk}


def _form(ctx):
    return {"pk": SchoolReportFormFactory(organization=ctx.school_a).pk}


def _block(ctx):
    report = _draft(ctx)
    return {"pk": report.pk, "block_pk": report.blocks.first().pk}


SAMPLES = {
    # A draft report is the bureau's: another school (and the public) must not reach it.
    "reports:report_detail": _report,
    "reports:report_metadata": _report,
    "reports:report_preview": _report,
    "reports:report_pdf": _report,
    "reports:report_docx": _report,
    "reports:report_html": _report,
    "reports:report_submit": _report,
    "reports:report_approve": _report,
    "reports:report_return": _report,
    "reports:report_publish": _report,
    "reports:section_add": _report,
    "reports:section_edit": lambda ctx: {"pk": _draft(ctx).pk, "index": 0},
    "reports:block_move": _block,
    "reports:school_form_detail": _form,
    "reports:school_form_edit": _form,
    "reports:school_form_submit": _form,
    "reports:school_form_return": _form,
    "reports:school_form_accept": _form,
    # Public pages of published reports (checked for drafts in tests/reports/test_public.py).
    "public:report_detail": _report,
    "public:report_pdf": _report,
}
