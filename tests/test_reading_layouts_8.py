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
