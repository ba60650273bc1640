"""Saved government web pages: the article only, in the right charset."""

import pytest
from builders import html_bytes

import docparse

PARAGRAPHS = [
    "根据县委统一部署，现将县政务服务中心党组整改方案公布如下。",
    "一、存在的主要问题",
    "（一）服务意识不强，部分窗口工作人员对办事群众态度生硬。",
    "（二）办事流程繁琐，群众反映一件事要跑多个窗口。",
    "二、整改措施",
    "（一）2014年6月底前推行一次性告知制度，责任人：王××。",
]


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb2312", "gb18030"])
def test_article_body_only(charset):
    page = html_bytes("岚川县政务服务中心党组整改方案", PARAGRAPHS, charset=charset,
                      sign=["岚川县政务服务中心党组", "2014年4月18日"])
    document = docparse.parse(page, filename="page.html")
    assert document.format == "html"
    assert document.metadata.title == "岚川县政务服务中心党组整改方案"
    text = document.text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for boilerplate in ("版权所有", "ICP", "联系我们", "首页", "function", "{", "分享到"):
        assert boilerplate not in text, boilerplate
    assert [(b.label, b.level) for b in document.blocks if b.label] == [
        ("一、", 1), ("（一）", 2), ("（二）", 2), ("二、", 1), ("（一）", 2)]
    assert document.metadata.date == "2014-04-18"


def test_html_table_with_rowspan():
    page = """<html><head><meta charset="utf-8"><title>问题清单</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/x">政务公开</a></div>
    <div class="content"><p>整改问题清单如下：各项问题已明确责任领导和完成时限。</p>
    <table><tr><th>序号</th><th>存在问题</th><th>责任领导</th><th>完成时限</th></tr>
    <tr><td>1</td><td>会议偏多</td><td rowspan="2">王××</td><td>2014年6月底前</td></tr>
    <tr><td>2</td><td>文件偏多</td><td>2014年9月底前</td></tr></table></div>
    <div class="footer">版权所有 岚川县人民政府</div></body></html>""".encode("utf-8")
    document = docparse.parse(page, filename="list.htm")
    table = next(b.table for b in document.blocks if b.table is not None)
    assert table.header == ["序号", "存在问题", "责任领导", "完成时限"]
    assert table.text_rows() == [["1", "会议偏多", "王××", "2014年6月底前"],
                                 ["2", "文件偏多", "王××", "2014年9月底前"]]


def test_deeply_nested_page_is_read():
    depth = 5000
    page = ("<html><body>" + "<div>" * depth + "<p>嵌套很深的网页中的整改措施正文。</p>"
            + "</div>" * depth + "</body></html>").encode("utf-8")
    document = docparse.parse(page, filename="deep.html")
    assert "嵌套很深的网页中的整改措施正文。" in document.text


def test_seed_page_fragment(seeds):
    document = docparse.parse(seeds / "001_8b50126b68af5ed6.txt")
    assert document.format == "html"
    assert document.metadata.title.startswith("中共中央办公厅印发")
    labels = [b.label for b in document.blocks if b.level == 1]
    assert labels[:2] == ["一、", "二、"]
    assert "contentMidPicAD" not in document.text


def test_a_related_links_list_inside_the_article_is_not_text():
    page = ("<html><head><meta charset='utf-8'><title>对照检查材料_学院</title></head><body><div class='content'>"
            "<h1>院长个人对照检查材料</h1>"
            "<p>一、存在的问题</p><p>下基层调研少，听汇报多。</p>"
            "<p>二、努力方向</p><p>每学期听课不少于十节。</p>"
            "<p>相关链接：</p><p>· 学院召开领导班子专题民主生活会</p><p>· 学院党委整改方案公示</p>"
            "<p>上一篇：关于征求意见建议的通知</p>"
            "</div></body></html>").encode("utf-8")
    text = docparse.parse(page, filename="a.html").text
    assert "每学期听课不少于十节。" in text
    assert "民主生活会" not in text and "整改方案公示" not in text and "上一篇" not in text
