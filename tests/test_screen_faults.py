"""screen() under faults: files that change or move between runs, failures worth retrying, a
damaged workspace, a full disk, two runs on one folder, a real kill -9, and children left behind
by killed workers."""

import errno
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from builders import docx_bytes, scanned_pdf_bytes, txt_bytes
from typer.testing import CliRunner

import sifeng.reports as reports
import sifeng.screen as screen_module
from sifeng.cli import app
from sifeng.screen import screen
from sifeng.workspace import Workspace, WorkspaceError

REPO = Path(__file__).resolve().parents[1]


def _plan(unit: str, n: int = 3) -> str:
    lines = [f"中共岚川县{unit}党组整改方案", "一、存在的主要问题"]
    for i in range(1, n + 1):
        lines.append(f"{i}.{unit}第{i}项问题：下乡调研多是听汇报、看材料，群众反映办事要跑{i + 1}趟，窗口等候时间长。")
    lines.append("二、整改措施")
    for i in range(1, n + 1):
        lines.append(f"{i}.{unit}于2014年{i + 5}月底前建立第{i}项工作台账，每月通报一次，由{unit}办公室负责。")
    lines += [f"中共岚川县{unit}党组", "2014年3月28日"]
    return "\n".join(lines)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for unit in ("交通局", "水利局", "农业局"):
        (folder / f"{unit}.txt").write_bytes(txt_bytes(_plan(unit)))
    return folder


def _results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def test_moved_file_gets_its_new_name_everywhere(folder, tmp_path):
    out = tmp_path / "out"
    screen([str(folder)], out=out, workers=1)
    (folder / "交通局.txt").rename(folder / "交通局（修改稿）.txt")
    again = screen([str(folder)], out=out, workers=1)
    assert again.reviewed_now == 0
    sources = sorted(Path(r["source"]).name for r in _results(out))
    assert set(sources) == {"农业局.txt", "水利局.txt", "交通局（修改稿）.txt"}
    sheet = openpyxl.load_workbook(out / "report.xlsx")["汇总"]
    names = {Path(row[0].value).name for row in sheet.iter_rows(min_row=2)}
    assert names == set(sources)
    with Workspace(out) as workspace_names:
        assert sorted(Path(n).name for n, _ in workspace_names.inputs()) == sorted(sources)


def test_file_changed_after_listing_is_stored_under_what_was_read(folder, tmp_path, monkeypatch):
    (folder / "副本.txt").write_bytes((folder / "交通局.txt").read_bytes())
    real_collect = screen_module.collect

    def collect_then_edit(inputs, work):
        collected = real_collect(inputs, work)
        (folder / "交通局.txt").write_bytes(txt_bytes(_plan("城建局")))  # edited after listing
        return collected

    monkeypatch.setattr(screen_module, "collect", collect_then_edit)
    batch = screen([str(folder)], out=tmp_path / "out", workers=1)
    by_name = {Path(e.name).name: e for e in batch.entries}
    assert "城建局" in by_name["交通局.txt"].review.measures[0].text
    assert "交通局" in by_name["副本.txt"].review.measures[0].text
    assert by_name["交通局.txt"].sha256 != by_name["副本.txt"].sha256
    monkeypatch.setattr(screen_module, "collect", real_collect)
    rerun = screen([str(folder)], out=tmp_path / "out", workers=1)
    assert rerun.reviewed_now == 0
    assert "城建局" in {Path(e.name).name: e for e in rerun.entries}["交通局.txt"].review.measures[0].text


def _fail(out: Path, name_part: str, code: str) -> None:
    db = sqlite3.connect(out / "workspace.sqlite")
    sha = next(s for n, s in db.execute("SELECT name, sha256 FROM inputs") if name_part in n)
    db.execute("UPDATE results SET status='failed', review=NULL, error_code=?, error_message='x' WHERE sha256=?",
               (code, sha))
    db.commit()
    db.close()


def test_transient_failures_are_retried_and_others_on_request(folder, tmp_path):
    out = tmp_path / "out"
    screen([str(folder)], out=out, workers=1)
    _fail(out, "交通局", "timeout")
    _fail(out, "水利局", "damaged")
    again = screen([str(folder)], out=out, workers=1)
    assert again.reviewed_now == 1 and [Path(n).name for n in again.retried] == ["交通局.txt"]
    assert len(again.failed) == 1
    forced = screen([str(folder)], out=out, workers=1, retry_failed=True)
    assert [Path(n).name for n in forced.retried] == ["水利局.txt"] and not forced.failed


def test_damaged_workspace_gives_chinese_message_and_own_exit_code(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "workspace.sqlite").write_bytes(b"this is not a database" * 100)
    result = CliRunner().invoke(app, ["screen", str(folder), "--out", str(out), "-j", "1"])
    assert result.exit_code == 4
    assert "工作区文件" in result.stderr and "删除该文件" in result.stderr and "Traceback" not in result.output


def test_one_bad_row_is_skipped_and_reviewed_again(folder, tmp_path):
    out = tmp_path / "out"
    screen([str(folder)], out=out, workers=1)
    db = sqlite3.connect(out / "workspace.sqlite")
    db.execute("UPDATE results SET review='{not json' WHERE rowid = (SELECT MIN(rowid) FROM results)")
    db.commit()
    db.close()
    again = screen([str(folder)], out=out, workers=1)
    assert again.reviewed_now == 1 and not again.failed and len(again.entries) == 3
    assert any("损坏" in note for note in again.notes)


def test_full_disk_while_writing_reports(folder, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = os.fdopen

    def full(fd, *args, **kwargs):
        stream = real(fd, *args, **kwargs)

        class Full:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                stream.close()

            def write(self, data):
                raise OSError(errno.ENOSPC, "No space left on device")

        return Full()

    monkeypatch.setattr(reports.os, "fdopen", full)
    result = CliRunner().invoke(app, ["screen", str(folder), "--out", str(out), "-j", "1"])
    assert result.exit_code == 5
    assert "磁盘空间已满" in result.stderr and "Traceback" not in result.output
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))


def test_unwritable_output_folder(folder, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = CliRunner().invoke(app, ["screen", str(folder), "--out", str(blocker / "out"), "-j", "1"])
    assert result.exit_code == 5 and ("不可写" in result.stderr or "无法写入" in result.stderr)


def test_second_run_on_the_same_folder_is_refused(folder, tmp_path):
    out = tmp_path / "out"
    holder = Workspace(out)
    try:
        with pytest.raises(WorkspaceError) as caught:
            screen([str(folder)], out=out, workers=1)
        assert caught.value.exit_code == 6 and "正在使用" in caught.value.message
        result = CliRunner().invoke(app, ["screen", str(folder), "--out", str(out), "-j", "1"])
        assert result.exit_code == 6
    finally:
        holder.close()
    assert screen([str(folder)], out=out, workers=1).reviewed_now == 3


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
def test_kill_9_mid_run_then_rerun_gives_every_result_exactly_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"单位{i:02d}.txt").write_bytes(txt_bytes(_plan(f"第{i}局", n=4)))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sifeng", "screen", str(folder), "--out", str(out), "-j", "2"]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    finished = 0
    while time.monotonic() < deadline and finished < 5:
        time.sleep(0.2)
        try:
            db = sqlite3.connect(out / "workspace.sqlite", timeout=1)
            finished = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            db.close()
        except sqlite3.Error:
            pass
    assert process.poll() is None, "the run finished before it could be killed"
    workers = _children(process.pid)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for _ in range(50):  # workers die with their parent
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
    db = sqlite3.connect(out / "workspace.sqlite")
    kept = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    db.close()
    rerun = screen([str(folder)], out=out, workers=2)
    assert rerun.reviewed_now == 60 - kept
    sources = [r["source"] for r in _results(out)]
    assert len(sources) == 60 and len(set(sources)) == 60
    assert not rerun.failed


@pytest.mark.skipif(os.name != "posix", reason="process groups")
def test_timed_out_worker_takes_its_ocr_child_and_temp_files_with_it(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    marker = tmp_path / "ocr-pids"
    fake = bin_dir / "tesseract"
    fake.write_text(f"#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo chi_sim; exit 0; fi\n"
                    f"echo $$ >> {marker}\nexec sleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("SIFENG_OCR_ENGINE", "tesseract")  # the engine that runs as a child process
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "扫描件.pdf").write_bytes(scanned_pdf_bytes(["整改方案扫描件正文。"], dpi=100))
    out = tmp_path / "out"
    batch = screen([str(folder)], out=out, workers=1, timeout=4)
    assert batch.failed and "超时" in batch.failed[0].review.flags[0].evidence[0].text
    pids = [int(p) for p in marker.read_text().split()]
    assert pids
    time.sleep(0.3)
    assert not any(_alive(pid) for pid in pids)
    assert not (out / ".work" / "tmp").exists() or not any((out / ".work" / "tmp").iterdir())


def test_review_json_does_not_depend_on_the_hash_seed(tmp_path):
    path = tmp_path / "方案.docx"
    path.write_bytes(docx_bytes([{"kind": "title", "text": "中共岚川县交通局党组整改方案"},
                                 {"kind": "para", "text": "一、存在的主要问题"},
                                 {"kind": "para", "text": "1.下乡调研多是听汇报、看材料，公务接待超标准。"},
                                 {"kind": "para", "text": "二、整改措施"},
                                 {"kind": "para", "text": "1.压缩会议，2014年6月底前完成，由办公室负责。"},
                                 {"kind": "para", "text": "学习教育扎实，谈心交心充分，开展批评认真，边查边改见效。"}]))
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(subprocess.run([sys.executable, "-m", "sifeng", "review", str(path), "--format", "json"],
                                   cwd=REPO, env=env, capture_output=True, check=True).stdout)
    assert len(outputs) == 1


def test_files_that_are_not_submissions_are_not_judged_and_get_no_letter(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "方案.txt").write_bytes(txt_bytes(_plan("交通局")))
    (folder / "一行.txt").write_bytes("请于周五前报送材料。\n".encode())
    news = ("县交通局召开党的群众路线教育实践活动专题民主生活会\n"
            "本报讯（通讯员 王××）近日，县交通局召开专题民主生活会。会上，局党组书记带头作对照检查，"
            "班子成员逐一发言，开展批评与自我批评。县委督导组组长到会指导并讲话，会议要求把整改落到实处，"
            "据了解，该局共查摆出会风文风、窗口服务等方面问题23条，已立行立改11条。")
    (folder / "新闻.txt").write_bytes(news.encode())
    batch = screen([str(folder)], out=tmp_path / "out", workers=1)
    by_name = {Path(e.name).name: e.review for e in batch.entries}
    for name in ("一行.txt", "新闻.txt"):
        review = by_name[name]
        assert review.verdict == "无法判断（需人工审阅）" and review.doc_type is None
        assert [f.code for f in review.flags] == ["structure_unrecognised"]
    assert by_name["新闻.txt"].not_submission == "新闻报道"
    assert by_name["方案.txt"].doc_type == "整改方案" and by_name["方案.txt"].verdict != "无法判断（需人工审阅）"
    letters = list((tmp_path / "out" / "letters").glob("*.docx"))
    assert len(letters) == (1 if by_name["方案.txt"].flags else 0)
    assert len(batch.not_judged) == 2


def test_two_news_reports_sharing_passages_are_not_flagged_as_copies(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    story = ("本报讯（通讯员 王××）近日，县交通局召开党的群众路线教育实践活动专题民主生活会。会上，局党组书记"
             "带头作对照检查，班子成员逐一发言，开展批评与自我批评。县委督导组组长到会指导并讲话，会议要求把整改"
             "落到实处。据了解，该局共查摆出会风文风、窗口服务等方面问题23条，已立行立改11条。") * 2
    (folder / "新闻甲.txt").write_bytes(("县交通局召开专题民主生活会\n" + story).encode())
    (folder / "新闻乙.txt").write_bytes(("交通局民主生活会侧记\n" + story + "记者 李××").encode())
    batch = screen([str(folder)], out=tmp_path / "out", workers=1)
    assert all(e.review.doc_type is None for e in batch.entries)
    assert not batch.pairs and not any(e.review.flags and e.review.flag("duplicate_of") for e in batch.entries)
