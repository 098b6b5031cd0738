from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from accounts.access import ANY_SIGNED_IN, EVERY_ACCOUNT, access, public

from . import backup, todo
from . import home as home_panels


@access(EVERY_ACCOUNT)
def home(request):
    return render(request, "core/home.html", home_panels.context_for(request.user))


@access(ANY_SIGNED_IN)
def todo_list(request):
    """待办: what the records ask of the user, grouped by kind, the most urgent first."""
    items = todo.items_for_request(request)
    return render(request, "core/todo.html", {"groups": todo.grouped(items), "total": len(items)})


@public
def healthz(request):
    """200 when the database answers, 503 otherwise (for the load balancer). The body also reports the
    last good backup and its age (`backup.ok` false: alert the operator; the app keeps serving)."""
    health = {"backup": backup.backup_health()}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable", **health}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", **health})


@public
def favicon(request):
    """Browsers ask /favicon.ico for pages that are not HTML (a PDF opened in a tab); answer with the emblem."""
    return HttpResponsePermanentRedirect(static("img/emblem.svg"))


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid token (a page left open past sign-out, an
    expired session, cookies blocked, or a form posted from another site) — said in Chinese."""
    return render(request, "403_csrf.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
