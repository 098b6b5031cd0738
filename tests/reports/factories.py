"""Factories for reports tests: a draft report through the real service, school forms."""

import factory
from factory.django import DjangoModelFactory

from accounts.roles import Role
from directory.models import Organization, OrgKind
from reports import services
from reports.models import Block, BlockKind, SchoolReportForm
from tests.factories import OrganizationFactory, UserFactory


def bureau() -> Organization:
    existing = Organization.objects.filter(kind=OrgKind.BUREAU).first()
    return existing or OrganizationFactory(
        name="金华市婺城区教育局", kind=OrgKind.BUREAU, credit_code="11330702732038549W"
    )


def drafter():
    return UserFactory(username="drafter", full_name="起草人", role=Role.BUREAU_STAFF)


def make_report(*, year: int = 2021, user=None, blocks=None, **kwargs):
    """A draft report: generated from the national template, or with the given (kind, level, text) blocks."""
    bureau()
    report = services.report_create(year=year, user=user or drafter(), **kwargs)
    if blocks is not None:
        report.blocks.all().delete()
        Block.objects.bulk_create(
            Block(report=report, position=i, kind=kind, level=level, text=text)
            for i, (kind, level, text) in enumerate(blocks)
        )
    return report


SMALL = [
    (BlockKind.HEADING, 1, "主要举措和成效"),
    (BlockKind.HEADING, 2, "执法队伍"),
    (BlockKind.ITEM, 1, "全区公办学校{{directory.public_schools}}，办学点{{directory.public_school_sites|number}}个。"),
    (BlockKind.PARAGRAPH, 1, "民办学校{{directory.private_schools}}。"),
    (BlockKind.HEADING, 1, "存在的不足和原因"),
    (BlockKind.PARAGRAPH, 1, "宣传力度不够。"),
]

# A report with nothing to check before approval (no figure, nothing carried over).
PLAIN = [
    (BlockKind.HEADING, 1, "主要举措和成效"),
    (BlockKind.PARAGRAPH, 1, "全面推进依法治教。"),
    (BlockKind.HEADING, 1, "存在的不足和原因"),
    (BlockKind.PARAGRAPH, 1, "宣传力度不够。"),
]


class SchoolReportFormFactory(DjangoModelFactory):
    class Meta:
        model = SchoolReportForm

    organization = factory.SubFactory(OrganizationFactory)
    year = 2021
    charter_and_rules = "修订了学校章程。"
    education = "开展宪法宣传周活动。"
    contact = "张老师"
    contact_phone = "0579-82000000"
