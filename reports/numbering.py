"""Heading numbers computed from levels, GB/T 9704 style: 一、 （一） 1. （1）.

Nothing typed by a user is a number: a heading's label comes from its level and the headings before
it, so the sequence can never jump from "一、" to "1." the way the seed's published text does. A list
item is numbered one level below the heading it follows and shares that level's counter, so items
"1. 2. 3." under a "（一）" heading continue with a "4." heading at the same level.
"""

from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"
MAX_LEVEL = 4


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for any report)."""
    if n <= 0:
        raise ValueError("numbers start at 1")
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    if tens >= 10:
        return str(n)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def label(level: int, n: int) -> str:
    """The number of the n-th heading or item at `level`."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


@dataclass(frozen=True)
class Numbered:
    index: int
    kind: str
    level: int  # the level the number belongs to (0 for paragraphs)
    number: str  # "" for paragraphs


def number_blocks(blocks) -> list[Numbered]:
    """Number a sequence of objects with `.kind` ("heading", "paragraph", "item") and `.level`."""
    counters = [0] * (MAX_LEVEL + 1)
    current_heading = 0
    result = []
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            level = max(1, min(MAX_LEVEL, int(block.level or 1)))
            current_heading = level
        elif block.kind == "item":
            level = min(MAX_LEVEL, current_heading + 1)
        else:
            result.append(Numbered(index, block.kind, 0, ""))
            continue
        counters[level] += 1
        for deeper in range(level + 1, MAX_LEVEL + 1):
            counters[deeper] = 0
        result.append(Numbered(index, block.kind, level, label(level, counters[level])))
    return result


def level_jumps(blocks) -> list[str]:
    """Headings that skip a level (a "1." directly under "一、"), described in Chinese."""
    problems = []
    previous = 0
    for block in blocks:
        if block.kind != "heading":
            continue
        level = int(block.level or 1)
        if level > previous + 1:
            problems.append(f"标题“{block.text[:20]}”为第{level}级，但前面没有第{level - 1}级标题。")
        previous = level
    return problems
