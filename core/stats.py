"""The registry of named statistics (`inspections.total`, `legalaid.counsel_coverage` …).

Each app defines its figures in `<app>/stats.py` with the `@statistic` decorator; dashboards, the
annual report and the exports all read them from here, so a number is computed in one place only.
A statistic may say which records it counted (`trace`: a filtered list URL), so every figure in the
report can be traced back to rows. A statistic names the models whose rows it reads (`sources`), so a
figure can be cached until one of them changes (core.caching); a test runs every statistic and fails
when one reads a table its sources do not name (tests/core/test_stats_sources.py).

    @statistic("inspections.total", label="行政检查总数", unit="件", sources=(Inspection,),
               trace=lambda year: f"/inspections/?year={year}")
    def total(year: int) -> int: ...
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .discovery import app_modules


@dataclass(frozen=True)
class Statistic:
    name: str
    label: str
    unit: str
    kind: str  # "count", "rate" (0..1), "amount", or "table" (list of {"label", "value", "url"?})
    func: Callable[[int], Any]
    trace: Callable[[int], str] | None = None
    sources: tuple = ()  # the models whose rows the value is computed from

    def value(self, year: int) -> Any:
        return self.func(year)

    def url(self, year: int) -> str | None:
        return self.trace(year) if self.trace else None

    def display(self, value: Any) -> str:
        return format_value(value, self.kind, self.unit)


REGISTRY: dict[str, Statistic] = {}


def statistic(name: str, *, label: str, sources: tuple, unit: str = "", kind: str = "count", trace=None):
    """Register `func(year)` as the statistic `name`; `sources` is required (`()` for a constant)."""

    def register(func):
        if name in REGISTRY and REGISTRY[name].func.__qualname__ != func.__qualname__:
            raise ValueError(f"statistic {name!r} registered twice")
        REGISTRY[name] = Statistic(
            name=name, label=label, unit=unit, kind=kind, func=func, trace=trace, sources=tuple(sources)
        )
        return func

    return register


def format_value(value: Any, kind: str, unit: str = "") -> str:
    if value is None:
        return "—"
    if kind == "rate":
        percent = round(float(value) * 100, 1)
        return f"{percent:g}%"
    if kind == "table":
        return "；".join(f"{row['label']}{format_value(row['value'], 'count', unit)}" for row in value)
    if isinstance(value, float):
        return f"{value:,.1f}{unit}"
    if isinstance(value, int):
        return f"{value:,}{unit}" if value >= 10000 else f"{value}{unit}"
    return f"{value}{unit}"


def autodiscover() -> None:
    """Import every installed app's `stats` module so its statistics register."""
    app_modules("stats")


def get(name: str) -> Statistic:
    if not REGISTRY:
        autodiscover()
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"未注册的统计指标：{name}") from None


def all_statistics() -> dict[str, Statistic]:
    autodiscover()
    return dict(sorted(REGISTRY.items()))


def sources_of(statistics) -> tuple:
    """Every model the given statistics read, once each, in a stable order (for a data version)."""
    models = {model for statistic in statistics for model in statistic.sources}
    return tuple(sorted(models, key=lambda model: model._meta.label))
