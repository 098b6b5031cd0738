"""The demo publishes its 检查事项清单, so a newcomer who plans an inspection today is not refused."""

import pytest
from django.urls import reverse

from accounts.models import User
from directory.models import Department
from inspections.models import Checklist, ChecklistStatus, CheckMatter, Plan
from tests.clients import PortalClient

pytestmark = pytest.mark.django_db


def test_every_item_of_the_checklist_in_use_is_published_and_a_plan_of_today_is_accepted(demo_district):
    checklist = Checklist.objects.get(status=ChecklistStatus.PUBLISHED)
    published = CheckMatter.objects.filter(item__checklist=checklist, published_on__isnull=False)
    assert published.count() == checklist.items.count() > 100
    public = PortalClient().get(reverse("inspections:public_matters"))
    assert f"共 {checklist.items.count()} 项" in public.content.decode()

    client = PortalClient()
    client.force_login(User.objects.get(username="staff"))
    data = {
        "name": "本学期民办幼儿园双随机抽查",
        "kind": "random",
        "lead_section": Department.objects.get(name="政策法规科").pk,
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "target_kinds": ["private_kindergarten"],
        "checklist": checklist.pk,
        "planned_count": 10,
    }
    response = client.post(reverse("inspections:plan_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Plan.objects.filter(name="本学期民办幼儿园双随机抽查").exists()


def test_the_demo_school_has_a_check_notice_and_the_leader_a_form_to_approve(demo_district):
    from core.todo import items_for

    school = User.objects.get(username="school")
    notices = [i for i in items_for(school) if i.kind == "检查通知"]
    assert len(notices) == 1 and notices[0].title.startswith("婺教检通〔")
    client = PortalClient()
    client.force_login(school)
    assert client.get(notices[0].url).status_code == 200
    waiting = [i for i in items_for(User.objects.get(username="leader")) if i.kind == "行政检查待审批"]
    assert len(waiting) == 1
