"""Label Studio and doccano files: export with the model's output pre-filled, import with every
label checked.

Label Studio: a tasks JSON (`data`, `predictions` with `result` regions) and its labelling config
XML; its export is the same list with `annotations` (one per annotator: `completed_by`,
`created_at`, `result`). doccano: JSONL, `label` a list of class names (text classification) or
of [start, end, name] (sequence labelling); an `annotator` key, when present, names who labelled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from classifiers.deadlines import find_deadline
from classifiers.fourstyles import labels as style_labels

from . import DEADLINE_LABELS, HOLLOW_CHOICES, OWNER_LABELS, Annotation, AnnotationError, Item

_DEADLINE_BY_KIND = {v: k for k, v in DEADLINE_LABELS.items()}
_OWNER_BY_KIND = {v: k for k, v in OWNER_LABELS.items()}


# ---- predictions ---------------------------------------------------------------------------

def predict(items: list[Item], task: str, classifier=None) -> list[dict]:
    """The model's guess per item, in the corpus shape (four styles: the shipped model unless
    `classifier` is given)."""
    if task == "fourstyles":
        from classifiers.fourstyles import default_classifier

        classifier = classifier or default_classifier()
        out = []
        for item in items:
            p = classifier.classify(item.text, explain=False) if hasattr(classifier, "model") else classifier.classify(item.text)
            out.append({"labels": p.labels, "score": max(p.scores.values(), default=0.0), "scores": p.scores})
        return out
    from classifiers.hollowness import HollownessScorer
    from classifiers.spans import read_measure

    scorer = HollownessScorer.load()
    out = []
    for item in items:
        spans = read_measure(item.text, item.ref_date)
        deadline, owner = spans.deadline, spans.owner
        score = scorer.score(item.text, item.ref_date)
        out.append({"deadline": deadline and {"text": deadline.text, "kind": deadline.kind, "start": deadline.start,
                                              "end": deadline.end, "due": deadline.due},
                    "owner": owner and {"text": owner.text, "kind": owner.kind, "start": owner.start, "end": owner.end},
                    "hollow": score >= 0.5, "score": score})
    return out


def model_version(task: str) -> str:
    if task == "fourstyles":
        from classifiers.fourstyles import default_classifier

        classifier = default_classifier()
        return getattr(classifier, "version", type(classifier).__name__)
    from classifiers.hollowness import latest_model

    return "rules+" + latest_model("hollowness").name


# ---- Label Studio --------------------------------------------------------------------------

def label_studio_config(task: str) -> str:
    if task == "fourstyles":
        choices = "".join(f'    <Choice value="{name}"/>\n' for name in style_labels())
        return ('<View>\n  <Header value="这句话承认的问题属于“四风”中的哪几类？（不是问题表述则都不选）"/>\n'
                '  <Text name="text" value="$text"/>\n'
                f'  <Choices name="styles" toName="text" choice="multiple" showInline="true">\n{choices}  </Choices>\n'
                '</View>\n')
    spans = "".join(f'    <Label value="{name}"/>\n' for name in list(DEADLINE_LABELS) + list(OWNER_LABELS))
    hollow = "".join(f'    <Choice value="{name}"/>\n' for name in HOLLOW_CHOICES)
    return ('<View>\n  <Header value="标出时限和责任主体（各至多一处），并判断措施是否空洞"/>\n'
            f'  <Labels name="spans" toName="text">\n{spans}  </Labels>\n'
            '  <Text name="text" value="$text"/>\n'
            f'  <Choices name="hollow" toName="text" choice="single" required="true">\n{hollow}  </Choices>\n'
            '</View>\n')


def _ls_result(task: str, guess: dict) -> list[dict]:
    if task == "fourstyles":
        return [{"from_name": "styles", "to_name": "text", "type": "choices", "value": {"choices": guess["labels"]}}] \
            if guess["labels"] else []
    result = []
    for field, names in (("deadline", _DEADLINE_BY_KIND), ("owner", _OWNER_BY_KIND)):
        span = guess[field]
        if span:
            result.append({"from_name": "spans", "to_name": "text", "type": "labels",
                           "value": {"start": span["start"], "end": span["end"], "text": span["text"],
                                     "labels": [names[span["kind"]]]}})
    result.append({"from_name": "hollow", "to_name": "text", "type": "choices",
                   "value": {"choices": ["空洞" if guess["hollow"] else "具体"]}})
    return result


def export_label_studio(items: list[Item], task: str, out: Path) -> list[Path]:
    guesses = predict(items, task)
    version = model_version(task)
    tasks = []
    for index, (item, guess) in enumerate(zip(items, guesses), start=1):
        data = {"text": item.text, "item_id": item.item_id}
        if item.ref_date:
            data["ref_date"] = item.ref_date
        if item.meta.get("source"):
            data["source"] = item.meta["source"]
        tasks.append({"id": index, "data": data, "predictions": [
            {"model_version": version, "score": round(float(guess["score"]), 4), "result": _ls_result(task, guess)}]})
    out.mkdir(parents=True, exist_ok=True)
    tasks_path, config_path = out / f"{task}-label-studio.json", out / f"{task}-label-studio-config.xml"
    tasks_path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    config_path.write_text(label_studio_config(task), encoding="utf-8")
    return [tasks_path, config_path]


def _annotator(value) -> str:
    if isinstance(value, dict):
        return str(value.get("email") or value.get("id") or "未知")
    return str(value) if value is not None else "未知"


def import_label_studio(path: Path, task: str) -> list[Annotation]:
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AnnotationError(str(path), [f"不是有效的 Label Studio 导出 JSON（{exc}）"]) from exc
    if not isinstance(tasks, list):
        raise AnnotationError(str(path), ["顶层应是任务列表（Label Studio 的 JSON 导出）"])
    problems: list[str] = []
    out: list[Annotation] = []
    for number, entry in enumerate(tasks, start=1):
        where = f"第{number}个任务"
        if not isinstance(entry, dict) or not isinstance(entry.get("data"), dict) or \
                not isinstance(entry["data"].get("text"), str):
            problems.append(f"{where}：缺少 data.text")
            continue
        data = entry["data"]
        where = f"第{number}个任务（{data.get('item_id') or entry.get('id')}）"
        for annotation in entry.get("annotations") or []:
            if annotation.get("was_cancelled"):
                continue
            who = _annotator(annotation.get("completed_by"))
            result = annotation.get("result")
            if not isinstance(result, list):
                problems.append(f"{where}：标注结果 result 不是列表")
                continue
            parsed = _parse_result(task, data, result, where, problems)
            if parsed is not None:
                parsed.annotator = who
                parsed.annotated_at = annotation.get("updated_at") or annotation.get("created_at")
                out.append(parsed)
    if problems:
        raise AnnotationError(str(path), problems)
    return out


def _parse_result(task: str, data: dict, result: list, where: str, problems: list[str]) -> Optional[Annotation]:
    text = data["text"]
    base = dict(item_id=str(data.get("item_id") or ""), text=text, annotator="", ref_date=data.get("ref_date"))
    if task == "fourstyles":
        chosen: list[str] = []
        for region in result:
            if region.get("type") != "choices":
                problems.append(f"{where}：四风任务只应有选项，出现了 {region.get('type')}")
                return None
            for name in (region.get("value") or {}).get("choices", []):
                if name not in style_labels():
                    problems.append(f"{where}：未知标签“{name}”（应为 {'、'.join(style_labels())} 之一）")
                    return None
                chosen.append(name)
        return Annotation(labels=[n for n in style_labels() if n in chosen], **base)
    spans: dict[str, Optional[dict]] = {"deadline": None, "owner": None}
    hollow = None
    for region in result:
        value = region.get("value") or {}
        if region.get("type") == "labels":
            span = _span(text, value.get("start"), value.get("end"), (value.get("labels") or [None])[0], where,
                         problems)
            if span is None:
                return None
            field, record = span
            if spans[field] is not None:
                problems.append(f"{where}：标了两处{'时限' if field == 'deadline' else '责任主体'}（每条措施至多一处）")
                return None
            spans[field] = record
        elif region.get("type") == "choices":
            names = value.get("choices") or []
            if len(names) != 1 or names[0] not in HOLLOW_CHOICES:
                problems.append(f"{where}：空洞判断应为“空洞”或“具体”之一，得到 {names}")
                return None
            hollow = HOLLOW_CHOICES[names[0]]
    if hollow is None:
        problems.append(f"{where}：缺少空洞判断（空洞/具体）")
        return None
    return Annotation(deadline=_with_due(spans["deadline"], data.get("ref_date")), owner=spans["owner"],
                      hollow=hollow, **base)


def _span(text: str, start, end, label, where: str, problems: list[str]):
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        problems.append(f"{where}：区间 [{start}, {end}) 超出文本范围")
        return None
    if label in DEADLINE_LABELS:
        return "deadline", {"text": text[start:end], "kind": DEADLINE_LABELS[label]}
    if label in OWNER_LABELS:
        return "owner", {"text": text[start:end], "kind": OWNER_LABELS[label]}
    problems.append(f"{where}：未知区间标签“{label}”（应为 {'、'.join(list(DEADLINE_LABELS) + list(OWNER_LABELS))} 之一）")
    return None


def _with_due(deadline: Optional[dict], ref_date: Optional[str]) -> Optional[dict]:
    """A labelled deadline with its due date normalised as the corpus conventions say."""
    if deadline is None:
        return None
    due = None
    if deadline["kind"] == "date":
        found = find_deadline(deadline["text"], ref_date)
        due = found.due if found else None
    return {**deadline, "due": due}


# ---- doccano -------------------------------------------------------------------------------

def export_doccano(items: list[Item], task: str, out: Path) -> list[Path]:
    guesses = predict(items, task)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for item, guess in zip(items, guesses):
        row = {"text": item.text, "item_id": item.item_id}
        if item.ref_date:
            row["ref_date"] = item.ref_date
        if task == "fourstyles":
            row["label"] = guess["labels"]
        else:
            row["label"] = [[s["start"], s["end"], names[s["kind"]]]
                            for s, names in ((guess["deadline"], _DEADLINE_BY_KIND), (guess["owner"], _OWNER_BY_KIND))
                            if s]
            row["hollow"] = "空洞" if guess["hollow"] else "具体"
        lines.append(json.dumps(row, ensure_ascii=False))
    path = out / f"{task}-doccano.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


def import_doccano(path: Path, task: str) -> list[Annotation]:
    try:
        raw_lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(str(path), [f"无法读取（{exc}）"]) from exc
    problems: list[str] = []
    out: list[Annotation] = []
    default_annotator = Path(path).stem
    for number, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        where = f"第{number}行"
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"{where}：不是 JSON（文件可能被截断）")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            problems.append(f"{where}：缺少 text")
            continue
        labels = row.get("label", row.get("labels", []))
        where = f"第{number}行（{row.get('item_id') or row.get('id')}）"
        data = {"text": row["text"], "item_id": row.get("item_id") or row.get("id"), "ref_date": row.get("ref_date")}
        if task == "fourstyles":
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                problems.append(f"{where}：label 应为类别名列表")
                continue
            result = [{"type": "choices", "value": {"choices": labels}}]
        else:
            if not isinstance(labels, list) or not all(isinstance(x, list) and len(x) == 3 for x in labels):
                problems.append(f"{where}：label 应为 [起点, 终点, 标签] 的列表")
                continue
            result = [{"type": "labels", "value": {"start": s, "end": e, "labels": [name]}} for s, e, name in labels]
            if "hollow" in row:
                result.append({"type": "choices", "value": {"choices": [row["hollow"]]}})
        parsed = _parse_result(task, data, result, where, problems)
        if parsed is not None:
            parsed.annotator = str(row.get("annotator") or row.get("user") or default_annotator)
            parsed.annotated_at = row.get("annotated_at") or row.get("updated_at")
            out.append(parsed)
    if problems:
        raise AnnotationError(str(path), problems)
    return out
