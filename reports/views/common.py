"""Small helpers shared by the report views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def download(content: bytes | str, *, filename: str, mimetype: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
