"""report.html: one self-contained offline page (no CDN, fonts or external scripts).

Overview with counts and bar charts (inline SVG) → click a flag's bar to filter the table of
submissions (sortable, searchable) → click a submission to reach its section, where every flag
shows its quoted evidence highlighted in context with its location, the measures table and the
checklist results.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from classifiers.fourstyles import labels as style_labels

from ..flags import flag_specs
from . import write_atomic

if TYPE_CHECKING:
    from ..batch import Batch, Entry

SEVERITY_CN = {"high": "严重", "medium": "一般", "low": "轻微", "info": "提示"}
RESULT_CN = {"pass": "通过", "weak": "较弱", "fail": "未通过", "n/a": "不适用"}
KIND_CN = {"date": "日期", "immediate": "立行立改", "long_term": "长期", "recurring": "周期"}

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Zen Hei",sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#1f4e78;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}
main{padding:18px 28px;max-width:1280px}
.track-not_reported td:nth-child(4){background:#f8cbad}.track-unsupported_claim td:nth-child(4){background:#ffe699}
.track-done_late td:nth-child(4){background:#fce4d6}.track-in_progress td:nth-child(4){background:#ddebf7}
.cards{display:flex;gap:14px;flex-wrap:wrap}.card{background:#fff;border-radius:6px;padding:12px 18px;min-width:130px;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:26px}.charts{display:flex;gap:24px;flex-wrap:wrap;margin:18px 0}
.chart{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 2px #0002}
.chart a{cursor:pointer}.chart a:hover rect{fill:#c55a11}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #dde;padding:5px 8px;vertical-align:top;font-size:14px}
th{background:#e8eef5;cursor:pointer;white-space:nowrap}th.sorted-asc:after{content:" ▲"}th.sorted-desc:after{content:" ▼"}
.chip{display:inline-block;border-radius:10px;padding:0 7px;margin:1px;font-size:12px;background:#ddebf7}
.sev-high{background:#f8cbad}.sev-medium{background:#ffe699}.sev-low{background:#ddebf7}
.verdict-退回修改{color:#c00;font-weight:bold}.verdict-需完善{color:#b8860b;font-weight:bold}
.verdict-无法读取{color:#888;font-weight:bold}
section.doc{background:#fff;margin:22px 0;padding:14px 20px;border-radius:6px;box-shadow:0 1px 2px #0002}
section.doc:target{outline:3px solid #c55a11}
.flag{margin:10px 0;padding:8px 12px;border-left:4px solid #999}.flag.sev-high{border-color:#c00}.flag.sev-medium{border-color:#e0a800}
.quote{margin:4px 0 4px 14px;font-size:14px}.where{color:#555;font-size:12px;margin-right:6px}
mark{background:#ffd54f}.muted{color:#777;font-size:13px}.toolbar{margin:12px 0;display:flex;gap:10px;align-items:center}
.toolbar input,.toolbar select{font-size:14px;padding:4px}
.result-fail{color:#c00}.result-weak{color:#b8860b}.result-pass{color:#2e7d32}
"""

JS = """
function applyFilter(){
  var q=document.getElementById('q').value.trim(), f=document.getElementById('flag').value, shown=0;
  document.querySelectorAll('#submissions tbody tr').forEach(function(tr){
    var ok=(!q||tr.textContent.indexOf(q)>=0)&&(!f||tr.dataset.flags.split(' ').indexOf(f)>=0);
    tr.style.display=ok?'':'none'; if(ok) shown++;});
  document.getElementById('shown').textContent=shown;
}
function filterFlag(code){document.getElementById('flag').value=code;applyFilter();
  document.getElementById('table').scrollIntoView();}
function sortBy(th){
  var table=th.closest('table'), index=[].indexOf.call(th.parentNode.children,th);
  var asc=!th.classList.contains('sorted-asc');
  th.parentNode.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc');});
  th.classList.add(asc?'sorted-asc':'sorted-desc');
  var rows=[].slice.call(table.tBodies[0].rows);
  rows.sort(function(a,b){var x=a.cells[index].dataset.v||a.cells[index].textContent,
    y=b.cells[index].dataset.v||b.cells[index].textContent, nx=parseFloat(x), ny=parseFloat(y);
    var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'zh'); return asc?c:-c;});
  rows.forEach(function(r){table.tBodies[0].appendChild(r);});
}
document.addEventListener('DOMContentLoaded',function(){
  document.querySelectorAll('#submissions th').forEach(function(th){th.addEventListener('click',function(){sortBy(th);});});
  document.getElementById('q').addEventListener('input',applyFilter);
  document.getElementById('flag').addEventListener('change',applyFilter);
  var m=location.hash.match(/^#flag=(\\w+)/); if(m){filterFlag(m[1]);}
  applyFilter();
});
"""


def e(text) -> str:
    return html.escape(str(text if text is not None else ""))


def _bars(counts: list[tuple[str, str, int]], title: str, link: bool) -> str:
    """A horizontal bar chart as inline SVG; with `link`, each bar filters the table."""
    if not counts:
        return f'<div class="chart"><b>{e(title)}</b><p class="muted">无</p></div>'
    top = max(n for _, _, n in counts) or 1
    height = 26 * len(counts) + 10
    rows = []
    for i, (key, label, n) in enumerate(counts):
        y = 8 + 26 * i
        width = 260 * n / top
        bar = (f'<text x="0" y="{y + 14}" font-size="13">{e(label)}</text>'
               f'<rect x="150" y="{y}" width="{width:.0f}" height="18" fill="#2e75b6"></rect>'
               f'<text x="{155 + width:.0f}" y="{y + 14}" font-size="13">{n}</text>')
        rows.append(f'<a onclick="filterFlag(\'{e(key)}\')" data-flag="{e(key)}"><title>点击筛选：{e(label)}</title>{bar}</a>'
                    if link else bar)
    return (f'<div class="chart"><b>{e(title)}</b><br><svg width="460" height="{height}" '
            f'role="img" aria-label="{e(title)}">{"".join(rows)}</svg></div>')


def _highlight(text: str, note: str | None) -> str:
    """The quote with the phrase named in the note (between “ ”) marked, else the whole quote."""
    phrases = re.findall(r"“([^”]{2,30})”", note or "")
    escaped = e(text)
    for phrase in phrases:
        if phrase in text:
            return escaped.replace(e(phrase), f"<mark>{e(phrase)}</mark>", 1)
    return f"<mark>{escaped}</mark>"


def _section(index: int, entry: "Entry") -> str:
    r = entry.review
    parts = [f'<section class="doc" id="doc-{index}"><h2>{e(entry.name)}</h2>',
             f'<p>单位：{e(r.unit or r.author or "未识别")}　类型：{e(r.doc_type or "未识别")}　范围：{e(r.scope or "")}'
             f'　日期：{e(r.date or "")}　结论：<span class="verdict-{e(r.verdict)}">{e(r.verdict)}</span>'
             f'　问题 {len(r.problems)} 条，措施 {len(r.measures)} 条</p>']
    for flag in r.flags:
        parts.append(f'<div class="flag sev-{flag.severity}" id="doc-{index}-{flag.code}">'
                     f'<b>［{SEVERITY_CN[flag.severity]}］{e(flag.name)}</b>：{e(flag.message)}')
        for ev in flag.evidence:
            if ev.text:
                parts.append(f'<div class="quote"><span class="where">{e(ev.where)}</span>“{_highlight(ev.text, ev.note)}”'
                             + (f' <span class="muted">（{e(ev.note)}）</span>' if ev.note else "") + "</div>")
        if flag.source:
            parts.append(f'<div class="muted">依据：{e(flag.source)}</div>')
        parts.append("</div>")
    if r.measures:
        parts.append("<details><summary>整改措施（{}条）</summary><table><thead><tr><th>#</th><th>措施</th><th>时限</th>"
                     "<th>责任主体</th><th>空洞程度</th><th>位置</th></tr></thead><tbody>".format(len(r.measures)))
        for m in r.measures:
            deadline = (f"{e(m.deadline.text)}（{KIND_CN[m.deadline.kind]}{'，' + e(m.deadline.due) if m.deadline.due else ''}）"
                        if m.deadline else '<span class="result-fail">缺</span>')
            owner = e(m.owner.text) if m.owner else '<span class="result-fail">缺</span>'
            parts.append(f"<tr><td>{m.id + 1}</td><td>{e(m.text)}</td><td>{deadline}</td><td>{owner}</td>"
                         f'<td class="{"result-fail" if m.hollow else "result-pass"}">{m.hollow_score:.2f}</td><td>{e(m.where)}</td></tr>')
        parts.append("</tbody></table></details>")
    for checklist in r.checklists:
        parts.append(f"<details><summary>{e(checklist.name)}</summary><ul>")
        for item in checklist.items:
            parts.append(f'<li><span class="result-{item.result.replace("/", "")}">［{RESULT_CN[item.result]}］</span>'
                         f'{e(item.text)} <span class="muted">{e("；".join(item.evidence[:2]))}</span></li>')
        parts.append("</ul></details>")
    parts.append('<p><a href="#table">返回列表</a></p></section>')
    return "".join(parts)


def render(batch: "Batch") -> str:
    entries = batch.entries
    specs = flag_specs()
    flag_counts = Counter(f.code for entry in entries for f in entry.review.flags)
    style_counts = Counter(label for entry in entries for p in entry.review.problems for label in p.labels)
    rows = []
    for index, entry in enumerate(entries):
        r = entry.review
        chips = "".join(f'<span class="chip sev-{f.severity}">{e(f.name)}</span>' for f in r.flags)
        codes = " ".join(f.code for f in r.flags)
        rows.append(f'<tr data-flags="{e(codes)}"><td><a href="#doc-{index}">{e(entry.name)}</a></td>'
                    f"<td>{e(r.unit or r.author or '')}</td><td>{e(r.doc_type or '')}</td>"
                    f'<td class="verdict-{e(r.verdict)}">{e(r.verdict)}</td><td data-v="{len(r.flags)}">{chips}</td>'
                    f"<td>{len(r.problems)}</td><td>{len(r.measures)}</td></tr>")
    options = "".join(f'<option value="{e(code)}">{e(spec["name"])}</option>' for code, spec in specs.items())
    read = sum(not entry.failed for entry in entries)
    cards = [("提交材料", len(entries)), ("成功读取", read), ("无法读取", len(entries) - read + len(batch.input_problems)),
             ("有问题标记", len(batch.flagged)), ("无法判断（需人工审阅）", len(batch.not_judged)),
             ("照搬照抄（对）", len(batch.pairs))]
    body = [
        f"<header><h1>“四风”对照检查材料与整改方案筛查报告</h1><div>生成时间 {dt.datetime.now():%Y-%m-%d %H:%M}"
        f"　输出目录 {e(batch.out.name)}</div></header><main>",
        '<div class="cards">' + "".join(f'<div class="card"><b>{n}</b>{e(label)}</div>' for label, n in cards) + "</div>",
        '<div class="charts">',
        _bars([(code, specs[code]["name"], n) for code, n in flag_counts.most_common()], "问题标记（点击筛选）", True),
        _bars([(label, label, style_counts.get(label, 0)) for label in style_labels()], "查摆问题的“四风”分布", False),
        "</div>",
        '<h2 id="table">材料列表</h2><div class="toolbar"><input id="q" placeholder="搜索文件名、单位……">'
        f'<select id="flag"><option value="">全部标记</option>{options}</select>'
        '<span>显示 <b id="shown"></b> 份</span></div>',
        '<table id="submissions"><thead><tr><th>文件</th><th>单位</th><th>类型</th><th>结论</th><th>标记</th>'
        "<th>问题</th><th>措施</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>",
    ]
    if batch.input_problems:
        body.append("<h2>未能读取的输入</h2><ul>" + "".join(
            f"<li>{e(p.name)}：{e(p.reason)}</li>" for p in batch.input_problems) + "</ul>")
    if batch.pairs:
        body.append(_copies_section(batch))
    if batch.trackings:
        body.append(_ledger_section(batch))
    body.extend(_section(i, entry) for i, entry in enumerate(entries))
    body.append("</main>")
    data = json.dumps({"entries": len(entries)}, ensure_ascii=False)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>“四风”材料筛查报告</title>'
            f"<style>{CSS}</style><script>var SIFENG={data};{JS}</script></head><body>{''.join(body)}</body></html>")


def _ledger_section(batch: "Batch") -> str:
    """Each unit's 整改台账: its plans' measures with owner, due date, status and the report's
    evidence; overdue and unsupported items first."""
    from ..tracking import STATUS_CN, STATUSES

    parts = ['<h2 id="ledger">整改台账（回头看）</h2>']
    for tracking in batch.trackings:
        counts = tracking.summary
        parts.append(f"<h3>{e(tracking.unit or '')}</h3><p>方案：{e('、'.join(tracking.plans))}；自查报告："
                     f"{e(tracking.report)}。措施 {counts['total']} 项：" +
                     "，".join(f"{e(STATUS_CN[s])} {counts[s]}" for s in STATUSES) + "</p>")
        rows = "".join(
            f'<tr class="track-{e(m.status)}"><td>{e(m.text)}</td><td>{e(m.owner or "未写明")}</td>'
            f'<td>{e(m.due or "未写明")}</td><td>{e(STATUS_CN[m.status])}</td>'
            f'<td>{e(m.evidence.text) if m.evidence else ""}'
            f'{"<br><small>" + e(m.evidence.where) + "</small>" if m.evidence else ""}</td><td>{e(m.reason)}</td></tr>'
            for m in tracking.ordered())
        parts.append('<table class="ledger"><thead><tr><th>整改措施</th><th>责任主体</th><th>完成时限</th><th>状态</th>'
                     f"<th>报告中的依据</th><th>理由</th></tr></thead><tbody>{rows}</tbody></table>")
    return "".join(parts)


def _copies_section(batch: "Batch") -> str:
    """Each pair of copies with both sides' shares and the copied passages side by side."""
    ratios = {entry.name: entry for entry in batch.entries}
    parts = ['<h2 id="copies">照搬照抄</h2>']
    for pair in sorted(batch.pairs, key=lambda p: -p.shared_chars):
        a, b = ratios.get(pair.a), ratios.get(pair.b)
        head = (f"<p><b>{e(pair.a)}</b> 与 <b>{e(pair.b)}</b>：重复约 {pair.shared_chars} 字，"
                f"占甲 {pair.share_a:.0%}、占乙 {pair.share_b:.0%}")
        if a and b:
            head += (f"（总文字复制比：甲 {a.copy_total:.0%}、乙 {b.copy_total:.0%}；"
                     f"单篇最大文字复制比：甲 {a.copy_max:.0%}、乙 {b.copy_max:.0%}）")
        parts.append(head + "</p>")
        if pair.passages:
            rows = "".join(f"<tr><td>{e(p.text)}</td><td>{e(p.text_b)}</td></tr>" for p in pair.passages[:10])
            parts.append(f'<table class="copies"><thead><tr><th>{e(pair.a)}</th><th>{e(pair.b)}</th></tr></thead>'
                         f"<tbody>{rows}</tbody></table>")
    return "".join(parts)


def write_html(batch: "Batch") -> Path:
    path = batch.out / "report.html"
    write_atomic(path, render(batch).encode("utf-8"))
    return path
