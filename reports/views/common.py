"""Small helpers shared by the report views."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from core.downloads import download


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


__all__ = ["download", "flash_errors"]
