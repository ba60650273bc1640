import pytest

from docparse.numbering import LevelTracker, cn_to_int, format_number, int_to_cn, split_label


@pytest.mark.parametrize("text, label, scheme, rest", [
    ("一、总体要求", "一、", "cn-dun", "总体要求"),
    ("十二、其他", "十二、", "cn-dun", "其他"),
    ("（三）形式主义方面", "（三）", "cn-paren", "形式主义方面"),
    ("(四) 半角括号", "(四)", "cn-paren", "半角括号"),
    ("1.会议多", "1.", "arabic-dot", "会议多"),
    ("１．全角数字", "１．", "arabic-dot", "全角数字"),
    ("2、顿号", "2、", "arabic-dun", "顿号"),
    ("（1）落实", "（1）", "arabic-paren", "落实"),
    ("3）半括号", "3）", "arabic-halfparen", "半括号"),
    ("②建立台账", "②", "circled", "建立台账"),
    ("⑶括号数字", "⑶", "paren-digit", "括号数字"),
    ("甲、天干", "甲、", "tiangan", "天干"),
    ("第三条 本办法自印发之日起施行", "第三条", "cn-part-条", "本办法自印发之日起施行"),
    ("第一部分 基本情况", "第一部分", "cn-part-部分", "基本情况"),
])
def test_typed_labels_are_split_off(text, label, scheme, rest):
    found, remainder = split_label(text)
    assert found is not None
    assert (found.text, found.scheme, remainder) == (label, scheme, rest)


@pytest.mark.parametrize("text", [
    "1.5亿元用于民生", "2014年6月底前完成", "一、二季度各召开一次", "一、", "3.5%的增幅",
    "十八届三中全会精神", "根据要求，现报告如下",
])
def test_text_that_only_looks_numbered_keeps_its_text(text):
    found, remainder = split_label(text)
    assert found is None and remainder == text


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"), (105, "chineseCountingThousand", "一百零五"),
    (3, "ideographTraditional", "丙"), (4, "decimalEnclosedCircle", "④"),
    (12, "decimalFullWidth", "１２"), (28, "lowerLetter", "bb"), (3, "upperLetter", "C"),
    (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"), (7, "decimalZero", "07"),
    (2014, "ideographDigital", "二〇一四"), (3, "chineseLegalSimplified", "叁"),
])
def test_word_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_chinese_numerals_round_trip():
    for n in list(range(0, 130)) + [1000, 1010, 2014]:
        assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int("二〇一四") == 2014


def test_levels_follow_the_order_schemes_are_opened():
    tracker = LevelTracker()
    seen = [tracker.level(s) for s in
            ["cn-paren", "arabic-dot", "arabic-paren", "arabic-dot", "cn-paren", "circled"]]
    # A document that starts at （一） has it at level 1; returning to a scheme closes deeper ones.
    assert seen == [1, 2, 3, 2, 1, 2]
