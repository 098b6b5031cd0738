import pytest

from core import stats
from reports import figures as fig
from reports.drafting import seed_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """A test statistic: 40 last year, 52 this year, traced to a list URL."""
    values = {2020: 40, 2021: 52}
    statistic = stats.Statistic(
        name="testing.cases",
        label="测试案件",
        unit="件",
        kind="count",
        func=lambda year: values.get(year, 0),
        trace=lambda year: f"/directory/?year={year}",
    )
    monkeypatch.setitem(stats.REGISTRY, "testing.cases", statistic)
    return statistic


def test_placeholders_become_figures_with_units(counted):
    figures = fig.compute_all(["共{{testing.cases}}，其中{{ testing.cases|number }}件"], 2021)
    html = fig.render("共{{testing.cases}}，其中{{ testing.cases|number }}件", figures)
    assert html == '共<span class="fig">52件</span>，其中<span class="fig">52</span>件'


def test_previous_year_offset(counted):
    figures = fig.compute_all(["{{testing.cases@-1}}"], 2021)
    assert fig.plain("上年{{testing.cases@-1}}", figures) == "上年40件"


def test_preview_links_each_figure_to_its_records_and_shows_the_change(counted):
    figures = fig.compute_all(["{{testing.cases}}"], 2021, with_previous=True)
    html = fig.render("{{testing.cases}}", figures, mode="preview")
    assert 'href="/directory/?year=2021"' in html
    assert "上年40件，+12件" in html


def test_user_text_is_escaped_and_never_evaluated_as_a_template(counted):
    text = '<script>alert(1)</script>{% now "Y" %}{{ request }}{{ request.user }}{{testing.cases}}'
    figures = fig.compute_all([text], 2021)
    html = fig.render(text, figures)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{% now &quot;Y&quot; %}{{ request }}" in html
    # A dotted name is only ever looked up in the statistics registry, never in a template context.
    assert "【缺少数据：request.user】" in html and '<span class="fig">52件</span>' in html
    assert fig.malformed_in(text) == ["{{ request }}"]


def test_an_unregistered_statistic_is_shown_as_missing_not_raised():
    figures = fig.compute_all(["检查{{nosuchmodule.total}}次"], 2021)
    figure = figures["nosuchmodule.total"]
    assert figure.missing == "统计指标“nosuchmodule.total”尚未注册（相关模块尚未上线）"
    assert "【缺少数据：nosuchmodule.total】" in fig.render("检查{{nosuchmodule.total}}次", figures)


def test_a_failing_statistic_is_missing_with_the_reason(monkeypatch):
    def broken(year):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(
        stats.REGISTRY, "testing.broken", stats.Statistic("testing.broken", "坏指标", "", "count", broken)
    )
    figure = fig.compute("testing.broken", 2021)
    assert "计算出错" in figure.missing


def test_floats_that_are_whole_numbers_print_without_decimals():
    assert fig.display(1.0, "count", "次") == "1次"
    assert fig.display(1.0, "rate") == "100%"
    assert fig.display(41250, "count", "人次") == "41250人次"  # no thousands separator in official text
    assert fig.display(2.5, "count", "天") == "2.5天"
    assert fig.display([{"label": "年检", "value": 118}], "table", "件") == "年检118件"


def test_the_draft_types_no_figure_by_hand():
    """Apart from years, dates and the names of policies, every number in the draft is a placeholder."""
    import re

    allowed = {"2020", "2021", "9", "11", "1"}  # years, "9月份", "11月份", "CETV1"
    for block in seed_blocks(2021, include_school_forms=True):
        bare = fig.PLACEHOLDER.sub("", block.text)
        assert not fig.malformed_in(block.text), block.text
        for number in re.findall(r"\d+", bare):
            assert number in allowed, f"typed number {number} in: {block.text[:40]}"


def test_the_draft_cites_the_contract_statistics():
    keys = {key for block in seed_blocks(2021) for key in fig.keys_in(block.text)}
    assert {
        "inspections.total",
        "inspections.by_plan",
        "inspections.officers_certified",
        "inspections.exam_cadres",
        "inspections.exam_civil_servants",
        "legalaid.counsel_coverage",
        "inspections.smart_campus_schools",
        "inspections.smart_campus_sites",
        "conversions.converted",
        "conversions.staff",
        "conversions.reduction_rate",
        "conversions.avg_steps",
        "conversions.baseline_visits",
        "inspections.safety_below_full@-1",
    } <= keys
