"""Layouts met in the sixteenth session's fresh sets: a village's list whose every item states a problem and
goes straight on to what will be done about it."""

from sifeng import review

VILLAGE = """柳湾村党支部群众路线教育实践活动问题整改清单

按镇党委要求,村支部、村委会开会把群众提的问题归了一下,整改清单如下:
1.村里的账目公开不及时,有时候半年才贴一次,群众看不懂也没人解释,以后每季度第一个星期把收支明细贴到公开栏,会计在场给群众讲解。
2.去年修水渠的时候村干部自己定了施工队,没有开村民代表会商量,群众有意见。秋收前由村支书召开村民代表会把工程账目一笔一笔讲清楚,以后村里的工程一律先开会再定。
3.村部平时经常锁门,群众来盖章要等半天,有时候干部在家打牌。整改:下个月起村两委干部轮流在村部值班,门口贴值班表和电话。
4.过年的时候用村集体的钱买了烟酒给镇上包村干部拜年,花了一千多块,以后过年过节一律不用村集体的钱送东西,这种条子会计一律不给报。

柳湾村党支部
2014年8月15日
"""


def test_a_problem_item_that_goes_on_to_its_promise_is_a_problem_and_a_measure():
    result = review(VILLAGE.encode("utf-8"), filename="liuwan.txt")
    assert result.doc_type == "整改方案"
    assert [p.text.rstrip("。") for p in result.problems] == [
        "村里的账目公开不及时,有时候半年才贴一次,群众看不懂也没人解释",
        "去年修水渠的时候村干部自己定了施工队,没有开村民代表会商量,群众有意见",
        "村部平时经常锁门,群众来盖章要等半天,有时候干部在家打牌",
        "过年的时候用村集体的钱买了烟酒给镇上包村干部拜年,花了一千多块",
    ]
    assert result.measures[0].text.startswith("以后每季度第一个星期")
    assert any(m.text.startswith("秋收前由村支书") for m in result.measures)
    assert any(m.text.startswith("下个月起村两委干部") for m in result.measures)
    assert result.measures[-1].text.startswith("以后过年过节一律")
    # each promise answers the problem it followed
    assert all(m.problem is not None for m in result.measures)
    assert [result.measures[0].problem, result.measures[-1].problem] == [0, 3]


LOOK_BACK = """××镇关于专项审计问题整改情况的报告

根据县审计局专项审计调查报告，涉及我镇的问题有1项，现将整改落实情况报告如下：
一、高度重视
镇党委高度重视审计发现问题的整改，主要领导两次召开专题会议研究，明确分管领导和责任办公室。
二、整改情况
问题描述：镇污水处理站建成后未正常运行。
整改情况：设备已维修调试，管网疏通正在进行。
三、下步计划
（一）2020年10月底前完成污水管网疏通，由镇环保办负责，确保污水处理站正常运行。
（二）建立污水处理站运行台账，镇环保办每月检查一次运行情况并向镇党委报告。
××镇人民政府
2020年8月20日
"""


def test_measures_the_rules_read_are_kept_where_the_learned_reader_reads_nothing(monkeypatch):
    from docparse import parse
    from sifeng.reader import read_items
    from sifeng.understand import understand

    class Blank:  # a learned reader that finds no role anywhere (a layout it does not know)
        def tag(self, sequences):
            return [["O"] * len(sequence) for sequence in sequences] if sequences and isinstance(sequences[0], list) \
                else ["O"] * len(sequences)

    document = parse(LOOK_BACK.encode("utf-8"), filename="shenji.txt")
    u = understand(document)
    assert [m.text[:8] for m in u.measures] == ["2020年10月", "建立污水处理站运"]
    read_items(document, u, Blank())
    assert len(u.measures) == 2  # kept: the learned reader read nothing at all
