"""Accounts kept by the 系统管理员, and every user's own password."""

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import render
from django.urls import reverse

from accounts.access import EVERY_ACCOUNT, access
from core.forms import form_status, save_form
from core.history import history_rows
from core.listing import paginate, query_without_page
from core.queries import contains

from .. import selectors, services
from ..forms import PreferencesForm, UserForm
from ..models import User
from ..roles import NO_ROLE, NO_ROLE_LABEL, Role


class PortalPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
    }


@access(EVERY_ACCOUNT)
def password_change(request):
    form = PortalPasswordChangeForm(request.user, request.POST or None)
    done = save_form(
        request,
        form,
        # stay signed in with the new password
        lambda: update_session_auth_hash(request, services.password_change(form=form, request=request)),
        success="密码已修改。",
        next_url="core:home",
    )
    return done or render(request, "accounts/password_change.html", {"form": form}, status=form_status(form))


@access(EVERY_ACCOUNT)
def preferences(request):
    """The user's own reminder settings: the daily 待办 e-mail, to the address the administrator keeps."""
    user = request.user
    # An unticked box posts nothing: the POST is empty but still a submission.
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=user)
    done = save_form(
        request,
        form,
        lambda: services.preferences_update(user=user, todo_digest=form.cleaned_data["todo_digest"]),
        success="提醒设置已保存。",
        next_url="accounts:preferences",
    )
    return done or render(request, "accounts/preferences.html", {"form": form}, status=form_status(form))


@access({Role.ADMIN})
def user_list(request):
    users = selectors.users_for_admin(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(contains("username", q) | contains("full_name", q) | contains("organization__name", q))
    role = request.GET.get("role")
    if role == "none":
        users = users.filter(role=NO_ROLE)
    elif role in Role.values:
        users = users.filter(role=role)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": paginate(request, users),
            "query": query_without_page(request),
            "roles": [*Role.choices, ("none", NO_ROLE_LABEL)],
            "q": q,
            "role": role,
        },
    )


def _user_form(request, user: User | None):
    form = UserForm(request.POST or None, instance=user)
    done = save_form(
        request,
        form,
        lambda: services.user_save(
            user=form.save(commit=False),
            password=form.cleaned_data.get("password1"),
            actor=request.user,
            request=request,
        ),
        success=lambda saved: f"已保存用户“{saved}”。",
        next_url="accounts:user_list",
    )
    return done or render(request, "accounts/user_form.html", {"form": form, "account": user}, status=form_status(form))


@access({Role.ADMIN})
def user_create(request):
    return _user_form(request, None)


@access({Role.ADMIN})
def user_edit(request, pk):
    return _user_form(request, selectors.get_user_for_admin(request.user, pk, write=True))


@access({Role.AUDIT_ADMIN})
def user_history(request, pk):
    """An account's changes (role, organization, status) as its history keeps them: for the auditor."""
    account = selectors.get_user_for_auditor(request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": account, "rows": history_rows(account), "back": reverse("accounts:audit_log")},
    )
