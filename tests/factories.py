"""factory_boy factories shared by every app's tests (Faker locale zh_CN)."""

import itertools

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.roles import Role
from directory.models import Department, DepartmentKind, Organization, OrgKind, Ownership, ProfitStatus, Township
from directory.validators import credit_code_check_char

factory.Faker._DEFAULT_LOCALE = "zh_CN"
PASSWORD = "Test@Passw0rd"
_serial = itertools.count(1)


def valid_credit_code(prefix: str = "12") -> str:
    body = f"{prefix}330702MA2T{next(_serial):05d}"
    return body + credit_code_check_char(body)


class TownshipFactory(DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ("name",)

    name = factory.Iterator(["城东街道", "城西街道", "琅琊镇", "汤溪镇"])


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"协作部门{n}")
    kind = DepartmentKind.PARTNER


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试第{n}小学")
    kind = OrgKind.PUBLIC_PRIMARY
    ownership = Ownership.PUBLIC
    profit_status = ProfitStatus.NON_PROFIT
    credit_code = factory.LazyFunction(valid_credit_code)
    township = factory.SubFactory(TownshipFactory)
    address = factory.Faker("address")
    principal = factory.Faker("name")

    class Params:
        kindergarten = factory.Trait(
            kind=OrgKind.PUBLIC_KINDERGARTEN, name=factory.Sequence(lambda n: f"测试第{n}幼儿园")
        )
        private_kindergarten = factory.Trait(
            kind=OrgKind.PRIVATE_KINDERGARTEN,
            ownership=Ownership.PRIVATE,
            name=factory.Sequence(lambda n: f"测试民办第{n}幼儿园"),
        )
        training = factory.Trait(
            kind=OrgKind.SUBJECT_TRAINING,
            ownership=Ownership.PRIVATE,
            profit_status=ProfitStatus.FOR_PROFIT,
            name=factory.Sequence(lambda n: f"测试培训学校{n}"),
            credit_code=factory.LazyFunction(lambda: valid_credit_code("91")),
        )


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name")
    role = Role.BUREAU_STAFF
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save()
