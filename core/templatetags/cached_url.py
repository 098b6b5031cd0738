"""`{% url 'name' %}` without arguments, reversed once per process.

Installed as a template builtin (settings.TEMPLATES), so it replaces Django's `url` tag everywhere:
a page's layout, module menu and buttons name a dozen or two fixed URLs, each reversed on every
request before (about a tenth of a short list page). A tag with arguments, a view name from a
variable, or a name that does not reverse behaves exactly as Django's.
"""

from functools import lru_cache

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


@lru_cache(maxsize=2048)
def _reverse(view_name: str, current_app, script_prefix: str, urlconf) -> str:
    return reverse(view_name, current_app=current_app)


def cached_reverse(view_name: str, current_app=None) -> str:
    """reverse() of a URL without arguments, once per process (and script prefix and URLconf)."""
    return _reverse(view_name, current_app, get_script_prefix(), get_urlconf())


class CachedURLNode(defaulttags.URLNode):
    def render(self, context):
        name = self.view_name.var
        if self.args or self.kwargs or self.view_name.filters or not isinstance(name, str):
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = cached_reverse(str(name), current_app)
        except NoReverseMatch:
            return super().render(context)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
