"""Every URL of the project × every persona, generated from the URL conf so a new view cannot be missed.

- Every view declares its access rule (accounts.access: @access(...) or @public).
- URLs without arguments: anonymous visitors are sent to login (or served, if public); a signed-in
  persona outside the rule gets 403; a persona inside it gets a page.
- URLs with arguments: each app lists, in tests/<app>/url_samples.py, how to build an object that
  belongs to school A for every such URL name (SAMPLES). Another school's administrator must get 403
  or 404 for it and an anonymous visitor must be sent to login. A URL name missing from SAMPLES fails.
"""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from accounts.roles import Role

SKIP_NAMESPACES = {"admin"}
# Persona → role (None = anonymous).
PERSONAS = {
    "anonymous": None,
    "admin": Role.ADMIN,
    "security_admin": Role.SECURITY_ADMIN,
    "audit_admin": Role.AUDIT_ADMIN,
    "bureau_staff": Role.BUREAU_STAFF,
    "leader": Role.LEADER,
    "school_admin": Role.SCHOOL_ADMIN,
}


def walk(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            yield from walk(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


ALL = dict(walk())
ARGLESS = sorted(name for name, p in ALL.items() if not p.pattern.regex.groupindex)
WITH_ARGS = sorted(name for name, p in ALL.items() if p.pattern.regex.groupindex)


def samples() -> dict:
    found = {}
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".url_samples"):
            found.update(importlib.import_module(module.name).SAMPLES)
    return found


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_view_declares_its_access_rule(name):
    callback = ALL[name].callback
    assert hasattr(callback, "access"), f"{name} has no @access/@public rule"


@pytest.mark.parametrize("name", WITH_ARGS)
def test_every_url_with_arguments_has_an_outsider_sample(name):
    assert name in samples(), f"add {name!r} to SAMPLES in tests/<app>/url_samples.py"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ARGLESS)
def test_argless_url_answers_each_persona_by_its_rule(
    name, persona, client, school_a, school_admin_a, bureau_staff, leader, portal_admin, security_admin, audit_admin
):
    rule = ALL[name].callback.access
    users = {
        Role.ADMIN: portal_admin,
        Role.SECURITY_ADMIN: security_admin,
        Role.AUDIT_ADMIN: audit_admin,
        Role.BUREAU_STAFF: bureau_staff,
        Role.LEADER: leader,
        Role.SCHOOL_ADMIN: school_admin_a,
    }
    role = PERSONAS[persona]
    if role:
        client.force_login(users[role], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse(name))
    if rule == "public":
        assert response.status_code in (200, 301, 302, 405), response.status_code
    elif role is None:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    elif role in rule:
        assert response.status_code in (200, 301, 302, 405), f"{name} as {persona}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{name} as {persona}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", WITH_ARGS)
def test_outsiders_cannot_reach_another_schools_objects(
    name, client, school_a, school_b, school_admin_a, school_admin_b, bureau_staff
):
    sample = samples().get(name)
    if sample is None:
        pytest.fail(f"no sample for {name}")
    ctx = SimpleNamespace(school_a=school_a, school_b=school_b, school_admin_a=school_admin_a, staff=bureau_staff)
    kwargs = sample(ctx)
    url = reverse(name, kwargs=kwargs)
    rule = ALL[name].callback.access
    if rule == "public":
        return  # public pages (published results) are meant for everyone
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    client.force_login(school_admin_b, backend="django.contrib.auth.backends.ModelBackend")
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code in (403, 404), f"{method.upper()} {url} as another school: {response.status_code}"


# (URL name, role outside its rule) for every URL with arguments: e.g. a leader on a drafting action,
# bureau staff on approving, a school administrator (of the record's own school) on the bureau's work.
OUTSIDE_ROLES = [
    (name, role)
    for name in WITH_ARGS
    if ALL[name].callback.access != "public"
    for role in Role
    if role not in ALL[name].callback.access
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), OUTSIDE_ROLES)
def test_roles_outside_a_rule_are_refused_on_the_schools_own_objects(
    name,
    role,
    client,
    school_a,
    school_b,
    school_admin_a,
    bureau_staff,
    leader,
    portal_admin,
    security_admin,
    audit_admin,
):
    sample = samples()[name]
    ctx = SimpleNamespace(school_a=school_a, school_b=school_b, school_admin_a=school_admin_a, staff=bureau_staff)
    url = reverse(name, kwargs=sample(ctx))
    users = {
        Role.ADMIN: portal_admin,
        Role.SECURITY_ADMIN: security_admin,
        Role.AUDIT_ADMIN: audit_admin,
        Role.BUREAU_STAFF: bureau_staff,
        Role.LEADER: leader,
    }
    users[Role.SCHOOL_ADMIN] = school_admin_a  # the record's own school: the role, not the scope, refuses
    client.force_login(users[role], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(url)
    assert response.status_code == 403, f"POST {url} as {role}: {response.status_code}"
