"""扫码入企 on the officer's phone: the code of a drawn visit, its QR image, reached from the inspection form."""

import base64
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from directory.models import OrgKind
from inspections import services
from inspections.models import PlanKind
from inspections.visit_code_selectors import public_url, qr_data_uri
from tests.factories import OrganizationFactory, UserFactory

from .factories import OfficerFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(bureau_staff):
    """A 2025 双随机 of private kindergartens: the drawn kindergarten, its plan and its two officers."""
    OfficerFactory.create_batch(2, valid_from=date(2020, 1, 1))
    OrganizationFactory(private_kindergarten=True)
    plan = PlanFactory(kind=PlanKind.RANDOM, starts_on=date(2025, 3, 1), target_kinds=[OrgKind.PRIVATE_KINDERGARTEN])
    draw = services.draw_commit(plan=plan, quotas={OrgKind.PRIVATE_KINDERGARTEN: 1}, user=bureau_staff)
    entity = services.draw_perform(draw=draw, user=bureau_staff).entities.get()
    return entity.organization, plan, list(entity.officers.order_by("name"))


def _page(client, plan, organization):
    return client.get(reverse("inspections:visit_code", args=[plan.pk, organization.pk]))


def test_the_drawn_officer_shows_the_code_large_with_the_visits_basis(client, drawn):
    kindergarten, plan, officers = drawn
    client.force_login(UserFactory(username="officer", role=Role.BUREAU_STAFF, officer=officers[0]))
    page = _page(client, plan, kindergarten)
    text = page.content.decode()
    assert page.status_code == 200
    assert kindergarten.name in text and "《测试依据》" in text and "<svg" in text and 'class="visit-qr"' in text
    code = kindergarten.visit_codes.get(plan=plan)
    assert f"/v/{code.token}/" in text and "尚未检查" in text
    assert all(o.name in text and o.certificate_no in text for o in officers)
    # the public page names the drawn officers before the visit
    public = client.get(code.get_absolute_url()).content.decode()
    assert all(o.name in public for o in officers)
    # the inspection form the 待办 opens links to it
    form = client.get(reverse("inspections:inspection_create"), {"plan": plan.pk, "organization": kindergarten.pk})
    assert reverse("inspections:visit_code", args=[plan.pk, kindergarten.pk]) in form.content.decode()


def test_the_qr_image_is_an_svg_image(staff_client, drawn):
    kindergarten, plan, _ = drawn
    image = staff_client.get(reverse("inspections:visit_code_qr", args=[plan.pk, kindergarten.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert image.content.decode().startswith("<svg") and b"<path" in image.content
    # what the 检查通知 PDF prints: the same image, and the address under it
    code = kindergarten.visit_codes.get(plan=plan)
    assert base64.b64decode(qr_data_uri(code).split(",", 1)[1]) == image.content
    assert public_url(code) == f"{settings.PORTAL_URL.rstrip('/')}/v/{code.token}/"


def test_an_organization_the_plan_did_not_draw_has_no_code(staff_client, drawn):
    _, plan, _ = drawn
    other = OrganizationFactory(private_kindergarten=True)
    assert _page(staff_client, plan, other).status_code == 404
    assert not other.visit_codes.exists()


def test_schools_and_anonymous_visitors_cannot_open_the_officers_page(client, drawn, school_admin_a, legal_reviewer):
    kindergarten, plan, _ = drawn
    assert _page(client, plan, kindergarten)["Location"].startswith("/accounts/login/")
    for user in (school_admin_a, legal_reviewer):
        client.force_login(user)
        assert _page(client, plan, kindergarten).status_code == 403
