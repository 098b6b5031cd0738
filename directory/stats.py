"""Registry figures for the annual report and dashboards (the registry as it stands now)."""

from django.db.models import Sum
from django.urls import reverse

from core.stats import statistic

from .models import KINDERGARTEN_KINDS, SCHOOL_KINDS, Organization, OrgKind, OrgStatus, Ownership


def _list(**params) -> str:
    from urllib.parse import urlencode

    return f"{reverse('directory:organization_list')}?{urlencode(params)}"


def _active():
    return Organization.objects.filter(status=OrgStatus.ACTIVE)


@statistic(
    "directory.public_schools",
    sources=(Organization,),
    label="公办中小学及幼儿园",
    unit="所",
    trace=lambda year: _list(ownership="public", status="active"),
)
def public_schools(year: int) -> int:
    return _active().filter(ownership=Ownership.PUBLIC, kind__in=SCHOOL_KINDS).count()


@statistic(
    "directory.public_school_sites",
    sources=(Organization,),
    label="公办中小学及幼儿园办学点",
    unit="个",
    trace=lambda year: _list(ownership="public", status="active"),
)
def public_school_sites(year: int) -> int:
    rows = _active().filter(ownership=Ownership.PUBLIC, kind__in=SCHOOL_KINDS)
    return rows.aggregate(n=Sum("sites"))["n"] or 0


@statistic(
    "directory.kindergartens",
    sources=(Organization,),
    label="幼儿园",
    unit="家",
    trace=lambda year: _list(status="active"),
)
def kindergartens(year: int) -> int:
    return _active().filter(kind__in=KINDERGARTEN_KINDS).count()


@statistic(
    "directory.private_schools",
    sources=(Organization,),
    label="民办学校",
    unit="家",
    trace=lambda year: _list(kind=OrgKind.PRIVATE_SCHOOL, status="active"),
)
def private_schools(year: int) -> int:
    return _active().filter(kind=OrgKind.PRIVATE_SCHOOL).count()


@statistic(
    "directory.subject_training",
    sources=(Organization,),
    label="学科类培训机构",
    unit="家",
    trace=lambda year: _list(kind=OrgKind.SUBJECT_TRAINING),
)
def subject_training(year: int) -> int:
    return Organization.objects.filter(kind=OrgKind.SUBJECT_TRAINING).count()


@statistic(
    "directory.nonsubject_training",
    sources=(Organization,),
    label="非学科类培训机构",
    unit="家",
    trace=lambda year: _list(kind=OrgKind.NONSUBJECT_TRAINING),
)
def nonsubject_training(year: int) -> int:
    return Organization.objects.filter(kind=OrgKind.NONSUBJECT_TRAINING).count()
