"""List pages: filter, sort, paginate, keep the query string for export and page links."""

from django.core.paginator import Paginator

PER_PAGE = 20


def paginate(request, queryset, *, per_page: int = PER_PAGE):
    """The requested page of `queryset` (out-of-range page numbers give the last page)."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current filters as a query string, without the page number (for page and export links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
