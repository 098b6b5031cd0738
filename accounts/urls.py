from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("login/enrol/", views.login_enrol, name="login_enrol"),
    path("logout/", views.logout, name="logout"),
    path("session/keepalive/", views.keepalive, name="keepalive"),
    path("password/", views.password_change, name="password_change"),
    path("preferences/", views.preferences, name="preferences"),
    path("two-factor/", views.two_factor_status, name="two_factor"),
    path("two-factor/enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/codes/", views.two_factor_codes, name="two_factor_codes"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    # 系统管理员
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    # 安全管理员
    path("security/", views.security_policy, name="security"),
    path("security/accounts/", views.account_list, name="security_accounts"),
    path("security/unlock/", views.unlock, name="unlock"),
    path("security/accounts/<int:pk>/two-factor-reset/", views.two_factor_reset, name="two_factor_reset"),
    # 审计管理员
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/export/", views.audit_log_export, name="audit_log_export"),
    path("audit/changes/", views.audit_changes, name="audit_changes"),
    path("audit/changes/export/", views.audit_changes_export, name="audit_changes_export"),
    path("audit/users/<int:pk>/history/", views.user_history, name="user_history"),
]
