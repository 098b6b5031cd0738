from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import render
from django.urls import reverse

from accounts.access import ANY_SIGNED_IN, access, public
from core.forms import form_status, save_form
from core.history import history_rows
from core.listing import paginate, query_without_page
from core.queries import contains

from . import selectors, services
from .forms import LoginForm, UserForm
from .models import User
from .roles import Role

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
    )
)
logout = public(auth_views.LogoutView.as_view())


@access(ANY_SIGNED_IN)
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    done = save_form(
        request,
        form,
        lambda: update_session_auth_hash(request, form.save()),  # stay signed in with the new password
        success="密码已修改。",
        next_url="core:home",
    )
    return done or render(request, "accounts/password_change.html", {"form": form}, status=form_status(form))


@access({Role.ADMIN})
def user_list(request):
    users = selectors.users_for_admin(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(contains("username", q) | contains("full_name", q) | contains("organization__name", q))
    role = request.GET.get("role")
    if role in Role.values:
        users = users.filter(role=role)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": paginate(request, users),
            "query": query_without_page(request),
            "roles": Role.choices,
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
            user=form.save(commit=False), password=form.cleaned_data.get("password1"), actor=request.user
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
    return _user_form(request, selectors.get_user_for_admin(request.user, pk))


@access({Role.ADMIN})
def user_history(request, pk):
    account = selectors.get_user_for_admin(request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": account, "rows": history_rows(account), "back": reverse("accounts:user_list")},
    )
