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


def test_an_excerpt_that_starts_inside_a_part_returns_to_the_top_at_yi():
    # “（二）官僚主义方面 … （三）享乐主义方面 … 二、原因剖析 … （一）理想信念方面 … 三、整改措施 … 1.”
    tracker = LevelTracker()
    assert [tracker.level(s) for s in ("cn-paren", "cn-paren", "cn-dun", "cn-paren", "cn-dun", "arabic-dot")] \
        == [1, 1, 1, 2, 1, 2]
    # a document that opens at “1.” and only later writes “一、” is read the same way
    tracker = LevelTracker()
    assert [tracker.level(s) for s in ("arabic-dot", "cn-dun", "cn-paren")] == [1, 1, 2]
    # schemes other than “一、” still nest in the order they are opened (an informal “1.” over “（一）”)
    tracker = LevelTracker()
    assert [tracker.level(s) for s in ("arabic-dot", "cn-paren", "arabic-dot")] == [1, 2, 1]


def test_causes_after_an_excerpts_problem_parts_are_not_problems():
    from sifeng.understand import understand
    import docparse

    text = ("××街道党工委领导班子对照检查材料\n（二）官僚主义方面\n街道对社区的工作指导多靠开会和发通知，班子成员到社区现场解决问题少。\n"
            "（三）享乐主义方面\n一些班子成员满足于“守摊子”，对老旧小区改造等难点工作有畏难情绪，能拖则拖。\n二、原因剖析\n"
            "（一）理想信念方面。班子成员对理论学习满足于听传达、读文件，没有真正入脑入心。\n"
            "（二）宗旨意识方面。对“为了谁”的问题思考不深，把社区居民当成管理对象，服务意识不强。\n三、整改措施\n"
            "1.班子成员每人联系2个社区，每月到联系社区现场办公不少于2次。\n")
    result = understand(docparse.parse(text.encode("utf-8"), filename="a.txt"))
    assert [p.text[:6] for p in result.problems] == ["街道对社区的", "一些班子成员"]
    assert "理想信念" in result.section_text.get("root_causes", "")
    assert [m.text[:6] for m in result.measures] == ["班子成员每人"]
