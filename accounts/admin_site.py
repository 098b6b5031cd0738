"""What /admin/ is for now: the 系统管理员's pages for reference data, and nothing else.

- Only the 系统管理员, signed in through the portal with a second factor, may open it; its own
  password-only login page is replaced by the portal's sign-in.
- It shows the models listed in REFERENCE_DATA (乡镇街道, 部门, 营转非材料模板): accounts are kept in
  the portal's 用户管理 (with its rules on administrator roles), the audit trail by the 审计管理员,
  and enforcement records only through the services of their apps. Other apps' admin registrations
  stay in their files but show nothing to anyone.
- Every addition, change and deletion made here also goes to the audit log.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .access import second_factor_missing
from .audit import Action, audit_record
from .roles import Role

# ModelAdmins of these packages ask per-user permissions (nobody has any): the role answers instead.
LIBRARY_ADMINS = ("django.", "simple_history.", "import_export.")

# app_label.model_name of the reference data the 系统管理员 keeps here.
REFERENCE_DATA = frozenset({"directory.township", "directory.department", "conversions.materialtemplate"})


def is_reference_data(model) -> bool:
    return model._meta.label_lower in REFERENCE_DATA


def may_keep_reference_data(request) -> bool:
    user = request.user
    return user.is_active and user.is_authenticated and user.role == Role.ADMIN and not second_factor_missing(user)


class AuditedModelAdmin:
    """Mixed into every ModelAdmin registered on the site: writes go to the audit log, and only the
    reference-data models answer to anyone."""

    def _audit(self, request, obj, verb: str, message="") -> None:
        audit_record(
            action=Action.REFERENCE_DATA,
            actor=request.user,
            request=request,
            target=f"{obj._meta.verbose_name}：{obj}",
            detail=f"{verb}{('：' + str(message)) if message else ''}",
        )

    def log_addition(self, request, obj, message):
        self._audit(request, obj, "新增")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "修改", self.construct_change_message_text(message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "删除")
        return super().log_deletions(request, queryset)

    @staticmethod
    def construct_change_message_text(message) -> str:
        changed = [f for item in message or [] for f in item.get("changed", {}).get("fields", [])]
        return "、".join(str(f) for f in changed)

    def _allowed(self, request, name: str, *args) -> bool:
        """The role decides (Django's default would ask per-user permissions, which nobody has); a
        ModelAdmin that narrows it further (read-only ones) keeps its own answer."""
        if not (is_reference_data(self.model) and may_keep_reference_data(request)):
            return False
        mro = type(self).__mro__
        owner = next(c for c in mro[mro.index(AuditedModelAdmin) + 1 :] if name in vars(c))
        if owner.__module__.startswith(LIBRARY_ADMINS):
            return True
        return getattr(super(), name)(request, *args)

    def has_module_permission(self, request):
        return self._allowed(request, "has_module_permission")

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, "has_view_permission", obj)

    def has_add_permission(self, request, *args):
        return self._allowed(request, "has_add_permission", *args)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, "has_change_permission", obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, "has_delete_permission", obj)

    def history_view(self, request, object_id, extra_context=None):
        # Change history is audit data: the 审计管理员 reads it in the portal (审计日志 → 数据变更记录).
        raise PermissionDenied("变更记录由审计管理员查阅。")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        raise PermissionDenied("变更记录由审计管理员查阅。")


class ReferenceDataAdminSite(admin.AdminSite):
    site_header = "婺城区依法治教工作平台 · 参考数据"
    site_title = "参考数据"
    index_title = "参考数据（系统管理员）"
    enable_nav_sidebar = False

    def has_permission(self, request):
        return may_keep_reference_data(request)

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        audited = type(base.__name__, (AuditedModelAdmin, base), {"__module__": base.__module__})
        return super().register(model_or_iterable, audited, **options)

    def login(self, request, extra_context=None):
        """One way in: the portal's sign-in (password, then the second factor)."""
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied("参考数据由系统管理员维护。")
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

    def logout(self, request, extra_context=None):
        return redirect("accounts:login")

    def password_change(self, request, extra_context=None):
        return redirect("accounts:password_change")
