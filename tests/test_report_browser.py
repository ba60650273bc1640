"""The HTML report in a real browser (headless Chromium): it renders, its filter works, and every
flag's evidence is two clicks from the overview (bar → row link → section)."""

import re
import sys
from pathlib import Path

import pytest
from builders import docx_bytes, txt_bytes
from conftest import require

from sifeng.screen import screen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import render_report  # noqa: E402

GOOD = [{"kind": "title", "text": "中共岚川县档案局党组整改方案"},
        {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": ("chineseCounting", "%1、", 0)},
        {"kind": "para", "text": "档案查询窗口让群众反复补材料，一件事跑三趟。", "num": ("decimal", "%2.", 1)},
        {"kind": "heading", "level": 1, "text": "整改措施", "num": ("chineseCounting", "%1、", 0)},
        {"kind": "para", "text": "2014年6月底前推行查档一次性告知单，每月公示办理情况，责任人：王××。",
         "num": ("decimal", "%2.", 1)},
        {"kind": "sign", "lines": ["中共岚川县档案局党组", "2014年4月8日"]}]
BAD = "中共岚川县林业局党组整改方案\n一、存在的问题\n（一）服务群众意识有待加强。\n二、整改措施\n" \
      "（一）进一步增强宗旨意识，切实转变工作作风。\n（二）努力提高服务群众的能力和水平。\n中共岚川县林业局党组\n2014年3月25日\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    require(render_report.chromium() is not None, "Chromium")
    folder = tmp_path_factory.mktemp("batch")
    (folder / "good.docx").write_bytes(docx_bytes(GOOD))
    (folder / "bad.txt").write_bytes(txt_bytes(BAD))
    out = folder / "out"
    screen([str(folder / "good.docx"), str(folder / "bad.txt")], out=out, workers=1)
    return out / "report.html"


def test_renders_to_a_screenshot(report, tmp_path):
    png = render_report.screenshot(report, tmp_path / "report.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_flag_filter_and_two_clicks_to_evidence(report):
    dom = render_report.dump_dom(report, flag="hollow_measures")
    rows = re.findall(r'<tr data-flags="([^"]*)"( style="[^"]*")?><td><a href="#(doc-\d+)">', dom)
    assert len(rows) == 2
    visible = [(flags, anchor) for flags, style, anchor in rows if "display: none" not in style]
    assert len(visible) == 1 and "hollow_measures" in visible[0][0]
    assert re.search(r'id="shown">1<', dom)
    # Click 1: the bar for the flag; click 2: the row's link to its section, which shows the quote.
    assert "filterFlag('hollow_measures')" in dom
    anchor = visible[0][1]
    section = dom[dom.index(f'id="{anchor}"'):]
    section = section[:section.index("</section>")]
    assert f'id="{anchor}-hollow_measures"' in section
    assert "<mark>进一步增强宗旨意识，切实转变工作作风。</mark>" in section
