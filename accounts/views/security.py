"""The 安全管理员's pages: the security policy, accounts (lockouts, second factors), unlocking."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import access
from core.forms import form_status, save_form
from core.listing import paginate, query_without_page

from .. import selectors, services, two_factor
from ..forms import SecurityPolicyForm
from ..models import SecurityPolicy
from ..roles import Role

SECURITY = {Role.SECURITY_ADMIN}


@access(SECURITY)
def security_policy(request):
    policy = SecurityPolicy.current()
    form = SecurityPolicyForm(request.POST or None, instance=policy)
    done = save_form(
        request,
        form,
        lambda: services.security_policy_update(policy=form.save(commit=False), actor=request.user, request=request),
        success="安全策略已保存。锁定和密码规则立即生效，无操作退出时间对之后登录的会话生效。",
        next_url="accounts:security",
    )
    context = {"form": form, "policy": policy, "locked": selectors.locked_usernames(request)}
    return done or render(request, "accounts/security.html", context, status=form_status(form))


@access(SECURITY)
def account_list(request):
    q = request.GET.get("q", "").strip()
    page = paginate(request, selectors.accounts_for_security(request.user, q=q))
    enrolled = selectors.enrolled_user_ids([u.pk for u in page.object_list])
    locked = set(selectors.locked_usernames(request))
    for account in page.object_list:
        account.two_factor = account.pk in enrolled
        account.locked = account.username in locked
    return render(
        request, "accounts/security_accounts.html", {"page": page, "q": q, "query": query_without_page(request)}
    )


@access(SECURITY)
@require_POST
def unlock(request):
    username = request.POST.get("username", "").strip()
    if not username:
        messages.error(request, "请指明要解锁的账号。")
    else:
        services.account_unlock(username=username, actor=request.user, request=request)
        messages.success(request, f"已解锁账号“{username}”，该账号可以立即重新登录。")
    return redirect("accounts:security_accounts" if request.POST.get("back") == "accounts" else "accounts:security")


@access(SECURITY)
@require_POST
def two_factor_reset(request, pk):
    account = selectors.get_account_for_security(request.user, pk)
    try:
        two_factor.two_factor_reset(account=account, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已重置“{account}”的二次验证，其下次登录时需重新绑定验证器。")
    return redirect("accounts:security_accounts")
