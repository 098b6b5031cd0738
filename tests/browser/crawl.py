"""Walk every page a persona can reach by following links, one page per view.

The crawl starts from the given paths (a persona's home and main menu), follows every same-origin link
of each page it opens, and opens one URL per view (resolved by Django, so `/inspections/hazards/3/` and
`/inspections/hazards/7/` are one page). Downloads (PDF, Excel, Word, uploaded files), the Django admin
and static files are not pages of the portal and are left out. Each page is handed to `check` while
it is open.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

# Views whose answer is a file, not a page: their names say so (…_pdf, …_export, …_attachment).
FILE_VIEW_WORDS = ("pdf", "export", "docx", "_html", "attachment", "evidence", "photo", "file", "download", "contract")
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
MAX_PAGES = 150  # far above the number of views a persona can open; a runaway crawl stops here


def view_of(path: str) -> str | None:
    """The view name a path resolves to, or None for a path that is not a portal page."""
    if path.startswith(SKIP_PREFIXES):
        return None
    try:
        name = resolve(path).view_name
    except Resolver404:
        return None
    return None if any(word in name for word in FILE_VIEW_WORDS) else name


def links_on(page, base_url: str) -> list[str]:
    # getAttribute, not .href: a link inside an SVG chart has an SVGAnimatedString there.
    hrefs = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"
    )
    found = []
    for href in hrefs:
        url = urlsplit(href)
        if f"{url.scheme}://{url.netloc}" != base_url:
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def crawl(page, base_url: str, starts, check) -> list[str]:
    """Open every page reachable from `starts`, one per view; call check(page, path) on each.

    Returns the paths opened, in order. A page answering other than 200 fails the crawl: a link the
    portal shows a user must work for that user.
    """
    queue = list(starts)
    seen_views, opened = set(), []
    while queue and len(opened) < MAX_PAGES:
        path = queue.pop(0)
        view = view_of(urlsplit(path).path)
        if view is None or view in seen_views:
            continue
        seen_views.add(view)
        try:
            response = page.goto(path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a file whose view name does not say so
                continue
            raise
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        opened.append(path)
        check(page, path)
        queue.extend(links_on(page, base_url))
    return opened
