"""screen(): hostile inputs, resume without redoing, one review per content, copy pairs, and
the reports an inspection group reads."""

import io
import json
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import docx_bytes, txt_bytes
from typer.testing import CliRunner

from sifeng.cli import app
from sifeng.copies import find_copies
from sifeng.inputs import collect
from sifeng.screen import screen
from sifeng.workspace import Workspace

PLAN = [
    {"kind": "title", "text": "中共岚川县交通局党组整改方案"},
    {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": ("chineseCounting", "%1、", 0)},
    {"kind": "para", "text": "下乡检查多是听汇报、看材料，到公路养护一线少。", "num": ("decimal", "%2.", 1)},
    {"kind": "heading", "level": 1, "text": "整改措施", "num": ("chineseCounting", "%1、", 0)},
    {"kind": "para", "text": "进一步增强宗旨意识，切实转变工作作风。", "num": ("decimal", "%2.", 1)},
    {"kind": "sign", "lines": ["中共岚川县交通局党组", "2014年4月2日"]},
]


def _long_plan(unit: str, town: str) -> str:
    lines = [f"中共岚川县{unit}整改方案", "一、存在的主要问题"]
    for i, (what, where) in enumerate([("会议", "会议室"), ("文件", "档案室"), ("接待", "食堂"), ("用车", "车库"),
                                       ("调研", "田间"), ("窗口", "大厅")], start=1):
        lines.append(f"（{'一二三四五六'[i - 1]}）{town}{what}管理方面，{where}台账记录不全，第{i}季度抽查发现"
                     f"{i * 3}处问题，群众反映办事要来回跑{i + 1}趟，主要原因是班子对{what}工作督促检查不够。")
    lines.append("二、整改措施")
    for i, what in enumerate(["会议", "文件", "接待", "用车", "调研", "窗口"], start=1):
        lines.append(f"（{'一二三四五六'[i - 1]}）{what}方面：{town}于2014年{i + 3}月底前建立{what}台账，"
                     f"每月通报一次，由{town}党政办负责，责任人：王××。")
    lines += [f"中共岚川县{unit}", "2014年3月28日"]
    return "\n".join(lines)


@pytest.fixture
def batch_dir(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "交通局.docx").write_bytes(docx_bytes(PLAN))
    (folder / "same content twice.docx").write_bytes(docx_bytes(PLAN))
    (folder / "-leading dash 😀.txt").write_bytes(txt_bytes(_long_plan("石桥镇委员会", "石桥镇")))
    (folder / "copy.txt").write_bytes(txt_bytes(_long_plan("白沙乡委员会", "白沙乡")))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


def test_screen_end_to_end(batch_dir, tmp_path):
    out = tmp_path / "out"
    batch = screen([str(batch_dir)], out=out, workers=2, timeout=60)
    names = sorted(e.name for e in batch.entries)
    # Every input name is listed; the same content under two names is reviewed once and paired.
    assert len(batch.entries) == 5 and sum("交通局" in n or "same content" in n for n in names) == 2
    assert batch.reviewed_now == 4
    assert len(batch.failed) == 1 and "broken.docx" in batch.failed[0].review.flags[0].evidence[0].text
    assert len(batch.pairs) == 2
    identical = next(p for p in batch.pairs if p.share_a == 1.0)
    assert {Path(identical.a).name, Path(identical.b).name} == {"交通局.docx", "same content twice.docx"}
    copied = [e for e in batch.entries if e.review.flag("duplicate_of")]
    assert len(copied) == 4
    twin = next(e for e in batch.entries if e.name.endswith("交通局.docx"))
    assert twin.review.flag("duplicate_of").message.startswith("本材料有100%的文字")
    assert twin.review.source == twin.name
    flag = copied[0].review.flag("duplicate_of")
    assert "%" in flag.message and flag.evidence and flag.evidence[0].text
    # results.jsonl: one review per line in the review JSON shape, failures included.
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5 and all({"source", "doc_type", "flags", "measures"} <= set(line) for line in lines)
    assert sorted(line["source"] for line in lines) == names
    assert any(f["code"] == "parse_error" for line in lines for f in line["flags"])
    # report.xlsx
    book = openpyxl.load_workbook(out / "report.xlsx")
    assert book.sheetnames == ["汇总", "问题", "措施", "照搬照抄", "无法读取"]
    summary = book["汇总"]
    assert summary.freeze_panes == "B2" and summary.auto_filter.ref
    assert summary.max_row == 6
    assert book["照搬照抄"].max_row == 3
    # report.html: self-contained, with each submission's section and the evidence.
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<script src" not in page
    assert page.count('<section class="doc"') == 5
    assert "进一步增强宗旨意识" in page and "<mark>" in page
    letters = list((out / "letters").glob("*.docx"))
    assert len(letters) == len(batch.flagged)


def test_rerun_redoes_nothing_and_resumes_after_a_kill(batch_dir, tmp_path):
    out = tmp_path / "out"
    first = screen([str(batch_dir)], out=out, workers=1, timeout=60, reports=False)
    assert first.reviewed_now == 4
    again = screen([str(batch_dir)], out=out, workers=1, timeout=60, reports=False)
    assert again.reviewed_now == 0 and len(again.entries) == 5
    # A kill after two files: the workspace holds exactly what was committed.
    workspace = Workspace(out)
    kept = sorted(workspace.done())[:2]
    workspace.db.execute(f"DELETE FROM results WHERE sha256 NOT IN ({','.join('?' * len(kept))})", kept)
    workspace.db.commit()
    workspace.close()
    resumed = screen([str(batch_dir)], out=out, workers=1, timeout=60, reports=False)
    assert resumed.reviewed_now == 2 and len(resumed.entries) == 5


def _zip(entries: dict, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def test_hostile_archives_stay_inside_the_work_area(tmp_path):
    plan = docx_bytes(PLAN)
    inner = _zip({"nested/计划.docx": plan})
    bomb = b"0" * (150 * 1024 * 1024)
    archive = tmp_path / "batch.zip"
    archive.write_bytes(_zip({
        "../../escape.docx": plan, "/abs/path.docx": plan, "ok/正常.docx": plan,
        "inner.zip": inner, "bomb.txt": bomb, "notes.png": b"\x89PNG",
    }, symlink="link.docx"))
    work = tmp_path / "out" / ".work"
    collected = collect([str(archive)], work)
    names = sorted(s.name for s in collected.submissions)
    assert names == [f"{archive}!inner.zip!nested/计划.docx", f"{archive}!ok/正常.docx"]
    reasons = {p.name.split("!")[-1]: p.reason for p in collected.problems}
    assert "不安全" in reasons["../../escape.docx"] and "不安全" in reasons["/abs/path.docx"]
    assert "不安全" in reasons["link.docx"] and "过大" in reasons["bomb.txt"]
    for submission in collected.submissions:
        assert submission.path.resolve().is_relative_to(work.resolve())
    assert not (tmp_path / "escape.docx").exists() and not Path("/abs/path.docx").exists()


def test_a_link_in_a_folder_is_reported_not_followed(tmp_path):
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(docx_bytes(PLAN))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "real.docx").write_bytes(docx_bytes(PLAN))
    (folder / "link.docx").symlink_to(outside)
    collected = collect([str(folder)], tmp_path / "out" / ".work")
    assert [Path(s.name).name for s in collected.submissions] == ["real.docx"]
    reasons = {Path(p.name).name: p.reason for p in collected.problems}
    assert "符号链接" in reasons["link.docx"]


def test_copy_detection_pairs_copies_and_not_stock_phrases():
    stock = ("根据县委教育实践活动领导小组的统一部署，结合征求到的意见建议，对照党章和中央八项规定精神，"
             "认真查摆了在形式主义、官僚主义、享乐主义和奢靡之风方面存在的突出问题，进一步增强宗旨意识，切实转变工作作风。")
    a = _long_plan("石桥镇委员会", "石桥镇")
    b = a.replace("石桥镇", "白沙乡")
    c = stock + "本局干部下乡少，窗口排队久，公车管理松，年底突击花钱，会议文件多。" * 2
    d = stock + "本院医生收红包，检查多重复，门诊候诊长，行政楼装修超标，评比过多。" * 2
    pairs = find_copies({"a": a, "b": b, "c": c, "d": d})
    assert [(p.a, p.b) for p in pairs] == [("a", "b")]
    assert pairs[0].share_a > 0.7 and pairs[0].passages


def test_cli_exit_codes(batch_dir, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["screen", str(batch_dir), "--out", str(tmp_path / "o"), "-j", "1"])
    assert result.exit_code == 1
    assert "无法读取" in result.stderr and "report.html" in result.stderr
    (batch_dir / "broken.docx").unlink()
    clean = runner.invoke(app, ["screen", str(batch_dir), "--out", str(tmp_path / "o2"), "-j", "1"])
    assert clean.exit_code == 0, clean.stderr


def test_passages_lifted_into_a_short_plan_are_found_despite_unit_names():
    problems = [f"局党组班子成员到基层调研第{i}次多是听汇报、看材料，对{w}情况掌握不准，群众反映强烈。"
                for i, w in enumerate(["农村饮水", "河道治理", "水库移民", "灌区改造", "防汛物资", "水土保持", "工程质量"])]
    filler = "".join(f"局党组在第{i}季度召开了专题会议，研究部署了第{i}项业务工作，对全系统第{i}批干部进行了轮训，"
                     f"编印了第{i}期学习资料。" for i in range(1, 40))
    source = "中共县水利局党组对照检查材料\n" + filler + "\n".join(problems) + filler[::-1]
    copied = "\n".join(p.replace("局党组", "镇党委") for p in problems)
    town = "中共某某镇委员会整改方案\n一、存在的问题\n" + copied + "\n二、整改措施\n建立台账，逐项销号，2014年底前完成。"
    other = "中共某某乡委员会整改方案\n" + "".join(f"乡里第{i}项工作按计划推进，干部群众反映良好，下一步继续抓好落实。"
                                              for i in range(30))
    pairs = find_copies({"source": source, "town": town, "other": other})
    assert [(p.a, p.b) for p in pairs] == [("source", "town")]
    pair = pairs[0]
    assert pair.share_a < 0.3 < pair.share_b and pair.shared_chars >= 150


def test_copied_passages_side_by_side_with_both_shares(tmp_path):
    problems = [f"局党组班子成员到基层调研第{i}次多是听汇报、看材料，对{w}情况掌握不准，群众反映强烈。"
                for i, w in enumerate(["农村饮水", "河道治理", "水库移民", "灌区改造", "防汛物资", "水土保持", "工程质量"])]
    filler = "".join(f"局党组在第{i}季度召开了专题会议，研究部署了第{i}项业务工作，对全系统干部进行了轮训。"
                     for i in range(1, 30))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "水利局.txt").write_bytes(txt_bytes("中共县水利局党组对照检查材料\n" + filler + "\n" + "\n".join(problems)))
    (folder / "某镇.txt").write_bytes(txt_bytes("中共某某镇委员会整改方案\n一、存在的问题\n"
                                               + "\n".join(p.replace("局党组", "镇党委") for p in problems)
                                               + "\n二、整改措施\n建立台账，逐项销号，2014年底前完成。"))
    batch = screen([str(folder)], out=tmp_path / "out", workers=1)
    assert len(batch.pairs) == 1
    town = next(e for e in batch.entries if "某镇" in e.name)
    source = next(e for e in batch.entries if "水利局" in e.name)
    assert town.copy_total > 0.5 > source.copy_total > 0 and town.copy_max >= town.copy_total - 0.01
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<h2 id="copies">照搬照抄</h2>' in page and "总文字复制比" in page
    passage = batch.pairs[0].passages[0]
    assert "镇党委" in (passage.text + passage.text_b) and "局党组" in (passage.text + passage.text_b)
    sheet = openpyxl.load_workbook(tmp_path / "out" / "report.xlsx")["汇总"]
    header = [c.value for c in sheet[1]]
    assert "总文字复制比" in header


def test_a_units_plan_restating_its_own_self_examination_is_no_copy(tmp_path):
    # (lines of different lengths: lines all of one length would read as text hard-wrapped at that width)
    problems = [f"{i}. 局党组班子成员到基层调研多是听汇报、看材料，对{w}情况掌握不准，群众反映强烈。"
                for i, w in enumerate(["饮水", "河道治理工程", "水库移民安置", "灌区", "防汛物资储备库", "水土"], start=1)]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "对照检查.txt").write_bytes(txt_bytes(
        "中共县水利局党组对照检查材料\n一、存在的问题\n" + "\n".join(problems)
        + "\n二、原因剖析\n理想信念有所弱化，宗旨意识有所淡化。\n中共县水利局党组\n2014年3月20日"))
    (folder / "整改方案.txt").write_bytes(txt_bytes(
        "中共县水利局党组整改方案\n一、存在的问题\n" + "\n".join(problems)
        + "\n二、整改措施\n1. 班子成员每季度到基层蹲点调研不少于3天，由局办公室负责，2014年6月底前建立台账。"
        + "\n中共县水利局党组\n2014年4月2日"))
    batch = screen([str(folder)], out=tmp_path / "out", workers=1)
    assert {e.review.doc_type for e in batch.entries} == {"对照检查材料", "整改方案"}
    assert batch.pairs == []


def test_shipped_seed_shingles_match_the_notices(seeds):
    import numpy as np

    from sifeng.copies import SEED_SHINGLES, seed_text_hashes

    shipped = set(int(h) for h in np.load(SEED_SHINGLES, allow_pickle=False))
    assert shipped == seed_text_hashes(seeds), "run python scripts/build_seed_shingles.py"


def test_seed_wording_is_ignored_without_the_notices_on_this_machine(monkeypatch, tmp_path):
    """A clone without ../shared still knows the notices' shingles (shipped as hashes)."""
    from sifeng import copies

    monkeypatch.setenv("SIFENG_SEEDS", str(tmp_path / "nowhere"))
    copies.stock_hashes.cache_clear()
    try:
        without = copies.stock_hashes()
        # 八项规定 wording from seed 001 and 003, and thousands of other shingles of the five notices
        assert len(without) > 19000
        assert set(copies.shingle_hashes(copies.normalise("严格执行中央八项规定精神")[0])) & without
    finally:
        copies.stock_hashes.cache_clear()


def test_shared_short_phrases_are_no_copy_but_a_shared_paragraph_is():
    from sifeng.copies import find_copies

    phrases = ["明确“三重一大”事项范围和决策程序", "序号　制度名称　类别　主要内容　牵头单位　完成时间",
               "党的群众路线教育实践活动制度建设计划", "接待清单每月在内网公示一次", "会议一律不超过一个半小时",
               "公务用车实行集中管理统一调度", "节假日车辆集中停放", "办公用房按标准核定", "每季度公开一次三公经费"]
    own_a = "市国土资源局根据督导组反馈意见，结合土地审批窗口群众反映集中的问题，对局机关和各分局的制度逐项梳理。"
    own_b = "理工大学党委根据学校实际，针对师生反映的科研经费报销、职称评审和后勤服务方面的意见，梳理了需要废改立的制度。"
    a = own_a + "。".join(f"{p}（国土局第{i}项）" for i, p in enumerate(phrases))
    b = own_b + "。".join(f"{p}（学校第{i}项）" for i, p in enumerate(phrases))
    assert not find_copies({"a": a, "b": b})  # some 200 characters shared, none in a passage of 30
    paragraph = ("镇党委决定从七月起在全镇推行便民服务代办制，每个村确定一名代办员，群众办理低保、医保、"
                 "建房审批等十二项事项可以由代办员代为申请，办理结果由代办员在五个工作日内送达，"
                 "镇便民服务中心每月对代办情况进行一次通报，群众不满意的代办员由村党支部重新推选，"
                 "代办员的补贴从镇财政列支，每人每月二百元，年底由群众代表评议后发放，"
                 "代办事项清单和代办员姓名电话在各村村务公开栏和镇政府网站同时公布，接受群众监督。")
    pairs = find_copies({"a": own_a + paragraph + "。" + own_a, "b": own_b + paragraph + "。" + own_b * 3})
    assert len(pairs) == 1 and pairs[0].shared_chars >= 150
