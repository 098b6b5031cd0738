from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from core.forms import DateInput, PortalModelForm

from .models import AuditEvent, SecurityPolicy, User
from .roles import ADMINISTRATORS, NO_ROLE_LABEL


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="用户名", widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错多次，账号将被锁定一段时间。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码",
        max_length=20,
        help_text="验证器应用上显示的6位数字；手机不在身边时，可输入一个恢复码（每个只能用一次）。",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": "请输入动态验证码。"},
    )


class UserForm(PortalModelForm):
    """Create or change an account; the system administrator chooses role and organization.

    The administrator roles are not offered: they are set from the server's command line only."""

    password1 = forms.CharField(
        label="初始密码",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "organization", "section", "officer", "phone", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.select_related("township")
        role = self.fields["role"]
        role.choices = [("", NO_ROLE_LABEL)] + [
            (v, label) for v, label in User.role.field.choices if v not in ADMINISTRATORS
        ]
        if not self.instance.pk:
            self.fields["password1"].required = True
            # The rules in force (the security administrator may have tightened them): a SafeString
            # built by Django with format_html.
            self.fields["password1"].help_text = password_validation.password_validators_help_text_html()
        else:
            self.fields["password1"].label = "重置密码"
            self.fields["password1"].help_text = "留空则不修改密码。"

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password:
            candidate = self.instance
            for name in ("username", "full_name", "email"):
                setattr(candidate, name, cleaned.get(name) or "")
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class PreferencesForm(PortalModelForm):
    """What a user chooses for themself: the daily 待办 e-mail."""

    class Meta:
        model = User
        fields = ["todo_digest"]


class SecurityPolicyForm(PortalModelForm):
    class Meta:
        model = SecurityPolicy
        fields = [
            "failure_limit",
            "lockout_minutes",
            "password_min_length",
            "password_min_classes",
            "idle_timeout_minutes",
        ]


class AuditFilterForm(forms.Form):
    CATEGORIES = [("", "全部"), ("sign_in", "登录与退出"), ("admin", "管理操作")]

    category = forms.ChoiceField(label="类别", choices=CATEGORIES, required=False)
    action = forms.ChoiceField(label="事件", choices=[("", "全部"), *AuditEvent.Action.choices], required=False)
    q = forms.CharField(label="账号", required=False, max_length=150)
    ip = forms.CharField(label="IP地址", required=False, max_length=45)
    since = forms.DateField(label="起始日期", required=False, widget=DateInput())
    until = forms.DateField(label="截止日期", required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "截止日期不能早于起始日期。")
        return cleaned


class ChangeFilterForm(forms.Form):
    """The data-change log: every model with audit history (django-simple-history)."""

    TYPES = [("", "全部"), ("+", "新建"), ("~", "修改"), ("-", "删除")]

    model = forms.ChoiceField(label="数据类别", required=False)
    kind = forms.ChoiceField(label="操作", choices=TYPES, required=False)
    q = forms.CharField(label="操作人账号", required=False, max_length=150)
    since = forms.DateField(label="起始日期", required=False, widget=DateInput())
    until = forms.DateField(label="截止日期", required=False, widget=DateInput())

    def __init__(self, *args, models=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "全部"), *models]
