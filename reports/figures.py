"""Figures in the report text: placeholders bound to registered statistics (core.stats).

Syntax: `{{inspections.total}}` (value with unit), `{{inspections.total|number}}` (without unit),
`{{inspections.safety_below_full@-1}}` (the previous year's value). Text is never evaluated as a
template: it is escaped, and only well-formed placeholders are replaced by the computed figure.
"""

import hashlib
import logging
import re
from dataclasses import asdict, dataclass, field

from django.utils import timezone
from django.utils.html import escape, format_html

from core import stats
from core.caching import cached_until_changed

log = logging.getLogger(__name__)

PLACEHOLDER = re.compile(
    r"\{\{\s*(?P<name>[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)(?:@(?P<offset>-[1-9]))?(?:\|(?P<fmt>number))?\s*\}\}"
)
ANY_BRACES = re.compile(r"\{\{.*?\}\}")


@dataclass
class Figure:
    """One statistic's value for one year, as shown in a report."""

    key: str  # name plus offset, e.g. "inspections.safety_below_full@-1"
    name: str
    year: int
    label: str = ""
    unit: str = ""
    kind: str = "count"
    value: object = None
    url: str = ""
    missing: str = ""  # why the figure cannot be shown, in Chinese ("" when it can)
    failed: bool = False  # the statistic raised (a bug, a lost connection): never cached
    previous: object = None
    rows: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing

    @property
    def missing_short(self) -> str:
        """Why the figure is missing, in two to four characters (the picker's tag; `missing` says more)."""
        if not self.missing:
            return ""
        if self.failed:
            return "计算出错"
        return "无数据" if self.label else "未注册"  # a registered statistic has its label

    def text(self, *, with_unit: bool = True) -> str:
        if self.missing:
            return f"【缺少数据：{self.name}】"
        return display(self.value, self.kind, self.unit if with_unit else "")

    @property
    def change(self) -> str:
        """The change from the previous year ("+12", "-3", "持平"), "" when there is no previous value."""
        if self.missing or not isinstance(self.previous, int | float) or not isinstance(self.value, int | float):
            return ""
        if self.kind == "rate":
            delta = round((float(self.value) - float(self.previous)) * 100, 1)
            return "持平" if delta == 0 else f"{delta:+g}个百分点"
        delta = self.value - self.previous
        return "持平" if delta == 0 else f"{_clean(delta):+}{self.unit}"

    def as_json(self) -> dict:
        data = asdict(self)
        data["display"] = self.text()
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Figure":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def _clean(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def display(value, kind: str, unit: str = "") -> str:
    """A figure as the report prints it: 1019件, 41250人次, 100%, 1次 (never "1.0次").

    Official documents write numbers without thousands separators, so counts are not grouped here.
    """
    if kind == "table":
        return "；".join(f"{row['label']}{display(row['value'], 'count', unit)}" for row in value or [])
    value = _clean(value)
    if value is None or kind == "rate":
        return stats.format_value(value, kind, unit)
    if isinstance(value, float):
        return f"{value:.1f}{unit}"
    return f"{value}{unit}"


def keys_in(text: str) -> list[str]:
    """Placeholder keys in `text`, in order of appearance, without repeats."""
    seen = []
    for match in PLACEHOLDER.finditer(text or ""):
        key = _key(match)
        if key not in seen:
            seen.append(key)
    return seen


def malformed_in(text: str) -> list[str]:
    """Double-brace fragments that are not valid placeholders (typos such as `{{inspection total}}`)."""
    return [m.group(0) for m in ANY_BRACES.finditer(text or "") if not PLACEHOLDER.fullmatch(m.group(0))]


def _key(match) -> str:
    return match.group("name") + (f"@{match.group('offset')}" if match.group("offset") else "")


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool) and value == 0)


def compute(key: str, year: int, *, with_previous: bool = False) -> Figure:
    """Evaluate one placeholder key for the report's year (a missing statistic is reported, not raised)."""
    name, _, offset = key.partition("@")
    target = year + int(offset or 0)
    figure = Figure(key=key, name=name, year=target)
    try:
        statistic = stats.get(name)
    except KeyError:
        figure.missing = f"统计指标“{name}”尚未注册（相关模块尚未上线）"
        return figure
    figure.label, figure.unit, figure.kind = statistic.label, statistic.unit, statistic.kind
    try:
        figure.value = statistic.value(target)
        figure.url = statistic.url(target) or ""
    except Exception as exc:  # a broken statistic must not break the editor; it blocks publication instead
        log.exception("statistic %s failed for %s", name, target)
        figure.missing = f"统计指标“{name}”计算出错：{exc}"
        figure.failed = True
        return figure
    if figure.value is None:
        figure.missing = f"统计指标“{name}”没有{target}年的数据"
    if figure.kind == "table":
        figure.rows = [dict(row) for row in figure.value or []]
    elif with_previous:
        try:
            previous = statistic.value(target - 1)
        except Exception:  # the previous year is optional context
            previous = None
        figure.previous = None if _is_empty(previous) else _clean(previous)
    return figure


def registered(year: int) -> list[Figure]:
    """Every registered statistic's figure for `year`, in name order (the editor's picker).

    Cached until a row of a model the statistics read changes (their `sources`, core.caching), or the
    day does (hazards fall overdue, coverage is measured today). A figure whose statistic raised is
    not cached but computed again next time, so a fix shows at once; a figure without data for the
    year is cached like any value, since only a row can change it.
    """
    statistics = stats.all_statistics()
    computed: dict[str, Figure] = {}

    def compute_registered() -> dict[str, dict]:
        for name in statistics:
            computed[name] = compute(name, year)
        return {name: figure.as_json() for name, figure in computed.items() if not figure.failed}

    # A statistic registered, renamed or relabelled since (a deploy sharing the cache) makes a new key.
    signature = repr([(s.name, s.label, s.unit, s.kind) for s in statistics.values()])
    registry = hashlib.sha256(signature.encode()).hexdigest()[:16]
    key = f"report-figures:{year}:{timezone.localdate():%Y%m%d}:{registry}"
    cached = cached_until_changed(key, stats.sources_of(statistics.values()), compute_registered)
    return [
        computed.get(name) or (Figure.from_json(cached[name]) if name in cached else compute(name, year))
        for name in statistics
    ]


def compute_all(texts, year: int, *, with_previous: bool = False) -> dict[str, Figure]:
    """Every figure the texts refer to, each statistic computed once."""
    figures = {}
    for text in texts:
        for key in keys_in(text):
            if key not in figures:
                figures[key] = compute(key, year, with_previous=with_previous)
    return figures


def render(text: str, figures: dict[str, Figure], *, mode: str = "document") -> str:
    """Escape `text` and put the figures in (mode "document" for PDF/HTML, "preview" with trace links)."""
    parts = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape(text[last : match.start()]))
        figure = figures.get(_key(match)) or _not_computed(_key(match))
        parts.append(_figure_html(figure, with_unit=match.group("fmt") != "number", mode=mode))
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(str(p) for p in parts)


def _not_computed(key: str) -> Figure:
    return Figure(key=key, name=key.partition("@")[0], year=0, missing="未计算")


def _figure_html(figure: Figure, *, with_unit: bool, mode: str) -> str:
    value = figure.text(with_unit=with_unit)
    if figure.missing:
        return format_html('<span class="fig fig-missing" title="{}">{}</span>', figure.missing, value)
    if mode != "preview":
        return format_html('<span class="fig">{}</span>', value)
    title = f"{figure.label}（{figure.name}，{figure.year}年）"
    extra = ""
    if figure.previous is not None:
        extra = format_html(
            '<span class="fig-prev">上年{}{}</span>',
            display(figure.previous, figure.kind, figure.unit),
            f"，{figure.change}" if figure.change else "",
        )
    if figure.url:
        return format_html('<a class="fig" href="{}" title="{}">{}</a>{}', figure.url, title, value, extra)
    return format_html('<span class="fig" title="{}">{}</span>{}', title, value, extra)


def plain(text: str, figures: dict[str, Figure]) -> str:
    """The text with figures as plain strings (for .docx)."""

    def replace(match):
        figure = figures.get(_key(match)) or _not_computed(_key(match))
        return figure.text(with_unit=match.group("fmt") != "number")

    return PLACEHOLDER.sub(replace, text)
