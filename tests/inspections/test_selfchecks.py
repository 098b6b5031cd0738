import pytest
from django.urls import reverse

from inspections.models import Hazard, HazardSource, SelfCheck, SelfCheckStatus
from tests.clients import PortalClient

from .factories import SelfCheckFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> PortalClient:
    client = PortalClient()  # the second factor too, for the roles that need one
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def answers(self_check, *, fail=(), skip=()):
    data = {"expected_version": self_check.version, "summary": "逐项自查"}
    for item in self_check.checklist.items.all():
        if item.number not in skip:
            data[f"answer_{item.pk}"] = "fail" if item.number in fail else "pass"
    return data


def test_school_fills_submits_gets_returned_resubmits_and_is_accepted(school_admin_a, bureau_staff, checklist):
    school, bureau = signed_in(school_admin_a), signed_in(bureau_staff)
    response = school.post(reverse("inspections:selfcheck_create"), {"year": 2021, "term": "autumn"})
    self_check = SelfCheck.objects.get()
    assert response.status_code == 302 and self_check.checklist == checklist
    url = self_check.get_absolute_url()

    school.post(url, {**answers(self_check, skip=(1,)), "action": "save"})
    self_check.refresh_from_db()
    assert self_check.status == SelfCheckStatus.DRAFT and len(self_check.answers) == 9

    incomplete = school.post(url, {**answers(self_check, skip=(1,)), "action": "submit"})
    self_check.refresh_from_db()
    assert "还有1个检查项未填写结果" in incomplete.content.decode()
    assert self_check.status == SelfCheckStatus.DRAFT

    school.post(url, {**answers(self_check, fail=(3, 4)), "action": "submit"})
    self_check.refresh_from_db()
    assert self_check.status == SelfCheckStatus.SUBMITTED

    review = reverse("inspections:selfcheck_review", args=[self_check.pk])
    version = {"expected_version": self_check.version}
    no_reason = bureau.post(review, {"decision": "return", **version})
    assert no_reason.status_code == 400 and "退回须写明理由" in no_reason.content.decode()
    self_check.refresh_from_db()
    assert self_check.status == SelfCheckStatus.SUBMITTED  # a return without a reason is refused
    bureau.post(review, {"decision": "return", "reason": "缺少照片", **version})
    self_check.refresh_from_db()
    assert self_check.status == SelfCheckStatus.RETURNED and "缺少照片" in school.get(url).content.decode()

    school.post(url, {**answers(self_check, fail=(3, 4)), "action": "submit"})
    self_check.refresh_from_db()
    bureau.post(review, {"decision": "accept", "expected_version": self_check.version})
    self_check.refresh_from_db()
    assert self_check.status == SelfCheckStatus.ACCEPTED
    hazards = Hazard.objects.filter(self_check=self_check)
    assert sorted(h.area for h in hazards) == ["fire", "food"]
    assert all(h.source == HazardSource.SELF_CHECK and h.organization_id == self_check.organization_id for h in hazards)
    # Accepted: the school can no longer change it.
    assert school.post(url, {**answers(self_check), "action": "save"}).status_code == 403


def test_only_the_own_school_sees_and_fills_its_self_check(school_admin_b, bureau_staff, selfcheck_a):
    other = signed_in(school_admin_b)
    assert other.get(selfcheck_a.get_absolute_url()).status_code == 404
    assert other.post(selfcheck_a.get_absolute_url(), answers(selfcheck_a)).status_code == 404
    assert list(other.get(reverse("inspections:selfcheck_list")).context["page"].object_list) == []
    # The bureau reads it but does not fill a school's self-check.
    bureau = signed_in(bureau_staff)
    assert bureau.get(selfcheck_a.get_absolute_url()).status_code == 200
    assert bureau.post(selfcheck_a.get_absolute_url(), answers(selfcheck_a)).status_code == 403
    assert signed_in(bureau_staff).get(reverse("inspections:selfcheck_create")).status_code == 403


def test_one_self_check_per_school_and_term(school_a_client, selfcheck_a):
    response = school_a_client.post(reverse("inspections:selfcheck_create"), {"year": 2021, "term": "spring"})
    assert response.status_code == 400 and "已经创建" in response.content.decode()


def test_stale_draft_save_is_refused(school_admin_a, selfcheck_a):
    client = signed_in(school_admin_a)
    stale = answers(selfcheck_a)
    client.post(selfcheck_a.get_absolute_url(), {**answers(selfcheck_a), "summary": "第一次", "action": "save"})
    response = client.post(selfcheck_a.get_absolute_url(), {**stale, "summary": "第二次", "action": "save"})
    selfcheck_a.refresh_from_db()
    assert response.status_code == 400 and selfcheck_a.summary == "第一次"


@pytest.mark.usefixtures("header_count_off")
def test_selfcheck_list_query_count_is_constant(staff_client, django_assert_max_num_queries):
    SelfCheckFactory.create_batch(3)
    url = reverse("inspections:selfcheck_list")
    staff_client.get(url)
    with django_assert_max_num_queries(20) as small:
        staff_client.get(url)
    SelfCheckFactory.create_batch(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get(url)


def test_a_refused_submit_saves_nothing_and_the_page_can_be_sent_again(school_admin_a, selfcheck_a):
    """Submitting with an item left out is refused as a whole: the draft is not half-saved, and the
    form shown again carries a version the next click can use (no false "changed by someone" error)."""
    school = signed_in(school_admin_a)
    url = selfcheck_a.get_absolute_url()
    version = selfcheck_a.version
    refused = school.post(url, {**answers(selfcheck_a, skip=(1,)), "summary": "第一次", "action": "submit"})
    page = refused.content.decode()
    assert refused.status_code == 400 and page.count("还有1个检查项未填写结果") == 1
    assert page.index("还有1个检查项未填写结果") > page.index("逐项自查")  # beside the checklist, not on top
    selfcheck_a.refresh_from_db()
    assert (selfcheck_a.version, selfcheck_a.status, selfcheck_a.summary) == (version, SelfCheckStatus.DRAFT, "")
    shown = refused.context["form"]["expected_version"].value()
    done = school.post(url, {**answers(selfcheck_a), "expected_version": shown, "action": "submit"})
    assert done.status_code == 302
    selfcheck_a.refresh_from_db()
    assert selfcheck_a.status == SelfCheckStatus.SUBMITTED


def test_review_of_a_self_check_changed_meanwhile_is_refused(school_admin_a, bureau_staff, colleague, selfcheck_a):
    """The reviewer saw the first submission; meanwhile it was returned and submitted again, with a failed
    item. Accepting what they saw must not accept the new submission unseen."""
    from inspections import services

    school, bureau = signed_in(school_admin_a), signed_in(bureau_staff)
    url = selfcheck_a.get_absolute_url()
    school.post(url, {**answers(selfcheck_a), "action": "submit"})
    selfcheck_a.refresh_from_db()
    seen = selfcheck_a.version
    page = bureau.get(url).content.decode()
    assert f'<input type="hidden" name="expected_version" value="{seen}"' in page
    services.selfcheck_review(
        self_check=selfcheck_a, accept=False, reason="补充照片", user=colleague, expected_version=seen
    )
    selfcheck_a.refresh_from_db()
    school.post(url, {**answers(selfcheck_a, fail=(3,)), "action": "submit"})
    selfcheck_a.refresh_from_db()
    resubmitted = selfcheck_a.version

    review = reverse("inspections:selfcheck_review", args=[selfcheck_a.pk])
    refused = bureau.post(review, {"decision": "accept", "expected_version": seen}, follow=True).content.decode()
    selfcheck_a.refresh_from_db()
    assert "您看到的是旧版本" in refused
    assert (selfcheck_a.status, selfcheck_a.version) == (SelfCheckStatus.SUBMITTED, resubmitted)
    assert not Hazard.objects.filter(self_check=selfcheck_a).exists()

    bureau.post(review, {"decision": "accept", "expected_version": resubmitted})
    selfcheck_a.refresh_from_db()
    assert selfcheck_a.status == SelfCheckStatus.ACCEPTED and Hazard.objects.filter(self_check=selfcheck_a).count() == 1
