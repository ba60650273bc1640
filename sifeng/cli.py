"""The `sifeng` command: a thin shell over the Python API.

Exit codes: 0 every input was read; 1 some input failed (each failure is reported with its
file name and reason, and the others are still processed); 2 the command itself was wrong.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer
from rich.console import Console
from rich.markup import escape

from docparse import ParseError, parse
from docparse.render import to_markdown, to_text

from .inputs import files_in

app = typer.Typer(
    name="sifeng",
    help="审查“四风”对照检查材料与整改方案（离线运行，不联网）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, soft_wrap=True)  # a file path in an error is never broken across lines



@app.callback()
def _root() -> None:
    """审查“四风”对照检查材料与整改方案（离线运行，不联网）。"""


class ParseFormat(str, Enum):
    json = "json"
    markdown = "markdown"
    text = "text"




@app.command("parse")
def parse_command(
    files: List[Path] = typer.Argument(..., help="要解析的文件或文件夹（文件夹会递归查找）",
                                       show_default=False),
    fmt: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f",
                                    help="输出格式：text（缩进文本）、markdown 或 json"),
) -> None:
    """把提交材料解析为结构化文档：标题、编号层级、表格及其位置。

    支持 .docx、.doc/.wps（需安装 LibreOffice）、PDF（含扫描件，用随附的 RapidOCR 或 Tesseract 识别）、OFD、
    .txt（自动识别 GBK/UTF-8 等编码）和保存的网页。多个文件以 json 输出时，每行一个文档。
    """
    failures = 0
    targets = list(files_in(files))
    if not targets:
        err.print("[red]没有找到可解析的文件[/red]（支持 .docx .doc .wps .pdf .ofd .txt .html）")
        raise typer.Exit(1)
    many = len(targets) > 1
    for path in targets:
        try:
            document = parse(path)
        except ParseError as exc:
            failures += 1
            err.print(f"[red]错误[/red] {escape(str(exc.message))}", highlight=False)
            continue
        for notice in document.notices:
            err.print(f"[yellow]提示[/yellow] {escape(str(path))}：{escape(str(notice.message))}", highlight=False)
        if fmt is ParseFormat.json:
            payload = document.model_dump(mode="json", exclude_none=True)
            sys.stdout.write(json.dumps(payload, ensure_ascii=False,
                                        indent=None if many else 2) + "\n")
        else:
            if many:
                sys.stdout.write(f"==== {path} ====\n")
            sys.stdout.write(to_markdown(document) if fmt is ParseFormat.markdown
                             else to_text(document))
    if failures:
        err.print(f"共 {len(targets)} 个文件，{failures} 个无法读取", highlight=False)
        raise typer.Exit(1)


def main() -> None:
    """The console script: the Typer app, with Ctrl-C at any moment (even while starting up)
    ending in a one-line Chinese message and exit status 130 instead of a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("已中断。\n")
        sys.exit(130)


class ReviewFormat(str, Enum):
    json = "json"
    text = "text"


@app.command("review")
def review_command(
    files: List[Path] = typer.Argument(..., help="要审查的材料文件或文件夹", show_default=False),
    fmt: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f",
                                     help="输出格式：text（中文摘要）或 json（结构化结果）"),
) -> None:
    """审查一份（或几份）材料：查摆的问题、整改措施的时限/责任人/空洞程度、问题标记和检查清单。

    text 输出给人看：结论、问题标记及原文引文、措施表、清单结果；json 输出供程序使用
    （多个文件时每行一份）。批量审查请用 sifeng screen。
    """
    from .review import default_reviewer
    from .terminal import render

    targets = list(files_in(files))
    if not targets:
        err.print("[red]没有找到可审查的文件[/red]（支持 .docx .doc .wps .pdf .ofd .txt .html）")
        raise typer.Exit(1)
    reviewer = default_reviewer()
    out = Console(highlight=False)
    failures = 0
    for path in targets:
        try:
            result = reviewer.review(path)
        except ParseError as exc:
            failures += 1
            err.print(f"[red]错误[/red] {escape(str(exc.message))}", highlight=False)
            continue
        if fmt is ReviewFormat.json:
            sys.stdout.write(result.to_json(indent=None if len(targets) > 1 else 2) + "\n")
        else:
            render(result, out)
    if failures:
        err.print(f"共 {len(targets)} 个文件，{failures} 个无法读取", highlight=False)
        raise typer.Exit(1)


class TrackFormat(str, Enum):
    text = "text"
    json = "json"
    xlsx = "xlsx"


@app.command("track")
def track_command(
    files: List[Path] = typer.Argument(..., help="一个单位的整改方案、专项整治方案、制度建设计划（一份或几份），"
                                                 "最后一个是它的“回头看”自查报告", show_default=False),
    fmt: TrackFormat = typer.Option(TrackFormat.text, "--format", "-f", help="text（中文台账）、json 或 xlsx"),
    out: Path = typer.Option(None, "--out", "-o", help="xlsx 的输出文件（默认 整改台账.xlsx）"),
) -> None:
    """回头看：逐项跟踪方案里的整改措施在自查报告中的落实情况（已完成、逾期完成、正在推进、
    只有笼统表述、报告未提及），每项给出报告原文依据和理由。"""
    from .tracking import render_text, track, write_xlsx

    if len(files) < 2:
        err.print("[red]错误[/red] 至少需要一份方案和一份自查报告：sifeng track 方案.docx 自查报告.docx")
        raise typer.Exit(2)
    for path in files:
        if not path.is_file():
            err.print(f"[red]错误[/red] {escape(str(path))}：文件不存在", highlight=False)
            raise typer.Exit(1)
    try:
        result = track(files[:-1], files[-1])
    except ParseError as exc:
        err.print(f"[red]错误[/red] {escape(str(exc.message))}", highlight=False)
        raise typer.Exit(1)
    if fmt is TrackFormat.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt is TrackFormat.xlsx:
        target = out or Path("整改台账.xlsx")
        try:
            write_xlsx([result], target)
        except OSError as exc:
            err.print(f"[red]错误[/red] 无法写入 {escape(str(target))}（{escape(str(exc.strerror or exc))}）",
                      highlight=False)
            raise typer.Exit(5)
        err.print(f"已写入 {escape(str(target))}", highlight=False)
    else:
        sys.stdout.write(render_text(result) + "\n")
    if result.notes and not result.measures:
        raise typer.Exit(1)


@app.command("measures")
def measures_command(
    input_file: Path = typer.Argument(Path("-"), help="JSONL 文件，每行 {\"text\", \"ref_date\"}；- 表示标准输入"),
) -> None:
    """逐条分析整改措施（JSONL 进、JSONL 出）：时限（类型、归一化日期）、责任主体、是否空洞。

    每行输入需有 text，可有 ref_date（成文日期，用于把“年底前”“三个月内”换算成日期）；
    输出为原行加上 deadline、owner、hollow、hollow_score 和 hollow_missing。
    """
    from classifiers.hollowness import HollownessScorer
    from classifiers.spans import read_measure

    scorer = HollownessScorer.load()
    rows = _jsonl_rows(sys.stdin if str(input_file) == "-" else _open_text(input_file))
    for _, item in rows:
        text = item["text"]
        ref = item.get("ref_date")
        spans = read_measure(text, ref)
        deadline, owner = spans.deadline, spans.owner
        judgement = scorer.judge(text, ref)
        item["deadline"] = deadline and {"text": deadline.text, "kind": deadline.kind, "due": deadline.due}
        item["owner"] = owner and {"text": owner.text, "kind": owner.kind}
        item["hollow"] = judgement.hollow
        item["hollow_score"] = round(judgement.score, 4)
        item["hollow_missing"] = judgement.missing
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    if rows.bad:
        raise typer.Exit(1)


def _jsonl_rows(handle, required: tuple[str, ...] = ("text",)):
    """(line number, object) for each JSON line having the required string fields; a bad line is
    reported on stderr and skipped, and counted in the returned list's `bad` attribute."""
    rows = _Rows()
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in required):
                raise TypeError
        except (json.JSONDecodeError, TypeError):
            rows.bad += 1
            err.print(f"[red]错误[/red] 第{number}行不是含 {'、'.join(required)} 字段的 JSON 对象，已跳过",
                      highlight=False)
            continue
        rows.append((number, item))
    return rows


class _Rows(list):
    bad = 0


def _open_text(path: Path):
    try:
        return path.open(encoding="utf-8-sig")
    except OSError as exc:
        err.print(f"[red]错误[/red] 无法打开“{escape(str(path))}”：{escape(str(exc.strerror))}", highlight=False)
        raise typer.Exit(1) from exc


@app.command("classify")
def classify_command(
    texts: List[str] = typer.Argument(None, help="要判断的句子；不给则从 --input 读 JSONL", show_default=False),
    input_file: Path = typer.Option(None, "--input", "-i",
                                    help="JSONL 文件，每行 {\"text\": …}；- 表示标准输入"),
    explain: bool = typer.Option(False, "--explain", help="列出促成每个标签的短语"),
) -> None:
    """判断问题表述属于“四风”中的哪几类（形式主义、官僚主义、享乐主义、奢靡之风；可多选；
    不是问题表述的句子不打标签）。

    句子作为参数给出时输出易读文本；用 --input 给 JSONL 时输出同样的行并加上 labels 和 scores
    （--explain 时再加 evidence）。
    """
    from classifiers.fourstyles import default_classifier

    classifier = default_classifier()
    if texts:
        for text in texts:
            prediction = classifier.classify(text)
            labels_text = "、".join(prediction.labels) or "（不是“四风”问题）"
            typer.echo(f"{labels_text}\t{text}")
            if explain:
                for label in prediction.labels:
                    typer.echo(f"    {label} {prediction.scores[label]:.2f}：" + "、".join(prediction.evidence.get(label, [])))
        return
    if input_file is None:
        err.print("[red]错误[/red] 请给出要判断的句子，或用 --input 指定 JSONL 文件（- 为标准输入）")
        raise typer.Exit(2)
    rows = _jsonl_rows(sys.stdin if str(input_file) == "-" else _open_text(input_file))
    for _, item in rows:
        prediction = classifier.classify(item["text"], **({"explain": explain} if explain else {}))
        item["labels"] = prediction.labels
        item["scores"] = {k: round(v, 4) for k, v in prediction.scores.items()}
        if explain:
            item["evidence"] = prediction.evidence
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    if rows.bad:
        raise typer.Exit(1)


evaluate_app = typer.Typer(help="在标注数据上评测模型（逐标签精确率、召回率、F1）。", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@evaluate_app.command("fourstyles")
def evaluate_fourstyles(
    data: Path = typer.Option(..., "--data", help="JSONL 标注数据，每行 {\"text\", \"labels\"}"),
    errors: bool = typer.Option(False, "--errors", help="列出判错的句子"),
    fmt: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f"),
    model: Path = typer.Option(None, "--model", help="模型目录（默认用随附的最新模型）"),
    compare: List[Path] = typer.Option(None, "--compare", help="比较两个模型目录：--compare A --compare B"),
    robustness: bool = typer.Option(False, "--robustness",
                                    help="同时报告改写后标签不变的比例（半角标点、繁体、全角数字、中性引语）"),
) -> None:
    """评测“四风”分类：逐标签 P/R/F1、宏平均 F1、不含线索词句子上的宏 F1、非问题句不打标签的比例、
    标签之间的混淆、判错的句子；--robustness 时加报改写稳健性。"""
    from classifiers.evaluation import evaluate
    from classifiers.fourstyles import LinearStyleClassifier, default_classifier

    items = []
    for number, line in enumerate(_open_text(data), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item["text"], str) or not isinstance(item["labels"], list):
                raise TypeError
        except (json.JSONDecodeError, KeyError, TypeError):
            err.print(f"[red]错误[/red] {escape(str(data))} 第{number}行缺少 text 或 labels，已停止", highlight=False)
            raise typer.Exit(1)
        items.append(item)
    if compare:
        _compare_models(items, compare, fmt)
        return
    classifier = LinearStyleClassifier.load(model) if model else default_classifier()
    report = evaluate(items, [classifier.classify(i["text"], explain=False).labels for i in items]
                      if hasattr(classifier, "model") else classifier.predict([i["text"] for i in items]))
    rates = None
    if robustness and hasattr(classifier, "model"):
        from classifiers.robustness import unchanged_rates

        rates = unchanged_rates([i["text"] for i in items],
                                lambda t: tuple(classifier.classify(t, explain=False).labels))
    if fmt is EvalFormat.json:
        payload = report.as_dict()
        if not errors:
            payload.pop("errors")
        if rates is not None:
            payload["robustness"] = rates
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False)
    out.print(report.markdown())
    if rates is not None:
        names_cn = {"ascii_punctuation": "半角标点", "traditional": "繁体字", "fullwidth_digits": "全角数字",
                    "lead_in": "中性引语"}
        out.print("\n改写后标签不变：" + "，".join(f"{names_cn[k]} {v:.1%}" for k, v in rates.items()))
    out.print("\n标签混淆（行：标注，列：预测）")
    names = list(report.confusion)
    out.print("\t" + "\t".join(names))
    for gold in names:
        out.print(gold + "\t" + "\t".join(str(report.confusion[gold][p]) for p in names))
    if errors:
        out.print(f"\n判错 {len(report.errors)} 条：")
        for e in report.errors:
            out.print(f"  标注 {'、'.join(e['gold']) or '无'} ｜ 预测 {'、'.join(e['predicted']) or '无'} ｜ {escape(str(e['text']))}")


@evaluate_app.command("measures")
def evaluate_measures(
    data: Path = typer.Option(..., "--data", help="JSONL 标注数据，每行 {\"text\", \"ref_date\", \"deadline\", \"owner\", \"hollow\"}"),
    errors: bool = typer.Option(False, "--errors", help="列出判错的措施"),
    fmt: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f"),
    robustness: bool = typer.Option(False, "--robustness",
                                    help="同时报告改写后时限、到期日和责任主体不变的比例"),
) -> None:
    """评测整改措施的时限、责任主体识别（检出的 P/R/F1、原文片段和类别一致率、到期日完全正确的比例）
    和空洞判定；--robustness 时加报改写稳健性。"""
    from classifiers.measure_eval import evaluate as evaluate_reader, evaluate_hollow, rewrite_rates

    items = []
    for number, line in enumerate(_open_text(data), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item["text"], str) or "deadline" not in item or "owner" not in item:
                raise TypeError
            item.setdefault("ref_date", None)
            item.setdefault("id", str(number))
        except (json.JSONDecodeError, KeyError, TypeError):
            err.print(f"[red]错误[/red] {escape(str(data))} 第{number}行缺少 text、deadline 或 owner，已停止",
                      highlight=False)
            raise typer.Exit(1)
        items.append(item)
    result, wrong = evaluate_reader(items)
    hollow, hollow_wrong = evaluate_hollow(items) if all("hollow" in i for i in items) else (None, [])
    rates = rewrite_rates(items) if robustness else None
    if fmt is EvalFormat.json:
        payload = {"n": result["n"], "due": result["due"],
                   **{f: {k: result[f][k] for k in ("tp", "fp", "fn", "span", "kind")} |
                      dict(zip(("precision", "recall", "f1"), result[f]["prf"])) for f in ("deadline", "owner")}}
        if hollow:
            payload["hollow"] = {k: hollow[k] for k in ("tp", "fp", "fn")} | dict(
                zip(("precision", "recall", "f1"), hollow["prf"]))
        if rates is not None:
            payload["robustness"] = rates
        if errors:
            payload["errors"] = {**wrong, "hollow": hollow_wrong}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    out = Console(highlight=False)
    out.print(f"{escape(str(data))}：{result['n']} 条措施")
    out.print("项目\t精确率\t召回率\tF1\t片段一致\t类别一致")
    names = {"deadline": "时限", "owner": "责任主体"}
    for field in ("deadline", "owner"):
        r = result[field]
        tp = max(1, r["tp"])
        p, rc, f = r["prf"]
        out.print(f"{names[field]}\t{p:.3f}\t{rc:.3f}\t{f:.3f}\t{r['span'] / tp:.1%}\t{r['kind'] / tp:.1%}")
    if hollow:
        p, rc, f = hollow["prf"]
        out.print(f"空洞\t{p:.3f}\t{rc:.3f}\t{f:.3f}\t–\t–")
    due = result["due"]
    out.print(f"到期日完全正确：{due['ok']}/{due['total']}（{due['ok'] / max(1, due['total']):.1%}）")
    if rates is not None:
        names_cn = {"ascii_punctuation": "半角标点", "traditional": "繁体字", "fullwidth_digits": "全角数字",
                    "lead_in": "中性引语"}
        out.print("改写后时限、到期日和责任主体不变：" + "，".join(f"{names_cn[k]} {v:.1%}" for k, v in rates.items()))
    if errors:
        for field, entries in (*wrong.items(), ("hollow", hollow_wrong)):
            for entry in entries:
                out.print(f"  [{field}] {escape(json.dumps(entry, ensure_ascii=False, default=str))}")


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(8000, "--port", help="端口"),
    data: Path = typer.Option(Path("sifeng-data"), "--data", help="任务和临时文件的目录（不会写到别处）"),
    workers: int = typer.Option(1, "--workers", help="服务进程数（每个进程载入一次审查模型）"),
) -> None:
    """HTTP 服务：POST /v1/review 同步审查一份材料；POST /v1/jobs 提交批量任务，GET /v1/jobs/{id} 查询
    （可长轮询），下载 results、report.html、report.xlsx、letters.zip；/docs 和 /openapi.json 说明接口。

    设置 SIFENG_API_KEY 后每个请求须带 X-API-Key；SIFENG_MAX_UPLOAD_MB 限制上传大小（默认 100）。
    需要 pip install 'sifeng\\[serve]'。
    """
    try:
        import uvicorn  # noqa: F401
        import fastapi  # noqa: F401
        import multipart  # noqa: F401
    except ImportError:
        err.print("[red]错误[/red] HTTP 服务需要安装：pip install 'sifeng\\[serve]'")
        raise typer.Exit(2)
    try:
        data.mkdir(parents=True, exist_ok=True)
        probe = data / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        err.print(f"[red]错误[/red] 数据目录 {escape(str(data))} 不可写（{exc.strerror or exc}）")
        raise typer.Exit(5)
    import socket

    try:
        with socket.socket() as probe:
            probe.bind((host, port))
    except OSError as exc:
        err.print(f"[red]错误[/red] 无法在 {escape(host)}:{port} 上监听（{escape(str(exc.strerror or exc))}）："
                  "端口可能已被占用，请换一个 --port")
        raise typer.Exit(2)
    os.environ["SIFENG_DATA"] = str(data.resolve())
    import uvicorn

    uvicorn.run("sifeng.serve:app_from_env", factory=True, host=host, port=port, workers=max(1, workers),
                log_level="warning")


@app.command("screen")
def screen_command(
    inputs: List[str] = typer.Argument(..., help="材料文件、文件夹、通配符或 .zip 压缩包（可多个）",
                                       show_default=False),
    out: Path = typer.Option(..., "--out", "-o", help="输出目录：报告、工作区（断点续跑）都在这里"),
    workers: int = typer.Option(None, "--workers", "-j", help="并行进程数（默认等于 CPU 核数）"),
    timeout: float = typer.Option(120.0, "--timeout", help="单个文件的处理时限（秒）"),
    retry_failed: bool = typer.Option(False, "--retry-failed",
                                      help="重新审查上次所有失败的文件（超时、崩溃、文件缺失的失败每次都会自动重试）"),
    scheduler: str = typer.Option(None, "--scheduler",
                                  help="在 Dask 集群上审查：调度器地址，如 tcp://192.168.1.10:8786（需 pip install 'sifeng\\[cluster]'）"),
) -> None:
    """批量筛查：并行审查全部材料，查找相互照搬照抄的材料，生成报告。

    输出目录中有 report.html（离线可打开的报告）、report.xlsx、results.jsonl（每行一份审查结果）
    和 letters/（有问题的材料的督导反馈意见初稿；不是整改材料或无法判断的文件不写）。
    中断或出错后重新运行同一命令，已完成的文件不会重做，结果没有变化的报告不会重写。
    退出码：0 全部读取；1 有文件无法读取；2 用法错误；4 工作区文件损坏；5 输出目录不可写或磁盘已满；
    6 另一个筛查正在使用该输出目录；7 无法连接 Dask 集群；130 被中断（已完成的结果已保存）。
    """
    from .cluster import ClusterError
    from .workspace import WorkspaceError

    console = Console(stderr=True, highlight=False)
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from .screen import screen

        progress = Progress(TextColumn("[bold]审查中"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("失败 {task.fields[failed]}"), TimeRemainingColumn(), console=console,
                            transient=True)
        task_id = None

        def on_start(total: int, already: int) -> None:
            nonlocal task_id
            if already:
                console.print(f"工作区中已有 {already} 份的结果，本次跳过")
            task_id = progress.add_task("screen", total=total, completed=already, failed=0)
            progress.start()

        def on_progress(done: int, failed: int, total: int) -> None:
            progress.update(task_id, completed=done, failed=failed)

        try:
            batch = screen(inputs, out=out, workers=workers, timeout=timeout, on_start=on_start,
                           on_progress=on_progress, retry_failed=retry_failed, scheduler=scheduler)
        finally:
            progress.stop()
    except KeyboardInterrupt:
        console.print("[yellow]已中断。[/yellow]已完成的结果已保存在工作区，重新运行同一命令即可继续。")
        raise typer.Exit(130)
    except (WorkspaceError, ClusterError) as exc:
        console.print(f"[red]错误[/red] {escape(str(exc.message))}")
        raise typer.Exit(exc.exit_code)
    failed = len(batch.failed) + len(batch.input_problems)
    console.print(f"共 {len(batch.entries)} 份材料（本次审查 {batch.reviewed_now} 份，用时 {batch.seconds:.0f} 秒）："
                  f"有问题标记 {len(batch.flagged)} 份，无法判断（需人工审阅）{len(batch.not_judged)} 份，"
                  f"无法读取 {failed} 份，照搬照抄 {len(batch.pairs)} 对")
    for note in batch.notes:
        console.print(f"  [yellow]提示[/yellow] {escape(str(note))}")
    if batch.retried:
        console.print(f"  重新审查了上次失败的 {len(batch.retried)} 份：" + "、".join(escape(n) for n in batch.retried[:10])
                      + ("……" if len(batch.retried) > 10 else ""))
    for entry in batch.failed:
        console.print(f"  [red]无法读取[/red] {escape(str(entry.review.flags[0].evidence[0].text))}")
    for problem in batch.input_problems:
        console.print(f"  [red]无法读取[/red] {escape(str(problem.name))}：{escape(str(problem.reason))}")
    for path in batch.reports.values():
        console.print(f"  {escape(str(path))}")
    if failed:
        raise typer.Exit(1)


annotate_app = typer.Typer(help="标注往返：导出给 Label Studio / doccano，导入标注结果，计算一致性，推荐下一批。",
                           no_args_is_help=True)
app.add_typer(annotate_app, name="annotate")


class Task(str, Enum):
    fourstyles = "fourstyles"
    measures = "measures"


class Tool(str, Enum):
    label_studio = "label-studio"
    doccano = "doccano"


@annotate_app.command("export")
def annotate_export(
    task: Task = typer.Option(..., "--task", help="fourstyles（问题表述的四风标签）或 measures（措施的时限、责任主体、空洞）"),
    source: Path = typer.Option(..., "--from", help="语料 JSONL、sifeng screen 的输出目录，或材料文件/文件夹"),
    tool: Tool = typer.Option(..., "--to", help="label-studio 或 doccano"),
    out: Path = typer.Option(..., "--out", help="输出目录"),
) -> None:
    """导出待标注条目，并预填模型的判断（Label Studio 的 predictions / doccano 的 label）。"""
    from .annotate.formats import export_doccano, export_label_studio
    from .annotate.sources import load_items

    try:
        items = load_items(source, task.value)
    except (ValueError, OSError, ParseError) as exc:
        err.print(f"[red]错误[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1)
    writer = export_label_studio if tool is Tool.label_studio else export_doccano
    for path in writer(items, task.value, out):
        err.print(f"已写出 {escape(str(path))}", highlight=False)
    err.print(f"共 {len(items)} 条", highlight=False)


@annotate_app.command("import")
def annotate_import(
    file: Path = typer.Argument(..., help="Label Studio 的 JSON 导出或 doccano 的 JSONL 导出"),
    fmt: Tool = typer.Option(..., "--format", help="label-studio 或 doccano"),
    task: Task = typer.Option(Task.fourstyles, "--task"),
    into: Path = typer.Option(..., "--into", help="要并入的语料 JSONL（不存在则新建）"),
) -> None:
    """导入标注结果：逐条校验标签，按文本合并（已有的不覆盖，冲突单独列出），原子写入。
    文件有任何一处不合格则整份不导入，语料保持原样，并指出是哪一条、什么问题。"""
    from .annotate import AnnotationError
    from .annotate.corpus import merge
    from .annotate.formats import import_doccano, import_label_studio

    reader = import_label_studio if fmt is Tool.label_studio else import_doccano
    try:
        annotations = reader(file, task.value)
    except AnnotationError as exc:
        err.print(f"[red]错误[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1)
    report = merge(annotations, into, task.value)
    err.print(f"新增 {report.added} 条，已有且一致 {report.unchanged} 条，冲突 {len(report.conflicts)} 条", highlight=False)
    for conflict in report.conflicts:
        err.print(f"  [yellow]冲突[/yellow] {escape(str(conflict['reason']))}：{escape(str(conflict['text']))}", highlight=False)
    if report.conflicts:
        raise typer.Exit(3)


@annotate_app.command("agreement")
def annotate_agreement(
    files: List[Path] = typer.Argument(..., help="一个含多人标注的 Label Studio 导出，或每位标注者一个 doccano 文件"),
    fmt: Tool = typer.Option(Tool.label_studio, "--format"),
    task: Task = typer.Option(Task.fourstyles, "--task"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
) -> None:
    """标注一致性：两人时逐标签 Cohen's kappa，多人时 Krippendorff's alpha，并列出不一致的条目。"""
    from .annotate import AnnotationError
    from .annotate.agreement import agreement
    from .annotate.formats import import_doccano, import_label_studio

    reader = import_label_studio if fmt is Tool.label_studio else import_doccano
    annotations = []
    try:
        for path in files:
            annotations.extend(reader(path, task.value))
    except AnnotationError as exc:
        err.print(f"[red]错误[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1)
    report = agreement(annotations, task.value)
    if as_json:
        sys.stdout.write(json.dumps(report.__dict__, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    out = Console(highlight=False)
    out.print(f"标注者：{'、'.join(report.annotators)}；共同标注 {report.items} 条")
    for name, entry in report.per_label.items():
        kappa = entry.get("cohen_kappa")
        alpha = entry.get("krippendorff_alpha")
        out.print(f"  {name}：" + (f"kappa {kappa:.3f}　" if kappa is not None else "")
                  + (f"alpha {alpha:.3f}" if alpha is not None else "alpha —"))
    out.print(f"不一致 {len(report.disagreements)} 条：")
    for item in report.disagreements:
        out.print(f"  {escape(str(item['text']))}  " + "；".join(f"{k}: {v}" for k, v in item["annotators"].items()))


@annotate_app.command("suggest")
def annotate_suggest(
    task: Task = typer.Option(..., "--task"),
    source: Path = typer.Option(..., "--from", help="语料 JSONL、screen 输出目录或材料"),
    n: int = typer.Option(50, "--n", help="推荐条数"),
    corpus: Path = typer.Option(None, "--corpus", help="已有标注语料：其中已有的文本不再推荐"),
) -> None:
    """推荐最值得标注的 N 条：模型最拿不准的，同时彼此不相似（JSONL 输出，可直接用于 export）。"""
    from .annotate.sources import load_items, normalise
    from .annotate.suggest import suggest

    items = load_items(source, task.value)
    if corpus and corpus.exists():
        known = {normalise(json.loads(line)["text"]) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()}
        items = [i for i in items if normalise(i.text) not in known]
    for item, score in suggest(items, task.value, n):
        row = {"id": item.item_id, "text": item.text, "uncertainty": round(score, 4)}
        if item.ref_date:
            row["ref_date"] = item.ref_date
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


@app.command("train")
def train_command(
    task: Task = typer.Argument(..., help="fourstyles 或 measures（空洞程度模型）"),
    data: Path = typer.Option(None, "--data", help="训练语料 JSONL（默认用随附语料的 train.jsonl）"),
    dev: Path = typer.Option(None, "--dev", help="评测用 JSONL（默认用随附语料的 dev.jsonl）"),
    out: Path = typer.Option(..., "--out", help="模型输出目录，如 models/fourstyles-0.2.0"),
) -> None:
    """用标注语料重新训练模型（需安装 scikit-learn：pip install 'sifeng\\[train]'）。"""
    import time

    try:
        from classifiers import training
    except ImportError:
        err.print("[red]错误[/red] 训练需要 scikit-learn 和 SciPy：pip install 'sifeng\\[train]'")
        raise typer.Exit(1)
    from classifiers.resources import corpora_dir

    folder = corpora_dir() / ("fourstyles" if task is Task.fourstyles else "measures")
    data, dev = data or folder / "train.jsonl", dev or folder / "dev.jsonl"
    version = out.name.rsplit("-", 1)[-1] if "-" in out.name else "0.0.0"
    started = time.perf_counter()
    train_items, dev_items = training.load_jsonl(data), training.load_jsonl(dev)
    if task is Task.fourstyles:
        from classifiers.evaluation import evaluate

        candidate = training.train_fourstyles(train_items, verbose=False)
        report = evaluate(dev_items, candidate.predict([i["text"] for i in dev_items]))
        training.save_fourstyles(candidate, out, version=version, train_path=data, n_train=len(train_items),
                                 dev_report=report, dev_path=dev, n_dev=len(dev_items),
                                 seconds=time.perf_counter() - started)
        err.print(f"已训练 {escape(str(out))}：dev 宏 F1 {report.macro_f1:.3f}", highlight=False)
    else:
        linear, info = training.train_hollowness(train_items, verbose=False)
        model = training.save_hollowness(linear, info, out, version=version, train_path=data,
                                         n_train=len(train_items), dev=dev_items, dev_path=dev,
                                         seconds=time.perf_counter() - started)
        err.print(f"已训练 {escape(str(out))}：dev 空洞 F1 {model.meta['dev']['f1']:.3f}", highlight=False)


def _compare_models(items: list[dict], folders: List[Path], fmt: "EvalFormat") -> None:
    from classifiers.evaluation import compare
    from classifiers.fourstyles import LinearStyleClassifier

    if len(folders) != 2:
        err.print("[red]错误[/red] --compare 需要恰好两个模型目录：--compare A --compare B")
        raise typer.Exit(2)
    models = [LinearStyleClassifier.load(f) for f in folders]
    predictions = [[m.classify(i["text"], explain=False).labels for i in items] for m in models]
    result = compare(items, *predictions)
    if fmt is EvalFormat.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False)
    out.print(f"A = {folders[0]}，B = {folders[1]}，{result['n']} 条")
    out.print("标签\tA 的 F1\tB 的 F1\t差（B−A）")
    for label, row in result["per_label"].items():
        out.print(f"{label}\t{row['f1_a']:.3f}\t{row['f1_b']:.3f}\t{row['difference']:+.3f}")
    low, high = result["interval"]
    verdict = "差异超出抽样误差" if result["beyond_noise"] else "差异在抽样误差之内"
    out.print(f"宏 F1：A {result['macro_f1_a']:.3f}，B {result['macro_f1_b']:.3f}，差 {result['difference']:+.3f}"
              f"（自助法 95% 区间 [{low:+.3f}, {high:+.3f}]，{verdict}）")
