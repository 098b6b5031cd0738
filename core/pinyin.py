"""Pinyin of Chinese names, for search (initials, full pinyin) and for sorting the way a Chinese list is read.

A list sorted by code point puts 婺城区第十一小学 before 婺城区第二小学 and 安 after 婺; people read such a list
by pinyin, with the numbers inside names in numeric order. `sort_key` gives a string that orders that way
under any collation, so PostgreSQL and SQLite sort alike on it (decision 0015).
"""

import re

from pypinyin import Style, lazy_pinyin

# Keys are stored in a CharField of this length; beyond it (a name of ~50 characters) ties are broken by id.
KEY_LENGTH = 255
_DIGITS = "零一二三四五六七八九"
_NUMERAL = f"[{_DIGITS}十百两〇]+"
# A Chinese numeral counts as a number after 第 or before the words that number schools and their parts
# (二中, 十一小, 三号楼); elsewhere (三江街道, 一品幼儿园) it is part of a name and sorts by its pinyin.
_CHINESE_NUMBER = re.compile(rf"(?<=第){_NUMERAL}|{_NUMERAL}(?=[中小幼校号所园分期届班])")
_TOKEN = re.compile(r"\d+|[a-z]+")


def chinese_number(text: str) -> int:
    """二 → 2, 十一 → 11, 二十 → 20, 一百零五 → 105, 二〇二五 → 2025 (digit by digit when there is no unit)."""
    text = text.replace("两", "二").replace("〇", "零")
    if "十" not in text and "百" not in text:
        return int("".join(str(_DIGITS.index(c)) for c in text))
    total, digit = 0, 0
    for char in text:
        if char == "百":
            total += (digit or 1) * 100
            digit = 0
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _DIGITS.index(char)
    return total + digit


def _with_arabic_numbers(name: str) -> str:
    return _CHINESE_NUMBER.sub(lambda m: str(chinese_number(m.group())), name)


def _letters(items: list[str]) -> str:
    return "".join("".join(_TOKEN.findall(item.lower())) for item in items)


def initials(name: str) -> str:
    """The first letter of each character's pinyin, Latin letters and digits kept: 婺城区第二幼儿园 → wcqdeyey."""
    return _letters(lazy_pinyin(name.lower(), style=Style.FIRST_LETTER))


def full(name: str) -> str:
    """The full pinyin without tones or spaces: 婺城区 → wuchengqu."""
    return _letters(lazy_pinyin(name.lower()))


def search_text(name: str) -> str:
    """What a name is searched by: its initials and its full pinyin, space-separated (wcq wuchengqu)."""
    return f"{initials(name)} {full(name)}"


def sort_key(name: str) -> str:
    """A string that sorts names by pinyin, character by character, numbers by value (第二 before 第十一,
    2 before 11, numbers before letters, as in a Chinese dictionary)."""
    parts = []
    # The whole name at once, so polyphones read by their phrase (长安 chang, 重庆 chong); runs of other
    # characters come back as they are and are split into numbers and words, punctuation dropped.
    for item in lazy_pinyin(_with_arabic_numbers(name).lower()):
        for token in _TOKEN.findall(item):
            parts.append(token.lstrip("0").rjust(12, "0") if token.isdigit() else token)
    # A "0" ends each syllable: 西安 (xi0an0) sorts before 先 (xian0), as ICU's zh collation does. Only
    # lowercase letters and digits, which every collation (SQLite's, PostgreSQL's C, glibc and ICU
    # locales) orders alike, digits first: the key sorts the same whatever the database's collation.
    return "".join(f"{part}0" for part in parts)[:KEY_LENGTH]
