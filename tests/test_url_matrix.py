"""Every URL pattern of the project × every persona, generated from the URL conf so that no view,
named or not, can be missed.

For each pattern the persona's outcome follows from the view's access rule (accounts.access) and,
for a pattern with arguments, from a real object of school A built by its sample
(tests/<app>/url_samples.py, see tests/matrix.py):
- anonymous: sent to the sign-in page (GET and POST), unless the view is public;
- a signed-in persona whose role the rule leaves out: 403 (GET and POST);
- a persona the rule lets in but whose scope does not reach the object (another school): 403 or 404;
- a persona the rule lets in and who may see the object (its school, the district): 200 — or, for a
  view that acts on POST, its answer to a POST (200, 400, or a redirect that is not to sign-in).
A redirect is accepted only to the sign-in page for anonymous visitors, after a POST action, or for
the views whose purpose is a redirect, listed in REDIRECTS. A pattern with arguments and no sample
fails. A persona is one line in PERSONAS.
"""

import importlib
import pkgutil
import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from accounts.roles import Role
from core.models import visibility_key
from tests.factories import UserFactory
from tests.matrix import ANYONE, CREATOR, DISTRICT, SCOPE, Sample

SKIP_NAMESPACES = {"admin"}  # Django's admin checks is_staff itself: test_admin_site_is_for_staff_only


@dataclass(frozen=True)
class Persona:
    role: str | None  # None: anonymous
    school: str | None = None  # "a" (the owner of every sample object) or "b" (another school)


PERSONAS = {
    "anonymous": Persona(None),
    "admin": Persona(Role.ADMIN),
    "security_admin": Persona(Role.SECURITY_ADMIN),
    "audit_admin": Persona(Role.AUDIT_ADMIN),
    "bureau_staff": Persona(Role.BUREAU_STAFF),
    "leader": Persona(Role.LEADER),
    "school_a": Persona(Role.SCHOOL_ADMIN, school="a"),
    "school_b": Persona(Role.SCHOOL_ADMIN, school="b"),
    "legal_reviewer": Persona(Role.LEGAL_REVIEWER),
}

# Views whose purpose is a redirect, for the users they let in: (method, where to).
REDIRECTS = {
    "accounts:login": ("get", "/"),  # a signed-in user is sent to the home page
    "accounts:logout": ("post", "/accounts/login/"),  # signing out ends on the sign-in page
    "core:favicon": ("get", "/static/img/"),  # the emblem
    "legalaid:index": ("get", "/legalaid/"),  # the coverage page, or a school's own counsel page
    # the second step of signing in, without a first step in this session: back to the sign-in page
    "accounts:login_verify": ("get", "/accounts/login/"),
    "accounts:login_enrol": ("get", "/accounts/login/"),
    "accounts:two_factor_enrol": ("get", "/accounts/two-factor/"),  # already enrolled: the status page
}
LOGIN = "/accounts/login/"
IN, LOGIN_REDIRECT, FORBIDDEN, HIDDEN = "200", "→ sign-in", "403", "403/404"


def walk(resolver=None, prefix="", namespace=""):
    """(key, route, pattern) of every URL pattern: the key is its name, or its route when unnamed."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIP_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            yield (f"{namespace}{entry.name}" if entry.name else f"/{route}"), route, entry


ALL = {key: (route, pattern) for key, route, pattern in walk()}
WITH_ARGS = sorted(key for key, (_, pattern) in ALL.items() if pattern.pattern.regex.groupindex)


def samples() -> dict[str, Sample]:
    found = {}
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".url_samples"):
            found.update(importlib.import_module(module.name).SAMPLES)
    return {key: value if isinstance(value, Sample) else Sample(value) for key, value in found.items()}


def url_for(key: str, kwargs: dict) -> str:
    route, pattern = ALL[key]
    if pattern.name:
        return reverse(key, kwargs=kwargs)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)


def sign_in(client, user) -> None:
    """The one place a persona signs in (a second factor, when a role needs one, goes here)."""
    client.logout()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def expected(rule, user, sample: Sample | None, ctx) -> str:
    if rule == "public":
        return IN
    if user is None:
        return LOGIN_REDIRECT
    if user.role not in rule:
        return FORBIDDEN
    if sample is None:
        return IN
    scope = visibility_key(user)
    sees = {
        SCOPE: scope in ("district", f"org{ctx.school_a.pk}"),
        DISTRICT: scope == "district",
        CREATOR: user == ctx.school_admin_a,
        ANYONE: True,
    }[sample.sees]
    return IN if sees else HIDDEN


def answer(client, method: str, url: str):
    with transaction.atomic():  # each request sees the sample as built, whatever the one before did
        response = getattr(client, method)(url)
        if response.streaming:  # read to the end, as a server would (closing it unread ends the connection)
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


def problem(client, key: str, url: str, outcome: str, sample: Sample | None) -> str | None:
    """What went wrong for one persona, or None."""
    if outcome == IN:
        method, to = REDIRECTS.get(key, ("post" if sample and sample.post else "get", None))
        response = answer(client, method, url)
        code, where = response.status_code, response.get("Location", "")
        if to is not None and code in (301, 302) and where.startswith(to):
            return None
        if method == "post" and to is None and (code in (200, 400) or (code == 302 and not where.startswith(LOGIN))):
            return None
        if code == 200 and (to is None or method == "get"):
            return None
        return f"{method.upper()} {code} {where}".strip()
    for method in ("get", "post"):
        response = answer(client, method, url)
        code, where = response.status_code, response.get("Location", "")
        ok = {
            LOGIN_REDIRECT: code == 302 and where.startswith(LOGIN),
            FORBIDDEN: code == 403,
            HIDDEN: code in (403, 404),
        }[outcome]
        if not ok:
            return f"{method.upper()} {code} {where}".strip()
    return None


@pytest.mark.parametrize("key", sorted(ALL))
def test_every_view_declares_its_access_rule(key):
    assert hasattr(ALL[key][1].callback, "access"), f"{key} has no @access/@public rule"


@pytest.mark.parametrize("key", WITH_ARGS)
def test_every_url_with_arguments_has_a_sample(key):
    assert key in samples(), f"add {key!r} to SAMPLES in tests/<app>/url_samples.py"


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL))
def test_each_persona_gets_what_the_rule_and_the_objects_scope_give_it(key, client, school_a, school_b):
    users = {
        name: persona.role
        and UserFactory(
            username=f"matrix_{name}",
            full_name=name,
            role=persona.role,
            organization={"a": school_a, "b": school_b}.get(persona.school),
        )
        for name, persona in PERSONAS.items()
    }
    ctx = SimpleNamespace(
        school_a=school_a, school_b=school_b, school_admin_a=users["school_a"], staff=users["bureau_staff"]
    )
    sample = samples().get(key)  # also for a view without arguments that acts on POST
    if sample is None and key in WITH_ARGS:
        pytest.fail(f"no sample for {key}: add it to SAMPLES in tests/<app>/url_samples.py")
    url = url_for(key, sample.build(ctx) if sample else {})
    rule = ALL[key][1].callback.access

    problems = []
    for name in PERSONAS:
        user = users[name] or None
        sign_in(client, user)
        outcome = expected(rule, user, sample, ctx)
        wrong = problem(client, key, url, outcome, sample)
        if wrong:
            problems.append(f"{name}: expected {outcome}, got {wrong}")
    assert not problems, f"{url}\n" + "\n".join(problems)
