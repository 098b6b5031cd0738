from types import SimpleNamespace as B

import pytest
from django.core.exceptions import ValidationError

from reports.models import Block, BlockKind
from reports.numbering import chinese_number, level_jumps, number_blocks

H, P, I = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM  # noqa: E741


def numbers(blocks):
    return [n.number for n in number_blocks(blocks)]


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]


def test_headings_are_numbered_by_level_and_restart_below_a_new_parent():
    blocks = [
        B(kind=H, level=1, text="a"),
        B(kind=H, level=2, text="b"),
        B(kind=H, level=3, text="c"),
        B(kind=H, level=4, text="d"),
        B(kind=H, level=4, text="e"),
        B(kind=H, level=2, text="f"),
        B(kind=H, level=3, text="g"),
        B(kind=H, level=1, text="h"),
        B(kind=H, level=2, text="i"),
    ]
    assert numbers(blocks) == ["一、", "（一）", "1.", "（1）", "（2）", "（二）", "1.", "二、", "（一）"]


def test_items_are_numbered_one_level_below_their_heading_and_share_its_counter():
    blocks = [
        B(kind=H, level=2, text="以学校为主阵地"),
        B(kind=I, level=1, text="课堂"),
        B(kind=P, level=1, text="说明"),
        B(kind=I, level=1, text="专项活动"),
        B(kind=I, level=1, text="家校合作"),
        B(kind=H, level=3, text="五老"),
        B(kind=I, level=1, text="宣讲团"),
        B(kind=I, level=1, text="好人进校园"),
    ]
    assert numbers(blocks) == ["（一）", "1.", "", "2.", "3.", "4.", "（1）", "（2）"]


def test_the_seeds_broken_numbering_cannot_happen():
    # The seed's text numbers part 二 as "1." and its items "2. 3. 4. 5." continuing into "6." for part 三.
    blocks = [
        B(kind=H, level=1, text="主要举措和成效"),
        B(kind=H, level=2, text="“最多跑一次”改革亮点工作"),
        B(kind=H, level=1, text="存在的不足和原因"),
        B(kind=I, level=1, text="法治建设意识有待提高"),
        B(kind=I, level=1, text="法治建设宣传有待加强"),
        B(kind=H, level=1, text="党政主要负责人履行推进法治建设第一责任人职责"),
        B(kind=I, level=1, text="履行推进法治建设第一责任人职责"),
    ]
    assert numbers(blocks) == ["一、", "（一）", "二、", "（一）", "（二）", "三、", "（一）"]


@pytest.mark.parametrize(
    "typed", ["1.工作中存在的不足和原因", "二、存在的不足", "（一）切实加强", "(3)开展", "10、下一年度"]
)
def test_a_heading_typed_with_its_own_number_is_refused(typed):
    with pytest.raises(ValidationError) as exc:
        Block(kind=H, level=1, text=typed).full_clean(exclude=["report", "position"])
    assert "编号由系统按层级自动生成" in str(exc.value)


def test_a_paragraph_may_start_with_a_year():
    Block(kind=P, level=1, text="2021年先后开展行政检查。").full_clean(exclude=["report", "position"])


def test_level_jumps_are_reported():
    blocks = [B(kind=H, level=1, text="一"), B(kind=H, level=3, text="跳级的标题")]
    assert level_jumps(blocks) == ["标题“跳级的标题”为第3级，但前面没有第2级标题。"]
    assert level_jumps([B(kind=H, level=1, text="一"), B(kind=H, level=2, text="二")]) == []
