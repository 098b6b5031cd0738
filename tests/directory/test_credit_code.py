import pytest

from directory.validators import credit_code_check_char, credit_code_problem

REAL_CODES = [
    "11330702732038549W",  # 金华市婺城区教育局 (the seed)
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91330100716105852F",  # 阿里巴巴（中国）有限公司
    "91110000802100433B",  # 北京百度网讯科技有限公司
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize("position", range(18))
def test_changing_any_one_character_of_the_bureau_code_makes_it_invalid(position):
    code = "11330702732038549W"
    replacement = "3" if code[position] != "3" else "4"
    changed = code[:position] + replacement + code[position + 1 :]
    assert credit_code_problem(changed) is not None


def test_a_code_whose_organization_part_starts_with_a_letter_is_accepted():
    # python-stdnum refuses these; GB 32100 allows letters anywhere in positions 9-17.
    body = "52330702MA2D00001"
    assert credit_code_problem(body + credit_code_check_char(body)) is None


def test_messages_say_what_is_wrong_in_chinese():
    assert "18位" in credit_code_problem("1133070273203854")
    assert "不允许的字符" in credit_code_problem("11330702732038549O")
    assert "校验位错误" in credit_code_problem("11330702732038549X")
    assert "第18位应为W" in credit_code_problem("11330702732038549X")
