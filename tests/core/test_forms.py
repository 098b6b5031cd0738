"""core.forms.save_form: the validate → service → redirect-or-errors step the form views share."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.forms import form_status, save_form


class NameForm(forms.Form):
    name = forms.CharField()


def request(method="post", data=None):
    req = getattr(RequestFactory(), method)("/", data or {})
    req._messages = CookieStorage(req)
    return req


def flashed(req) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(req)]


def refuse(error):
    def save():
        raise error

    return save


def test_get_and_invalid_post_give_none_without_calling_the_service():
    calls = []
    get = request("get")
    assert save_form(get, NameForm(), lambda: calls.append(1), success="已保存。") is None
    invalid = request()
    form = NameForm(invalid.POST)
    assert save_form(invalid, form, lambda: calls.append(1), success="已保存。") is None
    assert calls == [] and form_status(form) == 400 and flashed(invalid) == []


def test_success_flashes_and_redirects_to_what_was_saved_or_next_url():
    req = request(data={"name": "甲"})
    done = save_form(req, NameForm(req.POST), lambda: "/saved/", success="已保存。")
    assert done.status_code == 302 and done["Location"] == "/saved/"
    assert flashed(req) == [("success", "已保存。")]

    req = request(data={"name": "甲"})
    done = save_form(req, NameForm(req.POST), lambda: "/saved/", success=lambda url: f"已保存到{url}。", next_url="/x/")
    assert done["Location"] == "/x/" and flashed(req) == [("success", "已保存到/saved/。")]


def test_service_errors_go_on_the_form_with_their_codes():
    req = request(data={"name": "甲"})
    form = NameForm(req.POST)
    error = ValidationError({"name": "名称已存在。", "other": "不是表单的字段。"})
    assert save_form(req, form, refuse(error), success="已保存。") is None
    assert form.errors == {"name": ["名称已存在。"], "__all__": ["不是表单的字段。"]}

    form = NameForm(req.POST)
    assert save_form(req, form, refuse(ValidationError("已被他人修改。", code="stale")), success="已保存。") is None
    assert [e.code for e in form.errors.as_data()["__all__"]] == ["stale"] and flashed(req) == []


def test_failure_flashes_the_errors_and_goes_back():
    back = {"success": "已保存。", "next_url": "/b/", "failure": "失败："}
    req = request(data={"name": "甲"})
    done = save_form(req, NameForm(req.POST), refuse(ValidationError(["一", "二"])), **back)
    assert done["Location"] == "/b/" and flashed(req) == [("error", "失败：一；二")]

    req = request()
    done = save_form(req, NameForm(req.POST), lambda: None, **back)
    assert done["Location"] == "/b/" and flashed(req) == [("error", "失败：这个字段是必填项。")]
