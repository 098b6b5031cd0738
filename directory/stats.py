"""Registry figures for the annual report and dashboards: the registry as it stood on 31 December of
the year (established by then, not yet 停办/注销 on that day: `Organization.objects.operating_on`).

Each figure's trace is the organization list as of that day (`?as_of=`), with the same filters.
"""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse

from core.stats import statistic

from .models import KINDERGARTEN_KINDS, SCHOOL_KINDS, Organization, OrgKind, Ownership


def as_of(year: int) -> date:
    """The day a year's registry figures describe: 31 December of the year."""
    return date(year, 12, 31)


def _list(year: int, **params) -> str:
    return f"{reverse('directory:organization_list')}?{urlencode({'as_of': as_of(year).isoformat(), **params})}"


def _operating(year: int):
    return Organization.objects.operating_on(as_of(year))


def _public_schools(year: int):
    return _operating(year).filter(ownership=Ownership.PUBLIC, kind__in=SCHOOL_KINDS)


@statistic(
    "directory.public_schools",
    sources=(Organization,),
    label="公办中小学及幼儿园",
    unit="所",
    trace=lambda year: _list(year, ownership="public", kind_group="school"),
)
def public_schools(year: int) -> int:
    return _public_schools(year).count()


@statistic(
    "directory.public_school_sites",
    sources=(Organization,),
    label="公办中小学及幼儿园办学点",
    unit="个",
    trace=lambda year: _list(year, ownership="public", kind_group="school"),
)
def public_school_sites(year: int) -> int:
    return _public_schools(year).aggregate(n=Sum("sites"))["n"] or 0


@statistic(
    "directory.kindergartens",
    sources=(Organization,),
    label="幼儿园",
    unit="家",
    trace=lambda year: _list(year, kind_group="kindergarten"),
)
def kindergartens(year: int) -> int:
    return _operating(year).filter(kind__in=KINDERGARTEN_KINDS).count()


@statistic(
    "directory.private_schools",
    sources=(Organization,),
    label="民办学校",
    unit="家",
    trace=lambda year: _list(year, kind=OrgKind.PRIVATE_SCHOOL),
)
def private_schools(year: int) -> int:
    return _operating(year).filter(kind=OrgKind.PRIVATE_SCHOOL).count()


@statistic(
    "directory.subject_training",
    sources=(Organization,),
    label="学科类培训机构",
    unit="家",
    trace=lambda year: _list(year, kind=OrgKind.SUBJECT_TRAINING),
)
def subject_training(year: int) -> int:
    return _operating(year).filter(kind=OrgKind.SUBJECT_TRAINING).count()


@statistic(
    "directory.nonsubject_training",
    sources=(Organization,),
    label="非学科类培训机构",
    unit="家",
    trace=lambda year: _list(year, kind=OrgKind.NONSUBJECT_TRAINING),
)
def nonsubject_training(year: int) -> int:
    return _operating(year).filter(kind=OrgKind.NONSUBJECT_TRAINING).count()
