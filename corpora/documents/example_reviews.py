"""Write ``examples/review/<name>.json``: the review truth for the 13 example submissions.

The item texts are taken from ``examples/truth/<name>.json`` (items and table cells, which the
example generator writes from the same sources as the files), so a quote cannot drift from the
document; the judgements — which items are problems and measures, four-styles labels, deadline
and owner spans, hollowness, which problem a measure answers, the six explanations and root-cause
dimensions — are the annotations below. Due dates, flags and the substring check come from
``build.py``. The scanned PDF is checked against its source text instead of the OCR reading.

    python corpora/documents/example_reviews.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import datetime as dt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import ROOT, SIX, ROOT_CAUSES, check_against, deadline_record, finish_review, owner_record, parsed_text  # noqa: E402

EXAMPLES = ROOT / "examples"
OUT = EXAMPLES / "review"

FORM, BUR, HED, LUX = "形式主义", "官僚主义", "享乐主义", "奢靡之风"


class Doc:
    """One example's truth plus helpers to pick its items."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.truth = json.loads((EXAMPLES / "truth" / f"{name}.json").read_text(encoding="utf-8"))
        self.ref = dt.date.fromisoformat(self.truth["date"])
        self.problems: list[dict[str, Any]] = []
        self.measures: list[dict[str, Any]] = []

    def section(self, heading: str, level: int) -> list[str]:
        """Texts of the items of ``level`` under the level-1 item whose text starts with ``heading``."""
        items = self.truth["items"]
        start = next(i for i, it in enumerate(items) if it["level"] == 1 and it["text"].startswith(heading))
        out = []
        for it in items[start + 1 :]:
            if it["level"] == 1:
                break
            if it["level"] == level:
                out.append(it["text"])
        return out

    def rows(self, table: int = 0) -> list[list[str]]:
        return self.truth["tables"][table]["rows"]

    def problem(self, text: str, labels: list[str]) -> int:
        self.problems.append({"text": text, "labels": [x for x in (FORM, BUR, HED, LUX) if x in labels]})
        return len(self.problems) - 1

    def measure(self, text: str, hollow: bool, deadline: Any = None, owner: Any = None, problem: int | None = None) -> None:
        self.measures.append(
            {
                "text": text,
                "deadline": deadline_record(deadline, self.ref),
                "owner": owner_record(owner),
                "hollow": hollow,
                "problem": problem,
            }
        )

    def write(self, six=(), roots=(), flags=(), notes: str = "", check_text: str | None = None,
              exact_ok: tuple[str, ...] = ()) -> dict[str, Any]:
        record = {
            "file": self.truth["file"],
            "doc_type": self.truth["doc_type"],
            "scope": self.truth["scope"],
            "problems": self.problems,
            "measures": self.measures,
            "six_explanations": list(six),
            "root_causes": list(roots),
            "notes": notes,
        }
        review = finish_review(record, flags)
        text = check_text if check_text is not None else parsed_text(EXAMPLES / self.truth["file"])
        errors = check_against(review, text, exact_ok=exact_ok)
        OUT.mkdir(exist_ok=True)
        (OUT / f"{self.name}.json").write_text(json.dumps(review, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(
            f"examples/review/{self.name}.json  problems {len(review['problems'])}  measures {len(review['measures'])}"
            f"  flags {','.join(review['flags']) or '-'}  {'check ok' if not errors else 'CHECK FAILED'}"
        )
        for error in errors:
            print("    " + error)
        return review


def table_plan(d: Doc, labels: list[list[str]], *, problem_col: int, measure_col: int, owner_col: int,
               deadline_col: int, owner_kind: str = "department", deadlines: dict[int, Any] | None = None,
               table: int = 0) -> None:
    """A 问题清单 table: one problem and one measure per data row (category rows skipped)."""
    deadlines = deadlines or {}
    data = [row for row in d.rows(table) if len(set(row)) > 1]  # a category row repeats one value
    assert len(data) == len(labels), (d.name, len(data), len(labels))
    for i, (row, lab) in enumerate(zip(data, labels)):
        p = d.problem(row[problem_col], lab)
        d.measure(row[measure_col], False, deadlines.get(i, row[deadline_col]), [row[owner_col], owner_kind], p)


# ---------------------------------------------------------------------------------------------


def xianwei_changwei() -> None:
    d = Doc("xianwei_changwei_duizhao_jiancha")
    items = d.section("“四风”方面存在的突出问题", 3)
    labels = [[FORM], [FORM, BUR], [FORM], [BUR], [BUR], [BUR], [HED], [BUR, HED], [LUX], [LUX]]
    ps = [d.problem(t, lab) for t, lab in zip(items, labels, strict=True)]
    m = d.section("努力方向和整改措施", 2)
    d.measure(m[0], False, "2014年6月底前", None, None)
    d.measure(m[1], False, "2014年底前", None, ps[3])
    d.measure(m[2], False, "2014年", ["县纪委", "department"], ps[0])
    d.measure(m[3], False, "2014年9月底前", None, ps[4])
    d.write(SIX, ROOT_CAUSES, notes=(
        "合格；问题取“四风”一节的三级条目（二级“形式主义方面”等是类别）；六项说明中承认的问题不在问题一节，不计；"
        "措施2有两个日期，取约束全部完成的“2014年底前”；措施3的“县纪委牵头”只管其中一项，仍记为责任主体；"
        "一条措施对应多个问题时只链到最主要的一个。"))


def fuxianzhang_duizhao() -> None:
    d = Doc("fuxianzhang_geren_duizhao_jiancha")
    items = d.section("“四风”方面存在的突出问题", 3)
    labels = [[FORM], [FORM, BUR], [FORM, BUR], [BUR], [BUR, HED], [LUX]]
    ps = [d.problem(t, lab) for t, lab in zip(items, labels, strict=True)]
    m = d.section("努力方向和整改措施", 2)
    d.measure(m[0], False, "2014年", None, None)
    d.measure(m[1], False, "2014年6月底前", None, ps[1])
    d.measure(m[2], False, "2014年", None, ps[0])
    d.measure(m[3], False, None, None, ps[5])
    d.write(SIX, ROOT_CAUSES, notes=(
        "合格（个人）；措施1的“2014年撰写学习体会不少于4篇”为年度目标，时限2014-12-31（优先于“每月”）；"
        "措施4是具体禁令，不空洞，但没有时限（对照检查材料不查缺时限）。"))


def zhengwu_zhongxin() -> None:
    d = Doc("zhengwu_zhongxin_geren_duizhao_jiancha")
    items = d.section("存在的主要问题", 2)
    labels = [[], [], [], [], [BUR]]
    ps = [d.problem(t, lab) for t, lab in zip(items, labels, strict=True)]
    m = d.section("整改措施", 2)
    d.measure(m[0], True, None, None, None)
    d.measure(m[1], True, None, None, ps[0])
    d.measure(m[2], True, None, None, ps[4])
    d.measure(m[3], True, None, None, ps[2])
    d.measure(m[4], True, None, None, None)
    d.write((), (), notes=(
        "不合格；问题1—4讲派驻人员、进驻部门和场地、系统等客观条件，没有把自己摆进去，标签为空；问题5是本人的，"
        "“管理不够严格”按官僚主义（履职不严）标，可商榷；六项说明全缺；原因只讲客观，四个方面都没有；措施全部空洞；"
        "问题文本按修订全部接受后的读法（删除“推诿扯皮、”、插入“有时”）。"))


def xian_zhengfu() -> None:
    d = Doc("xian_zhengfu_zhenggai_fangan")
    labels = [[FORM], [FORM], [FORM], [BUR], [BUR], [BUR], [HED], [BUR, HED], [LUX], [LUX], [LUX], [FORM, LUX]]
    table_plan(d, labels, problem_col=1, measure_col=2, owner_col=4, deadline_col=5)
    d.write(notes=(
        "合格；问题清单表 12 行（“形式主义方面”等分类行不算）；责任人取“责任单位”列原文；"
        "“保障措施”一节（如“2014年12月底前向全县公布整改结果”）不是整改措施一节，不计入措施。"))


def yiyuan() -> None:
    d = Doc("xian_renmin_yiyuan_zhenggai_fangan")
    labels = [[FORM], [FORM], [BUR], [BUR], [BUR], [BUR], [BUR], [BUR], [BUR], [LUX], [HED], [BUR], [LUX], [LUX], [LUX], [LUX]]
    table_plan(d, labels, problem_col=1, measure_col=2, owner_col=4, deadline_col=5)
    d.write(notes=(
        "合格；责任人取“责任科室”列；排队、检查预约慢、报修无人管按服务效率低（官僚主义）标；"
        "开大处方、过度检查按与民争利（官僚主义）标；保障措施不计入措施。"))


def jiaotou() -> None:
    d = Doc("jiaotou_jituan_zhidu_jianshe_jihua")
    for row in d.rows():
        d.measure(row[2], False, row[6], [row[4], "department"], None)
    d.write(notes=(
        "合格；没有问题一节（总体思路中点到的问题不是条目），problems 为空；措施文本取“制度名称”列（有名称的制度，不空洞）；"
        "责任人取“牵头部门”列；“工作要求”不计入措施。"))


def liuwan_cun() -> None:
    d = Doc("liuwan_cun_zhenggai_qingdan")
    items = d.section("问题及整改措施", 2)
    labels = [[FORM, BUR], [BUR, HED], [LUX], [BUR], [], [FORM]]
    owners = ["黄××", "黄××", "刘××", "陈××", "刘××", "黄××"]
    deadlines = ["2014年5月底前", "2014年6月底前", "立即整改", "2014年6月底前", "2014年10月底前", "每月5日"]
    for text, lab, owner, dl in zip(items, labels, owners, deadlines, strict=True):
        problem_text, measure_text = text.split("整改措施：")
        p = d.problem(problem_text, lab)
        d.measure(measure_text, False, dl, [owner, "person"], p)
    source = "\n".join(it["text"] for it in d.truth["items"])
    d.write(flags=["needs_ocr"], check_text=source, notes=(
        "扫描件（needs_ocr），文本按原件写出，OCR 读出的文字有错字，部分条目不能逐字匹配；问题与措施在同一条目，以“整改措施：”分开；"
        "第5条“村组道路年久失修”是客观条件，不是作风问题（unfocused，低）；第6条按优先级取“每月5日”（recurring）而不取“长期坚持”；"
        "保障措施不计入。"))


def gonganju() -> None:
    d = Doc("xian_gonganju_zhuanxiang_zhengzhi_fangan")
    items = d.section("整治重点", 3)
    ps = [d.problem(t, [BUR]) for t in items]
    assert len(ps) == 5
    links = [ps[0], ps[1], ps[2], ps[3], ps[3], ps[3], ps[4]]
    for row, p in zip(d.rows(), links, strict=True):
        d.measure(row[1], False, row[4], [row[2], "department"], p)
    d.write(notes=(
        "合格；整治重点的三级条目为问题（二级为类别）；措施取“任务分解”表的“整治任务”列，责任人取“牵头单位”列；"
        "“方法步骤”中各阶段的做法（如受案立案回执制度）和“组织保障”不计入措施，可商榷；第7项（投诉举报电话）链到吃拿卡要问题。"))


def zhen_plan(name: str, problem5: list[str], notes: str, flags=()) -> None:
    d = Doc(name)
    labels = [[FORM], [BUR], [BUR, HED], [BUR], problem5, [HED], [HED], [LUX], [LUX], [LUX]]
    table_plan(d, labels, problem_col=1, measure_col=2, owner_col=4, deadline_col=5, owner_kind="person")
    d.write(flags=flags, notes=notes)


def changwu() -> None:
    d = Doc("changwu_fuxianzhang_geren_zhenggai_cuoshi")
    rows = d.rows()
    labels = [[FORM], [FORM, BUR], [BUR], [BUR], [BUR], [LUX]]
    ps = [d.problem(row[1], lab) for row, lab in zip(rows, labels, strict=True)]
    m = d.section("具体整改措施", 2)
    d.measure(m[0], False, "2014年", ["县政府办", "department"], ps[0])
    d.measure(m[1], False, "2014年", None, ps[1])
    d.measure(m[2], False, "立即", None, ps[3])
    d.measure(m[3], False, "2014年12月底前", None, ps[4])
    d.measure(m[4], False, "2014年", None, ps[5])
    d.measure(m[5], False, None, None, None)
    table_deadlines = [None, "2014年12月底前", "2014年6月底前", "立即", "2014年12月底前", "2014年12月底前"]
    for row, p, dl in zip(rows, ps, table_deadlines, strict=True):
        d.measure(row[2], False, dl, None, p)
    d.write(exact_ok=("对分管部门节俭要求不严",), notes=(
        "合格（个人）；问题取个人整改清单表的“存在问题”列，措施包括“具体整改措施”六条和清单表“整改措施”列六格；"
        "清单第1行“2014年5月起”是起点，不是时限；“立即执行”取“立即”；措施“执行八项规定不够严格”在清单中没有对应问题；"
        "清单第3行“饮水问题长期未解决”作为本人对分管领域问题久拖（官僚主义）标，可商榷；"
        "清单第6行问题原文也出现在措施5的“针对……的问题”里，无法更长；措施1“由县政府办跟踪督办”记为责任主体（个人文书不查缺责任人）；因两条措施无时限，缺时限（轻微）成立。"))


def chengguan() -> None:
    d = Doc("chengguan_ju_zhenggai_fangan")
    items = d.section("存在的主要问题", 2)
    labels = [[FORM], [BUR], [BUR], [BUR]]
    ps = [d.problem(t, lab) for t, lab in zip(items, labels, strict=True)]
    m = d.section("整改措施", 3)
    links = [ps[0], ps[2], ps[1], ps[2], ps[3], None]
    for text, p in zip(m, links, strict=True):
        d.measure(text, True, None, None, p)
    d.measure("进一步建立健全各项规章制度，用制度管人管事，推动作风建设常态化、长效化。", True, "常态化", None, ps[3])
    d.write(notes=(
        "不合格；问题笼统但都能归入四风（“制度执行不够严格”按有令不行标官僚主义，可商榷）；措施取三级条目，"
        "第四个二级条目“健全长效机制，巩固整改成果”没有下级编号，取其后的无编号段落；全部空洞，无时限（只有一处“常态化”）、无责任单位。"))


def jixie() -> None:
    d = Doc("jixie_xueyuan_huitoukan_zicha_baogao")
    items = d.section("存在的问题和不足", 2)
    labels = [[BUR], [FORM, BUR], [FORM]]
    ps = [d.problem(t, lab) for t, lab in zip(items, labels, strict=True)]
    m = d.section("下一步工作打算", 2)
    d.measure(m[0], False, "2015年6月底前", ["院长", "role"], ps[0])
    d.measure(m[1], False, "2015年2月底前", None, ps[1])
    d.measure(m[2], False, "每月", None, ps[0])
    d.measure(m[3], False, "2015年度", None, ps[2])
    d.write(notes=(
        "基本合格；“整改落实基本情况”是进展（过去的日期不是时限），不计；措施1“由院长牵头、分管副院长具体负责”取牵头者；"
        "措施3的“院领导”是集体，记为无责任人；措施4“纳入2015年度目标考核”按年度目标记2015-12-31；缺责任人3/4。"))


def main() -> int:
    xianwei_changwei()
    fuxianzhang_duizhao()
    zhengwu_zhongxin()
    xian_zhengfu()
    yiyuan()
    jiaotou()
    liuwan_cun()
    gonganju()
    zhen_plan("qingshi_zhen_zhenggai_fangan", [BUR], flags=["duplicate_of"], notes=(
        "基本合格；duplicate_of：白沙乡方案（baisha_xiang_zhenggai_fangan.doc）照抄本文，成对标记；责任人取“责任人”列原文"
        "（职务加姓名），责任领导纵向合并不影响；方法步骤、工作要求不计入措施。"))
    zhen_plan("baisha_xiang_zhenggai_fangan", [BUR], flags=["duplicate_of"], notes=(
        "不合格：照抄青石镇方案（qingshi_zhen_zhenggai_fangan.docx），只改了单位、人名、第5项问题和个别日期，"
        "“镇政务公开栏”“全镇”等字样未改；逐项看，问题清单本身与人对应、与事对应。"))
    chengguan()
    jixie()
    changwu()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
