"""The font stacks printed into the documents' <style> need no |safe: family names are escaped as CSS strings."""

from django.template import Context, Template
from django.test import override_settings

from documents import fonts


def test_a_family_name_cannot_end_the_css_string_or_the_style_element(monkeypatch):
    monkeypatch.setattr(fonts, "families", lambda role: ['仿宋"</style><script>alert(1)</script>', "FangSong"])
    html = Template("<style>p { font-family: {{ stack }}; }</style>").render(
        Context({"stack": fonts.font_stack("body")})
    )
    assert "</style><script>" not in html and "<script>" not in html
    assert '"仿宋\\22 \\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e ", "FangSong", serif' in html


@override_settings()
def test_an_ordinary_stack_prints_unchanged():
    stack = fonts.font_stack("hei")
    assert stack.startswith('"') and stack.endswith("sans-serif")
    assert Template("{{ s }}").render(Context({"s": stack})) == stack
