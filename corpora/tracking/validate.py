"""Check the plan + look-back pairs in corpora/tracking/<split>/<pair>/ (python corpora/tracking/validate.py [DIR ...]).

Each pair folder holds one to three plan files, one report file and gold.yaml; see corpora/tracking/README.md.
Every measure text and evidence must be an exact, unique substring of its file, and the statuses must
be consistent with their evidence (not_reported has none, the others have one).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

STATUSES = ("done", "done_late", "in_progress", "unsupported_claim", "not_reported")
PLAN_TYPES = ("整改方案", "专项整治方案", "制度建设计划", "个人整改措施")
ROOT = Path(__file__).resolve().parent


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def check_pair(folder: Path) -> list[str]:
    errors: list[str] = []
    gold_path = folder / "gold.yaml"
    if not gold_path.exists():
        return [f"{folder}: 没有 gold.yaml"]
    try:
        gold = yaml.safe_load(_read(gold_path))
    except yaml.YAMLError as exc:
        return [f"{gold_path}: YAML 无法解析：{exc}"]
    where = str(gold_path)
    for key in ("unit", "writer", "report", "report_date", "plans", "measures"):
        if key not in gold:
            errors.append(f"{where}: 缺少键 {key}")
    if errors:
        return errors
    try:
        report_date = dt.date.fromisoformat(str(gold["report_date"]))
    except ValueError:
        errors.append(f"{where}: report_date 应为 YYYY-MM-DD")
        report_date = None
    report_file = folder / gold["report"]
    if not report_file.exists():
        return errors + [f"{where}: 报告文件 {gold['report']} 不存在"]
    report = _read(report_file)
    plans: dict[str, str] = {}
    for plan in gold["plans"]:
        name, kind = plan.get("file"), plan.get("type")
        if kind not in PLAN_TYPES:
            errors.append(f"{where}: 方案 {name} 的 type 应为 {PLAN_TYPES} 之一")
        path = folder / str(name)
        if not path.exists():
            errors.append(f"{where}: 方案文件 {name} 不存在")
            continue
        plans[str(name)] = _read(path)
    for i, m in enumerate(gold["measures"] or [], 1):
        tag = f"{where} 第 {i} 条措施"
        status = m.get("status")
        if status not in STATUSES:
            errors.append(f"{tag}: status 应为 {STATUSES} 之一")
        plan_text = plans.get(str(m.get("plan")))
        if plan_text is None:
            errors.append(f"{tag}: plan 应为 plans 中的文件名")
        else:
            text = m.get("text") or ""
            count = plan_text.count(text)
            if len(text) < 8 or count != 1:
                errors.append(f"{tag}: text 须是方案中唯一出现、不少于 8 字的原文（出现 {count} 次）")
            for key in ("owner",):
                value = m.get(key)
                if value and value not in plan_text:
                    errors.append(f"{tag}: owner「{value}」不在方案原文中")
        due = m.get("due")
        if due is not None:
            try:
                dt.date.fromisoformat(str(due))
            except ValueError:
                errors.append(f"{tag}: due 应为 YYYY-MM-DD 或 null")
        evidence = m.get("evidence")
        if status == "not_reported":
            if evidence:
                errors.append(f"{tag}: not_reported 不应有 evidence")
        elif status in STATUSES:
            if not evidence:
                errors.append(f"{tag}: {status} 须有 evidence")
            elif report.count(evidence) != 1:
                errors.append(f"{tag}: evidence 须是报告中唯一出现的原文（出现 {report.count(evidence)} 次）")
        if not m.get("reason"):
            errors.append(f"{tag}: 缺少 reason")
    if report_date and gold["measures"]:
        dues = [m.get("due") for m in gold["measures"] if m.get("due")]
        if dues and min(dt.date.fromisoformat(str(d)) for d in dues) > report_date + dt.timedelta(days=400):
            errors.append(f"{where}: 所有时限都远在报告日期之后，请检查")
    return errors


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p for split in ("train", "blind") for p in (ROOT / split).glob("*/") if p.is_dir())
    errors: list[str] = []
    counts: dict[str, int] = {}
    for folder in folders:
        errors += check_pair(folder)
        gold_path = folder / "gold.yaml"
        if gold_path.exists():
            try:
                for m in yaml.safe_load(_read(gold_path)).get("measures") or []:
                    counts[m.get("status")] = counts.get(m.get("status"), 0) + 1
            except Exception:  # noqa: BLE001 - reported above
                pass
    for e in errors:
        print(e)
    print(f"{len(folders)} 对，措施状态分布：{counts}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
