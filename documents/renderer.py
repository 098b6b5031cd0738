"""One renderer for every official document: Django template → HTML → WeasyPrint → PDF bytes.

WeasyPrint fetches nothing from the network and no file outside the allowed font and static
directories: user text can never make the renderer read a local file or call a URL.
"""

import gc
import hashlib
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .fonts import font_faces, font_files, font_stack
from .justify import justify_paragraphs
from .prepared_fonts import directory


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
    roots += [directory().resolve(), *(path.resolve() for path in font_files())]
    return roots


def url_fetcher() -> SafeURLFetcher:
    return SafeURLFetcher(allowed_protocols={"file", "data"})


def document_context(extra: dict | None = None) -> dict:
    return {
        "fonts": {role: font_stack(role) for role in ("title", "body", "hei", "kai")},
        "bureau_name": settings.BUREAU_NAME,
        **(extra or {}),
    }


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, document_context(context))


_local = threading.local()


def font_configuration() -> tuple[FontConfiguration, CSS]:
    """One font configuration per thread, with the @font-face rules of documents.fonts, reused by every render.

    Building it loads the system's font list (about 40 ms); reused, Pango also keeps its font and
    layout caches warm between documents. It is built again only when the rules change.
    """
    rules = font_faces()
    cached = getattr(_local, "fonts", None)
    if cached is None or cached[0] != rules:
        config = FontConfiguration()
        cached = _local.fonts = (rules, config, CSS(string=rules, font_config=config, url_fetcher=url_fetcher()))
    return cached[1], cached[2]


def html_to_pdf(html: str) -> bytes:
    base = finders.find("css/portal.css")
    base_url = Path(base).parent.parent.as_uri() + "/" if base else None
    document = HTML(string=justify_paragraphs(html), base_url=base_url, url_fetcher=url_fetcher())
    config, faces = font_configuration()
    # The render allocates hundreds of thousands of short-lived objects and frees them all at the end:
    # the cyclic garbage collector's passes in between find nothing and cost about 5 %.
    paused = gc.isenabled()
    gc.disable()
    try:
        return document.write_pdf(stylesheets=[faces], font_config=config, uncompressed_pdf=False)
    finally:
        if paused:
            gc.enable()


def render_pdf(template: str, context: dict) -> bytes:
    """Render `template` (extending documents/official.html) to PDF bytes."""
    return html_to_pdf(render_html(template, context))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
