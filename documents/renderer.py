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
from weasyprint import HTML
from weasyprint.text.ffi import ffi, fontconfig, pangoft2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .fonts import font_stack
from .prepared_fonts import prepared_files


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


_local = threading.local()


def font_configuration() -> FontConfiguration:
    """One font configuration per thread, reused by every render, with the prepared fonts added.

    Building it loads the system's font list (about 40 ms); reused, Pango also keeps its font and
    layout caches warm between documents. Documents have no @font-face rules, so it never grows.
    """
    config = getattr(_local, "font_config", None)
    if config is None:
        config = FontConfiguration()
        files = prepared_files()
        for path in files:
            if path.exists():
                # What WeasyPrint does for an @font-face font (text/fonts.py add_font_face).
                fontconfig.FcConfigAppFontAddFile(config._config, str(path).encode())
        if files:
            pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", config.font_map))
        _local.font_config = config
    return config


def html_to_pdf(html: str) -> bytes:
    base = finders.find("css/portal.css")
    base_url = Path(base).parent.parent.as_uri() + "/" if base else None
    document = HTML(string=html, base_url=base_url, url_fetcher=SafeURLFetcher(allowed_protocols={"file", "data"}))
    # The render allocates hundreds of thousands of short-lived objects and frees them all at the end:
    # the cyclic garbage collector's passes in between find nothing and cost about 5 %.
    paused = gc.isenabled()
    gc.disable()
    try:
        return document.write_pdf(font_config=font_configuration(), uncompressed_pdf=False)
    finally:
        if paused:
            gc.enable()


def render_pdf(template: str, context: dict) -> bytes:
    """Render `template` (extending documents/official.html) to PDF bytes."""
    return html_to_pdf(render_html(template, context))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
