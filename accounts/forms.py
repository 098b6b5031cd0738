from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from core.forms import PortalModelForm

from .models import User


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="用户名", widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错5次，账号将被锁定一段时间。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }


class UserForm(PortalModelForm):
    """Create or change a user; the system administrator chooses role and organization."""

    password1 = forms.CharField(
        label="初始密码",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "organization", "section", "phone", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.select_related("township")
        if not self.instance.pk:
            self.fields["password1"].required = True
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
