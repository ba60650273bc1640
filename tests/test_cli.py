"""`sifeng parse`: formats, exit codes, and messages on bad input."""

import json

from builders import docx_bytes
from typer.testing import CliRunner

from sifeng.cli import app

runner = CliRunner()
SPEC = [
    {"kind": "title", "text": "岚川县财政局党组整改方案"},
    {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": ("chineseCounting", "%1、", 0)},
    {"kind": "para", "text": "“三公”经费管理不够严格。", "num": ("chineseCounting", "（%2）", 1)},
    {"kind": "table", "rows": [["序号", "整改措施", "完成时限"], ["1", "细化公务接待清单", "2014年6月底前"]]},
    {"kind": "sign", "lines": ["岚川县财政局党组", "2014年3月20日"]},
]


def test_parse_json(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes(SPEC))
    result = runner.invoke(app, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["format"] == "docx"
    assert payload["metadata"]["date"] == "2014-03-20"
    labelled = [(b["label"], b["level"], b["text"]) for b in payload["blocks"] if b.get("label")]
    assert labelled == [("一、", 1, "存在的主要问题"), ("（一）", 2, "“三公”经费管理不够严格。")]
    table = next(b for b in payload["blocks"] if b["kind"] == "table")["table"]
    assert table["header_rows"] == 1
    assert [c["text"] for c in table["rows"][1]] == ["1", "细化公务接待清单", "2014年6月底前"]


def test_parse_markdown_and_text(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes(SPEC))
    markdown = runner.invoke(app, ["parse", str(path), "--format", "markdown"]).stdout
    assert "# 岚川县财政局党组整改方案" in markdown
    assert "## 一、存在的主要问题" in markdown
    assert "| 序号 | 整改措施 | 完成时限 |" in markdown
    text = runner.invoke(app, ["parse", str(path)]).stdout
    assert "  （一）“三公”经费管理不够严格。" in text


def test_failures_are_reported_and_the_rest_still_parsed(tmp_path):
    good = tmp_path / "good.docx"
    good.write_bytes(docx_bytes(SPEC))
    bad = tmp_path / "-damaged.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["parse", "--format", "json", "--", str(bad), str(good)])
    assert result.exit_code == 1
    assert "-damaged.docx" in result.stderr and "无法读取" in result.stderr
    assert "Traceback" not in result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["metadata"]["title"] == "岚川县财政局党组整改方案"


def test_folder_is_searched(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("县委办整改方案\n一、存在问题\n", encoding="gbk")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 0
    assert "一、存在问题" in result.stdout


def test_nothing_to_parse(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 1
    assert "没有找到可解析的文件" in result.stderr
