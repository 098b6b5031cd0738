"""One renderer for every official document: Django template → HTML → WeasyPrint → PDF bytes.

WeasyPrint fetches nothing from the network and no file outside the allowed font and static
directories: user text can never make the renderer read a local file or call a URL.
"""

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .fonts import font_stack


class FetchRefused(ValueError):
    pass


class SafeURLFetcher(URLFetcher):
    """Allow data: URLs and file:// URLs under the font/static roots; refuse everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in allowed_roots()):
                return super().fetch(url, headers)
        raise FetchRefused(f"refused to fetch {url!r} while rendering a document")


def allowed_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "DOCUMENT_FONT_DIRS", ["/usr/share/fonts"])]
    roots += [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    return roots


def document_context(extra: dict | None = None) -> dict:
    return {
        "fonts": {role: font_stack(role) for role in ("title", "body", "hei", "kai")},
        "bureau_name": settings.BUREAU_NAME,
        **(extra or {}),
    }


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, document_context(context))


def html_to_pdf(html: str) -> bytes:
    base = finders.find("css/portal.css")
    base_url = Path(base).parent.parent.as_uri() + "/" if base else None
    return HTML(
        string=html, base_url=base_url, url_fetcher=SafeURLFetcher(allowed_protocols={"file", "data"})
    ).write_pdf(font_config=FontConfiguration(), uncompressed_pdf=False)


def render_pdf(template: str, context: dict) -> bytes:
    """Render `template` (extending documents/official.html) to PDF bytes."""
    return html_to_pdf(render_html(template, context))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
