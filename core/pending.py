"""The page a module shows until it is built: says so plainly, never a broken link."""

from django.shortcuts import render

from accounts.access import ANY_SIGNED_IN, access, public


def pending_view(title: str, description: str, *, is_public: bool = False):
    def view(request):
        return render(request, "core/pending.html", {"title": title, "description": description})

    return public(view) if is_public else access(ANY_SIGNED_IN)(view)
