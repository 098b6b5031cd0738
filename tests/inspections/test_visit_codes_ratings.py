"""扫码入企: the organization rates a visit anonymously, once, after it; only the legal section reads ratings."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from core.stats import REGISTRY
from inspections import services
from inspections.models import VisitRating
from tests.factories import UserFactory

from .test_visit_codes import RATING, visit

pytestmark = pytest.mark.django_db


def _rate(client, code, **changes):
    return client.post(code.get_absolute_url(), {**RATING, **changes})


def test_a_rating_is_given_once_and_linked_to_no_one(client, school_a):
    code, _, _ = visit(school_a)
    done = _rate(client, code, comment="检查规范，用时较短")
    assert done.status_code == 302
    rating = VisitRating.objects.get()
    assert (rating.score, rating.showed_certificates, rating.no_disruption) == (4, True, False)
    assert {f.name for f in VisitRating._meta.concrete_fields} == {
        "id",
        "code",
        "score",
        "showed_certificates",
        "followed_checklist",
        "no_disruption",
        "comment",
        "year",
        "created_at",
    }
    assert "感谢您的评价" in client.get(done["Location"]).content.decode()
    assert not code.scans.exists()  # the page shown after rating is not a scan

    again = _rate(client, code, score="1")
    assert again.status_code == 400 and "每次检查只能评价一次" in again.content.decode()
    assert VisitRating.objects.get().score == 4
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses a second one too
        VisitRating.objects.create(
            code=code, score=1, showed_certificates=True, followed_checklist=True, no_disruption=True, year=2025
        )


def test_a_rating_before_the_visit_is_refused_in_chinese(client, school_a):
    code, _, _ = visit(school_a, recorded=False)
    refused = _rate(client, code)
    assert refused.status_code == 400 and "检查结束后才能评价" in refused.content.decode()
    assert not VisitRating.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"score": "6"}, "评分应在1至5分之间"),
        ({"score": "0"}, "评分应在1至5分之间"),
        ({"score": ""}, "请选择1至5分"),
        ({"no_disruption": ""}, "请选择“是”或“否”"),
        ({"comment": "长" * 501}, "意见建议最多500个字"),
    ],
)
def test_bad_input_is_refused_beside_the_field_with_a_summary(client, school_a, changes, message):
    code, _, _ = visit(school_a)
    refused = _rate(client, code, **changes)
    text = refused.content.decode()
    assert refused.status_code == 400 and message in text and "评价未提交" in text
    assert not VisitRating.objects.exists()


def test_the_service_keeps_the_same_bounds(school_a):
    code, _, _ = visit(school_a)
    common = {"showed_certificates": True, "followed_checklist": True, "no_disruption": True}
    with pytest.raises(ValidationError, match="应在1至5分之间"):
        services.visit_rating_create(code=code, score=9, **common)
    with pytest.raises(ValidationError):
        services.visit_rating_create(code=code, score=3, comment="长" * 501, **common)
    assert not VisitRating.objects.exists()


def test_the_public_form_works_for_an_anonymous_visitor_with_its_csrf_token(school_a):
    code, _, _ = visit(school_a)
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(code.get_absolute_url()).status_code == 200
    token = browser.cookies["csrftoken"].value
    forged = Client(enforce_csrf_checks=True).post(code.get_absolute_url(), RATING)
    assert forged.status_code == 403 and "页面已过期" in forged.content.decode()
    assert browser.post(code.get_absolute_url(), {**RATING, "csrfmiddlewaretoken": token}).status_code == 302
    assert VisitRating.objects.count() == 1


def _ratings_page(client, user, year=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("inspections:visit_ratings"), {"year": year} if year else {})


def test_only_the_legal_section_reads_ratings_never_the_inspectors(
    client, school_a, school_admin_a, legal_reviewer, bureau_staff, leader
):
    code, inspection, officers = visit(school_a)
    services.visit_rating_create(
        code=code, score=2, showed_certificates=False, followed_checklist=True, no_disruption=True, comment="未出示证件"
    )
    inspector = UserFactory(username="inspector", role=Role.BUREAU_STAFF, officer=officers[0])
    page = _ratings_page(client, legal_reviewer, inspection.year)
    assert page.status_code == 200 and "未出示证件" in page.content.decode()
    for user in (inspector, bureau_staff, leader, school_admin_a):
        assert _ratings_page(client, user).status_code == 403
    anonymous = _ratings_page(client, None)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    # nor on the pages the inspector uses for the visit
    client.force_login(inspector)
    for url in (reverse("inspections:visit_code", args=[code.plan_id, school_a.pk]), inspection.get_absolute_url()):
        assert "未出示证件" not in client.get(url).content.decode()


def test_the_list_puts_low_ratings_first_and_shows_a_comment_escaped(client, legal_reviewer):
    from tests.factories import OrganizationFactory

    for score, comment in ((5, "很好"), (1, "<script>alert(1)</script>"), (3, "一般")):
        code, _, _ = visit(OrganizationFactory())
        services.visit_rating_create(
            code=code,
            score=score,
            showed_certificates=True,
            followed_checklist=True,
            no_disruption=True,
            comment=comment,
        )
    page = _ratings_page(client, legal_reviewer).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index("&lt;script&gt;") < page.index("一般") < page.index("很好")
    assert "共 3 份评价，平均 3.0 分" in page


def test_the_statistic_counts_and_averages_the_years_ratings_and_traces_to_its_list(client, legal_reviewer):
    from tests.factories import OrganizationFactory

    year = date.today().year
    for score in (2, 5):
        code, _, _ = visit(OrganizationFactory())
        services.visit_rating_create(
            code=code, score=score, showed_certificates=True, followed_checklist=True, no_disruption=True
        )
    statistic = REGISTRY["inspections.visit_ratings"]
    assert statistic.value(year) == [
        {"label": "评价（份）", "value": 2, "url": statistic.url(year)},
        {"label": "平均评分（分）", "value": 3.5},
    ]
    assert statistic.value(year - 3) == [{"label": "评价（份）", "value": 0, "url": statistic.url(year - 3)}]
    client.force_login(legal_reviewer)
    assert client.get(statistic.url(year)).context["page"].paginator.count == 2
