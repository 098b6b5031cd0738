"""Every paragraph of the published 2021 report opens in the editor as chips and saves back unchanged."""

import pytest

from reports import chips
from reports.models import Report

pytestmark = pytest.mark.django_db


def test_every_paragraph_of_the_demo_report_reads_back_as_it_is_stored(demo_district):
    report = Report.objects.get(year=2021)
    for block in report.blocks.all():
        text, unknown = chips.from_chips(chips.to_chips(block.text))
        assert not unknown, block.text
        assert text == chips.canonical(block.text) and chips.to_chips(text) == chips.to_chips(block.text)
