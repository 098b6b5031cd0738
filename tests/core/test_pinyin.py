"""Pinyin of names: what the menus search by and the order Chinese lists are read in."""

import pytest

from core import pinyin


def test_initials_and_full_pinyin_of_a_school_name():
    assert pinyin.initials("婺城区第二幼儿园") == "wcqdeyey"
    assert pinyin.full("婺城区") == "wuchengqu"
    assert pinyin.search_text("婺城区第二幼儿园") == "wcqdeyey wuchengqudieryoueryuan"


def test_latin_letters_and_digits_are_kept_lowercased_and_punctuation_dropped():
    assert pinyin.initials("ABC培训（第2分部）") == "abcpxd2fb"
    assert pinyin.full("ABC培训") == "abcpeixun"


def test_polyphones_read_by_their_phrase():
    assert pinyin.full("长安重庆") == "changanchongqing"


@pytest.mark.parametrize(
    ("text", "number"), [("二", 2), ("十", 10), ("十一", 11), ("二十", 20), ("一百零五", 105), ("二〇二五", 2025)]
)
def test_chinese_numerals(text, number):
    assert pinyin.chinese_number(text) == number


def ordered(*names):
    return sorted(names, key=pinyin.sort_key)


def test_names_sort_by_pinyin_not_by_code_point():
    # By code point 婺 (U+5A7A) would come first.
    assert ordered("婺城小学", "汤溪小学", "安地小学") == ["安地小学", "汤溪小学", "婺城小学"]


def test_numbers_inside_names_sort_by_value_chinese_or_arabic():
    assert ordered("第十一小学", "第二小学", "第一小学") == ["第一小学", "第二小学", "第十一小学"]
    assert ordered("第11幼儿园", "第2幼儿园") == ["第2幼儿园", "第11幼儿园"]
    assert ordered("婺城区十一中", "婺城区二中") == ["婺城区二中", "婺城区十一中"]
    # The same school written either way sits at the same place.
    assert pinyin.sort_key("第二小学") == pinyin.sort_key("第2小学")


def test_numbers_before_letters_and_syllables_end_at_their_character():
    assert ordered("先锋小学", "西安路小学", "ABC培训", "123学堂") == ["123学堂", "ABC培训", "西安路小学", "先锋小学"]


def test_numerals_that_are_part_of_a_place_name_stay_words():
    # 三江 is a place, not the number 3: it sorts under s.
    assert ordered("三江幼儿园", "四中", "二中")[-1] == "三江幼儿园"
