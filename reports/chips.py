"""Figures as an official sees them in the editor: 〔行政检查总数〕, not `{{inspections.total}}`.

The stored text keeps placeholders (`reports.figures.PLACEHOLDER`). The editor shows each one as a chip
with the statistic's Chinese label and, when it is known, the year's value — 〔行政检查总数 1,019件〕,
〔行政检查总数·数字 1,019〕 for the number without its unit, 〔行政检查总数·上年 …〕 or 〔…·前2年 …〕 for an
earlier year — and turns chips back into placeholders on save (what follows the label's space is only
shown: the value always comes from the records).
A 〔…〕 that names no statistic stays text (document numbers such as 浙政办发〔2021〕5号), unless it holds
Chinese letters: that is a chip typed wrong, refused with its name rather than printed in the report.
"""

import re

from core import stats

from .figures import PLACEHOLDER

CHIP = re.compile(r"〔([^〔〕\n]{1,80})〕")
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER, PREVIOUS = "数字", "上年"
EARLIER = re.compile(r"前([2-9])年")


def _labels() -> dict[str, str]:
    return {name: statistic.label for name, statistic in stats.all_statistics().items()}


def to_chips(text: str, figures: dict | None = None) -> str:
    """`text` with every registered placeholder shown as a chip (unregistered ones stay as they are,
    flagged as missing by the editor); with `figures` (key -> reports.figures.Figure), each chip shows
    its value too, unless the value is missing or a table."""
    labels = _labels()
    figures = figures or {}

    def chip(match) -> str:
        label = labels.get(match.group("name"))
        if label is None:
            return match.group(0)
        options = []
        if match.group("offset"):
            years = -int(match.group("offset"))
            options.append(PREVIOUS if years == 1 else f"前{years}年")
        if match.group("fmt"):
            options.append(NUMBER)
        figure = figures.get(match.group("name") + (f"@{match.group('offset')}" if match.group("offset") else ""))
        value = ""
        if figure is not None and not figure.missing and figure.kind != "table":
            value = " " + figure.text(with_unit=not match.group("fmt"))
        return "〔" + "·".join([label, *options]) + value + "〕"

    return PLACEHOLDER.sub(chip, text or "")


def from_chips(text: str) -> tuple[str, list[str]]:
    """`text` with chips turned back into placeholders, and the chips that name no statistic."""
    names = {label: name for name, label in _labels().items()}
    unknown = []

    def placeholder(match) -> str:
        label, *options = (part.strip() for part in match.group(1).partition(" ")[0].split("·"))
        name = names.get(label)
        if name is None:
            if CJK.search(match.group(1)):
                unknown.append(match.group(0))
            return match.group(0)
        offset, number = "", False
        for option in options:
            if option == NUMBER:
                number = True
            elif option == PREVIOUS:
                offset = "@-1"
            elif earlier := EARLIER.fullmatch(option):
                offset = f"@-{earlier.group(1)}"
            else:
                unknown.append(match.group(0))
                return match.group(0)
        return "{{" + name + offset + ("|number" if number else "") + "}}"

    return CHIP.sub(placeholder, text or ""), unknown


def canonical(text: str) -> str:
    """`text` with its placeholders written one way ({{name@-1|number}}): two texts that differ only in
    how a placeholder was spelled are the same text."""
    return from_chips(to_chips(text))[0]
