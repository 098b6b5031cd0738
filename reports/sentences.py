"""数据语句 that the records do not support: a sentence citing a figure that is zero, missing or an empty table.

Such a sentence is 待核实: the editor and the preview show it highlighted with the figures it lacks, a
PDF or .docx prints a 【待核实】 note in its place (never "0场" or "其中。" as a fact), and the report
cannot be approved while one remains (reports.services.reports.report_issues).
"""

import re
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import figures as fig

SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+|$)")


def split(text: str) -> list[str]:
    """The sentences of `text`, each with its closing punctuation; joined they give `text` back."""
    return [m.group(0) for m in SENTENCE.finditer(text or "") if m.group(0)]


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def unsupported(figure: fig.Figure) -> bool:
    """A figure the records do not support as a fact: missing, zero, or a table with nothing in it."""
    if figure.missing or figure.value is None:
        return True
    if figure.kind == "table":
        rows = figure.value or []
        return not rows or all(_number(row.get("value")) and row.get("value") == 0 for row in rows)
    return _number(figure.value) and figure.value == 0


def why(figure: fig.Figure) -> str:
    """ "普法活动场次无记录", "行政检查总数为0" (the figure by its Chinese label)."""
    label = figure.label or figure.name
    if figure.year and figure.key != figure.name:
        label = f"{figure.year}年{label}"
    if figure.missing or figure.value is None:
        return f"{label}无记录"
    if figure.kind == "table":
        return f"{label}无记录"
    return f"{label}为0"


@dataclass
class Flag:
    """One 待核实 sentence of a block: its text (with placeholders) and the figures it lacks."""

    sentence: str
    figures: list[fig.Figure]

    @property
    def note(self) -> str:
        return "、".join(why(f) for f in self.figures)

    def start(self, figures: dict[str, fig.Figure], length: int = 18) -> str:
        """The beginning of the sentence as a reader sees it (figures by their labels, no template syntax)."""
        text = fig.PLACEHOLDER.sub(lambda m: f"〔{_label(figures, m)}〕", self.sentence).strip()
        return text if len(text) <= length else text[:length] + "…"


def _label(figures, match) -> str:
    key = fig._key(match)
    figure = figures.get(key)
    return (figure.label if figure and figure.label else key.partition("@")[0]) if figure else key


def flags(text: str, figures: dict[str, fig.Figure]) -> list[Flag]:
    """The 待核实 sentences of `text`."""
    found = []
    for sentence in split(text):
        lacking = []
        for key in fig.keys_in(sentence):
            figure = figures.get(key) or fig._not_computed(key)
            if unsupported(figure) and figure not in lacking:
                lacking.append(figure)
        if lacking:
            found.append(Flag(sentence, lacking))
    return found


def render(text: str, figures: dict[str, fig.Figure], *, mode: str = "document") -> str:
    """Like figures.render, with each 待核实 sentence highlighted (preview) or replaced by a note (document).

    A block without such a sentence renders exactly as figures.render does (the frozen 2021 report)."""
    found = {flag.sentence: flag for flag in flags(text, figures)}
    if not found:
        return fig.render(text, figures, mode=mode)
    parts = []
    for sentence in split(text):
        flag = found.get(sentence)
        if flag is None:
            parts.append(fig.render(sentence, figures, mode=mode))
        elif mode == "preview":
            parts.append(
                format_html(
                    '<mark class="unverified">{}</mark><span class="unverified-note">待核实：{}</span>',
                    mark_safe(fig.render(sentence, figures, mode=mode)),  # noqa: S308 - escaped by fig.render
                    flag.note,
                )
            )
        else:
            parts.append(format_html('<span class="unverified">【待核实：{}】</span>', flag.note))
    return "".join(str(p) for p in parts)


def plain(text: str, figures: dict[str, fig.Figure]) -> str:
    """figures.plain, with each 待核实 sentence replaced by its note (.docx)."""
    found = {flag.sentence: flag for flag in flags(text, figures)}
    if not found:
        return fig.plain(text, figures)
    return "".join(f"【待核实：{found[s].note}】" if s in found else fig.plain(s, figures) for s in split(text))


def badges(block, flags: list[Flag]) -> list[tuple[str, str]]:
    """The small Chinese badges of a block in the editor: (text, tag class)."""
    found = []
    if block.kind == "heading":
        return found
    if block.origin == "event":
        found.append(("事件语句", "tag-ok"))
    elif block.origin == "carried":
        found.append(("已确认沿用", "tag-muted") if block.confirmed else ("沿用上年表述", "tag-warn"))
    if fig.keys_in(block.text):
        found.append(("数据语句", "tag-muted"))
    if flags:
        found.append((f"待核实{len(flags)}句" if len(flags) > 1 else "待核实", "tag-bad"))
    return found
