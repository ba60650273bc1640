"""回头看 tracking (sifeng/tracking.py): pairs built here, one measure for each status, a plan whose
report says nothing of it, unit-name pairing, and the 整改台账 in screen's reports."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sifeng.cli import app
from sifeng.tracking import STATUSES, is_late, track, unit_key

PLAN = """中共青山县林业局党组党的群众路线教育实践活动整改方案

为认真整改教育实践活动中查摆出的突出问题，结合我局实际，制定本方案。

一、存在的突出问题
（一）会议多、文件多，文山会海问题突出。
（二）办理林木采伐许可证环节多、时间长，群众多次跑腿。
（三）林区检查站乱收费、吃拿卡要问题时有发生。
（四）公务接待超标准，陪餐人数多。
（五）局机关干部下基层少，对林农困难了解不够。

二、整改措施
1.精简会议文件，全局性会议全年压缩三分之一以上，局发文件总量比上年减少20%以上（责任单位：办公室；完成时限：2014年12月底前）。
2.简化林木采伐许可审批，审批时限由15个工作日压缩到5个工作日，在县政务服务中心设立林业窗口（责任单位：资源林政股；完成时限：2014年10月底前）。
3.撤并林区木材检查站，取消检查站收费项目，开通举报电话（责任单位：森林公安分局；完成时限：2014年11月底前）。
4.修订《青山县林业局公务接待管理办法》，严格控制陪餐人数（责任单位：办公室；完成时限：2014年9月底前）。
5.建立局领导联系乡镇林业站制度，每名局领导每月到联系点不少于3天（责任单位：人事股；完成时限：长期坚持）。
6.建设林权交易信息平台，实现林权流转信息网上发布（责任单位：林权管理中心；完成时限：2014年12月底前）。

中共青山县林业局党组
2014年8月20日
"""

REPORT = """中共青山县林业局党组关于整改落实“回头看”的自查报告

按照县委统一部署，局党组于2014年12月对整改落实情况开展了“回头看”，现将有关情况报告如下。

一、整改落实情况
（一）关于文山会海问题
针对会议多、文件多的问题，局党组实行会议计划管理。2014年全局共召开全局性会议14次，比上年减少42%，局发文件98件，比上年减少27%。
（二）关于群众办证难问题
针对林农反映办证跑腿多的问题，林业窗口于12月15日才正式进驻县政务服务中心，采伐许可办理时限由15个工作日压缩到5个工作日，窗口开办以来已办结采伐许可63件。
（三）关于检查站问题
林区检查站撤并工作已完成初稿方案，目前正在报县政府审批，3个检查站中已撤销1个，其余2个计划于2015年3月前完成撤并。
（四）关于公务接待问题
局党组高度重视公务接待工作，公务接待进一步规范，铺张浪费现象得到有效遏制，群众满意度明显提升。
（五）关于联系群众问题
局党组制定了局领导联系乡镇林业站制度，明确每名局领导联系2个乡镇林业站，9至12月局领导累计到联系点开展工作96天，帮助解决林农实际困难23件。

二、存在的不足
个别干部对作风建设的长期性认识不足。

三、下一步打算
继续巩固整改成果，推动作风建设常态化长效化。

中共青山县林业局党组
2015年1月10日
"""


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("track")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def result(pair):
    return track([pair / "plan.txt"], pair / "report.txt")


def _status(result, words):
    found = [m for m in result.measures if words in m.text]
    assert len(found) == 1, [m.text for m in result.measures]
    return found[0]


def test_every_measure_of_the_plan_is_tracked_with_owner_and_due(result):
    assert len(result.measures) == 6
    assert result.unit == "中共青山县林业局党组"
    meeting = _status(result, "精简会议文件")
    assert meeting.owner == "办公室" and meeting.due == "2014-12-31"


@pytest.mark.parametrize("words, status, evidence", [
    ("精简会议文件", "done", "比上年减少42%"),
    ("简化林木采伐许可审批", "done_late", "12月15日"),
    ("撤并林区木材检查站", "in_progress", "正在报县政府审批"),
    ("公务接待管理办法", "unsupported_claim", "公务接待进一步规范"),
    ("联系乡镇林业站", "done", "累计到联系点开展工作96天"),
    ("林权交易信息平台", "not_reported", None),
])
def test_each_status_with_its_evidence(result, words, status, evidence):
    measure = _status(result, words)
    assert measure.status == status, (measure.status, measure.evidence and measure.evidence.text)
    if evidence is None:
        assert measure.evidence is None and measure.reason
    else:
        assert evidence in measure.evidence.text and measure.evidence.where.startswith("第")


def test_json_shape_and_summary(result):
    data = result.as_dict()
    assert set(data) >= {"unit", "plans", "report", "measures", "summary"}
    assert set(data["measures"][0]) >= {"text", "owner", "due", "status", "evidence", "reason"}
    assert data["summary"]["total"] == 6 and sum(data["summary"][s] for s in STATUSES) == 6
    # Overdue and unsupported items lead the ledger.
    assert result.ordered()[0].status == "not_reported"


def test_a_report_that_says_nothing_of_the_plan(pair, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("中共青山县林业局党组关于整改落实“回头看”的自查报告\n\n一、基本情况\n"
                     "局党组认真组织开展回头看，干部作风明显好转，群众满意度不断提升。\n\n"
                     "中共青山县林业局党组\n2015年1月10日\n", encoding="utf-8")
    result = track([pair / "plan.txt"], other)
    statuses = {m.status for m in result.measures}
    assert statuses <= {"not_reported", "unsupported_claim"} and "not_reported" in statuses


def test_lateness_is_a_matter_of_dates():
    assert is_late("窗口于12月15日正式进驻", "2014-10-31", "2015-01-10")
    assert not is_late("窗口于10月15日正式进驻", "2014-10-31", "2015-01-10")
    # A period is not a completion date.
    assert not is_late("9月至12月共召开会议14次", "2014-10-31", "2015-01-10")


@pytest.mark.parametrize("a, b", [
    ("中共青山县林业局党组", "青山县林业局"),
    ("中共青山镇委员会", "中共青山镇委"),
    ("中共青山县城关街道工作委员会", "青山县城关街道党工委"),
])
def test_unit_names_pair(a, b):
    assert unit_key(a) == unit_key(b)


def test_cli_track_json_and_xlsx(pair, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["track", str(pair / "plan.txt"), str(pair / "report.txt"), "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["summary"]["total"] == 6
    target = tmp_path / "台账.xlsx"
    out = runner.invoke(app, ["track", str(pair / "plan.txt"), str(pair / "report.txt"), "-f", "xlsx", "-o", str(target)])
    assert out.exit_code == 0 and target.exists()
    bad = runner.invoke(app, ["track", str(pair / "plan.txt")])
    assert bad.exit_code == 2


def test_screen_writes_the_ledger_and_judges_the_checklist_item_from_it(pair, tmp_path):
    from openpyxl import load_workbook

    from sifeng.screen import screen

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "方案.txt").write_text(PLAN, encoding="utf-8")
    (inputs / "自查报告.txt").write_text(REPORT, encoding="utf-8")
    batch = screen([str(inputs)], out=tmp_path / "out", workers=1)
    assert len(batch.trackings) == 1 and batch.trackings[0].summary["total"] == 6
    # The report is read again from its file: evidence points at its own lines, not the stored text's.
    wheres = [m.evidence.where for m in batch.trackings[0].measures if m.evidence]
    assert wheres and all(w.startswith("第") for w in wheres)
    sheet = load_workbook(batch.reports["xlsx"] if "xlsx" in batch.reports else tmp_path / "out" / "report.xlsx")["整改台账"]
    assert sheet.max_row == 7
    assert "整改台账" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    report = next(e for e in batch.entries if e.name.endswith("自查报告.txt")).review
    item = next(i for c in report.checklists for i in c.items if i.id == "zhenggai_fangan_luoshi")
    assert item.evidence and item.evidence[0].startswith("按整改台账")


def test_tracking_corpus_is_valid():
    import importlib.util

    root = Path(__file__).resolve().parents[1] / "corpora" / "tracking"
    spec = importlib.util.spec_from_file_location("validate_tracking", root / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    train = sorted(p for p in (root / "train").iterdir() if p.is_dir())
    blind = sorted(p for p in (root / "blind").iterdir() if p.is_dir())
    assert len(train) >= 40 and len(blind) >= 10
    errors = [e for folder in train + blind for e in module.check_pair(folder)]
    assert errors == []
