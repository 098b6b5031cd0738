"""Every registered statistic names the models it reads (core.stats `sources`).

Cached figures (the report editor's picker) are kept until a row of those models changes: a statistic
that read a table its sources leave out would be shown stale. Each statistic runs on the demo district
with its SQL captured; a table outside its sources (or their audit history) fails here.
"""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import stats
from inspections.models import Inspection

pytestmark = pytest.mark.django_db

QUOTED = re.compile(r'"([^"]+)"')


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def model_tables() -> set[str]:
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}


def tables_in(queries, known: set[str]) -> set[str]:
    return {name for query in queries for name in QUOTED.findall(query["sql"]) if name in known}


def allowed_tables(statistic) -> set[str]:
    tables = set()
    for model in statistic.sources:
        tables.add(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None:
            tables.add(history.model._meta.db_table)
    return tables


def test_every_statistic_reads_only_the_models_it_names(demo):
    known = model_tables()
    # The demo's year, the year before it (safety_below_full is cited for it) and the current year.
    years = (2020, 2021, timezone.localdate().year)
    undeclared = {}
    for name, statistic in stats.all_statistics().items():
        with CaptureQueriesContext(connection) as queries:
            for year in years:
                statistic.value(year)
        extra = tables_in(queries.captured_queries, known) - allowed_tables(statistic)
        if extra:
            undeclared[name] = sorted(extra)
    assert undeclared == {}, "statistics reading tables their `sources` do not name"


def test_the_check_sees_a_table_left_out():
    statistic = stats.Statistic(
        "testing.total", "测试", "件", "count", lambda year: Inspection.objects.filter(year=year).count()
    )
    with CaptureQueriesContext(connection) as queries:
        statistic.value(2021)
    assert tables_in(queries.captured_queries, model_tables()) - allowed_tables(statistic) == {"inspections_inspection"}


def test_sources_of_lists_each_model_once():
    statistics = stats.all_statistics().values()
    sources = stats.sources_of(statistics)
    assert len(sources) == len(set(sources))
    assert set(sources) == {model for statistic in statistics for model in statistic.sources}
