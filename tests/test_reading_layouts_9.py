"""Layouts met in the eighteenth session's real pages: lists of problems the learned reader passed over — at an
excerpt's start, with the heading cut off, or under a heading in the author's own words."""

from docparse import parse
from sifeng import review
from sifeng.reader import passed_over_problem_lists, units

# (invented) a page that starts in the middle of a self-examination: the first list lost its heading
EXCERPT = """发布时间:2019-03-02 作者:管理员
一是下基层调研走过场。到分管的站所去,多是听听汇报、看看台账,和一线职工坐下来谈心的时候少,了解到的情况不全面不真实。
二是文件材料层层加码。上级一个文件,我们转发时往往又加上几条要求,报表一张接一张,基层同志疲于应付。
三是检查考核重留痕轻实绩。考核站所工作主要看记录本、看照片,对群众满意不满意问得不多。
在官僚主义方面
一是对群众反映的问题推拖。有的来访群众反映的事情,能当场答复的也要等研究,一拖再拖,群众跑了好几趟。
二是听不进不同意见。研究工作时,有时先表了态,别的同志再有想法也不好提了。
"""

# (invented) the same shape, but the first list promises: it is no list of problems
PROMISES = EXCERPT.replace(
    "一是下基层调研走过场。到分管的站所去,多是听听汇报、看看台账,和一线职工坐下来谈心的时候少,了解到的情况不全面不真实。",
    "一是建立下基层调研制度。今后每月至少两次到分管站所蹲点,和一线职工面对面谈心,年底前形成调研报告。").replace(
    "二是文件材料层层加码。上级一个文件,我们转发时往往又加上几条要求,报表一张接一张,基层同志疲于应付。",
    "二是严格控制发文数量。凡上级已有明确要求的,一律不再转发加码,报表由办公室统一审核后再下发。")


def _gate():
    from classifiers.fourstyles import default_classifier

    styles = default_classifier()
    return lambda text: styles.model.proba(text)[-1]


def test_a_list_cut_from_its_heading_reads_as_problems():
    found = units(parse(EXCERPT.encode("utf-8"), filename="page.txt"))
    assert [u.source for u in found] == ["other", "block", "block", "block", "heading", "block", "block"]
    # as the learned reader left a long-winded real excerpt: only the list under its heading read
    roles = ["O", "O", "O", "O", "O", "P", "P"]
    assert passed_over_problem_lists(found, roles, _gate()) == ["O", "P", "P", "P", "O", "P", "P"]
    assert passed_over_problem_lists(found, ["O"] * 7, _gate()) == ["O", "P", "P", "P", "O", "P", "P"]
    # without the gate nothing is guessed
    assert passed_over_problem_lists(found, roles, None) == roles


def test_a_cut_list_of_promises_is_not_taken_for_problems():
    found = units(parse(PROMISES.encode("utf-8"), filename="page.txt"))
    first = [k for k, u in enumerate(found) if u.text.startswith(("一是建立", "二是严格"))]
    roles = passed_over_problem_lists(found, ["O"] * len(found), _gate())
    assert first and all(roles[k] == "O" for k in first)


def test_the_excerpt_is_read_as_a_self_examination():
    result = review(EXCERPT.encode("utf-8"), filename="page.txt")
    assert [p.text[:8] for p in result.problems] == ["下基层调研走过场", "文件材料层层加码", "检查考核重留痕轻", "对群众反映的问题", "听不进不同意见。"]
    assert not result.measures


# (invented) a team's problems under headings in its own words, as a 文库 page shows them
OWN_HEADINGS = """（四）执行纪律不够严格
一是个别干部上班迟到早退，工作时间玩手机、办私事，窗口前群众排队时有人不在岗。
二是有令不行、有禁不止，公务用车私用的情况虽经多次通报仍偶有发生。
（五）班子团结协作不够紧密
一是民主集中制执行不到位，研究重大事项时酝酿不充分，有时主要负责人先定调子再讨论。
二是班子成员之间交心通气少，分工之间配合不够，遇事相互推诿。
"""


def test_lists_under_headings_in_the_authors_own_words_are_problems():
    found = units(parse(OWN_HEADINGS.encode("utf-8"), filename="page.txt"))
    listed = [k for k, u in enumerate(found) if u.text.startswith(("一是", "二是"))]
    assert len(listed) == 4
    roles = passed_over_problem_lists(found, ["O"] * len(found), _gate())
    assert [roles[k] for k in listed] == ["P"] * 4
    assert [r for k, r in enumerate(roles) if k not in listed] == ["O"] * (len(found) - 4)
