"""Objects of school A (or the bureau's own, which no school sees) for the URL matrix (tests/test_url_matrix.py)."""

import datetime

from reports import services
from reports.models import BlockKind
from tests.factories import UserFactory
from tests.matrix import DISTRICT, Sample, action

from .factories import PLAIN, SchoolReportFormFactory, make_report


def _draft(ctx):
    return make_report(user=ctx.staff, blocks=[(BlockKind.HEADING, 1, "标题"), (BlockKind.PARAGRAPH, 1, "正文。")])


def _report(ctx):
    return {"pk": _draft(ctx).pk}


def _published(ctx):
    from accounts.roles import Role

    leader = UserFactory(username="publishing_leader", role=Role.LEADER)
    report = make_report(user=ctx.staff, blocks=PLAIN)
    services.report_submit(report=report, user=ctx.staff)
    services.report_approve(report=report, user=leader, written_on=datetime.date(2022, 1, 13))
    services.report_publish(report=report, user=leader, published_on=datetime.date(2022, 1, 14))
    return {"pk": report.pk}


def _form(ctx):
    return {"pk": SchoolReportFormFactory(organization=ctx.school_a).pk}


def _block(ctx):
    report = _draft(ctx)
    return {"pk": report.pk, "block_pk": report.blocks.first().pk}


def _bureaus(build):
    """A draft report is the bureau's: no school (and not the public) reaches it."""
    return Sample(build, sees=DISTRICT)


SAMPLES = {
    **{
        f"reports:{name}": _bureaus(_report)
        for name in ("report_detail", "report_metadata", "report_preview", "report_pdf", "report_docx", "report_html")
    },
    **{
        f"reports:{name}": action(_report, sees=DISTRICT)
        for name in ("report_submit", "report_approve", "report_return", "report_publish")
    },
    "reports:section_add": _bureaus(_report),
    "reports:section_edit": _bureaus(lambda ctx: {"pk": _draft(ctx).pk, "index": 0}),
    "reports:block_edit": _bureaus(_block),
    "reports:block_move": action(_block, sees=DISTRICT),
    "reports:block_confirm": action(_block, sees=DISTRICT),
    "reports:sentence_delete": action(_block, sees=DISTRICT),
    "reports:school_form_detail": _form,
    "reports:school_form_edit": _form,
    "reports:school_form_submit": action(_form),
    "reports:school_form_return": action(_form),
    "reports:school_form_accept": action(_form),
    # Public pages of a published report (drafts are checked in tests/reports/test_public.py).
    "public:report_detail": _published,
    "public:report_pdf": _published,
}
