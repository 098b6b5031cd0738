"""The builtin `{% url %}`: fixed URLs reversed once per process, everything else as Django's tag."""

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from core.templatetags import cached_url


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_fixed_urls_are_reversed_once(monkeypatch):
    cached_url._reverse.cache_clear()
    calls = []
    monkeypatch.setattr(cached_url, "reverse", lambda *a, **k: calls.append(a) or reverse(*a, **k))
    for _ in range(3):
        assert (
            render("{% url 'core:home' %}|{% url 'public:index' %}")
            == f"{reverse('core:home')}|{reverse('public:index')}"
        )
    assert len(calls) == 2


def test_arguments_variables_and_as_behave_as_djangos_tag():
    cached_url._reverse.cache_clear()
    assert render("{% url 'directory:organization_detail' 7 %}") == reverse("directory:organization_detail", args=[7])
    assert render("{% url name %}", name="core:home") == reverse("core:home")
    assert render("{% url 'core:home' as home %}[{{ home }}]") == f"[{reverse('core:home')}]"
    assert render("{% url 'no-such-view' as missing %}[{{ missing }}]") == "[]"


def test_the_script_prefix_is_part_of_the_cached_url():
    cached_url._reverse.cache_clear()
    try:
        set_script_prefix("/edu/")
        assert render("{% url 'core:home' %}") == "/edu/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'core:home' %}") == "/"
