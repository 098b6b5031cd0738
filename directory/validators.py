"""统一社会信用代码 (unified social credit code) check, GB 32100-2015.

Our own function on purpose: python-stdnum's implementation rejects valid codes that start with a
letter (e.g. codes of 民办非企业单位 registered by civil affairs, which start with "5" but others with "Y").
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The 18th character for the first 17 of a code."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid credit code, in Chinese, or None when it is valid."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位。"
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用I、O、Z、S、V及小写字母）。"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为行政区划代码（数字）。"
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误（第18位应为{expected}），请核对是否抄错。"
    return None


def validate_credit_code(value: str) -> None:
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_credit_code")


def normalize_credit_code(value) -> str:
    """A code as typed or pasted: full-width characters made half-width, every space removed, upper case."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return "".join(text.split()).upper()


class CreditCodeFormField(forms.CharField):
    """Normalizes before the length check, so " 9133 0702 …" or a full-width code is read, not refused."""

    def to_python(self, value):
        return normalize_credit_code(super().to_python(value))


class CreditCodeField(models.CharField):
    """统一社会信用代码: normalized wherever it is cleaned (forms, imports, services), then checked."""

    def to_python(self, value):
        return value if value is None else normalize_credit_code(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CreditCodeFormField, **kwargs})
