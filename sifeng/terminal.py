"""A review as a readable Chinese summary on the terminal: verdict, flags with their quotes,
the measures table and the checklist results."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .models import Review

_SEVERITY = {"high": ("严重", "bold red"), "medium": ("一般", "yellow"), "low": ("轻微", "cyan"),
             "info": ("提示", "dim")}
_RESULT = {"pass": ("通过", "green"), "weak": ("较弱", "yellow"), "fail": ("未通过", "red"),
           "n/a": ("不适用", "dim")}
_KIND = {"date": "日期", "immediate": "立行立改", "long_term": "长期", "recurring": "周期"}
_VERDICT_STYLE = {"退回修改": "bold red", "需完善": "bold yellow", "基本合格": "bold cyan", "合格": "bold green"}


def render(review: Review, console: Console, *, max_quotes: int = 3) -> None:
    """Print the summary of one review."""
    head = Text()
    head.append(f"{review.title or review.source or '（无标题）'}\n", style="bold")
    head.append(f"类型：{review.doc_type or '未识别'}　范围：{review.scope or '未识别'}　"
                f"单位：{review.unit or review.author or '未识别'}　日期：{review.date or '未识别'}\n")
    head.append(f"问题 {len(review.problems)} 条，整改措施 {len(review.measures)} 条　结论：")
    head.append(review.verdict, style=_VERDICT_STYLE.get(review.verdict, "bold"))
    console.print(Panel(head, title="sifeng 审查", expand=False))

    if review.flags:
        console.print(Text("发现的问题", style="bold"))
        for flag in review.flags:
            label, style = _SEVERITY[flag.severity]
            line = Text()
            line.append(f"［{label}］", style=style)
            line.append(f"{flag.name}：{flag.message}")
            console.print(line)
            for ev in flag.evidence[:max_quotes]:
                quote = ev.text if len(ev.text) <= 60 else ev.text[:58] + "……"
                note = f"（{ev.note}）" if ev.note else ""
                console.print(Text(f"    ·{ev.where}：“{quote}”{note}", style="dim"))
            if len(flag.evidence) > max_quotes:
                console.print(Text(f"    ·另有 {len(flag.evidence) - max_quotes} 处，见 --format json", style="dim"))
    else:
        console.print(Text("未发现需要指出的问题。", style="green"))

    if review.measures:
        table = Table(title="整改措施", show_lines=False, expand=True)
        for column in ("#", "措施", "时限", "责任", "空洞"):
            table.add_column(column, overflow="fold")
        for m in review.measures:
            deadline = f"{m.deadline.text}" + (f"→{m.deadline.due}" if m.deadline and m.deadline.due else "") \
                if m.deadline else Text("缺", style="red")
            owner = m.owner.text if m.owner else Text("缺", style="red")
            hollow = Text(f"{m.hollow_score:.2f}", style="red" if m.hollow else "green")
            text = m.text if len(m.text) <= 50 else m.text[:48] + "……"
            table.add_row(str(m.id + 1), text, deadline, owner, hollow)
        console.print(table)

    for checklist in review.checklists:
        rows = []
        for item in checklist.items:
            label, style = _RESULT[item.result]
            rows.append(Text.assemble((f"［{label}］", style), f"{item.text}"))
        console.print(Panel(Group(*rows), title=checklist.name, expand=False))
