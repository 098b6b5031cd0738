"""A form that arrived after its user's idle sign-out: kept for that user, restored after signing in.

accounts.middleware.IdleTimeoutMiddleware calls `keep` with the user of the expired session (read
before the session is flushed) once the POST's CSRF token has been checked; the fields go to a
`KeptSubmission` row of that user and the form's page, the files to pending uploads (core.pending_uploads),
and the new, anonymous session gets a mark naming the page. After signing in, the first page view
of that page by the same user reads the row once (`restore`): base.html puts the fields in a JSON
script element that static/js/kept_form.js writes back into the form, and the page lists the kept files.
Nothing is sent: the user checks the form and presses 提交. Another user signing in on the same browser
finds no row of theirs. Rows older than a day are deleted with the pending uploads.
"""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

from . import pending_uploads
from .models import KeptSubmission

SESSION_MARK = "kept_form_page"
# Fields never written back into a form.
SKIPPED = {"csrfmiddlewaretoken", pending_uploads.FIELD, pending_uploads.REMOVE}


def _keepable(name: str) -> bool:
    # Passwords and one-time codes are never stored, nor written back into a page.
    return name not in SKIPPED and "password" not in name and name not in {"code", "otp_token"}


def form_page(request) -> str:
    """The page the form was on: the Referer's path on this site (a form may post to another URL), else the POST's."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure()):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def keep(request, user) -> str:
    """Keep the POST of `user`'s expired session; returns the page to come back to."""
    page = form_page(request)
    path = urlsplit(page).path
    data = {name: values for name, values in request.POST.lists() if _keepable(name)}
    KeptSubmission.objects.create(user=user, page=path, data=data)
    pending_uploads.keep_files(request, user=user, page=path)
    # Files kept from an earlier error stay the user's pending uploads of that page.
    return page


def restore(request) -> dict | None:
    """The kept fields of this page for the signed-in user, once; None when there are none."""
    if request.method != "GET" or request.session.get(SESSION_MARK) != request.path:
        return None
    del request.session[SESSION_MARK]
    kept = KeptSubmission.objects.filter(user=request.user, page=request.path).first()
    if kept is None:
        return None
    KeptSubmission.objects.filter(user=request.user, page=request.path).delete()
    return kept.data
