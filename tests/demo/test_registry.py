import io

import pytest
from django.core.management import call_command

from core import stats
from directory.models import Department, Organization, OrgKind, Ownership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_district):
    return demo_district


def test_demo_district_matches_the_seed(demo):
    orgs = Organization.objects
    kindergartens = orgs.filter(kind__in=[OrgKind.PUBLIC_KINDERGARTEN, OrgKind.PRIVATE_KINDERGARTEN])
    assert kindergartens.count() == 118
    assert kindergartens.filter(ownership=Ownership.PUBLIC).exists()
    assert orgs.filter(kind=OrgKind.PRIVATE_SCHOOL).count() == 6
    assert orgs.filter(kind=OrgKind.SUBJECT_TRAINING).count() == 88
    assert orgs.filter(kind=OrgKind.NONSUBJECT_TRAINING).count() == 377
    public = orgs.filter(ownership=Ownership.PUBLIC).exclude(kind=OrgKind.BUREAU)
    assert public.count() == 58
    assert sum(public.values_list("sites", flat=True)) == 68
    assert {"琅琊小学", "天母山小学", "婺城小学"} <= set(public.values_list("name", flat=True))
    bureau = orgs.get(kind=OrgKind.BUREAU)
    assert (bureau.name, bureau.credit_code) == ("金华市婺城区教育局", "11330702732038549W")
    partners = set(Department.objects.values_list("short_name", flat=True))
    assert {"区市场监管局", "区民政局", "区消防救援大队"} <= partners


def test_invented_names_are_plainly_demo(demo):
    real = {"琅琊小学", "天母山小学", "婺城小学", "金华市婺城区教育局"}
    for name in Organization.objects.exclude(name__in=real).values_list("name", flat=True):
        assert "演示" in name, name


def test_load_demo_is_idempotent(demo):
    before = Organization.objects.count(), Organization.history.count()
    call_command("load_demo", stdout=io.StringIO())
    assert (Organization.objects.count(), Organization.history.count()) == before


def test_if_empty_skips_a_database_with_data(demo):
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()


def test_demo_users_exist_for_every_role(demo):
    from accounts.models import User
    from accounts.roles import Role

    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_registry_statistics_of_the_demo_district(demo):
    values = {
        name: stats.get(name).value(2021)
        for name in [
            "directory.public_schools",
            "directory.public_school_sites",
            "directory.kindergartens",
            "directory.private_schools",
            "directory.subject_training",
            "directory.nonsubject_training",
        ]
    }
    assert values == {
        "directory.public_schools": 58,
        "directory.public_school_sites": 68,
        "directory.kindergartens": 118,
        "directory.private_schools": 6,
        "directory.subject_training": 88,
        "directory.nonsubject_training": 377,
    }
    assert stats.get("directory.private_schools").url(2021).startswith("/directory/?")
