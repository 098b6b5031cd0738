"""待办: what is assigned to, due for, returned to or awaiting each user, computed from the records.

Each app says what its records ask of a user in `<app>/todo.py` defining `items(user) -> list[TodoItem]`,
reading through its selectors (`visible_to(user)`) in a constant number of queries. Nothing is stored:
the list is computed on every request from the records themselves, so it cannot drift from them. The
待办 page, the count in the header and the daily digest e-mail all read `items_for(user)`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .caching import cached_until_changed
from .discovery import app_modules

# How many records of one kind a user is shown; past it, one more item links to the whole list.
LIMIT = 50


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    kind: str  # a short Chinese category label: 待检查, 整改被退回, 报告待审核 …
    due: date | None = None
    detail: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass(frozen=True)
class TodoGroup:
    kind: str
    items: list[TodoItem]

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.items)


def sort_key(item: TodoItem) -> tuple:
    # Overdue first, then by due date; items without a due date last.
    return (item.due is None, item.due or date.max, item.kind, item.title)


def items_for(user) -> list[TodoItem]:
    """Everything open for `user`, sorted by due date (overdue first)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    items = [item for module in app_modules("todo") for item in module.items(user)]
    return sorted(items, key=sort_key)


def items_for_request(request) -> list[TodoItem]:
    """`items_for(request.user)`, computed once per request (the page and the header's count share it)."""
    if not hasattr(request, "_todo_items"):
        request._todo_items = items_for(request.user)
    return request._todo_items


def count_for(user) -> int:
    """How many items `items_for(user)` has, for the header of every page: cached until a committed write
    changes one of the models the apps' `todo.SOURCES` name, or the day turns (items fall due by date).
    The user's role, organization and officer are in the key: they decide the user's scope."""
    sources = tuple(model for module in app_modules("todo") for model in module.SOURCES)
    key = (
        f"todo-count:{user.pk}:{user.role}:{user.organization_id}:{getattr(user, 'officer_id', None)}"
        f":{timezone.localdate():%Y%m%d}"
    )
    return cached_until_changed(key, sources, lambda: len(items_for(user)), seconds=24 * 60 * 60)


def count_for_request(request) -> int:
    """The header's count: the length of the page's own list when the page computed it (/, /todo/)."""
    if hasattr(request, "_todo_items"):
        return len(request._todo_items)
    return count_for(request.user)


def grouped(items: Iterable[TodoItem]) -> list[TodoGroup]:
    """The items grouped by kind; a group comes where its most urgent item comes."""
    groups: dict[str, list[TodoItem]] = {}
    for item in sorted(items, key=sort_key):
        groups.setdefault(item.kind, []).append(item)
    return [TodoGroup(kind, rows) for kind, rows in groups.items()]


def capped(rows, build: Callable[[object], TodoItem], *, kind: str, more_url: str, more: str) -> list[TodoItem]:
    """Items built from at most `LIMIT` rows (`rows` sliced to LIMIT + 1); past that, one item to the list."""
    rows = list(rows[: LIMIT + 1])
    items = [build(row) for row in rows[:LIMIT]]
    if len(rows) > LIMIT:
        items.append(TodoItem(title=f"{more}（此处只列出前{LIMIT}项）", url=more_url, kind=kind))
    return items


def reason_text(reason: str) -> str:
    """A reason someone typed, to quote in a sentence ending with 。."""
    return (reason or "").strip().rstrip("。.；;") or "（未填写）"
