"""Password rules (等保: 口令复杂度), as the security administrator has set them (SecurityPolicy)."""

import string

from django.core.exceptions import ValidationError

CLASSES = {
    "小写字母": set(string.ascii_lowercase),
    "大写字母": set(string.ascii_uppercase),
    "数字": set(string.digits),
    "符号": set(string.punctuation + " "),
}


def _policy():
    from .models import SecurityPolicy

    return SecurityPolicy.current()


class PolicyMinimumLengthValidator:
    """At least SecurityPolicy.password_min_length characters (or `min_length` when given)."""

    def __init__(self, min_length: int | None = None):
        self._min_length = min_length

    @property
    def min_length(self) -> int:
        return self._min_length or _policy().password_min_length

    def validate(self, password: str, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.get_help_text(), code="password_too_short")

    def get_help_text(self) -> str:
        return f"密码长度至少为{self.min_length}个字符。"


class CharacterClassesValidator:
    """Require at least `min_classes` of: lowercase, uppercase, digits, symbols (SecurityPolicy by default)."""

    def __init__(self, min_classes: int | None = None):
        self._min_classes = min_classes

    @property
    def min_classes(self) -> int:
        return self._min_classes or _policy().password_min_classes

    def validate(self, password: str, user=None) -> None:
        present = [name for name, chars in CLASSES.items() if any(c in chars for c in password)]
        if len(present) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return f"密码须至少包含小写字母、大写字母、数字、符号中的{self.min_classes}类。"
